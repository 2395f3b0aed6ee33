// Where an installed file lives relative to the running executable: the
// taxonomy, the synonyms and the PDF extractor module sit under the
// executable's `..` (bin/scrutiny -> share/scrutiny/..., lib/scrutiny/...),
// wherever the tree was installed or built.
#pragma once

#include <filesystem>
#include <string_view>

namespace scrutiny {

// The executable's directory joined with `relative`, lexically normal
// (e.g. "../share/scrutiny/taxonomy.toml"); empty when /proc/self/exe
// cannot be read.
std::filesystem::path beside_executable(std::string_view relative);

}  // namespace scrutiny
