// ExtractPool: files queued behind one that kills its worker still get
// extracted, answers come back for every file sent, and a worker's queue
// never holds more than the pool admits (full()). Crashes and hangs come
// from the workers' fault injection (files named crash-*, hang-*).
#define BOOST_TEST_MODULE extract_pool
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "scrutiny/extract_worker.h"

namespace fs = std::filesystem;
using namespace scrutiny;

namespace {

struct Fixture {
  fs::path dir;
  Fixture() {
    ::setenv("SCRUTINY_FAULT_INJECTION", "1", 1);
    std::string tmpl = (fs::temp_directory_path() / "scrutiny-pool-XXXXXX").string();
    dir = ::mkdtemp(tmpl.data());
  }
  ~Fixture() {
    ::unsetenv("SCRUTINY_FAULT_INJECTION");
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string text_file(const std::string& name, const std::string& text) const {
    std::ofstream((dir / name).string()) << text;
    return (dir / name).string();
  }
};

// A file's first passage text: from the Document, or from the first built
// passage's stored data when the pool builds passages.
std::string first_text(const ExtractOutcome& o) {
  if (o.passages) {
    if (o.passages->empty()) return "";
    BOOST_TEST(o.document->passages.empty());
    return nlohmann::json::parse(o.passages->front().data).at("text").get<std::string>();
  }
  return o.document->passages.empty() ? "" : o.document->passages.front().text;
}

// Sends every path (waiting whenever the pool is full) and gathers each
// file's outcome: its first passage's text, or "error: " + reason.
std::map<std::string, std::string> run_all(ExtractPool& pool, const std::vector<std::string>& paths) {
  std::map<std::string, std::string> out;
  auto take = [&](double wait) {
    for (ExtractOutcome& o : pool.collect(wait)) {
      const std::string name = fs::path(o.job.source).filename().string();
      out[name] = o.document ? first_text(o) : "error: " + o.error;
    }
  };
  for (const std::string& p : paths) {
    while (pool.full()) take(1.0);
    ExtractJob job;
    job.source = p;
    BOOST_REQUIRE(pool.start(job).ok());
  }
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!pool.idle() && std::chrono::steady_clock::now() < give_up) take(1.0);
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_file_queued_behind_a_crash_is_extracted_by_a_new_worker, Fixture) {
  ExtractPool pool(1, WorkerLimits{10, 0}, IngestOptions{});
  auto out = run_all(pool, {text_file("crash-first.txt", "never read\n"),
                            text_file("after-crash.txt", "Care leavers were visited regularly.\n"),
                            text_file("third.txt", "Workforce stability has improved.\n")});
  BOOST_TEST(out["crash-first.txt"] == "error: crashed (signal 11)");
  BOOST_TEST(out["after-crash.txt"] == "Care leavers were visited regularly.");
  BOOST_TEST(out["third.txt"] == "Workforce stability has improved.");
  BOOST_TEST(pool.idle());
}

BOOST_FIXTURE_TEST_CASE(a_pool_with_a_builder_sends_back_built_passages, Fixture) {
  ExtractPool pool(1, WorkerLimits{10, 0}, IngestOptions{}, PassageBuilder(Synonyms::default_set(), LengthNorm{}));
  auto out = run_all(pool, {text_file("crash-first.txt", "never read\n"),
                            text_file("built.txt", "Care leavers were visited regularly.\n")});
  BOOST_TEST(out["crash-first.txt"] == "error: crashed (signal 11)");
  BOOST_TEST(out["built.txt"] == "Care leavers were visited regularly.");
}

BOOST_FIXTURE_TEST_CASE(a_queued_file_is_timed_from_when_its_turn_comes, Fixture) {
  // slow-* files take 3 s each. Sent together to one worker with a 5 s
  // deadline, the second finishes 6 s after it was sent: it must not be
  // charged for its wait behind the first.
  ExtractPool pool(1, WorkerLimits{5, 0}, IngestOptions{});
  auto out = run_all(pool, {text_file("slow-first.txt", "Placement sufficiency remains a concern.\n"),
                            text_file("slow-second.txt", "Leaders know their services well.\n")});
  BOOST_TEST(out["slow-first.txt"] == "Placement sufficiency remains a concern.");
  BOOST_TEST(out["slow-second.txt"] == "Leaders know their services well.");
}

BOOST_FIXTURE_TEST_CASE(a_hang_costs_one_file_and_the_one_behind_it_is_extracted, Fixture) {
  ExtractPool pool(1, WorkerLimits{2, 0}, IngestOptions{});
  auto out = run_all(pool, {text_file("hang-first.txt", "never read\n"),
                            text_file("behind-hang.txt", "Return home interviews are timely.\n")});
  BOOST_TEST(out["hang-first.txt"] == "error: timed out after 2 s");
  BOOST_TEST(out["behind-hang.txt"] == "Return home interviews are timely.");
}

BOOST_FIXTURE_TEST_CASE(every_file_sent_gets_one_answer_with_two_workers, Fixture) {
  ExtractPool pool(2, WorkerLimits{10, 0}, IngestOptions{});
  std::vector<std::string> paths;
  for (int i = 0; i < 40; ++i)
    paths.push_back(text_file("f" + std::to_string(i) + ".txt", "Passage number " + std::to_string(i) + ".\n"));
  paths.push_back(text_file("crash-middle.txt", "x\n"));
  auto out = run_all(pool, paths);
  BOOST_TEST(out.size() == 41u);
  for (int i = 0; i < 40; ++i)
    BOOST_TEST(out["f" + std::to_string(i) + ".txt"] == "Passage number " + std::to_string(i) + ".");
  BOOST_TEST(out["crash-middle.txt"] == "error: crashed (signal 11)");
}

// A reply bigger than the socket buffer must not hold its worker until the
// parent reads it: the parent reads nothing while it commits, and the worker
// would sit idle. Here the parent looks away for 3 s; by then the worker has
// answered both files, and each answer is there without waiting.
BOOST_FIXTURE_TEST_CASE(a_worker_goes_on_while_the_parent_is_not_reading, Fixture) {
  std::string big;
  for (int i = 0; big.size() < 600'000; ++i)
    big += "Paragraph " + std::to_string(i) + ": care leavers told inspectors that their personal advisers "
           "keep in touch and help them find somewhere to live.\n\n";
  ExtractPool pool(1, WorkerLimits{60, 0}, IngestOptions{});
  ExtractJob first, second;
  first.source = text_file("big.txt", big);
  second.source = text_file("small.txt", "Workforce stability has improved.\n");
  BOOST_REQUIRE(pool.start(first).ok());
  BOOST_REQUIRE(pool.start(second).ok());
  ::sleep(3);
  std::vector<ExtractOutcome> got = pool.collect(0);
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_REQUIRE(got[0].document);
  BOOST_TEST(got[0].document->passages.size() > 3000u);
  std::vector<ExtractOutcome> next = pool.collect(0);
  BOOST_REQUIRE_EQUAL(next.size(), 1u);
  BOOST_REQUIRE(next[0].document);
  BOOST_TEST(next[0].document->passages.front().text == "Workforce stability has improved.");
  BOOST_TEST(pool.idle());
}
