#include "taxonomy_tokens.h"

#include <xapian.h>

#include <algorithm>
#include <unordered_map>

namespace scrutiny::taxonomy_text {
namespace {

bool ascii_word(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// Length of the UTF-8 sequence starting with lead byte `c`.
std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

// Non-ASCII characters that separate words: Latin-1 punctuation and spaces
// (U+0080-U+00BF), general punctuation (U+2000-U+206F: dashes, quotes,
// bullets), geometric-shape bullets (U+25A0-U+25FF), the byte-order mark and
// the private-use bullet Word emits (U+F0B7). Everything else (letters such as
// "é") belongs to a word.
bool non_ascii_separator(std::string_view ch) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(ch[i]); };
  if (ch.size() == 2) return b(0) == 0xC2 || (b(0) == 0xC3 && (b(1) == 0x97 || b(1) == 0xB7));
  if (ch.size() == 3) {
    if (b(0) == 0xE2 && (b(1) == 0x80 || b(1) == 0x81)) return true;
    if (b(0) == 0xE2 && (b(1) == 0x96 || b(1) == 0x97)) return true;
    if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return true;
    if (b(0) == 0xEF && b(1) == 0x82 && b(2) == 0xB7) return true;
    if (b(0) == 0xE2 && b(1) == 0x9C) return true;  // check marks
  }
  return false;
}

bool is_apostrophe(std::string_view s, std::size_t i, std::size_t& len) {
  if (s[i] == '\'') {
    len = 1;
    return true;
  }
  if (s.substr(i, 3) == "\xE2\x80\x99") {  // U+2019 right single quotation mark
    len = 3;
    return true;
  }
  return false;
}

void finish(std::string& raw, std::vector<Token>& out) {
  if (raw.empty()) return;
  // Possessives: "children's" -> "children", "parents'" -> "parents".
  if (raw.size() > 2 && raw[raw.size() - 2] == '\'' && (raw.back() == 's' || raw.back() == 'S')) raw.resize(raw.size() - 2);
  while (!raw.empty() && raw.back() == '\'') raw.pop_back();
  if (!raw.empty()) {
    Token t;
    t.lower = ascii_lower(raw);
    t.stem = stem_word(t.lower);
    t.raw = std::move(raw);
    out.push_back(std::move(t));
  }
  raw.clear();
}

}  // namespace

const std::string& stem_word(const std::string& lower) {
  thread_local Xapian::Stem stemmer("english");
  thread_local std::unordered_map<std::string, std::string> cache;
  if (auto it = cache.find(lower); it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  return cache.emplace(lower, stemmer(lower)).first->second;
}

std::vector<Token> tokenise(std::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 6 + 1);
  std::string raw;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    if (ascii_word(c)) {
      raw += static_cast<char>(c);
      ++i;
    } else if (!raw.empty() && is_apostrophe(text, i, len)) {
      raw += '\'';
      i += len;
    } else if (c >= 0x80) {
      len = std::min(utf8_length(c), text.size() - i);
      const std::string_view ch = text.substr(i, len);
      if (ch == "\xC2\xA3") {  // £
        finish(raw, out);
        out.push_back(Token{"\xC2\xA3", "\xC2\xA3", "\xC2\xA3"});
      } else if (non_ascii_separator(ch)) {
        finish(raw, out);
      } else {
        raw.append(ch.data(), ch.size());
      }
      i += len;
    } else {
      finish(raw, out);
      ++i;
    }
  }
  finish(raw, out);
  return out;
}

}  // namespace scrutiny::taxonomy_text
