#include "scrutiny/index_status.h"

#include <fmt/format.h>

#include "scrutiny/file_state.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/prefix_terms.h"
#include "scrutiny/read_index.h"
#include "scrutiny/schema.h"

namespace scrutiny {
namespace {

using nlohmann::json;

size_t count_keys(const Xapian::Database& db, const std::string& prefix) {
  size_t n = 0;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) ++n;
  return n;
}

json years(const Xapian::Database& db) {
  json out = json::array();
  const std::string prefix(schema::kYear);
  for (const std::string& t : terms_with_prefix(db, prefix)) {
    std::string y = t.substr(prefix.size());
    if (y.size() == 4 && y.find_first_not_of("0123456789") == std::string::npos) out.push_back(std::stoi(y));
  }
  return out;
}

json failures(const Xapian::Database& db) {
  json out = json::array();
  const std::string prefix(kFailurePrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    auto f = decode_failure(db.get_metadata(*it));
    if (!f) continue;
    std::string path = f->source.empty() ? (*it).substr(prefix.size()) : f->source;
    out.push_back({{"path", path}, {"reason", f->reason}, {"time", f->time}});
  }
  return out;
}

std::string year_span(const json& ys) {
  if (ys.empty()) return "none";
  std::string out;
  for (const auto& y : ys) out += (out.empty() ? "" : " ") + std::to_string(y.get<int>());
  return out;
}

// "5", or "4 (older than 5: ...)" when retag would migrate the index.
std::string schema_line(const json& s) {
  const std::string version = s.value("schema", ""), current = s.value("current_schema", "");
  if (version.empty()) return "unknown";
  if (!schema::older_schema(version)) return version;
  return version + " (older than " + current + ": `scrutiny retag`, then `scrutiny compact`, migrates it)";
}

}  // namespace

Result<json> index_status(const std::string& dir) {
  return read_index_value<json>(dir, [&](const Xapian::Database& db) -> Result<json> {
    try {
      json last = json::parse(db.get_metadata("run:last"), nullptr, false);
      return json{{"db", dir},
                  {"schema", db.get_metadata("schema")},
                  {"current_schema", std::string(schema::kSchemaVersion)},
                  {"documents", count_keys(db, "doc:")},
                  {"passages", db.get_doccount()},
                  {"files", count_keys(db, std::string(kFileStatePrefix))},
                  {"years", years(db)},
                  {"last_run", last.is_object() ? last : json(nullptr)},
                  {"failures", failures(db)}};
    } catch (const Xapian::DatabaseModifiedError&) {
      throw;  // an ingest committed meanwhile: read_index reads again
    } catch (const Xapian::Error& e) {
      return Error{"cannot read index at " + dir + ": " + e.get_msg()};
    }
  });
}

std::string format_status(const json& s) {
  std::string out = fmt::format("index:     {}\nschema:    {}\ndocuments: {}\npassages:  {}\nfiles:     {}\nyears:     {}\n",
                                s["db"].get<std::string>(), schema_line(s), s["documents"].get<size_t>(),
                                s["passages"].get<size_t>(), s["files"].get<size_t>(), year_span(s["years"]));
  const json& r = s["last_run"];
  if (r.is_object()) {
    out += fmt::format(
        "last run:  {} to {} ({:.1f} s): {} added, {} updated, {} unchanged, {} removed, {} failed; "
        "{} pages, {} passages\n",
        r.value("started", ""), r.value("finished", ""), r.value("seconds", 0.0), r.value("added", 0),
        r.value("updated", 0), r.value("unchanged", 0), r.value("removed", 0),
        r.contains("failed") ? r["failed"].size() : 0, r.value("pages", 0), r.value("passages", 0));
  } else {
    out += "last run:  none recorded\n";
  }
  out += fmt::format("failures:  {}\n", s["failures"].size());
  for (const auto& f : s["failures"])
    out += fmt::format("  {}: {} ({})\n", f["path"].get<std::string>(), f["reason"].get<std::string>(),
                       f["time"].get<std::string>());
  return out;
}

}  // namespace scrutiny
