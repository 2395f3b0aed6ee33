// scrutiny classify: tag lines of text from stdin with themes and polarity,
// showing which taxonomy rule matched: the way to check an edit to
// corpus/taxonomy.toml before re-tagging an index.
#include <iostream>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "scrutiny/taxonomy.h"

namespace scrutiny::cli {
namespace {

struct ClassifyArgs {
  std::string format = "json", taxonomy, section, type;
};

nlohmann::json as_json(const std::string& text, const Classification& c) {
  nlohmann::json matches = nlohmann::json::object();
  for (const auto& [id, rules] : c.matches) matches[id] = rules;
  return {{"text", text}, {"themes", c.themes}, {"polarity", to_string(c.polarity)},
          {"matches", matches}, {"boilerplate", c.boilerplate}, {"polarity_cues", c.polarity_cues}};
}

std::string as_text(const std::string& text, const Classification& c) {
  std::string out = fmt::format("{}{}\n  {}\n", c.boilerplate ? "[boilerplate]" : "",
                                c.boilerplate ? "" : fmt::format("[{}]", to_string(c.polarity)), text);
  if (c.themes.empty() && !c.boilerplate) out += "  (no themes)\n";
  for (const auto& [id, rules] : c.matches) out += fmt::format("  {:<22} {}\n", id, fmt::join(rules, ", "));
  if (!c.polarity_cues.empty()) out += fmt::format("  {:<22} {}\n", "(polarity)", fmt::join(c.polarity_cues, ", "));
  return out;
}

int run_classify(const ClassifyArgs& a) {
  if (a.format != "json" && a.format != "text") return fail("--format must be json or text");
  const std::string path = a.taxonomy.empty() ? Taxonomy::default_path() : a.taxonomy;
  auto taxonomy = Taxonomy::load_file(path);
  if (!taxonomy) return fail(taxonomy.error());
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const Classification c = taxonomy->classify(line, a.section, a.type);
    if (a.format == "json") std::cout << as_json(line, c).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    else std::cout << as_text(line, c);
  }
  return kOk;
}

const CommandRegistration registration(
    "classify", "Tag lines from stdin with themes and polarity, showing the rules that matched",
    [](CLI::App& app) {
      auto args = std::make_shared<ClassifyArgs>();
      app.add_option("--format", args->format, "json (one object per line) or text")->check(CLI::IsMember({"json", "text"}));
      app.add_option("--taxonomy", args->taxonomy, "Taxonomy file (default: " + Taxonomy::default_path() + ")");
      app.add_option("--section", args->section, "Heading the lines sit under (informs polarity and boilerplate)");
      app.add_option("--type", args->type, "Document type, e.g. ofsted_report (enables type-specific section cues)");
      return [args] { return run_classify(*args); };
    });

}  // namespace
}  // namespace scrutiny::cli
