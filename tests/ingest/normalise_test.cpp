// Normalisation: the folds that let "Council's" match "Council’s", spaces,
// ligatures, soft hyphens, bullets and hyphenation across line ends.
#define BOOST_TEST_MODULE normalise
#include <boost/test/unit_test.hpp>

#include "scrutiny/normalise.h"

using scrutiny::join_lines;
using scrutiny::normalise_text;
using scrutiny::strip_bullet;

BOOST_AUTO_TEST_CASE(curly_and_straight_apostrophes_fold_equal) {
  BOOST_TEST(normalise_text("Council\u2019s") == "Council's");
  BOOST_TEST(normalise_text("Council's") == normalise_text("Council\u2019s"));
  BOOST_TEST(normalise_text("\u2018front door\u2019") == "'front door'");
  BOOST_TEST(normalise_text("\u201CCare leavers\u201D said \u201Eyes\u201F") == "\"Care leavers\" said \"yes\"");
  BOOST_TEST(normalise_text("children\u02BCs \u2032") == "children's '");
}

BOOST_AUTO_TEST_CASE(spaces_fold_and_zero_width_characters_go) {
  BOOST_TEST(normalise_text("care\u00A0leavers") == "care leavers");
  BOOST_TEST(normalise_text("10\u202F000 children\u2009here") == "10 000 children here");
  BOOST_TEST(normalise_text("  a \t  b  ") == "a b");
  BOOST_TEST(normalise_text("zero\u200Bwidth\uFEFF joiner\u200D") == "zerowidth joiner");
  BOOST_TEST(normalise_text("line one  \n  line two") == "line one\nline two");
}

BOOST_AUTO_TEST_CASE(ligatures_expand_and_soft_hyphens_vanish) {
  BOOST_TEST(normalise_text("\uFB01nance o\uFB03ce") == "finance office");
  BOOST_TEST(normalise_text("recruit\u00ADment") == "recruitment");
  BOOST_TEST(normalise_text("\uFF21\uFF22\uFF23") == "ABC");  // fullwidth forms (NFKC)
  BOOST_TEST(normalise_text("caf\u0065\u0301") == "caf\u00E9");  // composed
}

BOOST_AUTO_TEST_CASE(invalid_utf8_becomes_replacement_character) {
  BOOST_TEST(normalise_text("a\xFF" "b") == "a\uFFFD" "b");
}

BOOST_AUTO_TEST_CASE(bullets_are_recognised_and_removed) {
  for (const char* line : {"\u2022 Social workers", "\u00B7 Social workers", "\uF0B7 Social workers",
                           "\u25AA Social workers", "\u25A0 Social workers", "\u25FC Social workers",
                           "\u25CB Social workers", "- Social workers", "* Social workers", "\uF0A7Social workers",
                           "   \u2022   Social workers"}) {
    std::string s = line;
    BOOST_TEST_CONTEXT(line) {
      BOOST_TEST(strip_bullet(s));
      BOOST_TEST(s == "Social workers");
    }
  }
  for (const char* line : {"-5 degrees", "*note", "Social workers", "\u2022", "2. Numbered paragraph", "o"}) {
    std::string s = line;
    BOOST_TEST_CONTEXT(line) {
      BOOST_TEST(!strip_bullet(s));
      BOOST_TEST(s == line);
    }
  }
}

BOOST_AUTO_TEST_CASE(hyphenation_across_lines_is_rejoined) {
  BOOST_TEST(join_lines("the recruit-\nment of social workers") == "the recruitment of social workers");
  BOOST_TEST(join_lines("effective communica-\ntion with families") == "effective communication with families");
  // Real compounds keep their hyphen.
  BOOST_TEST(join_lines("multi-agency decision-\nmaking") == "multi-agency decision-making");
  BOOST_TEST(join_lines("children's well-\nbeing") == "children's well-being");
  // A capitalised continuation is never a word ending.
  BOOST_TEST(join_lines("Anti-\nSocial Behaviour") == "Anti-Social Behaviour");
  // Wrapped lines join with one space; a dash with spaces stays.
  BOOST_TEST(join_lines("Care leavers\nare supported -\nwell") == "Care leavers are supported - well");
  BOOST_TEST(join_lines("  one  \n\n two ") == "one two");
}
