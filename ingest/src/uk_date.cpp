#include "uk_date.h"

#include <cctype>
#include <cstdio>
// GCC 12 reports a false -Wmaybe-uninitialized inside libstdc++'s <regex>
// when built with ASan; it is not in our code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>

#include "ascii.h"
#include "scrutiny/metadata.h"

namespace scrutiny {
namespace {

#define MONTH                                                                    \
  "(january|february|march|april|may|june|july|august|september|october|"        \
  "november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?"
#define ORD "(?:st|nd|rd|th)?"
#define JOIN "\\s*(?:/|-|\u2013|and|&|to)\\s*"

// One alternative per form; the first that matches at a position wins. It
// runs on ASCII-lowercased text: libstdc++'s std::regex::icase looks up the
// locale's ctype facet for every character it compares, which made the
// case-insensitive pattern several times slower.
const std::regex& date_regex() {
  static const std::regex re(
      // 1-3: ISO 2022-03-08 (also the date part of 2022-03-08T10:00)
      "\\b(\\d{4})-(\\d{2})-(\\d{2})(?![\\d])"
      // 4-6: 08/03/2022, 8/3/22
      "|\\b(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})\\b(?!/)"
      // 7-9: 7th September 2021, 13/14th July 2022, 26th and 27th May 2021
      "|\\b(\\d{1,2})" ORD "(?:" JOIN "\\d{1,2}" ORD ")?\\s+" MONTH ",?\\s+(\\d{4})\\b"
      // 10-12: May 25, 2023
      "|\\b" MONTH "\\s+(\\d{1,2})" ORD ",\\s*(\\d{4})\\b"
      // 13-15: February 2021, November/December 2019
      "|\\b" MONTH "(?:" JOIN MONTH ")?,?\\s+(\\d{4})\\b");
  return re;
}

int year_of(const std::string& s) {
  int y = std::stoi(s);
  if (s.size() == 2) y += y >= 70 ? 1900 : 2000;
  return y;
}

}  // namespace

// Every form holds a four-digit year run (ISO, or a year; a longer run holds
// none) or a numeric d/m/yy. Most lines of a report hold neither, and they
// skip the regex: libstdc++'s tries each alternative at every position, which
// made find_dates 15 % of ingest CPU.
bool may_hold_a_date_after(std::string_view s, int year) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  int run = 0, value = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    const char c = i < s.size() ? s[i] : ' ';
    if (digit(c)) {
      if (++run <= 4) value = value * 10 + (c - '0');
      continue;
    }
    if (run > 4 || (run == 4 && value > year)) return true;
    if (c == '/' && run > 0 && i + 1 < s.size() && digit(s[i + 1])) return true;
    run = 0;
    value = 0;
  }
  return false;
}

int month_number(std::string_view word) {
  static const char* const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string w;
  for (char c : word)
    if (c != '.') w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (w.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (w.compare(0, 3, names[i]) != 0) continue;
    static const char* const full[] = {"january", "february", "march",     "april",
                                       "may",     "june",     "july",      "august",
                                       "september", "october", "november", "december"};
    const std::string f = full[i];
    if (w == f.substr(0, 3) || w == f || (i == 8 && w == "sept")) return i + 1;
  }
  return 0;
}

bool valid_date(int year, int month, int day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max = days[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max;
}

std::string DateMention::iso() const {
  if (day == 0) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::vector<DateMention> find_dates(std::string_view text) {
  std::vector<DateMention> out;
  if (!may_hold_a_date_after(text, -1)) return out;  // any year
  const std::string s = ascii_lower(text);  // same offsets as `text`
  for (auto it = std::sregex_iterator(s.begin(), s.end(), date_regex()); it != std::sregex_iterator();
       ++it) {
    const std::smatch& m = *it;
    DateMention d;
    d.begin = m.position(0);
    d.end = d.begin + m.length(0);
    if (m[1].matched) {
      d.year = std::stoi(m[1]), d.month = std::stoi(m[2]), d.day = std::stoi(m[3]);
    } else if (m[4].matched) {
      d.day = std::stoi(m[4]), d.month = std::stoi(m[5]), d.year = year_of(m[6]);
    } else if (m[7].matched) {
      d.day = std::stoi(m[7]), d.month = month_number(m[8].str()), d.year = std::stoi(m[9]);
    } else if (m[10].matched) {
      d.month = month_number(m[10].str()), d.day = std::stoi(m[11]), d.year = std::stoi(m[12]);
    } else {
      // "may 2020" in lower case is more likely the verb than the month.
      if (std::islower(static_cast<unsigned char>(text[static_cast<size_t>(m.position(13))]))) continue;
      d.month = month_number(m[14].matched ? m[14].str() : m[13].str());
      d.year = std::stoi(m[15]);
      if (d.month == 0 || d.year < 1900 || d.year > 2100) continue;
      out.push_back(d);
      continue;
    }
    if (!valid_date(d.year, d.month, d.day)) continue;
    out.push_back(d);
  }
  return out;
}

std::optional<std::string> parse_uk_date(std::string_view input) {
  std::string s(input);
  static const std::regex trim_re(R"(^[\s,.(]+|[\s,.)]+$)");
  s = std::regex_replace(s, trim_re, "");
  static const std::regex weekday(
      R"(^(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)", std::regex::icase);
  s = std::regex_replace(s, weekday, "");
  auto dates = find_dates(s);
  // The whole string must be one full date (ISO may carry a time after it).
  if (dates.size() != 1 || dates[0].day == 0 || dates[0].begin != 0) return std::nullopt;
  const std::string rest = s.substr(dates[0].end);
  static const std::regex time_re(R"(^(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$)");
  if (!std::regex_match(rest, time_re)) return std::nullopt;
  return dates[0].iso();
}

}  // namespace scrutiny
