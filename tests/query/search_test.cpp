#define BOOST_TEST_MODULE search
#include <boost/test/unit_test.hpp>

#include <set>

#include "scrutiny/facet_dictionary.h"
#include "scrutiny/schema.h"
#include "scrutiny/search.h"
#include "scrutiny/synonyms.h"
#include "search_fixture.h"

using namespace scrutiny;
using namespace scrutiny::testing;

namespace {

const char* kSynonyms =
    "LAC = CLA = looked after children = children in care\n"
    "PLO = Public Law Outline\n"
    "MACH = MASH = front door\n"
    "care experienced = care leavers\n";

struct Fixture {
  TempDir dir;
  Synonyms synonyms = Synonyms::parse(kSynonyms, "test").value();
  std::unique_ptr<Searcher> searcher;
  Fixture() {
    build_fixture_index(dir.str());
    reopen();
  }
  // A searcher on the index as it is now (after a test edited it).
  void reopen() {
    QueryContext ctx;
    ctx.synonyms = &synonyms;
    searcher = std::make_unique<Searcher>(open_index_for_reading(dir.str()).value(), ctx);
  }
  // Every facet of the matches of a query many passages match.
  SearchResult broad_facets() {
    SearchRequest req;
    req.query = "care OR recruitment OR caseloads";
    req.facets = true;
    req.limit = 1;
    return run(req);
  }

  SearchResult run(SearchRequest req) {
    auto r = searcher->search(req);
    BOOST_REQUIRE_MESSAGE(r.ok(), req.query + ": " + (r.ok() ? "" : r.error()));
    return std::move(r).value();
  }
  // Every matching passage, as "doc_id/page:first words" keys.
  std::vector<Hit> passages(const std::string& query, Filters filters = {}) {
    SearchRequest req;
    req.query = query;
    req.filters = std::move(filters);
    req.all_passages = true;
    req.limit = 100;
    return run(req).hits;
  }
  std::set<std::string> docs(const std::string& query, Filters filters = {}) {
    std::set<std::string> out;
    for (const auto& h : passages(query, std::move(filters))) out.insert(h.doc_id);
    return out;
  }
  std::string error(const std::string& query, Filters filters = {}) {
    SearchRequest req;
    req.query = query;
    req.filters = std::move(filters);
    auto r = searcher->search(req);
    BOOST_REQUIRE_MESSAGE(!r.ok(), query + " should fail");
    return r.error();
  }
};

using Docs = std::set<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(search, Fixture)

BOOST_AUTO_TEST_CASE(every_prefix_restricts) {
  BOOST_TEST(passages("theme:workforce").size() == 3u);
  BOOST_TEST(docs("theme:workforce") == (Docs{"osb2020", "ofsted2021", "undated"}));
  BOOST_TEST(docs("recruitment year:2021") == Docs{"ofsted2021"});
  BOOST_TEST(docs("type:minutes") == Docs{"cpb2022"});
  BOOST_TEST(docs("body:\"Corporate Parenting Board\"") == Docs{"cpb2022"});
  BOOST_TEST(docs("body:corporate_parenting_board") == Docs{"cpb2022"});
  BOOST_TEST(docs("authority:\"middlesbrough council\"") == (Docs{"osb2020", "ofsted2021"}));
  BOOST_TEST(docs("judgement:requires_improvement") == Docs{"ofsted2021"});
  BOOST_TEST(docs("visit:full_inspection") == Docs{"ofsted2021"});
  BOOST_TEST(docs("framework:ilacs") == Docs{"ofsted2021"});
  BOOST_TEST(docs("leaders:requires_improvement") == Docs{"ofsted2021"});
  BOOST_TEST(docs("help_and_protection:good") == Docs{"ofsted2021"});
  BOOST_TEST(docs("help_and_protection:inadequate").empty());
  // Pre-2023 reports grade care leavers with children in care.
  BOOST_TEST(docs("care_leavers:requires_improvement") == Docs{"ofsted2021"});
  BOOST_TEST(passages("polarity:concern").size() == 3u);
  BOOST_TEST(docs("date:2022-03-08") == Docs{"cpb2022"});
  BOOST_TEST(docs("date:2022-03") == Docs{"cpb2022"});
  BOOST_TEST(docs("title:bus") == Docs{"press2023"});
  BOOST_TEST(docs("section:court") == Docs{"osb2020"});
  // Title and section words have no positions: a phrase there means all its words.
  BOOST_TEST(docs("title:\"free bus travel\"") == Docs{"press2023"});
  BOOST_TEST(docs("title:\"children's services\"") == (Docs{"osb2020", "ofsted2021"}));
  BOOST_TEST(docs("title:\"bus parenting\"").empty());
  BOOST_TEST(docs("title:care-leavers") == Docs{"press2023"});
  BOOST_TEST(docs("section:\"court work\"") == Docs{"osb2020"});
  BOOST_TEST(passages("section:\"court work\"").size() == 1u);
  BOOST_TEST(docs("care -title:\"corporate parenting\"") == Docs{"press2023"});
  // Prefix values ignore case, as the body filter does.
  BOOST_TEST(docs("type:MINUTES") == Docs{"cpb2022"});
  // Two values of one prefix: either; different prefixes: both.
  BOOST_TEST(docs("type:minutes type:press_release") == (Docs{"cpb2022", "press2023"}));
  BOOST_TEST(docs("theme:care_leavers type:minutes") == Docs{"cpb2022"});
}

BOOST_AUTO_TEST_CASE(ranges_on_years_and_dates) {
  BOOST_TEST(docs("year:2020..2021") == (Docs{"osb2020", "ofsted2021"}));
  BOOST_TEST(passages("year:2020..2021").size() == 5u);
  BOOST_TEST(docs("year:2022..") == (Docs{"cpb2022", "press2023"}));
  BOOST_TEST(docs("date:2021-01-01..2021-12-31") == Docs{"ofsted2021"});
  BOOST_TEST(docs("date:..2020-12-31") == Docs{"osb2020"});
  BOOST_TEST(docs("date:2021..2022") == (Docs{"ofsted2021", "cpb2022"}));
  BOOST_TEST(docs("date:01/01/2023..31/12/2023") == Docs{"press2023"});
  BOOST_TEST(docs("care date:2022-03-09..") == Docs{"press2023"});
}

BOOST_AUTO_TEST_CASE(filters_restrict_results_and_counts) {
  Filters f;
  f.themes = {"workforce", "caseloads"};
  BOOST_TEST(docs("", f) == (Docs{"osb2020", "ofsted2021", "undated"}));
  BOOST_TEST(passages("", f).size() == 4u);
  f.from = "2021";
  BOOST_TEST(passages("", f).size() == 2u);  // the undated and 2020 passages drop out
  f.to = "2021-12-31";
  f.polarity = "concern";
  BOOST_TEST(passages("", f).size() == 1u);

  SearchRequest req;
  req.filters.type = "minutes";
  req.facets = true;
  req.all_passages = true;
  auto r = run(req);
  BOOST_TEST(r.total_estimate == 3u);
  BOOST_TEST(r.facets->at("type").size() == 1u);
  BOOST_TEST(r.facets->at("type").at("minutes") == 3u);
  BOOST_TEST(r.facets->at("year").at("2022") == 3u);

  Filters body;
  body.body = "corporate PARENTING board";
  BOOST_TEST(docs("", body) == Docs{"cpb2022"});
  Filters year;
  year.year_from = year.year_to = 2023;
  BOOST_TEST(docs("care", year) == Docs{"press2023"});
  Filters years;  // --year 2021..2022, as year:2021..2022
  years.year_from = 2021;
  years.year_to = 2022;
  BOOST_TEST(docs("", years) == (Docs{"ofsted2021", "cpb2022"}));
  BOOST_TEST(docs("", years) == docs("year:2021..2022"));
  Filters since;  // --year 2022..
  since.year_from = 2022;
  BOOST_TEST(docs("", since) == (Docs{"cpb2022", "press2023"}));
  Filters authority;
  authority.authority = "Middlesbrough Council";
  authority.judgement = "requires_improvement";
  authority.visit = "full_inspection";
  BOOST_TEST(docs("", authority) == Docs{"ofsted2021"});
}

BOOST_AUTO_TEST_CASE(empty_query_with_filters_lists_newest_first) {
  Filters f;
  f.themes = {"care_leavers"};
  auto hits = passages("", f);
  BOOST_REQUIRE(hits.size() == 2u);
  BOOST_TEST(hits[0].doc_id == "press2023");
  BOOST_TEST(hits[1].doc_id == "cpb2022");
}

BOOST_AUTO_TEST_CASE(synonyms_expand_both_ways) {
  BOOST_TEST(docs("PLO") == (Docs{"cpb2022", "osb2020"}));
  BOOST_TEST(docs("Public Law Outline") == (Docs{"cpb2022", "osb2020"}));
  BOOST_TEST(docs("\"public law outline\"") == (Docs{"cpb2022", "osb2020"}));
  BOOST_TEST(docs("LAC") == (Docs{"ofsted2021", "osb2020"}));
  BOOST_TEST(docs("looked after children") == (Docs{"ofsted2021", "osb2020"}));
  BOOST_TEST(docs("MACH") == Docs{"cpb2022"});
  BOOST_TEST(docs("care experienced") == (Docs{"cpb2022", "press2023"}));
  // Combined with other words and operators.
  BOOST_TEST(docs("PLO earlier") == Docs{"cpb2022"});
  BOOST_TEST(docs("PLO NOT earlier") == Docs{"osb2020"});
  // A prefixed or wildcard word is left alone.
  BOOST_TEST(docs("title:PLO").empty());
}

BOOST_AUTO_TEST_CASE(spelling_suggestion) {
  SearchRequest req;
  req.query = "recruitmant";
  auto r = run(req);
  BOOST_TEST(r.spelling_suggestion == "recruitment");
  BOOST_TEST(r.hits.empty());
  req.query = "recruitment";
  BOOST_TEST(run(req).spelling_suggestion.empty());
  // Still offered when synonyms rewrote the query.
  req.query = "PLO recruitmant";
  BOOST_TEST(run(req).spelling_suggestion == "PLO recruitment");
  // Words in the index are never "corrected" (Xapian alone offers care -> are).
  req.query = "care OR recruitment";
  BOOST_TEST(run(req).spelling_suggestion.empty());
  // Prefixed values and operators are kept.
  req.query = "theme:workforce recruitmant";
  BOOST_TEST(run(req).spelling_suggestion == "theme:workforce recruitment");
  // ...and a title phrase as typed, not as searched (all its words).
  req.query = "title:\"free bus\" recruitmant";
  BOOST_TEST(run(req).spelling_suggestion == "title:\"free bus\" recruitment");
}

BOOST_AUTO_TEST_CASE(curly_and_straight_apostrophes_match) {
  BOOST_TEST(docs("council's members") == Docs{"cpb2022"});
  BOOST_TEST(docs("council\xE2\x80\x99s members") == Docs{"cpb2022"});
  BOOST_TEST(docs("\"care leavers' accommodation\"") == Docs{"cpb2022"});
}

BOOST_AUTO_TEST_CASE(pasted_fullwidth_letters_and_ligatures_match) {
  BOOST_TEST(docs("\"\xEF\xBD\x92" "ecruitment fair\"") == Docs{"undated"});  // U+FF52 fullwidth r
  BOOST_REQUIRE(!docs("listened").empty());
  BOOST_TEST(docs("li\xEF\xAC\x86" "ened") == docs("listened"));  // U+FB06, the "st" ligature
}

BOOST_AUTO_TEST_CASE(phrases_wildcards_near_and_operators) {
  BOOST_TEST(docs("\"front door\"") == Docs{"cpb2022"});
  BOOST_TEST(docs("\"door front\"").empty());
  BOOST_TEST(docs("recruit*") == (Docs{"osb2020", "ofsted2021", "undated"}));
  BOOST_TEST(docs("caseloads NEAR assessment") == Docs{"ofsted2021"});
  // A synonym entry under NEAR or ADJ is searched as typed: Xapian 1.4 takes
  // only single terms there, and a group is several.
  BOOST_TEST(docs("LAC NEAR foster") == Docs{"ofsted2021"});
  BOOST_TEST(docs("LAC ADJ reviews") == Docs{"ofsted2021"});
  BOOST_TEST(docs("recruitment NOT foster") == (Docs{"osb2020", "undated"}));
  BOOST_TEST(docs("(caseloads OR bus) AND travel") == Docs{"press2023"});
  // Stemming: "worker" finds "workers".
  BOOST_TEST(docs("worker") == (Docs{"osb2020", "undated"}));
}

BOOST_AUTO_TEST_CASE(collapse_gives_best_passage_per_document) {
  SearchRequest req;
  req.query = "caseloads OR recruitment OR care";  // two passages of the Ofsted report
  req.limit = 100;
  auto collapsed = run(req);
  std::set<std::string> seen;
  for (const auto& h : collapsed.hits) BOOST_TEST(seen.insert(h.doc_id).second, h.doc_id);
  req.all_passages = true;
  auto all = run(req);
  BOOST_TEST(all.hits.size() > collapsed.hits.size());
  Xapian::doccount folded = 0;
  for (const auto& h : collapsed.hits) folded += h.more_in_document;
  BOOST_TEST(collapsed.hits.size() + folded == all.hits.size());
}

BOOST_AUTO_TEST_CASE(facets_equal_an_enumeration_of_the_matches) {
  for (const std::string query : {"care", "recruitment OR caseloads", "theme:children_in_care OR theme:workforce"}) {
    SearchRequest req;
    req.query = query;
    req.facets = true;
    req.limit = 1;  // counts cover the whole match, not the page
    auto r = run(req);
    Facets expected;
    for (const auto& h : passages(query)) {
      for (const auto& t : h.themes) ++expected["theme"][t];
      if (h.year) ++expected["year"][std::to_string(*h.year)];
      if (!h.type.empty()) ++expected["type"][h.type];
      if (!h.body.empty()) ++expected["body"][h.body];
      ++expected["polarity"][h.polarity];
    }
    for (const char* name : {"theme", "year", "type", "body", "polarity"})
      BOOST_TEST(r.facets->at(name) == expected[name], query << " facet " << name);
  }
}

BOOST_AUTO_TEST_CASE(authority_and_judgement_facets_count_the_filtered_passages) {
  SearchRequest req;
  req.query = "care OR recruitment OR caseloads";
  req.facets = true;
  req.limit = 1;
  auto r = run(req);
  const auto middlesbrough = passages("(care OR recruitment OR caseloads) authority:\"Middlesbrough Council\"").size();
  const auto ri = passages("(care OR recruitment OR caseloads) judgement:requires_improvement").size();
  BOOST_REQUIRE(middlesbrough > 0u);
  BOOST_REQUIRE(ri > 0u);
  BOOST_TEST(r.facets->at("authority").at("Middlesbrough Council") == middlesbrough);
  BOOST_TEST(r.facets->at("judgement").size() == 1u);
  BOOST_TEST(r.facets->at("judgement").at("requires_improvement") == ri);
}

// An index ingested before schema 4 and added to since holds passages with
// facet strings beside passages with dictionary numbers: both are counted.
BOOST_AUTO_TEST_CASE(facets_count_an_index_mixing_string_and_number_values) {
  const SearchResult numbers = broad_facets();
  {  // Every other passage back in string form, as schema 3 stored it.
    Xapian::WritableDatabase w(dir.str());
    const FacetDictionary dictionary = FacetDictionary::load(w);
    std::vector<Xapian::docid> ids(w.postlist_begin(""), w.postlist_end(""));
    for (size_t i = 0; i < ids.size(); i += 2) {
      Xapian::Document d = w.get_document(ids[i]);
      d.add_value(schema::kSlotFacets, dictionary.decode(d.get_value(schema::kSlotFacets)));
      w.replace_document(ids[i], d);
    }
    w.commit();
  }
  reopen();
  const SearchResult mixed = broad_facets();
  BOOST_TEST(numbers.facets->at("authority").at("Middlesbrough Council") > 1u);
  BOOST_TEST(numbers.facets->at("theme").size() > 1u);
  BOOST_TEST((mixed.facets == numbers.facets));
}

// A damaged index whose facet dictionary lost its strings still counts every
// passage: the numbers show as "(unknown N)", never silently dropped.
BOOST_AUTO_TEST_CASE(facet_numbers_missing_from_the_dictionary_are_shown_not_dropped) {
  const SearchResult before = broad_facets();
  {
    Xapian::WritableDatabase w(dir.str());
    w.set_metadata(std::string(schema::kFacetDictionaryKey), "");
    w.commit();
  }
  reopen();
  const SearchResult after = broad_facets();
  Xapian::doccount before_total = 0, after_total = 0, unknown = 0;
  for (const auto& [value, n] : before.facets->at("polarity")) before_total += n;
  for (const auto& [value, n] : after.facets->at("polarity")) {
    after_total += n;
    if (value.rfind("(unknown ", 0) == 0) unknown += n;
  }
  BOOST_TEST(before_total > 0u);
  BOOST_TEST(after_total == before_total);
  BOOST_TEST(unknown == before_total);
}

BOOST_AUTO_TEST_CASE(sort_by_date_and_by_year_timeline) {
  SearchRequest req;
  req.query = "care OR recruitment";
  req.sort = SortOrder::date;
  req.limit = 100;
  auto r = run(req);
  BOOST_REQUIRE(r.hits.size() >= 3u);
  BOOST_TEST(r.hits[0].doc_id == "press2023");
  for (size_t i = 1; i < r.hits.size(); ++i)
    BOOST_TEST(r.hits[i - 1].date.value_or("") >= r.hits[i].date.value_or(""));

  req.sort = SortOrder::relevance;
  req.by_year = true;
  req.hits_per_year = 1;
  auto t = run(req);
  BOOST_REQUIRE(t.by_year);
  std::vector<std::string> years;
  for (const auto& g : *t.by_year) years.push_back(g.year ? std::to_string(*g.year) : "undated");
  BOOST_TEST(years == (std::vector<std::string>{"2023", "2022", "2021", "2020", "undated"}), "");
  BOOST_TEST(t.by_year->at(1).count == 1u);  // 2022: the care leavers passage of the minutes
  BOOST_TEST(t.by_year->at(1).hits.at(0).doc_id == "cpb2022");
  BOOST_TEST(t.by_year->back().hits.at(0).doc_id == "undated");
}

BOOST_AUTO_TEST_CASE(hits_carry_what_output_needs) {
  SearchRequest req;
  req.query = "caseloads";
  auto r = run(req);
  BOOST_REQUIRE(r.hits.size() == 1u);
  const Hit& h = r.hits[0];
  BOOST_TEST(h.doc_id == "ofsted2021");
  BOOST_TEST(h.page == 4);
  BOOST_TEST(*h.date == "2021-09-07");
  BOOST_TEST(*h.year == 2021);
  BOOST_TEST(h.type == "ofsted_report");
  BOOST_TEST(h.polarity == "concern");
  BOOST_TEST(h.themes == std::vector<std::string>{"caseloads"});
  BOOST_TEST(render_snippet(h.snippet, "[", "]") == "[Caseloads] are too high in the assessment teams.");
  BOOST_TEST(h.score > 0);
}

BOOST_AUTO_TEST_CASE(json_has_the_documented_fields) {
  SearchRequest req;
  req.query = "front door";
  req.facets = true;
  req.by_year = true;
  auto j = to_json(run(req));
  for (const char* key : {"query", "total_estimate", "results", "spelling_suggestion", "facets", "by_year"})
    BOOST_TEST(j.contains(key), key);
  BOOST_REQUIRE(j["results"].size() == 1u);
  for (const char* key : {"doc_id", "source", "title", "type", "body", "date", "year", "page", "themes", "polarity",
                          "text", "snippet", "score"})
    BOOST_TEST(j["results"][0].contains(key), key);
  BOOST_TEST(j["results"][0]["snippet"] == "The [front door] has improved since the hub launched.");
  BOOST_TEST(j["results"][0]["body"] == "Corporate Parenting Board");
  BOOST_TEST(j["facets"]["theme"]["front_door"] == 1);
  BOOST_TEST(j["by_year"][0]["year"] == 2022);
}

BOOST_AUTO_TEST_CASE(csv_and_text_output) {
  SearchRequest req;
  req.query = "caseloads";
  req.facets = true;
  auto r = run(req);
  std::string csv = format_csv(r);
  BOOST_TEST(csv.rfind("rank,score,doc_id,source,title,type,body,date,year,page,", 0) == 0u);
  BOOST_TEST(csv.find(",ofsted2021,fixture/ofsted2021.pdf,Inspection of Middlesbrough local authority "
                      "children's services,ofsted_report,,2021-09-07,2021,4,") != std::string::npos, csv);
  std::string text = format_text(r, false);
  BOOST_TEST(text.find("[Caseloads] are too high") != std::string::npos, text);
  BOOST_TEST(text.find("2021-09-07 | ofsted_report | p.4 | concern") != std::string::npos, text);
  BOOST_TEST(text.find("theme:    caseloads 1") != std::string::npos, text);
  BOOST_TEST(text.find('\033') == std::string::npos);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) BOOST_TEST(line.size() <= 80u, line);
  BOOST_TEST(format_text(r, true).find("\033[1mCaseloads\033[0m") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_queries_give_one_line_errors) {
  BOOST_TEST(error("\"front door") == "unbalanced quotes in query");
  BOOST_TEST(error("title:\"front door") == "unbalanced quotes in query");
  BOOST_TEST(error("foo:bar care") == "unknown prefix 'foo:' (known: theme, year, date, type, body, authority, "
                                       "judgement, visit, polarity, framework, title, section, leaders, "
                                       "help_and_protection, in_care, care_leavers)");
  BOOST_TEST(error("thme:workforce") == "unknown prefix 'thme:' (did you mean theme:?)");
  BOOST_TEST(error("theme:workforse") == "unknown theme 'workforse' (did you mean workforce?)");
  BOOST_TEST(error("type:minute") == "unknown type 'minute' (did you mean minutes?)");
  BOOST_TEST(error("year:2023..2020") == "reversed year range '2023..2020' (the start is after the end)");
  BOOST_TEST(error("date:2021-13-01..2021-12-31") == "malformed date range '2021-13-01..2021-12-31'");
  BOOST_TEST(error("date:2021-12-31..2021-01-01") ==
             "reversed date range '2021-12-31..2021-01-01' (the start is after the end)");
  BOOST_TEST(error("year:twenty") == "malformed year 'twenty' (use year:2021 or year:2020..2023)");
  BOOST_TEST(error("   ") == "empty query (give search words, or a filter such as --theme workforce)");
  BOOST_TEST(error("care AND") .find("cannot parse 'care AND'") == 0u);
  Filters f;
  f.from = "2023";
  f.to = "2020-06";
  BOOST_TEST(error("care", f) == "reversed date range: --from 2023 is after --to 2020-06");
  Filters y;
  y.year_from = 2023;
  y.year_to = 2020;
  BOOST_TEST(error("care", y) == "reversed year range: 2023 is after 2020");
  y.year_from = 202;
  BOOST_TEST(error("care", y) == "malformed year 202 (use four digits)");
  Filters t;
  t.themes = {"carers"};
  BOOST_TEST(error("", t).find("unknown theme 'carers'") == 0u);
  Filters p;
  p.polarity = "negative";
  BOOST_TEST(error("", p) == "unknown polarity 'negative' (valid: strength, concern, neutral)");
  Filters d;
  d.from = "March 2021";
  BOOST_TEST(error("", d) == "malformed --from date 'March 2021' (use 2021-03-08, 2021-03 or 2021)");
}

BOOST_AUTO_TEST_SUITE_END()
