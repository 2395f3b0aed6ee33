// `themes`, `trace`, `judgements` and search read an index that a nightly
// ingest may be committing to. A reader whose revision the writer has
// discarded must surface Xapian::DatabaseModifiedError (not turn it into an
// Error), so that read_current reopens and reads again.
#define BOOST_TEST_MODULE reads_during_ingest
#include <boost/test/unit_test.hpp>

#include <random>

#include "scrutiny/judgements.h"
#include "scrutiny/read_index.h"
#include "scrutiny/search.h"
#include "scrutiny/themes_table.h"
#include "scrutiny/trace.h"
#include "search_fixture.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
// Xapian 1.4 leaks the B-tree cursor (33 KB) of a metadata key list whose
// first read meets a discarded revision; judgement_histories meets it here
// on purpose. Allocations in this scope are not counted as leaks.
using XapianLeakExempt = __lsan::ScopedDisabler;
#else
struct XapianLeakExempt {
  XapianLeakExempt() {}  // user-provided: not an unused variable to the compiler
};
#endif

using namespace scrutiny;
using namespace scrutiny::testing;

namespace {

const std::vector<std::string> kThemes = {"workforce", "caseloads", "care_leavers", "front_door"};

// 150 documents of 12 passages of seeded random words, dated 2015-2024, each
// passage under one of kThemes; `revision` changes every word and the year.
std::vector<Document> archive(unsigned revision) {
  static const std::vector<std::string> words = {
      "social", "workers", "caseloads", "children", "care", "leavers", "front", "door", "visits", "plans",
      "managers", "oversight", "audit", "quality", "placements", "stability", "recruitment", "agency"};
  std::mt19937 rng(revision);
  std::vector<Document> docs;
  for (int d = 0; d < 150; ++d) {
    std::vector<Passage> passages;
    for (int p = 0; p < 12; ++p) {
      std::string text;
      for (int w = 0; w < 40; ++w) text += words[rng() % words.size()] + " ";
      passages.push_back(passage(p / 3, text, {kThemes[(d + p) % kThemes.size()]},
                                 p % 2 ? Polarity::concern : Polarity::strength));
    }
    const std::string year = std::to_string(2015 + (d + static_cast<int>(revision)) % 10);
    Document doc = testing::doc("r" + std::to_string(d), "ofsted_report", "", year + "-06-01",
                                "Inspection of authority " + std::to_string(d), std::move(passages));
    doc.authority = "Authority " + std::to_string(d);
    doc.visit = "full_inspection";
    doc.judgements.overall = revision % 2 ? "good" : "inadequate";
    docs.push_back(std::move(doc));
  }
  return docs;
}

void ingest(const std::string& dir, unsigned revision) {
  auto w = IndexWriter::open(dir);
  BOOST_TEST_REQUIRE(w.ok(), (w.ok() ? "" : w.error()));
  for (const auto& d : archive(revision)) BOOST_TEST_REQUIRE(w->replace_document(d).ok());
  BOOST_TEST_REQUIRE(w->commit().ok());
}

// An index and a reader opened on it before an ingest committed twice more.
struct StaleReader {
  TempDir dir;
  Xapian::Database reader;
  StaleReader() {
    ingest(dir.str(), 1);
    reader = Xapian::Database(dir.str());
    ingest(dir.str(), 2);
    ingest(dir.str(), 3);
  }
};

std::vector<ThemeInfo> themes() {
  std::vector<ThemeInfo> out;
  for (const auto& id : kThemes) out.push_back({id, id, ""});
  return out;
}

Xapian::doccount workforce_in(const ThemesTable& t, int year) {
  for (const auto& row : t.themes)
    if (row.id == "workforce") return row.counts.count(year) ? row.counts.at(year) : 0;
  return 0;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_library_lets_a_discarded_revision_through_to_be_reread, StaleReader) {
  BOOST_CHECK_THROW(build_themes_table(reader, themes()), Xapian::DatabaseModifiedError);
  BOOST_CHECK_THROW(trace_theme(reader, "workforce", "Workforce"), Xapian::DatabaseModifiedError);
  XapianLeakExempt exempt;
  BOOST_CHECK_THROW(judgement_histories(reader), Xapian::DatabaseModifiedError);
}

BOOST_FIXTURE_TEST_CASE(a_themes_table_read_during_an_ingest_counts_the_newest_revision, StaleReader) {
  int runs = 0;
  std::optional<ThemesTable> table;
  const Status read = read_current(reader, "index at " + dir.str(), [&](const Xapian::Database& db) -> Status {
    ++runs;
    auto t = build_themes_table(db, themes());
    if (!t) return Error{t.error()};
    table = std::move(t).value();
    return Status::Ok();
  });
  BOOST_TEST_REQUIRE(read.ok(), read.error());
  BOOST_TEST(runs == 2);
  auto fresh = build_themes_table(Xapian::Database(dir.str()), themes());
  BOOST_TEST_REQUIRE(fresh.ok());
  BOOST_TEST(table->years == fresh->years, boost::test_tools::per_element());
  for (int year : fresh->years) BOOST_TEST(workforce_in(*table, year) == workforce_in(fresh.value(), year));
  // Revision 3 dates document 0 in 2018 (2015 + 3), revision 1 in 2016.
  BOOST_TEST(table->passages.count(2018) == 1u);
}

BOOST_FIXTURE_TEST_CASE(judgements_read_during_an_ingest_are_the_newest, StaleReader) {
  std::optional<std::vector<AuthorityHistory>> histories;
  XapianLeakExempt exempt;
  const Status read = read_current(reader, "index at " + dir.str(), [&](const Xapian::Database& db) -> Status {
    auto h = judgement_histories(db, "Authority 7");
    if (!h) return Error{h.error()};
    histories = std::move(h).value();
    return Status::Ok();
  });
  BOOST_TEST_REQUIRE(read.ok(), read.error());
  BOOST_TEST_REQUIRE(histories->size() == 1u);
  BOOST_TEST_REQUIRE(histories->front().inspections.size() == 1u);
  BOOST_TEST(histories->front().inspections.front().judgements.overall.value_or("") == "good");  // revision 3 is odd
}

BOOST_FIXTURE_TEST_CASE(a_search_during_an_ingest_answers_from_the_newest_revision, StaleReader) {
  Searcher searcher(reader);
  SearchRequest req;
  req.query = "caseloads";
  req.filters.year_from = req.filters.year_to = 2018;
  auto result = searcher.search(req);
  BOOST_TEST_REQUIRE(result.ok(), (result.ok() ? "" : result.error()));
  BOOST_TEST_REQUIRE(!result->hits.empty());
  for (const auto& hit : result->hits) BOOST_TEST(hit.year.value_or(0) == 2018);
}
