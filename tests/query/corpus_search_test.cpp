#define BOOST_TEST_MODULE corpus_search
// End to end on the bundled corpus: `scrutiny ingest corpus/` into a temporary
// index (through the CLI, as a user would), then searches through the library.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "scrutiny/index_writer.h"
#include "scrutiny/search.h"
#include "scrutiny/synonyms.h"
#include "search_fixture.h"

using namespace scrutiny;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(SCRUTINY_SOURCE_DIR) / "corpus";

// The five seed documents (PDF and HTML) are present.
bool corpus_present() {
  std::error_code ec;
  size_t documents = 0;
  for (const auto& e : fs::directory_iterator(kCorpus, ec)) {
    auto ext = e.path().extension().string();
    if (ext == ".pdf" || ext == ".html" || ext == ".htm") ++documents;
  }
  return documents >= 5 && fs::exists(SCRUTINY_BINARY);
}

int ingest(const std::string& db) {
  std::string cmd = std::string("\"") + SCRUTINY_BINARY + "\" ingest --db \"" + db + "\" \"" + kCorpus.string() +
                    "\" > /dev/null 2>&1";
  return std::system(cmd.c_str());
}

struct Corpus {
  testing::TempDir dir;
  std::string db = dir.str() + "/index";
  bool ready = false;
  Corpus() {
    if (!corpus_present()) return;
    BOOST_REQUIRE_MESSAGE(ingest(db) == 0, "scrutiny ingest corpus/ failed");
    ready = true;
  }
  SearchResult search(const std::string& query, bool all_passages = false) {
    QueryContext ctx;
    ctx.synonyms = &Synonyms::default_set();
    auto searcher = Searcher::open(db, ctx);
    BOOST_REQUIRE_MESSAGE(searcher.ok(), (searcher.ok() ? "" : searcher.error()));
    SearchRequest req;
    req.query = query;
    req.all_passages = all_passages;
    req.limit = 50;
    auto r = searcher->search(req);
    BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
    return std::move(r).value();
  }
};

bool skip(const Corpus& c) {
  if (!c.ready) BOOST_TEST_MESSAGE("corpus/ documents or the scrutiny binary are missing; skipped");
  return !c.ready;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(corpus, Corpus)

BOOST_AUTO_TEST_CASE(care_leavers_ranks_the_2023_press_release_first) {
  if (skip(*this)) return;
  auto r = search("care leavers");
  BOOST_REQUIRE(!r.hits.empty());
  BOOST_TEST(r.hits[0].date.value_or("") == "2023-05-25", r.hits[0].source);
  BOOST_TEST(r.hits[0].type == "press_release", r.hits[0].source);
}

BOOST_AUTO_TEST_CASE(front_door_phrase_finds_the_corporate_parenting_board_minutes) {
  if (skip(*this)) return;
  auto r = search("\"front door\"");
  BOOST_REQUIRE(!r.hits.empty());
  std::set<std::string> docs;
  for (const auto& h : r.hits) docs.insert(h.doc_id);
  BOOST_TEST(docs.size() == 1u);
  const Hit& h = r.hits[0];
  BOOST_TEST(render_snippet(h.snippet, "[", "]").find("[front door]") != std::string::npos, h.snippet);
  auto record = read_document_record(open_index_for_reading(db).value(), h.doc_id);
  BOOST_REQUIRE(record.ok());
  const std::string title = record.value().value("title", "") + " " + record.value().value("body", "");
  BOOST_TEST(title.find("Corporate Parenting") != std::string::npos, title);
  BOOST_TEST(h.year.value_or(0) == 2022);
}

BOOST_AUTO_TEST_CASE(straight_apostrophe_finds_curly_text) {
  if (skip(*this)) return;
  // The ModernGov decision page (Executive, 8 March 2022) writes "Executive’s
  // consideration" with a curly apostrophe.
  auto r = search("\"Executive's consideration\"");
  BOOST_REQUIRE(!r.hits.empty());
  BOOST_TEST(r.hits[0].date.value_or("") == "2022-03-08", r.hits[0].source);
  BOOST_TEST(r.hits[0].text.find("Executive's consideration") != std::string::npos, r.hits[0].text);
  auto curly = search("\"Executive\xE2\x80\x99s consideration\"");
  BOOST_TEST(curly.hits.size() == r.hits.size());
}

BOOST_AUTO_TEST_CASE(reingesting_leaves_the_passage_count_unchanged) {
  if (skip(*this)) return;
  const auto before = open_index_for_reading(db).value().get_doccount();
  BOOST_TEST(before > 20u);
  BOOST_REQUIRE(ingest(db) == 0);
  BOOST_TEST(open_index_for_reading(db).value().get_doccount() == before);
}

BOOST_AUTO_TEST_CASE(synonyms_and_filters_on_real_documents) {
  if (skip(*this)) return;
  // The 2020 report to the Overview and Scrutiny Board: "OSB" finds it by synonym.
  auto osb = search("OSB", true);
  BOOST_REQUIRE(!osb.hits.empty());
  std::set<int> years;
  for (const auto& h : osb.hits) years.insert(h.year.value_or(0));
  BOOST_TEST(years.count(2020) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
