// Smoke run of the benchmark tools (no timings): gen_corpus is deterministic
// (same seed, identical bytes; another seed, other bytes), and `scrutiny
// ingest` dates every generated document exactly as generated, within
// 2014-2025 ("Submitted to: BODY – d Month yyyy", "Meeting: dd/mm/yyyy - BODY").
#define BOOST_TEST_MODULE bench_smoke
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace fs = std::filesystem;

namespace {

const fs::path kWork = fs::path(BENCH_SMOKE_DIR);

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int run(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

int generate(const std::string& out, int seed) {
  fs::remove_all(kWork / out);
  return run(std::string(GEN_CORPUS) + " --out " + (kWork / out).string() + " --count 20 --seed " +
             std::to_string(seed) + " --source-text " + SCRUTINY_SOURCE_DIR + "/bench/data/sentences.txt");
}

// corpus.tsv: relative path -> ISO date.
std::map<std::string, std::string> expected_dates(const fs::path& corpus) {
  std::map<std::string, std::string> dates;
  std::istringstream lines(slurp(corpus / "corpus.tsv"));
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    std::istringstream f(line);
    std::string path, format, pages, date;
    std::getline(f, path, '\t');
    std::getline(f, format, '\t');
    std::getline(f, pages, '\t');
    std::getline(f, date, '\t');
    dates[path] = date;
  }
  return dates;
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_seed_gives_identical_bytes) {
  fs::create_directories(kWork);
  BOOST_REQUIRE_EQUAL(generate("a", 5), 0);
  BOOST_REQUIRE_EQUAL(generate("b", 5), 0);
  BOOST_REQUIRE_EQUAL(generate("c", 6), 0);
  auto dates = expected_dates(kWork / "a");
  BOOST_REQUIRE_EQUAL(dates.size(), 20u);
  size_t pdfs = 0, html = 0, differing = 0;
  for (const auto& [path, date] : dates) {
    const std::string bytes = slurp(kWork / "a" / path);
    BOOST_CHECK_MESSAGE(bytes == slurp(kWork / "b" / path), path << " differs between two runs with seed 5");
    if (bytes != slurp(kWork / "c" / path)) ++differing;
    (path.ends_with(".pdf") ? pdfs : html) += 1;
    const int year = std::stoi(date.substr(0, 4));
    BOOST_CHECK(year >= 2014 && year <= 2025);
  }
  BOOST_CHECK(pdfs > 0 && html > 0);  // both formats in 20 documents
  BOOST_CHECK_EQUAL(slurp(kWork / "a" / "corpus.tsv"), slurp(kWork / "b" / "corpus.tsv"));
  BOOST_CHECK_EQUAL(differing, 20u);  // another seed changes every document
}

BOOST_AUTO_TEST_CASE(ingest_dates_every_generated_document) {
  BOOST_REQUIRE_EQUAL(generate("a", 5), 0);
  const fs::path db = kWork / "db";
  fs::remove_all(db);
  BOOST_REQUIRE_EQUAL(run(std::string(SCRUTINY_BINARY) + " ingest --quiet --jobs 1 --db " + db.string() + " " +
                          (kWork / "a").string()),
                      0);
  auto dates = expected_dates(kWork / "a");
  Xapian::Database index(db.string());
  size_t checked = 0;
  for (auto key = index.metadata_keys_begin("doc:"); key != index.metadata_keys_end("doc:"); ++key) {
    auto record = nlohmann::json::parse(index.get_metadata(*key));
    const std::string source = record.value("source", "");
    const std::string rel = fs::path(source).parent_path().filename().string() + "/" +
                            fs::path(source).filename().string();
    if (!dates.count(rel)) continue;  // corpus.tsv itself may be indexed as text
    BOOST_TEST_CONTEXT(rel) {
      BOOST_REQUIRE(record["date"].is_string());
      BOOST_CHECK_EQUAL(record["date"].get<std::string>(), dates[rel]);
    }
    ++checked;
  }
  BOOST_CHECK_EQUAL(checked, dates.size());
}
