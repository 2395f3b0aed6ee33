// scrutiny themes: theme x year table of passage and concern counts.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "command.h"
#include "filter_options.h"
#include "scrutiny/known_themes.h"
#include "scrutiny/read_index.h"
#include "scrutiny/themes_table.h"

namespace scrutiny::cli {
namespace {

struct ThemesArgs {
  std::string db, query, taxonomy, format = "text";
  Filters filters;
};

int run_themes(const ThemesArgs& a) {
  std::string note;
  const auto table = read_index_value<ThemesTable>(a.db, [&](const Xapian::Database& db) -> Result<ThemesTable> {
    const auto themes = known_themes(db, a.taxonomy, &note);
    QueryContext context;
    context.theme_ids = theme_ids(themes);
    auto restrict = restriction_query(db, a.query, a.filters, context);
    if (!restrict) return Error{restrict.error()};
    return build_themes_table(db, themes, restrict.value());
  });
  if (!note.empty()) std::cerr << "scrutiny: note: " << note << "\n";
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
