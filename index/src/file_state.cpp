#include "scrutiny/file_state.h"

#include <sys/stat.h>
#include <xxhash.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace scrutiny {
namespace {

using nlohmann::json;

json stamp_json(const FileStamp& s) { return json{{"size", s.size}, {"mtime_ns", s.mtime_ns}}; }

FileStamp stamp_from(const json& j) {
  return FileStamp{j.value("size", std::int64_t{-1}), j.value("mtime_ns", std::int64_t{-1})};
}

std::optional<json> parse_object(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

}  // namespace

std::string state_key(std::string_view path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(std::filesystem::path(path), ec);
  if (ec) return std::string(path);
  return abs.lexically_normal().string();
}

std::string file_state_key(const std::string& key) { return std::string(kFileStatePrefix) + key; }
std::string failure_key(const std::string& key) { return std::string(kFailurePrefix) + key; }

std::string encode(const FileState& s) {
  json j = stamp_json(s.stamp);
  j["doc_id"] = s.doc_id;
  j["digest"] = s.digest;
  j["source"] = s.source;
  return j.dump();
}

std::string encode(const FailureRecord& f) {
  json j = stamp_json(f.stamp);
  j["reason"] = f.reason;
  j["time"] = f.time;
  j["source"] = f.source;
  return j.dump();
}

std::optional<FileState> decode_file_state(std::string_view text) {
  auto j = parse_object(text);
  if (!j) return std::nullopt;
  return FileState{stamp_from(*j), j->value("doc_id", ""), j->value("digest", ""),
                   j->value("source", "")};
}

std::optional<FailureRecord> decode_failure(std::string_view text) {
  auto j = parse_object(text);
  if (!j) return std::nullopt;
  return FailureRecord{stamp_from(*j), j->value("reason", ""), j->value("time", ""),
                       j->value("source", "")};
}

Result<FileStamp> stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Error{std::strerror(errno)};
  return FileStamp{static_cast<std::int64_t>(st.st_size),
                   static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

std::string content_digest(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

std::string utc_now_iso() {
  std::time_t now = std::time(nullptr);
  std::tm tm {};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace scrutiny
