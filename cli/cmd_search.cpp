// scrutiny search: passages matching a query, with filters, facets and a timeline.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "command.h"
#include "filter_options.h"
#include "scrutiny/search.h"
#include "scrutiny/synonyms.h"

namespace scrutiny::cli {
namespace {

struct SearchArgs {
  std::string db, format = "text", sort = "relevance", synonyms;
  std::vector<std::string> words;
  SearchRequest request;
};

int run(const SearchArgs& a) {
  SearchRequest req = a.request;
  // One argument is the query string; with several, an argument holding
  // spaces was quoted in the shell and is meant as a phrase.
  for (const auto& w : a.words) {
    const bool phrase = a.words.size() > 1 && w.find(' ') != std::string::npos && w.find('"') == std::string::npos;
    req.query += (req.query.empty() ? "" : " ") + (phrase ? "\"" + w + "\"" : w);
  }
  req.sort = a.sort == "date" ? SortOrder::date : SortOrder::relevance;

  QueryContext ctx;
  auto synonyms = load_synonyms(a.synonyms);
  if (!synonyms) return fail(synonyms.error());
  ctx.synonyms = &synonyms.value();
  auto searcher = Searcher::open(a.db, ctx);
  if (!searcher) return fail(searcher.error());
  auto result = searcher->search(req);
  if (!result) return fail("query: " + result.error());

  if (a.format == "json")
    std::cout << to_json(result.value()).dump(2) << "\n";
  else if (a.format == "csv")
    std::cout << format_csv(result.value());
  else
    std::cout << format_text(result.value(), isatty(STDOUT_FILENO) == 1);
  return kOk;
}

const CommandRegistration kSearch("search", "Search passages (see docs/query.md for the query language)",
                                  [](CLI::App& app) -> std::function<int()> {
  auto a = std::make_shared<SearchArgs>();
  add_db_option(app, a->db);
  app.add_option("--format", a->format, "Output: text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  app.add_option("--limit", a->request.limit, "Number of results (default 10)");
  app.add_option("--offset", a->request.offset, "Skip this many results first");
  app.add_flag("--all-passages", a->request.all_passages,
               "Every matching passage (default: the best passage per document)");
  app.add_option("--sort", a->sort, "relevance (default) or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}));
  app.add_flag("--by-year", a->request.by_year, "Group results into a timeline by year");
  app.add_option("--per-year", a->request.hits_per_year, "Hits shown per year with --by-year (default 3)");
  app.add_flag("--facets", a->request.facets, "Count matches by theme, year, type, body and polarity");
  app.add_flag_callback("--exact-facets", [a] { a->request.exact_facets_up_to = 0; },
                        "Count facets over every match, even when over 50,000 (default: estimate from a sample)");
  add_synonyms_option(app, a->synonyms);
  add_filter_options(app, a->request.filters);
  app.add_option("query", a->words, "Query words (quote phrases; prefixes such as theme:workforce)");
  return [a] { return run(*a); };
});

}  // namespace
}  // namespace scrutiny::cli
