// Trace: every finding on one theme in date order, grouped by year, with
// concern and strength counts and a recurrence verdict — a theme is
// recurring when it is raised as a concern in two or more distinct years
// (docs/trends.md). Boilerplate passages are never findings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "scrutiny/result.h"

namespace scrutiny {

struct Finding {
  std::string doc_id, source, title, type, section, polarity, text;
  std::optional<std::string> date;  // ISO
  std::optional<int> year;
  int page = 0;                     // 0: unpaged source
};

struct TraceYear {
  std::optional<int> year;  // nullopt: undated documents (listed last)
  size_t count = 0, concerns = 0, strengths = 0;
  std::vector<Finding> findings;  // date order, then source, page, passage
};

struct Trace {
  std::string theme, label;
  bool recurring = false;
  std::vector<int> concern_years;  // distinct years with a concern, ascending
  std::vector<TraceYear> years;
  size_t count() const;
};

// Error "unknown theme 'x' (did you mean: a, b, c?)" when `theme` is not in
// `valid_ids` (empty: the theme ids in the index).
Result<Trace> trace_theme(const Xapian::Database& db, const std::string& theme,
                          const std::string& label, const Xapian::Query& restrict = Xapian::Query(),
                          const std::vector<std::string>& valid_ids = {});

// JSON {"theme", "label", "recurring", "concern_years", "years": [{"year",
// "count", "concerns", "strengths", "findings": [{"source", "title", "date",
// "page", "polarity", "text", ...}]}]}; CSV one row per finding; text a
// timeline in `width` columns (`tty`: colour).
nlohmann::json to_json(const Trace& trace);
std::string format_csv(const Trace& trace);
std::string format_text(const Trace& trace, bool tty, size_t width = 80);

}  // namespace scrutiny
