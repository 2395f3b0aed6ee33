// Compiles the parsed taxonomy.toml into Taxonomy::Rules, checking every key
// so a typo in the file is reported with its line rather than ignored.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "taxonomy_rules.h"
#include "taxonomy_tokens.h"
#include "taxonomy_toml.h"

namespace scrutiny {
namespace {

using toml::Table;
using toml::Value;

std::string where(const std::string& origin, int line) { return origin + ":" + std::to_string(line) + ": "; }

int capitals(std::string_view s) {
  int n = 0;
  for (char c : s) n += (c >= 'A' && c <= 'Z');
  return n;
}

class Compiler {
 public:
  explicit Compiler(const std::string& origin) : origin_(origin) {}

  Result<std::pair<std::vector<ThemeInfo>, Taxonomy::Rules>> run(const std::vector<Table>& tables) {
    for (const Table& t : tables) {
      bool ok = true;
      if (t.name.empty()) ok = root(t);
      else if (t.name == "theme" && t.array_element) ok = theme(t);
      else if (t.name == "polarity" && !t.array_element) ok = polarity(t);
      else if (t.name == "boilerplate" && !t.array_element) ok = boilerplate(t);
      else ok = fail(t.line, "unknown section [" + t.name + "] (expected [[theme]], [polarity] or [boilerplate])");
      if (!ok) return Error{error_};
    }
    if (themes_.empty()) return Error{origin_ + ": no [[theme]] defined"};
    rules_.users.resize(rules_.patterns.size());
    for (std::size_t ti = 0; ti < rules_.themes.size(); ++ti) {
      const auto& rs = rules_.themes[ti].rules;
      for (std::size_t ri = 0; ri < rs.size(); ++ri) {
        rules_.users[rs[ri].a].emplace_back(static_cast<int>(ti), static_cast<int>(ri));
        if (rs[ri].b >= 0 && rs[ri].b != rs[ri].a)
          rules_.users[rs[ri].b].emplace_back(static_cast<int>(ti), static_cast<int>(ri));
      }
    }
    rules_.strength_cue.resize(rules_.patterns.size());
    rules_.concern_cue.resize(rules_.patterns.size());
    rules_.negator.resize(rules_.patterns.size());
    rules_.neutral_cue.resize(rules_.patterns.size());
    for (int p : neutral_) rules_.neutral_cue[p] = 1;
    rules_.cue_text.resize(rules_.patterns.size());
    for (auto& [p, text] : strength_) rules_.strength_cue[p] = 1, rules_.cue_text[p] = text;
    for (auto& [p, text] : concern_) rules_.concern_cue[p] = 1, rules_.cue_text[p] = text;
    for (int p : negators_) rules_.negator[p] = 1;
    for (auto& [p, text] : negator_text_) rules_.cue_text[p] = text;
    return std::make_pair(std::move(themes_), std::move(rules_));
  }

 private:
  bool fail(int line, const std::string& reason) {
    error_ = where(origin_, line) + reason;
    return false;
  }

  bool string_of(const std::string& key, const Value& v, std::string& out) {
    if (v.kind != Value::Kind::string) return fail(v.line, "'" + key + "' must be a \"string\", not " + toml::kind_name(v.kind));
    out = v.str;
    return true;
  }
  bool int_of(const std::string& key, const Value& v, int& out, int lo, int hi) {
    if (v.kind != Value::Kind::integer) return fail(v.line, "'" + key + "' must be a number");
    if (v.integer < lo || v.integer > hi)
      return fail(v.line, "'" + key + "' must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    out = static_cast<int>(v.integer);
    return true;
  }
  bool list_of(const std::string& key, const Value& v, std::vector<const Value*>& out) {
    if (v.kind != Value::Kind::array) return fail(v.line, "'" + key + "' must be a list: [\"...\", \"...\"]");
    for (const Value& item : v.items) {
      if (item.kind != Value::Kind::string) return fail(item.line, "'" + key + "' entries must be \"strings\"");
      if (item.str.find_first_not_of(" \t") == std::string::npos) return fail(item.line, "empty entry in '" + key + "'");
      out.push_back(&item);
    }
    return true;
  }

  // Words written with two or more capitals (SEND, CiN, DfE) match exactly as
  // written; so does any capitalised word of an `acronyms` entry. Others
  // match by stem.
  bool pattern(const Value& v, bool acronym, int& out) {
    Pattern p;
    std::string key;
    std::size_t i = 0;
    const std::string& s = v.str;
    while (i < s.size()) {  // whitespace-separated words; "=word" asks for that form only
      const auto b = s.find_first_not_of(" \t", i);
      if (b == std::string::npos) break;
      auto e = s.find_first_of(" \t", b);
      if (e == std::string::npos) e = s.size();
      std::string_view word(s.data() + b, e - b);
      i = e;
      const bool form = word.front() == '=';
      if (form) word.remove_prefix(1);
      for (const auto& t : taxonomy_text::tokenise(word)) {
        const int caps = capitals(t.raw);
        PatternWord w;
        if (form) w.kind = PatternWord::Kind::form, w.text = t.lower;
        else if (caps >= 2 || (acronym && caps >= 1)) w.kind = PatternWord::Kind::exact, w.text = t.raw;
        else w.text = t.stem;
        key += "~=!"[static_cast<int>(w.kind)] + w.text + " ";
        p.words.push_back(std::move(w));
      }
    }
    if (p.words.empty()) return fail(v.line, "'" + v.str + "' has no words");
    if (auto it = pattern_ids_.find(key); it != pattern_ids_.end()) {
      out = it->second;
      return true;
    }
    out = static_cast<int>(rules_.patterns.size());
    pattern_ids_[key] = out;
    const PatternWord& first = p.words.front();
    auto& index = first.kind == PatternWord::Kind::stem    ? rules_.by_first_stem
                  : first.kind == PatternWord::Kind::exact ? rules_.by_first_exact
                                                           : rules_.by_first_form;
    index[first.text].push_back(out);
    rules_.patterns.push_back(std::move(p));
    return true;
  }

  bool root(const Table& t) {
    for (const auto& [key, v] : t.entries)
      if (key != "version") return fail(v.line, "unknown key '" + key + "' before the first section");
    return true;
  }

  bool theme(const Table& t) {
    ThemeInfo info;
    ThemeRules tr;
    for (const auto& [key, v] : t.entries) {
      bool ok = true;
      if (key == "id") ok = string_of(key, v, info.id) && valid_id(v, info.id);
      else if (key == "label") ok = string_of(key, v, info.label);
      else if (key == "group") ok = string_of(key, v, info.group);
      else if (key == "description") ok = string_of(key, v, tr.description);
      else if (key == "words") ok = simple_rules(key, v, ThemeRule::Kind::word, "word:", tr);
      else if (key == "phrases") ok = simple_rules(key, v, ThemeRule::Kind::phrase, "phrase:", tr);
      else if (key == "acronyms") ok = simple_rules(key, v, ThemeRule::Kind::acronym, "acronym:", tr);
      else if (key == "near") ok = near_rules(key, v, tr);
      else if (key == "exclude") ok = exclusions(key, v, tr);
      else ok = fail(v.line, "unknown key '" + key + "' in [[theme]] (expected id, label, group, description, words, phrases, acronyms, near, exclude)");
      if (!ok) return false;
    }
    if (info.id.empty()) return fail(t.line, "[[theme]] without an id");
    if (info.label.empty()) info.label = info.id;
    if (!ids_.insert(info.id).second) return fail(t.line, "theme '" + info.id + "' defined twice");
    themes_.push_back(std::move(info));
    rules_.themes.push_back(std::move(tr));
    return true;
  }

  bool valid_id(const Value& v, const std::string& id) {
    if (id.empty()) return fail(v.line, "empty theme id");
    for (char c : id)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
        return fail(v.line, "theme id '" + id + "' may use only a-z, 0-9 and _");
    return true;
  }

  bool simple_rules(const std::string& key, const Value& v, ThemeRule::Kind kind, const char* prefix, ThemeRules& tr) {
    std::vector<const Value*> items;
    if (!list_of(key, v, items)) return false;
    for (const Value* item : items) {
      if (kind == ThemeRule::Kind::acronym && capitals(item->str) == 0)
        return fail(item->line, "acronym '" + item->str + "' has no capital letters (use phrases for ordinary words)");
      ThemeRule r;
      r.kind = kind;
      if (!pattern(*item, kind == ThemeRule::Kind::acronym, r.a)) return false;
      if (kind == ThemeRule::Kind::word && rules_.patterns[r.a].words.size() != 1)
        return fail(item->line, "'" + item->str + "' is more than one word: put it in phrases");
      r.label = prefix + item->str;
      // "disabled" and "disability" share a stem: one rule, named as first written.
      const bool duplicate = std::any_of(tr.rules.begin(), tr.rules.end(), [&](const ThemeRule& o) {
        return o.kind != ThemeRule::Kind::near && o.a == r.a;
      });
      if (!duplicate) tr.rules.push_back(std::move(r));
    }
    return true;
  }

  // "agency + staff / 5": both sides within 5 words of each other, either order.
  bool near_rules(const std::string& key, const Value& v, ThemeRules& tr) {
    std::vector<const Value*> items;
    if (!list_of(key, v, items)) return false;
    for (const Value* item : items) {
      const std::string& s = item->str;
      const auto plus = s.find('+');
      if (plus == std::string::npos || s.find('+', plus + 1) != std::string::npos)
        return fail(item->line, "near rule '" + s + "' must read \"words + words / N\"");
      const auto slash = s.find('/', plus);
      Value a = *item, b = *item;
      a.str = s.substr(0, plus);
      b.str = s.substr(plus + 1, slash == std::string::npos ? std::string::npos : slash - plus - 1);
      ThemeRule r;
      r.kind = ThemeRule::Kind::near;
      r.distance = 5;
      if (slash != std::string::npos) {
        const std::string n = s.substr(slash + 1);
        const auto digits = n.find_first_not_of(" \t");
        if (digits == std::string::npos || !std::isdigit(static_cast<unsigned char>(n[digits])))
          return fail(item->line, "near rule '" + s + "': expected a number of words after '/'");
        r.distance = std::stoi(n.substr(digits, 3));
        if (r.distance > 50) return fail(item->line, "near rule '" + s + "': distance above 50 words");
      }
      if (!pattern(a, false, r.a) || !pattern(b, false, r.b)) return false;
      r.label = "near:" + trim(a.str) + "+" + trim(b.str) + "/" + std::to_string(r.distance);
      tr.rules.push_back(std::move(r));
    }
    return true;
  }

  static std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
  }

  bool exclusions(const std::string& key, const Value& v, ThemeRules& tr) {
    std::vector<const Value*> items;
    if (!list_of(key, v, items)) return false;
    for (const Value* item : items) {
      int p = -1;
      if (!pattern(*item, false, p)) return false;
      tr.exclusions.push_back(p);
    }
    return true;
  }

  bool patterns(const std::string& key, const Value& v, std::vector<int>& out,
                std::vector<std::pair<int, std::string>>* texts = nullptr) {
    std::vector<const Value*> items;
    if (!list_of(key, v, items)) return false;
    for (const Value* item : items) {
      int p = -1;
      if (!pattern(*item, false, p)) return false;
      out.push_back(p);
      if (texts) texts->emplace_back(p, item->str);
    }
    return true;
  }

  bool polarity(const Table& t) {
    std::vector<int> ignored;
    for (const auto& [key, v] : t.entries) {
      bool ok = true;
      if (key == "strength") ok = patterns(key, v, ignored, &strength_);
      else if (key == "concern") ok = patterns(key, v, ignored, &concern_);
      else if (key == "neutral") ok = patterns(key, v, neutral_);
      else if (key == "negators") ok = patterns(key, v, negators_, &negator_text_);
      else if (key == "negation_window") ok = int_of(key, v, rules_.negation_window, 0, 10);
      else if (key == "section_override_margin") ok = int_of(key, v, rules_.section_override_margin, 1, 100);
      else if (key == "strength_sections") ok = patterns(key, v, rules_.strength_sections);
      else if (key == "concern_sections") ok = patterns(key, v, rules_.concern_sections);
      else if (key == "ofsted_concern_sections") ok = patterns(key, v, rules_.ofsted_concern_sections);
      else ok = fail(v.line, "unknown key '" + key + "' in [polarity]");
      if (!ok) return false;
    }
    return true;
  }

  bool lower_strings(const std::string& key, const Value& v, std::vector<std::string>& out) {
    std::vector<const Value*> items;
    if (!list_of(key, v, items)) return false;
    for (const Value* item : items) out.push_back(taxonomy_text::ascii_lower(item->str));
    return true;
  }

  bool boilerplate(const Table& t) {
    for (const auto& [key, v] : t.entries) {
      bool ok = true;
      if (key == "starts_with") ok = lower_strings(key, v, rules_.starts_with);
      else if (key == "contains") ok = lower_strings(key, v, rules_.contains);
      else if (key == "sections") ok = patterns(key, v, rules_.boilerplate_sections);
      else if (key == "contact_max_words") ok = int_of(key, v, rules_.contact_max_words, 0, 1000);
      else ok = fail(v.line, "unknown key '" + key + "' in [boilerplate]");
      if (!ok) return false;
    }
    return true;
  }

  const std::string& origin_;
  std::string error_;
  std::vector<ThemeInfo> themes_;
  Taxonomy::Rules rules_;
  std::set<std::string> ids_;
  std::map<std::string, int> pattern_ids_;
  std::vector<std::pair<int, std::string>> strength_, concern_, negator_text_;
  std::vector<int> negators_, neutral_;
};

}  // namespace

Result<std::pair<std::vector<ThemeInfo>, Taxonomy::Rules>> compile_taxonomy(std::string_view text,
                                                                           const std::string& origin) {
  auto tables = toml::parse(text, origin);
  if (!tables) return Error{tables.error()};
  return Compiler(origin).run(tables.value());
}

}  // namespace scrutiny
