#include "taxonomy_toml.h"

#include <cctype>
#include <set>

namespace scrutiny::toml {
namespace {

class Parser {
 public:
  Parser(std::string_view text, const std::string& origin) : s_(text), origin_(origin) {}

  Result<std::vector<Table>> run() {
    tables_.push_back(Table{});
    tables_.back().line = 1;
    while (true) {
      skip_blank_and_comments();
      if (at_end()) break;
      if (!(peek() == '[' ? header() : key_value())) return Error{error_};
    }
    return std::move(tables_);
  }

 private:
  bool at_end() const { return pos_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }
  void advance() {
    if (s_[pos_] == '\n') ++line_;
    ++pos_;
  }

  bool fail(const std::string& reason) {
    error_ = origin_ + ":" + std::to_string(line_) + ": " + reason;
    return false;
  }

  void skip_spaces() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\r')) advance();
  }
  void skip_comment() {
    if (peek() == '#')
      while (!at_end() && peek() != '\n') advance();
  }
  // Spaces, comments and newlines (between statements and inside arrays).
  void skip_blank_and_comments() {
    while (!at_end()) {
      skip_spaces();
      skip_comment();
      if (peek() == '\n') advance();
      else break;
    }
  }
  // After a statement only a comment may follow on the line.
  bool end_of_line() {
    skip_spaces();
    skip_comment();
    if (at_end()) return true;
    if (peek() != '\n') return fail(std::string("unexpected '") + peek() + "' after value");
    advance();
    return true;
  }

  static bool bare_key_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  }
  bool bare_key(std::string& out) {
    out.clear();
    while (!at_end() && bare_key_char(peek())) {
      out += peek();
      advance();
    }
    return out.empty() ? fail("expected a key name (letters, digits, _ or -)") : true;
  }

  bool header() {
    const int line = line_;
    advance();  // '['
    const bool array = peek() == '[';
    if (array) advance();
    skip_spaces();
    std::string name;
    if (!bare_key(name)) return false;
    skip_spaces();
    if (peek() != ']' || (array && peek(1) != ']')) return fail(array ? "expected ']]'" : "expected ']'");
    advance();
    if (array) advance();
    if (!array) {
      if (!seen_tables_.insert(name).second) return fail("table [" + name + "] defined twice");
    } else if (seen_tables_.count(name)) {
      return fail("[[" + name + "]] conflicts with table [" + name + "]");
    }
    Table t;
    t.name = name;
    t.array_element = array;
    t.line = line;
    tables_.push_back(std::move(t));
    return end_of_line();
  }

  bool key_value() {
    std::string key;
    if (peek() == '"') {
      Value v;
      if (!string_value(v)) return false;
      key = v.str;
    } else if (!bare_key(key)) {
      return false;
    }
    skip_spaces();
    if (peek() != '=') return fail("expected '=' after key '" + key + "'");
    advance();
    skip_spaces();
    Value v;
    if (!value(v)) return false;
    Table& t = tables_.back();
    for (const auto& [k, _] : t.entries)
      if (k == key) return fail("key '" + key + "' given twice");
    t.entries.emplace_back(key, std::move(v));
    return end_of_line();
  }

  bool value(Value& v) {
    v.line = line_;
    const char c = peek();
    if (c == '"' || c == '\'') return string_value(v);
    if (c == '[') return array_value(v);
    if (s_.substr(pos_, 4) == "true" && !bare_key_char(peek(4))) {
      v.kind = Value::Kind::boolean;
      v.boolean = true;
      pos_ += 4;
      return true;
    }
    if (s_.substr(pos_, 5) == "false" && !bare_key_char(peek(5))) {
      v.kind = Value::Kind::boolean;
      pos_ += 5;
      return true;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+') return integer_value(v);
    if (at_end() || c == '\n') return fail("missing value");
    return fail("a value must be a \"string\", a number, true/false or a [list]");
  }

  bool integer_value(Value& v) {
    std::string digits;
    if (peek() == '-' || peek() == '+') {
      digits += peek();
      advance();
    }
    while (!at_end() && (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '_')) {
      if (peek() != '_') digits += peek();
      advance();
    }
    if (digits.empty() || digits == "-" || digits == "+" || bare_key_char(peek()) || peek() == '.')
      return fail("not a whole number (only integers are supported)");
    if (digits.size() > 18) return fail("number too large");
    v.kind = Value::Kind::integer;
    v.integer = std::stoll(digits);
    return true;
  }

  bool string_value(Value& v) {
    v.kind = Value::Kind::string;
    const char quote = peek();
    advance();
    while (true) {
      if (at_end() || peek() == '\n') return fail("unterminated string (strings must end on the same line)");
      const char c = peek();
      advance();
      if (c == quote) return true;
      if (c == '\\' && quote == '"') {
        if (at_end()) return fail("unterminated string");
        const char e = peek();
        advance();
        switch (e) {
          case '"': v.str += '"'; break;
          case '\\': v.str += '\\'; break;
          case 'n': v.str += '\n'; break;
          case 't': v.str += '\t'; break;
          default: return fail(std::string("unknown escape '\\") + e + "' (use '...' for text with backslashes)");
        }
        continue;
      }
      v.str += c;
    }
  }

  bool array_value(Value& v) {
    v.kind = Value::Kind::array;
    const int open_line = line_;
    advance();  // '['
    while (true) {
      skip_blank_and_comments();
      if (at_end()) {
        line_ = open_line;
        return fail("list opened here is never closed with ']'");
      }
      if (peek() == ']') {
        advance();
        return true;
      }
      Value item;
      if (!value(item)) return false;
      v.items.push_back(std::move(item));
      skip_blank_and_comments();
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == ']') continue;
      if (at_end()) continue;
      return fail("expected ',' or ']' in list (is a comma missing?)");
    }
  }

  std::string_view s_;
  const std::string& origin_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::string error_;
  std::vector<Table> tables_;
  std::set<std::string> seen_tables_;
};

}  // namespace

Result<std::vector<Table>> parse(std::string_view text, const std::string& origin) {
  return Parser(text, origin).run();
}

const char* kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::string: return "a string";
    case Value::Kind::integer: return "a number";
    case Value::Kind::boolean: return "true/false";
    case Value::Kind::array: return "a list";
  }
  return "?";
}

}  // namespace scrutiny::toml
