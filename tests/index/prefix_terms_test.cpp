#define BOOST_TEST_MODULE prefix_terms
#include <boost/test/unit_test.hpp>

#include "../query/trends_fixture.h"
#include "scrutiny/prefix_terms.h"

using namespace scrutiny;
using trends_test::TempDir;

namespace {

// 30,000 documents on disk, so the long lists span many chunks: XTHEMEcare
// and XTHEMEcare_leavers on every document (one a prefix of the other), Y2021
// on every third, Y2022 and XTHEMEworkforce on one each, and a term of
// another prefix after the themes.
std::string build(const TempDir& dir) {
  const std::string path = (dir.path / "db").string();
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
  for (int i = 0; i < 30000; ++i) {
    Xapian::Document d;
    d.add_boolean_term("XTHEMEcare");
    d.add_boolean_term("XTHEMEcare_leavers");
    if (i % 3 == 0) d.add_boolean_term("Y2021");
    if (i == 29999) d.add_boolean_term("Y2022");
    if (i == 7) d.add_boolean_term("XTHEMEworkforce");
    d.add_boolean_term("XTYPEminutes");
    db.add_document(d);
  }
  db.commit();
  return path;
}

std::vector<std::string> walked(const Xapian::Database& db, const std::string& prefix) {
  std::vector<std::string> out;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) out.push_back(*it);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lists_each_term_of_the_prefix_once_past_long_posting_lists) {
  TempDir dir;
  const Xapian::Database db(build(dir));
  BOOST_TEST(terms_with_prefix(db, "XTHEME") ==
                 (std::vector<std::string>{"XTHEMEcare", "XTHEMEcare_leavers", "XTHEMEworkforce"}),
             boost::test_tools::per_element());
  BOOST_TEST(terms_with_prefix(db, "Y") == (std::vector<std::string>{"Y2021", "Y2022"}),
             boost::test_tools::per_element());
  BOOST_TEST(terms_with_prefix(db, "XTHEME") == walked(db, "XTHEME"), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_absent_prefix_gives_no_terms) {
  TempDir dir;
  const Xapian::Database db(build(dir));
  BOOST_TEST(terms_with_prefix(db, "XBODY").empty());
  BOOST_TEST(terms_with_prefix(db, "Z").empty());
  BOOST_TEST(terms_with_prefix(Xapian::Database(), "Y").empty());
}
