// Subcommand registration. Each cmd_*.cpp defines one subcommand and registers
// it with a static CommandRegistration, so adding a command touches no other file.
// A command's run function returns the process exit status (see docs/cli.md):
//   0 ok, 1 some inputs failed (work done), 2 usage or fatal error, 3 index locked.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "scrutiny/synonyms.h"

namespace scrutiny::cli {

enum ExitCode { kOk = 0, kSomeFailed = 1, kUsage = 2, kLocked = 3 };

// `setup` adds options to `app` and returns the function to run once parsed.
using Setup = std::function<std::function<int()>(CLI::App& app)>;

struct CommandRegistration {
  CommandRegistration(std::string name, std::string description, Setup setup);
};

// Prints "scrutiny: <message>" to stderr and returns kUsage.
int fail(const std::string& message, int code = kUsage);

// The --db option every index command shares; default from default_db_path().
void add_db_option(CLI::App& app, std::string& db);
std::string default_db_path();

// The --synonyms option of search, ingest and retag, and the file it names,
// or Synonyms::default_path() when empty (no groups if that file is absent).
// Error: the file cannot be read or parsed.
void add_synonyms_option(CLI::App& app, std::string& path);
Result<Synonyms> load_synonyms(const std::string& path);

}  // namespace scrutiny::cli
