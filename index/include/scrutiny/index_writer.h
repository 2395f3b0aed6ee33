// IndexWriter: writes Documents into a Xapian database as one Xapian document
// per Passage (layout in schema.h, docs/schema.md).
//
// Re-adding a document replaces its passages (matched by XDOC<doc_id>), so
// re-ingesting a file never duplicates. The document record (metadata without
// passages, plus every source it was seen at) is kept in user metadata
// "doc:<doc_id>". A new index stores wdfs length-normalised (length_norm.h);
// one built before keeps raw wdfs for every passage added to it. Xapian
// exceptions stop here and come back as Error/Status.
// Changes become visible to readers at commit().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "scrutiny/document.h"
#include "scrutiny/facet_dictionary.h"
#include "scrutiny/passage_builder.h"
#include "scrutiny/result.h"
#include "scrutiny/synonym_terms.h"

namespace scrutiny {

class IndexWriter {
 public:
  // Opens the index at `dir`, creating it (and missing parent directories)
  // when absent. A second writer gets an Error saying the index is locked.
  // Passages get XSYN terms from `synonyms`; when the index's existing ones
  // came from other synonyms, they are marked stale (synonym_terms.h).
  static Result<IndexWriter> open(const std::string& dir,
                                  const Synonyms& synonyms = Synonyms::default_set());

  // Deletes every passage of doc.doc_id, then adds doc's passages.
  Status replace_document(const Document& doc);
  // The same with doc's passages already built (by an ingest worker's copy
  // of passage_builder(), so with this index's length normalisation and
  // synonyms); doc.passages is not read. Their kSlotFacets values are
  // rewritten in number form (facet_dictionary.h).
  Status replace_document(const Document& doc, const std::vector<BuiltPassage>& passages);

  // Deletes every passage of `doc_id` and its "doc:" and "docfields:"
  // records. Removing an unknown id is not an error.
  Status remove_document(const std::string& doc_id);

  // Writes a document's "doc:" record and, from it, its "docfields:" record
  // (the fields passages share, schema.h), so the two cannot disagree.
  Status set_document_record(const nlohmann::json& record);

  // Number of passages of `doc_id` currently in the index.
  Xapian::doccount passage_count(const std::string& doc_id) const;

  // User metadata (Xapian's); "" when absent. Keys listed in schema.h.
  Status set_metadata(const std::string& key, const std::string& value);
  std::string get_metadata(const std::string& key) const;
  // Every (key, value) whose key starts with `prefix`, e.g. "file:".
  std::vector<std::pair<std::string, std::string>> metadata_with_prefix(
      const std::string& prefix) const;

  // Makes every change visible to readers (spelling data included).
  Status commit();

  ~IndexWriter();
  IndexWriter(IndexWriter&&) = default;
  IndexWriter& operator=(IndexWriter&&) = delete;  // would drop the target's pending spelling

  const std::string& dir() const { return dir_; }
  Xapian::WritableDatabase& database() { return *db_; }
  const SynonymTagger& synonym_tagger() const { return builder_->synonym_tagger(); }
  // Builds passages as this index stores them (its length normalisation and
  // synonyms); ingest workers use a copy of it.
  const PassageBuilder& passage_builder() const { return *builder_; }
  // False when passages indexed before this writer have XSYN terms from other
  // synonyms (or none): searches expand phrases until `retag` rewrites them.
  bool synonym_terms_current() const { return synonym_terms_current_; }
  // The numbers this index's kSlotFacets values use; whoever writes a value
  // through database() encodes it here and stores the dictionary with it.
  FacetDictionary& facet_dictionary() { return facets_; }
  // Records that every passage's XSYN terms now come from synonym_tagger().
  Status mark_synonym_terms_current();

 private:
  IndexWriter(std::string dir, Xapian::WritableDatabase db, const Synonyms& synonyms);
  std::string dir_;
  std::unique_ptr<Xapian::WritableDatabase> db_;  // unique_ptr keeps IndexWriter movable
  Status write(const Document& doc, const std::vector<BuiltPassage>& passages);
  void add_spelling_of(const BuiltPassage& passage);
  void flush_spelling();
  std::unordered_map<std::string, Xapian::termcount> pending_spelling_;  // words since the last commit
  std::unique_ptr<PassageBuilder> builder_;
  FacetDictionary facets_;
  bool synonym_terms_current_ = true;
};

// Opens an existing index read-only: Error "no index at DIR (run scrutiny
// ingest first)" when there is none.
Result<Xapian::Database> open_index_for_reading(const std::string& dir);

// The "doc:" record of a document of `passage_count` passages (schema.h).
nlohmann::json document_record(const Document& doc, size_t passage_count);

// Reads the "doc:<doc_id>" record; Error when absent.
Result<nlohmann::json> read_document_record(const Xapian::Database& db, const std::string& doc_id);

}  // namespace scrutiny
