#include "scrutiny/index_writer.h"

#include <cctype>
#include <filesystem>
#include <system_error>

#include "scrutiny/passage_tags.h"
#include "scrutiny/schema.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json optional_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

// "2021-09-07" -> "20210907"; "" when the date is not ISO.
std::string compact_date(const std::optional<std::string>& iso) {
  if (!iso || iso->size() < 10) return "";
  std::string out = iso->substr(0, 4) + iso->substr(5, 2) + iso->substr(8, 2);
  for (char c : out)
    if (!std::isdigit(static_cast<unsigned char>(c))) return "";
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void add_term(Xapian::Document& xd, std::string_view prefix, std::string_view value) {
  if (!value.empty()) xd.add_boolean_term(schema::term(prefix, value));
}

// Per-area Ofsted grades: XJLEADERS:good ... (schema.h kAreaJudgement).
void add_area_judgements(Xapian::Document& xd, const Judgements& j) {
  auto add = [&](const char* area, const std::optional<std::string>& grade) {
    if (grade) add_term(xd, std::string(schema::kAreaJudgement) + upper(area) + ":", *grade);
  };
  add("leaders", j.leaders);
  add("help_and_protection", j.help_and_protection);
  add("in_care", j.in_care);
  add("care_leavers", j.care_leavers);
  // Pre-2023 reports grade care leavers together with children in care.
  if (j.in_care_includes_care_leavers && !j.care_leavers) add("care_leavers", j.in_care);
}

void add_document_terms(Xapian::Document& xd, const Document& doc, const std::string& date) {
  add_term(xd, schema::kDocId, doc.doc_id);
  add_term(xd, schema::kSourcePath, doc.source);
  if (date.size() == 8) {
    add_term(xd, schema::kDate, date);
    add_term(xd, schema::kMonth, date.substr(0, 6));
  }
  if (doc.year) add_term(xd, schema::kYear, std::to_string(*doc.year));
  add_term(xd, schema::kFormat, doc.format);
  add_term(xd, schema::kType, doc.type);
  add_term(xd, schema::kBody, schema::slug(doc.body));
  add_term(xd, schema::kAuthority, schema::slug(doc.authority));
  add_term(xd, schema::kJudgement, doc.judgement);
  add_term(xd, schema::kVisit, doc.visit);
  add_term(xd, schema::kFramework, doc.framework);
  add_area_judgements(xd, doc.judgements);
}

void add_values(Xapian::Document& xd, const Document& doc, const Passage& p, size_t index,
                const std::string& date) {
  xd.add_value(schema::kSlotDate, date);
  if (doc.year) xd.add_value(schema::kSlotYear, Xapian::sortable_serialise(*doc.year));
  xd.add_value(schema::kSlotPage, Xapian::sortable_serialise(p.page));
  xd.add_value(schema::kSlotDocId, doc.doc_id);
  schema::FacetFields f;
  if (doc.year) f.year = std::to_string(*doc.year);
  f.type = doc.type;
  f.body = doc.body;
  f.polarity = to_string(p.polarity);
  f.authority = doc.authority;
  f.judgement = doc.judgement;
  f.themes = joined_themes(p.themes);
  xd.add_value(schema::kSlotFacets, schema::pack_facets(f));
  xd.add_value(schema::kSlotPassageIndex, Xapian::sortable_serialise(static_cast<double>(index)));
}

std::string unique_term(const std::string& doc_id, size_t index) {
  return schema::term(schema::kUniqueId, doc_id + "-" + std::to_string(index));
}

Error xapian_error(const std::string& what, const Xapian::Error& e) {
  return Error{what + ": " + e.get_type() + ": " + e.get_msg()};
}

}  // namespace

json passage_data(const Document& doc, const Passage& p, size_t index) {
  return json{{"doc_id", doc.doc_id},
              {"source", doc.source},
              {"title", doc.title},
              {"type", doc.type},
              {"body", doc.body},
              {"date", optional_json(doc.date)},
              {"year", doc.year ? json(*doc.year) : json(nullptr)},
              {"page", p.page},
              {"passage", index},
              {"section", p.section},
              {"text", p.text},
              {"themes", p.themes},
              {"polarity", to_string(p.polarity)},
              {"matches", p.matches},
              {"authority", doc.authority},
              {"judgement", doc.judgement},
              {"visit", doc.visit},
              {"boilerplate", p.boilerplate}};
}

json document_record(const Document& doc) {
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
              {"passages", doc.passages.size()}};
}

IndexWriter::IndexWriter(std::string dir, Xapian::WritableDatabase db, const Synonyms& synonyms)
    : dir_(std::move(dir)),
      db_(std::make_unique<Xapian::WritableDatabase>(std::move(db))),
      indexer_(std::make_unique<Xapian::TermGenerator>()),
      synonyms_(std::make_unique<SynonymTagger>(synonyms)) {
  indexer_->set_stemmer(Xapian::Stem("english"));
  indexer_->set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  indexer_->set_database(*db_);
  indexer_->set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  // All XSYN terms in an index must come from one synonyms file. A new index
  // records ours; one built with other synonyms (or before XSYN terms) is
  // marked stale, so searches expand phrases instead, until retag.
  // Length-normalised wdfs for a new index; an existing one keeps its kind,
  // since one index must not mix both (length_norm.h).
  if (db_->get_doccount() == 0) {
    length_norm_ = LengthNorm{};
    db_->set_metadata(std::string(schema::kLengthNormKey), length_norm_->to_string());
  } else {
    length_norm_ = LengthNorm::of(*db_);
  }
  const std::string stored = db_->get_metadata(std::string(schema::kSynonymsKey));
  if (db_->get_doccount() == 0) {
    db_->set_metadata(std::string(schema::kSynonymsKey), synonyms_->fingerprint());
  } else if (stored != synonyms_->fingerprint()) {
    synonym_terms_current_ = false;
    if (!stored.empty()) db_->set_metadata(std::string(schema::kSynonymsKey), "");
  }
}

Status IndexWriter::mark_synonym_terms_current() {
  try {
    db_->set_metadata(std::string(schema::kSynonymsKey), synonyms_->fingerprint());
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
  try {
    const std::string id_term = schema::term(schema::kDocId, doc.doc_id);
    db_->delete_document(id_term);
    const std::string date = compact_date(doc.date);
    for (size_t i = 0; i < doc.passages.size(); ++i) {
      const Passage& p = doc.passages[i];
      Xapian::Document xd;
      indexer_->set_document(xd);
      indexer_->index_text(p.text);
      synonyms_->tag(xd);  // before other terms: fewer to walk
      // Title words only under S: unprefixed, they would make every passage of
      // a document match its title words and inflate per-passage counts. They
      // add no spelling data: repeated for every passage, they would cost a
      // spelling-table update each time and skew the suggestions.
      indexer_->set_flags(Xapian::TermGenerator::flags(0));
      indexer_->index_text(doc.title, 1, std::string(schema::kTitle));
      if (!p.section.empty()) indexer_->index_text(p.section, 1, std::string(schema::kSection));
      indexer_->set_flags(Xapian::TermGenerator::FLAG_SPELLING);
      add_document_terms(xd, doc, date);
      for (const auto& t : p.themes) add_term(xd, schema::kTheme, t);
      add_term(xd, schema::kPolarity, to_string(p.polarity));
      if (p.boilerplate) xd.add_boolean_term(std::string(schema::kBoilerplate));
      const std::string uid = unique_term(doc.doc_id, i);
      xd.add_boolean_term(uid);
      add_values(xd, doc, p, i, date);
      if (length_norm_) normalise_wdfs(xd, *length_norm_);  // last: every term is in
      xd.set_data(passage_data(doc, p, i).dump());
      // The delete above removed every passage of this doc_id, and uids are
      // doc_id + index, so no document holds uid now: a plain add saves
      // replace_document's posting-list lookup per passage.
      db_->add_document(xd);
    }
    // Keep every path this content was seen at.
    json record = document_record(doc);
    const std::string key = "doc:" + doc.doc_id;
    if (auto old = db_->get_metadata(key); !old.empty()) {
      json previous = json::parse(old, nullptr, false);
      if (previous.is_object() && previous.contains("sources") && previous["sources"].is_array())
        for (const auto& s : previous["sources"])
          if (s.is_string() && s != doc.source) record["sources"].push_back(s);
    }
    db_->set_metadata(key, record.dump());
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot index " + doc.source, e);
  }
}

Status IndexWriter::remove_document(const std::string& doc_id) {
  try {
    db_->delete_document(schema::term(schema::kDocId, doc_id));
    db_->set_metadata("doc:" + doc_id, "");
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return xapian_error("cannot remove document " + doc_id, e);
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
