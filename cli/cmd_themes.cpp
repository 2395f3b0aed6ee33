// scrutiny themes: theme x year table of passage and concern counts.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "command.h"
#include "filter_options.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/known_themes.h"
#include "scrutiny/themes_table.h"

namespace scrutiny::cli {
namespace {

struct ThemesArgs {
  std::string db, query, taxonomy, format = "text";
  Filters filters;
};

int run_themes(const ThemesArgs& a) {
  auto db = open_index_for_reading(a.db);
  if (!db) return fail(db.error());
  std::string note;
  const auto themes = known_themes(db.value(), a.taxonomy, &note);
  if (!note.empty()) std::cerr << "scrutiny: note: " << note << "\n";
  QueryContext context;
  context.theme_ids = theme_ids(themes);
  auto restrict = restriction_query(db.value(), a.query, a.filters, context);
  if (!restrict) return fail(restrict.error());
  auto table = build_themes_table(db.value(), themes, restrict.value());
  if (!table) return fail(table.error());
  if (a.format == "json") std::cout << to_json(table.value()).dump(2) << "\n";
  else if (a.format == "csv") std::cout << format_csv(table.value());
  else std::cout << format_text(table.value(), isatty(STDOUT_FILENO));
  return kOk;
}

const CommandRegistration registration(
    "themes", "Theme x year table of passage counts with concern counts",
    [](CLI::App& app) {
      auto args = std::make_shared<ThemesArgs>();
      add_db_option(app, args->db);
      app.add_option("--query,-q", args->query, "Count only passages matching this query");
      add_filter_options(app, args->filters);
      app.add_option("--taxonomy", args->taxonomy, "Taxonomy file for theme ids and labels");
      app.add_option("--format", args->format, "text, json or csv")
          ->check(CLI::IsMember({"text", "json", "csv"}));
      return [args] { return run_themes(*args); };
    });

}  // namespace
}  // namespace scrutiny::cli
