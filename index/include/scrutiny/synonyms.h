// Synonyms: groups of equivalent terms and acronyms from corpus/synonyms.conf
// ("LAC = CLA = looked after children = children in care"), loaded at run
// time so a scrutiny officer can edit them. Matching ignores case.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scrutiny/result.h"

namespace scrutiny {

class Synonyms {
 public:
  static Result<Synonyms> load_file(const std::string& path);
  // One group per line, entries separated by '='; '#' starts a comment.
  static Result<Synonyms> parse(std::string_view text, const std::string& origin);

  // $SCRUTINY_SYNONYMS, then <prefix>/share/scrutiny/synonyms.conf beside the
  // executable, then the source tree's corpus/synonyms.conf.
  static std::string default_path();
  // The default file, loaded once; an empty set when it is missing.
  static const Synonyms& default_set();

  // Each group's entries, lower-cased words separated by single spaces.
  const std::vector<std::vector<std::string>>& groups() const { return groups_; }

  // Index into groups() of the group containing `phrase` (lower-cased,
  // single-spaced), or -1.
  int find(std::string_view phrase) const;
  // Longest entry length, in words.
  size_t max_words() const { return max_words_; }
  // Hex digest of the groups: the index records the one its concept terms
  // were built with (synonym_terms.h).
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  std::vector<std::vector<std::string>> groups_;
  size_t max_words_ = 0;
  std::string fingerprint_;
};

}  // namespace scrutiny
