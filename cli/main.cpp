// scrutiny: one binary, subcommands registered by cmd_*.cpp.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <vector>

#include <xapian.h>

#include "command.h"

namespace scrutiny::cli {
namespace {

struct Entry {
  std::string name, description;
  Setup setup;
};

std::vector<Entry>& registry() {
  static std::vector<Entry> entries;
  return entries;
}

}  // namespace

CommandRegistration::CommandRegistration(std::string name, std::string description, Setup setup) {
  registry().push_back({std::move(name), std::move(description), std::move(setup)});
}

int fail(const std::string& message, int code) {
  std::cerr << "scrutiny: " << message << "\n";
  return code;
}

void add_synonyms_option(CLI::App& app, std::string& path) {
  app.add_option("--synonyms", path, "Synonyms file (default: " + Synonyms::default_path() + ")");
}

Result<Synonyms> load_synonyms(const std::string& path) {
  if (!path.empty()) return Synonyms::load_file(path);
  const std::string fallback = Synonyms::default_path();
  std::error_code ec;
  if (!std::filesystem::exists(fallback, ec)) return Synonyms::parse("", fallback);
  return Synonyms::load_file(fallback);
}

std::string default_db_path() {
  if (const char* env = std::getenv("SCRUTINY_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::string(xdg) + "/scrutiny/index";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.local/share/scrutiny/index";
  return ".scrutiny-index";
}

void add_db_option(CLI::App& app, std::string& db) {
  db = default_db_path();
  app.add_option("--db", db, "Index directory (default: $SCRUTINY_DB, else ~/.local/share/scrutiny/index)");
}

}  // namespace scrutiny::cli

int main(int argc, char** argv) {
  using namespace scrutiny::cli;
  CLI::App app{"scrutiny: search findings in children's services documents across years"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "scrutiny 0.1.0");
  std::vector<std::function<int()>> runners;
  std::vector<CLI::App*> subs;
  for (auto& e : registry()) {
    CLI::App* sub = app.add_subcommand(e.name, e.description);
    runners.push_back(e.setup(*sub));
    subs.push_back(sub);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "scrutiny: " << e.what() << " (see scrutiny --help)\n";
    return kUsage;
  }
  try {
    for (size_t i = 0; i < subs.size(); ++i)
      if (subs[i]->parsed()) return runners[i]();
  } catch (const std::exception& e) {
    std::cerr << "scrutiny: fatal: " << e.what() << "\n";
    return kUsage;
  } catch (const Xapian::Error& e) {  // not a std::exception; the stages catch theirs, this is the last guard
    std::cerr << "scrutiny: fatal: " << e.get_type() << ": " << e.get_msg() << "\n";
    return kUsage;
  }
  return kUsage;
}
