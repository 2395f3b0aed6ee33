#include "scrutiny/stored_passage.h"

#include "scrutiny/schema.h"

namespace scrutiny {

using nlohmann::json;

json StoredPassageReader::read(const Xapian::Document& passage) {
  json data = json::parse(passage.get_data(), nullptr, false);
  if (data.is_object()) add_document_fields(data);
  return data;
}

void StoredPassageReader::add_document_fields(json& data) {
  const auto id = data.find("doc_id");
  if (id == data.end() || !id->is_string()) return;
  const json& doc = record(id->get<std::string>());
  for (std::string_view field : schema::kDocumentFields) {
    const std::string key(field);
    if (data.contains(key)) continue;
    if (auto v = doc.find(key); v != doc.end()) data[key] = *v;
  }
}

const json& StoredPassageReader::record(const std::string& doc_id) {
  if (doc_id == record_id_ && !record_.is_null()) return record_;
  std::string stored = db_.get_metadata(std::string(schema::kDocumentFieldsKey) + doc_id);
  if (stored.empty()) stored = db_.get_metadata("doc:" + doc_id);
  record_ = json::parse(stored, nullptr, false);
  if (!record_.is_object()) record_ = json::object();
  record_id_ = doc_id;
  return record_;
}

json document_fields(const json& record) {
  json fields = json::object();
  for (std::string_view field : schema::kDocumentFields)
    if (auto v = record.find(std::string(field)); v != record.end()) fields[std::string(field)] = *v;
  return fields;
}

json without_document_fields(json data) {
  for (std::string_view field : schema::kDocumentFields) data.erase(std::string(field));
  return data;
}

bool has_document_fields(const json& data) {
  for (std::string_view field : schema::kDocumentFields)
    if (data.contains(std::string(field))) return true;
  return false;
}

}  // namespace scrutiny
