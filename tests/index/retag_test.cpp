#define BOOST_TEST_MODULE retag
#include <boost/test/unit_test.hpp>

#include <map>

#include "../query/trends_fixture.h"
#include "scrutiny/facet_dictionary.h"
#include "scrutiny/retag.h"
#include "scrutiny/schema.h"
#include "scrutiny/stored_passage.h"

using namespace scrutiny;
using trends_test::TempDir;

namespace {

// A stand-in for Taxonomy::classify_document with one editable phrase list,
// so the test controls exactly what an "edited taxonomy" changes.
Classifier phrase_classifier(std::vector<std::pair<std::string, std::string>> rules) {
  return [rules](Document& doc) {
    for (Passage& p : doc.passages) {
      if (p.boilerplate) continue;
      for (const auto& [phrase, theme] : rules)
        if (p.text.find(phrase) != std::string::npos) {
          if (std::find(p.themes.begin(), p.themes.end(), theme) == p.themes.end()) p.themes.push_back(theme);
          p.matches[theme].push_back(phrase);
        }
      std::sort(p.themes.begin(), p.themes.end());
      if (p.text.find("too high") != std::string::npos || p.text.find("remains") != std::string::npos)
        p.polarity = Polarity::concern;
      else if (p.text.find("improved") != std::string::npos)
        p.polarity = Polarity::strength;
    }
  };
}

const std::vector<std::pair<std::string, std::string>> kOriginal = {{"social worker", "workforce"},
                                                                    {"budget", "finance"}};

struct Fixture {
  TempDir dir;
  Fixture() { trends_test::build_fixture_index(dir.path.string()); }
  Xapian::Database db() const { return Xapian::Database(dir.path.string()); }
  Xapian::doccount tagged(const std::string& theme) const {
    return db().get_termfreq(schema::term(schema::kTheme, theme));
  }
  RetagStats retag(const Classifier& c, bool dry_run = false) {
    RetagOptions o;
    o.dry_run = dry_run;
    auto r = retag_index(dir.path.string(), c, o);
    BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
    return r.value();
  }
  // The stored data of the passage whose unique id is Q<doc>-<index>.
  Xapian::Document passage(const std::string& doc, int index) const {
    Xapian::Database d = db();
    auto it = d.postlist_begin(schema::term(schema::kUniqueId, doc + "-" + std::to_string(index)));
    BOOST_REQUIRE(it != d.postlist_end(""));
    return d.get_document(*it);
  }
  // A passage's packed facets in string form (the index stores numbers).
  std::string facets_of(const Xapian::Document& p) const {
    const std::string stored = p.get_value(schema::kSlotFacets);
    BOOST_TEST(is_facet_ids(stored));
    return FacetDictionary::load(db()).decode(stored);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(retag_rewrites_tags_and_keeps_everything_else, Fixture) {
  BOOST_TEST(tagged("caseloads") == 1u);  // as first indexed
  const RetagStats s = retag(phrase_classifier(kOriginal));
  BOOST_TEST(s.documents == 4u);
  BOOST_TEST(s.passages == 8u);
  // "social worker": a2020 p3, b2021 p2, dnone; the boilerplate p9 loses its tag.
  BOOST_TEST(tagged("workforce") == 3u);
  BOOST_TEST(tagged("finance") == 1u);
  BOOST_TEST(tagged("caseloads") == 0u);   // old tags gone
  BOOST_TEST(tagged("front_door") == 0u);
  Xapian::Database d = db();
  BOOST_TEST(d.get_doccount() == 8u);      // passage count unchanged
  BOOST_TEST(d.get_termfreq("Y2021") == 4u);
  BOOST_TEST(d.get_termfreq("XTYPEcommittee_report") == 5u);
  BOOST_TEST(d.get_termfreq(std::string(schema::kBoilerplate)) == 1u);
  // Positions survive: a phrase in the text still matches.
  Xapian::Enquire e(d);
  const std::vector<std::string> words = {"permanent", "social", "workers"};
  e.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()));
  BOOST_TEST(e.get_mset(0, 10).size() == 1u);

  const Xapian::Document p = passage("b2021", 0);
  const std::string f_packed = facets_of(p);
  const schema::FacetViews f = schema::unpack_facets(f_packed);
  BOOST_TEST(f.themes == "workforce");
  BOOST_TEST(f.polarity == "neutral");  // no cue in "Too many children..."
  BOOST_TEST(f.year == "2021");         // the document's fields are kept
  const auto data = nlohmann::json::parse(p.get_data());
  BOOST_TEST(data["themes"] == nlohmann::json::parse(R"(["workforce"])"));
  BOOST_TEST(data["matches"] == nlohmann::json::parse(R"({"workforce": ["social worker"]})"));
  BOOST_TEST(data["text"] == "Too many children experience changes of social worker.");
  BOOST_TEST(data["page"] == 2);
  const auto old = nlohmann::json::parse(passage("c2021", 1).get_data());
  BOOST_TEST(old["polarity"] == "concern");  // "budget overspend remains too high"
}

BOOST_FIXTURE_TEST_CASE(edited_taxonomy_adds_a_phrase, Fixture) {
  retag(phrase_classifier(kOriginal));
  BOOST_TEST(tagged("workforce") == 3u);
  auto edited = kOriginal;
  edited.push_back({"workforce", "workforce"});  // a scrutiny officer adds a phrase
  edited.push_back({"front door", "front_door"});
  const RetagStats s = retag(phrase_classifier(edited));
  BOOST_TEST(s.changed == 2u);  // c2021 p1 "permanent workforce", b2021 p5 "front door"
  BOOST_TEST(tagged("workforce") == 4u);
  BOOST_TEST(tagged("front_door") == 1u);
  BOOST_TEST(s.themes_before.at("workforce") == 3u);
  BOOST_TEST(s.themes_after.at("workforce") == 4u);
  // Searchable through the theme term, with the new match recorded.
  Xapian::Enquire e(db());
  e.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("XTHEMEworkforce"), Xapian::Query("stable")));
  Xapian::MSet m = e.get_mset(0, 10);
  BOOST_REQUIRE_EQUAL(m.size(), 1u);
  const auto data = nlohmann::json::parse(m.begin().get_document().get_data());
  BOOST_TEST(data["matches"]["workforce"] == nlohmann::json::parse(R"(["workforce"])"));
  BOOST_TEST(data["polarity"] == "strength");
  BOOST_TEST(db().get_doccount() == 8u);
  // Re-applying the same taxonomy changes nothing.
  BOOST_TEST(retag(phrase_classifier(edited)).changed == 0u);
}

BOOST_FIXTURE_TEST_CASE(retag_migrates_a_schema1_index_to_the_packed_facet_slot, Fixture) {
  {  // Make passage a2020-0 look as schema 1 wrote it: one facet per slot 4-9.
    Xapian::WritableDatabase w(dir.path.string());
    const Xapian::Document p0 = passage("a2020", 0);
    Xapian::Document old = p0;
    const std::string f_packed = facets_of(p0);
    const schema::FacetViews f = schema::unpack_facets(f_packed);
    old.remove_value(schema::kSlotFacets);
    old.add_value(schema::kSlotThemes1, std::string(f.themes));
    old.add_value(schema::kSlotType1, std::string(f.type));
    old.add_value(schema::kSlotBody1, std::string(f.body));
    old.add_value(schema::kSlotPolarity1, std::string(f.polarity));
    w.replace_document(p0.get_docid(), old);
    w.set_metadata("schema", "1");
    w.commit();
  }
  const std::string before_packed = facets_of(passage("a2020", 1));
  const schema::FacetViews before = schema::unpack_facets(before_packed);
  retag(phrase_classifier(kOriginal));
  const Xapian::Document p = passage("a2020", 0);
  const std::string f_packed = facets_of(p);
  const schema::FacetViews f = schema::unpack_facets(f_packed);
  BOOST_TEST(f.year == "2020");
  BOOST_TEST(f.type == before.type);
  BOOST_TEST(f.body == before.body);
  BOOST_TEST(!f.type.empty());
  BOOST_TEST(p.get_value(schema::kSlotType1).empty());  // the old slots are gone
  BOOST_TEST(p.get_value(schema::kSlotThemes1).empty());
  BOOST_TEST(db().get_metadata("schema") == "5");
}

BOOST_FIXTURE_TEST_CASE(retag_migrates_a_schema3_passages_facet_strings_to_numbers, Fixture) {
  retag(phrase_classifier(kOriginal));
  const std::string numbers = passage("c2021", 1).get_value(schema::kSlotFacets);
  const std::string strings = facets_of(passage("c2021", 1));
  BOOST_TEST(strings == "2021\x1f" "committee_report\x1f" "Scrutiny Board\x1f" "concern\x1f"
                        "Middlesbrough Council\x1f\x1f" "finance");
  BOOST_TEST(numbers.size() == 8u);  // marker, six fields and one theme, one byte each: 75 bytes as strings
  {  // Make it look as schema 3 wrote it: the strings themselves.
    Xapian::WritableDatabase w(dir.path.string());
    Xapian::Document old = passage("c2021", 1);
    old.add_value(schema::kSlotFacets, strings);
    w.replace_document(old.get_docid(), old);
    w.set_metadata("schema", "3");
    w.commit();
  }
  const Xapian::Document old = passage("c2021", 1);
  const std::vector<std::string> terms(old.termlist_begin(), old.termlist_end());
  const RetagStats s = retag(phrase_classifier(kOriginal));
  BOOST_TEST(s.changed == 1u);  // only the migrated passage: its tags stand
  const Xapian::Document migrated = passage("c2021", 1);
  BOOST_TEST(migrated.get_value(schema::kSlotFacets) == numbers);
  BOOST_TEST((std::vector<std::string>(migrated.termlist_begin(), migrated.termlist_end()) == terms));
  Xapian::Enquire e(db());
  const std::vector<std::string> words = {"overspend", "remains"};
  e.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()));
  BOOST_TEST(e.get_mset(0, 10).size() == 1u);  // its positions too
  BOOST_TEST(db().get_metadata("schema") == "5");
}

BOOST_FIXTURE_TEST_CASE(retag_moves_a_schema2_passages_document_fields_to_the_record, Fixture) {
  StoredPassageReader reader(db());
  const nlohmann::json whole = reader.read(passage("b2021", 1));
  {  // Make passage b2021-1 look as schema 2 wrote it: every field in its data.
    Xapian::WritableDatabase w(dir.path.string());
    Xapian::Document old = passage("b2021", 1);
    old.set_data(whole.dump());
    w.replace_document(old.get_docid(), old);
    w.set_metadata("docfields:b2021", "");  // schema 2 had no such record
    w.set_metadata("schema", "2");
    w.commit();
  }
  BOOST_TEST(has_document_fields(nlohmann::json::parse(passage("b2021", 1).get_data())));
  const RetagStats s = retag(phrase_classifier(kOriginal));
  BOOST_TEST(s.changed >= 1u);
  const nlohmann::json data = nlohmann::json::parse(passage("b2021", 1).get_data());
  BOOST_TEST(!has_document_fields(data));
  BOOST_TEST(nlohmann::json::parse(db().get_metadata("docfields:b2021"))["source"] == whole["source"]);
  BOOST_TEST(data["text"] == whole["text"]);
  StoredPassageReader after(db());
  const nlohmann::json read = after.read(passage("b2021", 1));
  for (std::string_view key : schema::kDocumentFields)
    BOOST_TEST(read[std::string(key)] == whole[std::string(key)], key);
  BOOST_TEST(db().get_metadata("schema") == "5");
}

BOOST_FIXTURE_TEST_CASE(retag_migrates_a_schema4_passage_to_the_short_collapse_key, Fixture) {
  retag(phrase_classifier(kOriginal));
  const Xapian::Document fresh = passage("c2021", 1);
  BOOST_TEST(fresh.get_value(schema::kSlotDocId) == schema::collapse_key("c2021"));
  BOOST_TEST(schema::collapse_key("c2021").size() == 8u);
  {  // Make it look as schema 4 wrote it: the doc_id as collapse key, title words positioned.
    Xapian::WritableDatabase w(dir.path.string());
    Xapian::Document old = passage("c2021", 1);
    old.add_value(schema::kSlotDocId, "c2021");
    Xapian::termpos pos = 100;
    std::vector<std::string> titles;
    for (auto t = old.termlist_begin(); t != old.termlist_end(); ++t)
      if ((*t)[0] == 'S') titles.push_back(*t);
    BOOST_REQUIRE(titles.size() >= 2u);
    for (const auto& term : titles) old.add_posting(term, ++pos, 0);
    w.replace_document(old.get_docid(), old);
    w.set_metadata("schema", "4");
    w.commit();
  }
  const Xapian::Document old = passage("c2021", 1);
  BOOST_TEST(old.get_value(schema::kSlotDocId) == "c2021");
  std::map<std::string, std::pair<Xapian::termcount, Xapian::termcount>> before;  // wdf, positions
  for (auto t = old.termlist_begin(); t != old.termlist_end(); ++t) before[*t] = {t.get_wdf(), t.positionlist_count()};
  const RetagStats s = retag(phrase_classifier(kOriginal));
  BOOST_TEST(s.changed == 1u);  // only the migrated passage: its tags stand
  const Xapian::Document migrated = passage("c2021", 1);
  BOOST_TEST(migrated.get_value(schema::kSlotDocId) == schema::collapse_key("c2021"));
  std::map<std::string, std::pair<Xapian::termcount, Xapian::termcount>> after;
  for (auto t = migrated.termlist_begin(); t != migrated.termlist_end(); ++t)
    after[*t] = {t.get_wdf(), t.positionlist_count()};
  BOOST_TEST((after == before));  // terms, wdfs and positions as they were
  BOOST_TEST(db().get_metadata("schema") == "5");
}

BOOST_FIXTURE_TEST_CASE(dry_run_writes_nothing, Fixture) {
  const RetagStats s = retag(phrase_classifier(kOriginal), true);
  BOOST_TEST(s.changed > 0u);
  BOOST_TEST(tagged("caseloads") == 1u);
}

BOOST_AUTO_TEST_CASE(missing_index_is_an_error) {
  auto r = retag_index("/nonexistent/scrutiny-index", phrase_classifier(kOriginal));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().find("no index at /nonexistent/scrutiny-index") == 0u);
}

namespace {

Xapian::termcount wdf_of(const Xapian::Document& d, const std::string& term) {
  auto it = d.termlist_begin();
  it.skip_to(term);
  return it != d.termlist_end() && *it == term ? it.get_wdf() : 0;
}

// An index whose "heavy" passage says fostering three times (tier 3) and
// whose "light" one says it once (no tier); `strip`: its tier terms are
// removed as well as the metadata key, as in an index made before tiers;
// otherwise only the key is, as in a retag interrupted before its last commit.
void write_index_before_tiers(const std::string& dir, bool strip) {
  {
    auto w = IndexWriter::open(dir);
    BOOST_REQUIRE(w.ok());
    for (const auto& [id, text] : {std::pair<std::string, std::string>{"heavy", "Fostering fostering fostering review."},
                                   {"light", "Fostering review."}})
      BOOST_REQUIRE(w->replace_document(trends_test::document(
                                            id, "2022-01-10", "ofsted_report", "",
                                            {trends_test::passage(1, text, {}, Polarity::neutral)}))
                        .ok());
    BOOST_REQUIRE(w->commit().ok());
  }
  Xapian::WritableDatabase db(dir, Xapian::DB_OPEN);
  for (auto it = db.postlist_begin(""); strip && it != db.postlist_end(""); ++it) {
    Xapian::Document d = db.get_document(*it);
    for (const char* t : {"XI1:Zfoster", "XI2:Zfoster", "XI3:Zfoster"})
      if (wdf_of(d, t)) d.remove_term(t);
    db.replace_document(*it, d);
  }
  db.set_metadata(std::string(schema::kImpactTiersKey), "");
  db.commit();
}

}  // namespace

BOOST_AUTO_TEST_CASE(retag_adds_impact_tiers_to_an_index_made_before_them) {
  TempDir dir;
  write_index_before_tiers(dir.path.string(), true);
  BOOST_REQUIRE_EQUAL(Xapian::Database(dir.path.string()).get_termfreq("XI1:Zfoster"), 0u);
  auto r = retag_index(dir.path.string(), phrase_classifier(kOriginal));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->tiers_added);
  BOOST_TEST(r->tiers_changed == 1u);  // the light passage reaches no tier
  Xapian::Database db(dir.path.string());
  BOOST_TEST(db.get_metadata(std::string(schema::kImpactTiersKey)) == "128 192 256");
  BOOST_TEST(db.get_termfreq("XI1:Zfoster") == 1u);
  BOOST_TEST(db.get_termfreq("XI3:Zfoster") == 1u);
  // The same wdf as the stem: 3 occurrences in a short passage.
  auto it = db.postlist_begin("XI3:Zfoster");
  BOOST_TEST(it.get_wdf() == 256u);
  BOOST_TEST(wdf_of(db.get_document(*it), "Zfoster") == 256u);
  // A second retag finds the tiers in place.
  auto again = retag_index(dir.path.string(), phrase_classifier(kOriginal));
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(!again->tiers_added);
  BOOST_TEST(again->tiers_changed == 0u);
}

BOOST_AUTO_TEST_CASE(retag_after_an_interrupted_one_does_not_double_tier_wdfs) {
  TempDir dir;
  write_index_before_tiers(dir.path.string(), false);  // tier terms there, key not
  auto r = retag_index(dir.path.string(), phrase_classifier(kOriginal));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->tiers_added);
  BOOST_TEST(r->tiers_changed == 0u);
  Xapian::Database db(dir.path.string());
  BOOST_TEST(db.get_metadata(std::string(schema::kImpactTiersKey)) == "128 192 256");
  BOOST_TEST(db.postlist_begin("XI3:Zfoster").get_wdf() == 256u);
}

BOOST_FIXTURE_TEST_CASE(dry_run_adds_no_tiers, Fixture) {
  {
    Xapian::WritableDatabase w(dir.path.string(), Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::kImpactTiersKey), "");
    w.commit();
  }
  const RetagStats s = retag(phrase_classifier(kOriginal), true);
  BOOST_TEST(s.tiers_added);
  BOOST_TEST(db().get_metadata(std::string(schema::kImpactTiersKey)).empty());
}
