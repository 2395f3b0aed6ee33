#include "scrutiny/read_index.h"

#include "scrutiny/index_writer.h"

namespace scrutiny {

Status read_current(Xapian::Database& db, const std::string& what,
                    const std::function<Status(const Xapian::Database&)>& read) {
  for (int attempt = 1;; ++attempt) {
    try {
      return read(db);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kReadAttempts)
        return Error{what + " changed under " + std::to_string(kReadAttempts) +
                     " reads in a row (is an ingest committing?): " + e.get_msg()};
    }
    try {
      db.reopen();
    } catch (const Xapian::Error& e) {
      return Error{"cannot reopen " + what + ": " + e.get_type() + ": " + e.get_msg()};
    }
  }
}

Status read_index(const std::string& dir, const std::function<Status(const Xapian::Database&)>& read) {
  Result<Xapian::Database> db = open_index_for_reading(dir);
  if (!db) return Error{db.error()};
  return read_current(db.value(), "index at " + dir, read);
}

}  // namespace scrutiny
