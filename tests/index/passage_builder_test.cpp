// PassageBuilder and IndexedDocument: passages built outside the writer (as
// ingest workers do, through the wire format) make exactly the index the
// writer makes from the Document itself, spelling data included.
#define BOOST_TEST_MODULE passage_builder
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "../query/trends_fixture.h"
#include "scrutiny/document_wire.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/passage_builder.h"

using namespace scrutiny;
using trends_test::TempDir;

namespace {

std::vector<Document> documents() {
  using trends_test::document;
  using trends_test::passage;
  return {document("a2020", "2020-05-21", "committee_report", "Executive",
                   {passage(3, "Recruitment of permanent social workers remains difficult.", {"workforce"},
                            Polarity::concern),
                    passage(4, "Caseloads have reduced; caseloads are checked weekly. Care leavers said so.",
                            {"caseloads"}, Polarity::strength)}),
          document("b2022", "2022-01-10", "ofsted_report", "",
                   {passage(1, "Children in care are visited regularly by their social workers.", {}, Polarity::neutral,
                            true)})};
}

// Everything a search can see of an index: spelling words and frequencies,
// every term's frequencies, and each passage's terms (wdf, positions),
// values and data.
std::string dump(const Xapian::Database& db) {
  std::ostringstream out;
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) out << "spell " << *w << ' ' << w.get_termfreq() << '\n';
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t)
    out << "term " << *t << ' ' << t.get_termfreq() << ' ' << db.get_collection_freq(*t) << '\n';
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    Xapian::Document doc = db.get_document(*d);
    out << "doc " << *d << ' ' << doc.get_data() << '\n';
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      out << "  " << *t << ' ' << t.get_wdf();
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out << ' ' << *p;
      out << '\n';
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) out << "  value " << v.get_valueno() << ' ' << *v << '\n';
  }
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(passages_built_by_a_copy_and_sent_over_the_wire_index_like_the_document) {
  TempDir direct, built;
  {
    auto w = IndexWriter::open(direct.path.string());
    BOOST_REQUIRE(w.ok());
    for (const auto& d : documents()) BOOST_REQUIRE(w->replace_document(d).ok());
    BOOST_REQUIRE(w->commit().ok());
  }
  {
    auto w = IndexWriter::open(built.path.string());
    BOOST_REQUIRE(w.ok());
    PassageBuilder worker_copy = w->passage_builder();
    for (const auto& d : documents()) {
      Result<IndexedDocument> sent = decode_indexed_document(encode_indexed_document(d, worker_copy.build(d)));
      BOOST_REQUIRE_MESSAGE(sent.ok(), (sent.ok() ? "" : sent.error()));
      BOOST_TEST(sent->doc.passages.empty());  // the text travels in each passage's data
      BOOST_TEST(sent->passages.size() == d.passages.size());
      BOOST_REQUIRE(w->replace_document(sent->doc, sent->passages).ok());
    }
    BOOST_REQUIRE(w->commit().ok());
  }
  const std::string a = dump(Xapian::Database(direct.path.string()));
  const std::string b = dump(Xapian::Database(built.path.string()));
  BOOST_TEST(a.find("spell caseloads 2") != std::string::npos);
  BOOST_TEST(a == b);
  // The document record counts the passages it was given, not Document::passages.
  auto record = read_document_record(Xapian::Database(built.path.string()), "a2020");
  BOOST_REQUIRE(record.ok());
  BOOST_TEST(record.value()["passages"].get<int>() == 2);
}

BOOST_AUTO_TEST_CASE(spelling_comes_from_passage_words_once_per_occurrence_never_from_titles) {
  TempDir dir;
  auto w = IndexWriter::open(dir.path.string());
  BOOST_REQUIRE(w.ok());
  Document d = trends_test::document("s1", "2021-03-08", "ofsted_report", "",
                                     {trends_test::passage(1, "Safeguarding audits: safeguarding is strong.", {},
                                                           Polarity::strength)});
  d.title = "Annual inspection";
  BOOST_REQUIRE(w->replace_document(d).ok());
  BOOST_REQUIRE(w->commit().ok());
  Xapian::Database db(dir.path.string());
  std::map<std::string, Xapian::doccount> spelling;
  for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) spelling[*s] = s.get_termfreq();
  BOOST_TEST(spelling["safeguarding"] == 2u);
  BOOST_TEST(spelling["audits"] == 1u);
  BOOST_TEST(spelling.count("annual") == 0u);
  BOOST_TEST(spelling.count("inspection") == 0u);
}

BOOST_AUTO_TEST_CASE(a_cut_short_message_is_an_error_not_a_partial_document) {
  TempDir dir;
  auto w = IndexWriter::open(dir.path.string());
  BOOST_REQUIRE(w.ok());
  PassageBuilder builder = w->passage_builder();
  const Document d = documents().front();
  const std::string whole = encode_indexed_document(d, builder.build(d));
  BOOST_TEST(decode_indexed_document(whole).ok());
  auto cut = decode_indexed_document(std::string_view(whole).substr(0, whole.size() - 3));
  BOOST_REQUIRE(!cut.ok());
  BOOST_TEST(cut.error() == "worker sent a truncated passage");
  BOOST_TEST(!decode_indexed_document("").ok());
}

BOOST_AUTO_TEST_CASE(spelling_counted_since_the_last_commit_survives_closing_without_commit) {
  TempDir dir;
  {
    auto w = IndexWriter::open(dir.path.string());
    BOOST_REQUIRE(w.ok());
    BOOST_REQUIRE(w->replace_document(documents().front()).ok());
  }  // Xapian commits pending changes when the database closes; the spelling counts go first
  Xapian::Database db(dir.path.string());
  BOOST_TEST(db.get_doccount() == 2u);
  BOOST_TEST(db.get_spelling_suggestion("recruitmant") == "recruitment");
}
