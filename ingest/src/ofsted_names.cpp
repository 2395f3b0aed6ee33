// Authority names and inspection date ranges as Ofsted writes them.
#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "scrutiny/ofsted.h"

namespace scrutiny {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with_ci(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == prefix;
}

bool ends_with_ci(const std::string& s, std::string_view suffix) {
  return s.size() > suffix.size() && lower(s.substr(s.size() - suffix.size())) == suffix;
}

std::string trim(std::string s) {
  const char* ws = " \t\r\n,.:;";
  s.erase(0, s.find_first_not_of(ws));
  auto end = s.find_last_not_of(ws);
  s.erase(end == std::string::npos ? 0 : end + 1);
  return s;
}

// Returns 1..12 for an English month name or its 3+ letter abbreviation.
int month_number(std::string_view word) {
  static const std::array<const char*, 12> names = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string w = lower(word);
  if (w.size() < 3) return 0;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string_view n = names[i];
    if (w == n || (w.size() <= n.size() && n.substr(0, w.size()) == w && w.size() >= 3 &&
                   (w.size() == 3 || w == "sept")))
      return static_cast<int>(i) + 1;
  }
  return 0;
}

std::string iso(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool valid_ymd(int y, int m, int d) {
  using namespace std::chrono;
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
}

}  // namespace

std::string canonical_authority(std::string_view name) {
  std::string s = trim(std::string(name));
  // Collapse internal whitespace (titles arrive wrapped over lines).
  std::string folded;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!folded.empty() && folded.back() != ' ') folded += ' ';
    } else {
      folded += c;
    }
  }
  s = folded;
  static const std::array<std::string_view, 9> prefixes = {
      "the ", "london borough of ", "royal borough of ", "metropolitan borough of ",
      "city of ", "borough of ", "county of ", "council of the ", "city and county of "};
  static const std::array<std::string_view, 20> suffixes = {
      " local authority", " metropolitan borough council", " metropolitan district council",
      " borough council", " county council", " city council", " district council",
      " council", " unitary authority", " children and families trust", " children's trust",
      " childrens trust", " safeguarding children board", " local area partnership",
      " metropolitan district", " metropolitan borough", " borough", " city",
      " county", " local safeguarding children board"};
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto p : prefixes)
      if (starts_with_ci(s, p) && s.size() > p.size()) {
        s = s.substr(p.size());
        changed = true;
      }
    for (auto x : suffixes)
      if (ends_with_ci(s, x)) {
        s = trim(s.substr(0, s.size() - x.size()));
        changed = true;
      }
  }
  return s;
}

std::optional<std::pair<std::string, std::string>> parse_date_range(std::string_view text) {
  // Tokens: day numbers, month names, four-digit years, in order. Each day
  // takes the first month and year written at or after it, which covers
  // "13 to 24 March 2023" as well as "25 November 2019 to 6 December 2019".
  struct Token {
    char kind;  // 'd' day, 'm' month, 'y' year
    int value;
  };
  std::vector<Token> tokens;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    bool digits = std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (digits && word.size() <= 2) {
      int d = std::stoi(word);
      if (d >= 1 && d <= 31) tokens.push_back({'d', d});
    } else if (digits && word.size() == 4) {
      tokens.push_back({'y', std::stoi(word)});
    } else if (!digits) {
      std::string w = word;
      // "1st", "22nd": a day with an ordinal suffix.
      size_t n = 0;
      while (n < w.size() && std::isdigit(static_cast<unsigned char>(w[n]))) ++n;
      if (n > 0 && n <= 2) {
        std::string suf = lower(w.substr(n));
        if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th")
          tokens.push_back({'d', std::stoi(w.substr(0, n))});
      } else if (int m = month_number(w)) {
        tokens.push_back({'m', m});
      }
    }
    word.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) word += c;
    else flush();
  }
  flush();

  struct Ymd { int y = 0, m = 0, d = 0; };
  std::vector<Ymd> days;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != 'd') continue;
    Ymd v;
    v.d = tokens[i].value;
    for (size_t j = i + 1; j < tokens.size(); ++j) {
      if (tokens[j].kind == 'm' && !v.m) v.m = tokens[j].value;
      if (tokens[j].kind == 'y' && !v.y) { v.y = tokens[j].value; break; }
    }
    if (v.m && v.y && valid_ymd(v.y, v.m, v.d)) days.push_back(v);
  }
  if (days.empty()) return std::nullopt;
  const Ymd& a = days.front();
  const Ymd& b = days.back();
  return std::make_pair(iso(a.y, a.m, a.d), iso(b.y, b.m, b.d));
}

std::optional<int> days_between(const std::string& from, const std::string& to) {
  auto parse = [](const std::string& s) -> std::optional<std::chrono::sys_days> {
    int y, m, d;
    if (std::sscanf(s.c_str(), "%d-%d-%d", &y, &m, &d) != 3 || !valid_ymd(y, m, d)) return std::nullopt;
    return std::chrono::sys_days{std::chrono::year{y} / m / d};
  };
  auto a = parse(from), b = parse(to);
  if (!a || !b) return std::nullopt;
  return static_cast<int>((*b - *a).count());
}

}  // namespace scrutiny
