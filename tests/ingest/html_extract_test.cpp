// HTML extraction: main content only (no script, style, navigation, cookie
// banner, footer, forms, ModernGov chrome), charset from the page, entities.
#define BOOST_TEST_MODULE html_extract
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scrutiny/extract.h"
#include "scrutiny/passage_splitter.h"

using namespace scrutiny;

namespace {

const char* kModernGovPage = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Issue - meetings | Middlesbrough Council</title>
<meta name="DC.date" content="2022-03-08">
<style>.mgContent { color: red }</style>
<script>var tracking = "do not index me";</script>
</head><body>
<a class="skip-link" href="#content">Skip to main content</a>
<div id="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept cookies</button></div>
<header><p>Middlesbrough Council site header</p></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/council">Your council</a></li></ul></nav>
<ul><li><a href="a">Calendar</a></li><li><a href="b">Committees</a></li><li><a href="c">Decisions</a></li></ul>
<div class="breadcrumb">Home &gt; Democracy &gt; Decisions</div>
<div id="modgov">
  <div class="mgHeader"><h1 class="mgMainTitleTxt">Issue - meetings</h1></div>
  <div class="mgContent">
    <h2>Children&rsquo;s Services Improvement Plan</h2>
    <p>The Executive considered the Council&#8217;s improvement plan for children&apos;s services &amp; agreed a &pound;1.2m investment.</p>
    <p>Decision:<br>That the plan be approved.<br><br>Reasons: to secure improvement.</p>
    <ul class="mgBulletList"><li>Recruit 20 social&nbsp;workers</li><li>Reduce caseloads</li></ul>
    <table><tr><td>Decision maker</td><td>Executive</td></tr></table>
    <p><span class="mgHide">Page </span>Published 8 March 2022</p>
    <form><label>Search</label><input type="text"></form>
    <div class="social-share"><a href="#">Share on Twitter</a></div>
  </div>
  <div class="mgFooter"><p>ModernGov footer text</p></div>
</div>
<footer><p>&copy; Middlesbrough Council. Accessibility statement.</p></footer>
<noscript>Please enable JavaScript</noscript>
</body></html>)";

std::string all_text(const ExtractedText& t) {
  std::string s;
  for (const auto& b : t.blocks) s += b.text + "\n";
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(chrome_is_dropped_and_content_kept) {
  auto r = extract_html(kModernGovPage);
  BOOST_REQUIRE(r.ok());
  const std::string text = all_text(r.value());
  for (const char* gone : {"do not index", "color: red", "Skip to main", "cookies", "site header", "Your council",
                           "Calendar", "Democracy", "ModernGov footer", "Accessibility", "JavaScript",
                           "Share on Twitter", "Search", "Page Published"}) {
    BOOST_TEST_CONTEXT(gone) { BOOST_TEST(text.find(gone) == std::string::npos); }
  }
  BOOST_TEST(r->title == "Issue - meetings | Middlesbrough Council");
  BOOST_TEST(r->info.at("DC.date") == "2022-03-08");
  BOOST_TEST(text.find("Published 8 March 2022") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(blocks_carry_heading_list_and_table_flags) {
  auto r = extract_html(kModernGovPage);
  BOOST_REQUIRE(r.ok());
  const auto& b = r->blocks;
  BOOST_REQUIRE_GE(b.size(), 8u);
  BOOST_TEST(b[0].text == "Issue - meetings");
  BOOST_TEST(b[0].heading);
  BOOST_TEST(b[1].text == "Children's Services Improvement Plan");
  BOOST_TEST(b[1].heading);
  // Entities decoded and folded: &rsquo; &#8217; &apos; &amp; &pound; &nbsp;
  BOOST_TEST(b[2].text ==
             "The Executive considered the Council's improvement plan for children's services & agreed a \u00A3"
             "1.2m investment.");
  BOOST_TEST(!b[2].heading);
  BOOST_TEST(b[3].text == "Decision: That the plan be approved.");  // <br> joins, <br><br> splits
  BOOST_TEST(b[4].text == "Reasons: to secure improvement.");
  BOOST_TEST(b[5].text == "Recruit 20 social workers");
  BOOST_TEST(b[5].list_item);
  BOOST_TEST(b[6].list_item);
  BOOST_TEST(b[7].text == "Decision maker");
  BOOST_TEST(b[7].table_cell);
}

BOOST_AUTO_TEST_CASE(passages_sit_under_their_headings) {
  auto r = extract_html(kModernGovPage);
  BOOST_REQUIRE(r.ok());
  auto passages = PassageSplitter().split(r.value());
  BOOST_REQUIRE_GE(passages.size(), 3u);
  BOOST_TEST(passages[0].section == "Children's Services Improvement Plan");
  BOOST_TEST(passages[0].page == 0);
  BOOST_TEST(passages[0].text.find("The Executive considered") == 0u);
}

BOOST_AUTO_TEST_CASE(meta_charset_windows_1252_page_is_decoded) {
  const std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
      "<title>Budget</title></head><body><p>The Council\x92s budget is \xA3" "3.2m \x96 up 4%.</p></body></html>";
  auto r = extract_html(page);
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->blocks.size(), 1u);
  BOOST_TEST(r->blocks[0].text == "The Council's budget is \u00A3" "3.2m \u2013 up 4%.");
}

BOOST_AUTO_TEST_CASE(undeclared_charset_is_detected) {
  const std::string page = "<html><body><p>Children\x92s services cost \xA3" "5m.</p></body></html>";
  auto r = extract_html(page);
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->blocks[0].text == "Children's services cost \u00A3" "5m.");
}

BOOST_AUTO_TEST_CASE(main_element_is_preferred) {
  const std::string page =
      "<html><body><div class=\"menu\">Menu</div><div>Sidebar promo text that is not content</div>"
      "<main><h1>Care leavers</h1><p>Care leavers get free travel from May 2023.</p></main>"
      "<div>More chrome after main</div></body></html>";
  auto r = extract_html(page);
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->blocks.size(), 2u);
  BOOST_TEST(r->blocks[0].heading);
  BOOST_TEST(r->blocks[1].text == "Care leavers get free travel from May 2023.");
  BOOST_TEST(r->title == "Care leavers");  // no <title>: the first heading
}

BOOST_AUTO_TEST_CASE(chrome_only_page_is_an_error) {
  auto r = extract_html("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error() == "no text in the page's main content");
}

BOOST_AUTO_TEST_CASE(real_moderngov_pages_lose_their_chrome) {
  const std::filesystem::path dir = std::filesystem::path(SCRUTINY_SHARED_DIR) / "corpus-candidates/real/moderngov-html";
  if (!std::filesystem::exists(dir)) {
    BOOST_TEST_MESSAGE("skipped: " << dir << " absent");
    return;
  }
  std::ifstream in(dir / "moderngov_search_kirklees_drug_and_alcohol.html", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = extract_html(ss.str());
  BOOST_REQUIRE(r.ok());
  const std::string text = all_text(r.value());
  BOOST_TEST(text.find("Re-Commissioning of Alcohol and Drug Services") != std::string::npos);
  BOOST_TEST(text.find("Forthcoming Decisions") == std::string::npos);  // the link-list menu
  BOOST_TEST(text.find("$ModernGov") == std::string::npos);             // script
  BOOST_TEST(text.find("(current page)") == std::string::npos);         // mgHide
  BOOST_TEST(r->blocks[0].text == "Search results");
  BOOST_TEST(r->blocks[0].heading);
}
