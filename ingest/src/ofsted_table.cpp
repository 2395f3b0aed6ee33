// Reads the judgement table from a flat word stream. Layout varies by year
// and by extractor: a grade may follow its label, sit inside a two-line label
// ("...children who need help and Requires improvement protection to be
// good") or be split around it ("Requires / 1. Children who need help... /
// improvement"). So: find each label's words, ignoring grade words between
// them; then give each grade word to the label it falls inside or follows.
#include <algorithm>
#include <cctype>
#include <optional>
// GCC 12 reports a false -Wmaybe-uninitialized inside libstdc++'s <regex>
// (std::function in its NFA) when built with ASan; it is not in our code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>
#include <string>
#include <vector>

#include "ofsted_table.h"

namespace scrutiny {
namespace {

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) w += static_cast<char>(std::tolower(u));
    else if (c == '\'' && !w.empty()) continue;  // children's -> childrens
    else if (!w.empty()) { out.push_back(w); w.clear(); }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

enum class Piece { none, outstanding, good, requires_improvement, inadequate, ri_head, ri_tail };

// Classifies words[i] (and the words it spans) as part of a grade.
Piece piece_at(const std::vector<std::string>& w, size_t i, size_t& len) {
  auto at = [&](size_t k) -> const std::string& {
    static const std::string empty;
    return k < w.size() ? w[k] : empty;
  };
  len = 1;
  const std::string& x = w[i];
  if (x == "outstanding") return Piece::outstanding;
  if (x == "inadequate") return Piece::inadequate;
  if (x == "requires" || x == "require") {
    if (at(i + 1) == "improvement") {
      len = 2;
      if (at(i + 2) == "to" && at(i + 3) == "be" && at(i + 4) == "good") len = 5;
      else if (at(i + 2) == "to") len = 3;  // "to / be good" wrapped round the label's next line
      return Piece::requires_improvement;
    }
    return Piece::ri_head;
  }
  if (x == "improvement") {
    if (at(i + 1) == "to" && at(i + 2) == "be" && at(i + 3) == "good") len = 4;
    return Piece::ri_tail;
  }
  if (x == "to" && at(i + 1) == "be" && at(i + 2) == "good") {
    len = 3;
    return Piece::ri_tail;
  }
  if (x == "be" && at(i + 1) == "good") {
    len = 2;
    return Piece::ri_tail;
  }
  if (x == "good") return Piece::good;
  return Piece::none;
}

const char* grade_id(Piece p) {
  switch (p) {
    case Piece::outstanding: return "outstanding";
    case Piece::good: return "good";
    case Piece::inadequate: return "inadequate";
    case Piece::requires_improvement:
    case Piece::ri_tail:
    case Piece::ri_head: return "requires_improvement";
    case Piece::none: break;
  }
  return "";
}

struct Label {
  std::string area;  // leaders | help_and_protection | in_care | in_care_combined | care_leavers | overall | "" (a divider)
  std::vector<std::string> words;
  size_t start = 0, end = 0;  // positions in the full word stream, end exclusive
  std::vector<Piece> pieces;
};

// Word stream with grade words removed, remembering where each word was.
struct Plain {
  std::vector<std::string> words;
  std::vector<size_t> pos;
};

std::optional<std::pair<size_t, size_t>> find(const Plain& plain, const std::vector<std::string>& key, size_t from_pos) {
  for (size_t i = 0; i + key.size() <= plain.words.size(); ++i) {
    if (plain.pos[i] < from_pos) continue;
    bool ok = true;
    for (size_t k = 0; k < key.size() && ok; ++k) ok = plain.words[i + k] == key[k];
    if (ok) return std::make_pair(plain.pos[i], plain.pos[i + key.size() - 1] + 1);
  }
  return std::nullopt;
}

std::optional<std::string> sif_overall(const std::string& head, std::string& evidence) {
  static const std::regex overall(
      R"((?:overall judgement is(?: that children's services(?: are)?)?|Children's services in [^.]{1,80}? (?:are|is|require))\s+(outstanding|good|inadequate|requires? improvement|improvement))",
      std::regex::icase);
  std::smatch m;
  if (!std::regex_search(head, m, overall)) return std::nullopt;
  evidence = m[0];
  std::string g = m[1];
  for (char& c : g) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (g.find("improvement") != std::string::npos) return "requires_improvement";
  return g;
}

std::optional<std::string> resolve(const std::vector<Piece>& pieces) {
  for (Piece p : pieces)
    if (p != Piece::ri_head) return grade_id(p);
  if (!pieces.empty()) return grade_id(pieces.front());
  return std::nullopt;
}

bool full(Piece p) { return p != Piece::ri_head && p != Piece::none; }

// Some extractors emit a table column by column ("label label label grade
// grade grade"). When the nearest-label reading leaves a label ungraded or
// doubly graded and the grade count equals the label count, pair them in order.
void assign_by_column(std::vector<Label>& labels, const std::vector<std::pair<size_t, Piece>>& pieces,
                      size_t start, size_t last_end) {
  std::vector<Label*> graded;
  size_t stop_at = last_end + 8;
  for (auto& l : labels) {
    if (l.area == "stop") { stop_at = l.start; break; }
    graded.push_back(&l);
  }
  bool deficient = false;
  for (auto* l : graded)
    if (l->pieces.empty() || std::count_if(l->pieces.begin(), l->pieces.end(), full) > 1) deficient = true;
  if (!deficient) return;
  std::vector<Piece> units;
  for (size_t i = 0; i < pieces.size(); ++i) {
    auto [pos, p] = pieces[i];
    if (pos < start || pos >= stop_at) continue;
    if (p == Piece::ri_head && i + 1 < pieces.size() && pieces[i + 1].second == Piece::ri_tail) ++i;
    units.push_back(p == Piece::ri_head ? Piece::requires_improvement : p);
  }
  if (units.size() != graded.size()) return;
  for (size_t i = 0; i < graded.size(); ++i) graded[i]->pieces = {units[i]};
}

}  // namespace

JudgementTable read_judgement_table(const std::string& head, bool sif) {
  JudgementTable table;
  const std::vector<std::string> w = words_of(head);
  Plain plain;
  std::vector<std::pair<size_t, Piece>> pieces;  // position, piece
  for (size_t i = 0; i < w.size();) {
    size_t len = 1;
    Piece p = piece_at(w, i, len);
    if (p == Piece::none) {
      plain.words.push_back(w[i]);
      plain.pos.push_back(i);
    } else {
      pieces.emplace_back(i, p);
    }
    i += len;
  }

  std::vector<Label> keys;
  auto key = [](std::string area, const char* text) { return Label{std::move(area), words_of(text), 0, 0, {}}; };
  if (sif) {
    keys = {key("help_and_protection", "children who need help and protection"),
            key("in_care", "children looked after and achieving permanence"),
            key("", "adoption performance"),
            key("care_leavers", "experiences and progress of care leavers"),
            key("leaders", "leadership management and governance"),
            key("stop", "effectiveness of the local safeguarding children board")};
  } else {
    keys = {key("leaders", "the impact of leaders on social work practice with children and families"),
            key("help_and_protection", "the experiences and progress of children who need help and protection"),
            key("in_care", "the experiences and progress of children in care"),
            key("care_leavers", "the experiences and progress of care leavers"),
            key("care_leavers", "the experiences and progress of children care leavers"),
            key("overall", "overall effectiveness")};
  }
  // The table starts at the first graded area; later mentions (section
  // headings, the LSCB title above a SIF table) are not the table.
  size_t start = std::string::npos;
  for (size_t k = 0; k < 2; ++k)
    if (auto f = find(plain, keys[k].words, 0)) start = std::min(start, f->first);
  if (start == std::string::npos) return table;

  std::vector<Label> found;
  for (auto& k : keys) {
    if (!k.area.empty() && std::any_of(found.begin(), found.end(), [&](const Label& l) { return l.area == k.area; }))
      continue;  // a second wording of an area already found
    auto f = find(plain, k.words, start);
    if (!f || f->first > start + 200) continue;
    k.start = f->first;
    k.end = f->second;
    if (k.area == "in_care") {
      // Before the 2023 split: "children in care and care leavers", one grade.
      static const std::vector<std::string> rest = {"and", "care", "leavers"};
      auto more = find(plain, rest, k.end);
      if (more && more->first <= k.end + 6) {
        k.area = "in_care_combined";
        k.end = more->second;
      }
    }
    found.push_back(k);
  }
  std::sort(found.begin(), found.end(), [](const Label& a, const Label& b) { return a.start < b.start; });
  // The table is one run of labels; a label far past the previous one is prose
  // ("...in 2023, when overall effectiveness was judged to be inadequate").
  for (size_t i = 1; i < found.size(); ++i) {
    if (found[i].start > found[i - 1].end + 14 || found[i].start < found[i - 1].end) {
      found.resize(i);
      break;
    }
  }
  const size_t last_end = found.empty() ? 0 : found.back().end;
  for (auto [pos, p] : pieces) {
    if (pos < start || pos > last_end + 8) continue;
    Label* owner = nullptr;
    for (auto& l : found)
      if (l.start <= pos) owner = &l;
    if (owner) owner->pieces.push_back(p);
  }
  assign_by_column(found, pieces, start, last_end);
  // A single grade printed above its label lands on the previous one.
  for (size_t i = 1; i < found.size(); ++i) {
    auto& prev = found[i - 1].pieces;
    if (found[i].pieces.empty() && std::count_if(prev.begin(), prev.end(), full) >= 2) {
      found[i].pieces.push_back(prev.back());
      prev.pop_back();
    }
  }
  Judgements& j = table.judgements;
  for (const auto& l : found) {
    auto g = resolve(l.pieces);
    if (l.area == "overall") table.has_overall_row = true;
    if (!g || l.area.empty() || l.area == "stop") continue;
    table.found = true;
    if (l.area == "leaders") j.leaders = g;
    else if (l.area == "help_and_protection") j.help_and_protection = g;
    else if (l.area == "in_care") j.in_care = g;
    else if (l.area == "in_care_combined") { j.in_care = g; j.in_care_includes_care_leavers = true; }
    else if (l.area == "care_leavers") j.care_leavers = g;
    else if (l.area == "overall") { j.overall = g; table.overall_evidence = "Overall effectiveness " + *g; }
  }
  if (sif) {
    std::string evidence;
    if (auto g = sif_overall(head, evidence)) {
      j.overall = g;
      table.has_overall_row = true;
      table.overall_evidence = evidence;
    }
  }
  return table;
}

}  // namespace scrutiny
