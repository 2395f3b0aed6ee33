// The theme list that themes/trace report on: the taxonomy's themes (ids and
// labels, in taxonomy order). When the taxonomy cannot be loaded, the theme
// ids found in the index, labelled by id, so an index stays readable.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "scrutiny/taxonomy.h"

namespace scrutiny {

// `taxonomy_path` "" means Taxonomy::default_path(). `note` (may be null)
// receives a one-line reason when the index fallback was used.
std::vector<ThemeInfo> known_themes(const Xapian::Database& db, const std::string& taxonomy_path,
                                    std::string* note);

std::vector<std::string> theme_ids(const std::vector<ThemeInfo>& themes);

}  // namespace scrutiny
