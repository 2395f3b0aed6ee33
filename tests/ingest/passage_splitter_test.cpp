// Passage splitting: sections from headings, list items, page numbers,
// paragraphs rejoined across page breaks, bare page numbers dropped.
#define BOOST_TEST_MODULE passage_splitter
#include <boost/test/unit_test.hpp>

#include "scrutiny/passage_splitter.h"

using namespace scrutiny;

namespace {

TextBlock block(int page, std::string text, double size = 11, bool bold = false) {
  TextBlock b;
  b.page = page;
  b.text = std::move(text);
  b.font_size = size;
  b.bold = bold;
  return b;
}

ExtractedText report() {
  ExtractedText t;
  t.format = "pdf";
  t.pages = 3;
  t.blocks = {
      block(1, "Report to the Executive", 18, true),
      block(1, "Purpose of the report", 13, true),
      block(1, "1. This report sets out the Council's plan for children's services."),
      block(1, "The plan responds to the Ofsted inspection of January 2020 and to the"),
      block(2, "findings of the focused visit in May 2021."),
      block(2, "2"),
      block(2, "Recommendations", 11, true),
      block(2, "That the Executive approves the plan."),
      block(2, "Recruit 20 social workers"),
      block(2, "Reduce caseloads below 18"),
      block(3, "Page 3 of 3"),
      block(3, "FINANCIAL IMPLICATIONS", 11, false),
      block(3, "The cost is met from the children's services budget."),
  };
  t.blocks[8].list_item = true;
  t.blocks[9].list_item = true;
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(headings_become_sections_not_passages) {
  auto p = PassageSplitter().split(report());
  BOOST_REQUIRE_EQUAL(p.size(), 6u);
  BOOST_TEST(p[0].section == "Purpose of the report");
  BOOST_TEST(p[0].text == "1. This report sets out the Council's plan for children's services.");
  BOOST_TEST(p[0].page == 1);
  BOOST_TEST(p[2].section == "Recommendations");
  BOOST_TEST(p[2].text == "That the Executive approves the plan.");
  BOOST_TEST(p[2].page == 2);
}

BOOST_AUTO_TEST_CASE(paragraph_broken_by_a_page_break_is_rejoined_on_its_first_page) {
  auto p = PassageSplitter().split(report());
  BOOST_REQUIRE_GE(p.size(), 2u);
  BOOST_TEST(p[1].text ==
             "The plan responds to the Ofsted inspection of January 2020 and to the findings of the focused visit in "
             "May 2021.");
  BOOST_TEST(p[1].page == 1);
}

BOOST_AUTO_TEST_CASE(list_items_and_page_numbers) {
  auto p = PassageSplitter().split(report());
  BOOST_REQUIRE_EQUAL(p.size(), 6u);
  BOOST_TEST(p[3].text == "Recruit 20 social workers");
  BOOST_TEST(p[3].list_item);
  BOOST_TEST(p[3].section == "Recommendations");
  BOOST_TEST(p[4].text == "Reduce caseloads below 18");
  BOOST_TEST(p[4].list_item);
  BOOST_TEST(p[5].text == "The cost is met from the children's services budget.");
  BOOST_TEST(!p[5].list_item);
  BOOST_TEST(p[5].page == 3);
  // "FINANCIAL IMPLICATIONS" (ALL CAPS, body size) was a heading.
  BOOST_TEST(p[5].section == "FINANCIAL IMPLICATIONS");
  for (const auto& x : p) {
    BOOST_TEST(x.text != "2");
    BOOST_TEST(x.text != "Page 3 of 3");
  }
}

BOOST_AUTO_TEST_CASE(unpaged_title_case_lines_are_headings) {
  ExtractedText t;
  t.format = "html";
  TextBlock h = block(0, "Care Leavers Offer", 0);
  t.blocks = {h, block(0, "Care leavers can travel free on buses.", 0), block(0, "next steps for the service", 0)};
  auto p = PassageSplitter().split(t);
  BOOST_REQUIRE_EQUAL(p.size(), 2u);
  BOOST_TEST(p[0].section == "Care Leavers Offer");
  BOOST_TEST(p[0].page == 0);
  // Lowercase after a finished sentence is a new passage, not a continuation.
  BOOST_TEST(p[1].text == "next steps for the service");
}

BOOST_AUTO_TEST_CASE(page_number_shapes) {
  for (const char* s : {"12", "Page 3", "Page 3 of 10", "- 3 -", "3 | Page", "iv", "3/10"})
    BOOST_TEST(is_page_number(s), s);
  for (const char* s : {"2022", "Page 3 shows the budget", "Children in care", "10 children"})
    BOOST_TEST(!is_page_number(s), s);
}

BOOST_AUTO_TEST_CASE(heading_shape_and_case) {
  BOOST_TEST(heading_shape("What needs to improve?"));
  BOOST_TEST(heading_shape("2. Children looked after"));
  BOOST_TEST(!heading_shape("This sentence ends with a full stop."));
  BOOST_TEST(!heading_shape("lowercase start"));
  BOOST_TEST(title_case_or_caps("Children in Care and Care Leavers"));
  BOOST_TEST(title_case_or_caps("FINANCIAL IMPLICATIONS"));
  BOOST_TEST(!title_case_or_caps("Children in care"));
}
