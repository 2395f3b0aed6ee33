#define BOOST_TEST_MODULE themes_table
#include <boost/test/unit_test.hpp>

#include "scrutiny/themes_table.h"
#include "trends_fixture.h"

using namespace scrutiny;
using trends_test::TempDir;

namespace {

struct Fixture : trends_test::FixtureIndex {
  ThemesTable table(const std::string& query = "", const Filters& filters = {}) {
    auto restrict = restriction_query(db, query, filters, {});
    BOOST_REQUIRE_MESSAGE(restrict.ok(), (restrict.ok() ? "" : restrict.error()));
    auto t = build_themes_table(db, trends_test::fixture_themes(), restrict.value());
    BOOST_REQUIRE(t.ok());
    return t.value();
  }
};

const ThemeRow& row(const ThemesTable& t, const std::string& id) {
  for (const auto& r : t.themes)
    if (r.id == id) return r;
  BOOST_FAIL("no row " + id);
  throw 0;
}

using Counts = std::map<int, Xapian::doccount>;

}  // namespace

BOOST_FIXTURE_TEST_CASE(counts_per_theme_and_year_exclude_boilerplate, Fixture) {
  const ThemesTable t = table();
  BOOST_TEST(t.years == std::vector<int>({2020, 2021}), boost::test_tools::per_element());
  // Every taxonomy theme is a row, in taxonomy order, labelled from it.
  BOOST_REQUIRE_EQUAL(t.themes.size(), 5u);
  BOOST_TEST(t.themes[0].id == "workforce");
  BOOST_TEST(t.themes[0].label == "Workforce");
  BOOST_TEST(t.themes[4].id == "covid");
  BOOST_TEST(t.themes[4].counts.empty());

  const ThemeRow& w = row(t, "workforce");
  // 2020: p3 concern + p4 strength; the boilerplate p9 concern is not counted.
  BOOST_TEST((w.counts == Counts{{2020, 2}, {2021, 2}}));
  BOOST_TEST((w.concerns == Counts{{2020, 1}, {2021, 1}}));
  BOOST_TEST(w.total == 5u);  // includes the undated passage
  BOOST_TEST(w.total_concerns == 3u);
  BOOST_TEST((row(t, "caseloads").counts == Counts{{2020, 1}}));
  BOOST_TEST((row(t, "caseloads").concerns == Counts{{2020, 0}}));
  BOOST_TEST((row(t, "finance").concerns == Counts{{2021, 1}}));
  BOOST_TEST((t.passages == Counts{{2020, 2}, {2021, 4}}));
  BOOST_TEST(t.undated == 1u);
}

BOOST_FIXTURE_TEST_CASE(filters_restrict_every_count, Fixture) {
  Filters ofsted;
  ofsted.type = "ofsted_report";
  ThemesTable t = table("", ofsted);
  BOOST_TEST(t.years == std::vector<int>({2021}), boost::test_tools::per_element());
  BOOST_TEST((row(t, "workforce").counts == Counts{{2021, 1}}));
  BOOST_TEST((row(t, "front_door").counts == Counts{{2021, 1}}));
  BOOST_TEST(row(t, "finance").counts.empty());
  BOOST_TEST(t.undated == 0u);

  Filters concerns;
  concerns.polarity = "concern";
  t = table("", concerns);
  BOOST_TEST((row(t, "workforce").counts == Counts{{2020, 1}, {2021, 1}}));
  BOOST_TEST(row(t, "caseloads").counts.empty());
  BOOST_TEST(row(t, "workforce").total == 2u + 1u);

  Filters body;
  body.body = "scrutiny BOARD";
  body.year_from = body.year_to = 2021;
  t = table("", body);
  BOOST_TEST((row(t, "workforce").counts == Counts{{2021, 1}}));
  BOOST_TEST((row(t, "workforce").concerns == Counts{{2021, 0}}));

  Filters range;
  range.from = "2021-01-01";
  range.to = "2021-06-30";
  t = table("", range);
  BOOST_TEST((t.passages == Counts{{2021, 2}}));
}

BOOST_FIXTURE_TEST_CASE(query_restricts_counts, Fixture) {
  // "recruitment" is in 2020 p3 and 2021 (Scrutiny Board) p1 only.
  const ThemesTable t = table("recruitment");
  BOOST_TEST((row(t, "workforce").counts == Counts{{2020, 1}, {2021, 1}}));
  BOOST_TEST((row(t, "workforce").concerns == Counts{{2020, 1}, {2021, 0}}));
  BOOST_TEST(row(t, "caseloads").counts.empty());
}

BOOST_FIXTURE_TEST_CASE(bad_filter_is_an_error, Fixture) {
  Filters f;
  f.themes = {"workfroce"};
  auto r = restriction_query(db, "", f, {});
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().find("workforce") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(json_shape, Fixture) {
  const nlohmann::json j = to_json(table());
  BOOST_TEST(j["years"] == nlohmann::json::parse("[2020, 2021]"));
  BOOST_REQUIRE(j["themes"].is_array());
  BOOST_TEST(j["themes"].size() == 5u);
  const auto& w = j["themes"][0];
  BOOST_TEST(w["id"] == "workforce");
  BOOST_TEST(w["label"] == "Workforce");
  BOOST_TEST(w["counts"] == nlohmann::json::parse(R"({"2020": 2, "2021": 2})"));
  BOOST_TEST(w["concerns"] == nlohmann::json::parse(R"({"2020": 1, "2021": 1})"));
  BOOST_TEST(j["themes"][4]["counts"] == nlohmann::json::object());
}

BOOST_FIXTURE_TEST_CASE(csv_and_text, Fixture) {
  const ThemesTable t = table();
  const std::string csv = format_csv(t);
  BOOST_TEST(csv.rfind("theme,label,year,passages,concerns\n", 0) == 0);
  BOOST_TEST(csv.find("workforce,Workforce,2020,2,1\n") != std::string::npos);
  BOOST_TEST(csv.find("covid,Covid-19,2021,0,0\n") != std::string::npos);
  const std::string text = format_text(t, false);
  BOOST_TEST(text.find("Workforce") != std::string::npos);
  BOOST_TEST(text.find("2/1") != std::string::npos);
  BOOST_TEST(text.find("\x1b[") == std::string::npos);  // no colour off a TTY
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    size_t width = 0;
    for (unsigned char c : line) width += (c & 0xC0) != 0x80;
    BOOST_TEST(width <= 80u, line);
  }
}
