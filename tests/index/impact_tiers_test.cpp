#define BOOST_TEST_MODULE impact_tiers
#include <boost/test/unit_test.hpp>

#include "../query/trends_fixture.h"
#include "scrutiny/impact_tiers.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/schema.h"

using namespace scrutiny;
using trends_test::TempDir;

namespace {

Xapian::termcount wdf(const Xapian::Document& d, const std::string& term) {
  auto it = d.termlist_begin();
  it.skip_to(term);
  return it != d.termlist_end() && *it == term ? it.get_wdf() : 0;
}

bool has_term(const Xapian::Document& d, const std::string& term) {
  auto it = d.termlist_begin();
  it.skip_to(term);
  return it != d.termlist_end() && *it == term;
}

// One passage saying `word` `n` times in a short passage.
Document repeated(const std::string& id, const std::string& word, int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += word + " and more. ";
  return trends_test::document(id, "2022-01-10", "ofsted_report", "",
                               {trends_test::passage(1, text, {}, Polarity::neutral)});
}

Xapian::Document passage_of(const Xapian::Database& db, const std::string& doc_id) {
  Xapian::PostingIterator p = db.postlist_begin(schema::term(schema::kDocId, doc_id));
  BOOST_REQUIRE(p != db.postlist_end(schema::term(schema::kDocId, doc_id)));
  return db.get_document(*p);
}

}  // namespace

BOOST_AUTO_TEST_CASE(bounds_are_two_three_and_four_average_occurrences) {
  const ImpactTiers tiers = ImpactTiers::for_norm(LengthNorm{});
  BOOST_TEST(tiers.to_string() == "128 192 256");
  auto back = ImpactTiers::parse("128 192 256");
  BOOST_REQUIRE(back.has_value());
  BOOST_TEST(back->bounds == tiers.bounds, boost::test_tools::per_element());
  BOOST_TEST(!ImpactTiers::parse("").has_value());
  BOOST_TEST(!ImpactTiers::parse("192 128").has_value());  // not ascending
  BOOST_TEST(!ImpactTiers::parse("128 x").has_value());
  BOOST_TEST(!ImpactTiers::parse("0 128").has_value());
}

BOOST_AUTO_TEST_CASE(only_z_stems_get_tier_terms_and_long_ones_none) {
  BOOST_TEST(ImpactTiers::tier_term(0, "Zfoster") == "XI1:Zfoster");
  BOOST_TEST(ImpactTiers::tier_term(2, "Zfoster") == "XI3:Zfoster");
  BOOST_TEST(ImpactTiers::tier_term(0, "fostering").empty());
  BOOST_TEST(ImpactTiers::tier_term(0, "ZSfoster").empty());      // title stem
  BOOST_TEST(ImpactTiers::tier_term(0, "ZXSECTfoster").empty());  // section stem
  BOOST_TEST(ImpactTiers::tier_term(0, "Z2021") == "XI1:Z2021");
  BOOST_TEST(ImpactTiers::tier_term(0, "XSYNcare_leavers").empty());
  // Xapian's limit is 245 bytes, tier prefix included.
  BOOST_TEST(ImpactTiers::tier_term(0, "Z" + std::string(240, 'a')).size() == 245u);
  BOOST_TEST(ImpactTiers::tier_term(0, "Z" + std::string(241, 'a')).empty());
}

BOOST_AUTO_TEST_CASE(each_heavy_stem_is_copied_into_every_tier_it_reaches_with_its_wdf) {
  Xapian::Document xd;
  xd.add_term("Zfoster", 200);    // tiers 1 and 2
  xd.add_term("Zcare", 127);      // just under tier 1
  xd.add_term("Zplan", 256);      // all three
  xd.add_term("fostering", 300);  // unstemmed: never
  xd.add_term("XSYNcp", 300);     // concept term: never
  xd.add_term("ZSfoster", 300);   // title stem: never
  xd.add_boolean_term("XTHEMEworkforce");
  ImpactTiers::for_norm(LengthNorm{}).add_to(xd);
  BOOST_TEST(wdf(xd, "XI1:Zfoster") == 200u);
  BOOST_TEST(wdf(xd, "XI2:Zfoster") == 200u);
  BOOST_TEST(!has_term(xd, "XI3:Zfoster"));
  BOOST_TEST(!has_term(xd, "XI1:Zcare"));
  BOOST_TEST(wdf(xd, "XI3:Zplan") == 256u);
  BOOST_TEST(!has_term(xd, "XI1:fostering"));
  BOOST_TEST(!has_term(xd, "XI1:XSYNcp"));
  BOOST_TEST(!has_term(xd, "XI1:ZSfoster"));
  BOOST_TEST(wdf(xd, "Zfoster") == 200u);  // the stem itself is untouched
}

BOOST_AUTO_TEST_CASE(new_index_records_tiers_and_writes_them_from_normalised_wdfs) {
  TempDir dir;
  {
    auto w = IndexWriter::open(dir.path.string());
    BOOST_REQUIRE(w.ok());
    BOOST_REQUIRE(w->replace_document(repeated("once", "fostering", 1)).ok());
    BOOST_REQUIRE(w->replace_document(repeated("thrice", "fostering", 3)).ok());
    BOOST_REQUIRE(w->commit().ok());
  }
  Xapian::Database db(dir.path.string());
  BOOST_TEST(db.get_metadata(std::string(schema::kImpactTiersKey)) == "128 192 256");
  const Xapian::Document thrice = passage_of(db, "thrice");
  const Xapian::Document once = passage_of(db, "once");
  // Three times in a short passage: stored wdf 3 * 64 / 0.75 = 256.
  BOOST_TEST(wdf(thrice, "Zfoster") == 256u);
  BOOST_TEST(wdf(thrice, "XI3:Zfoster") == 256u);
  BOOST_TEST(wdf(once, "Zfoster") == 85u);
  BOOST_TEST(!has_term(once, "XI1:Zfoster"));
  BOOST_TEST(db.get_termfreq("XI1:Zfoster") == 1u);
}

BOOST_AUTO_TEST_CASE(existing_index_without_tiers_gets_none) {
  TempDir dir;
  {
    Xapian::WritableDatabase db(dir.path.string(), Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document placeholder;
    placeholder.add_boolean_term("Xplaceholder");
    db.add_document(placeholder);
    db.set_metadata(std::string(schema::kLengthNormKey), LengthNorm{}.to_string());
    db.commit();
  }
  {
    auto w = IndexWriter::open(dir.path.string());
    BOOST_REQUIRE(w.ok());
    BOOST_REQUIRE(w->replace_document(repeated("thrice", "fostering", 3)).ok());
    BOOST_REQUIRE(w->commit().ok());
  }
  Xapian::Database db(dir.path.string());
  BOOST_TEST(db.get_metadata(std::string(schema::kImpactTiersKey)).empty());
  BOOST_TEST(wdf(passage_of(db, "thrice"), "Zfoster") == 256u);
  BOOST_TEST(db.get_termfreq("XI1:Zfoster") == 0u);
}
