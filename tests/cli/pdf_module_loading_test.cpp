// The real binary and the PDF extractor module (ingest/src/pdf_module.h):
// reading commands never load poppler; ingest loads the module once, before
// it changes anything, and stops with one line when the module is missing.
#define BOOST_TEST_MODULE pdf_module_loading
#include <boost/test/unit_test.hpp>

#include "batch_support.h"

using namespace batch_test;
using nlohmann::json;

namespace {

// Runs scrutiny with `name=value` set in its environment.
RunResult run_with_env(const char* name, const std::string& value, const std::vector<std::string>& args) {
  const char* old = std::getenv(name);
  const std::string saved = old ? old : "";
  ::setenv(name, value.c_str(), 1);
  RunResult r = run_scrutiny(args);
  if (old) ::setenv(name, saved.c_str(), 1);
  else ::unsetenv(name);
  return r;
}

// A folder with one PDF and one HTML page, ingested into `db`.
fs::path make_indexed_folder(const TempDir& t, const std::string& db) {
  const fs::path d = t.path / "in";
  write_file(d / "report.pdf", make_pdf({"Caseloads for social workers remain high in the assessment teams."}));
  write_file(d / "minutes.html", "<html><head><title>Corporate Parenting Board</title></head><body>"
                                 "<p>Care leavers told the board about the local offer.</p></body></html>");
  RunResult r = run_scrutiny({"ingest", "-q", "--db", db, d.string()});
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  return d;
}

}  // namespace

// LD_DEBUG=files makes the dynamic loader name every object it loads, the
// dlopen'ed ones included, on stderr.
BOOST_AUTO_TEST_CASE(reading_commands_never_load_poppler) {
  TempDir t;
  const std::string db = t.str("db");
  make_indexed_folder(t, db);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"search", "--db", db, "caseloads"}, {"status", "--db", db},
        {"themes", "--db", db}, {"search", "--db", db, "--facets", "care leavers"}}) {
    RunResult r = run_with_env("LD_DEBUG", "files", args);
    BOOST_TEST(r.code == 0, args.front() << ": " << r.err.substr(0, 300));
    BOOST_TEST(r.err.find("libxapian") != std::string::npos);  // the trace is there
    BOOST_TEST(r.err.find("libpoppler") == std::string::npos, args.front());
    BOOST_TEST(r.err.find("scrutiny_pdf") == std::string::npos, args.front());
  }
}

BOOST_AUTO_TEST_CASE(ingest_loads_the_module_and_reads_the_pdf) {
  TempDir t;
  const std::string db = t.str("db");
  const fs::path d = t.path / "in";
  write_file(d / "report.pdf", make_pdf({"Caseloads for social workers remain high in the assessment teams."}));
  RunResult r = run_with_env("LD_DEBUG", "files", {"ingest", "-q", "--db", db, d.string()});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err.find("scrutiny_pdf.so") != std::string::npos);
  RunResult s = run_scrutiny({"search", "--db", db, "caseloads"});
  BOOST_TEST(s.out.find("assessment teams") != std::string::npos, s.out);
}

BOOST_AUTO_TEST_CASE(a_missing_module_stops_ingest_before_it_changes_anything) {
  TempDir t;
  const std::string db = t.str("db");
  const fs::path d = make_indexed_folder(t, db);
  const Xapian::doccount before = passages(db);
  write_file(d / "second.html", "<html><body><p>Placement sufficiency strategy.</p></body></html>");
  const std::string missing = t.str("nowhere/scrutiny_pdf.so");
  RunResult r = run_with_env("SCRUTINY_PDF_MODULE", missing, {"ingest", "--db", db, d.string()});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err == "scrutiny: cannot find the PDF extractor scrutiny_pdf.so (looked in " + missing +
                          "; set SCRUTINY_PDF_MODULE to its path)\n");
  BOOST_TEST(passages(db) == before);  // the new page waits for a working install
  BOOST_TEST(metadata_keys(db, "fail:").empty());

  // Not a module at all: dlopen's reason, in one line.
  write_file(t.path / "bad" / "scrutiny_pdf.so", "not an ELF file");
  r = run_with_env("SCRUTINY_PDF_MODULE", t.str("bad/scrutiny_pdf.so"), {"ingest", "--db", db, d.string()});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err.find("scrutiny: cannot load the PDF extractor: " + t.str("bad/scrutiny_pdf.so")) == 0u, r.err);
  BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1);

  // The same run with the module where it belongs indexes the new page.
  r = run_scrutiny({"ingest", "-q", "--db", db, d.string()});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(passages(db) > before);
}
