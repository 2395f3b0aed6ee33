// scrutiny judgements: each authority's Ofsted inspection history with every
// grade and the movement between inspections (docs/ofsted.md).
#include <iostream>
#include <optional>
#include <vector>

#include "command.h"
#include "scrutiny/judgements.h"
#include "scrutiny/read_index.h"

namespace scrutiny::cli {
namespace {

struct Options {
  std::string db;
  std::string authority;
  std::string format = "text";
};

int run(const Options& o) {
  const auto histories = read_index_value<std::vector<AuthorityHistory>>(
      o.db, [&](const Xapian::Database& db) { return judgement_histories(db, o.authority); });
  if (!histories) return fail(histories.error());
  if (histories->empty() && !o.authority.empty())
    std::cerr << "scrutiny: no Ofsted reports for " << o.authority << " in " << o.db << "\n";
  if (o.format == "json") std::cout << histories_json(histories.value()).dump(2) << "\n";
  else if (o.format == "csv") std::cout << format_histories_csv(histories.value());
  else std::cout << format_histories_text(histories.value());
  return kOk;
}

const CommandRegistration registration{
    "judgements", "Each authority's Ofsted inspection history: grades and movement between inspections",
    [](CLI::App& app) -> std::function<int()> {
      auto o = std::make_shared<Options>();
      add_db_option(app, o->db);
      app.add_option("--authority", o->authority, "Only this authority (e.g. Middlesbrough)");
      app.add_option("--format", o->format, "Output format")
          ->check(CLI::IsMember({"text", "json", "csv"}))
          ->capture_default_str();
      return [o] { return run(*o); };
    }};

}  // namespace
}  // namespace scrutiny::cli
