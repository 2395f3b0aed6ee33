#include "scrutiny/extract_worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include <fmt/format.h>

#include "scrutiny/document_wire.h"

namespace scrutiny {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kChildFd = 3;
constexpr int kExitOutOfMemory = 42;

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

void out_of_memory() { ::_exit(kExitOutOfMemory); }

// Test hook: with SCRUTINY_FAULT_INJECTION set, files named crash-*, hang-*
// and oom-* make the worker misbehave the way a hostile parser would; slow-*
// files take 3 s (time for a test to change them mid-read).
void inject_fault(const std::string& path) {
  if (!std::getenv("SCRUTINY_FAULT_INJECTION")) return;
  const std::string name = path.substr(path.find_last_of('/') + 1);
  if (name.rfind("crash-", 0) == 0) {
    ::signal(SIGSEGV, SIG_DFL);  // a real crash, even where ASan handles SEGV
    ::raise(SIGSEGV);
  }
  if (name.rfind("slow-", 0) == 0) ::sleep(3);
  if (name.rfind("hang-", 0) == 0)
    for (;;) ::pause();
#if !defined(__SANITIZE_ADDRESS__)  // no RLIMIT_AS under ASan: this would eat the machine
  if (name.rfind("oom-", 0) == 0) {
    std::vector<std::unique_ptr<char[]>> hog;
    for (;;) {
      hog.emplace_back(new char[64 << 20]);
      hog.back()[0] = 1;  // address space, not RSS: RLIMIT_AS is what trips
    }
  }
#endif
}

// Everything the child does between fork and _exit: no return.
[[noreturn]] void run_child(int write_fd, pid_t parent, const ExtractJob& job,
                            const IngestOptions& base, const WorkerLimits& limits) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  // Keep only the pipe (as fd 3): the index and lock files stay the parent's.
  if (write_fd != kChildFd) {
    ::dup2(write_fd, kChildFd);
    ::close(write_fd);
  }
  ::close_range(kChildFd + 1, ~0U, 0);
  int devnull = ::open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    ::dup2(devnull, 0);
    ::dup2(devnull, 2);  // parsers chatter on stderr; reasons come back on the pipe
    if (devnull > kChildFd) ::close(devnull);
  }
#if !defined(__SANITIZE_ADDRESS__)
  if (limits.max_memory_mib > 0) {
    rlim_t cap = static_cast<rlim_t>(limits.max_memory_mib) * 1024 * 1024;
    struct rlimit rl {cap, cap};
    ::setrlimit(RLIMIT_AS, &rl);
  }
#else
  (void)limits;
#endif
  std::set_new_handler(out_of_memory);
  std::string message;
  try {
    inject_fault(job.source);
    IngestOptions options = base;
    if (job.hints) options.hints = job.hints;
    Result<Document> doc = ingest_file(job.source, options);
    message = doc.ok() ? "D" + encode_document(doc.value()) : "E" + doc.error();
  } catch (const std::bad_alloc&) {
    ::_exit(kExitOutOfMemory);
  } catch (const std::exception& e) {
    message = std::string("Eextractor failed: ") + e.what();
  } catch (...) {
    message = "Eextractor failed with an unknown exception";
  }
  write_all(kChildFd, message);
  ::_exit(0);
}

std::string first_line(std::string s) {
  if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  return s.empty() ? "extraction failed" : s;
}

}  // namespace

struct ExtractPool::Worker {
  ExtractJob job;
  pid_t pid = -1;
  int fd = -1;  // read end; -1 after EOF
  std::string message;
  Clock::time_point deadline;
  bool timed_out = false;
  bool reaped = false;
  int status = 0;
};

ExtractPool::ExtractPool(size_t jobs, WorkerLimits limits, IngestOptions base)
    : jobs_(jobs == 0 ? 1 : jobs), limits_(limits), base_(std::move(base)) {}

ExtractPool::~ExtractPool() {
  for (auto& w : workers_) {
    if (w.fd >= 0) ::close(w.fd);
    if (!w.reaped) {
      ::kill(w.pid, SIGKILL);
      ::waitpid(w.pid, nullptr, 0);
    }
  }
}

bool ExtractPool::full() const { return workers_.size() >= jobs_; }
bool ExtractPool::idle() const { return workers_.empty(); }

Status ExtractPool::start(ExtractJob job) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error{std::string("cannot create pipe: ") + std::strerror(errno)};
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Error{std::string("cannot fork a worker: ") + std::strerror(errno)};
  }
  if (pid == 0) {
    ::close(fds[0]);
    run_child(fds[1], parent, job, base_, limits_);
  }
  ::close(fds[1]);
  Worker w;
  w.job = std::move(job);
  w.pid = pid;
  w.fd = fds[0];
  w.deadline = Clock::now() + std::chrono::milliseconds(static_cast<long>(limits_.timeout_seconds * 1000));
  workers_.push_back(std::move(w));
  return Status::Ok();
}

bool ExtractPool::reap(Worker& w, bool block) {
  if (w.reaped) return true;
  pid_t r;
  do {
    r = ::waitpid(w.pid, &w.status, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == w.pid || r < 0) w.reaped = true;
  return w.reaped;
}

ExtractOutcome ExtractPool::outcome_of(Worker& w) {
  ExtractOutcome out{std::move(w.job), std::nullopt, ""};
  if (w.timed_out) {
    out.error = fmt::format("timed out after {:g} s", limits_.timeout_seconds);
  } else if (WIFSIGNALED(w.status)) {
    out.error = fmt::format("crashed (signal {})", WTERMSIG(w.status));
  } else if (WIFEXITED(w.status) && WEXITSTATUS(w.status) == kExitOutOfMemory) {
    out.error = fmt::format("exceeded memory limit ({} MiB)", limits_.max_memory_mib);
  } else if (!WIFEXITED(w.status) || WEXITSTATUS(w.status) != 0) {
    out.error = fmt::format("worker exited with status {}", WEXITSTATUS(w.status));
  } else if (w.message.empty()) {
    out.error = "worker sent no result";
  } else if (w.message[0] == 'D') {
    Result<Document> doc = decode_document(std::string_view(w.message).substr(1));
    if (doc.ok()) out.document = std::move(doc.value());
    else out.error = doc.error();
  } else {
    out.error = first_line(w.message.substr(1));
  }
  return out;
}

std::vector<ExtractOutcome> ExtractPool::collect(double max_wait_seconds) {
  std::vector<ExtractOutcome> done;
  const auto until = Clock::now() + std::chrono::milliseconds(static_cast<long>(max_wait_seconds * 1000));
  while (done.empty() && !workers_.empty()) {
    auto now = Clock::now();
    auto wake = until;
    std::vector<pollfd> fds;
    for (auto& w : workers_) {
      if (!w.timed_out && now >= w.deadline) {
        ::kill(w.pid, SIGKILL);
        w.timed_out = true;
      }
      if (w.fd >= 0) fds.push_back({w.fd, POLLIN, 0});
      wake = std::min(wake, w.deadline);
    }
    bool unreaped_closed = false;
    for (auto& w : workers_) unreaped_closed |= (w.fd < 0 && !w.reaped);
    auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
    if (unreaped_closed) wait_ms = std::min<long>(wait_ms, 5);
    if (wait_ms < 0) wait_ms = 0;
    if (!fds.empty()) {
      ::poll(fds.data(), fds.size(), static_cast<int>(wait_ms));
    } else if (wait_ms > 0) {
      ::usleep(static_cast<useconds_t>(wait_ms) * 1000);
    }
    char buf[65536];
    for (auto& w : workers_) {
      if (w.fd < 0) continue;
      for (const auto& p : fds) {
        if (p.fd != w.fd || !(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = ::read(w.fd, buf, sizeof buf);
        if (n > 0) {
          w.message.append(buf, static_cast<size_t>(n));
        } else if (n == 0 || errno != EINTR) {
          ::close(w.fd);
          w.fd = -1;
        }
      }
    }
    for (auto it = workers_.begin(); it != workers_.end();) {
      // A timed-out child has been sent SIGKILL: reap it whatever its pipe says.
      bool finished = (it->fd < 0 || it->timed_out) && reap(*it, it->timed_out);
      if (!finished) {
        ++it;
        continue;
      }
      if (it->fd >= 0) ::close(it->fd);
      it->fd = -1;
      done.push_back(outcome_of(*it));
      it = workers_.erase(it);
    }
    if (Clock::now() >= until) break;
  }
  return done;
}

}  // namespace scrutiny
