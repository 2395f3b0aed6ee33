// The worker-to-parent Document message: a fully populated Document survives
// encode/decode field for field, and damaged messages are errors, not crashes.
#define BOOST_TEST_MODULE batch_wire
#include <boost/test/unit_test.hpp>

#include "scrutiny/document_wire.h"

using namespace scrutiny;

BOOST_AUTO_TEST_CASE(a_full_document_round_trips) {
  Document d;
  d.source = "reports/ofsted 2023 é.pdf";
  d.format = "pdf";
  d.doc_id = "0123456789abcdef0123456789abcdef";
  d.title = "Inspection of children’s social care services";
  d.type = "ofsted_report";
  d.body = "Ofsted";
  d.date = "2023-06-09";
  d.year = 2023;
  d.authority = "Middlesbrough Council";
  d.judgement = "requires_improvement";
  d.visit = "full_inspection";
  d.url = "https://example.org/r.pdf";
  d.framework = "ilacs";
  d.framework_variant = "standard";
  d.judgements.overall = "requires_improvement";
  d.judgements.leaders = "good";
  d.judgements.in_care = "requires_improvement";
  d.judgements.in_care_includes_care_leavers = true;
  d.inspection_start = "2023-05-15";
  d.inspection_end = "2023-05-26";
  d.lead_inspector = "Jane Smith";
  d.provenance = {{"date", "text: Inspection dates: 15 to 26 May 2023"}};
  d.pages = 2;
  Passage p;
  p.page = 2;
  p.section = "What needs to improve";
  p.text = "Care leavers’ pathway plans are not updated.";
  p.list_item = true;
  p.boilerplate = false;
  p.themes = {"care_leavers", "planning"};
  p.polarity = Polarity::concern;
  p.matches = {{"care_leavers", {"care leaver"}}};
  d.passages = {p, Passage{1, "", "Contact: 01642 000000", false, true, {}, Polarity::neutral, {}}};

  Result<Document> back = decode_document(encode_document(d));
  BOOST_REQUIRE(back.ok());
  const Document& b = back.value();
  BOOST_TEST(b.source == d.source);
  BOOST_TEST(b.title == d.title);
  BOOST_TEST(*b.date == "2023-06-09");
  BOOST_TEST(*b.year == 2023);
  BOOST_TEST(*b.judgements.leaders == "good");
  BOOST_TEST(!b.judgements.help_and_protection);
  BOOST_TEST(b.judgements.in_care_includes_care_leavers);
  BOOST_TEST(*b.inspection_end == "2023-05-26");
  BOOST_TEST(b.lead_inspector == "Jane Smith");
  BOOST_TEST(b.provenance.at("date") == "text: Inspection dates: 15 to 26 May 2023");
  BOOST_TEST(b.pages == 2);
  BOOST_REQUIRE_EQUAL(b.passages.size(), 2u);
  BOOST_TEST(b.passages[0].page == 2);
  BOOST_TEST(b.passages[0].section == "What needs to improve");
  BOOST_TEST(b.passages[0].text == p.text);
  BOOST_TEST(b.passages[0].list_item);
  BOOST_TEST(b.passages[0].themes == p.themes);
  BOOST_TEST(std::string(to_string(b.passages[0].polarity)) == "concern");
  BOOST_TEST(b.passages[0].matches.at("care_leavers").at(0) == "care leaver");
  BOOST_TEST(b.passages[1].boilerplate);
  BOOST_TEST(b.framework_variant == "standard");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_not_fatal) {
  Document d;
  d.doc_id = "x";
  d.passages.push_back(Passage{0, "", std::string("caf\xe9"), false, false, {}, Polarity::neutral, {}});
  Result<Document> back = decode_document(encode_document(d));
  BOOST_REQUIRE(back.ok());
  BOOST_TEST(back->passages[0].text == "caf\xef\xbf\xbd");
}

BOOST_AUTO_TEST_CASE(damaged_messages_are_errors) {
  BOOST_TEST(!decode_document("").ok());
  BOOST_TEST(!decode_document("{\"source\": \"a\"").ok());
  Result<Document> partial = decode_document("{\"source\": \"a\"}");
  BOOST_REQUIRE(!partial.ok());
  BOOST_TEST(partial.error().find("incomplete") != std::string::npos);
}
