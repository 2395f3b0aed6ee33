#define BOOST_TEST_MODULE read_index
#include <boost/test/unit_test.hpp>

#include <xapian.h>

#include <random>

#include "../query/search_fixture.h"
#include "scrutiny/read_index.h"

using namespace scrutiny;
using scrutiny::testing::TempDir;

namespace {

// Rewrites documents 1..2000 with `tag` and 300 random letters each, and
// commits. Random text does not compress, so each revision takes new blocks.
void write_revision(Xapian::WritableDatabase& db, char tag, unsigned seed) {
  std::mt19937 rng(seed);
  for (Xapian::docid id = 1; id <= 2000; ++id) {
    Xapian::Document d;
    std::string data(1, tag);
    for (int k = 0; k < 300; ++k) data += static_cast<char>('a' + rng() % 26);
    d.set_data(data);
    d.add_term("Xall");
    db.replace_document(id, d);
  }
  db.commit();
}

// An index at `dir` whose documents are tagged 'a'.
void create_index(const TempDir& dir) {
  Xapian::WritableDatabase w(dir.str(), Xapian::DB_CREATE_OR_OPEN);
  write_revision(w, 'a', 1);
}

// Reads every document's data; the tags seen.
std::string tags_of_every_document(const Xapian::Database& db) {
  std::string tags;
  for (auto p = db.postlist_begin("Xall"); p != db.postlist_end("Xall"); ++p) {
    const std::string data = db.get_document(*p).get_data();
    if (tags.find(data[0]) == std::string::npos) tags += data[0];
  }
  return tags;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_read_that_meets_a_discarded_revision_runs_again_on_the_newest) {
  TempDir dir;
  create_index(dir);
  int runs = 0;
  std::string seen;
  const Status read = read_index(dir.str(), [&](const Xapian::Database& db) -> Status {
    if (++runs == 1) {
      // An ingest commits twice while we read: our revision's blocks are reused.
      Xapian::WritableDatabase w(dir.str(), Xapian::DB_OPEN);
      write_revision(w, 'b', 2);
      write_revision(w, 'c', 3);
    }
    seen = tags_of_every_document(db);
    return Status::Ok();
  });
  BOOST_TEST_REQUIRE(read.ok(), read.error());
  BOOST_TEST(runs == 2);
  BOOST_TEST(seen == "c");  // the newest revision, whole
}

BOOST_AUTO_TEST_CASE(a_read_that_keeps_meeting_changes_gives_up_naming_the_index) {
  TempDir dir;
  create_index(dir);
  int runs = 0;
  const Status read = read_index(dir.str(), [&](const Xapian::Database&) -> Status {
    ++runs;
    throw Xapian::DatabaseModifiedError("revision discarded");
  });
  BOOST_TEST(!read.ok());
  BOOST_TEST(runs == kReadAttempts);
  BOOST_TEST(read.error().find("index at " + dir.str() + " changed under 3 reads in a row") != std::string::npos,
             read.error());
}

BOOST_AUTO_TEST_CASE(other_errors_and_results_pass_through_unretried) {
  TempDir dir;
  create_index(dir);
  int runs = 0;
  const Status read = read_index(dir.str(), [&](const Xapian::Database&) -> Status {
    ++runs;
    return Error{"unknown theme 'x'"};
  });
  BOOST_TEST(runs == 1);
  BOOST_TEST(read.error() == "unknown theme 'x'");
}

BOOST_AUTO_TEST_CASE(a_missing_index_is_an_error_and_no_read) {
  TempDir dir;
  int runs = 0;
  const Status read = read_index((dir.path / "none").string(), [&](const Xapian::Database&) -> Status {
    ++runs;
    return Status::Ok();
  });
  BOOST_TEST(runs == 0);
  BOOST_TEST(read.error().find("no index at") == 0u, read.error());
}

BOOST_AUTO_TEST_CASE(a_read_that_produces_a_value_gives_the_value_of_its_last_run) {
  TempDir dir;
  create_index(dir);
  int runs = 0;
  const Result<std::string> tags = read_index_value<std::string>(dir.str(), [&](const Xapian::Database& db) {
    if (++runs == 1) {
      Xapian::WritableDatabase w(dir.str(), Xapian::DB_OPEN);
      write_revision(w, 'b', 2);
      write_revision(w, 'c', 3);
    }
    return Result<std::string>(tags_of_every_document(db));
  });
  BOOST_TEST_REQUIRE(tags.ok(), (tags.ok() ? "" : tags.error()));
  BOOST_TEST(runs == 2);
  BOOST_TEST(tags.value() == "c");

  const Result<int> refused =
      read_index_value<int>(dir.str(), [](const Xapian::Database&) { return Result<int>(Error{"no such theme"}); });
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error() == "no such theme");
  const Result<int> missing =
      read_index_value<int>(dir.str() + "/nowhere", [](const Xapian::Database&) { return Result<int>(1); });
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().find("no index at") != std::string::npos, missing.error());
}
