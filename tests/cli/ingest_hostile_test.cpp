// Hostile and broken input: every file ends up indexed or failed with a
// reason, the run finishes, and nothing crashes. Generated at test time
// (qpdf for encryption when installed), plus ../shared/corpus-candidates when
// present. Crashes, hangs and memory blow-ups are simulated with the workers'
// fault injection (files named crash-*, hang-*, oom-*, slow-*).
#define BOOST_TEST_MODULE ingest_hostile
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <sys/stat.h>

#include <chrono>
#include <random>
#include <thread>

#include "batch_support.h"

using namespace batch_test;
using nlohmann::json;

namespace {

struct FaultInjection {
  FaultInjection() { ::setenv("SCRUTINY_FAULT_INJECTION", "1", 1); }
  ~FaultInjection() { ::unsetenv("SCRUTINY_FAULT_INJECTION"); }
};

bool have_qpdf() { return std::system("qpdf --version >/dev/null 2>&1") == 0; }

std::map<std::string, std::string> failures_by_path(const json& summary) {
  std::map<std::string, std::string> out;
  for (const auto& f : summary["failed"]) out[f["path"].get<std::string>()] = f["reason"].get<std::string>();
  return out;
}

bool indexed(const std::string& db, const std::string& path) {
  return Xapian::Database(db).get_metadata("file:" + path) != "";
}

// Passage texts of the document indexed for `path`, joined.
std::string indexed_text(const std::string& db, const std::string& path) {
  auto state = metadata_json(db, "file:" + path);
  if (!state.is_object()) return "";
  Xapian::Database d(db);
  std::string out;
  const std::string term = "XDOC" + state.value("doc_id", "");
  for (auto it = d.postlist_begin(term); it != d.postlist_end(term); ++it)
    out += json::parse(d.get_document(*it).get_data()).value("text", "") + "\n";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(hostile_files_are_indexed_or_failed_with_a_reason) {
  FaultInjection faults;
  TempDir t;
  const fs::path d = t.path / "in";
  const std::string pdf = make_pdf({"Owner protected text about adoption panels.", "Second page."});
  write_file(d / "empty.pdf", "");
  write_file(d / "truncated.pdf", pdf.substr(0, pdf.size() / 3));
  std::mt19937 rng(7);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  write_file(d / "random.pdf", noise);
  write_file(d / "image-only.pdf", make_pdf({"", ""}));
  write_file(d / "plain.pdf", pdf);
  write_file(d / "cp1252.html",
             "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 report</title></head><body>"
             "<p>The caf\xe9 opened for care leavers \x96 a \x93safe space\x94 in town.</p></body></html>");
  write_file(d / "broken.html",
             "<html><body><div><p>Unclosed markup about youth justice<p>second <b>para <i>graph</div>");
  write_file(d / "latin1.txt", "A na\xefve plan for r\xe9sum\xe9 support in children's services.\n");
  write_file(d / "name with spaces é ü.txt", "Spaces and accents in the file name.\n");
  fs::create_directories(d / "loop");
  fs::create_directory_symlink("..", d / "loop" / "back");
  ::mkfifo((d / "fifo.pdf").c_str(), 0644);
  write_file(d / "crash-parser.pdf", pdf);
  write_file(d / "hang-parser.pdf", pdf);
#if !defined(__SANITIZE_ADDRESS__)  // ASan builds run workers without a memory cap
  write_file(d / "oom-parser.pdf", pdf);
#endif
  const bool qpdf = have_qpdf();
  if (qpdf) {
    const std::string plain = (d / "plain.pdf").string();
    BOOST_REQUIRE_EQUAL(std::system(("qpdf --encrypt secret owner 256 -- '" + plain + "' '" +
                                     (d / "user-password.pdf").string() + "'").c_str()), 0);
    BOOST_REQUIRE_EQUAL(std::system(("qpdf --encrypt '' owner 256 -- '" + plain + "' '" +
                                     (d / "owner-only.pdf").string() + "'").c_str()), 0);
  } else {
    BOOST_TEST_MESSAGE("qpdf not installed: skipping the encrypted PDFs");
  }
  const bool root = ::geteuid() == 0;
  if (!root) {
    write_file(d / "unreadable.txt", "secret\n");
    ::chmod((d / "unreadable.txt").c_str(), 0);
  }

  const std::string db = t.str("db");
  RunResult r = run_scrutiny({"ingest", "--db", db, "--timeout", "3", "--max-memory", "1024", "--summary",
                              t.str("summary.json"), d.string()});
  BOOST_TEST(r.code == 1, r.err);
  json s = json::parse(read_file(t.str("summary.json")));
  auto failed = failures_by_path(s);
  auto p = [&](const std::string& name) { return (d / name).string(); };
  auto reason = [&](const std::string& name) { return failed.count(p(name)) ? failed[p(name)] : "(indexed)"; };

  BOOST_TEST(reason("empty.pdf") == "empty file");
  // Random bytes are not a PDF; the sniffer may still call them text. Never lost, never fatal.
  BOOST_TEST((indexed(db, p("random.pdf")) || failed.count(p("random.pdf"))));
  BOOST_TEST(reason("image-only.pdf").find("no text layer") != std::string::npos, reason("image-only.pdf"));
  BOOST_TEST(reason("fifo.pdf") == "not a regular file");
  BOOST_TEST(reason("crash-parser.pdf") == "crashed (signal 11)");
  BOOST_TEST(reason("hang-parser.pdf") == "timed out after 3 s");
#if !defined(__SANITIZE_ADDRESS__)
  BOOST_TEST(reason("oom-parser.pdf") == "exceeded memory limit (1024 MiB)");
#endif
  // Truncated: poppler may recover the first page or give up; either is fine, silently neither is not.
  BOOST_TEST((indexed(db, p("truncated.pdf")) || failed.count(p("truncated.pdf"))));
  BOOST_TEST(indexed_text(db, p("plain.pdf")).find("adoption panels") != std::string::npos);
  BOOST_TEST(indexed_text(db, p("cp1252.html")).find("café opened for care leavers") != std::string::npos,
             indexed_text(db, p("cp1252.html")));
  BOOST_TEST(indexed_text(db, p("broken.html")).find("youth justice") != std::string::npos);
  BOOST_TEST(indexed_text(db, p("latin1.txt")).find("naïve plan for résumé") != std::string::npos,
             indexed_text(db, p("latin1.txt")));
  BOOST_TEST(passage_sources(db).count(p("name with spaces é ü.txt")) == 1u);
  if (qpdf) {
    BOOST_TEST(failed.count(p("user-password.pdf")) == 1u);
    BOOST_TEST(indexed_text(db, p("owner-only.pdf")).find("adoption panels") != std::string::npos);
  }
  if (!root) BOOST_TEST(reason("unreadable.txt").find("Permission denied") != std::string::npos);
  // One line per failure on stderr, naming the file.
  for (const auto& [path, why] : failed)
    BOOST_TEST(r.err.find("scrutiny: " + path + ": " + why) != std::string::npos, path);
  // The loop was walked once: no file appears under loop/back/.
  for (const auto& key : metadata_keys(db, "file:")) BOOST_TEST(key.find("/loop/back/") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_file_changed_while_being_read_is_read_again_next_run) {
  FaultInjection faults;
  TempDir t;
  const std::string file = t.str("in/slow-minutes.txt");
  write_file(file, "First version of the minutes.\n");
  pid_t pid = spawn_scrutiny({"ingest", "--db", t.str("db"), t.str("in")}, t.str("out"), t.str("err"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // the worker sleeps 3 s
  write_file(file, "Second version of the minutes, longer.\n");
  BOOST_TEST(wait_exit(pid) == 1);
  BOOST_TEST(read_file(t.str("err")).find("changed while being read") != std::string::npos, read_file(t.str("err")));
  ::unsetenv("SCRUTINY_FAULT_INJECTION");
  RunResult again = run_scrutiny({"ingest", "--db", t.str("db"), t.str("in")});
  BOOST_TEST(again.code == 0, again.err);
  BOOST_TEST(indexed_text(t.str("db"), file).find("Second version") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_thousand_page_pdf_keeps_memory_bounded) {
  TempDir t;
  std::vector<std::string> pages;
  for (int i = 1; i <= 1200; ++i) pages.push_back("Page " + std::to_string(i) + " of the looked after children audit.");
  write_file(t.path / "in/big.pdf", make_pdf(pages));
  RunResult r = run_scrutiny({"ingest", "--db", t.str("db"), "--summary", t.str("s.json"), t.str("in")});
  BOOST_TEST(r.code == 0, r.err);
  json s = json::parse(read_file(t.str("s.json")));
  BOOST_TEST(s["pages"] == 1200);
  BOOST_TEST(passages(t.str("db")) >= 1200u);
  rusage ru{};
  ::getrusage(RUSAGE_CHILDREN, &ru);
  BOOST_TEST_MESSAGE("peak RSS of the largest child (ingest or worker): " << ru.ru_maxrss / 1024 << " MiB");
#if !defined(__SANITIZE_ADDRESS__)
  BOOST_TEST(ru.ru_maxrss / 1024 < 1024);
#endif
}

BOOST_AUTO_TEST_CASE(shared_corpus_candidates_all_indexed_or_failed) {
  const fs::path dir = fs::path(SCRUTINY_SHARED_DIR) / "corpus-candidates";
  if (!fs::is_directory(dir)) {
    BOOST_TEST_MESSAGE("skipped: " << dir << " not present");
    return;
  }
  TempDir t;
  RunResult r = run_scrutiny({"ingest", "--quiet", "--db", t.str("db"), "--timeout", "60", "--summary",
                              t.str("s.json"), dir.string()});
  BOOST_TEST((r.code == 0 || r.code == 1), r.err);
  json s = json::parse(read_file(t.str("s.json")));
  auto failed = failures_by_path(s);
  size_t files = 0, ok = 0, ignored = 0;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || (name.size() > 10 && name.ends_with(".meta.json"))) continue;
    ++files;
    const std::string path = it->path().string();
    const std::string ext = it->path().extension().string();
    if (ext == ".md" || ext == ".json") {  // SOURCES.md, files.json: not documents, counted as ignored
      ++ignored;
      BOOST_TEST(!indexed(t.str("db"), path), path);
      continue;
    }
    bool is_indexed = indexed(t.str("db"), path);
    ok += is_indexed;
    BOOST_TEST((is_indexed || (failed.count(path) && !failed[path].empty())), path);
  }
  BOOST_TEST_MESSAGE("corpus-candidates: " << files << " files, " << ok << " indexed, " << failed.size()
                                           << " failed, " << s["seconds"] << " s");
  BOOST_TEST(files > 0u);
  BOOST_TEST(s["ignored"].get<size_t>() == ignored);
}
