// A small TOML subset for corpus/taxonomy.toml: comments, [table] and
// [[array-of-tables]] headers, and `key = value` where a value is a string
// ("basic" or 'literal'), an integer, true/false, or an array of those that
// may span lines. That is all a scrutiny officer needs to edit the rules, and
// parsing it ourselves gives errors as file:line: reason.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scrutiny/result.h"

namespace scrutiny::toml {

struct Value {
  enum class Kind { string, integer, boolean, array };
  Kind kind = Kind::string;
  int line = 0;
  std::string str;
  long long integer = 0;
  bool boolean = false;
  std::vector<Value> items;  // Kind::array
};

struct Table {
  std::string name;            // "" for the keys before any header
  bool array_element = false;  // [[name]] rather than [name]
  int line = 0;
  std::vector<std::pair<std::string, Value>> entries;  // in file order
};

// Errors read "<origin>:<line>: <reason>".
Result<std::vector<Table>> parse(std::string_view text, const std::string& origin);

const char* kind_name(Value::Kind k);

}  // namespace scrutiny::toml
