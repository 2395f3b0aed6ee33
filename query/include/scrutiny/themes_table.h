// ThemesTable: how often each theme comes up, year by year — passage counts
// and concern counts per (theme, year), boilerplate excluded, optionally
// restricted by a query and filters (docs/trends.md).
//
// Counting walks posting lists (Y*, XPOL*, XBOILER, XTHEME*) once rather than
// running a query per cell, so a whole table over a million passages takes
// tens of milliseconds; a query or filters cost one extra boolean match.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "scrutiny/query.h"
#include "scrutiny/result.h"
#include "scrutiny/taxonomy.h"

namespace scrutiny {

struct ThemeRow {
  std::string id, label;
  std::map<int, Xapian::doccount> counts;    // year -> passages tagged with the theme
  std::map<int, Xapian::doccount> concerns;  // year -> of those, polarity concern
  Xapian::doccount total = 0;                // all years, undated passages included
  Xapian::doccount total_concerns = 0;
};

struct ThemesTable {
  std::vector<int> years;                    // ascending: years with any counted passage
  std::map<int, Xapian::doccount> passages;  // year -> non-boilerplate passages counted
  Xapian::doccount undated = 0;              // counted passages without a year
  std::vector<ThemeRow> themes;              // one per taxonomy theme, in taxonomy order
};

// The passages a table or trace covers: `query_text` AND `filters`, parsed by
// parse_query. An empty Xapian::Query means every passage.
Result<Xapian::Query> restriction_query(const Xapian::Database& db, const std::string& query_text,
                                        const Filters& filters, const QueryContext& context);

// Counts over the passages matching `restrict` (empty Query: all). Rows are
// `themes` in order, whether or not they occur.
Result<ThemesTable> build_themes_table(const Xapian::Database& db,
                                       const std::vector<ThemeInfo>& themes,
                                       const Xapian::Query& restrict = Xapian::Query());

// Output: JSON {"years": [...], "themes": [{"id", "label", "counts": {"2021": n},
// "concerns": {"2021": n}, "total", "total_concerns"}], "passages": {...}, "undated"};
// CSV one row per (theme, year); text a heat map in 80 columns (`tty`: colour).
nlohmann::json to_json(const ThemesTable& table);
std::string format_csv(const ThemesTable& table);
std::string format_text(const ThemesTable& table, bool tty, size_t width = 80);

}  // namespace scrutiny
