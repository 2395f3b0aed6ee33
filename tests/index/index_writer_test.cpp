#define BOOST_TEST_MODULE index_writer
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "../query/search_fixture.h"
#include "scrutiny/facet_dictionary.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/schema.h"
#include "scrutiny/stored_passage.h"

using namespace scrutiny;
using namespace scrutiny::testing;

namespace {

std::vector<std::string> terms_of(const Xapian::Document& d) {
  std::vector<std::string> out;
  for (auto it = d.termlist_begin(); it != d.termlist_end(); ++it) out.push_back(*it);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Xapian::Document passage_doc(const Xapian::Database& db, const std::string& unique_term) {
  Xapian::PostingIterator p = db.postlist_begin(unique_term);
  BOOST_REQUIRE(p != db.postlist_end(unique_term));
  return db.get_document(*p);
}

}  // namespace

BOOST_AUTO_TEST_CASE(reingesting_replaces_rather_than_duplicates) {
  TempDir dir;
  build_fixture_index(dir.str());
  build_fixture_index(dir.str());
  auto db = open_index_for_reading(dir.str());
  BOOST_REQUIRE(db);
  BOOST_TEST(db->get_doccount() == 11u);
  BOOST_TEST(db->get_termfreq("XDOCcpb2022") == 3u);
}

BOOST_AUTO_TEST_CASE(a_shorter_new_version_drops_old_passages) {
  TempDir dir;
  build_fixture_index(dir.str());
  auto w = IndexWriter::open(dir.str());
  BOOST_REQUIRE(w);
  Document d = fixture_documents()[1];
  d.passages.resize(1);
  BOOST_REQUIRE(w->replace_document(d));
  BOOST_TEST(w->passage_count("cpb2022") == 1u);
  BOOST_TEST(w->database().get_doccount() == 9u);
  BOOST_TEST(w->database().get_termfreq("Qcpb2022-1") == 0u);
}

BOOST_AUTO_TEST_CASE(remove_document_deletes_passages_and_record) {
  TempDir dir;
  build_fixture_index(dir.str());
  auto w = IndexWriter::open(dir.str());
  BOOST_REQUIRE(w);
  BOOST_TEST(!w->get_metadata("doc:osb2020").empty());
  BOOST_REQUIRE(w->remove_document("osb2020"));
  BOOST_REQUIRE(w->commit());
  BOOST_TEST(w->passage_count("osb2020") == 0u);
  BOOST_TEST(w->database().get_doccount() == 8u);
  BOOST_TEST(w->get_metadata("doc:osb2020").empty());
  BOOST_TEST(w->remove_document("never-there").ok());
}

BOOST_AUTO_TEST_CASE(terms_values_and_data_follow_the_schema) {
  TempDir dir;
  build_fixture_index(dir.str());
  auto db = open_index_for_reading(dir.str());
  BOOST_REQUIRE(db);
  BOOST_TEST(db->get_metadata("schema") == "5");

  Xapian::Document cpb = passage_doc(db.value(), "Qcpb2022-1");
  auto t = terms_of(cpb);
  for (const char* expected : {"XDOCcpb2022", "Ufixture/cpb2022.html", "D20220308", "M202203", "Y2022", "Thtml",
                               "XTYPEminutes", "XBODYcorporate_parenting_board", "XTHEMEcare_leavers",
                               "XPOLconcern", "Scorporate", "ZScorpor", "Zaccommod", "council's", "accommodation"})
    BOOST_TEST(has(t, expected), expected);
  BOOST_TEST(cpb.get_value(schema::kSlotDate) == "20220308");
  BOOST_TEST(Xapian::sortable_unserialise(cpb.get_value(schema::kSlotYear)) == 2022);
  BOOST_TEST(cpb.get_value(schema::kSlotDocId) == schema::collapse_key("cpb2022"));
  BOOST_TEST(cpb.get_value(schema::kSlotDocId).size() == 8u);
  BOOST_TEST(schema::collapse_key("cpb2022") != schema::collapse_key("cpb2021"));
  // Text words keep positions (phrases); title and section words do not (schema 5).
  for (auto term = cpb.termlist_begin(); term != cpb.termlist_end(); ++term) {
    if (*term == "accommodation") BOOST_TEST(term.positionlist_count() > 0u);
    if (*term == "Scorporate" || (*term).rfind("XSECT", 0) == 0) BOOST_TEST(term.positionlist_count() == 0u, *term);
  }
  // The packed facets are stored as dictionary numbers (schema 4).
  const FacetDictionary facets = FacetDictionary::load(db.value());
  const std::string cpb_packed = cpb.get_value(schema::kSlotFacets);
  BOOST_TEST(is_facet_ids(cpb_packed));
  BOOST_TEST(cpb_packed.size() == 8u);  // marker, six fields (one empty), one theme
  BOOST_TEST(facets.decode(cpb_packed) ==
             "2022\x1fminutes\x1f" "Corporate Parenting Board\x1f" "concern\x1f\x1f\x1f" "care_leavers");
  BOOST_TEST(cpb.get_value(schema::kSlotBody1).empty());  // schema 1's slots are not written
  BOOST_TEST(Xapian::sortable_unserialise(cpb.get_value(schema::kSlotPassageIndex)) == 1);

  // Stored: the passage's own fields; its document's are in the "doc:" record.
  auto data = nlohmann::json::parse(cpb.get_data());
  BOOST_TEST(data["doc_id"] == "cpb2022");
  BOOST_TEST(data["polarity"] == "concern");
  BOOST_TEST(data["themes"][0] == "care_leavers");
  BOOST_TEST(data["passage"] == 1);
  for (const char* key : {"page", "section", "text", "matches", "boilerplate"}) BOOST_TEST(data.contains(key), key);
  for (std::string_view key : schema::kDocumentFields) BOOST_TEST(!data.contains(std::string(key)), key);
  // Read back whole: the record's fields joined in.
  StoredPassageReader passages(db.value());
  auto whole = passages.read(cpb);
  BOOST_TEST(whole["date"] == "2022-03-08");
  BOOST_TEST(whole["year"] == 2022);
  BOOST_TEST(whole["source"] == "fixture/cpb2022.html");
  BOOST_TEST(whole["type"] == "minutes");
  BOOST_TEST(whole["body"] == "Corporate Parenting Board");
  BOOST_TEST(whole["text"] == data["text"]);

  Xapian::Document ofsted = passage_doc(db.value(), "Qofsted2021-0");
  auto o = terms_of(ofsted);
  for (const char* expected : {"XJUDGErequires_improvement", "XVISITfull_inspection", "XFRAMEilacs",
                               "XAUTHmiddlesbrough_council", "XJLEADERS:requires_improvement",
                               "XJHELP_AND_PROTECTION:good", "XJIN_CARE:requires_improvement",
                               "XJCARE_LEAVERS:requires_improvement", "XTHEMEchildren_in_care", "XTHEMEworkforce"})
    BOOST_TEST(has(o, expected), expected);
  const std::string of_packed = facets.decode(ofsted.get_value(schema::kSlotFacets));
  const schema::FacetViews of = schema::unpack_facets(of_packed);
  BOOST_TEST(of.themes == "children_in_care\nworkforce");
  BOOST_TEST(of.judgement == "requires_improvement");
  BOOST_TEST(of.authority == "Middlesbrough Council");
  BOOST_TEST(Xapian::sortable_unserialise(ofsted.get_value(schema::kSlotPage)) == 3);

  // Undated documents get no date terms and an empty date slot.
  Xapian::Document undated = passage_doc(db.value(), "Qundated-0");
  for (const auto& term : terms_of(undated)) BOOST_TEST(term.rfind("Y", 0) != 0, term);
  BOOST_TEST(undated.get_value(schema::kSlotDate).empty());
}

BOOST_AUTO_TEST_CASE(document_record_keeps_every_source) {
  TempDir dir;
  auto w = IndexWriter::open(dir.str());
  BOOST_REQUIRE(w);
  Document d = fixture_documents()[0];
  BOOST_REQUIRE(w->replace_document(d));
  d.source = "elsewhere/copy.pdf";
  BOOST_REQUIRE(w->replace_document(d));
  BOOST_REQUIRE(w->commit());
  auto record = read_document_record(w->database(), "osb2020");
  BOOST_REQUIRE(record);
  BOOST_TEST(record.value()["source"] == "elsewhere/copy.pdf");
  BOOST_TEST(record.value()["sources"].size() == 2u);
  BOOST_TEST(record.value()["type"] == "committee_report");
  BOOST_TEST(record.value()["passages"] == 3);
  BOOST_TEST(!read_document_record(w->database(), "nope").ok());
}

BOOST_AUTO_TEST_CASE(metadata_with_prefix_lists_keys) {
  TempDir dir;
  auto w = IndexWriter::open(dir.str());
  BOOST_REQUIRE(w);
  BOOST_REQUIRE(w->set_metadata("file:a.pdf", "{\"size\":1}"));
  BOOST_REQUIRE(w->set_metadata("file:b.pdf", "{\"size\":2}"));
  BOOST_REQUIRE(w->set_metadata("run:last", "{}"));
  auto files = w->metadata_with_prefix("file:");
  BOOST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[1].first == "file:b.pdf");
  BOOST_TEST(files[1].second == "{\"size\":2}");
}

BOOST_AUTO_TEST_CASE(missing_index_and_second_writer_give_clear_errors) {
  TempDir dir;
  auto missing = open_index_for_reading(dir.str() + "/nothing-here");
  BOOST_REQUIRE(!missing);
  BOOST_TEST(missing.error() == "no index at " + dir.str() + "/nothing-here (run scrutiny ingest first)");
  auto first = IndexWriter::open(dir.str());
  BOOST_REQUIRE(first);
  auto second = IndexWriter::open(dir.str());
  BOOST_REQUIRE(!second);
  BOOST_TEST(second.error().find("locked") != std::string::npos, second.error());
}

BOOST_AUTO_TEST_CASE(xapian_delve_reads_the_index) {
  TempDir dir;
  build_fixture_index(dir.str());
  if (std::system("command -v xapian-delve >/dev/null 2>&1") != 0) {
    BOOST_TEST_MESSAGE("xapian-delve not installed; skipped");
    return;
  }
  std::string cmd = "xapian-delve -t XTHEMEworkforce " + dir.str() + " > " + dir.str() + "/delve.txt 2>&1";
  BOOST_TEST(std::system(cmd.c_str()) == 0);
  std::ifstream in(dir.str() + "/delve.txt");
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  BOOST_TEST(out.find("termfreq 3") != std::string::npos, out);
}
