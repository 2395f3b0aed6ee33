#include "scrutiny/known_themes.h"

#include "scrutiny/query.h"

namespace scrutiny {

std::vector<ThemeInfo> known_themes(const Xapian::Database& db, const std::string& taxonomy_path,
                                    std::string* note) {
  auto taxonomy = Taxonomy::load_file(taxonomy_path.empty() ? Taxonomy::default_path() : taxonomy_path);
  if (taxonomy) return taxonomy->themes();
  if (note) *note = "taxonomy not loaded (" + taxonomy.error() + "); using the theme ids in the index";
  std::vector<ThemeInfo> out;
  for (const auto& id : index_theme_ids(db)) out.push_back({id, id, ""});
  return out;
}

std::vector<std::string> theme_ids(const std::vector<ThemeInfo>& themes) {
  std::vector<std::string> out;
  for (const auto& t : themes) out.push_back(t.id);
  return out;
}

}  // namespace scrutiny
