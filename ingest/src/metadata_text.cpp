#include "metadata_text.h"

#include <algorithm>
#include <cctype>
#include <map>
// GCC 12 reports a false -Wmaybe-uninitialized inside libstdc++'s <regex>
// when built with ASan; it is not in our code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>

#include "scrutiny/metadata.h"
#include "uk_date.h"

namespace scrutiny {
namespace {

constexpr size_t kHeadLines = 40;     // the opening: headers, tables, datelines
constexpr size_t kScanLines = 400;    // enough for any committee paper's body
constexpr auto kIcase = std::regex::icase;

// A written date as a regex fragment: "21 May 2020", "7th September 2021", "08/03/2022".
#define DATE_RE "(\\d{1,2}(?:st|nd|rd|th)?\\s+[A-Za-z]+\\.?,?\\s+\\d{4}|\\d{1,2}/\\d{1,2}/\\d{2,4})"

std::string fold(std::string_view in) {
  static const std::pair<std::string_view, std::string_view> swaps[] = {
      {"\xE2\x80\x98", "'"}, {"\xE2\x80\x99", "'"}, {"\xE2\x80\x9C", "\""}, {"\xE2\x80\x9D", "\""},
      {"\xE2\x80\x93", "-"}, {"\xE2\x80\x94", "-"}, {"\xE2\x88\x92", "-"}, {"\xC2\xA0", " "},
      {"\t", " "},           {"\r", " "},           {"\n", " "}};
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    // Every swap starts with one of these bytes; testing them first keeps
    // this loop off memcmp (it was 4 % of the worker's CPU on every block).
    const char c = in[i];
    if (c != '\xE2' && c != '\xC2' && c != '\t' && c != '\r' && c != '\n') {
      out += c;
      ++i;
      continue;
    }
    bool swapped = false;
    for (auto [from, to] : swaps) {
      if (in.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        swapped = true;
        break;
      }
    }
    if (!swapped) out += in[i++];
  }
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

std::string collapse_spaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim_punct(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ' || s.back() == ',')) s.pop_back();
  size_t b = s.find_first_not_of(" :");
  return b == std::string::npos ? std::string() : s.substr(b);
}

std::string clip(const std::string& s, size_t n = 120) {
  return s.size() <= n ? s : s.substr(0, n) + "...";
}

// The sentence of `line` around byte `pos`.
std::string sentence_at(const std::string& line, size_t pos) {
  size_t b = line.rfind(". ", pos);
  b = b == std::string::npos ? 0 : b + 2;
  size_t e = line.find(". ", pos);
  e = e == std::string::npos ? line.size() : e + 1;
  return line.substr(b, e - b);
}

bool contains_any(const std::string& hay, std::initializer_list<const char*> needles) {
  for (const char* n : needles)
    if (hay.find(n) != std::string::npos) return true;
  return false;
}

// Calls fn(match, offset in text) for each match of `re` that ends with the
// whole word `literal`, searching only a short window before each occurrence
// of it. Equivalent to iterating `re` over all of `text` when every match ends
// with `literal`, fits in `lookback` bytes and stays on one line; std::regex
// over a whole document costs milliseconds per pattern, this costs a find().
template <typename Fn>
void for_each_match_ending_with(const std::string& text, std::string_view literal, const std::regex& re,
                                size_t lookback, Fn fn) {
  size_t floor = 0;  // matches never overlap: the next starts after the last
  for (size_t at = text.find(literal); at != std::string::npos; at = text.find(literal, at + 1)) {
    const size_t end = at + literal.size();
    if (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) continue;
    size_t line = text.rfind('\n', at);
    size_t begin = line == std::string::npos ? 0 : line + 1;
    begin = std::max(begin, floor);
    if (at - begin > lookback) begin = text.find(' ', at - lookback) + 1;
    const size_t stop = std::min(end + 1, text.size());  // one more byte, for the closing \b
    std::smatch m;
    auto first = text.begin() + static_cast<std::ptrdiff_t>(begin);
    if (std::regex_search(first, text.begin() + static_cast<std::ptrdiff_t>(stop), m, re)) {
      fn(m, begin + static_cast<size_t>(m.position(0)));
      floor = begin + static_cast<size_t>(m.position(0) + m.length(0));
    }
  }
}

std::string mentions(int n) { return std::to_string(n) + (n == 1 ? " mention" : " mentions"); }

}  // namespace

TextLines text_lines(const ExtractedText& text) {
  TextLines t;
  for (const auto& b : text.blocks) {
    std::string line = fold(b.text);
    if (line.empty()) continue;
    t.lines.push_back(std::move(line));
    t.raw.push_back(b.text);
  }
  for (size_t i = 0; i < t.lines.size(); ++i) {
    if (i < kHeadLines) t.head += t.lines[i] + "\n";
    if (i < kScanLines) t.all += t.lines[i] + "\n";
  }
  return t;
}

std::string title_case_if_shouting(const std::string& s) {
  bool has_upper = false;
  for (char c : s) {
    if (std::islower(static_cast<unsigned char>(c))) return s;
    if (std::isupper(static_cast<unsigned char>(c))) has_upper = true;
  }
  if (!has_upper) return s;
  static const char* const small[] = {"and", "of", "the", "for", "on", "in", "to", "a", "an", "with", "at"};
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    std::string w = lower(word);
    bool keep_small = !out.empty() &&
                      std::any_of(std::begin(small), std::end(small), [&](const char* x) { return w == x; });
    if (!keep_small) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    out += w;
    word.clear();
  };
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
      word += c;
    } else {
      flush();
      out += c;
    }
  }
  flush();
  return out;
}

std::optional<Meeting> find_meeting(const TextLines& t) {
  std::smatch m;
  // Each pattern needs its literal words: a find() first spares a
  // case-insensitive std::regex over the whole opening (3 % of worker CPU).
  const std::string head = lower(t.head);
  // ModernGov: "Meeting: 08/03/2022 - Executive (Item 109)".
  // The "(Item 109)" may instead follow as "Item 19: Title" or be absent.
  static const std::regex moderngov(
      R"(Meeting:\s*(\d{1,2}/\d{1,2}/\d{2,4})\s*-\s*([^\n(]+?)\s*(?:\(Item\s*[\w.]+\)|\s+Item\s+\d+\b|(?=\n)|$))", kIcase);
  if (contains_any(head, {"meeting:"}) && std::regex_search(t.head, m, moderngov)) {
    return Meeting{"moderngov", parse_uk_date(m[1].str()), trim_punct(m[2]), m[0]};
  }
  // Committee report header: "Submitted to: OVERVIEW AND SCRUTINY BOARD - 21 May 2020".
  static const std::regex submitted(R"((?:Submitted to|Report to):?\s*([^\n]+?)\s*-\s*)" DATE_RE, kIcase);
  if (contains_any(head, {"submitted to", "report to"}) && std::regex_search(t.head, m, submitted)) {
    return Meeting{"submitted_to", parse_uk_date(m[2].str()), trim_punct(m[1]), fold(m[0].str())};
  }
  // Minutes heading: "Minutes of a meeting of the Executive held on Tuesday,
  // 8 March 2022"; a notice "A meeting of the County Council will be held on ..."
  // is an agenda. "Minutes of the meeting held on ..." names no body: it is an
  // item approving the previous minutes, not this meeting.
  static const std::regex minutes(
      R"((?:^|\n)(?:Minutes of|A meeting of)\s+(?:an? |the )?(?:meeting of (?:the )?)?([A-Z][^\n]*?)\s+(was |will be )?held\b[^\n]*?\bon\s+(?:[A-Za-z]+day,?\s+)?)" DATE_RE,
      kIcase);
  const bool may_name_minutes = contains_any(head, {"minutes of", "a meeting of"});
  for (auto it = may_name_minutes ? std::sregex_iterator(t.head.begin(), t.head.end(), minutes) : std::sregex_iterator();
       it != std::sregex_iterator(); ++it) {
    const std::smatch& mm = *it;
    std::string body = trim_punct(mm[1]);
    if (lower(body).find("meeting") != std::string::npos) continue;
    bool notice = mm[2].str() == "will be ";
    return Meeting{notice ? "agenda" : "minutes_heading", parse_uk_date(mm[3].str()), body,
                   trim_punct(collapse_spaces(mm[0].str()))};
  }
  // Kent-style heading line: "CORPORATE PARENTING PANEL - 10th December 2024".
  static const std::regex heading(
      R"(^([A-Z][A-Za-z'&,() ]{2,80}?)\s*-\s*(?:[A-Za-z]+day,?\s+)?)" DATE_RE R"(\s*$)");
  for (size_t i = 0; i < t.lines.size() && i < 5; ++i) {
    if (std::regex_match(t.lines[i], m, heading))
      return Meeting{"heading", parse_uk_date(m[2].str()), trim_punct(m[1]), t.lines[i]};
  }
  // Agenda front sheet: "AGENDA" / "CABINET" / "Thursday, 30th January, 2025, at 10.00 am".
  static const std::regex agenda(R"(^(?:AGENDA|Agenda|A G E N D A|Summons to and Agenda for a Meeting on)$)");
  static const std::regex name(R"(^[A-Z][A-Za-z'&, ]{2,60}$)");
  for (size_t i = 0; i < t.lines.size() && i < 3; ++i) {
    if (!std::regex_match(t.lines[i], agenda)) continue;
    Meeting meeting{"agenda", std::nullopt, "", t.lines[i]};
    for (size_t j = i + 1; j < t.lines.size() && j <= i + 3; ++j) {
      if (meeting.body.empty() && !meeting.date && std::regex_match(t.lines[j], name)) {
        meeting.body = t.lines[j];
        meeting.evidence += " / " + t.lines[j];
        continue;
      }
      auto dates = find_dates(t.lines[j]);
      if (!dates.empty() && dates[0].day && dates[0].begin < 12) {
        meeting.date = dates[0].iso();
        meeting.evidence += " / " + clip(t.lines[j], 60);
        break;
      }
    }
    if (meeting.date || !meeting.body.empty()) return meeting;
  }
  // A report whose meeting date stands on its own: "Date of meeting: 21 May 2020".
  static const std::regex dated(R"((?:Date of meeting|Meeting date|Date of decision):?\s*(?:[A-Za-z]+day,?\s+)?)" DATE_RE, kIcase);
  if (contains_any(head, {"date of meeting", "meeting date", "date of decision"}) &&
      std::regex_search(t.head, m, dated)) {
    return Meeting{"date_line", parse_uk_date(m[1].str()), "", m[0]};
  }
  return std::nullopt;
}

std::optional<Found> find_dateline(const TextLines& t) {
  static const std::regex label(R"(^(?:Published|Posted|Issued|Date)(?: on)?:?\s+)", kIcase);
  for (size_t i = 0; i < t.lines.size() && i < 15; ++i) {
    const std::string& line = t.lines[i];
    if (line.size() > 60) continue;
    std::string bare = std::regex_replace(line, label, "");
    if (auto iso = parse_uk_date(bare)) return Found{*iso, line};
  }
  return std::nullopt;
}

Found find_type(const TextLines& t, const std::optional<Meeting>& meeting, bool has_dateline) {
  if (meeting && (meeting->kind == "moderngov" || meeting->kind == "minutes_heading"))
    return {"minutes", meeting->evidence};
  if (meeting && meeting->kind == "agenda") return {"agenda", meeting->evidence};
  if (meeting && meeting->kind == "submitted_to") return {"committee_report", meeting->evidence};
  static const std::regex report_of(R"(^Report of:?\s)", kIcase);
  static const std::regex minutes_line(
      R"(^(?:Minutes:?|MINUTES\b.*|Minutes of (?:a|the) meeting of\b.*|RESOLVED\b.*|AGREED:?|PRESENT:.*|Present:.*)$)");
  static const std::regex agenda_line(R"(^(?:Agenda|AGENDA|Notice of meeting|Summons)$)", kIcase);
  for (size_t i = 0; i < t.lines.size() && i < kHeadLines; ++i)
    if (std::regex_search(t.lines[i], report_of)) return {"committee_report", clip(t.lines[i])};
  for (size_t i = 0; i < t.lines.size() && i < kScanLines; ++i)
    if (std::regex_match(t.lines[i], minutes_line)) return {"minutes", t.lines[i]};
  for (size_t i = 0; i < t.lines.size() && i < kHeadLines; ++i)
    if (std::regex_match(t.lines[i], agenda_line)) return {"agenda", t.lines[i]};
  if (has_dateline) {
    static const std::regex quoted(R"(\bsaid:? ?"|\b(?:press|news) release\b|\bnotes to editors\b)", kIcase);
    std::smatch m;
    if (std::regex_search(t.all, m, quoted)) return {"press_release", "dateline and " + m[0].str()};
  }
  return {"other", ""};
}

std::optional<Found> find_body_mention(const TextLines& t) {
  static const std::regex re(
      R"(\b(?:members of|meeting of|Members of) the ((?:[A-Z][A-Za-z'&-]*\s){1,5}(?:Board|Panel|Committee|Sub-Committee|Cabinet|Forum))\b)");
  std::smatch m;
  if (std::regex_search(t.all, m, re)) return Found{m[1], m[0]};
  return std::nullopt;
}

std::optional<Found> find_title(const TextLines& t) {
  for (size_t i = 0; i < t.lines.size() && i < kHeadLines; ++i) {
    static const std::regex subject(R"(^Subject:?\s*(.*)$)", kIcase);
    std::smatch m;
    if (!std::regex_match(t.lines[i], m, subject)) continue;
    std::string value = trim_punct(m[1]);
    if (value.empty() && i + 1 < t.lines.size()) ++i, value = trim_punct(t.lines[i]);
    if (value.empty()) continue;
    // Shown as written (dashes, quotes): the same match on the raw line.
    std::string raw = collapse_spaces(t.raw[i]);
    if (std::regex_match(raw, m, subject)) raw = m[1].str();
    raw = trim_punct(raw);
    return Found{raw.empty() ? value : raw, clip("Subject: " + value)};
  }
  // ModernGov pages open with the page kind, then the item's own title.
  static const char* const kinds[] = {"Issue - meetings", "Agenda item", "Decision details", "Issue details",
                                      "Decision"};
  if (t.lines.size() >= 2) {
    for (const char* k : kinds) {
      if (t.lines[0] == k && t.lines[1].size() < 200)
        return Found{collapse_spaces(t.raw[1]), t.lines[0] + " / " + t.lines[1]};
    }
  }
  return std::nullopt;
}

std::string authority_from_domain(const std::string& url_or_host) {
  static const std::regex host_re(R"((?:^|[/@.])([a-z0-9-]+)\.gov\.uk\b)", kIcase);
  std::smatch m;
  const std::string s = lower(url_or_host);
  // The label just before ".gov.uk": moderngov.middlesbrough.gov.uk -> middlesbrough.
  if (!std::regex_search(s, m, host_re)) return {};
  std::string label = m[1];
  static const char* const national[] = {"ofsted", "www", "education", "dfe", "service", "publishing",
                                         "assets", "gov", "nhs", "police", "ons", "moderngov"};
  for (const char* n : national)
    if (label == n) return {};
  std::string name;
  bool up = true;
  for (char c : label) {
    if (c == '-') {
      name += ' ';
      up = true;
      continue;
    }
    name += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return name + " Council";
}

std::optional<Found> find_authority(const TextLines& t) {
  static const std::regex named(
      R"(\b([A-Z][a-z]+(?:[ -](?:upon|on|under|and|le|(?!Council\b)[A-Z][a-z]+)){0,3} (?:(?:City|County|Borough|District|Metropolitan Borough) )?Council)\b)");
  static const std::regex shouted(R"(\b([A-Z]{3,}(?: [A-Z]{3,}){0,2} COUNCIL)\b)");
  static const char* const not_names[] = {"The", "This", "That", "Our", "A", "An", "Each", "Every", "Full",
                                          "County", "City", "Borough", "District", "Parish", "Town", "Local",
                                          "Executive", "Whole", "Their", "Its", "Wider", "Care", "Youth",
                                          "School", "Schools", "Children", "Young"};
  std::map<std::string, int> counts;
  std::map<std::string, size_t> first;
  auto count = [&](const std::regex& re, std::string_view council, bool shouting) {
    for_each_match_ending_with(t.all, council, re, 160, [&](const std::smatch& m, size_t position) {
      std::string name = m[1];
      if (shouting) name = title_case_if_shouting(name);
      std::string first_word = name.substr(0, name.find_first_of(" -"));
      if (std::any_of(std::begin(not_names), std::end(not_names), [&](const char* w) { return first_word == w; }))
        return;
      if (name.find("Parish") != std::string::npos || name.find("Town Council") != std::string::npos) return;
      if (!counts[name]++) first[name] = position;
    });
  };
  count(named, " Council", false);
  count(shouted, " COUNCIL", true);
  if (!counts.empty()) {
    auto best = std::max_element(counts.begin(), counts.end(), [&](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : first[a.first] > first[b.first];
    });
    return Found{best->first, best->first + " (" + mentions(best->second) + ")"};
  }
  if (t.all.find(".gov.uk") == std::string::npos) return std::nullopt;
  static const std::regex domain(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.gov\.uk|(?:https?://)?[A-Za-z0-9.-]+\.gov\.uk)");
  for (auto it = std::sregex_iterator(t.all.begin(), t.all.end(), domain); it != std::sregex_iterator(); ++it) {
    std::string name = authority_from_domain((*it)[0]);
    if (!name.empty()) return Found{name, (*it)[0].str()};
  }
  return std::nullopt;
}

std::optional<Found> find_current_judgement(const TextLines& t) {
  // Lower-case pattern over lower-cased lines (same offsets): std::regex::icase
  // looks up the locale for every character, and this runs on every line.
  static const std::regex re(
      R"((?:(?:upgraded|raised|improved|moved|downgraded|lowered|changed) to|now (?:rated|judged)(?: as| to be)?|(?:is|are|has been|have been) (?:rated|judged)(?: as| to be)?|overall effectiveness(?: of [a-z' ]{1,60}?)?(?: is| has been)?(?: judged| rated)?(?: to be| as)?:?)\s*["']?\s*(outstanding|good|requires improvement(?: to be good)?|inadequate)\b)");
  for (const auto& line : t.lines) {
    const std::string low = lower(line);
    // Every match names a grade and one of the verbs: skip the other lines
    // before paying for std::regex.
    const bool graded = contains_any(low, {"good", "outstanding", "requires improvement", "inadequate"});
    // The verbs: "rated", "judged", "overall effectiveness", or "upgraded to",
    // "raised to", "improved to"... (each ends "ed to").
    if (!graded || !contains_any(low, {"rated", "judged", "ed to", "effectiveness"})) continue;
    std::smatch m;
    for (auto it = low.cbegin(); std::regex_search(it, low.cend(), m, re); it = m[0].second) {
      size_t pos = static_cast<size_t>(m[0].first - low.cbegin());
      std::string sentence = lower(sentence_at(line, pos));
      // Old judgements recalled and hopes for the next one are not current.
      if (contains_any(sentence, {"since ", "previous", "last inspection", "at the time", "ambition", "aim to",
                                  "aspire", "want to", "would like", "hope"}))
        continue;
      std::string rating = lower(m[1]);
      std::string id = rating.rfind("requires", 0) == 0 ? "requires_improvement" : rating;
      return Found{id, clip(sentence_at(line, pos), 160)};
    }
  }
  return std::nullopt;
}

std::optional<Found> find_visit(const TextLines& t) {
  const std::string text = lower(t.all);
  struct Kind {
    const char* id;
    std::vector<const char*> phrases;
  };
  static const std::vector<Kind> kinds = {
      {"monitoring_visit", {"monitoring visit"}},
      {"focused_visit", {"focused visit", "focussed visit"}},
      {"jtai", {"joint targeted area inspection", "jtai"}},
      {"full_inspection",
       {"full inspection", "full ofsted inspection", "full review", "ilacs", "judgement inspection",
        "inspection of local authority children's services"}},
  };
  const Kind* best = nullptr;
  int best_count = 0;
  size_t best_first = std::string::npos;
  std::string evidence;
  for (const auto& k : kinds) {
    int n = 0;
    size_t first = std::string::npos;
    for (const char* p : k.phrases) {
      for (size_t pos = text.find(p); pos != std::string::npos; pos = text.find(p, pos + 1)) {
        ++n;
        first = std::min(first, pos);
      }
    }
    if (n > best_count || (n == best_count && n > 0 && first < best_first)) {
      best = &k, best_count = n, best_first = first;
    }
  }
  // Some words either side of the first mention, within its line.
  auto snippet = [&](size_t pos) {
    size_t line_start = t.all.rfind('\n', pos);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    size_t line_end = std::min(t.all.find('\n', pos), t.all.size());
    size_t b = pos > line_start + 50 ? t.all.find(' ', pos - 50) + 1 : line_start;
    size_t e = line_end > pos + 70 ? t.all.rfind(' ', pos + 70) : line_end;
    return (b > line_start ? "..." : "") + t.all.substr(b, e - b) + (e < line_end ? "..." : "");
  };
  if (best) return Found{best->id, snippet(best_first) + " (" + mentions(best_count) + ")"};
  // Only "Ofsted inspection": an Ofsted inspection without a kind is a full one.
  static const std::regex ofsted_inspection(R"(ofsted[^.\n]{0,40}inspection|inspection[^.\n]{0,20}by ofsted)");
  std::smatch m;
  if (std::regex_search(text, m, ofsted_inspection))
    return Found{"full_inspection", snippet(static_cast<size_t>(m.position(0)))};
  return std::nullopt;
}

std::optional<Found> infer_year(const TextLines& t) {
  static const char* const future[] = {" would ", " will ", "planned", "next ", "possible", "likely",
                                       "expected", "forthcoming", "scheduled", "due to take", "until "};
  int best = 0;
  std::string evidence;
  for (size_t i = 0; i < t.lines.size() && i < kScanLines; ++i) {
    const std::string& line = t.lines[i];
    if (!may_hold_a_date_after(line, best)) continue;  // most lines once the latest year is known
    for (const auto& d : find_dates(line)) {
      size_t sb = line.rfind(". ", d.begin);
      sb = sb == std::string::npos ? 0 : sb + 2;
      const std::string before = " " + lower(line.substr(sb, d.begin - sb));
      bool is_future = false;
      for (const char* f : future)
        if (before.find(f) != std::string::npos) is_future = true;
      if (is_future || d.year <= best) continue;
      best = d.year;
      evidence = line.substr(d.begin, d.end - d.begin);
    }
  }
  if (best == 0) return std::nullopt;
  return Found{std::to_string(best), "latest past date mentioned: " + evidence};
}

std::optional<std::string> file_name_date(const std::string& name) {
  static const std::regex iso_date(R"((?:^|[^0-9])((?:19|20)\d\d-\d\d-\d\d)(?:[^0-9]|$))");
  std::smatch m;
  if (std::regex_search(name, m, iso_date)) return parse_uk_date(m[1].str());
  std::string spaced = name;
  for (auto& c : spaced)
    if (c == '-' || c == '_') c = ' ';
  std::optional<std::string> found;
  for (const DateMention& d : find_dates(spaced)) {
    if (d.day == 0) continue;
    if (found) return std::nullopt;  // two dates: which one is the document's?
    found = d.iso();
  }
  return found;
}

}  // namespace scrutiny
