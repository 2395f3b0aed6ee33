#include "scrutiny/retag.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "scrutiny/impact_tiers.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/passage_tags.h"
#include "scrutiny/schema.h"
#include "scrutiny/stored_passage.h"
#include "scrutiny/writer_lock.h"

namespace scrutiny {
namespace {

using nlohmann::json;

// One stored passage waiting to be classified with the rest of its document.
struct Pending {
  Xapian::docid docid;
  Xapian::Document xd;
  json data;
};

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Passage passage_from_data(const json& data) {
  Passage p;
  if (auto it = data.find("page"); it != data.end() && it->is_number_integer()) p.page = it->get<int>();
  p.section = str(data, "section");
  p.text = str(data, "text");
  if (auto it = data.find("boilerplate"); it != data.end() && it->is_boolean()) p.boilerplate = it->get<bool>();
  if (auto it = data.find("themes"); it != data.end() && it->is_array())
    for (const auto& t : *it)
      if (t.is_string()) p.themes.push_back(t.get<std::string>());
  if (auto pol = parse_polarity(str(data, "polarity"))) p.polarity = *pol;
  if (auto it = data.find("matches"); it != data.end() && it->is_object())
    p.matches = it->get<std::map<std::string, std::vector<std::string>>>();
  return p;
}

// A passage of schema 4 or before: its collapse key is the doc_id itself.
bool before_schema_5(const Xapian::Document& xd, const std::string& doc_id) {
  return xd.get_value(schema::kSlotDocId) != schema::collapse_key(doc_id);
}

// Schema 5's collapse key. The passage's title and section words keep their
// positions: dropping them makes Xapian re-read and rewrite every position
// list of the passage (292 block reads a passage: 6x the time of the whole
// migration on the Ofsted reports, unfinished after 9 CPU-minutes at 1M
// passages). Searches treat both alike; re-ingesting drops them.
void migrate_to_schema_5(Xapian::Document& xd, const std::string& doc_id) {
  xd.add_value(schema::kSlotDocId, schema::collapse_key(doc_id));
}

bool same_tags(const Passage& a, const Passage& b) {
  return a.themes == b.themes && a.polarity == b.polarity && a.matches == b.matches &&
         a.boilerplate == b.boilerplate;
}

class Retagger {
 public:
  // `synonyms`: rebuild every passage's XSYN terms with it; null: keep them.
  // `tiers`: write every passage's impact tier terms; nullopt: keep them.
  Retagger(Xapian::WritableDatabase& db, FacetDictionary& facets, const Classifier& classify,
           const RetagOptions& options, const SynonymTagger* synonyms, std::optional<ImpactTiers> tiers)
      : db_(db),
        facets_(facets),
        classify_(classify),
        options_(options),
        synonyms_(synonyms),
        tiers_(std::move(tiers)),
        length_norm_(LengthNorm::of(db)),
        records_(db) {}

  void add(Xapian::docid did, Xapian::Document xd) {
    json data = json::parse(xd.get_data(), nullptr, false);
    if (!data.is_object()) return;  // not a passage we wrote
    const std::string doc_id = str(data, "doc_id");
    if (doc_id != current_) flush();
    current_ = doc_id;
    pending_.push_back({did, std::move(xd), std::move(data)});
  }

  // Classifies the pending passages as one Document (so document-level
  // context is what ingest saw) and rewrites those whose tags changed.
  void flush() {
    if (pending_.empty()) return;
    std::sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) {
      return a.data.value("passage", 0) < b.data.value("passage", 0);
    });
    Document doc;
    json first = pending_.front().data;
    records_.add_document_fields(first);  // schema 3 keeps them in the document's record
    doc.doc_id = current_;
    doc.source = str(first, "source");
    doc.title = str(first, "title");
    doc.type = str(first, "type");
    doc.body = str(first, "body");
    doc.authority = str(first, "authority");
    std::vector<Passage> before;
    for (const auto& p : pending_) {
      before.push_back(passage_from_data(p.data));
      Passage fresh = before.back();
      fresh.themes.clear();
      fresh.matches.clear();
      fresh.polarity = Polarity::neutral;
      doc.passages.push_back(std::move(fresh));
    }
    classify_(doc);
    const bool schema2 = std::any_of(pending_.begin(), pending_.end(),
                                     [](const Pending& p) { return has_document_fields(p.data); });
    if (schema2 && !options_.dry_run) write_document_fields();
    for (size_t i = 0; i < pending_.size(); ++i) {
      const Passage& now = doc.passages[i];
      count(stats_.themes_before, before[i]);
      count(stats_.themes_after, now);
      ++stats_.passages;
      // A schema 1 passage (no packed facet slot), schema 2 passage
      // (document fields in its data), schema 3 passage (facets as
      // strings) or schema 4 passage (the doc_id as collapse key) is
      // rewritten even when its tags stand: that is how retag
      // migrates an index.
      Pending& p = pending_[i];
      const bool old_schema = !is_facet_ids(p.xd.get_value(schema::kSlotFacets)) || has_document_fields(p.data) ||
                              before_schema_5(p.xd, current_);
      const bool tags = !same_tags(before[i], now) || old_schema;
      // Edit the passage as most recently opened: Xapian then rewrites only
      // what changed. Replacing one opened before its neighbours re-reads
      // and rewrites every position list (8M block reads for 60k passages).
      if (tags || synonyms_ || tiers_) p.xd = db_.get_document(p.docid);
      const bool synonyms = synonyms_ && synonyms_->tag(p.xd, wdf_factor(p.xd, length_norm_));
      if (synonyms) ++stats_.synonyms_changed;
      const bool tiers = tiers_ && tiers_->rewrite(p.xd);
      if (tiers) ++stats_.tiers_changed;
      if (!tags && !synonyms && !tiers) continue;
      ++stats_.changed;
      if (options_.dry_run) continue;
      if (tags) {
        // The tag writers edit the string form; the index keeps numbers.
        if (const std::string v = p.xd.get_value(schema::kSlotFacets); is_facet_ids(v))
          p.xd.add_value(schema::kSlotFacets, facets_.decode(v));
        if (same_tags(before[i], now))
          write_facet_tags(p.xd, now);  // migrating only: the terms stand
        else
          write_passage_tags(p.xd, now);
        facets_.encode(p.xd);
        facets_.store(db_);
        migrate_to_schema_5(p.xd, current_);
        write_passage_tags(p.data, now);
        p.xd.set_data(without_document_fields(std::move(p.data)).dump());
      }
      db_.replace_document(p.docid, p.xd);
      if (++uncommitted_ >= options_.batch) {
        db_.commit();
        uncommitted_ = 0;
      }
    }
    ++stats_.documents;
    pending_.clear();
  }

  RetagStats& stats() { return stats_; }

 private:
  // A schema 2 document gets the "docfields:" record its passages' fields
  // move to (schema 3 ingest writes it with the "doc:" record).
  void write_document_fields() {
    const json record = json::parse(db_.get_metadata("doc:" + current_), nullptr, false);
    if (record.is_object())
      db_.set_metadata(std::string(schema::kDocumentFieldsKey) + current_, document_fields(record).dump());
  }

  static void count(std::map<std::string, std::size_t>& counts, const Passage& p) {
    for (const auto& t : p.themes) ++counts[t];
  }

  Xapian::WritableDatabase& db_;
  FacetDictionary& facets_;
  const Classifier& classify_;
  const RetagOptions& options_;
  const SynonymTagger* synonyms_;
  const std::optional<ImpactTiers> tiers_;
  const std::optional<LengthNorm> length_norm_;  // how the index's wdfs are stored
  StoredPassageReader records_;                   // reads each document's shared fields
  std::string current_;
  std::vector<Pending> pending_;
  std::size_t uncommitted_ = 0;
  RetagStats stats_;
};

}  // namespace

Result<RetagStats> retag_index(const std::string& dir, const Classifier& classify,
                               const RetagOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Error{"no index at " + dir + " (run scrutiny ingest first)"};
  // The same lock as ingest: a nightly run and a retag must not interleave.
  auto lock = WriterLock::acquire(dir, options.wait_seconds);
  if (!lock) return Error{lock.error()};
  auto writer = IndexWriter::open(dir, options.synonyms ? *options.synonyms : Synonyms::default_set());
  if (!writer) return Error{writer.error()};
  try {
    Xapian::WritableDatabase& db = writer->database();
    const bool rebuild_synonyms = !writer->synonym_terms_current();
    const SynonymTagger* synonyms = rebuild_synonyms ? &writer->synonym_tagger() : nullptr;
    // A length-normalised index made before impact tiers gets them now.
    const std::optional<LengthNorm> norm = LengthNorm::of(db);
    std::optional<ImpactTiers> add_tiers;
    if (norm && !ImpactTiers::of(db)) add_tiers = ImpactTiers::for_norm(*norm);
    Retagger retagger(db, writer->facet_dictionary(), classify, options, synonyms, add_tiers);
    // Collect ids first: replacing documents while walking the all-documents
    // postlist is not guaranteed to be stable.
    std::vector<Xapian::docid> ids;
    ids.reserve(db.get_doccount());
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) ids.push_back(*it);
    for (Xapian::docid did : ids) retagger.add(did, db.get_document(did));
    retagger.flush();
    if (!options.dry_run) {
      db.set_metadata("schema", std::string(schema::kSchemaVersion));  // every passage is current now
      if (rebuild_synonyms)
        if (Status st = writer->mark_synonym_terms_current(); !st) return Error{st.error()};
      // With the last passages: searches use tiers only once all have them.
      if (add_tiers) db.set_metadata(std::string(schema::kImpactTiersKey), add_tiers->to_string());
      db.commit();
    }
    RetagStats stats = std::move(retagger.stats());
    stats.synonyms_rebuilt = rebuild_synonyms;
    stats.tiers_added = add_tiers.has_value();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return stats;
  } catch (const Xapian::Error& e) {
    return Error{"cannot retag index at " + dir + ": " + e.get_type() + ": " + e.get_msg()};
  }
}

}  // namespace scrutiny
