// query_bench: query latency of the query library, the database opened once.
// Runs the fixed query set (bench/data/queries.tsv: kind, query, search flags)
// once to warm the cache, then `--repeat` timed passes, and prints per kind
// the latency percentiles in milliseconds:
//   kind  n  p50  p95  p99  max  mean
// "top10" groups every query without facets, "facets" those with counted facets.
//
//   query_bench --db DIR [--queries FILE] [--repeat N] [--all-passages 1]
//                                 (--all-passages 1: no collapse to one hit per document;
//                                  --spelling 0: no "did you mean" lookup;
//                                  --synonyms 0: no synonym expansion;
//                                  --concept-terms 0: synonym groups expanded into
//                                  their entries even where the index's XSYN terms
//                                  are current (A/B of synonym_terms.h);
//                                  --impact-tiers 0: every posting of a common
//                                  stem read (A/B of impact_tiers.h);
//                                  --more-in-document 0: Xapian's collapse
//                                  counts, no exact counting pass;
//                                  --each 1: every timed query's ms, kind, query and
//                                  flags on stderr, to find the slow ones;
//                                  --exact-facets 1: count every match's facets
//                                  however large the result (no sampled estimates);
//                                  --timelines 1: also run each one-word query
//                                  ("word" and "filtered" of one word) as a
//                                  timeline (by year, 3 hits a year): kind "timeline";
//                                  --ranks 1: after the warm-up pass, each query's
//                                  hits on stderr, one line per query:
//                                  kind, query, flags, then doc_id:page:text-hash:words
//                                  per hit, to compare two rankings)
//   query_bench --omega DIR ...   the same query words through a plain Xapian
//                                 QueryParser + Enquire (what Omega's quest does)
//                                 on omindex's database, without filters or facets.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "query_set.h"
#include "scrutiny/search.h"
#include "scrutiny/synonyms.h"

namespace {

using bench::BenchQuery;
using bench::load_queries;
using bench::parse_flags;
using bench::report;

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// One line per query on stderr: kind, query, flags, then each hit as
// doc_id:page:hash of its text:words (a passage's identity across two runs,
// and its length).
void print_ranks(const BenchQuery& q, const scrutiny::SearchResult& result) {
  std::string line = q.kind + "\t" + q.text + "\t" + q.flags;
  for (const auto& hit : result.hits)
    line += "\t" + hit.doc_id + ":" + std::to_string(hit.page) + ":" +
            std::to_string(std::hash<std::string>{}(hit.text) % 1000000007) + ":" +
            std::to_string(std::count(hit.text.begin(), hit.text.end(), ' ') + 1);
  std::fprintf(stderr, "%s\n", line.c_str());
}

struct OurOptions {
  bool all_passages = false, spelling = true, synonyms = true, concept_terms = true, impact_tiers = true, each = false;
  bool ranks = false, exact_facets = false, exact_more = true, timelines = false;
};

// The queries run: the set, plus with --timelines 1 each one-word query
// again as kind "timeline".
std::vector<BenchQuery> with_timelines(std::vector<BenchQuery> queries) {
  const size_t n = queries.size();
  for (size_t i = 0; i < n; ++i) {
    const BenchQuery& q = queries[i];
    if ((q.kind == "word" || q.kind == "filtered") && q.text.find_first_of(" \"") == std::string::npos)
      queries.push_back({"timeline", q.text, q.flags});
  }
  return queries;
}

int run_ours(const std::string& db, const std::vector<BenchQuery>& queries, int repeat, const OurOptions& opt) {
  scrutiny::QueryContext context;
  context.spelling = opt.spelling;
  context.concept_terms = opt.concept_terms;
  context.impact_tiers = opt.impact_tiers;
  if (opt.synonyms) context.synonyms = &scrutiny::Synonyms::default_set();
  auto searcher = scrutiny::Searcher::open(db, context);
  if (!searcher) {
    std::cerr << "query_bench: " << searcher.error() << "\n";
    return 2;
  }
  std::map<std::string, std::vector<double>> times;
  int failures = 0;
  for (int pass = 0; pass <= repeat; ++pass) {
    for (const auto& q : queries) {
      scrutiny::SearchRequest request;
      request.query = q.text;
      request.filters = parse_flags(q.flags);
      request.facets = q.kind == "facets";
      request.by_year = q.kind == "timeline";
      request.all_passages = opt.all_passages;
      if (opt.exact_facets) request.exact_facets_up_to = 0;
      request.exact_more_in_document = opt.exact_more;
      const auto start = Clock::now();
      auto result = searcher->search(request);
      const double ms = ms_since(start);
      if (!result) {
        if (pass == 0) std::cerr << "query_bench: " << q.text << " " << q.flags << ": " << result.error() << "\n";
        ++failures;
        continue;
      }
      if (pass == 0 && opt.ranks) print_ranks(q, result.value());
      if (pass == 0) continue;  // warm-up
      if (opt.each) std::fprintf(stderr, "%.3f\t%s\t%s\t%s\n", ms, q.kind.c_str(), q.text.c_str(), q.flags.c_str());
      times[q.kind].push_back(ms);
      if (!request.facets && !request.by_year) times["top10"].push_back(ms);
    }
  }
  report(times);
  return failures == 0 ? 0 : 1;
}

int run_omega(const std::string& db_dir, const std::vector<BenchQuery>& queries, int repeat) {
  try {
    Xapian::Database db(db_dir);
    Xapian::Stem stemmer("english");
    std::map<std::string, std::vector<double>> times;
    for (int pass = 0; pass <= repeat; ++pass) {
      for (const auto& q : queries) {
        const auto start = Clock::now();
        Xapian::QueryParser parser;
        parser.set_database(db);
        parser.set_stemmer(stemmer);
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        Xapian::Enquire enquire(db);
        enquire.set_query(parser.parse_query(q.text, Xapian::QueryParser::FLAG_DEFAULT));
        Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) (void)it.get_document().get_data();
        const double ms = ms_since(start);
        if (pass == 0) continue;
        if (q.kind == "facets") continue;  // Omega has no facet counts: words only
        times[q.kind].push_back(ms);
        times["top10"].push_back(ms);
      }
    }
    report(times);
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "query_bench: " << e.get_description() << "\n";
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, omega, queries_path = std::string(BENCH_DATA_DIR) + "/queries.tsv";
  int repeat = 3;
  OurOptions opt;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--db") db = v;
    else if (a == "--omega") omega = v;
    else if (a == "--queries") queries_path = v;
    else if (a == "--repeat") repeat = std::atoi(v.c_str());
    else if (a == "--all-passages") opt.all_passages = v == "1";
    else if (a == "--spelling") opt.spelling = v != "0";
    else if (a == "--each") opt.each = v != "0";
    else if (a == "--synonyms") opt.synonyms = v != "0";
    else if (a == "--concept-terms") opt.concept_terms = v != "0";
    else if (a == "--impact-tiers") opt.impact_tiers = v != "0";
    else if (a == "--ranks") opt.ranks = v != "0";
    else if (a == "--exact-facets") opt.exact_facets = v != "0";
    else if (a == "--more-in-document") opt.exact_more = v != "0";
    else if (a == "--timelines") opt.timelines = v != "0";
  }
  auto queries = load_queries(queries_path);
  if (queries.empty() || (db.empty() && omega.empty())) {
    std::cerr << "usage: query_bench (--db DIR | --omega DIR) [--queries FILE] [--repeat N]\n";
    return 2;
  }
  return omega.empty() ? run_ours(db, opt.timelines ? with_timelines(queries) : queries, repeat, opt) : run_omega(omega, queries, repeat);
}
