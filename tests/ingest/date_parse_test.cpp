// parse_uk_date: the date forms of UK council papers, and impossible dates
// rejected rather than rolled over.
#define BOOST_TEST_MODULE date_parse
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>

#include "scrutiny/metadata.h"

using scrutiny::parse_uk_date;

namespace {
std::string parsed(const std::string& s) { return parse_uk_date(s).value_or("<none>"); }
}  // namespace

BOOST_AUTO_TEST_CASE(numeric_dates_are_day_first) {
  BOOST_TEST(parsed("08/03/2022") == "2022-03-08");  // 8 March, not 3 August
  BOOST_TEST(parsed("8/3/2022") == "2022-03-08");
  BOOST_TEST(parsed("13/12/2021") == "2021-12-13");
  BOOST_TEST(parsed("08/03/22") == "2022-03-08");
}

BOOST_AUTO_TEST_CASE(written_dates) {
  BOOST_TEST(parsed("21 May 2020") == "2020-05-21");
  BOOST_TEST(parsed("7th September 2021") == "2021-09-07");
  BOOST_TEST(parsed("1st April 2023") == "2023-04-01");
  BOOST_TEST(parsed("22nd June 2022") == "2022-06-22");
  BOOST_TEST(parsed("3rd Feb 2020") == "2020-02-03");
  BOOST_TEST(parsed("14 Sept 2021") == "2021-09-14");
  BOOST_TEST(parsed("21 MAY 2020") == "2020-05-21");
  BOOST_TEST(parsed("May 25, 2023") == "2023-05-25");
}

BOOST_AUTO_TEST_CASE(datelines_with_weekdays) {
  BOOST_TEST(parsed("Thursday, 25 May 2023") == "2023-05-25");
  BOOST_TEST(parsed("Tuesday 8 March 2022") == "2022-03-08");
  BOOST_TEST(parsed("Wed 12th January 2022") == "2022-01-12");
}

BOOST_AUTO_TEST_CASE(day_ranges_give_the_first_day) {
  BOOST_TEST(parsed("13/14th July 2022") == "2022-07-13");
  BOOST_TEST(parsed("26th and 27th May 2021") == "2021-05-26");
  BOOST_TEST(parsed("14 and 15 December 2021") == "2021-12-14");
}

BOOST_AUTO_TEST_CASE(iso_dates_and_timestamps) {
  BOOST_TEST(parsed("2022-03-08") == "2022-03-08");
  BOOST_TEST(parsed("2023-05-25T09:30:00+01:00") == "2023-05-25");
  BOOST_TEST(parsed(" 2020-05-21 ") == "2020-05-21");
}

BOOST_AUTO_TEST_CASE(impossible_dates_are_rejected) {
  BOOST_TEST(parsed("31/02/2022") == "<none>");
  BOOST_TEST(parsed("29/02/2022") == "<none>");
  BOOST_TEST(parsed("29/02/2024") == "2024-02-29");  // leap year
  BOOST_TEST(parsed("31 April 2021") == "<none>");
  BOOST_TEST(parsed("00/03/2022") == "<none>");
  BOOST_TEST(parsed("12/13/2022") == "<none>");  // no 13th month: not US order either
  BOOST_TEST(parsed("2022-13-01") == "<none>");
}

BOOST_AUTO_TEST_CASE(partial_or_ambiguous_strings_are_not_dates) {
  BOOST_TEST(parsed("") == "<none>");
  BOOST_TEST(parsed("February 2021") == "<none>");  // a month, not a day
  BOOST_TEST(parsed("2020/21") == "<none>");
  BOOST_TEST(parsed("8th September") == "<none>");
  BOOST_TEST(parsed("February 2021 - July 2021") == "<none>");
  BOOST_TEST(parsed("Meeting: 08/03/2022 - Executive (Item 109)") == "<none>");  // a line, not a date
  BOOST_TEST(parsed("21 May 2020 and 7 September 2021") == "<none>");
}
