#define BOOST_TEST_MODULE stored_passage
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "../query/search_fixture.h"
#include "scrutiny/schema.h"
#include "scrutiny/stored_passage.h"

using namespace scrutiny;
using namespace scrutiny::testing;
using nlohmann::json;

namespace {

struct Fixture {
  TempDir dir;
  Fixture() { build_fixture_index(dir.str()); }
  Xapian::Database db() const { return Xapian::Database(dir.str()); }
  Xapian::Document passage(const std::string& unique_term) const {
    Xapian::Database d = db();
    auto it = d.postlist_begin(unique_term);
    BOOST_REQUIRE(it != d.postlist_end(unique_term));
    return d.get_document(*it);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(joins_the_document_record_into_each_passage, Fixture) {
  StoredPassageReader reader(db());
  const json osb = reader.read(passage("Qosb2020-1"));
  BOOST_TEST(osb["source"] == "fixture/osb2020.pdf");
  BOOST_TEST(osb["title"] == "Children's services improvement update");
  BOOST_TEST(osb["body"] == "Overview and Scrutiny Board");
  BOOST_TEST(osb["authority"] == "Middlesbrough Council");
  BOOST_TEST(osb["date"] == "2020-05-21");
  BOOST_TEST(osb["year"] == 2020);
  BOOST_TEST(osb["page"] == 2);  // the passage's own fields are as stored
  BOOST_TEST(osb["text"] == "The Public Law Outline process is now tracked weekly by managers.");
  // The next passage is another document's: its record, not the cached one.
  const json cpb = reader.read(passage("Qcpb2022-0"));
  BOOST_TEST(cpb["source"] == "fixture/cpb2022.html");
  BOOST_TEST(cpb["date"] == "2022-03-08");
  BOOST_TEST(cpb["authority"] == "");
}

BOOST_FIXTURE_TEST_CASE(a_schema2_passage_keeps_its_own_document_fields, Fixture) {
  Xapian::Document p = passage("Qosb2020-0");
  json data = json::parse(p.get_data());
  data["title"] = "Title as stored in the passage";
  p.set_data(data.dump());
  StoredPassageReader reader(db());
  const json read = reader.read(p);
  BOOST_TEST(read["title"] == "Title as stored in the passage");
  BOOST_TEST(read["type"] == "committee_report");  // what it lacks comes from the record
  BOOST_TEST(has_document_fields(data));
  BOOST_TEST(!has_document_fields(without_document_fields(data)));
  BOOST_TEST(without_document_fields(data)["text"] == data["text"]);
}

BOOST_FIXTURE_TEST_CASE(a_passage_without_a_record_reads_its_own_fields_only, Fixture) {
  Xapian::Document p = passage("Qosb2020-0");
  {
    Xapian::WritableDatabase w(dir.str());
    w.set_metadata("doc:osb2020", "");
    w.set_metadata("docfields:osb2020", "");
    w.commit();
  }
  StoredPassageReader reader(db());
  const json read = reader.read(p);
  BOOST_TEST(read["doc_id"] == "osb2020");
  BOOST_TEST(!read.contains("source"));
  BOOST_TEST(read["text"] == "Recruitment and retention of social workers remains a challenge.");
}

BOOST_FIXTURE_TEST_CASE(without_a_docfields_record_the_doc_record_is_read, Fixture) {
  {  // as in an index retag has not yet migrated from schema 2
    Xapian::WritableDatabase w(dir.str());
    BOOST_TEST(!w.get_metadata("docfields:cpb2022").empty());
    w.set_metadata("docfields:cpb2022", "");
    w.commit();
  }
  StoredPassageReader reader(db());
  const json read = reader.read(passage("Qcpb2022-2"));
  BOOST_TEST(read["title"] == "Corporate Parenting Board minutes");
  BOOST_TEST(read["source"] == "fixture/cpb2022.html");
}

BOOST_AUTO_TEST_CASE(docfields_holds_only_the_document_fields) {
  const json record = {{"doc_id", "x"}, {"source", "a.pdf"}, {"year", 2021}, {"provenance", {{"date", "text"}}}};
  BOOST_TEST(document_fields(record) == json({{"source", "a.pdf"}, {"year", 2021}}));
}

BOOST_FIXTURE_TEST_CASE(data_that_is_not_a_passage_is_discarded, Fixture) {
  Xapian::Document foreign;
  foreign.set_data("sample=not ours");
  StoredPassageReader reader(db());
  BOOST_TEST(reader.read(foreign).is_discarded());
}
