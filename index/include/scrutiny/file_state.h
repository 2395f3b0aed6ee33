// FileState and FailureRecord: what the nightly ingest remembers about each
// file, stored as JSON in the index's user metadata (schema.h):
//   "file:<key>" -> FileState      the file was indexed as doc_id
//   "fail:<key>" -> FailureRecord  the file failed; not retried until it changes
// <key> is the file's absolute, lexically normal path (state_key), so runs
// from different working directories agree; `source` keeps the path as given.
// A file is unchanged when size and mtime (nanoseconds) match: it is then
// skipped without being opened.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scrutiny/result.h"

namespace scrutiny {

// Size and modification time of a file, as stat(2) reports them.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

struct FileState {
  FileStamp stamp;
  std::string doc_id;   // the indexed content (Document::doc_id)
  std::string digest;   // content_digest of the bytes: finds renames and copies without extracting
  std::string source;   // the path as given to ingest
};

struct FailureRecord {
  FileStamp stamp;
  std::string reason;   // one line, e.g. "crashed (signal 11)"
  std::string time;     // ISO 8601 UTC of the failed attempt
  std::string source;
};

// "file:" / "fail:" keys for a path (absolute, lexically normal).
std::string state_key(std::string_view path);
std::string file_state_key(const std::string& key);
std::string failure_key(const std::string& key);
inline constexpr std::string_view kFileStatePrefix = "file:";
inline constexpr std::string_view kFailurePrefix = "fail:";

std::string encode(const FileState& s);
std::string encode(const FailureRecord& f);
std::optional<FileState> decode_file_state(std::string_view json);
std::optional<FailureRecord> decode_failure(std::string_view json);

// stat(2) following symlinks; Error with strerror when it fails.
Result<FileStamp> stamp_of(const std::string& path);

// 128-bit xxh3 of the bytes, 32 hex digits.
std::string content_digest(std::string_view bytes);

// Current UTC time as "2026-11-22T23:05:00Z".
std::string utc_now_iso();

}  // namespace scrutiny
