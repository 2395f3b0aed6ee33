// scrutiny trace THEME: every finding on one theme in date order, by year.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "command.h"
#include "filter_options.h"
#include "scrutiny/known_themes.h"
#include "scrutiny/read_index.h"
#include "scrutiny/themes_table.h"
#include "scrutiny/trace.h"

namespace scrutiny::cli {
namespace {

struct TraceArgs {
  std::string db, theme, query, taxonomy, format = "text";
  Filters filters;
};

int run_trace(const TraceArgs& a) {
  std::string note;
  const auto trace = read_index_value<Trace>(a.db, [&](const Xapian::Database& db) -> Result<Trace> {
    const auto themes = known_themes(db, a.taxonomy, &note);
    auto info = std::find_if(themes.begin(), themes.end(), [&](const ThemeInfo& t) { return t.id == a.theme; });
    QueryContext context;
    context.theme_ids = theme_ids(themes);
    auto restrict = restriction_query(db, a.query, a.filters, context);
    if (!restrict) return Error{restrict.error()};
    return trace_theme(db, a.theme, info == themes.end() ? "" : info->label, restrict.value(), context.theme_ids);
  });
  if (!note.empty()) std::cerr << "scrutiny: note: " << note << "\n";
  if (!trace) return fail(trace.error());
  if (a.format == "json") std::cout << to_json(trace.value()).dump(2) << "\n";
  else if (a.format == "csv") std::cout << format_csv(trace.value());
  else std::cout << format_text(trace.value(), isatty(STDOUT_FILENO));
  return kOk;
}

const CommandRegistration registration(
    "trace", "Every finding on one theme in date order, grouped by year, with a recurrence verdict",
    [](CLI::App& app) {
      auto args = std::make_shared<TraceArgs>();
      app.add_option("theme", args->theme, "Theme id (see scrutiny themes)")->required();
      add_db_option(app, args->db);
      app.add_option("--query,-q", args->query, "Only findings that also match this query");
      add_filter_options(app, args->filters);
      app.add_option("--taxonomy", args->taxonomy, "Taxonomy file for theme ids and labels");
      app.add_option("--format", args->format, "text, json or csv")
          ->check(CLI::IsMember({"text", "json", "csv"}));
      return [args] { return run_trace(*args); };
    });

}  // namespace
}  // namespace scrutiny::cli
