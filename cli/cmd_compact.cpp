// scrutiny compact: rewrite the index into full blocks after a large ingest.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "command.h"
#include "scrutiny/compact.h"

namespace scrutiny::cli {
namespace {

struct CompactArgs {
  std::string db;
  double wait = 0;
};

int run_compact(const CompactArgs& a) {
  auto stats = compact_index(a.db, a.wait);
  if (!stats) return fail(stats.error(), stats.error().find("locked") != std::string::npos ? kLocked : kUsage);
  const double mib = 1024.0 * 1024.0;
  std::cout << fmt::format("compacted {} passages: {:.1f} MiB -> {:.1f} MiB in {:.2f} s\n", stats->passages,
                           stats->bytes_before / mib, stats->bytes_after / mib, stats->seconds);
  return kOk;
}

const CommandRegistration registration(
    "compact", "Rewrite the index into full blocks (smaller, as fast or faster to search)",
    [](CLI::App& app) {
      auto args = std::make_shared<CompactArgs>();
      add_db_option(app, args->db);
      app.add_option("--wait", args->wait, "Seconds to wait for an ingest to finish")->check(CLI::NonNegativeNumber);
      return [args] { return run_compact(*args); };
    });

}  // namespace
}  // namespace scrutiny::cli
