// Search: runs a query against the index and returns passage hits with
// snippets, facet counts and an optional by-year timeline (docs/query.md).
// The Searcher opens the database once; each search() is independent.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "scrutiny/impact_tiers.h"
#include "scrutiny/length_norm.h"
#include "scrutiny/query.h"
#include "scrutiny/result.h"

namespace scrutiny {

enum class SortOrder { relevance, date };

struct SearchRequest {
  std::string query;
  Filters filters;
  size_t limit = 10;
  size_t offset = 0;
  bool all_passages = false;  // else the best passage per document
  SortOrder sort = SortOrder::relevance;
  bool by_year = false;       // timeline: per year its count and best hits
  size_t hits_per_year = 3;
  bool facets = false;
  // Facets of a query estimated to match more passages than this are counted
  // on a sample of about facet_sample of them (one passage in k, chosen by a
  // hash of its id, counts multiplied by k) and marked as estimates; 0 counts
  // every match.
  // The timeline (by_year) is always counted exactly.
  Xapian::doccount exact_facets_up_to = 50000;
  Xapian::doccount facet_sample = 20000;
  // Count each shown document's other matching passages exactly (one extra
  // unweighted pass); false keeps Xapian's collapse count, a lower bound.
  bool exact_more_in_document = true;
};

struct Hit {
  std::string doc_id, source, title, type, body, section, text, polarity;
  std::optional<std::string> date;
  std::optional<int> year;
  int page = 0;
  std::vector<std::string> themes;
  // Highlighted terms are wrapped in kHighlightStart/kHighlightEnd; format
  // helpers turn them into bold, [brackets] or plain text.
  std::string snippet;
  double score = 0;
  Xapian::doccount more_in_document = 0;  // other matching passages of its document (collapsed results; exact)
};

inline constexpr const char* kHighlightStart = "\x02";
inline constexpr const char* kHighlightEnd = "\x03";

struct YearGroup {
  std::optional<int> year;  // nullopt: undated documents
  Xapian::doccount count = 0;
  std::vector<Hit> hits;
};

// facet name ("theme", "year", "type", "body", "polarity") -> value -> passages
using Facets = std::map<std::string, std::map<std::string, Xapian::doccount>>;

struct SearchResult {
  std::string query;
  // Documents when collapsed (Xapian's estimate, never above the index's
  // document count), else passages; exact for small results.
  Xapian::doccount total_estimate = 0;
  bool collapsed = true;                 // best passage per document
  std::vector<Hit> hits;
  std::string spelling_suggestion;
  std::optional<Facets> facets;
  // 1: facets count every match. k > 1: they were counted on a sample of
  // one passage in k and multiplied by k, so they are estimates.
  Xapian::doccount facets_one_in = 1;
  std::optional<std::vector<YearGroup>> by_year;
};

class Searcher {
 public:
  // Error "no index at DIR (run scrutiny ingest first)" when missing, or
  // "cannot read index at DIR: ..." when its metadata cannot be read.
  static Result<Searcher> open(const std::string& dir, QueryContext context = {});
  // Reads the index's metadata: throws Xapian::Error on a damaged index.
  explicit Searcher(Xapian::Database db, QueryContext context = {});

  // When an ingest's commits discard the revision being read, reopens the
  // index and searches again (read_index.h), up to kReadAttempts times.
  Result<SearchResult> search(const SearchRequest& request);
  const Xapian::Database& database() const { return db_; }

 private:
  Result<SearchResult> search_once(const SearchRequest& request);
  // Source documents in the index (its XDOC terms), counted when first needed.
  Xapian::doccount document_count();
  Xapian::Database db_;
  std::string name_ = "the index";  // "index at DIR" when opened by open(), for errors
  QueryContext context_;
  // Fixed when the index is created (length_norm.h, impact_tiers.h): read
  // once, not on every search (each metadata read walks the B-tree).
  std::optional<LengthNorm> norm_;
  std::optional<ImpactTiers> tiers_;
  std::optional<Xapian::doccount> documents_;
};

// Output helpers. JSON keys keep the documented order (docs/query.md).
nlohmann::ordered_json to_json(const SearchResult& result);
std::string format_csv(const SearchResult& result);
// 80-column text; `tty` enables ANSI bold/colour.
std::string format_text(const SearchResult& result, bool tty);
// Replaces highlight markers with `start`/`end`.
std::string render_snippet(const std::string& snippet, const std::string& start,
                           const std::string& end);

}  // namespace scrutiny
