#define BOOST_TEST_MODULE compact
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "../query/trends_fixture.h"
#include "scrutiny/compact.h"
#include "scrutiny/schema.h"
#include "scrutiny/writer_lock.h"

using namespace scrutiny;
using trends_test::TempDir;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  TempDir dir;
  std::string index = (dir.path / "index").string();
  Fixture() { trends_test::build_fixture_index(index); }
};

std::vector<Xapian::docid> matches(const std::string& dir, const std::string& term) {
  Xapian::Database db(dir);
  std::vector<Xapian::docid> out;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) out.push_back(*it);
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(compacting_keeps_every_passage_term_and_record, Fixture) {
  const std::string theme = schema::term(schema::kTheme, "workforce");
  const auto before = matches(index, theme);
  const std::string record = Xapian::Database(index).get_metadata("doc:a2020");
  BOOST_REQUIRE(!before.empty());
  BOOST_REQUIRE(!record.empty());

  auto stats = compact_index(index);
  BOOST_REQUIRE_MESSAGE(stats.ok(), (stats.ok() ? "" : stats.error()));
  BOOST_TEST(stats->passages == 8u);
  BOOST_TEST(stats->bytes_after > 0u);
  BOOST_TEST(stats->bytes_after <= stats->bytes_before);

  Xapian::Database db(index);
  BOOST_TEST(db.get_doccount() == 8u);
  BOOST_TEST(matches(index, theme) == before, boost::test_tools::per_element());
  BOOST_TEST(db.get_metadata("doc:a2020") == record);
  BOOST_TEST(db.has_positions());
  BOOST_TEST(!fs::exists(index + ".compacting"));
  BOOST_TEST(!fs::exists(index + ".old"));
}

BOOST_FIXTURE_TEST_CASE(an_index_can_still_be_written_after_compacting, Fixture) {
  BOOST_REQUIRE(compact_index(index).ok());
  auto writer = IndexWriter::open(index);
  BOOST_REQUIRE_MESSAGE(writer.ok(), (writer.ok() ? "" : writer.error()));
  auto doc = trends_test::document("dnew", std::string("2022-01-05"), "minutes", "Executive",
                                   {trends_test::passage(1, "New text about caseloads", {"caseloads"},
                                                         Polarity::concern)});
  BOOST_REQUIRE(writer->replace_document(doc).ok());
  BOOST_REQUIRE(writer->commit().ok());
  BOOST_TEST(Xapian::Database(index).get_doccount() == 9u);
}

BOOST_FIXTURE_TEST_CASE(a_locked_index_is_left_alone, Fixture) {
  auto lock = WriterLock::acquire(index, 0);
  BOOST_REQUIRE(lock.ok());
  auto stats = compact_index(index);
  BOOST_REQUIRE(!stats.ok());
  BOOST_TEST(stats.error().find("locked") != std::string::npos);
  BOOST_TEST(Xapian::Database(index).get_doccount() == 8u);
  BOOST_TEST(!fs::exists(index + ".compacting"));
}

BOOST_FIXTURE_TEST_CASE(a_scratch_directory_in_the_way_is_an_error_not_overwritten, Fixture) {
  fs::create_directories(index + ".compacting");
  auto stats = compact_index(index);
  BOOST_REQUIRE(!stats.ok());
  BOOST_TEST(stats.error().find("in the way") != std::string::npos);
  BOOST_TEST(Xapian::Database(index).get_doccount() == 8u);
}

BOOST_AUTO_TEST_CASE(no_index_is_an_error_naming_the_directory) {
  TempDir dir;
  const std::string missing = (dir.path / "nothing").string();
  auto stats = compact_index(missing);
  BOOST_REQUIRE(!stats.ok());
  BOOST_TEST(stats.error().find("no index at " + missing) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(indexes_of_64_mib_or_more_are_compacted_into_32_kib_blocks) {
  BOOST_TEST(compact_block_size(1u << 20) == 8192u);  // a small index would only grow
  BOOST_TEST(compact_block_size((64u << 20) - 1) == 8192u);
  BOOST_TEST(compact_block_size(64u << 20) == 32768u);
  BOOST_TEST(compact_block_size(std::uintmax_t{3} << 30) == 32768u);
}
