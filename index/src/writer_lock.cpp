#include "scrutiny/writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "scrutiny/file_state.h"

namespace scrutiny {
namespace {

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown-host";
  return buf;
}

// Replaces the file's content with the holder line, keeping the locked inode.
void write_holder(int fd) {
  std::string line = fmt::format("pid {} on {} since {}\n", getpid(), host_name(), utc_now_iso());
  if (ftruncate(fd, 0) != 0) return;
  if (pwrite(fd, line.data(), line.size(), 0) < 0) return;
}

}  // namespace

std::string WriterLock::path_for(const std::string& dir) { return dir + "/scrutiny.lock"; }

std::string WriterLock::describe_holder(const std::string& dir) {
  std::ifstream in(path_for(dir));
  std::string line;
  std::getline(in, line);
  return line;
}

Result<WriterLock> WriterLock::acquire(const std::string& dir, double wait_seconds) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error{"cannot create index directory " + dir + ": " + ec.message()};
  const std::string path = path_for(dir);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error{"cannot open lock file " + path + ": " + std::strerror(errno)};
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<long>(wait_seconds * 1000));
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      std::string why = std::strerror(errno);
      ::close(fd);
      return Error{"cannot lock " + path + ": " + why};
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      std::string holder = describe_holder(dir);
      std::string waited = wait_seconds > 0 ? fmt::format(" (waited {:g} s)", wait_seconds) : "";
      return Error{"index at " + dir + " is locked by another ingest" +
                   (holder.empty() ? "" : ": " + holder) + waited};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  write_holder(fd);
  return WriterLock(fd);
}

WriterLock::WriterLock(WriterLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

WriterLock::~WriterLock() {
  if (fd_ < 0) return;
  if (ftruncate(fd_, 0) != 0) {
    // Nothing useful to do: the stale holder line is ignored once unlocked.
  }
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace scrutiny
