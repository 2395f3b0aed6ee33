#include "scrutiny/document_sources.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "scrutiny/schema.h"

namespace scrutiny {
namespace {

using nlohmann::json;

json read_record(IndexWriter& writer, const std::string& doc_id) {
  json record = json::parse(writer.get_metadata("doc:" + doc_id), nullptr, false);
  if (record.is_discarded() || !record.is_object()) return json();
  if (!record.contains("sources") || !record["sources"].is_array()) record["sources"] = json::array();
  return record;
}

// Rewrites the U term of every passage of doc_id, and its stored source if it
// has one (schema 2; schema 3 stores the source only in the record).
void repoint_passages(Xapian::WritableDatabase& db, const std::string& doc_id,
                      const std::string& from, const std::string& to) {
  const std::string id_term = schema::term(schema::kDocId, doc_id);
  std::vector<Xapian::docid> ids;
  for (auto it = db.postlist_begin(id_term); it != db.postlist_end(id_term); ++it) ids.push_back(*it);
  for (Xapian::docid id : ids) {
    Xapian::Document xd = db.get_document(id);
    json data = json::parse(xd.get_data(), nullptr, false);
    if (data.is_object() && data.contains("source")) {
      data["source"] = to;
      xd.set_data(data.dump());
    }
    try {
      xd.remove_term(schema::term(schema::kSourcePath, from));
    } catch (const Xapian::InvalidArgumentError&) {
      // The passage did not carry that path's term: nothing to remove.
    }
    xd.add_boolean_term(schema::term(schema::kSourcePath, to));
    db.replace_document(id, xd);
  }
}

}  // namespace

Status add_source(IndexWriter& writer, const std::string& doc_id, const std::string& source) {
  json record = read_record(writer, doc_id);
  if (record.is_null()) return Error{"no document record for " + doc_id};
  auto& sources = record["sources"];
  if (std::find(sources.begin(), sources.end(), json(source)) != sources.end()) return Status::Ok();
  sources.push_back(source);
  return writer.set_document_record(record);
}

Status remove_source(IndexWriter& writer, const std::string& doc_id, const std::string& source) {
  json record = read_record(writer, doc_id);
  if (record.is_null()) return writer.remove_document(doc_id);
  auto& sources = record["sources"];
  sources.erase(std::remove(sources.begin(), sources.end(), json(source)), sources.end());
  if (sources.empty()) return writer.remove_document(doc_id);
  const std::string primary = record.value("source", "");
  if (primary == source) {
    const std::string next = sources[0].get<std::string>();
    record["source"] = next;
    try {
      repoint_passages(writer.database(), doc_id, source, next);
    } catch (const Xapian::Error& e) {
      return Error{"cannot re-point passages of " + doc_id + ": " + e.get_msg()};
    }
  }
  return writer.set_document_record(record);
}

}  // namespace scrutiny
