// scrutiny ingest [--db DIR] [options] PATH...: incremental ingest of files and
// directories (docs/ingest.md). Parses options and calls run_ingest.
#include <memory>
#include <optional>

#include "command.h"
#include "scrutiny/batch_ingest.h"
#include "scrutiny/taxonomy.h"

namespace scrutiny::cli {
namespace {

struct IngestArgs {
  IngestRunOptions run;
  std::string taxonomy, synonyms;
};

void add_options(CLI::App& app, IngestArgs& a) {
  IngestRunOptions& o = a.run;
  add_db_option(app, o.db);
  app.add_option("paths", o.paths, "Files and directories (recursed)")->required();
  app.add_option("--jobs,-j", o.jobs, "Parallel extraction workers (default: number of cores)");
  app.add_option("--timeout", o.limits.timeout_seconds, "Seconds allowed per file before it is killed")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--max-memory", o.limits.max_memory_mib, "Memory cap per worker in MiB (0: none)")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app.add_option("--wait", o.wait_seconds, "Seconds to wait for another ingest to finish")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app.add_flag("--prune", o.prune, "Remove documents whose files are gone");
  app.add_option("--prune-max", o.prune_max, "Refuse to prune more than this share of indexed files")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  app.add_flag("--force", o.force, "Prune even above --prune-max");
  app.add_flag("--retry-failed", o.retry_failed, "Retry files that failed before, even if unchanged");
  app.add_option("--manifest", o.manifest, "CSV of metadata per file (path or url, title, date, body, type)");
  app.add_option("--summary", o.summary_path, "Write the run summary as JSON to this file");
  app.add_option("--commit-every", o.commit_every, "Commit after this many changed files")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_flag("--quiet,-q", o.quiet, "No progress or summary line (failures still print)");
  app.add_option("--taxonomy", a.taxonomy, "Theme taxonomy file (default: " + Taxonomy::default_path() + ")");
  add_synonyms_option(app, a.synonyms);
}

const CommandRegistration kIngest{
    "ingest", "Add new and changed files to the index (incremental; safe to re-run)",
    [](CLI::App& app) {
      auto args = std::make_shared<IngestArgs>();
      add_options(app, *args);
      return [args]() {
        const std::string path = args->taxonomy.empty() ? Taxonomy::default_path() : args->taxonomy;
        Result<Taxonomy> taxonomy = Taxonomy::load_file(path);
        if (!taxonomy.ok()) return fail(taxonomy.error());
        auto synonyms = load_synonyms(args->synonyms);
        if (!synonyms) return fail(synonyms.error());
        IngestRunOptions options = args->run;
        options.taxonomy = &taxonomy.value();
        options.synonyms = &synonyms.value();
        IngestRunSummary summary = run_ingest(options);
        if (summary.failure != RunFailure::none) return fail(summary.error, summary.exit_code());
        return summary.exit_code();
      };
    }};

}  // namespace
}  // namespace scrutiny::cli
