// Taxonomy: the theme rules of corpus/taxonomy.toml, loaded at run time, and
// the classifier that tags a passage with theme ids and a polarity. Every tag
// records which rule matched so it can be explained.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scrutiny/document.h"
#include "scrutiny/result.h"

namespace scrutiny {

struct ThemeInfo {
  std::string id;      // THEMES.md id, e.g. "workforce"
  std::string label;   // "Workforce"
  std::string group;   // optional grouping
};

struct Classification {
  std::vector<std::string> themes;                          // sorted ids
  Polarity polarity = Polarity::neutral;
  std::map<std::string, std::vector<std::string>> matches;  // id -> rules matched
  // Contact details, decision-form tables...: then themes are empty and
  // polarity neutral, since boilerplate is never a finding.
  bool boilerplate = false;
  // Why the polarity: the cues counted, in text order ("strength:robust",
  // "concern:too many", "concern:not+effective" for a negated cue) and the
  // heading cue ("section:concern").
  std::vector<std::string> polarity_cues;
};

class Taxonomy {
 public:
  static Result<Taxonomy> load_file(const std::string& path);
  static Result<Taxonomy> parse(std::string_view text, const std::string& origin);

  // The file used when none is given: $SCRUTINY_TAXONOMY, then
  // <prefix>/share/scrutiny/taxonomy.toml, then the source tree's corpus/.
  static std::string default_path();

  const std::vector<ThemeInfo>& themes() const { return themes_; }
  bool has_theme(std::string_view id) const;

  // The theme's description from the taxonomy file ("" if unknown).
  const std::string& description(std::string_view id) const;

  // `section` is the heading the text sits under (it informs polarity and
  // boilerplate). `doc_type` (THEMES.md type) enables type-specific section
  // cues such as an Ofsted report's "Recommendations".
  Classification classify(std::string_view text, std::string_view section = {}) const;
  Classification classify(std::string_view text, std::string_view section, std::string_view doc_type) const;

  // Tags every passage of `doc` in place: marks boilerplate (a passage already
  // marked stays so), and sets themes, polarity and matches of the others.
  void classify_document(Document& doc) const;

  struct Rules;  // compiled rules, defined in taxonomy.cpp
 private:
  std::vector<ThemeInfo> themes_;
  std::shared_ptr<const Rules> rules_;
};

}  // namespace scrutiny
