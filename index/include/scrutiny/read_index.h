// read_index: reading an index while an ingest writes it.
//
// A Xapian reader reads the revision it opened. After a writer's commit that
// revision stays readable, but the next commit may reuse its blocks, and the
// reader then throws Xapian::DatabaseModifiedError. On a large archive a
// nightly ingest commits every second or two, so a `status`, `themes` or
// `trace` run beside it can meet this. read_index reopens the index at its
// newest revision and runs the read again.
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>

#include "scrutiny/result.h"

namespace scrutiny {

// How many times a read is run before read_index gives up.
inline constexpr int kReadAttempts = 3;

// Returns read(db). Each time `read` throws DatabaseModifiedError, `db` is
// reopened and `read` runs again from the start, up to kReadAttempts times;
// then an Error naming `what` ("index at DIR"). So `read` must let
// that exception through: code that turns Xapian errors into Errors catches
// DatabaseModifiedError first and rethrows it.
Status read_current(Xapian::Database& db, const std::string& what,
                    const std::function<Status(const Xapian::Database&)>& read);

// Opens the index at `dir` for reading (open_index_for_reading), then
// read_current.
Status read_index(const std::string& dir, const std::function<Status(const Xapian::Database&)>& read);

namespace read_index_detail {
// Runs `read` through `run` (read_current or read_index) and keeps the
// Result of its last run; an Error of the retrying itself wins.
template <typename T, typename Run>
Result<T> keep_last(const Run& run, const std::function<Result<T>(const Xapian::Database&)>& read) {
  std::optional<Result<T>> last;
  const Status st = run([&](const Xapian::Database& db) -> Status {
    last = read(db);
    return Status::Ok();
  });
  if (!st.ok()) return Error{st.error()};
  return std::move(*last);
}
}  // namespace read_index_detail

// read_current and read_index for reads that produce a value: the Result of
// the read's last, complete run, or the Error of opening or rereading.
template <typename T>
Result<T> read_current_value(Xapian::Database& db, const std::string& what,
                             const std::function<Result<T>(const Xapian::Database&)>& read) {
  return read_index_detail::keep_last<T>(
      [&](const std::function<Status(const Xapian::Database&)>& r) { return read_current(db, what, r); }, read);
}

template <typename T>
Result<T> read_index_value(const std::string& dir, const std::function<Result<T>(const Xapian::Database&)>& read) {
  return read_index_detail::keep_last<T>(
      [&](const std::function<Status(const Xapian::Database&)>& r) { return read_index(dir, r); }, read);
}

}  // namespace scrutiny
