#define BOOST_TEST_MODULE tiered_term_source
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "../../query/src/tiered_term_source.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/query.h"
#include "scrutiny/schema.h"
#include "scrutiny/search.h"
#include "scrutiny/synonyms.h"
#include "trends_fixture.h"

using namespace scrutiny;
using trends_test::TempDir;

namespace {

// 400 documents of 4 passages, "fostering" 0-4 times in passages of 5-120
// words, "review" and "placement" here and there; a fixed generator, so the
// index is the same each run. Themes alternate so filters have something to cut.
void build_index(const std::string& dir) {
  auto w = IndexWriter::open(dir);
  BOOST_REQUIRE(w.ok());
  std::minstd_rand rng(20261207);
  const char* filler[] = {"council", "children", "services", "report", "board", "quality", "staff", "visit"};
  for (int d = 0; d < 400; ++d) {
    std::vector<Passage> passages;
    for (int p = 0; p < 4; ++p) {
      std::string text;
      const int fostering = static_cast<int>(rng() % 5), words = 5 + static_cast<int>(rng() % 116);
      for (int i = 0; i < fostering; ++i) text += "fostering ";
      if (rng() % 3 == 0) text += "review ";
      if (rng() % 4 == 0) text += "placement ";
      for (int i = 0; i < words; ++i) text += std::string(filler[rng() % 8]) + " ";
      passages.push_back(trends_test::passage(p + 1, text + ".", {d % 2 ? "workforce" : "finance"},
                                              Polarity::neutral));
    }
    const std::string date = std::to_string(2015 + d % 10) + "-06-01";
    BOOST_REQUIRE(w->replace_document(
                       trends_test::document("d" + std::to_string(d), date, "committee_report", "", passages))
                      .ok());
  }
  BOOST_REQUIRE(w->commit().ok());
}

struct Fixture {
  TempDir dir;
  Xapian::Database db;
  ImpactTiers tiers;
  LengthNorm norm;
  Fixture() {
    build_index(dir.path.string());
    db = Xapian::Database(dir.path.string());
    tiers = ImpactTiers::of(db).value();
    norm = LengthNorm::of(db).value();
  }
  // "fostering" through a default Searcher, as the CLI searches.
  Result<SearchResult> search_fostering() const {
    Searcher searcher(db);
    SearchRequest req;
    req.query = "fostering";
    auto r = searcher.search(req);
    BOOST_REQUIRE(r.ok());
    return r;
  }
};

Xapian::Query plain_query(const Xapian::Database& db, const std::string& text, const Filters& filters = {}) {
  QueryContext ctx;
  ctx.spelling = false;
  ctx.impact_tiers = false;
  auto q = parse_query(db, text, filters, ctx);
  BOOST_REQUIRE_MESSAGE(q.ok(), (q.ok() ? "" : q.error()));
  return q->query;
}

using Ranked = std::vector<std::pair<Xapian::docid, double>>;

Xapian::Enquire ranking(const Xapian::Database& db, bool collapse) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(LengthNorm::of(db)->weight());
  if (collapse) enquire.set_collapse_key(schema::kSlotDocId);
  return enquire;
}

Ranked of(const Xapian::MSet& mset) {
  Ranked out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.emplace_back(*it, it.get_weight());
  return out;
}

// Hits offset..n of `q`.
Ranked ranked(const Xapian::Database& db, const Xapian::Query& q, bool collapse, Xapian::doccount n,
              Xapian::doccount offset = 0) {
  Xapian::Enquire enquire = ranking(db, collapse);
  enquire.set_query(q);
  return of(enquire.get_mset(offset, n - offset));
}

Ranked top_hits(const Xapian::Database& db, const Xapian::Query& q, const ImpactTiers& tiers, const LengthNorm& norm,
                bool collapse, Xapian::doccount offset, Xapian::doccount limit,
                std::shared_ptr<TieredTermSource::Counters> counters = nullptr) {
  Xapian::Enquire enquire = ranking(db, collapse);
  return of(tiered_top_hits(enquire, q, tiers, norm, offset, limit, counters));
}

void check_same(const Ranked& tiered, const Ranked& plain) {
  BOOST_REQUIRE_EQUAL(tiered.size(), plain.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    BOOST_TEST(tiered[i].first == plain[i].first);
    BOOST_TEST(std::abs(tiered[i].second - plain[i].second) < 1e-9);
  }
}

// No filter, a theme, a span of years.
std::vector<Filters> filter_cases() {
  Filters workforce;
  workforce.themes = {"workforce"};
  Filters years;
  years.year_from = 2019;
  years.year_to = 2020;
  return {Filters{}, workforce, years};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(tiered, Fixture)

BOOST_AUTO_TEST_CASE(one_word_gives_the_plain_terms_hits_and_weights_from_fewer_postings) {
  const Xapian::Query plain = plain_query(db, "fostering");
  BOOST_TEST(plain.get_description() == "Query(Zfoster@1)");
  auto counters = std::make_shared<TieredTermSource::Counters>();
  const Xapian::Query tiered = with_impact_tiers(plain, tiers, norm, {}, counters);
  BOOST_TEST(tiered.get_description().find("TieredTermSource(Zfoster") != std::string::npos);
  check_same(ranked(db, tiered, true, 10), ranked(db, plain, true, 10));
  // The top ten all say it four times: the search ends in the top tier,
  // having read a fraction of the stem's postings.
  BOOST_TEST(counters->highest_tier == 3u);
  BOOST_TEST(counters->postings < db.get_termfreq("Zfoster") / 2);
  BOOST_TEST(counters->postings > 0u);
}

BOOST_AUTO_TEST_CASE(all_passages_deeper_pages_and_filters_rank_the_same) {
  for (const Filters& f : filter_cases()) {
    const Xapian::Query plain = plain_query(db, "fostering", f);
    const Xapian::Query tiered = with_impact_tiers(plain, tiers, norm);
    for (Xapian::doccount n : {1u, 10u, 50u, 400u}) {
      check_same(ranked(db, tiered, true, n), ranked(db, plain, true, n));
      check_same(ranked(db, tiered, false, n), ranked(db, plain, false, n));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_word_with_exclusions_ranks_the_same) {
  for (const char* text : {"fostering -review", "fostering -review -placement"}) {
    const Xapian::Query plain = plain_query(db, text);
    auto counters = std::make_shared<TieredTermSource::Counters>();
    const Xapian::Query tiered = with_impact_tiers(plain, tiers, norm, {}, counters);
    BOOST_TEST_CONTEXT(text) {
      BOOST_TEST(tiered.get_description().find("TieredTermSource(Zfoster") != std::string::npos);
      check_same(ranked(db, tiered, true, 10), ranked(db, plain, true, 10));
      check_same(ranked(db, tiered, false, 100), ranked(db, plain, false, 100));
      BOOST_TEST(counters->highest_tier > 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(several_words_phrases_and_or_stay_plain_terms) {
  for (const char* text : {"fostering review", "fostering OR placement", "\"fostering review\""}) {
    const Xapian::Query plain = plain_query(db, text);
    BOOST_TEST(with_impact_tiers(plain, tiers, norm).get_description() == plain.get_description());
  }
}

BOOST_AUTO_TEST_CASE(the_top_tiers_give_the_hits_of_every_page_and_filter) {
  for (const Filters& f : filter_cases())
    for (bool collapse : {true, false})
      for (auto [offset, limit] : {std::pair{0u, 1u}, {0u, 10u}, {20u, 10u}, {0u, 400u}, {395u, 10u}}) {
        const Xapian::Query plain = plain_query(db, "fostering", f);
        BOOST_TEST_CONTEXT("collapse " << collapse << ", hits " << offset << "+" << limit) {
          check_same(top_hits(db, plain, tiers, norm, collapse, offset, limit),
                     ranked(db, plain, collapse, offset + limit, offset));
        }
      }
}

BOOST_AUTO_TEST_CASE(a_top_tier_holding_the_wanted_hits_is_the_only_list_read) {
  auto alone = std::make_shared<TieredTermSource::Counters>();
  auto first = std::make_shared<TieredTermSource::Counters>();
  const Xapian::Query plain = plain_query(db, "fostering");
  ranked(db, with_impact_tiers(plain, tiers, norm, {}, alone), true, 10);
  const auto hits = top_hits(db, plain, tiers, norm, true, 0, 10, first);
  check_same(hits, ranked(db, plain, true, 10));
  // The top tier alone holds ten documents: one pass, reading it and nothing
  // else. The source alone first reads lower tiers, until it has ten hits.
  const Xapian::doccount top_tier = db.get_termfreq("XI3:Zfoster");
  BOOST_TEST(first->postings <= top_tier);
  BOOST_TEST(first->highest_tier == 3u);
  BOOST_TEST(alone->postings > top_tier);
}

BOOST_AUTO_TEST_CASE(more_hits_than_the_top_tier_holds_come_from_the_tiers_below) {
  // All 400 documents say "fostering" somewhere, more than tier 3 holds:
  // the search goes down to a lower tier or the whole stem, same hits.
  BOOST_REQUIRE_LT(db.get_termfreq("XI3:Zfoster"), 300u);
  auto counters = std::make_shared<TieredTermSource::Counters>();
  const Xapian::Query plain = plain_query(db, "fostering");
  check_same(top_hits(db, plain, tiers, norm, false, 0, 300, counters), ranked(db, plain, false, 300));
  BOOST_TEST(counters->postings > db.get_termfreq("XI3:Zfoster"));
}

BOOST_AUTO_TEST_CASE(a_word_never_in_a_tier_and_several_words_are_searched_as_they_are) {
  // "review" is said at most once per passage: no tier holds it.
  BOOST_REQUIRE_EQUAL(db.get_termfreq("XI1:Zreview"), 0u);
  for (const char* text : {"review", "fostering review"}) {
    const Xapian::Query plain = plain_query(db, text);
    auto counters = std::make_shared<TieredTermSource::Counters>();
    BOOST_TEST_CONTEXT(text) {
      check_same(top_hits(db, plain, tiers, norm, true, 0, 10, counters), ranked(db, plain, true, 10));
      if (std::string(text) == "review")
        BOOST_TEST(counters->postings == db.get_termfreq("Zreview"));  // every posting, once
      else
        BOOST_TEST(counters->postings == 0u);  // no source was made
    }
  }
}

BOOST_AUTO_TEST_CASE(a_source_on_an_untiered_term_reads_the_term_itself) {
  // "fostering" (unstemmed) has no tier terms; asked to start in tier 3 or
  // 2, the source must still read the term, never "" (which Xapian reads as
  // every document).
  for (TierStart start : {TierStart{3}, TierStart{2}}) {
    const Xapian::Query source((new TieredTermSource("fostering", tiers, norm, start))->release());
    check_same(ranked(db, source, false, 50), ranked(db, Xapian::Query("fostering"), false, 50));
  }
}

BOOST_AUTO_TEST_CASE(every_match_is_still_counted_without_a_minimum_weight) {
  const Xapian::Query tiered = with_impact_tiers(plain_query(db, "fostering"), tiers, norm);
  Xapian::Enquire enquire(db);
  enquire.set_query(tiered);
  const Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
  BOOST_TEST(mset.get_matches_estimated() == db.get_termfreq("Zfoster"));
}

BOOST_AUTO_TEST_CASE(searcher_uses_tiers_by_default_with_the_same_hits) {
  QueryContext with, without;
  without.impact_tiers = false;
  Searcher on(db, with), off(db, without);
  for (SortOrder sort : {SortOrder::relevance, SortOrder::date})
    for (size_t offset : {0u, 10u}) {
      SearchRequest req;
      req.query = "fostering";
      req.sort = sort;
      req.offset = offset;
      req.facets = true;
      req.all_passages = offset > 0;
      auto a = on.search(req), b = off.search(req);
      BOOST_REQUIRE(a.ok());
      BOOST_REQUIRE(b.ok());
      BOOST_REQUIRE_EQUAL(a->hits.size(), 10u);
      BOOST_REQUIRE_EQUAL(a->hits.size(), b->hits.size());
      for (size_t i = 0; i < a->hits.size(); ++i) {
        BOOST_TEST(a->hits[i].doc_id == b->hits[i].doc_id);
        BOOST_TEST(a->hits[i].page == b->hits[i].page);
        BOOST_TEST(a->hits[i].score == b->hits[i].score);
      }
      BOOST_TEST(a->total_estimate == b->total_estimate);
      BOOST_TEST((a->facets == b->facets));
      BOOST_TEST(a->facets.has_value());
    }
}

BOOST_AUTO_TEST_CASE(timeline_hits_per_year_are_the_same_with_tiers) {
  QueryContext with, without;
  without.impact_tiers = false;
  Searcher on(db, with), off(db, without);
  for (const Filters& f : filter_cases())
    for (size_t per_year : {1u, 3u, 40u}) {
      SearchRequest req;
      req.query = "fostering";
      req.filters = f;
      req.by_year = true;
      req.hits_per_year = per_year;
      auto a = on.search(req), b = off.search(req);
      BOOST_REQUIRE(a.ok());
      BOOST_REQUIRE(b.ok());
      BOOST_REQUIRE(a->by_year.has_value());
      BOOST_REQUIRE(b->by_year.has_value());
      const std::vector<YearGroup>&years_a = *a->by_year, &years_b = *b->by_year;
      BOOST_REQUIRE_EQUAL(years_a.size(), years_b.size());
      BOOST_TEST(years_a.size() >= 2u);
      for (size_t y = 0; y < years_a.size(); ++y) {
        const YearGroup &ga = years_a[y], &gb = years_b[y];
        BOOST_TEST_CONTEXT("year " << ga.year.value_or(0) << ", " << per_year << " per year") {
          BOOST_TEST(ga.year.value_or(0) == gb.year.value_or(0));
          BOOST_TEST(ga.count == gb.count);
          BOOST_REQUIRE_EQUAL(ga.hits.size(), gb.hits.size());
          BOOST_TEST(!ga.hits.empty());
          BOOST_TEST(ga.hits.size() <= per_year);
          for (size_t i = 0; i < ga.hits.size(); ++i) {
            BOOST_TEST(ga.hits[i].doc_id == gb.hits[i].doc_id);
            BOOST_TEST(ga.hits[i].text == gb.hits[i].text);
            BOOST_TEST(ga.hits[i].score == gb.hits[i].score);
            BOOST_TEST(ga.hits[i].more_in_document == gb.hits[i].more_in_document);
          }
        }
      }
    }
}

BOOST_AUTO_TEST_CASE(more_in_document_counts_every_other_matching_passage) {
  // Then again with half the documents as schema 4 wrote them (the doc_id as
  // collapse key), as an index ingested before schema 5 holds until retag.
  for (bool mixed : {false, true}) {
    if (mixed) {
      Xapian::WritableDatabase w(dir.path.string(), Xapian::DB_OPEN);
      for (int d = 0; d < 400; d += 2) {
        const std::string id = "d" + std::to_string(d), term = schema::term(schema::kDocId, id);
        for (auto p = w.postlist_begin(term); p != w.postlist_end(term); ++p) {
          Xapian::Document old = w.get_document(*p);
          old.add_value(schema::kSlotDocId, id);
          w.replace_document(*p, old);
        }
      }
      w.commit();
      db = Xapian::Database(dir.path.string());
    }
    auto r = search_fostering();
    BOOST_REQUIRE_EQUAL(r->hits.size(), 10u);
    for (const Hit& h : r->hits) {
      // Read the document's passages directly: those whose text says it.
      Xapian::doccount saying = 0;
      const std::string doc = schema::term(schema::kDocId, h.doc_id);
      for (auto p = db.postlist_begin(doc); p != db.postlist_end(doc); ++p)
        if (db.get_document(*p).get_data().find("fostering") != std::string::npos) ++saying;
      BOOST_TEST(h.more_in_document + 1 == saying, h.doc_id << (mixed ? " (mixed keys)" : ""));
    }
  }
}

BOOST_AUTO_TEST_CASE(document_estimate_never_passes_the_documents_indexed) {
  auto r = search_fostering();
  BOOST_TEST(r->total_estimate <= 400u);  // 400 documents; Xapian said 800-1,000
  BOOST_TEST(r->total_estimate >= 300u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(index_without_tiers_is_searched_with_plain_terms) {
  TempDir dir;
  trends_test::build_fixture_index(dir.path.string());
  {
    Xapian::WritableDatabase w(dir.path.string(), Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::kImpactTiersKey), "");
    w.commit();
  }
  Xapian::Database db(dir.path.string());
  BOOST_TEST(!ImpactTiers::of(db).has_value());
  // The searcher then ranks with the plain query; its results stay right.
  Searcher searcher(db);
  SearchRequest req;
  req.query = "recruitment";
  auto result = searcher.search(req);
  BOOST_REQUIRE(result.ok());
  BOOST_REQUIRE(!result->hits.empty());
  BOOST_TEST(result->hits[0].doc_id == "a2020");  // "Recruitment of permanent social workers"
}
