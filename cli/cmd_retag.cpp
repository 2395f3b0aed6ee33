// scrutiny retag: re-apply an edited taxonomy to an existing index in place.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "command.h"
#include "scrutiny/retag.h"
#include "scrutiny/taxonomy.h"

namespace scrutiny::cli {
namespace {

struct RetagArgs {
  std::string db, taxonomy, synonyms;
  bool dry_run = false;
};

std::string theme_changes(const RetagStats& s) {
  std::string out;
  std::map<std::string, std::pair<size_t, size_t>> both;
  for (const auto& [id, n] : s.themes_before) both[id].first = n;
  for (const auto& [id, n] : s.themes_after) both[id].second = n;
  for (const auto& [id, n] : both)
    if (n.first != n.second) out += fmt::format("  {:<24} {:>8} -> {}\n", id, n.first, n.second);
  return out;
}

int run_retag(const RetagArgs& a) {
  const std::string path = a.taxonomy.empty() ? Taxonomy::default_path() : a.taxonomy;
  auto taxonomy = Taxonomy::load_file(path);
  if (!taxonomy) return fail(path + ": " + taxonomy.error());
  auto synonyms = load_synonyms(a.synonyms);
  if (!synonyms) return fail(synonyms.error());
  RetagOptions options;
  options.dry_run = a.dry_run;
  options.synonyms = &synonyms.value();
  auto stats = retag_index(a.db, taxonomy.value(), options);
  // Another ingest or retag holds the writer lock: the same exit code as ingest's.
  if (!stats) return fail(stats.error(), stats.error().find("locked") != std::string::npos ? kLocked : kUsage);
  std::cout << fmt::format("{} {} of {} passages ({} documents) in {:.2f} s\n",
                           a.dry_run ? "would retag" : "retagged", stats->changed, stats->passages,
                           stats->documents, stats->seconds);
  if (stats->synonyms_rebuilt)
    std::cout << fmt::format("synonym terms {}: {} passages changed\n",
                             a.dry_run ? "stale, would be rebuilt" : "rebuilt", stats->synonyms_changed);
  if (stats->tiers_added)
    std::cout << fmt::format("impact tiers {}: {} passages changed\n",
                             a.dry_run ? "missing, would be added" : "added", stats->tiers_changed);
  if (auto changes = theme_changes(stats.value()); !changes.empty())
    std::cout << "passages per theme, before -> after:\n" << changes;
  return kOk;
}

const CommandRegistration registration(
    "retag", "Re-apply an edited taxonomy to an existing index without re-reading source files",
    [](CLI::App& app) {
      auto args = std::make_shared<RetagArgs>();
      add_db_option(app, args->db);
      app.add_option("--taxonomy", args->taxonomy, "Taxonomy file (default: corpus/taxonomy.toml)");
      add_synonyms_option(app, args->synonyms);
      app.add_flag("--dry-run,-n", args->dry_run, "Classify and report what would change; write nothing");
      return [args] { return run_retag(*args); };
    });

}  // namespace
}  // namespace scrutiny::cli
