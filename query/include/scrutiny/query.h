// Query building: the user's query language and command-line filters turned
// into one Xapian::Query (docs/query.md).
//
// The language is Xapian::QueryParser's (AND/OR/NOT, brackets, "phrases",
// NEAR, trailing wildcards) with our boolean prefixes (theme:, year:, type:,
// body:, judgement:, visit:, polarity:, authority:, framework:, per-area
// grades leaders: help_and_protection: in_care: care_leavers:), ranges
// year:2020..2023 and date:2021-01-01..2021-12-31, and domain synonyms from
// corpus/synonyms.conf expanded both ways. Bad queries come back as an Error
// whose message is one line ("unknown prefix 'foo:' ...").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "scrutiny/result.h"

namespace scrutiny {

class Synonyms;

// Command-line style filters. Each one restricts every result and count.
struct Filters {
  std::vector<std::string> themes;  // theme ids; several = any of them
  std::optional<int> year_from, year_to;  // document years, inclusive; either end may be open
  std::string from, to;             // ISO date "2021-03-08", "2021-03" or bare year "2021"
  std::string type;                 // type id (THEMES.md)
  std::string body;                 // committee/board name, any case ("Executive")
  std::string polarity;             // strength | concern | neutral
  std::string authority;            // any case ("Middlesbrough Council")
  std::string judgement;            // overall judgement id
  std::string visit;                // visit id

  bool empty() const;
};

struct QueryContext {
  // Synonym groups; null: none.
  const Synonyms* synonyms = nullptr;
  // Valid theme ids for checking theme:/--theme values; empty: the theme ids
  // present in the index.
  std::vector<std::string> theme_ids;
  // Offer a "did you mean" from the index's spelling data.
  bool spelling = true;
  // Search a synonym group as its XSYN term when the index's are current;
  // false always expands it into its entries (same matches; for A/B timing).
  bool concept_terms = true;
  // Searcher: rank a one-word search through the index's impact tiers
  // (impact_tiers.h) when it has them; false reads every posting (same hits;
  // for A/B timing).
  bool impact_tiers = true;
};

struct ParsedQuery {
  Xapian::Query query;              // the text query AND the filters
  Xapian::Query highlight;          // the text query's words, synonym groups as their entries
  std::string spelling_suggestion;  // corrected query string, "" when none
  bool match_all = false;           // no search words: every passage the filters allow
};

// Parses `query_text` (normalised like indexed text first) and applies
// `filters`. Errors: unbalanced quotes, unknown prefix, unknown theme or
// vocabulary value (with the nearest valid ids), malformed or reversed range,
// empty query without filters.
Result<ParsedQuery> parse_query(const Xapian::Database& db, const std::string& query_text,
                                const Filters& filters, const QueryContext& context);

// True when the index's XSYN terms were built from `synonyms`, so a synonym
// group can be searched as one term (synonym_terms.h).
bool synonym_terms_current(const Xapian::Database& db, const Synonyms& synonyms);

// Shorthand for callers that need only the query: synonyms from the default
// file (loaded once), theme ids from the index, no spelling.
Result<Xapian::Query> build_query(const Xapian::Database& db, const std::string& query_text,
                                  const Filters& filters);

// The filters alone as a boolean query; Query() (empty) when there are none.
Result<Xapian::Query> filter_query(const Xapian::Database& db, const Filters& filters,
                                   const QueryContext& context);

// ISO date, "YYYY-MM" or bare year to "YYYYMMDD"; `end` picks the last day of
// a month or year. nullopt when malformed.
std::optional<std::string> date_bound(const std::string& text, bool end);

// Theme ids in the index (its XTHEME terms), sorted.
std::vector<std::string> index_theme_ids(const Xapian::Database& db);

// Up to `n` entries of `candidates` nearest to `word` by edit distance.
std::vector<std::string> nearest(const std::string& word, const std::vector<std::string>& candidates,
                                 size_t n = 3);

}  // namespace scrutiny
