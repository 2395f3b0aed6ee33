// BuiltPassage: the sorted terms PassageBuilder makes, their wire form and the
// Xapian document the writer makes of them.
#define BOOST_TEST_MODULE built_passage
#include <boost/test/unit_test.hpp>

#include "../query/trends_fixture.h"
#include "scrutiny/built_passage.h"
#include "scrutiny/passage_builder.h"
#include "scrutiny/schema.h"

using namespace scrutiny;

namespace {

bool same(const BuiltPassage& a, const BuiltPassage& b) {
  if (a.terms.size() != b.terms.size() || a.data != b.data) return false;
  for (size_t i = 0; i < a.terms.size(); ++i)
    if (a.terms[i].name != b.terms[i].name || a.terms[i].wdf != b.terms[i].wdf ||
        a.terms[i].positions != b.terms[i].positions)
      return false;
  auto va = a.values, vb = b.values;
  std::sort(va.begin(), va.end());
  std::sort(vb.begin(), vb.end());
  return va == vb;
}

Xapian::termcount wdf_of(const BuiltPassage& p, const std::string& term) {
  const BuiltTerm* t = p.find(term);
  return t ? t->wdf : 0;
}

Document three_passages() {
  using trends_test::passage;
  Document d = trends_test::document(
      "w1", "2022-06-01", "ofsted_report", "",
      {passage(1, "Social workers leave often.", {"workforce"}, Polarity::concern),
       passage(1, "Agency staff fill the gaps.", {}, Polarity::neutral),
       passage(2, "Care leavers have personal advisers.", {"care_leavers"}, Polarity::strength)});
  d.title = "Care for care leavers";
  d.passages[0].section = "Workforce";
  d.passages[1].section = "Workforce";
  d.passages[2].section = "Leaving care";
  return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(merging_sums_equal_names_and_keeps_the_terms_sorted) {
  BuiltPassage p;
  p.terms = {{"apple", 1, {3}}, {"pear", 2, {1, 5}}};
  p.merge_terms({{"XTHEMEworkforce", 0, {}}, {"pear", 1, {2}}, {"Sfruit", 1, {}}, {"Sfruit", 1, {}}});
  std::vector<std::string> names;
  for (const auto& t : p.terms) names.push_back(t.name);
  BOOST_TEST((names == std::vector<std::string>{"Sfruit", "XTHEMEworkforce", "apple", "pear"}));
  BOOST_TEST(wdf_of(p, "Sfruit") == 2u);
  BOOST_TEST(wdf_of(p, "pear") == 3u);
  BOOST_TEST((p.find("pear")->positions == std::vector<Xapian::termpos>{1, 2, 5}));
  BOOST_TEST(p.find("XTHEMEworkforce")->wdf == 0u);
  BOOST_TEST(p.find("banana") == nullptr);
}

BOOST_AUTO_TEST_CASE(title_and_section_words_are_in_every_passage_with_their_own_counts) {
  PassageBuilder builder(Synonyms::default_set(), std::nullopt);  // raw wdfs
  const std::vector<BuiltPassage> built = builder.build(three_passages());
  BOOST_REQUIRE_EQUAL(built.size(), 3u);
  for (const BuiltPassage& p : built) {
    BOOST_TEST(wdf_of(p, "Scare") == 2u);  // "Care for care leavers"
    BOOST_TEST(wdf_of(p, "Sleavers") == 1u);
    BOOST_TEST(p.find("Scare")->positions.empty());
    BOOST_TEST(p.find("XDOCw1") != nullptr);
    BOOST_TEST(p.find("Y2022") != nullptr);
  }
  BOOST_TEST(wdf_of(built[0], "XSECTworkforce") == 1u);
  BOOST_TEST(wdf_of(built[1], "XSECTworkforce") == 1u);
  BOOST_TEST(built[2].find("XSECTworkforce") == nullptr);  // its own section, not the last one's
  BOOST_TEST(wdf_of(built[2], "XSECTleaving") == 1u);
  BOOST_TEST(built[0].find("XTHEMEworkforce") != nullptr);
  BOOST_TEST(built[1].find("XTHEMEworkforce") == nullptr);
  BOOST_TEST(built[2].find("Qw1-2") != nullptr);
  // Text words keep their positions within the passage.
  BOOST_TEST((built[2].find("leavers")->positions == std::vector<Xapian::termpos>{2}));
}

BOOST_AUTO_TEST_CASE(a_passage_crosses_the_wire_and_becomes_the_xapian_document_it_describes) {
  PassageBuilder builder(Synonyms::default_set(), LengthNorm{});
  for (const BuiltPassage& p : builder.build(three_passages())) {
    std::string wire;
    append_built_passage(wire, p);
    std::optional<BuiltPassage> back = parse_built_passage(wire);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(same(p, *back));
    BOOST_TEST(same(p, built_passage_of(back->to_xapian())));
    BOOST_TEST(!back->to_xapian().get_value(schema::kSlotLength).empty());
  }
}

BOOST_AUTO_TEST_CASE(a_cut_or_corrupt_passage_is_refused_not_half_read) {
  PassageBuilder builder(Synonyms::default_set(), LengthNorm{});
  std::string wire;
  append_built_passage(wire, builder.build(three_passages()).front());
  const size_t data_bytes = builder.build(three_passages()).front().data.size();
  // Cut inside the terms: refused. (Cut inside the data is not detectable
  // here; the frame's length prefix catches it, document_wire.h.)
  BOOST_TEST(!parse_built_passage(std::string_view(wire).substr(0, wire.size() - data_bytes - 2)).has_value());
  BOOST_TEST(!parse_built_passage("\xff\xff\xff\xff\x0f").has_value());  // 4 billion values in 5 bytes
  BOOST_TEST(!parse_built_passage("\x80").has_value());                   // a varint cut short
  BOOST_TEST(parse_built_passage(std::string("\0\0", 2)).has_value());    // no values, no terms: an empty passage
}
