// Taxonomy::classify: one pass over a passage's tokens finds every pattern
// occurrence (patterns are indexed by first word); themes, polarity cues and
// section cues are then decided from that short list of occurrences.
#include <algorithm>
#include <cctype>

#include "taxonomy_rules.h"
#include "taxonomy_tokens.h"

namespace scrutiny {
namespace {

using taxonomy_text::Token;

struct Occurrence {
  int pattern;
  int begin;  // token span [begin, end)
  int end;
};

bool word_matches(const PatternWord& w, const Token& t) {
  if (w.kind == PatternWord::Kind::stem) return t.stem == w.text;
  if (w.kind == PatternWord::Kind::form) return t.lower == w.text;
  // Acronyms match as written, plus a plural "s": "EHCPs", "LACs".
  return t.raw == w.text ||
         (t.raw.size() == w.text.size() + 1 && t.raw.back() == 's' && t.raw.compare(0, w.text.size(), w.text) == 0);
}

void match_at(const Taxonomy::Rules& r, const std::vector<int>& candidates, const std::vector<Token>& toks,
              std::size_t i, std::vector<Occurrence>& out) {
  for (int p : candidates) {
    const auto& words = r.patterns[p].words;
    if (i + words.size() > toks.size()) continue;
    bool ok = true;
    for (std::size_t k = 1; k < words.size() && ok; ++k) ok = word_matches(words[k], toks[i + k]);
    if (ok) out.push_back({p, static_cast<int>(i), static_cast<int>(i + words.size())});
  }
}

std::vector<Occurrence> find_patterns(const Taxonomy::Rules& r, const std::vector<Token>& toks) {
  std::vector<Occurrence> out;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (auto it = r.by_first_stem.find(toks[i].stem); it != r.by_first_stem.end()) match_at(r, it->second, toks, i, out);
    if (auto it = r.by_first_form.find(toks[i].lower); it != r.by_first_form.end()) match_at(r, it->second, toks, i, out);
    if (r.by_first_exact.empty()) continue;
    const std::string& raw = toks[i].raw;
    if (auto it = r.by_first_exact.find(raw); it != r.by_first_exact.end()) match_at(r, it->second, toks, i, out);
    if (raw.size() > 1 && raw.back() == 's')
      if (auto it = r.by_first_exact.find(raw.substr(0, raw.size() - 1)); it != r.by_first_exact.end())
        match_at(r, it->second, toks, i, out);
  }
  return out;
}

bool overlaps(const Occurrence& a, const Occurrence& b) { return a.begin < b.end && b.begin < a.end; }

bool any_of_patterns(const std::vector<Occurrence>& occs, const std::vector<int>& patterns) {
  for (const auto& o : occs)
    if (std::find(patterns.begin(), patterns.end(), o.pattern) != patterns.end()) return true;
  return false;
}

// ---- boilerplate ----

bool has_email(std::string_view text) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (at == 0 || at + 1 >= text.size()) continue;
    if (std::isalnum(static_cast<unsigned char>(text[at - 1])) && text.find('.', at) != std::string_view::npos) return true;
  }
  return false;
}

// Ten or more digits in one run of digits, spaces and ()+- : a UK phone number.
bool has_phone(std::string_view text) {
  int digits = 0;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c == ' ' || c == '(' || c == ')' || c == '+' || c == '-') continue;
    else digits = 0;
    if (digits >= 10) return true;
  }
  return false;
}

bool is_boilerplate(const Taxonomy::Rules& r, std::string_view text, std::size_t token_count,
                    const std::vector<Occurrence>& section_occs) {
  if (any_of_patterns(section_occs, r.boilerplate_sections)) return true;
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  if (!r.starts_with.empty()) {
    const std::string head = taxonomy_text::ascii_lower(text.substr(start, 80));
    for (const auto& s : r.starts_with)
      if (head.compare(0, s.size(), s) == 0) return true;
  }
  if (!r.contains.empty()) {
    const std::string lower = taxonomy_text::ascii_lower(text);
    for (const auto& s : r.contains)
      if (lower.find(s) != std::string::npos) return true;
  }
  return r.contact_max_words > 0 && token_count <= static_cast<std::size_t>(r.contact_max_words) &&
         (has_email(text) || has_phone(text));
}

// ---- polarity ----

// Cue counts: the longest cue wins where cues overlap ("requires improvement
// to be good" is one cue, not also "good"); a strength cue after a negator
// ("not", "lack of"...) counts as a concern. Concern cues are not negated:
// "no education for too long" is still a concern.
struct CueTally {
  int strength = 0;
  int concern = 0;
  Polarity last = Polarity::neutral;
  std::vector<std::string> cues;  // "strength:robust", "concern:not+effective"
};

// "not" in "not only" negates nothing.
bool inside_neutral(const Taxonomy::Rules& r, const Occurrence& o, const std::vector<Occurrence>& occs) {
  for (const auto& e : occs)
    if (r.neutral_cue[e.pattern] && e.begin <= o.begin && o.end <= e.end && &e != &o) return true;
  return false;
}

CueTally tally_cues(const Taxonomy::Rules& r, const std::vector<Occurrence>& occs) {
  std::vector<const Occurrence*> cues;
  const auto is_cue = [&](int p) { return r.strength_cue[p] + r.concern_cue[p] + r.neutral_cue[p] == 1; };
  for (const auto& o : occs)
    if (is_cue(o.pattern)) cues.push_back(&o);
  std::sort(cues.begin(), cues.end(), [](const Occurrence* a, const Occurrence* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end > b->end;
  });
  CueTally t;
  int covered = 0;
  for (const Occurrence* c : cues) {
    if (c->begin < covered) continue;
    covered = c->end;
    if (r.neutral_cue[c->pattern]) continue;  // e.g. "as well as": consumes words, counts for neither
    bool strength = r.strength_cue[c->pattern];
    const std::string* negated = nullptr;
    for (const auto& n : occs)
      if (strength && r.negator[n.pattern] && n.end <= c->begin && n.end >= c->begin - r.negation_window &&
          !inside_neutral(r, n, occs)) {
        strength = !strength;
        negated = &r.cue_text[n.pattern];
        break;
      }
    (strength ? t.strength : t.concern) += 1;
    t.last = strength ? Polarity::strength : Polarity::concern;
    t.cues.push_back((strength ? "strength:" : "concern:") + (negated ? *negated + "+" : std::string()) +
                     r.cue_text[c->pattern]);
  }
  return t;
}

Polarity section_polarity(const Taxonomy::Rules& r, const std::vector<Occurrence>& section_occs, std::string_view doc_type) {
  const bool strength = any_of_patterns(section_occs, r.strength_sections);
  const bool concern = any_of_patterns(section_occs, r.concern_sections) ||
                       (doc_type == "ofsted_report" && any_of_patterns(section_occs, r.ofsted_concern_sections));
  if (strength == concern) return Polarity::neutral;  // neither, or "Strengths and areas for development"
  return strength ? Polarity::strength : Polarity::concern;
}

// The heading's cue wins (a list under "Areas needing focus" is a list of
// concerns whatever words it uses) unless the passage's own cues point the
// other way by at least `section_override_margin`. Without a heading cue the
// passage's cues decide; on a tie the last cue wins, since inspectors put the
// point after "but" or "however" last.
Polarity decide_polarity(const Taxonomy::Rules& r, const CueTally& t, Polarity section) {
  if (section != Polarity::neutral) {
    const int supporting = section == Polarity::strength ? t.strength : t.concern;
    const int contrary = section == Polarity::strength ? t.concern : t.strength;
    if (contrary >= supporting + r.section_override_margin)
      return section == Polarity::strength ? Polarity::concern : Polarity::strength;
    return section;
  }
  if (t.strength > t.concern) return Polarity::strength;
  if (t.concern > t.strength) return Polarity::concern;
  return t.last;
}

// ---- themes ----

bool masked(const Taxonomy::Rules& r, int theme, const Occurrence& o, const std::vector<Occurrence>& occs) {
  const auto& ex = r.themes[theme].exclusions;
  if (ex.empty()) return false;
  for (const auto& e : occs)
    if (overlaps(e, o) && std::find(ex.begin(), ex.end(), e.pattern) != ex.end()) return true;
  return false;
}

bool near_match(const Taxonomy::Rules& r, int theme, const ThemeRule& rule, const Occurrence& o,
                const std::vector<Occurrence>& occs) {
  const int other = o.pattern == rule.a ? rule.b : rule.a;
  for (const auto& e : occs) {
    if (e.pattern != other || &e == &o || overlaps(e, o)) continue;
    const int gap = std::max(e.begin, o.begin) - std::min(e.end, o.end);
    if (gap <= rule.distance && !masked(r, theme, e, occs)) return true;
  }
  return false;
}

}  // namespace

Classification Taxonomy::classify(std::string_view text, std::string_view section, std::string_view doc_type) const {
  Classification out;
  const Rules& r = *rules_;
  const auto toks = taxonomy_text::tokenise(text);
  const auto occs = find_patterns(r, toks);
  const auto section_occs = section.empty() ? std::vector<Occurrence>{} : find_patterns(r, taxonomy_text::tokenise(section));
  if (is_boilerplate(r, text, toks.size(), section_occs)) {
    out.boilerplate = true;
    return out;
  }

  std::vector<std::pair<int, int>> hits;  // (theme, rule)
  for (const auto& o : occs) {
    for (const auto& [theme, rule_index] : r.users[o.pattern]) {
      const ThemeRule& rule = r.themes[theme].rules[rule_index];
      if (masked(r, theme, o, occs)) continue;
      if (rule.kind == ThemeRule::Kind::near && !near_match(r, theme, rule, o, occs)) continue;
      hits.emplace_back(theme, rule_index);
    }
  }
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  for (const auto& [theme, rule_index] : hits)
    out.matches[themes_[theme].id].push_back(r.themes[theme].rules[rule_index].label);
  for (const auto& [id, _] : out.matches) out.themes.push_back(id);  // std::map: sorted

  CueTally tally = tally_cues(r, occs);
  const Polarity heading = section_polarity(r, section_occs, doc_type);
  out.polarity = decide_polarity(r, tally, heading);
  out.polarity_cues = std::move(tally.cues);
  if (heading != Polarity::neutral) out.polarity_cues.push_back(std::string("section:") + to_string(heading));
  return out;
}

}  // namespace scrutiny
