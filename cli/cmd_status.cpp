// scrutiny status [--db DIR] [--format text|json]: the index at a glance.
#include <iostream>

#include "command.h"
#include "scrutiny/index_status.h"

namespace scrutiny::cli {
namespace {

struct StatusArgs {
  std::string db;
  std::string format = "text";
};

const CommandRegistration kStatus{
    "status", "Show the index: documents, passages, years, the last ingest run and failures",
    [](CLI::App& app) {
      auto args = std::make_shared<StatusArgs>();
      add_db_option(app, args->db);
      app.add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
      return [args]() {
        Result<nlohmann::json> status = index_status(args->db);
        if (!status.ok()) return fail(status.error());
        if (args->format == "json") std::cout << status->dump(2) << "\n";
        else std::cout << format_status(status.value());
        return static_cast<int>(kOk);
      };
    }};

}  // namespace
}  // namespace scrutiny::cli
