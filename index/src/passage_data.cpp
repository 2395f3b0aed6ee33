// passage_data(): each passage's stored JSON, written directly. Building an
// nlohmann::json object per passage (a std::map of nine keys) and dumping it
// was a tenth of the worker's passage building on the Ofsted reports. The
// bytes are the same as nlohmann::json::dump() gives for that object
// (tests/index/passage_data_test.cpp): keys sorted, no spaces, UTF-8 kept.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "scrutiny/passage_builder.h"

namespace scrutiny {
namespace {

// The length of the well-formed UTF-8 sequence at s[i] (Unicode table 3-7,
// which nlohmann's decoder accepts exactly), or 0.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(k) >= lo && at(k) <= hi; };
  const unsigned c = at(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c >= 0xE1 && c <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t start = out.size();
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = utf8_sequence(s, i);
      if (n == 0) {  // not UTF-8: let nlohmann say so, as it always has
        out.resize(start);
        out += nlohmann::json(std::string(s)).dump();
        return;
      }
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void append_strings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_string(out, items[i]);
  }
  out += ']';
}

}  // namespace

std::string passage_data(const Document& doc, const Passage& p, size_t index) {
  // The document's own fields are in its "doc:" record (schema.h). Keys in
  // byte order, as nlohmann's std::map keeps them.
  std::string out;
  out.reserve(p.text.size() + p.section.size() + 160);
  out += "{\"boilerplate\":";
  out += p.boilerplate ? "true" : "false";
  out += ",\"doc_id\":";
  append_string(out, doc.doc_id);
  out += ",\"matches\":{";
  bool first = true;
  for (const auto& [theme, rules] : p.matches) {
    if (!std::exchange(first, false)) out += ',';
    append_string(out, theme);
    out += ':';
    append_strings(out, rules);
  }
  out += "},\"page\":";
  out += std::to_string(p.page);
  out += ",\"passage\":";
  out += std::to_string(index);
  out += ",\"polarity\":";
  append_string(out, to_string(p.polarity));
  out += ",\"section\":";
  append_string(out, p.section);
  out += ",\"text\":";
  append_string(out, p.text);
  out += ",\"themes\":";
  append_strings(out, p.themes);
  out += '}';
  return out;
}

}  // namespace scrutiny
