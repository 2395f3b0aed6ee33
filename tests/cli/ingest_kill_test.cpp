// kill -9 during an ingest, searching during an ingest, and the writer lock:
// real `scrutiny` processes, real signals. A worker told to hang (fault
// injection: a file named hang-*) keeps an ingest alive for as long as the
// test needs it.
#define BOOST_TEST_MODULE ingest_kill
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include "batch_support.h"

using namespace batch_test;

namespace {

struct FaultInjection {
  FaultInjection() { ::setenv("SCRUTINY_FAULT_INJECTION", "1", 1); }
  ~FaultInjection() { ::unsetenv("SCRUTINY_FAULT_INJECTION"); }
};

// 300 files of 3 paragraphs, then one that hangs its worker.
void make_tree(const TempDir& t, bool with_hang) {
  for (int i = 0; i < 300; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "docs/doc-%03d.txt", i);
    write_file(t.path / name, paragraphs_text("safeguarding" + std::to_string(i), 3));
  }
  if (with_hang) write_file(t.path / "docs/hang-forever.txt", "never extracted\n");
}

Xapian::doccount committed_passages(const std::string& db) {
  try {
    return Xapian::Database(db).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

bool exited(pid_t pid, int& code) {
  int status = 0;
  if (::waitpid(pid, &status, WNOHANG) != pid) return false;
  code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

// Waits until `db` shows at least `n` committed passages.
bool wait_for_commit(const std::string& db, Xapian::doccount n, pid_t pid) {
  for (int i = 0; i < 6000; ++i) {
    if (committed_passages(db) >= n) return true;
    int code;
    if (exited(pid, code)) return committed_passages(db) >= n;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// Every document in the index is whole: its passage count is what its file gave.
void check_whole_documents(const std::string& db, Xapian::doccount per_doc) {
  Xapian::Database d(db);
  for (auto it = d.allterms_begin("XDOC"); it != d.allterms_end("XDOC"); ++it)
    BOOST_TEST(it.get_termfreq() == per_doc, "document " << *it << " has " << it.get_termfreq() << " passages");
  BOOST_TEST(duplicate_unique_terms(db).empty());
}

}  // namespace

BOOST_AUTO_TEST_CASE(sigkill_mid_run_leaves_a_searchable_index_and_rerun_completes) {
  FaultInjection faults;
  TempDir t;
  make_tree(t, true);
  // Reference: the passage count of an uninterrupted run over the same files.
  TempDir ref;
  make_tree(ref, false);
  RunResult clean = run_scrutiny({"ingest", "--quiet", "--db", ref.str("db"), ref.str("docs")});
  BOOST_REQUIRE_EQUAL(clean.code, 0);
  const Xapian::doccount expected = passages(ref.str("db"));
  BOOST_REQUIRE_EQUAL(expected % 300, 0u);
  const Xapian::doccount per_doc = expected / 300;

  const std::string db = t.str("db");
  pid_t pid = spawn_scrutiny({"ingest", "--quiet", "--jobs", "1", "--commit-every", "20", "--timeout", "120",
                              "--db", db, t.str("docs")},
                             t.str("out1"), t.str("err1"));
  BOOST_REQUIRE(wait_for_commit(db, 1, pid));
  ::kill(pid, SIGKILL);
  BOOST_TEST(wait_exit(pid) == 128 + SIGKILL);

  // The killed run's index opens, searches, and holds only whole documents.
  const Xapian::doccount after_kill = passages(db);
  BOOST_TEST_MESSAGE("passages committed before kill -9: " << after_kill << " of " << expected);
  BOOST_TEST(after_kill > 0u);
  BOOST_TEST(after_kill % per_doc == 0u);
  check_whole_documents(db, per_doc);
  Xapian::Enquire enquire{Xapian::Database(db)};
  enquire.set_query(Xapian::Query("council"));
  BOOST_TEST(enquire.get_mset(0, 10).size() > 0u);
  // Every remembered file is fully indexed: state and passages share a commit.
  for (const auto& key : metadata_keys(db, "file:")) {
    auto state = metadata_json(db, key);
    BOOST_TEST(term_count(db, "XDOC" + state.value("doc_id", "")) == per_doc);
  }

  // The re-run (without the hanging file) completes: no duplicate, none lost.
  std::filesystem::remove(t.path / "docs/hang-forever.txt");
  RunResult rerun = run_scrutiny({"ingest", "--db", db, "--summary", t.str("summary.json"), t.str("docs")});
  BOOST_TEST(rerun.code == 0, rerun.err);
  BOOST_TEST(passages(db) == expected);
  BOOST_TEST(metadata_keys(db, "file:").size() == 300u);
  check_whole_documents(db, per_doc);
  auto summary = nlohmann::json::parse(read_file(t.str("summary.json")));
  BOOST_TEST(summary["added"].get<size_t>() + summary["unchanged"].get<size_t>() == 300u);
  BOOST_TEST(summary["failed"].empty());
}

BOOST_AUTO_TEST_CASE(search_works_and_a_second_writer_is_refused_while_an_ingest_runs) {
  FaultInjection faults;
  TempDir t;
  for (int i = 0; i < 5; ++i)
    write_file(t.path / ("docs/a-report-" + std::to_string(i) + ".txt"), paragraphs_text("fostering", 2));
  write_file(t.path / "docs/hang-1.txt", "never extracted\n");
  const std::string db = t.str("db");
  pid_t holder = spawn_scrutiny({"ingest", "--jobs", "1", "--commit-every", "1", "--timeout", "120", "--db", db,
                                 t.str("docs")},
                                t.str("out1"), t.str("err1"));
  BOOST_REQUIRE(wait_for_commit(db, 1, holder));

  // Readers see the last commit while the writer works.
  RunResult search = run_scrutiny({"search", "--db", db, "--format", "json", "fostering"});
  BOOST_TEST(search.code == 0, search.err);
  auto hits = nlohmann::json::parse(search.out, nullptr, false);
  BOOST_TEST((hits.is_object() && hits["results"].size() > 0u), search.out);

  // A second writer: refused at once, naming the holder, exit code 3.
  RunResult second = run_scrutiny({"ingest", "--db", db, t.str("docs")});
  BOOST_TEST(second.code == 3);
  BOOST_TEST(second.err.find("locked") != std::string::npos, second.err);
  BOOST_TEST(second.err.find("pid " + std::to_string(holder)) != std::string::npos, second.err);

  // With --wait it polls, then gives up the same way.
  RunResult waited = run_scrutiny({"ingest", "--wait", "1", "--db", db, t.str("docs")});
  BOOST_TEST(waited.code == 3);
  BOOST_TEST(waited.err.find("waited 1 s") != std::string::npos, waited.err);

  // A waiting writer gets the lock once the holder dies.
  pid_t patient = spawn_scrutiny({"ingest", "--quiet", "--wait", "60", "--timeout", "120", "--db", db,
                                  t.str("docs/a-report-0.txt")},
                                 t.str("out3"), t.str("err3"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int code = -1;
  BOOST_TEST(!exited(patient, code));
  ::kill(holder, SIGKILL);
  wait_exit(holder);
  BOOST_TEST(wait_exit(patient) == 0, read_file(t.str("err3")));
}
