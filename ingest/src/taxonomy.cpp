// Taxonomy: loading corpus/taxonomy.toml and tagging documents. Matching
// itself is in taxonomy_match.cpp, the file format in taxonomy_compile.cpp.
#include "scrutiny/taxonomy.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scrutiny/install_path.h"
#include "taxonomy_rules.h"

namespace scrutiny {

Result<Taxonomy> Taxonomy::parse(std::string_view text, const std::string& origin) {
  auto compiled = compile_taxonomy(text, origin);
  if (!compiled) return Error{compiled.error()};
  Taxonomy t;
  t.themes_ = std::move(compiled.value().first);
  t.rules_ = std::make_shared<const Rules>(std::move(compiled.value().second));
  return t;
}

Result<Taxonomy> Taxonomy::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path + ": cannot open taxonomy file"};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error{path + ": cannot read taxonomy file"};
  return parse(text.str(), path);
}

std::string Taxonomy::default_path() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("SCRUTINY_TAXONOMY"); env && *env) return env;
  std::error_code ec;
  const fs::path installed = beside_executable("../share/scrutiny/taxonomy.toml");
  if (!installed.empty() && fs::exists(installed, ec)) return installed.string();
#ifdef SCRUTINY_SOURCE_DIR
  const fs::path source = fs::path(SCRUTINY_SOURCE_DIR) / "corpus" / "taxonomy.toml";
  if (fs::exists(source, ec)) return source.string();
#endif
  return "corpus/taxonomy.toml";
}

bool Taxonomy::has_theme(std::string_view id) const {
  for (const auto& t : themes_)
    if (t.id == id) return true;
  return false;
}

const std::string& Taxonomy::description(std::string_view id) const {
  static const std::string none;
  for (std::size_t i = 0; i < themes_.size(); ++i)
    if (themes_[i].id == id) return rules_->themes[i].description;
  return none;
}

Classification Taxonomy::classify(std::string_view text, std::string_view section) const {
  return classify(text, section, {});
}

void Taxonomy::classify_document(Document& doc) const {
  for (Passage& p : doc.passages) {
    Classification c;
    if (!p.boilerplate) c = classify(p.text, p.section, doc.type);
    p.boilerplate = p.boilerplate || c.boilerplate;
    p.themes = std::move(c.themes);
    p.polarity = c.polarity;
    p.matches = std::move(c.matches);
  }
}

}  // namespace scrutiny
