// Blocks to passages: headings set the section, paragraphs and list items
// become passages, bare page numbers go, and a paragraph broken by a page or
// column break is put back together.
#include "scrutiny/passage_splitter.h"

#include "scrutiny/normalise.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace scrutiny {
namespace {

bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)); }
bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)); }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool has_word_char(std::string_view s) {
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

// Lowercase roman numerals below 90 (preface page numbers): (xl|l?x{0,3})(ix|iv|v?i{0,3}).
bool is_roman(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  auto take = [&](std::string_view p) {
    if (s.substr(i, p.size()) != p) return false;
    i += p.size();
    return true;
  };
  if (!take("xl")) {
    take("l");
    for (int k = 0; k < 3 && take("x");) ++k;
  }
  if (!take("ix") && !take("iv")) {
    take("v");
    for (int k = 0; k < 3 && take("i");) ++k;
  }
  return i == s.size();
}

bool all_caps(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (is_lower(c)) return false;
    letters += is_upper(c);
  }
  return letters >= 3;
}

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

// Ends a sentence: . ! ? : ; (possibly followed by a closing quote/bracket).
bool ends_sentence(std::string_view t) {
  t = trim(t);
  while (!t.empty() && (t.back() == '"' || t.back() == '\'' || t.back() == ')')) t.remove_suffix(1);
  if (t.empty()) return true;
  const char c = t.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

// Appends `next` to a passage broken by a page or column break.
void append_continuation(std::string& text, std::string_view next) {
  std::string both;
  both.reserve(text.size() + next.size() + 1);
  both.append(text).append("\n").append(next);
  text = join_lines(both);
}

double body_font_size(const ExtractedText& t) {
  double best = 0;
  size_t most = 0;
  std::vector<std::pair<double, size_t>> counts;
  for (const TextBlock& b : t.blocks) {
    if (b.font_size <= 0) continue;
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == b.font_size; });
    if (it == counts.end()) counts.emplace_back(b.font_size, b.text.size());
    else it->second += b.text.size();
  }
  for (const auto& [size, n] : counts)
    if (n > most) best = size, most = n;
  return best;
}

bool is_heading(const TextBlock& b, double body) {
  if (b.heading) return true;
  const bool bigger = b.font_size > 0 && body > 0 && b.font_size >= body + 1.2;
  if (b.list_item || b.table_cell || !heading_shape(b.text, bigger ? 25 : 15)) return false;
  if (bigger || b.bold) return true;
  int words = 1;
  for (char c : b.text) words += c == ' ';
  if (words <= 8 && all_caps(b.text)) return true;
  // No layout hints (HTML paragraphs, text): only short Title Case / CAPS lines.
  if (b.font_size > 0) return false;
  return words <= 6 && title_case_or_caps(b.text);
}

}  // namespace

bool heading_shape(std::string_view text, int max_words) {
  text = trim(text);
  if (text.empty() || text.size() > 200) return false;
  const char first = text.front();
  const bool starts_ok = is_upper(first) || is_digit(first) || static_cast<unsigned char>(first) >= 0x80;
  if (!starts_ok) return false;
  const char last = text.back();
  if (last == '.' || last == ',' || last == ';') return false;
  int words = 1;
  for (char c : text) words += c == ' ';
  if (words > max_words) return false;
  if (all_digits(text)) return false;
  if (field_line(text)) return false;
  return has_word_char(text);
}

bool field_line(std::string_view text) {
  const size_t colon = text.find(": ");
  if (colon == std::string_view::npos || colon == 0) return false;
  int label_words = 1;
  for (char c : text.substr(0, colon)) label_words += c == ' ';
  return label_words <= 4 && has_word_char(trim(text.substr(colon + 2)));
}

bool title_case_or_caps(std::string_view text) {
  static const char* const kSmall[] = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of",
                                       "on", "or", "the", "to", "with", "vs", "per", "is", "are", "its"};
  int significant = 0, capitalised = 0, letters = 0, lower_letters = 0;
  size_t i = 0;
  text = trim(text);
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view w = text.substr(i, j - i);
    i = j + 1;
    for (char c : w) {
      if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
      if (is_lower(c)) ++lower_letters;
    }
    while (!w.empty() && !std::isalnum(static_cast<unsigned char>(w.front()))) w.remove_prefix(1);
    if (w.empty() || is_digit(w.front())) continue;
    bool small = false;
    for (const char* s : kSmall)
      if (w == s) small = true;
    if (small) continue;
    ++significant;
    if (is_upper(w.front())) ++capitalised;
  }
  if (letters >= 2 && lower_letters == 0) return true;  // ALL CAPS
  return significant > 0 && capitalised == significant;
}

bool is_page_number(std::string_view text) {
  std::string s;
  for (char c : trim(text)) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view v = s;
  // "- 3 -", "| 3", "3 |"
  auto strip = [&](std::string_view chars) {
    while (!v.empty() && chars.find(v.front()) != std::string_view::npos) v.remove_prefix(1);
    while (!v.empty() && chars.find(v.back()) != std::string_view::npos) v.remove_suffix(1);
  };
  strip(" -|.");
  if (v.size() >= 5 && v.substr(v.size() - 4) == "page") {  // "3 | page"
    v.remove_suffix(4);
    strip(" -|.");
  }
  if (v.rfind("page", 0) == 0) {
    v.remove_prefix(4);
    strip(" -|.:");
  }
  if (all_digits(v)) return std::stoi(std::string(v)) < 1900;  // not a year
  if (is_roman(v)) return true;
  // "3 of 10", "3/10"
  size_t sep = v.find(" of ");
  size_t sep_len = 4;
  if (sep == std::string_view::npos) sep = v.find('/'), sep_len = 1;
  if (sep == std::string_view::npos) return false;
  return all_digits(trim(v.substr(0, sep))) && all_digits(trim(v.substr(sep + sep_len)));
}

std::vector<Passage> PassageSplitter::split(const ExtractedText& text) const {
  std::vector<Passage> out;
  const double body = body_font_size(text);
  std::string section;
  // A heading with nothing under it before the next heading (a report's
  // "Summary" over "Proposed decision(s)") is kept as a passage of its own,
  // so no published words are lost; the first heading is the document's
  // title and is not repeated.
  Passage bare_heading;
  bool have_bare_heading = false;
  bool first_heading = true;
  bool after_heading = true;  // no merge across a heading
  for (const TextBlock& b : text.blocks) {
    const std::string_view t = trim(b.text);
    if (t.empty() || !has_word_char(t) || is_page_number(t)) continue;
    if (is_heading(b, body)) {
      if (have_bare_heading) out.push_back(bare_heading);
      have_bare_heading = !first_heading;
      bare_heading = Passage{};
      bare_heading.page = b.page;
      bare_heading.section = section;
      bare_heading.text = std::string(t);
      first_heading = false;
      section = std::string(t);
      after_heading = true;
      continue;
    }
    first_heading = false;
    have_bare_heading = false;
    if (!after_heading && !out.empty() && !b.list_item && !b.table_cell && !out.back().list_item &&
        b.page >= out.back().page && is_lower(t.front()) && !ends_sentence(out.back().text)) {
      append_continuation(out.back().text, t);
      continue;
    }
    Passage p;
    p.page = b.page;
    p.section = section;
    p.text = std::string(t);
    p.list_item = b.list_item;
    out.push_back(std::move(p));
    after_heading = false;
  }
  if (have_bare_heading) out.push_back(std::move(bare_heading));
  if (out.empty() && !section.empty()) {  // a title alone is still the document's text
    Passage p;
    p.section = section;
    p.text = section;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace scrutiny
