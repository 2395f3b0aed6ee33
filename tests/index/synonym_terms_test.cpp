#define BOOST_TEST_MODULE synonym_terms
#include <boost/test/unit_test.hpp>

#include "../query/trends_fixture.h"
#include "scrutiny/query.h"
#include "scrutiny/retag.h"
#include "scrutiny/schema.h"
#include "scrutiny/synonym_terms.h"

using namespace scrutiny;
using trends_test::TempDir;

namespace {

Synonyms parse(const std::string& text) {
  auto s = Synonyms::parse(text, "test");
  BOOST_REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error()));
  return std::move(s).value();
}

const std::string kGroups =
    "LAC = looked after children = children in care\n"
    "MACH = front door = multi-agency children's hub\n";

// Text indexed as IndexWriter indexes passage text.
Xapian::Document indexed(const std::string& text) {
  Xapian::TermGenerator g;
  g.set_stemmer(Xapian::Stem("english"));
  g.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  Xapian::Document d;
  g.set_document(d);
  g.index_text(text);
  return d;
}

// wdf of `term` in `d`, 0 when absent.
Xapian::termcount wdf(const Xapian::Document& d, const std::string& term) {
  auto it = d.termlist_begin();
  it.skip_to(term);
  return it != d.termlist_end() && *it == term ? it.get_wdf() : 0;
}

Passage text_passage(std::string text) {
  Passage p;
  p.page = 1;
  p.text = std::move(text);
  return p;
}

// One document whose passages say the given texts, written with `synonyms`.
void write(const std::string& dir, const Synonyms& synonyms, const std::vector<std::string>& texts) {
  auto w = IndexWriter::open(dir, synonyms);
  BOOST_REQUIRE_MESSAGE(w.ok(), (w.ok() ? "" : w.error()));
  std::vector<Passage> passages;
  for (const auto& t : texts) passages.push_back(text_passage(t));
  BOOST_REQUIRE(w->replace_document(trends_test::document("d1", "2021-03-08", "ofsted_report", "", passages)).ok());
  BOOST_REQUIRE(w->commit().ok());
}

}  // namespace

BOOST_AUTO_TEST_CASE(entries_count_as_words_stems_and_exact_phrases) {
  SynonymTagger tagger(parse(kGroups));
  Xapian::Document d = indexed(
      "Children in care and looked after children: the LAC review. Care for children in "
      "need is not care of children in care... Children, in care homes.");
  BOOST_TEST(tagger.tag(d));
  // "children in care" three times (a comma breaks nothing: "Children, in
  // care" is consecutive terms, which a phrase query matches too), "looked
  // after children" once, "LAC" once; "care of children" is no entry.
  BOOST_TEST(wdf(d, "XSYNlac") == 5u);
  BOOST_TEST(wdf(d, "XSYNmach") == 0u);
  // Each phrase entry also counts on its own; one-word entries get no term.
  BOOST_TEST(wdf(d, "XSYNEchildren_in_care") == 3u);
  BOOST_TEST(wdf(d, "XSYNElooked_after_children") == 1u);
  BOOST_TEST(wdf(d, "XSYNElac") == 0u);

  Xapian::Document door = indexed("The front door and the Multi-Agency Children's Hub; front doors.");
  BOOST_TEST(tagger.tag(door));
  // "front door" once (the phrase wants the word "door", not "doors"),
  // "multi-agency children's hub" once.
  BOOST_TEST(wdf(door, "XSYNmach") == 2u);
  BOOST_TEST(wdf(door, "XSYNEmulti-agency_children's_hub") == 1u);
  BOOST_TEST(synonym_entry_term("multi-agency children's hub") == "XSYNEmulti-agency_children's_hub");
  BOOST_TEST(synonym_entry_term("mach") == "");

  Xapian::Document lacs = indexed("Reviews for all LACs were late.");
  BOOST_TEST(tagger.tag(lacs));  // one word matches by its stem, as a query for it does
  BOOST_TEST(wdf(lacs, "XSYNlac") == 1u);

  Xapian::Document none = indexed("Care leavers and the children's front garden.");
  BOOST_TEST(!tagger.tag(none));
  BOOST_TEST(wdf(none, "XSYNlac") == 0u);
}

BOOST_AUTO_TEST_CASE(tagging_again_changes_nothing_and_other_synonyms_replace_the_terms) {
  Xapian::Document d = indexed("Children in care and the front door.");
  SynonymTagger first(parse(kGroups));
  BOOST_TEST(first.tag(d));
  BOOST_TEST(!first.tag(d));
  SynonymTagger edited(parse("CiC = children in care\n"));
  BOOST_TEST(edited.fingerprint() != first.fingerprint());
  BOOST_TEST(edited.tag(d));
  BOOST_TEST(wdf(d, "XSYNcic") == 1u);
  BOOST_TEST(wdf(d, "XSYNlac") == 0u);
  BOOST_TEST(wdf(d, "XSYNmach") == 0u);
}

BOOST_AUTO_TEST_CASE(a_group_is_searched_as_one_term_only_while_the_index_terms_are_current) {
  TempDir dir;
  const Synonyms synonyms = parse(kGroups);
  write(dir.path.string(), synonyms, {"Children in care saw their social worker.", "Caseloads are high."});
  Xapian::Database db(dir.path.string());
  BOOST_TEST(synonym_terms_current(db, synonyms));
  QueryContext ctx;
  ctx.synonyms = &synonyms;
  ctx.spelling = false;
  auto q = parse_query(db, "LAC", {}, ctx);
  BOOST_REQUIRE(q.ok());
  BOOST_TEST(q->query.get_description().find("XSYNlac") != std::string::npos);
  // Snippets still highlight the group's words.
  BOOST_TEST(q->highlight.get_description().find("looked") != std::string::npos);
  Xapian::Enquire enquire(db);
  enquire.set_query(q->query);
  BOOST_TEST(enquire.get_mset(0, 10).size() == 1u);

  // Concept terms switched off (benchmark A/B): the same synonyms expand into
  // the entries, and the same passage is found.
  ctx.concept_terms = false;
  auto phrases = parse_query(db, "LAC", {}, ctx);
  BOOST_REQUIRE(phrases.ok());
  BOOST_TEST(phrases->query.get_description().find("XSYN") == std::string::npos);
  enquire.set_query(phrases->query);
  BOOST_TEST(enquire.get_mset(0, 10).size() == 1u);
  ctx.concept_terms = true;

  // Other synonyms than the index's: the group is expanded into phrases, and
  // finds the same passage.
  const Synonyms other = parse("LAC = children in care\n");
  BOOST_TEST(!synonym_terms_current(db, other));
  ctx.synonyms = &other;
  auto expanded = parse_query(db, "LAC", {}, ctx);
  BOOST_REQUIRE(expanded.ok());
  BOOST_TEST(expanded->query.get_description().find("XSYN") == std::string::npos);
  enquire.set_query(expanded->query);
  BOOST_TEST(enquire.get_mset(0, 10).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_quoted_entry_is_searched_as_its_entry_term_and_finds_what_the_phrase_finds) {
  TempDir dir;
  const Synonyms synonyms = parse(kGroups);
  write(dir.path.string(), synonyms,
        {"Children in care saw their social worker.", "Looked after children saw theirs.",
         "Children were in the care of the council."});
  Xapian::Database db(dir.path.string());
  QueryContext ctx;
  ctx.synonyms = &synonyms;
  ctx.spelling = false;
  auto ids = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    std::vector<Xapian::docid> out;
    for (auto m = enquire.get_mset(0, 10).begin(); m != enquire.get_mset(0, 10).end(); ++m) out.push_back(*m);
    return out;
  };
  auto q = parse_query(db, "\"children in care\"", {}, ctx);
  BOOST_REQUIRE(q.ok());
  BOOST_TEST(q->query.get_description().find("XSYNEchildren_in_care") != std::string::npos);
  BOOST_TEST(q->query.get_description().find("PHRASE") == std::string::npos);
  // The typed entry first, its synonym next; "children ... in the care" is
  // no match either way.
  const std::vector<Xapian::docid> expected = {1, 2};
  BOOST_TEST(ids(q->query) == expected, boost::test_tools::per_element());
  // Snippets still see the phrase's words.
  BOOST_TEST(q->highlight.get_description().find("PHRASE") != std::string::npos);

  ctx.concept_terms = false;
  auto phrases = parse_query(db, "\"children in care\"", {}, ctx);
  BOOST_REQUIRE(phrases.ok());
  BOOST_TEST(phrases->query.get_description().find("XSYN") == std::string::npos);
  BOOST_TEST(ids(phrases->query) == expected, boost::test_tools::per_element());

  // With a negation the typed query is not inside its expansion, so they stay
  // ORed: the passage saying only a synonym still matches the typed query
  // (AND_MAYBE would lose it).
  ctx.concept_terms = true;
  auto negated = parse_query(db, "saw -\"children in care\"", {}, ctx);
  BOOST_REQUIRE(negated.ok());
  const std::vector<Xapian::docid> only_second = {2};
  BOOST_TEST(ids(negated->query) == only_second, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(writing_with_edited_synonyms_marks_the_terms_stale_until_retag_rebuilds_them) {
  TempDir dir;
  const std::string path = dir.path.string();
  write(path, parse(kGroups), {"Children in care saw their social worker.", "The front door is busy."});
  const Synonyms edited = parse("CiC = children in care\nMASH = front door\n");
  {
    auto w = IndexWriter::open(path, edited);
    BOOST_REQUIRE(w.ok());
    BOOST_TEST(!w->synonym_terms_current());
    BOOST_REQUIRE(w->commit().ok());
  }
  BOOST_TEST(Xapian::Database(path).get_metadata("synonyms").empty());

  RetagOptions options;
  options.synonyms = &edited;
  auto stats = retag_index(path, [](Document&) {}, options);
  BOOST_REQUIRE_MESSAGE(stats.ok(), (stats.ok() ? "" : stats.error()));
  BOOST_TEST(stats->synonyms_rebuilt);
  BOOST_TEST(stats->synonyms_changed == 2u);
  Xapian::Database db(path);
  BOOST_TEST(synonym_terms_current(db, edited));
  BOOST_TEST(db.get_termfreq("XSYNcic") == 1u);
  BOOST_TEST(db.get_termfreq("XSYNmash") == 1u);
  BOOST_TEST(db.get_termfreq("XSYNlac") == 0u);
  // Text terms and positions survive the rewrite: the phrase still matches.
  Xapian::Enquire enquire(db);
  const std::vector<std::string> phrase = {"children", "in", "care"};
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end()));
  BOOST_TEST(enquire.get_mset(0, 10).size() == 1u);

  // Current again: a second retag leaves the terms alone.
  auto again = retag_index(path, [](Document&) {}, options);
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(!again->synonyms_rebuilt);
  BOOST_TEST(again->changed == 0u);
}
