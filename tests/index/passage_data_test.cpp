// passage_data(): the stored JSON, written without building a json object,
// is byte for byte what nlohmann::json::dump() wrote for the same fields, so
// indexes made before and after read the same.
#define BOOST_TEST_MODULE passage_data
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "../query/trends_fixture.h"
#include "scrutiny/passage_builder.h"

using namespace scrutiny;
using nlohmann::json;

namespace {

// What passage_data wrote until it was hand-written.
std::string as_nlohmann_wrote_it(const Document& doc, const Passage& p, size_t index) {
  return json{{"doc_id", doc.doc_id},   {"page", p.page},
              {"passage", index},       {"section", p.section},
              {"text", p.text},         {"themes", p.themes},
              {"polarity", to_string(p.polarity)}, {"matches", p.matches},
              {"boilerplate", p.boilerplate}}
      .dump();
}

Document with_text(const std::string& text) {
  Document d = trends_test::document("d\"1", "2021-01-02", "ofsted_report", "",
                                     {trends_test::passage(12, text, {"workforce", "care_leavers"},
                                                           Polarity::concern)});
  d.passages[0].section = "Section \\ \"quoted\"";
  d.passages[0].matches = {{"workforce", {"social worker turnover", "agency"}}, {"care_leavers", {}}};
  return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(plain_text_is_written_as_nlohmann_wrote_it) {
  const Document d = with_text("Social workers leave often; caseloads are high.");
  const std::string data = passage_data(d, d.passages[0], 7);
  BOOST_TEST(data == as_nlohmann_wrote_it(d, d.passages[0], 7));
  const json back = json::parse(data);
  BOOST_TEST(back["page"].get<int>() == 12);
  BOOST_TEST(back["passage"].get<int>() == 7);
  BOOST_TEST(back["section"].get<std::string>() == "Section \\ \"quoted\"");
  BOOST_TEST(back["matches"]["workforce"][1].get<std::string>() == "agency");
}

BOOST_AUTO_TEST_CASE(control_characters_quotes_and_unicode_are_escaped_as_nlohmann_escapes_them) {
  const std::string tricky = std::string("tab\there, nul\x01\x1f, del\x7f, \"q\" \\ \b\f\n\r") +
                             "caf\xc3\xa9 \xe2\x80\x99s \xf0\x9f\x98\x80 \xed\x9f\xbf \xf4\x8f\xbf\xbf";
  const Document d = with_text(tricky);
  const std::string data = passage_data(d, d.passages[0], 0);
  BOOST_TEST(data == as_nlohmann_wrote_it(d, d.passages[0], 0));
  BOOST_TEST(json::parse(data)["text"].get<std::string>() == tricky);
  BOOST_TEST(data.find("\\u0001") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(text_that_is_not_utf8_is_refused_as_it_was) {
  // Overlong, surrogate, cut-short and stray continuation bytes: nlohmann
  // refuses each, and so does passage_data (extraction never makes them).
  for (const std::string bad : {"\xc0\xaf", "\xed\xa0\x80", "caf\xc3", "\x80x", "\xf4\x90\x80\x80"}) {
    const Document d = with_text("ok " + bad);
    BOOST_CHECK_THROW(passage_data(d, d.passages[0], 0), json::type_error);
    BOOST_CHECK_THROW(as_nlohmann_wrote_it(d, d.passages[0], 0), json::type_error);
  }
}
