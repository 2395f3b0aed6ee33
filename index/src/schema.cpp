#include "scrutiny/schema.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace scrutiny::schema {

std::string slug(std::string_view text) {
  std::string out;
  bool pending_sep = false;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      if (pending_sep && !out.empty()) out += '_';
      pending_sep = false;
      out += static_cast<char>(std::tolower(c));
    } else if (c != '\'') {
      pending_sep = true;
    }
  }
  return out;
}

namespace {

// FNV-1a: stable across runs, machines and builds (it is stored in the index).
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

bool older_schema(std::string_view version) {
  if (version.empty()) return false;
  return std::strtol(std::string(version).c_str(), nullptr, 10) <
         std::strtol(std::string(kSchemaVersion).c_str(), nullptr, 10);
}

std::string collapse_key(std::string_view doc_id) {
  std::uint64_t h = fnv1a(doc_id);
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, h >>= 8) key[static_cast<size_t>(i)] = static_cast<char>(h & 0xff);
  return key;
}

std::string term(std::string_view prefix, std::string_view value) {
  // Xapian's limit is 245 bytes per term; keep well clear and stay unique.
  constexpr size_t kMax = 200;
  std::string t(prefix);
  if (value.size() + prefix.size() <= kMax) {
    t += value;
    return t;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(value)));
  t.append(value.substr(0, kMax - prefix.size() - 17));
  t += '#';
  t += hex;
  return t;
}

std::string pack_facets(const FacetFields& f) {
  std::string out;
  for (const std::string* field : {&f.year, &f.type, &f.body, &f.polarity, &f.authority, &f.judgement}) {
    out += *field;
    out += '\x1f';
  }
  out += f.themes;
  return out;
}

FacetViews unpack_facets(std::string_view packed) {
  FacetViews v;
  for (std::string_view* field : {&v.year, &v.type, &v.body, &v.polarity, &v.authority, &v.judgement}) {
    const size_t end = packed.find('\x1f');
    if (end == std::string_view::npos) {
      *field = packed;
      return v;
    }
    *field = packed.substr(0, end);
    packed.remove_prefix(end + 1);
  }
  v.themes = packed;
  return v;
}

}  // namespace scrutiny::schema
