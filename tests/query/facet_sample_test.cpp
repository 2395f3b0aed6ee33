// Counted facets of a large result: estimated from a sample of the matches,
// marked as estimates, close to the exact counts; exact on request and for
// timelines.
#define BOOST_TEST_MODULE facet_sample
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "scrutiny/search.h"
#include "search_fixture.h"

using namespace scrutiny;
using namespace scrutiny::testing;

namespace {

// 300 documents of 12 passages (3,600), every passage saying "improvement":
// years cycle over 2014-2025 by document, every third passage is a concern,
// every second is tagged workforce.
struct LargeIndex {
  TempDir dir;
  LargeIndex() {
    auto w = IndexWriter::open(dir.str());
    if (!w) throw std::runtime_error(w.error());
    for (int d = 0; d < 300; ++d) {
      std::vector<Passage> ps;
      for (int p = 0; p < 12; ++p)
        ps.push_back(passage(p / 4 + 1, "Improvement of the service, passage " + std::to_string(p) + ".",
                             p % 2 == 0 ? std::vector<std::string>{"workforce"} : std::vector<std::string>{},
                             p % 3 == 0 ? Polarity::concern : Polarity::neutral));
      const std::string year = std::to_string(2014 + d % 12);
      auto s = w->replace_document(doc("d" + std::to_string(d), d % 2 ? "minutes" : "committee_report",
                                       "Cabinet", year + "-06-01", "Report " + std::to_string(d), std::move(ps)));
      if (!s) throw std::runtime_error(s.error());
    }
    if (auto c = w->commit(); !c) throw std::runtime_error(c.error());
  }
  SearchResult run(SearchRequest req) {
    auto searcher = Searcher::open(dir.str());
    if (!searcher) throw std::runtime_error(searcher.error());
    auto r = searcher->search(req);
    if (!r) throw std::runtime_error(r.error());
    return std::move(r).value();
  }
};

SearchRequest facets_of(const std::string& query, Xapian::doccount exact_up_to, Xapian::doccount sample) {
  SearchRequest req;
  req.query = query;
  req.facets = true;
  req.limit = 1;
  req.exact_facets_up_to = exact_up_to;
  req.facet_sample = sample;
  return req;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(facet_sample, LargeIndex)

BOOST_AUTO_TEST_CASE(small_results_count_every_match) {
  auto r = run(facets_of("improvement", 100000, 20000));  // the defaults' kind: 3,600 is small
  BOOST_TEST(r.facets_one_in == 1u);
  BOOST_TEST(r.facets->at("polarity").at("concern") == 1200u);
  BOOST_TEST(r.facets->at("theme").at("workforce") == 1800u);
  BOOST_TEST(r.facets->at("year").at("2014") == 300u);
  BOOST_TEST(r.facets->at("type").at("minutes") == 1800u);
}

BOOST_AUTO_TEST_CASE(large_results_are_estimated_from_one_passage_in_k) {
  auto r = run(facets_of("improvement", 1000, 450));
  BOOST_TEST(r.facets_one_in == 8u);  // ceil(3,600 / 450)
  const Facets exact = *run(facets_of("improvement", 0, 450)).facets;
  for (const char* name : {"polarity", "theme", "year", "type"}) {
    BOOST_TEST(r.facets->at(name).size() == exact.at(name).size(), name);
    for (const auto& [value, count] : exact.at(name)) {
      const double estimate = r.facets->at(name).at(value);
      BOOST_TEST(static_cast<Xapian::doccount>(estimate) % 8 == 0u, name << " " << value);
      // Four standard errors of a binomial sample of one in 8.
      const double tolerance = 4 * 8 * std::sqrt(count / 8.0);
      BOOST_TEST(std::abs(estimate - count) <= tolerance, name << " " << value << ": " << estimate << " for " << count);
    }
  }
}

BOOST_AUTO_TEST_CASE(estimates_do_not_change_between_runs) {
  auto a = run(facets_of("improvement", 1000, 450));
  auto b = run(facets_of("improvement", 1000, 450));
  BOOST_TEST(*a.facets == *b.facets);
}

BOOST_AUTO_TEST_CASE(exact_facets_count_every_match_however_many) {
  auto r = run(facets_of("improvement", 0, 450));
  BOOST_TEST(r.facets_one_in == 1u);
  BOOST_TEST(r.facets->at("polarity").at("concern") == 1200u);
  BOOST_TEST(r.facets->at("year").at("2025") == 300u);
}

BOOST_AUTO_TEST_CASE(a_filtered_query_is_sampled_by_its_own_estimate) {
  // 2020 holds 300 passages: under the threshold, so exact.
  auto req = facets_of("improvement", 1000, 450);
  req.filters.year_from = req.filters.year_to = 2020;
  auto r = run(req);
  BOOST_TEST(r.facets_one_in == 1u);
  BOOST_TEST(r.facets->at("year").at("2020") == 300u);
  BOOST_TEST(r.facets->at("polarity").at("concern") == 100u);
}

BOOST_AUTO_TEST_CASE(timelines_always_count_exactly) {
  auto req = facets_of("improvement", 1000, 450);
  req.by_year = true;
  auto r = run(req);
  BOOST_TEST(r.facets_one_in == 1u);
  BOOST_REQUIRE(r.by_year.has_value());
  for (const auto& g : *r.by_year) BOOST_TEST(g.count == 300u);
  BOOST_TEST(r.facets->at("polarity").at("concern") == 1200u);
}

BOOST_AUTO_TEST_CASE(a_timeline_without_facets_counts_the_same_years) {
  auto req = facets_of("improvement", 1000, 450);
  req.by_year = true;
  const auto with = run(req);
  req.facets = false;  // years alone, from the year slot
  const auto without = run(req);
  BOOST_TEST(!without.facets.has_value());
  BOOST_REQUIRE(with.by_year.has_value());
  BOOST_REQUIRE(without.by_year.has_value());
  BOOST_REQUIRE_EQUAL(without.by_year->size(), with.by_year->size());
  BOOST_TEST(without.by_year->size() >= 4u);
  for (size_t i = 0; i < with.by_year->size(); ++i) {
    BOOST_TEST(without.by_year->at(i).year.value_or(0) == with.by_year->at(i).year.value_or(0));
    BOOST_TEST(without.by_year->at(i).count == 300u);
  }
}

BOOST_AUTO_TEST_CASE(json_and_text_say_the_facets_are_estimates) {
  auto r = run(facets_of("improvement", 1000, 450));
  const auto j = to_json(r);
  BOOST_TEST(j["facets_estimated"] == true);
  BOOST_TEST(j["facets_one_in"] == 8);
  const std::string text = format_text(r, false);
  BOOST_TEST(text.find("Facets estimated from a sample of 1 in 8 matching passages") != std::string::npos);
  BOOST_TEST(text.find("concern ~") != std::string::npos);
  const auto exact = to_json(run(facets_of("improvement", 0, 450)));
  BOOST_TEST(exact["facets_estimated"] == false);
}

BOOST_AUTO_TEST_SUITE_END()
