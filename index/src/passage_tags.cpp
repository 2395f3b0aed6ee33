#include "scrutiny/passage_tags.h"

#include <cmath>
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

// The document's facet fields: from kSlotFacets, or from the one-per-slot
// values of a schema 1 index, which are then removed (retag migrates).
schema::FacetFields facet_fields(Xapian::Document& xd) {
  schema::FacetFields f;
  const std::string packed = xd.get_value(schema::kSlotFacets);
  if (!packed.empty()) {
    const schema::FacetViews v = schema::unpack_facets(packed);
    f = {std::string(v.year), std::string(v.type), std::string(v.body), std::string(v.polarity),
         std::string(v.authority), std::string(v.judgement), std::string(v.themes)};
    return f;
  }
  const std::string year = xd.get_value(schema::kSlotYear);
  if (!year.empty()) f.year = std::to_string(std::lround(Xapian::sortable_unserialise(year)));
  f.type = xd.get_value(schema::kSlotType1);
  f.body = xd.get_value(schema::kSlotBody1);
  f.authority = xd.get_value(schema::kSlotAuthority1);
  f.judgement = xd.get_value(schema::kSlotJudgement1);
  for (Xapian::valueno slot : {schema::kSlotThemes1, schema::kSlotType1, schema::kSlotBody1, schema::kSlotPolarity1,
                               schema::kSlotAuthority1, schema::kSlotJudgement1})
    if (!xd.get_value(slot).empty()) xd.remove_value(slot);  // absent: Xapian throws
  return f;
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
  write_facet_tags(xd, p);
}

void write_facet_tags(Xapian::Document& xd, const Passage& p) {
  schema::FacetFields f = facet_fields(xd);
  f.polarity = to_string(p.polarity);
  f.themes = joined_themes(p.themes);
  xd.add_value(schema::kSlotFacets, schema::pack_facets(f));
}

void write_passage_tags(nlohmann::json& data, const Passage& p) {
  data["themes"] = p.themes;
  data["polarity"] = to_string(p.polarity);
  data["matches"] = p.matches;
  data["boilerplate"] = p.boilerplate;
}

}  // namespace scrutiny
