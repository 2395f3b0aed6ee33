#define BOOST_TEST_MODULE length_norm
#include <boost/test/unit_test.hpp>

#include "../query/trends_fixture.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/length_norm.h"
#include "scrutiny/schema.h"
#include "scrutiny/search.h"

using namespace scrutiny;
using trends_test::TempDir;

namespace {

// `n` filler words that match no query below.
std::string filler(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += " filler" + std::to_string(i % 40);
  return out;
}

// One passage per document: the same word once in a long, a short and a
// medium passage, and three times in another medium one.
std::vector<Document> documents() {
  auto doc = [](std::string id, std::string text) {
    return trends_test::document(id, "2021-03-08", "ofsted_report", "",
                                 {trends_test::passage(1, std::move(text), {}, Polarity::neutral)});
  };
  return {doc("long", "Fostering" + filler(300) + "."), doc("short", "Fostering" + filler(10) + "."),
          doc("medium3", "Fostering fostering" + filler(60) + " fostering."),
          doc("medium1", "Fostering" + filler(60) + ".")};
}

// Writes documents() into `dir`; `raw`: into an index begun before length
// normalisation (a non-empty one without the metadata key), which keeps raw wdfs.
void write(const std::string& dir, bool raw) {
  if (raw) {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document placeholder;
    placeholder.add_boolean_term("Xplaceholder");
    db.add_document(placeholder);
    db.commit();
  }
  auto w = IndexWriter::open(dir);
  BOOST_REQUIRE_MESSAGE(w.ok(), (w.ok() ? "" : w.error()));
  for (const auto& d : documents()) BOOST_REQUIRE(w->replace_document(d).ok());
  BOOST_REQUIRE(w->commit().ok());
}

std::vector<std::string> ranked_doc_ids(const std::string& dir, const std::string& query) {
  auto searcher = Searcher::open(dir, QueryContext{});
  BOOST_REQUIRE(searcher.ok());
  SearchRequest req;
  req.query = query;
  auto result = searcher->search(req);
  BOOST_REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error()));
  std::vector<std::string> ids;
  for (const auto& h : result->hits) ids.push_back(h.doc_id);
  return ids;
}

Xapian::Document passage_of(const Xapian::Database& db, const std::string& doc_id) {
  Xapian::PostingIterator p = db.postlist_begin(schema::term(schema::kDocId, doc_id));
  BOOST_REQUIRE(p != db.postlist_end(schema::term(schema::kDocId, doc_id)));
  return db.get_document(*p);
}

Xapian::termcount wdf(const Xapian::Document& d, const std::string& term) {
  auto it = d.termlist_begin();
  it.skip_to(term);
  return it != d.termlist_end() && *it == term ? it.get_wdf() : 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(factor_follows_bm25_length_normalisation) {
  const LengthNorm norm;  // scale 64, b 0.5, min_normlen 0.5, avglen 158
  BOOST_TEST(norm.factor(158) == 64.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(norm.factor(316) == 64.0 / 1.5, boost::test_tools::tolerance(1e-9));
  // Below min_normlen * avglen every passage counts as that long.
  BOOST_TEST(norm.factor(10) == 64.0 / 0.75, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(norm.factor(79) == 64.0 / 0.75, boost::test_tools::tolerance(1e-9));
  // Never below 1: a positional term's wdf cannot be lowered.
  BOOST_TEST(norm.factor(1000000) == 1.0);
  BOOST_TEST(scaled_wdf(3, 64.0 / 1.5) == 128u);
  BOOST_TEST(unscaled_wdf(128, 64.0 / 1.5) == 3u);
  BOOST_TEST(scaled_wdf(0, 40) == 0u);  // boolean terms stay boolean
}

BOOST_AUTO_TEST_CASE(parameters_round_trip_and_bad_text_is_refused) {
  const LengthNorm norm;
  BOOST_TEST(norm.to_string() == "scale=64 b=0.5 min_normlen=0.5 avglen=158");
  auto back = LengthNorm::parse(norm.to_string());
  BOOST_REQUIRE(back.has_value());
  BOOST_TEST(back->avglen == 158.0);
  BOOST_TEST(!LengthNorm::parse("").has_value());
  BOOST_TEST(!LengthNorm::parse("scale=64 b=0.5 min_normlen=0.5").has_value());
  BOOST_TEST(!LengthNorm::parse("scale=64 b=2 min_normlen=0.5 avglen=158").has_value());
  BOOST_TEST(!LengthNorm::parse("scale=x b=0.5 min_normlen=0.5 avglen=158").has_value());
}

BOOST_AUTO_TEST_CASE(new_index_stores_scaled_wdfs_and_each_passage_length) {
  TempDir dir;
  write(dir.path.string(), false);
  Xapian::Database db(dir.path.string());
  const auto norm = LengthNorm::of(db);
  BOOST_REQUIRE(norm.has_value());
  const Xapian::Document d = passage_of(db, "medium3");
  const Xapian::termcount length = static_cast<Xapian::termcount>(
      Xapian::sortable_unserialise(d.get_value(schema::kSlotLength)));
  // 63 words, each an unstemmed and a Z term, plus title and section words.
  BOOST_TEST(length > 126u);
  BOOST_TEST(length < 140u);
  BOOST_TEST(wdf(d, "fostering") == scaled_wdf(3, norm->factor(length)));
  BOOST_TEST(wdf(d, "Zfoster") == scaled_wdf(3, norm->factor(length)));
  BOOST_TEST(wdf(d, "XDOCmedium3") == 0u);
  // Positions are untouched: one per occurrence.
  auto t = d.termlist_begin();
  t.skip_to("fostering");
  BOOST_TEST(t.positionlist_count() == 3u);
}

BOOST_AUTO_TEST_CASE(existing_raw_index_keeps_raw_wdfs) {
  TempDir dir;
  write(dir.path.string(), true);
  Xapian::Database db(dir.path.string());
  BOOST_TEST(!LengthNorm::of(db).has_value());
  BOOST_TEST(wdf(passage_of(db, "medium3"), "fostering") == 3u);
  BOOST_TEST(passage_of(db, "medium3").get_value(schema::kSlotLength).empty());
}

BOOST_AUTO_TEST_CASE(normalised_index_ranks_as_bm25_on_raw_wdfs) {
  TempDir normalised, raw;
  write(normalised.path.string(), false);
  write(raw.path.string(), true);
  const auto order = ranked_doc_ids(normalised.path.string(), "fostering");
  // Length still counts: one occurrence in a short passage beats one in a
  // long passage, and three beat one at the same length.
  const std::vector<std::string> expected = {"medium3", "short", "medium1", "long"};
  BOOST_TEST(order == expected, boost::test_tools::per_element());
  const auto raw_order = ranked_doc_ids(raw.path.string(), "fostering");
  BOOST_TEST(raw_order == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(synonym_tagging_of_a_stored_passage_is_stable) {
  TempDir dir;
  const auto synonyms = Synonyms::parse("fostering = foster care\n", "test");
  BOOST_REQUIRE(synonyms.ok());
  {
    auto w = IndexWriter::open(dir.path.string(), synonyms.value());
    BOOST_REQUIRE(w.ok());
    for (const auto& d : documents()) BOOST_REQUIRE(w->replace_document(d).ok());
    BOOST_REQUIRE(w->commit().ok());
  }
  Xapian::Database db(dir.path.string());
  const auto norm = LengthNorm::of(db);
  Xapian::Document d = passage_of(db, "medium3");
  const double factor = wdf_factor(d, norm);
  BOOST_TEST(factor > 1.0);
  BOOST_TEST(wdf(d, "XSYNfostering") == scaled_wdf(3, factor));
  // Retag reads the scaled wdfs back and finds nothing to change.
  SynonymTagger tagger(synonyms.value());
  BOOST_TEST(!tagger.tag(d, factor));
}
