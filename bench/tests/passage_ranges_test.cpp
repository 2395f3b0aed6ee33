// The passages-as-position-ranges layout doclevel_probe measures
// (bench/passage_ranges.h): each passage owns its range of positions, tags
// sit at their passage's start, a term's wdf is its best passage's
// normalised wdf, and each passage's JSON comes back from its chunk.
#define BOOST_TEST_MODULE passage_ranges
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "passage_ranges.h"
#include "scrutiny/passage_builder.h"
#include "scrutiny/synonyms.h"

namespace {

scrutiny::Document three_passages() {
  scrutiny::Document doc;
  doc.doc_id = "probe2024";
  doc.source = "probe.pdf";
  doc.title = "Probe report";
  const char* texts[] = {"Caseloads are high in the assessment team.",
                         "Leaders have a clear plan for care leavers.",
                         "Caseloads remain high; caseloads must fall."};
  for (int i = 0; i < 3; ++i) {
    scrutiny::Passage p;
    p.page = i + 1;
    p.text = texts[i];
    if (i == 1) p.themes = {"care_leavers"};
    if (i != 1) p.polarity = scrutiny::Polarity::concern;
    doc.passages.push_back(p);
  }
  return doc;
}

Xapian::Document merged(const scrutiny::Document& doc) {
  scrutiny::PassageBuilder raw(scrutiny::Synonyms::default_set(), std::nullopt);
  return bench::merge_as_ranges(doc, raw.build(doc), {"care_leavers", "workforce"});
}

std::vector<Xapian::termpos> positions(const Xapian::Document& d, const std::string& term) {
  auto t = d.termlist_begin();
  t.skip_to(term);
  if (t == d.termlist_end() || *t != term) return {};
  return {t.positionlist_begin(), t.positionlist_end()};
}

size_t passage_of(const std::vector<Xapian::termpos>& starts, Xapian::termpos p) {
  return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), p) - starts.begin()) - 1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_word_falls_in_the_range_of_the_passage_it_came_from) {
  const auto doc = merged(three_passages());
  const auto starts = bench::decode_starts(doc.get_value(bench::kSlotStarts));
  BOOST_REQUIRE_EQUAL(starts.size(), 4u);  // three starts and the end
  std::vector<size_t> caseloads;
  for (auto p : positions(doc, "caseloads")) caseloads.push_back(passage_of(starts, p));
  BOOST_TEST(caseloads == (std::vector<size_t>{0, 2, 2}), boost::test_tools::per_element());
  for (auto p : positions(doc, "leaders")) BOOST_TEST(passage_of(starts, p) == 1u);
}

BOOST_AUTO_TEST_CASE(tags_sit_at_their_passage_start_and_stems_keep_no_positions) {
  const auto doc = merged(three_passages());
  const auto starts = bench::decode_starts(doc.get_value(bench::kSlotStarts));
  BOOST_TEST(positions(doc, "XTHEMEcare_leavers") == (std::vector<Xapian::termpos>{starts[1]}),
             boost::test_tools::per_element());
  BOOST_TEST(positions(doc, "XPOLconcern") == (std::vector<Xapian::termpos>{starts[0], starts[2]}),
             boost::test_tools::per_element());
  auto stem = doc.termlist_begin();
  stem.skip_to("Zcaseload");
  BOOST_REQUIRE(stem != doc.termlist_end() && *stem == "Zcaseload");
  BOOST_TEST(stem.get_wdf() > 0u);
  BOOST_TEST(positions(doc, "Zcaseload").empty());
  // Title words once, not once per passage.
  BOOST_TEST(positions(doc, "Sprobe").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_terms_wdf_is_its_best_passages_normalised_wdf) {
  const auto doc = merged(three_passages());
  const auto lengths = bench::decode_lengths(doc.get_value(bench::kSlotLengths));
  BOOST_REQUIRE_EQUAL(lengths.size(), 3u);
  const scrutiny::LengthNorm norm;
  const auto expected = std::max(scrutiny::scaled_wdf(1, norm.factor(static_cast<Xapian::termcount>(lengths[0]))),
                                 scrutiny::scaled_wdf(2, norm.factor(static_cast<Xapian::termcount>(lengths[2]))));
  auto t = doc.termlist_begin();
  t.skip_to("caseloads");
  BOOST_REQUIRE(t != doc.termlist_end());
  BOOST_TEST(t.get_wdf() == expected);
}

BOOST_AUTO_TEST_CASE(each_passages_json_comes_back_from_its_chunk) {
  scrutiny::Document doc = three_passages();
  for (int i = 0; i < 17; ++i) doc.passages.push_back(doc.passages[static_cast<size_t>(i % 3)]);
  doc.passages[12].text = "Passage twelve is in the second chunk.";
  const auto xd = merged(doc);
  const auto twelve = nlohmann::json::parse(bench::passage_json(xd.get_data(), 12));
  BOOST_TEST(twelve["text"].get<std::string>() == "Passage twelve is in the second chunk.");
  BOOST_TEST(twelve["passage"].get<int>() == 12);
  BOOST_TEST(nlohmann::json::parse(bench::passage_json(xd.get_data(), 19))["passage"].get<int>() == 19);
  BOOST_TEST(bench::passage_json(xd.get_data(), 20).empty());
}
