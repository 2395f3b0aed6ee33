#include "scrutiny/passage_tags.h"

#include <string>
#include <vector>

#include "scrutiny/schema.h"

namespace scrutiny {
namespace {

// Terms under `prefix` currently in `xd`. Collected first: removing terms
// while walking the termlist would invalidate the iterator.
std::vector<std::string> terms_with_prefix(const Xapian::Document& xd, std::string_view prefix) {
  std::vector<std::string> out;
  Xapian::TermIterator it = xd.termlist_begin();
  it.skip_to(std::string(prefix));
  for (; it != xd.termlist_end(); ++it) {
    const std::string t = *it;
    if (t.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(t);
  }
  return out;
}

}  // namespace

std::string joined_themes(const std::vector<std::string>& themes) {
  std::string out;
  for (const auto& t : themes) {
    if (!out.empty()) out += '\n';
    out += t;
  }
  return out;
}

void write_passage_tags(Xapian::Document& xd, const Passage& p) {
  // XBOILER is also a prefix of nothing else, and XPOL/XTHEME are distinct
  // from every other schema prefix, so a prefix walk removes exactly ours.
  for (std::string_view prefix : {schema::kTheme, schema::kPolarity, schema::kBoilerplate})
    for (const auto& t : terms_with_prefix(xd, prefix)) xd.remove_term(t);
  for (const auto& t : p.themes)
    if (!t.empty()) xd.add_boolean_term(schema::term(schema::kTheme, t));
  xd.add_boolean_term(schema::term(schema::kPolarity, to_string(p.polarity)));
  if (p.boilerplate) xd.add_boolean_term(std::string(schema::kBoilerplate));
  xd.add_value(schema::kSlotThemes, joined_themes(p.themes));
  xd.add_value(schema::kSlotPolarity, to_string(p.polarity));
}

void write_passage_tags(nlohmann::json& data, const Passage& p) {
  data["themes"] = p.themes;
  data["polarity"] = to_string(p.polarity);
  data["matches"] = p.matches;
  data["boilerplate"] = p.boilerplate;
}

}  // namespace scrutiny
