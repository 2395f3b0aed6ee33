// StoredPassageReader: a passage's stored data with its document's fields.
//
// Since schema 3 a passage's data holds only its own fields; the fields every
// passage of a document shares (schema::kDocumentFields: source, title, date...)
// are stored once, in the document's "doc:<doc_id>" record and, for quick
// reading, alone in its "docfields:<doc_id>" record. That makes the stored
// data a third smaller and a moved file one record to update.
// This reader joins them back (from "doc:" when an index migrated from
// schema 2 has no "docfields:" record), so callers see one object per passage whatever
// the schema (a schema 2 passage carries them itself, and its values win).
// It keeps the last record it read: passages of one document are adjacent in
// docid order, so a walk over many passages reads each record once.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace scrutiny {

class StoredPassageReader {
 public:
  explicit StoredPassageReader(Xapian::Database db) : db_(std::move(db)) {}

  // The passage's data with its document's fields filled in; a discarded
  // JSON value when the data is not an object (not a passage we wrote).
  nlohmann::json read(const Xapian::Document& passage);

  // Adds to `data` the document fields it lacks, from the record of its
  // "doc_id" (nothing when there is no such record).
  void add_document_fields(nlohmann::json& data);

 private:
  const nlohmann::json& record(const std::string& doc_id);

  Xapian::Database db_;  // a handle: shares the caller's database
  std::string record_id_;
  nlohmann::json record_;
};

// The document fields of a "doc:" record: its "docfields:" record.
nlohmann::json document_fields(const nlohmann::json& record);

// `data` without the document fields: what schema 3 stores for a passage.
nlohmann::json without_document_fields(nlohmann::json data);

// True when `data` carries document fields (a schema 2 passage).
bool has_document_fields(const nlohmann::json& data);

}  // namespace scrutiny
