#include "scrutiny/index_writer.h"

#include <filesystem>
#include <system_error>

#include "scrutiny/facet_dictionary.h"
#include "scrutiny/schema.h"
#include "scrutiny/stored_passage.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json optional_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

Error xapian_error(const std::string& what, const Xapian::Error& e) {
  return Error{what + ": " + e.get_type() + ": " + e.get_msg()};
}

// Whether passages store facet numbers, judged by the oldest and the newest:
// a schema 4 writer numbers every passage it adds, and retag every old one.
bool holds_facet_numbers(const Xapian::Database& db) {
  auto first = db.valuestream_begin(schema::kSlotFacets);
  if (first != db.valuestream_end(schema::kSlotFacets) && is_facet_ids(*first)) return true;
  try {
    return is_facet_ids(db.get_document(db.get_lastdocid()).get_value(schema::kSlotFacets));
  } catch (const Xapian::DocNotFoundError&) {
    return false;
  }
}

// Passages store numbers but the dictionary naming them is gone (a damaged
// index). A writer would number strings from 1 again, and the old passages'
// numbers would then name the new strings.
bool lost_facet_dictionary(const Xapian::Database& db) {
  return db.get_doccount() > 0 && db.get_metadata(std::string(schema::kFacetDictionaryKey)).empty() &&
         holds_facet_numbers(db);
}

}  // namespace

json document_record(const Document& doc, size_t passage_count) {
  const Judgements& j = doc.judgements;
  return json{{"doc_id", doc.doc_id},
              {"source", doc.source},
              {"sources", json::array({doc.source})},
              {"format", doc.format},
              {"title", doc.title},
              {"type", doc.type},
              {"body", doc.body},
              {"date", optional_json(doc.date)},
              {"year", doc.year ? json(*doc.year) : json(nullptr)},
              {"authority", doc.authority},
              {"judgement", doc.judgement},
              {"visit", doc.visit},
              {"url", doc.url},
              {"framework", doc.framework},
              {"framework_variant", doc.framework_variant},
              {"judgements",
               {{"overall", optional_json(j.overall)},
                {"leaders", optional_json(j.leaders)},
                {"help_and_protection", optional_json(j.help_and_protection)},
                {"in_care", optional_json(j.in_care)},
                {"care_leavers", optional_json(j.care_leavers)},
                {"in_care_includes_care_leavers", j.in_care_includes_care_leavers}}},
              {"inspection_start", optional_json(doc.inspection_start)},
              {"inspection_end", optional_json(doc.inspection_end)},
              {"lead_inspector", doc.lead_inspector},
              {"provenance", doc.provenance},
              {"pages", doc.pages},
              {"passages", passage_count}};
}

IndexWriter::IndexWriter(std::string dir, Xapian::WritableDatabase db, const Synonyms& synonyms)
    : dir_(std::move(dir)),
      db_(std::make_unique<Xapian::WritableDatabase>(std::move(db))),
      facets_(FacetDictionary::load(*db_)) {
  // Length-normalised wdfs for a new index; an existing one keeps its kind,
  // since one index must not mix both (length_norm.h).
  const bool fresh = db_->get_doccount() == 0;
  std::optional<LengthNorm> norm = fresh ? LengthNorm{} : LengthNorm::of(*db_);
  if (fresh) db_->set_metadata(std::string(schema::kLengthNormKey), norm->to_string());
  // Impact tiers likewise: every passage has its tier terms, or none does.
  std::optional<ImpactTiers> tiers = fresh ? ImpactTiers::for_norm(*norm) : ImpactTiers::of(*db_);
  if (fresh) db_->set_metadata(std::string(schema::kImpactTiersKey), tiers->to_string());
  builder_ = std::make_unique<PassageBuilder>(synonyms, norm, tiers);
  // All XSYN terms in an index must come from one synonyms file. A new index
  // records ours; one built with other synonyms (or before XSYN terms) is
  // marked stale, so searches expand phrases instead, until retag.
  const std::string ours = builder_->synonym_tagger().fingerprint();
  const std::string stored = db_->get_metadata(std::string(schema::kSynonymsKey));
  if (fresh) {
    db_->set_metadata(std::string(schema::kSynonymsKey), ours);
  } else if (stored != ours) {
    synonym_terms_current_ = false;
    if (!stored.empty()) db_->set_metadata(std::string(schema::kSynonymsKey), "");
  }
}

IndexWriter::~IndexWriter() {
  // Xapian commits what is pending when the database closes; so do we.
  if (!db_ || pending_spelling_.empty()) return;
  try {
    flush_spelling();
  } catch (const Xapian::Error&) {
    // Nothing to report to at destruction; the words only feed suggestions.
  }
}

Status IndexWriter::mark_synonym_terms_current() {
  try {
    db_->set_metadata(std::string(schema::kSynonymsKey), builder_->synonym_tagger().fingerprint());
    synonym_terms_current_ = true;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot write index metadata synonyms", e);
  }
}

Result<IndexWriter> IndexWriter::open(const std::string& dir, const Synonyms& synonyms) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error{"cannot create index directory " + dir + ": " + ec.message()};
  try {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OPEN);
    if (lost_facet_dictionary(db))  // before any change: a refused index is left as it was
      return Error{"index at " + dir + " has lost its facet dictionary (metadata " +
                   std::string(schema::kFacetDictionaryKey) +
                   "): new passages would reuse its numbers; ingest into a fresh index"};
    if (db.get_metadata("schema").empty()) db.set_metadata("schema", std::string(schema::kSchemaVersion));
    return IndexWriter(dir, std::move(db), synonyms);
  } catch (const Xapian::DatabaseLockError&) {
    return Error{"index at " + dir + " is locked by another writer (is an ingest running?)"};
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot open index at " + dir, e);
  }
}

Status IndexWriter::replace_document(const Document& doc) {
  if (doc.doc_id.empty()) return Error{"document from " + doc.source + " has no doc_id"};
  std::vector<BuiltPassage> passages;
  try {
    passages = builder_->build(doc);
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot index " + doc.source, e);
  }
  return write(doc, passages);
}

Status IndexWriter::replace_document(const Document& doc, const std::vector<BuiltPassage>& passages) {
  if (doc.doc_id.empty()) return Error{"document from " + doc.source + " has no doc_id"};
  return write(doc, passages);
}

// What FLAG_SPELLING would have added while the text was indexed: each
// unprefixed (text) term once per occurrence, i.e. per position, since
// wdfs may be length-normalised. Title and section terms are prefixed: they
// add none (repeated in every passage, they would skew the suggestions).
// Counted here and handed to Xapian once per word at commit: its spelling
// table keeps a std::map of pending words, so a call per passage and word
// cost the writer 7-10 %.
void IndexWriter::add_spelling_of(const BuiltPassage& passage) {
  for (const BuiltTerm& t : passage.terms) {
    if (t.name.empty() || (t.name[0] >= 'A' && t.name[0] <= 'Z')) continue;
    if (!t.positions.empty()) pending_spelling_[t.name] += static_cast<Xapian::termcount>(t.positions.size());
  }
}

void IndexWriter::flush_spelling() {
  for (const auto& [word, count] : pending_spelling_) db_->add_spelling(word, count);
  pending_spelling_.clear();
}

Status IndexWriter::write(const Document& doc, const std::vector<BuiltPassage>& passages) {
  try {
    db_->delete_document(schema::term(schema::kDocId, doc.doc_id));
    // The delete removed every passage of this doc_id, and uids are doc_id +
    // index, so no document holds a passage's uid now: a plain add saves
    // replace_document's posting-list lookup per passage.
    for (const BuiltPassage& passage : passages) {
      add_spelling_of(passage);
      Xapian::Document xd = passage.to_xapian();
      facets_.encode(xd);
      db_->add_document(xd);
    }
    facets_.store(*db_);  // with the passages: Xapian may commit them at any add
    // Keep every path this content was seen at.
    json record = document_record(doc, passages.size());
    const std::string key = "doc:" + doc.doc_id;
    if (auto old = db_->get_metadata(key); !old.empty()) {
      json previous = json::parse(old, nullptr, false);
      if (previous.is_object() && previous.contains("sources") && previous["sources"].is_array())
        for (const auto& s : previous["sources"])
          if (s.is_string() && s != doc.source) record["sources"].push_back(s);
    }
    return set_document_record(record);
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot index " + doc.source, e);
  }
}

Status IndexWriter::remove_document(const std::string& doc_id) {
  try {
    db_->delete_document(schema::term(schema::kDocId, doc_id));
    db_->set_metadata("doc:" + doc_id, "");
    db_->set_metadata(std::string(schema::kDocumentFieldsKey) + doc_id, "");
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot remove document " + doc_id, e);
  }
}

Status IndexWriter::set_document_record(const json& record) {
  const std::string doc_id = record.value("doc_id", "");
  try {
    db_->set_metadata("doc:" + doc_id, record.dump());
    db_->set_metadata(std::string(schema::kDocumentFieldsKey) + doc_id, document_fields(record).dump());
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot write the record of document " + doc_id, e);
  }
}

Xapian::doccount IndexWriter::passage_count(const std::string& doc_id) const {
  return db_->get_termfreq(schema::term(schema::kDocId, doc_id));
}

Status IndexWriter::set_metadata(const std::string& key, const std::string& value) {
  try {
    db_->set_metadata(key, value);
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot write index metadata " + key, e);
  }
}

std::string IndexWriter::get_metadata(const std::string& key) const {
  try {
    return db_->get_metadata(key);
  } catch (const Xapian::Error&) {
    return "";
  }
}

std::vector<std::pair<std::string, std::string>> IndexWriter::metadata_with_prefix(
    const std::string& prefix) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto it = db_->metadata_keys_begin(prefix); it != db_->metadata_keys_end(prefix); ++it)
    out.emplace_back(*it, db_->get_metadata(*it));
  return out;
}

Status IndexWriter::commit() {
  try {
    flush_spelling();
    db_->commit();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot commit index at " + dir_, e);
  }
}

Result<Xapian::Database> open_index_for_reading(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Error{"no index at " + dir + " (run scrutiny ingest first)"};
  try {
    return Xapian::Database(dir);
  } catch (const Xapian::DatabaseNotFoundError&) {
    return Error{"no index at " + dir + " (run scrutiny ingest first)"};
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot open index at " + dir, e);
  }
}

Result<nlohmann::json> read_document_record(const Xapian::Database& db, const std::string& doc_id) {
  try {
    std::string raw = db.get_metadata("doc:" + doc_id);
    if (raw.empty()) return Error{"no document " + doc_id + " in the index"};
    json record = json::parse(raw, nullptr, false);
    if (record.is_discarded()) return Error{"document record " + doc_id + " is not valid JSON"};
    return record;
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot read document record " + doc_id, e);
  }
}

}  // namespace scrutiny
