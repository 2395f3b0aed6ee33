// Retag: re-applies a (possibly edited) taxonomy to an existing index in
// place, without re-reading source files. Each passage's stored text and
// section are classified again; where themes, polarity, matches or the
// boilerplate mark change, only the tag terms, tag slots and stored-data
// fields are rewritten (passage_tags.h) — text terms and positions stay.
// When the index's synonym concept terms (XSYN, synonym_terms.h) came from
// other synonyms, retag rebuilds them too, from each passage's terms. A
// length-normalised index made before impact tiers (impact_tiers.h) gets
// them: every passage's tier terms, then the "impact_tiers" key in the last
// commit, so searches use them only once every passage has them.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "scrutiny/document.h"
#include "scrutiny/result.h"
#include "scrutiny/synonyms.h"
#include "scrutiny/taxonomy.h"

namespace scrutiny {

struct RetagStats {
  std::size_t documents = 0;  // source documents seen
  std::size_t passages = 0;   // passages classified
  std::size_t changed = 0;    // passages whose tags were rewritten
  bool synonyms_rebuilt = false;      // XSYN terms were stale and rebuilt
  std::size_t synonyms_changed = 0;   // passages whose XSYN terms changed
  bool tiers_added = false;           // the index had no impact tiers and now has
  std::size_t tiers_changed = 0;      // passages whose tier terms were written
  std::map<std::string, std::size_t> themes_before;  // theme id -> passages tagged
  std::map<std::string, std::size_t> themes_after;
  double seconds = 0;
};

struct RetagOptions {
  std::size_t batch = 20000;  // changed passages per commit
  bool dry_run = false;       // classify and count, write nothing
  double wait_seconds = 0;    // for the writer lock held by an ingest
  const Synonyms* synonyms = nullptr;  // null: Synonyms::default_set()
};

// Tags a document's passages in place, as Taxonomy::classify_document does.
using Classifier = std::function<void(Document&)>;

// Error when there is no index at `dir`, it is locked (WriterLock, as
// ingest), or Xapian fails. Each document is rebuilt from its stored
// passages (text, section, page, boilerplate) and passed to `classify`.
Result<RetagStats> retag_index(const std::string& dir, const Classifier& classify,
                               const RetagOptions& options = {});

inline Result<RetagStats> retag_index(const std::string& dir, const Taxonomy& taxonomy,
                                      const RetagOptions& options = {}) {
  return retag_index(dir, [&taxonomy](Document& doc) { taxonomy.classify_document(doc); }, options);
}

}  // namespace scrutiny
