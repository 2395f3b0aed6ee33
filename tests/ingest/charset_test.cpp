// Charset detection and conversion: Windows-1252 bytes for "£" and "’",
// UTF-8 always winning when valid, and plain-text extraction of both.
#define BOOST_TEST_MODULE charset
#include <boost/test/unit_test.hpp>

#include "scrutiny/extract.h"
#include "scrutiny/normalise.h"

using namespace scrutiny;

namespace {
// "The Council’s budget is £3.2m – an increase." in Windows-1252.
const std::string kCp1252 = "The Council\x92s budget is \xA3" "3.2m \x96 an increase for children\x92s services.";
}  // namespace

BOOST_AUTO_TEST_CASE(windows_1252_is_detected_and_converted) {
  BOOST_TEST(detect_charset(kCp1252) == "windows-1252");
  const std::string utf8 = to_utf8(kCp1252);
  BOOST_TEST(utf8 == "The Council\u2019s budget is \u00A3" "3.2m \u2013 an increase for children\u2019s services.");
  BOOST_TEST(normalise_text(utf8).find("The Council's budget is \u00A33.2m") == 0u);
}

BOOST_AUTO_TEST_CASE(valid_utf8_always_wins) {
  BOOST_TEST(detect_charset("plain ascii") == "UTF-8");
  BOOST_TEST(detect_charset("The Council\u2019s \u00A33.2m") == "UTF-8");
  BOOST_TEST(detect_charset("\xEF\xBB\xBFwith a BOM") == "UTF-8");
  BOOST_TEST(to_utf8("\xEF\xBB\xBFwith a BOM") == "with a BOM");
}

BOOST_AUTO_TEST_CASE(explicit_charset_is_used) {
  BOOST_TEST(to_utf8("\xA3" "5", "ISO-8859-1") == "\u00A3" "5");
  BOOST_TEST(to_utf8("\x93quoted\x94", "windows-1252") == "\u201Cquoted\u201D");
  BOOST_TEST(to_utf8(std::string_view("\xFF\xFEh\0i\0", 6), "UTF-16LE") == "hi");
  // An unknown label falls back to Windows-1252 rather than failing.
  BOOST_TEST(to_utf8("\xA3" "5", "no-such-charset") == "\u00A3" "5");
}

BOOST_AUTO_TEST_CASE(plain_text_files_in_either_charset_extract_the_same) {
  const std::string text = "Children\x92s Services\n\nThe Council\x92s budget is \xA3" "3.2m.\n";
  auto a = extract_plain_text(text);
  auto b = extract_plain_text(to_utf8(text));
  BOOST_REQUIRE(a.ok());
  BOOST_REQUIRE(b.ok());
  BOOST_REQUIRE_EQUAL(a->blocks.size(), 2u);
  BOOST_TEST(a->blocks[1].text == "The Council's budget is \u00A3" "3.2m.");
  BOOST_TEST(a->blocks[1].text == b->blocks[1].text);
  BOOST_TEST(a->blocks[0].heading);  // short Title Case line
}
