// Incremental ingest, end to end: add, change, delete (--prune), rename and
// copies, with exact passage counts; the prune safety stop; remembered
// failures; the run summary and `scrutiny status`.
#define BOOST_TEST_MODULE ingest_incremental
#include <boost/test/unit_test.hpp>

#include "batch_support.h"

using namespace batch_test;
using nlohmann::json;

namespace {

struct Index {
  TempDir t;
  std::string db = t.str("db");
  std::string docs = t.str("docs");

  std::string path(const std::string& name) const { return docs + "/" + name; }
  void put(const std::string& name, int paragraphs, const std::string& word = "") {
    write_file(path(name), paragraphs_text(word.empty() ? name : word, paragraphs));
  }
  json ingest(std::vector<std::string> extra = {}, int expect = 0) {
    std::vector<std::string> args{"ingest", "--quiet", "--db", db, "--summary", t.str("summary.json")};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(docs);
    RunResult r = run_scrutiny(args);
    BOOST_TEST(r.code == expect, r.err);
    return json::parse(read_file(t.str("summary.json")), nullptr, false);
  }
  std::vector<std::string> sources_of(const std::string& file) const {
    auto state = metadata_json(db, "file:" + path(file));
    auto record = metadata_json(db, "doc:" + state.value("doc_id", ""));
    return record["sources"].get<std::vector<std::string>>();
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(add_change_rename_delete_with_exact_passage_counts) {
  Index ix;
  ix.put("a.txt", 3);
  ix.put("b.txt", 2);
  ix.put("c.txt", 4);
  json s = ix.ingest();
  BOOST_TEST(s["added"] == 3);
  BOOST_TEST(passages(ix.db) == 9u);

  s = ix.ingest();  // nothing changed: nothing opened, nothing written
  BOOST_TEST(s["unchanged"] == 3);
  BOOST_TEST(s["added"] == 0);
  BOOST_TEST(s["passages"] == 0);
  BOOST_TEST(passages(ix.db) == 9u);

  ix.put("b.txt", 5, "b-revised");  // changed: old passages replaced
  s = ix.ingest();
  BOOST_TEST(s["updated"] == 1);
  BOOST_TEST(s["unchanged"] == 2);
  BOOST_TEST(passages(ix.db) == 12u);

  // Rename: same content, new path; no re-extraction (no passages written).
  std::filesystem::rename(ix.path("c.txt"), ix.path("d.txt"));
  s = ix.ingest();
  BOOST_TEST(s["added"] == 1);
  BOOST_TEST(s["passages"] == 0);
  BOOST_TEST(passages(ix.db) == 12u);
  s = ix.ingest({"--prune"});
  BOOST_TEST(s["removed"] == 1);
  BOOST_TEST(passages(ix.db) == 12u);
  auto by_source = passage_sources(ix.db);
  BOOST_TEST(by_source[ix.path("d.txt")] == 4);
  BOOST_TEST(by_source.count(ix.path("c.txt")) == 0u);
  BOOST_TEST(ix.sources_of("d.txt") == std::vector<std::string>{ix.path("d.txt")});

  std::filesystem::remove(ix.path("a.txt"));
  s = ix.ingest({"--prune"});
  BOOST_TEST(s["removed"] == 1);
  BOOST_TEST(passages(ix.db) == 9u);
  BOOST_TEST(metadata_keys(ix.db, "file:").size() == 2u);
  BOOST_TEST(metadata_keys(ix.db, "doc:").size() == 2u);
  BOOST_TEST(duplicate_unique_terms(ix.db).empty());
}

BOOST_AUTO_TEST_CASE(ingest_into_an_older_schema_notes_how_to_migrate) {
  Index ix;
  ix.put("a.txt", 3);
  ix.ingest();
  RunResult current = run_scrutiny({"ingest", "--db", ix.db, ix.docs});
  BOOST_TEST(current.code == 0, current.err);
  BOOST_TEST(current.err.find("predates schema") == std::string::npos, current.err);
  {
    Xapian::WritableDatabase w(ix.db, Xapian::DB_OPEN);
    w.set_metadata("schema", "4");
    w.commit();
  }
  ix.put("b.txt", 2);
  RunResult older = run_scrutiny({"ingest", "--db", ix.db, ix.docs});
  BOOST_TEST(older.code == 0, older.err);
  BOOST_TEST(older.err.find("note: " + ix.db + ": index schema 4 predates schema 5; `scrutiny retag`") !=
                 std::string::npos,
             older.err);
  BOOST_TEST(metadata_json(ix.db, "file:" + ix.path("b.txt")).value("doc_id", "") != "");  // and it ingested
  RunResult status = run_scrutiny({"status", "--db", ix.db});
  BOOST_TEST(status.out.find("schema:    4 (older than 5: `scrutiny retag`, then `scrutiny compact`, migrates it)\n") !=
                 std::string::npos,
             status.out);
  BOOST_TEST(run_scrutiny({"retag", "--db", ix.db}).code == 0);
  status = run_scrutiny({"status", "--db", ix.db});
  BOOST_TEST(status.out.find("schema:    5\n") != std::string::npos, status.out);
}

BOOST_AUTO_TEST_CASE(identical_content_under_two_paths_is_indexed_once) {
  Index ix;
  ix.put("x.txt", 3, "twin");
  ix.put("sub dir/y é.txt", 3, "twin");
  json s = ix.ingest();
  BOOST_TEST(s["added"] == 2);
  BOOST_TEST(passages(ix.db) == 3u);
  BOOST_TEST(ix.sources_of("x.txt").size() == 2u);

  std::filesystem::remove(ix.path("x.txt"));
  ix.ingest({"--prune", "--force"});
  BOOST_TEST(passages(ix.db) == 3u);  // the other path keeps the document
  BOOST_TEST(ix.sources_of("sub dir/y é.txt") == std::vector<std::string>{ix.path("sub dir/y é.txt")});
  BOOST_TEST(passage_sources(ix.db)[ix.path("sub dir/y é.txt")] == 3);

  std::filesystem::remove(ix.path("sub dir/y é.txt"));
  ix.ingest({"--prune", "--force"});
  BOOST_TEST(passages(ix.db) == 0u);
  BOOST_TEST(metadata_keys(ix.db, "doc:").empty());
}

BOOST_AUTO_TEST_CASE(prune_refuses_to_empty_most_of_the_index_unless_forced) {
  Index ix;
  for (int i = 0; i < 4; ++i) ix.put("f" + std::to_string(i) + ".txt", 1);
  ix.ingest();
  for (int i = 0; i < 3; ++i) std::filesystem::remove(ix.path("f" + std::to_string(i) + ".txt"));
  RunResult refused = run_scrutiny({"ingest", "--db", ix.db, "--prune", ix.docs});
  BOOST_TEST(refused.code == 2);
  BOOST_TEST(refused.err.find("refusing to prune 3 of 4 indexed files") != std::string::npos, refused.err);
  BOOST_TEST(passages(ix.db) == 4u);  // nothing changed
  json s = ix.ingest({"--prune", "--prune-max", "0.8"});
  BOOST_TEST(s["removed"] == 3);
  BOOST_TEST(passages(ix.db) == 1u);
}

BOOST_AUTO_TEST_CASE(failures_are_remembered_until_the_file_changes) {
  Index ix;
  ix.put("good.txt", 2);
  write_file(ix.path("broken.pdf"), std::string("%PDF-1.7\n") + std::string(300, '\x07'));
  json s = ix.ingest({}, 1);
  BOOST_REQUIRE_EQUAL(s["failed"].size(), 1u);
  BOOST_TEST(s["failed"][0]["path"] == ix.path("broken.pdf"));
  BOOST_TEST(!s["failed"][0]["reason"].get<std::string>().empty());
  auto fail = metadata_json(ix.db, "fail:" + ix.path("broken.pdf"));
  BOOST_TEST(fail["reason"] == s["failed"][0]["reason"]);

  s = ix.ingest({}, 0);  // not retried: same size and mtime
  BOOST_TEST(s["previously_failed"] == 1);
  BOOST_TEST(s["failed"].empty());
  s = ix.ingest({"--retry-failed"}, 1);
  BOOST_TEST(s["failed"].size() == 1u);

  RunResult status = run_scrutiny({"status", "--db", ix.db, "--format", "json"});
  BOOST_TEST(status.code == 0, status.err);
  json st = json::parse(status.out);
  BOOST_TEST(st["documents"] == 1);
  BOOST_TEST(st["passages"] == 2);
  BOOST_TEST(st["schema"] == "5");
  BOOST_TEST(st["current_schema"] == "5");
  BOOST_REQUIRE_EQUAL(st["failures"].size(), 1u);
  BOOST_TEST(st["failures"][0]["path"] == ix.path("broken.pdf"));
  BOOST_TEST(st["last_run"]["failed"].size() == 1u);

  write_file(ix.path("broken.pdf"), paragraphs_text("mended", 3));  // fixed: sniffed as text now
  s = ix.ingest({}, 0);
  BOOST_TEST(s["added"] == 1);
  BOOST_TEST(passages(ix.db) == 5u);
  BOOST_TEST(metadata_keys(ix.db, "fail:").empty());
}

BOOST_AUTO_TEST_CASE(usage_errors_and_a_bad_taxonomy_exit_2) {
  Index ix;
  ix.put("a.txt", 1);
  RunResult no_paths = run_scrutiny({"ingest", "--db", ix.db});
  BOOST_TEST(no_paths.code == 2);
  RunResult bad = run_scrutiny({"ingest", "--db", ix.db, "--taxonomy", ix.t.str("missing.toml"), ix.docs});
  BOOST_TEST(bad.code == 2);
  BOOST_TEST(bad.err.find("missing.toml") != std::string::npos, bad.err);
  RunResult no_index = run_scrutiny({"status", "--db", ix.t.str("nowhere")});
  BOOST_TEST(no_index.code == 2);
  BOOST_TEST(no_index.err.find("no index") != std::string::npos, no_index.err);
}

// Measurement, not a timing assertion: a no-change re-run over 10,000 small
// files (set SCRUTINY_BATCH_10K=1; the first ingest takes minutes on 2 cores).
BOOST_AUTO_TEST_CASE(no_change_rerun_over_ten_thousand_files) {
  if (!std::getenv("SCRUTINY_BATCH_10K")) {
    BOOST_TEST_MESSAGE("skipped: set SCRUTINY_BATCH_10K=1 to measure");
    return;
  }
  Index ix;
  for (int i = 0; i < 10000; ++i)
    write_file(ix.path("d" + std::to_string(i / 100) + "/f" + std::to_string(i) + ".txt"),
               "Small file " + std::to_string(i) + ".\n");
  json first = ix.ingest();
  BOOST_TEST(first["added"] == 10000);
  json again = ix.ingest();
  BOOST_TEST(again["unchanged"] == 10000);
  BOOST_TEST(again["passages"] == 0);
  BOOST_TEST_MESSAGE("first ingest " << first["seconds"] << " s; no-change re-run " << again["seconds"] << " s");
}
