#define BOOST_TEST_MODULE trace
#include <boost/test/unit_test.hpp>

#include "scrutiny/themes_table.h"
#include "scrutiny/trace.h"
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>

#include "trends_fixture.h"

using namespace scrutiny;
using trends_test::TempDir;

namespace {

struct Fixture : trends_test::FixtureIndex {
  Trace trace(const std::string& theme, const Filters& filters = {}) {
    auto restrict = restriction_query(db, "", filters, {});
    BOOST_REQUIRE(restrict.ok());
    auto t = trace_theme(db, theme, "Label", restrict.value());
    BOOST_REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error()));
    return t.value();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(findings_in_date_order_grouped_by_year, Fixture) {
  const Trace t = trace("workforce");
  BOOST_TEST(t.count() == 5u);  // the boilerplate passage is not a finding
  BOOST_REQUIRE_EQUAL(t.years.size(), 3u);
  BOOST_TEST(*t.years[0].year == 2020);
  BOOST_TEST(t.years[0].count == 2u);
  BOOST_TEST(t.years[0].concerns == 1u);
  BOOST_TEST(t.years[0].strengths == 1u);
  BOOST_TEST(t.years[0].findings[0].page == 3);
  BOOST_TEST(t.years[0].findings[1].page == 4);
  BOOST_TEST(*t.years[1].year == 2021);
  // 2021-03-08 (Ofsted, concern) before 2021-11-02 (Scrutiny Board, strength).
  BOOST_TEST(*t.years[1].findings[0].date == "2021-03-08");
  BOOST_TEST(t.years[1].findings[0].polarity == "concern");
  BOOST_TEST(t.years[1].findings[0].source == "fixture/b2021.pdf");
  BOOST_TEST(*t.years[1].findings[1].date == "2021-11-02");
  BOOST_TEST(!t.years[2].year.has_value());  // undated last
  BOOST_TEST(t.years[2].findings[0].text == "Agency social worker numbers remain too high.");
}

BOOST_FIXTURE_TEST_CASE(recurrence_verdict, Fixture) {
  // Concerns in 2020 and 2021 (the undated one does not count as a year).
  Trace t = trace("workforce");
  BOOST_TEST(t.recurring);
  BOOST_TEST(t.concern_years == std::vector<int>({2020, 2021}), boost::test_tools::per_element());
  // A concern in one year only.
  BOOST_TEST(!trace("finance").recurring);
  BOOST_TEST(trace("finance").concern_years == std::vector<int>({2021}), boost::test_tools::per_element());
  // Mentioned in two years' documents... but never as a concern.
  BOOST_TEST(!trace("caseloads").recurring);
  // A filter to one year leaves one concern year: not recurring.
  Filters y2021;
  y2021.year_from = y2021.year_to = 2021;
  t = trace("workforce", y2021);
  BOOST_TEST(!t.recurring);
  BOOST_TEST(t.count() == 2u);
}

BOOST_FIXTURE_TEST_CASE(unknown_theme_suggests_nearest, Fixture) {
  auto t = trace_theme(db, "workfroce", "", Xapian::Query());
  BOOST_REQUIRE(!t.ok());
  BOOST_TEST(t.error().find("unknown theme 'workfroce'") == 0u);
  BOOST_TEST(t.error().find("workforce") != std::string::npos);
  BOOST_TEST(t.error().find('\n') == std::string::npos);
  // A valid taxonomy id that no passage has yet is an empty trace, not an error.
  auto empty = trace_theme(db, "covid", "Covid-19", Xapian::Query(), {"covid", "workforce"});
  BOOST_REQUIRE(empty.ok());
  BOOST_TEST(empty.value().count() == 0u);
  BOOST_TEST(!empty.value().recurring);
}

BOOST_FIXTURE_TEST_CASE(json_shape, Fixture) {
  const nlohmann::json j = to_json(trace("workforce"));
  BOOST_TEST(j["theme"] == "workforce");
  BOOST_TEST(j["recurring"] == true);
  BOOST_REQUIRE(j["years"].is_array());
  BOOST_TEST(j["years"].size() == 3u);
  const auto& y = j["years"][0];
  BOOST_TEST(y["year"] == 2020);
  BOOST_TEST(y["count"] == 2);
  BOOST_TEST(y["concerns"] == 1);
  BOOST_TEST(y["strengths"] == 1);
  const auto& f = y["findings"][0];
  for (const char* key : {"source", "title", "date", "page", "polarity", "text"})
    BOOST_TEST(f.contains(key), key);
  BOOST_TEST(f["source"] == "fixture/a2020.pdf");
  BOOST_TEST(f["title"] == "Document a2020");
  BOOST_TEST(f["date"] == "2020-05-21");
  BOOST_TEST(f["page"] == 3);
  BOOST_TEST(f["polarity"] == "concern");
  BOOST_TEST(j["years"][2]["year"].is_null());
}

BOOST_FIXTURE_TEST_CASE(text_and_csv, Fixture) {
  const Trace t = trace("workforce");
  const std::string text = format_text(t, false);
  BOOST_TEST(text.find("Recurring: raised as a concern in 2020 and 2021.") != std::string::npos);
  BOOST_TEST(text.find("2021-03-08 concern Document b2021, p.2") != std::string::npos);
  BOOST_TEST(text.find("source: fixture/b2021.pdf") != std::string::npos);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    size_t width = 0;
    for (unsigned char c : line) width += (c & 0xC0) != 0x80;
    BOOST_TEST(width <= 80u, line);
  }
  const std::string csv = format_csv(t);
  BOOST_TEST(csv.find("workforce,2021,2021-03-08,concern,fixture/b2021.pdf,Document b2021,2,") !=
             std::string::npos);
}

// --- The real corpus, end to end through the binary ------------------------
// corpus/ holds Middlesbrough papers made from ../shared/seeds. A careful
// reader finds workforce findings in the Executive report of 7 September 2021
// ("Leaders appropriately prioritised recruitment and the development of the
// workforce strategy") and the Corporate Parenting Board minutes of 2022 ("The
// most significant area of concern remained the recruitment and retention of
// experienced, permanent social workers"). Skips while the corpus or the
// binary is not there yet.
namespace {

std::string run(const std::string& command, int* status) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  *status = pclose(p);
  return out;
}

bool corpus_present() {
  namespace fs = std::filesystem;
  const fs::path corpus = fs::path(SCRUTINY_SOURCE_DIR) / "corpus";
  std::error_code ec;
  if (!fs::exists(SCRUTINY_BINARY, ec) || !fs::is_directory(corpus, ec)) return false;
  for (const auto& e : fs::directory_iterator(corpus, ec))
    if (e.path().extension() == ".pdf" || e.path().extension() == ".html") return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(real_corpus_workforce_over_the_years) {
  if (!corpus_present()) {
    BOOST_TEST_MESSAGE("corpus/ documents or the scrutiny binary not present: skipped");
    return;
  }
  TempDir dir;
  const std::string db = (dir.path / "index").string();
  const std::string bin = std::string("'") + SCRUTINY_BINARY + "' ";
  int status = -1;
  run(bin + "ingest --quiet --db '" + db + "' '" + SCRUTINY_SOURCE_DIR + "/corpus' 2>&1", &status);
  BOOST_REQUIRE_EQUAL(status, 0);

  const auto table = nlohmann::json::parse(run(bin + "themes --format json --db '" + db + "'", &status));
  BOOST_REQUIRE_EQUAL(status, 0);
  nlohmann::json workforce;
  for (const auto& t : table["themes"])
    if (t["id"] == "workforce") workforce = t;
  BOOST_REQUIRE(workforce.is_object());
  BOOST_TEST(workforce["counts"].contains("2021"));
  BOOST_TEST(workforce["counts"].contains("2022"));
  BOOST_TEST(table["themes"].size() == 23u);  // every taxonomy theme is a row

  const auto trace = nlohmann::json::parse(run(bin + "trace workforce --format json --db '" + db + "'", &status));
  BOOST_REQUIRE_EQUAL(status, 0);
  std::vector<int> years;
  for (const auto& y : trace["years"]) {
    if (y["year"].is_null()) continue;
    years.push_back(y["year"].get<int>());
    for (const auto& f : y["findings"])  // each finding sits under its own year
      if (f["date"].is_string()) BOOST_TEST(f["date"].get<std::string>().substr(0, 4) == std::to_string(years.back()));
  }
  BOOST_TEST(std::is_sorted(years.begin(), years.end()));
  BOOST_TEST(std::count(years.begin(), years.end(), 2021) == 1);
  BOOST_TEST(std::count(years.begin(), years.end(), 2022) == 1);

  run(bin + "trace workfroce --db '" + db + "' 2>&1", &status);
  BOOST_TEST(WEXITSTATUS(status) == 2);
}
