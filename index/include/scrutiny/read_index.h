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

// read_index for a read that produces a value: the value of its last,
// successful run, or the Error of the read or of the index.
template <typename T>
Result<T> read_index_value(const std::string& dir, const std::function<Result<T>(const Xapian::Database&)>& read) {
  std::optional<T> value;
  const Status st = read_index(dir, [&](const Xapian::Database& db) -> Status {
    Result<T> r = read(db);
    if (!r.ok()) return Error{r.error()};
    value = std::move(r).value();
    return Status::Ok();
  });
  if (!st.ok()) return Error{st.error()};
  return std::move(*value);
}

}  // namespace scrutiny
