// WriterLock: one ingest at a time per index. An flock(2) on DIR/scrutiny.lock
// that also records who holds it (pid, host, start time), so a second ingest
// can say whom it is waiting for. The kernel drops the lock when the holder
// dies, even by kill -9; a stale file is harmless. Xapian's own write lock
// still guards the database itself.
#pragma once

#include <string>

#include "scrutiny/result.h"

namespace scrutiny {

class WriterLock {
 public:
  // Takes the lock on index `dir` (created if missing), polling up to
  // `wait_seconds` (0: one try). The Error names the holder:
  // "index at DIR is locked by pid 123 on host since 2026-11-22T23:00:00Z".
  static Result<WriterLock> acquire(const std::string& dir, double wait_seconds);

  WriterLock(WriterLock&& other) noexcept;
  WriterLock& operator=(WriterLock&&) = delete;
  ~WriterLock();

  // The lock file's path for an index directory.
  static std::string path_for(const std::string& dir);
  // What the lock file says about its holder ("" when unreadable).
  static std::string describe_holder(const std::string& dir);

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace scrutiny
