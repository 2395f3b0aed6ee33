// Metadata hints from outside the file: a FILE.meta.json sidecar or a row of
// a CSV manifest. Only the known keys are kept, as strings; analyse_metadata
// validates the values (dates, vocabularies) when it applies them.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "scrutiny/metadata.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

const char* const kKeys[] = {"title", "date",     "body",      "type",
                             "url",   "authority", "judgement", "visit"};

bool known_key(const std::string& k) {
  for (const char* key : kKeys)
    if (k == key) return true;
  return false;
}

std::string trim(const std::string& s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

// RFC 4180: fields separated by commas, optionally quoted; "" inside quotes
// is a quote; quoted fields may span lines. Returns rows of fields, or an
// error message for an unterminated quote.
Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 BOM from spreadsheets
  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    bool blank = row.size() == 1 && trim(row[0]).empty();
    if (!blank) rows.push_back(std::move(row));
    row.clear();
    any = false;
  };
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && trim(field).empty()) {
      field.clear();
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) return Error{"unterminated quoted field"};
  if (any || !field.empty()) end_row();
  return rows;
}

}  // namespace

Result<std::optional<MetadataHints>> load_sidecar(const std::string& file_path) {
  const std::string sidecar = file_path + ".meta.json";
  std::error_code ec;
  if (!fs::exists(sidecar, ec)) return std::optional<MetadataHints>{};
  auto bytes = read_file(sidecar);
  if (!bytes) return Error{"cannot read sidecar " + sidecar};
  auto json = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Error{"invalid JSON in sidecar " + sidecar};
  if (!json.is_object()) return Error{"sidecar " + sidecar + " is not a JSON object"};
  MetadataHints hints;
  hints.origin = "sidecar";
  for (const auto& [key, value] : json.items()) {
    if (!known_key(key) || value.is_null()) continue;
    if (value.is_string()) {
      std::string v = trim(value.get<std::string>());
      if (!v.empty()) hints.fields[key] = v;
    } else if (value.is_number_integer()) {
      hints.fields[key] = std::to_string(value.get<long long>());  // "date": 2022
    } else {
      return Error{"sidecar " + sidecar + ": \"" + key + "\" must be a string"};
    }
  }
  return std::optional<MetadataHints>{std::move(hints)};
}

Result<std::map<std::string, MetadataHints>> load_manifest(const std::string& csv_path) {
  auto bytes = read_file(csv_path);
  if (!bytes) return Error{"cannot read manifest " + csv_path};
  auto rows = parse_csv(*bytes);
  if (!rows) return Error{"manifest " + csv_path + ": " + rows.error()};
  if (rows->empty()) return Error{"manifest " + csv_path + " is empty (a header row is required)"};

  std::vector<std::string> header;
  for (const auto& h : rows->front()) {
    std::string name = trim(h);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    header.push_back(name);
  }
  auto column = [&](const std::string& name) -> int {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  const int path_col = column("path");
  const int url_col = column("url");
  if (path_col < 0 && url_col < 0)
    return Error{"manifest " + csv_path + " has neither a path nor a url column"};

  const fs::path folder = fs::path(csv_path).parent_path();
  std::map<std::string, MetadataHints> out;
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& row = rows.value()[r];
    MetadataHints hints;
    hints.origin = "manifest";
    for (size_t c = 0; c < row.size() && c < header.size(); ++c) {
      std::string v = trim(row[c]);
      if (!v.empty() && known_key(header[c])) hints.fields[header[c]] = v;
    }
    std::string path = path_col >= 0 && path_col < static_cast<int>(row.size()) ? trim(row[path_col]) : "";
    std::string key;
    if (!path.empty()) {
      fs::path p(path);
      key = (p.is_absolute() ? p : folder / p).lexically_normal().string();
    } else if (hints.fields.count("url")) {
      key = hints.fields["url"];
    } else {
      return Error{"manifest " + csv_path + " row " + std::to_string(r) + ": no path or url"};
    }
    out[key] = std::move(hints);
  }
  return out;
}

}  // namespace scrutiny
