#include "query_text.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "scrutiny/normalise.h"
#include "scrutiny/synonym_terms.h"
#include "scrutiny/synonyms.h"

namespace scrutiny {
namespace {

bool space(char c) { return std::isspace(static_cast<unsigned char>(c)); }
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

struct Token {
  enum Kind { word, quoted, other } kind;
  size_t begin, end;  // span in the text
  std::string key;    // lower-case words for synonym lookup
};

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Lower-cased word without trailing punctuation; "" when it must not be expanded.
std::string word_key(std::string_view w) {
  static const std::set<std::string_view> kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  if (w.empty() || w[0] == '+' || w[0] == '-' || w.back() == '*') return "";
  if (w.find(':') != std::string_view::npos || w.find('/') != std::string_view::npos) return "";
  if (kOperators.count(w)) return "";
  while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back())) && w.back() != '\'') w.remove_suffix(1);
  return lower(w);
}

std::vector<Token> tokenize(const std::string& text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (space(c)) {
      ++i;
    } else if (c == '"') {
      size_t close = text.find('"', i + 1);
      size_t end = close == std::string::npos ? text.size() : close + 1;
      std::string inner = text.substr(i + 1, (close == std::string::npos ? text.size() : close) - i - 1);
      // A quoted phrase directly after "name:" belongs to that prefix.
      bool prefixed = i > 0 && text[i - 1] == ':';
      tokens.push_back({prefixed ? Token::other : Token::quoted, i, end, lower(inner)});
      i = end;
    } else if (c == '(' || c == ')') {
      tokens.push_back({Token::other, i, i + 1, ""});
      ++i;
    } else {
      size_t end = i;
      while (end < text.size() && !space(text[end]) && text[end] != '(' && text[end] != ')' && text[end] != '"')
        ++end;
      // Keep name:"quoted value" together; another quote starts a phrase.
      if (end < text.size() && text[end] == '"' && text[end - 1] == ':') {
        size_t close = text.find('"', end + 1);
        end = close == std::string::npos ? text.size() : close + 1;
      }
      std::string key = word_key(std::string_view(text).substr(i, end - i));
      tokens.push_back({key.empty() ? Token::other : Token::word, i, end, key});
      i = end;
    }
  }
  return tokens;
}

std::string alternatives(const std::vector<std::string>& group) {
  std::string out = "(";
  for (const auto& e : group) {
    if (out.size() > 1) out += " OR ";
    out += e.find(' ') == std::string::npos ? e : "\"" + e + "\"";
  }
  return out + ")";
}

// The words TermGenerator indexes from a field's value: runs of letters,
// digits, non-ASCII bytes (é, and any UTF-8 letter), '_', apostrophes and
// '&' ("children's", "A&E"), and '.' or ',' between digits ("1.5").
std::vector<std::string> field_words(std::string_view value) {
  auto digit = [&](size_t i) { return i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])); };
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const auto u = static_cast<unsigned char>(c);
    const bool in_number = (c == '.' || c == ',') && i > 0 && digit(i - 1) && digit(i + 1);
    if (std::isalnum(u) || u >= 0x80 || c == '\'' || c == '_' || c == '&' || in_number) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

// The indexed text's own folding (normalise_text: NFKC, so ligatures and
// fullwidth letters; curly quotes; odd spaces), so a pasted "ﬁnance" or
// "Council’s" finds what ingest indexed. En dashes also become '-', so a
// pasted "2019–2021" is a hyphenated phrase, as "2019-2021" is.
std::string fold_query_text(const std::string& text) {
  std::string out = normalise_text(text);
  static constexpr std::string_view kEnDash = "\u2013";
  for (size_t at = out.find(kEnDash); at != std::string::npos; at = out.find(kEnDash, at + 1))
    out.replace(at, kEnDash.size(), "-");
  return out;
}

Result<ScannedQuery> scan_query(const std::string& text) {
  ScannedQuery out;
  bool in_quote = false;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      in_quote = !in_quote;
      ++i;
      continue;
    }
    if (in_quote || space(c) || c == '(' || c == ')') {
      if (in_quote && word_char(c)) out.blank = false;
      ++i;
      continue;
    }
    size_t start = i;
    if (text[start] == '+' || text[start] == '-') ++start;
    size_t colon = start;
    while (colon < text.size() && word_char(text[colon])) ++colon;
    if (colon > start && std::isalpha(static_cast<unsigned char>(text[start])) && colon + 1 < text.size() &&
        text[colon] == ':' && !space(text[colon + 1])) {
      PrefixedWord w{text.substr(start, colon - start), ""};
      size_t end;
      if (text[colon + 1] == '"') {
        size_t close = text.find('"', colon + 2);
        if (close == std::string::npos) return Error{"unbalanced quotes in query"};
        w.value = text.substr(colon + 2, close - colon - 2);
        end = close + 1;
      } else {
        end = colon + 1;
        while (end < text.size() && !space(text[end]) && text[end] != ')' && text[end] != '"') ++end;
        w.value = text.substr(colon + 1, end - colon - 1);
      }
      out.prefixed.push_back(std::move(w));
      out.blank = false;
      i = end;
      continue;
    }
    while (i < text.size() && !space(text[i]) && text[i] != '"' && text[i] != '(' && text[i] != ')') {
      if (word_char(text[i])) out.blank = false;
      ++i;
    }
  }
  if (in_quote) return Error{"unbalanced quotes in query"};
  return out;
}

std::string expand_synonyms(const std::string& text, const Synonyms& synonyms, bool as_field) {
  if (synonyms.groups().empty()) return text;
  const std::vector<Token> tokens = tokenize(text);
  std::string out;
  size_t copied = 0;
  for (size_t t = 0; t < tokens.size();) {
    const Token& tok = tokens[t];
    int group = -1;
    size_t span = 1;
    if (tok.kind == Token::quoted) {
      group = synonyms.find(tok.key);
    } else if (tok.kind == Token::word) {
      // Longest run of plain words that is an entry.
      size_t run = 0;
      while (t + run < tokens.size() && tokens[t + run].kind == Token::word && run < synonyms.max_words()) ++run;
      for (size_t n = run; n >= 1 && group < 0; --n) {
        std::string key = tok.key;
        for (size_t k = 1; k < n; ++k) key += " " + tokens[t + k].key;
        group = synonyms.find(key);
        if (group >= 0) span = n;
      }
    }
    if (group < 0) {
      ++t;
      continue;
    }
    out.append(text, copied, tok.begin - copied);
    out += as_field ? std::string(kSynonymField) + ":" + std::to_string(group) : alternatives(synonyms.groups()[group]);
    copied = tokens[t + span - 1].end;
    t += span;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

std::string quoted_entries_as_fields(const std::string& text, const Synonyms& synonyms) {
  std::string out;
  size_t copied = 0;
  for (const Token& tok : tokenize(text)) {
    if (tok.kind != Token::quoted) continue;
    const int group = synonyms.find(tok.key);
    if (group < 0 || synonym_entry_term(tok.key).empty()) continue;
    const auto& entries = synonyms.groups()[static_cast<size_t>(group)];
    const size_t entry = static_cast<size_t>(std::find(entries.begin(), entries.end(), tok.key) - entries.begin());
    out.append(text, copied, tok.begin - copied);
    out += std::string(kSynonymEntryField) + ":" + std::to_string(group) + "." + std::to_string(entry);
    copied = tok.end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

std::string spelling_correction(const std::string& text, const Xapian::Database& db, const Synonyms* synonyms) {
  static const std::set<std::string_view> kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < text.size()) {
    if (!word_char(text[i])) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && (word_char(text[end]) || text[end] == '\'')) ++end;
    const std::string word = text.substr(i, end - i);
    const bool prefixed = end < text.size() && text[end] == ':';
    const bool wildcard = end < text.size() && text[end] == '*';
    std::string replacement = word;
    const std::string key = lower(word);
    if (!prefixed && !wildcard && !kOperators.count(word) && key.size() >= 3 &&
        std::none_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c); }) &&
        !db.term_exists(key) && !(synonyms && synonyms->find(key) >= 0)) {
      std::string suggestion = db.get_spelling_suggestion(key);
      if (!suggestion.empty() && suggestion != key) {
        replacement = suggestion;
        changed = true;
      }
    }
    out += replacement;
    i = end;
    // Skip the value of a prefixed word ("theme:workforce").
    if (prefixed) {
      size_t value_end = i + 1;
      if (value_end < text.size() && text[value_end] == '"') value_end = text.find('"', value_end + 1);
      while (value_end < text.size() && !space(text[value_end])) ++value_end;
      if (value_end == std::string::npos) value_end = text.size();
      out.append(text, i, value_end - i);
      i = value_end;
    }
  }
  return changed ? out : "";
}

std::string unpositioned_fields_as_words(const std::string& text) {
  std::string out;
  size_t copied = 0;
  for (const Token& tok : tokenize(text)) {
    if (tok.kind != Token::other) continue;
    std::string_view t = std::string_view(text).substr(tok.begin, tok.end - tok.begin);
    const std::string_view sign = !t.empty() && (t[0] == '+' || t[0] == '-') ? t.substr(0, 1) : "";
    t.remove_prefix(sign.size());
    const size_t colon = t.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string name = lower(t.substr(0, colon));
    if (name != "title" && name != "section") continue;
    std::string_view value = t.substr(colon + 1);
    if (value.find('*') != std::string_view::npos) continue;  // a wildcard: QueryParser's
    if (!value.empty() && value[0] == '"' && (value.size() < 2 || value.back() != '"')) continue;  // unbalanced: scan_query's error
    const std::vector<std::string> words = field_words(value);
    if (words.size() < 2) continue;
    out.append(text, copied, tok.begin - copied);
    out += std::string(sign) + "(";
    for (size_t i = 0; i < words.size(); ++i)
      out += (i ? " AND " : "") + std::string(t.substr(0, colon)) + ":\"" + words[i] + "\"";
    out += ")";
    copied = tok.end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace scrutiny
