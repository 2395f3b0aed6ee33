// Taxonomy::Rules: corpus/taxonomy.toml compiled for matching. Every word
// sequence any rule mentions is one Pattern; patterns are indexed by their
// first word so a passage is scanned once, token by token, whatever the
// number of rules (taxonomy_match.cpp).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "scrutiny/taxonomy.h"

namespace scrutiny {

// One word of a pattern: a stem ("recruit" matches "recruitment"), an exact
// case-sensitive form (acronyms: "SEND"), or a lower-case form written
// "=improved" (only "improved", not "improvement").
struct PatternWord {
  enum class Kind { stem, exact, form };
  Kind kind = Kind::stem;
  std::string text;
};

struct Pattern {
  std::vector<PatternWord> words;
};

struct ThemeRule {
  enum class Kind { word, phrase, acronym, near };
  Kind kind = Kind::phrase;
  int a = -1;         // pattern index
  int b = -1;         // second pattern (near)
  int distance = 0;   // near: at most this many words between a and b
  std::string label;  // the explanation: "phrase:care leavers", "near:agency+staff/5"
};

struct ThemeRules {
  std::string description;
  std::vector<ThemeRule> rules;
  std::vector<int> exclusions;  // patterns whose words no rule of this theme may use
};

struct Taxonomy::Rules {
  std::vector<Pattern> patterns;
  std::unordered_map<std::string, std::vector<int>> by_first_stem;   // stem -> patterns
  std::unordered_map<std::string, std::vector<int>> by_first_exact;  // exact form -> patterns
  std::unordered_map<std::string, std::vector<int>> by_first_form;   // lower-case form -> patterns
  std::vector<ThemeRules> themes;                                    // parallel to Taxonomy::themes_
  // pattern -> (theme index, rule index) of the rules that use it.
  std::vector<std::vector<std::pair<int, int>>> users;

  // Polarity.
  std::vector<char> strength_cue, concern_cue, neutral_cue, negator;  // per pattern flags
  std::vector<std::string> cue_text;                     // per pattern: the cue as written
  int negation_window = 3;
  int section_override_margin = 2;
  std::vector<int> strength_sections, concern_sections, ofsted_concern_sections;

  // Boilerplate.
  std::vector<std::string> starts_with;  // lower-case prefixes
  std::vector<std::string> contains;     // lower-case substrings
  std::vector<int> boilerplate_sections;  // patterns matched against the heading
  int contact_max_words = 0;             // email/phone passages up to this long
};

}  // namespace scrutiny

namespace scrutiny {


// Builds the theme list and compiled rules from taxonomy text; errors read
// "<origin>:<line>: <reason>" (taxonomy_compile.cpp).
Result<std::pair<std::vector<ThemeInfo>, Taxonomy::Rules>> compile_taxonomy(std::string_view text,
                                                                           const std::string& origin);

}  // namespace scrutiny
