#define BOOST_TEST_MODULE facet_dictionary
#include <boost/test/unit_test.hpp>

#include "../query/search_fixture.h"
#include "scrutiny/facet_dictionary.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/schema.h"

using namespace scrutiny;
using scrutiny::testing::TempDir;

namespace {

schema::FacetFields fields(std::string year, std::string body, std::string themes) {
  return {std::move(year), "committee_report", std::move(body), "concern", "Middlesbrough Council", "",
          std::move(themes)};
}

Document one_passage_doc(const std::string& id, const std::string& body, int year) {
  Document d;
  d.doc_id = id;
  d.source = "fixture/" + id + ".pdf";
  d.type = "minutes";
  d.body = body;
  d.year = year;
  d.date = std::to_string(year) + "-01-15";
  Passage p;
  p.text = "Caseloads remain high.";
  p.themes = {"caseloads"};
  d.passages = {p};
  return d;
}

// One writer session: adds the documents, commits, closes.
void write_session(const TempDir& dir, const std::vector<Document>& docs) {
  auto w = IndexWriter::open(dir.str());
  BOOST_REQUIRE(w);
  for (const auto& d : docs) BOOST_REQUIRE(w->replace_document(d).ok());
  BOOST_REQUIRE(w->commit().ok());
}

std::string stored_facets(const Xapian::Database& db, const std::string& doc_id) {
  auto it = db.postlist_begin(schema::term(schema::kUniqueId, doc_id + "-0"));
  BOOST_REQUIRE(it != db.postlist_end(""));
  return db.get_document(*it).get_value(schema::kSlotFacets);
}

}  // namespace

BOOST_AUTO_TEST_CASE(encoding_numbers_each_string_once_and_decodes_to_the_string_form) {
  FacetDictionary dict;
  const auto a = fields("2021", "Corporate Parenting Board", "care_leavers\nworkforce");
  const std::string encoded = dict.encode(a);
  BOOST_TEST(is_facet_ids(encoded));
  BOOST_TEST(encoded.size() == 9u);  // marker, six fields, two themes: one byte each
  BOOST_TEST(dict.decode(encoded) == schema::pack_facets(a));
  BOOST_TEST(dict.size() == 7u);  // the empty judgement is 0, not a string
  const std::uint32_t board = dict.id("Corporate Parenting Board");
  BOOST_TEST(dict.string(board) == "Corporate Parenting Board");
  // A second passage of the same document adds nothing.
  dict.encode(fields("2021", "Corporate Parenting Board", "workforce"));
  BOOST_TEST(dict.size() == 7u);
  FacetIds ids;
  BOOST_REQUIRE(decode_facet_ids(encoded, ids));
  BOOST_TEST(ids.body == board);
  BOOST_TEST(ids.judgement == 0u);
  BOOST_TEST(ids.themes.size() == 2u);
  BOOST_TEST(dict.string(ids.themes[1]) == "workforce");
  BOOST_TEST(dict.string(0).empty());
  BOOST_TEST(dict.string(999).empty());
}

BOOST_AUTO_TEST_CASE(string_form_values_pass_through_and_damaged_numbers_are_refused) {
  FacetDictionary dict;
  const std::string strings = schema::pack_facets(fields("2020", "Executive", "finance"));
  BOOST_TEST(!is_facet_ids(strings));
  BOOST_TEST(dict.decode(strings) == strings);
  BOOST_TEST(!is_facet_ids(schema::pack_facets(fields("", "Executive", ""))));  // empty year: starts '\x1f'
  FacetIds ids;
  BOOST_TEST(!decode_facet_ids(strings, ids));
  const std::string encoded = dict.encode(fields("2020", "Executive", "finance"));
  BOOST_TEST(!decode_facet_ids(encoded.substr(0, 4), ids));  // truncated inside the fields
  BOOST_TEST(!decode_facet_ids(encoded + "\x80", ids));      // a varint cut short
}

BOOST_AUTO_TEST_CASE(serialised_dictionary_keeps_every_number_and_stops_at_damage) {
  FacetDictionary dict;
  std::vector<std::uint32_t> ids;
  // Past 127 strings, and one of 300 bytes, so varints take two bytes.
  for (int i = 0; i < 200; ++i) ids.push_back(dict.id("body " + std::to_string(i)));
  const std::string longest(300, 'x');
  ids.push_back(dict.id(longest));
  ids.push_back(dict.id("Conseil d\u2019\u00e9tat"));
  const FacetDictionary back = FacetDictionary::parse(dict.serialise());
  BOOST_TEST(back.size() == dict.size());
  BOOST_TEST(back.string(ids[150]) == "body 150");
  BOOST_TEST(back.string(ids[200]) == longest);
  BOOST_TEST(back.string(ids[201]) == "Conseil d\u2019\u00e9tat");
  const std::string data = dict.serialise();
  BOOST_TEST(FacetDictionary::parse(data.substr(0, data.size() - 5)).size() == dict.size() - 1);
}

BOOST_AUTO_TEST_CASE(numbers_keep_their_strings_across_writer_sessions) {
  TempDir dir;
  write_session(dir, {one_passage_doc("a", "Executive", 2020)});
  Xapian::Database first(dir.str());
  const std::string a_value = stored_facets(first, "a");
  BOOST_TEST(is_facet_ids(a_value));
  write_session(dir, {one_passage_doc("b", "Children's Scrutiny Panel", 2023),
                      one_passage_doc("a", "Executive", 2020)});  // a re-ingested
  Xapian::Database db(dir.str());
  const FacetDictionary dict = FacetDictionary::load(db);
  BOOST_TEST(stored_facets(db, "a") == a_value);  // the same numbers
  const std::string a_strings = dict.decode(a_value);
  const schema::FacetViews a = schema::unpack_facets(a_strings);
  BOOST_TEST(a.body == "Executive");
  BOOST_TEST(a.year == "2020");
  BOOST_TEST(a.themes == "caseloads");
  const std::string b_strings = dict.decode(stored_facets(db, "b"));
  const schema::FacetViews b = schema::unpack_facets(b_strings);
  BOOST_TEST(b.body == "Children's Scrutiny Panel");
  BOOST_TEST(b.year == "2023");
  BOOST_TEST(dict.size() == 7u);  // 2020, minutes, Executive, neutral, caseloads; 2023, the panel
}

BOOST_AUTO_TEST_CASE(uncommitted_numbers_are_not_visible_to_readers) {
  TempDir dir;
  auto w = IndexWriter::open(dir.str());
  BOOST_REQUIRE(w);
  BOOST_REQUIRE(w->replace_document(one_passage_doc("a", "Executive", 2020)).ok());
  BOOST_REQUIRE(w->commit().ok());
  BOOST_REQUIRE(w->replace_document(one_passage_doc("b", "Cabinet", 2024)).ok());
  Xapian::Database reader(dir.str());
  BOOST_TEST(reader.get_doccount() == 1u);
  const FacetDictionary before = FacetDictionary::load(reader);
  BOOST_REQUIRE(w->commit().ok());
  reader.reopen();
  const FacetDictionary after = FacetDictionary::load(reader);
  BOOST_TEST(after.size() == before.size() + 2);  // Cabinet, 2024
  const std::string b_strings = after.decode(stored_facets(reader, "b"));
  BOOST_TEST(schema::unpack_facets(b_strings).body == "Cabinet");
}

// A nightly ingest into an index whose dictionary is gone must stop, not
// number strings from 1 again: old passages' numbers would then name them.
BOOST_AUTO_TEST_CASE(a_writer_refuses_an_index_that_lost_its_dictionary) {
  TempDir dir;
  write_session(dir, {one_passage_doc("a", "Executive", 2020)});
  const std::string a_value = stored_facets(Xapian::Database(dir.str()), "a");
  {
    Xapian::WritableDatabase db(dir.str());
    db.set_metadata(std::string(schema::kFacetDictionaryKey), "");
    db.commit();
  }
  auto w = IndexWriter::open(dir.str());
  BOOST_REQUIRE(!w);
  BOOST_TEST(w.error() == "index at " + dir.str() +
                              " has lost its facet dictionary (metadata facetdict): new passages would reuse its "
                              "numbers; ingest into a fresh index");
  Xapian::Database db(dir.str());
  BOOST_TEST(db.get_doccount() == 1u);  // nothing written
  BOOST_TEST(stored_facets(db, "a") == a_value);
}
