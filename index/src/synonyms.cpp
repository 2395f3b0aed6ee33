#include "scrutiny/synonyms.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <xxhash.h>

#include "scrutiny/install_path.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

// Lower-case ASCII, runs of whitespace folded to one space, trimmed.
std::string canonical(std::string_view s) {
  std::string out;
  bool space = false;
  for (unsigned char c : s) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

size_t word_count(const std::string& s) {
  return s.empty() ? 0 : 1 + static_cast<size_t>(std::count(s.begin(), s.end(), ' '));
}

std::string digest(const std::vector<std::vector<std::string>>& groups) {
  std::string all;
  for (const auto& g : groups) {
    for (const auto& e : g) all += e + '=';
    all += '\n';
  }
  return fmt::format("{:016x}", XXH3_64bits(all.data(), all.size()));
}

}  // namespace

Result<Synonyms> Synonyms::parse(std::string_view text, const std::string& origin) {
  Synonyms out;
  std::istringstream in{std::string(text)};
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    if (canonical(line).empty()) continue;
    std::vector<std::string> group;
    std::stringstream parts(line);
    std::string part;
    while (std::getline(parts, part, '=')) {
      std::string entry = canonical(part);
      if (entry.empty()) return Error{origin + ":" + std::to_string(line_no) + ": empty synonym entry"};
      if (entry.find('"') != std::string::npos)
        return Error{origin + ":" + std::to_string(line_no) + ": quotes are not allowed in synonyms"};
      if (out.find(entry) >= 0)
        return Error{origin + ":" + std::to_string(line_no) + ": '" + entry + "' is already in another group"};
      group.push_back(entry);
    }
    if (group.size() < 2)
      return Error{origin + ":" + std::to_string(line_no) + ": a group needs two or more entries separated by '='"};
    for (const auto& e : group) out.max_words_ = std::max(out.max_words_, word_count(e));
    out.groups_.push_back(std::move(group));
  }
  out.fingerprint_ = digest(out.groups_);
  return out;
}

Result<Synonyms> Synonyms::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read synonyms file " + path};
  std::stringstream buf;
  buf << in.rdbuf();
  return parse(buf.str(), path);
}

std::string Synonyms::default_path() {
  if (const char* env = std::getenv("SCRUTINY_SYNONYMS"); env && *env) return env;
  std::error_code ec;
  const fs::path installed = beside_executable("../share/scrutiny/synonyms.conf");
  if (!installed.empty() && fs::exists(installed, ec)) return installed.string();
#ifdef SCRUTINY_SOURCE_DIR
  return std::string(SCRUTINY_SOURCE_DIR) + "/corpus/synonyms.conf";
#else
  return "corpus/synonyms.conf";
#endif
}

const Synonyms& Synonyms::default_set() {
  static const Synonyms set = [] {
    auto loaded = load_file(default_path());
    if (!loaded) loaded = parse("", "");  // no file: no groups
    return std::move(loaded).value();
  }();
  return set;
}

int Synonyms::find(std::string_view phrase) const {
  const std::string key = canonical(phrase);
  for (size_t g = 0; g < groups_.size(); ++g)
    for (const auto& e : groups_[g])
      if (e == key) return static_cast<int>(g);
  return -1;
}

}  // namespace scrutiny
