#define BOOST_TEST_MODULE damaged_index
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "scrutiny/index_writer.h"
#include "scrutiny/search.h"
#include "trends_fixture.h"

using namespace scrutiny;
using trends_test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr std::streamoff kBlock = 8192;  // glass's default block size

// A copy of `from` at `to` with block `b` of `table` overwritten by `fill`.
void damaged_copy(const fs::path& from, const fs::path& to, const std::string& table, std::streamoff b, char fill) {
  fs::remove_all(to);
  fs::copy(from, to);
  std::fstream f(to / (table + ".glass"), std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(b * kBlock);
  const std::string junk(static_cast<size_t>(kBlock), fill);
  f.write(junk.data(), kBlock);
}

// 150 documents of 4 passages: enough that each table spans several blocks
// (its root, branch and leaf blocks, the metadata among them).
void build_index(const std::string& dir) {
  auto w = IndexWriter::open(dir);
  BOOST_REQUIRE(w.ok());
  const char* words[] = {"recruitment", "fostering", "council", "children", "placement", "review", "staff", "visit"};
  for (int d = 0; d < 150; ++d) {
    std::vector<Passage> passages;
    for (int p = 0; p < 4; ++p) {
      std::string text;
      for (int i = 0; i < 40; ++i) text += std::string(words[(d * 7 + p * 3 + i * i) % 8]) + " ";
      passages.push_back(trends_test::passage(p + 1, text + ".", {d % 2 ? "workforce" : "finance"},
                                              Polarity::neutral));
    }
    const std::string date = std::to_string(2015 + d % 10) + "-06-01";
    BOOST_REQUIRE(
        w->replace_document(trends_test::document("d" + std::to_string(d), date, "committee_report", "", passages))
            .ok());
  }
  BOOST_REQUIRE(w->commit().ok());
}

}  // namespace

// A nightly batch may leave a damaged index (a full disk, a bad sector).
// Opening and searching it must give an Error naming the index, never
// throw: the CLI turns Errors into one-line messages, and an escaping
// Xapian::Error used to end `scrutiny search` in std::terminate.
BOOST_AUTO_TEST_CASE(every_damaged_block_gives_an_error_not_an_exception) {
  TempDir dir;
  const fs::path good = dir.path / "good", bad = dir.path / "bad";
  build_index(good.string());
  size_t open_errors = 0, search_errors = 0, cases = 0;
  for (const std::string table : {"postlist", "termlist", "docdata", "position"}) {
    const auto blocks = static_cast<std::streamoff>(fs::file_size(good / (table + ".glass"))) / kBlock;
    for (std::streamoff b = 0; b < blocks; ++b)
      for (char fill : {'\0', '\xff'}) {
        damaged_copy(good, bad, table, b, fill);
        ++cases;
        BOOST_TEST_CONTEXT(table << " block " << b << " filled with " << int(static_cast<unsigned char>(fill))) {
          Result<Searcher> searcher = Error{""};
          BOOST_REQUIRE_NO_THROW(searcher = Searcher::open(bad.string()));
          if (!searcher) {
            ++open_errors;
            BOOST_TEST(searcher.error().find(bad.string()) != std::string::npos, searcher.error());
            continue;
          }
          SearchRequest req;
          req.query = "recruitment";
          req.facets = true;
          req.by_year = true;
          Result<SearchResult> result = Error{""};
          BOOST_REQUIRE_NO_THROW(result = searcher->search(req));
          if (!result) ++search_errors;
        }
      }
  }
  BOOST_TEST_MESSAGE(cases << " damaged copies: " << open_errors << " refused at open, " << search_errors
                           << " at search");
  BOOST_TEST(cases >= 40u);
  BOOST_TEST(open_errors > 0u);  // the root and metadata blocks
}
