// ASCII case folding for pattern prefilters and keys. Internal to ingest.
#pragma once

#include <string>
#include <string_view>

namespace scrutiny {

// Lower-cases ASCII letters; other bytes (UTF-8 included) unchanged, so
// offsets and lengths match the input's.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace scrutiny
