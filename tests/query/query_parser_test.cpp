#define BOOST_TEST_MODULE query_parser
#include <boost/test/unit_test.hpp>

#include "../../query/src/query_text.h"
#include "scrutiny/query.h"
#include "scrutiny/synonyms.h"

using namespace scrutiny;

namespace {

Synonyms test_synonyms() {
  return Synonyms::parse("# comment\nLAC = CLA = looked after children\n\nPLO = Public Law Outline  # trailing\n",
                         "test")
      .value();
}

}  // namespace

BOOST_AUTO_TEST_CASE(synonyms_file_format) {
  Synonyms s = test_synonyms();
  BOOST_REQUIRE(s.groups().size() == 2u);
  BOOST_TEST(s.groups()[0] == (std::vector<std::string>{"lac", "cla", "looked after children"}));
  BOOST_TEST(s.find("Looked  After children") == 0);
  BOOST_TEST(s.find("public law outline") == 1);
  BOOST_TEST(s.find("outline") == -1);
  BOOST_TEST(s.max_words() == 3u);
  BOOST_TEST(Synonyms::parse("LAC\n", "f").error() == "f:1: a group needs two or more entries separated by '='");
  BOOST_TEST(Synonyms::parse("A = B\nB = C\n", "f").error() == "f:2: 'b' is already in another group");
  BOOST_TEST(Synonyms::parse("A = = B\n", "f").error() == "f:1: empty synonym entry");
}

BOOST_AUTO_TEST_CASE(the_shipped_synonyms_file_loads) {
  auto s = Synonyms::load_file(std::string(SCRUTINY_SOURCE_DIR) + "/corpus/synonyms.conf");
  BOOST_REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error()));
  for (const char* entry : {"lac", "children in need", "cp", "plo", "public law outline", "mash", "front door",
                            "send", "ehcp", "dfe", "department for education", "masib", "osb", "cse", "cce",
                            "care experienced", "care leavers"})
    BOOST_TEST(s->find(entry) >= 0, entry);
  BOOST_TEST(s->find("plo") == s->find("public law outline"));
  BOOST_TEST(s->find("care leavers") == s->find("care experienced"));
}

BOOST_AUTO_TEST_CASE(expansion_rewrites_entries_only) {
  Synonyms s = test_synonyms();
  BOOST_TEST(expand_synonyms("PLO", s) == "(plo OR \"public law outline\")");
  BOOST_TEST(expand_synonyms("public law outline delays", s) == "(plo OR \"public law outline\") delays");
  BOOST_TEST(expand_synonyms("\"Looked after children\" NOT CLA", s) ==
             "(lac OR cla OR \"looked after children\") NOT (lac OR cla OR \"looked after children\")");
  BOOST_TEST(expand_synonyms("(LAC OR budget)", s) == "((lac OR cla OR \"looked after children\") OR budget)");
  // Left alone: prefixed words, wildcards, +/- words, phrases that are not entries.
  BOOST_TEST(expand_synonyms("title:PLO LAC* -LAC \"after children\"", s) == "title:PLO LAC* -LAC \"after children\"");
  BOOST_TEST(expand_synonyms("body:\"PLO\" x", s) == "body:\"PLO\" x");
  BOOST_TEST(expand_synonyms("body:\"the PLO board\" PLO", s) == "body:\"the PLO board\" (plo OR \"public law outline\")");
  BOOST_TEST(expand_synonyms("PLO, then", s) == "(plo OR \"public law outline\") then");
}

BOOST_AUTO_TEST_CASE(expansion_as_field_names_the_group_once) {
  Synonyms s = test_synonyms();
  const std::string plo = std::string(kSynonymField) + ":" + std::to_string(s.find("plo"));
  BOOST_TEST(expand_synonyms("public law outline delays", s, true) == plo + " delays");
  BOOST_TEST(expand_synonyms("title:PLO LAC*", s, true) == "title:PLO LAC*");
}

BOOST_AUTO_TEST_CASE(title_and_section_phrases_become_all_their_words) {
  BOOST_TEST(unpositioned_fields_as_words("title:\"care leavers\" x") == "(title:\"care\" AND title:\"leavers\") x");
  BOOST_TEST(unpositioned_fields_as_words("x -Section:\"Court work\"") == "x -(Section:\"Court\" AND Section:\"work\")");
  BOOST_TEST(unpositioned_fields_as_words("+title:multi-agency") == "+(title:\"multi\" AND title:\"agency\")");
  BOOST_TEST(unpositioned_fields_as_words("title:\"children's services\"") ==
             "(title:\"children's\" AND title:\"services\")");
  // The words TermGenerator keeps whole stay whole.
  BOOST_TEST(unpositioned_fields_as_words("title:\"A&E 2019/20, 1.5 1,000 plans\"") ==
             "(title:\"A&E\" AND title:\"2019\" AND title:\"20\" AND title:\"1.5\" AND title:\"1,000\" AND "
             "title:\"plans\")");
  // Left alone: one word, wildcards, other fields, words inside a phrase.
  for (const char* same : {"title:bus care", "title:\"bus\"", "title:care*", "body:\"Corporate Parenting Board\"",
                           "\"title:care leavers\"", "(title:care OR section:court)", "title:",
                           "title:\"care leavers"})
    BOOST_TEST(unpositioned_fields_as_words(same) == same);
}

BOOST_AUTO_TEST_CASE(scanning_finds_prefixes_and_quotes) {
  auto q = scan_query("care theme:workforce body:\"Corporate Parenting Board\" (year:2020..2023) 10:30 \"a: b\"");
  BOOST_REQUIRE(q.ok());
  BOOST_REQUIRE(q->prefixed.size() == 3u);
  BOOST_TEST(q->prefixed[0].name == "theme");
  BOOST_TEST(q->prefixed[0].value == "workforce");
  BOOST_TEST(q->prefixed[1].value == "Corporate Parenting Board");
  BOOST_TEST(q->prefixed[2].value == "2020..2023");
  BOOST_TEST(!q->blank);
  BOOST_TEST(scan_query("  ( ) ").value().blank);
  BOOST_TEST(!scan_query("\"a\" \"b").ok());
  BOOST_TEST(!scan_query("body:\"open").ok());
}

BOOST_AUTO_TEST_CASE(date_bounds) {
  BOOST_TEST(*date_bound("2021", false) == "20210101");
  BOOST_TEST(*date_bound("2021", true) == "20211231");
  BOOST_TEST(*date_bound("2024-02", true) == "20240229");
  BOOST_TEST(*date_bound("2023-02", true) == "20230228");
  BOOST_TEST(*date_bound("2021-09-07", true) == "20210907");
  BOOST_TEST(*date_bound("07/09/2021", false) == "20210907");
  BOOST_TEST(!date_bound("2021-02-30", false));
  BOOST_TEST(!date_bound("2021-13", false));
  BOOST_TEST(!date_bound("21", false));
  BOOST_TEST(!date_bound("2021/09/07", false));
}

BOOST_AUTO_TEST_CASE(nearest_ids) {
  const std::vector<std::string> ids = {"workforce", "caseloads", "care_leavers", "children_in_care"};
  BOOST_TEST(nearest("workforse", ids) == std::vector<std::string>{"workforce"});
  BOOST_TEST(nearest("care", ids) == (std::vector<std::string>{"care_leavers"}));
  BOOST_TEST(nearest("zzzzzz", ids).empty());
}

BOOST_AUTO_TEST_CASE(curly_quotes_fold_like_indexed_text) {
  BOOST_TEST(fold_query_text("Council\xE2\x80\x99s \xE2\x80\x9C" "front door\xE2\x80\x9D") ==
             "Council's \"front door\"");
}

BOOST_AUTO_TEST_CASE(ligatures_fullwidth_letters_and_en_dashes_fold_like_indexed_text) {
  BOOST_TEST(fold_query_text("\xEF\xAC\x81nance") == "finance");                      // U+FB01 ligature
  BOOST_TEST(fold_query_text("\xEF\xBD\x86\xEF\xBD\x8F\xEF\xBD\x93\xEF\xBD\x94" "er") == "foster");  // fullwidth
  BOOST_TEST(fold_query_text("2019\xE2\x80\x93" "2021") == "2019-2021");
  BOOST_TEST(fold_query_text("care\xC2\xA0leavers") == "care leavers");
}
