// Synonym concept terms: XSYN<key> on every passage that contains an entry of
// a synonym group (synonyms.h), its wdf the number of occurrences. A search
// for any entry of the group then reads one posting list, where expanding
// the group into its phrases must check positions for every passage holding
// common words like "children" and "care" (the top-10 latency tail on large
// indexes, docs/benchmarks.md).
//
// Entries match as the query parser reads them: one word by its unstemmed
// term or its stem (Z prefix), several words as an exact phrase. An entry of
// several words also gets its own term (XSYNE), so a quoted entry the user
// types ("children in care") needs no phrase check either. The index records
// the fingerprint of the synonyms its terms came from (metadata "synonyms");
// a search uses the terms only when that equals its own, and `scrutiny
// retag` rewrites them after synonyms.conf is edited.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "scrutiny/synonyms.h"

namespace scrutiny {

// XSYN + the group's first entry, spaces as '_': XSYNlac, XSYNfront_door.
std::string synonym_term(const Synonyms& synonyms, size_t group);

// XSYNE + `entry` (lower-cased, single-spaced, as Synonyms holds it) with '_'
// for spaces when the entry is several index terms (a phrase); "" for one
// word, which needs no term of its own.
std::string synonym_entry_term(const std::string& entry);

// What the index's metadata "synonyms" holds for terms built from `synonyms`
// by this version of the tagger: the synonyms' fingerprint and the tagging
// scheme, so an index tagged by an older scheme counts as stale.
std::string concept_terms_fingerprint(const Synonyms& synonyms);

class SynonymTagger {
 public:
  explicit SynonymTagger(const Synonyms& synonyms);

  // Sets xd's XSYN terms from its text terms and positions (already
  // generated, or read from the index); true when they changed. `wdf_factor`:
  // the factor xd's wdfs were scaled by (length_norm.h), 1 for raw wdfs;
  // the XSYN wdfs are scaled by it too.
  bool tag(Xapian::Document& xd, double wdf_factor = 1) const;

  const std::string& fingerprint() const { return fingerprint_; }

 private:
  struct Entry {
    size_t group;
    std::vector<std::string> terms;  // index terms in order; one: matched by term or stem, more: a phrase
    std::string term;                // XSYNE term of a phrase entry, "" for one word
    bool phrase() const { return terms.size() > 1; }
  };
  struct Use {
    size_t entry;
    size_t word;  // position of the term within its entry
  };
  // Exact-phrase occurrences of each phrase entry whose words are all in xd.
  std::map<size_t, Xapian::termcount> phrase_counts(const Xapian::Document& xd,
                                                    const std::vector<size_t>& words_present) const;

  std::vector<Entry> entries_;
  std::vector<std::string> group_terms_;
  std::unordered_map<std::string, std::vector<Use>> uses_;  // index term -> entries using it
  std::string fingerprint_;
};

}  // namespace scrutiny
