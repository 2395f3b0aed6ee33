#include "scrutiny/extract_worker.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <map>
#include <optional>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <new>
#include <vector>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

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

// Frames on the worker socket: an 8-byte little-endian length, then the bytes.
std::string frame(std::string_view payload) {
  std::string out(8, '\0');
  std::uint64_t n = payload.size();
  for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
  out.append(payload);
  return out;
}

// The payload of the first whole frame in `buf`, taken out of it; nullopt
// until all of it has arrived.
std::optional<std::string> take_frame(std::string& buf) {
  if (buf.size() < 8) return std::nullopt;
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(buf[static_cast<size_t>(i)]);
  if (buf.size() - 8 < n) return std::nullopt;
  std::string payload = buf.substr(8, n);
  buf.erase(0, 8 + n);
  return payload;
}

bool read_exact(int fd, char* out, size_t n) {
  while (n > 0) {
    ssize_t got = ::read(fd, out, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    out += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

// A reply's frame payload when the reply itself is in a memfd sent with it.
constexpr std::string_view kReplyInFd = "F";

// The bytes in a new memfd; -1 when one cannot be made or filled.
int memfd_holding(const std::string& bytes) {
  const int fd = ::memfd_create("scrutiny-reply", MFD_CLOEXEC);
  if (fd < 0) return -1;
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return -1;
    }
    written += static_cast<size_t>(n);
  }
  return fd;
}

// Writes `data` with `fd` attached to its first byte (SCM_RIGHTS).
bool send_with_fd(int sock, const std::string& data, int fd) {
  iovec iov{const_cast<char*>(data.data()), data.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
  ssize_t n;
  do n = ::sendmsg(sock, &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  if (n < 0) return false;
  write_all(sock, data.substr(static_cast<size_t>(n)));
  return true;
}

// Sends one reply. The bytes go into a memfd whose descriptor rides on a
// one-byte frame, so the worker never waits for the parent to read: a reply
// bigger than the socket buffer (most are; 370 KB on average for the Ofsted
// reports) blocked the worker until the parent took it, and the parent takes
// nothing while it commits, which left the one worker of --jobs 1 idle for
// 1.07 s of a 5.4 s run. Inline frame when a memfd cannot be had.
void send_reply(int sock, const std::string& message) {
  if (const int fd = memfd_holding(message); fd >= 0) {
    const bool sent = send_with_fd(sock, frame(kReplyInFd), fd);
    ::close(fd);  // the parent has its own descriptor now
    if (sent) return;
  }
  write_all(sock, frame(message));
}

// Reads what is there from a worker's socket into `buf`, and the
// descriptors that came with it into `fds`. As read(2).
ssize_t receive(int sock, char* buf, size_t size, std::deque<int>& fds) {
  iovec iov{buf, size};
  alignas(cmsghdr) char control[CMSG_SPACE(4 * sizeof(int))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  const ssize_t n = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  for (cmsghdr* c = n > 0 ? CMSG_FIRSTHDR(&msg) : nullptr; c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (size_t k = 0; k < count; ++k) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(c) + k * sizeof(int), sizeof fd);
      fds.push_back(fd);
    }
  }
  return n;
}

// The reply in the first memfd received from a worker, which is closed;
// empty ("worker sent no result") when none came.
std::string take_reply_fd(std::deque<int>& fds) {
  if (fds.empty()) return {};
  const int fd = fds.front();
  fds.pop_front();
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    out.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < out.size()) {
      ssize_t n = ::pread(fd, out.data() + got, out.size() - got, static_cast<off_t>(got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    out.resize(got);
  }
  ::close(fd);
  return out;
}

// One job from the parent; nullopt when the parent closed the socket.
std::optional<std::string> read_job(int fd) {
  char header[8];
  if (!read_exact(fd, header, 8)) return std::nullopt;
  std::string buf(header, 8);
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(header[i]);
  buf.resize(8 + n);
  if (!read_exact(fd, buf.data() + 8, n)) return std::nullopt;
  return take_frame(buf);
}

std::string encode_job(const ExtractJob& job) {
  nlohmann::json j{{"source", job.source}};
  if (job.hints) j["hints"] = {{"fields", job.hints->fields}, {"origin", job.hints->origin}};
  return j.dump();
}

std::string run_job(const std::string& encoded, const IngestOptions& base, PassageBuilder* builder) {
  nlohmann::json j = nlohmann::json::parse(encoded);
  const std::string source = j.at("source").get<std::string>();
  inject_fault(source);
  IngestOptions options = base;
  if (j.contains("hints"))
    options.hints = MetadataHints{j["hints"].at("fields").get<std::map<std::string, std::string>>(),
                                  j["hints"].at("origin").get<std::string>()};
  Result<Document> doc = ingest_file(source, options);
  if (!doc.ok()) return "E" + doc.error();
  if (!builder) return "D" + encode_document(doc.value());
  try {
    return "X" + encode_indexed_document(doc.value(), builder->build(doc.value()));
  } catch (const Xapian::Error& e) {
    return "Ecannot index " + source + ": " + e.get_type() + ": " + e.get_msg();
  }
}

// Everything a worker does between fork and _exit: serve jobs until the
// parent closes the socket. No return.
[[noreturn]] void run_worker(int sock, pid_t parent, const IngestOptions& base, PassageBuilder* builder,
                             const WorkerLimits& limits) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  // Keep only the socket (as fd 3): the index, the lock and the other
  // workers' sockets stay the parent's.
  if (sock != kChildFd) {
    ::dup2(sock, kChildFd);
    ::close(sock);
  }
  ::close_range(kChildFd + 1, ~0U, 0);
  int devnull = ::open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    ::dup2(devnull, 0);
    ::dup2(devnull, 2);  // parsers chatter on stderr; reasons come back on the socket
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
  // The writer is the pipeline's one serial stage: when workers outnumber
  // the free cores, it goes first.
  ::setpriority(PRIO_PROCESS, 0, 5);
  std::set_new_handler(out_of_memory);
  while (std::optional<std::string> job = read_job(kChildFd)) {
    std::string message;
    try {
      message = run_job(*job, base, builder);
    } catch (const std::bad_alloc&) {
      ::_exit(kExitOutOfMemory);
    } catch (const std::exception& e) {
      message = std::string("Eextractor failed: ") + e.what();
    } catch (...) {
      message = "Eextractor failed with an unknown exception";
    }
    send_reply(kChildFd, message);
  }
  ::_exit(0);
}

std::string first_line(std::string s) {
  if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  return s.empty() ? "extraction failed" : s;
}

}  // namespace

struct ExtractPool::Worker {
  pid_t pid = -1;
  int fd = -1;  // our end of the socket; -1 after EOF
  size_t jobs_done = 0;
  std::deque<ExtractJob> jobs;  // sent, not yet answered; the first is running
  std::string buffer;           // bytes of the first job's reply so far
  std::deque<int> reply_fds;    // memfds received, in the order of their frames
  Clock::time_point deadline;   // of the first job
  bool timed_out = false;
  bool accepting = true;  // false once a send failed: it gets no more jobs
  bool reaped = false;
  int status = 0;
};

ExtractPool::ExtractPool(size_t jobs, WorkerLimits limits, IngestOptions base,
                         std::optional<PassageBuilder> builder)
    : jobs_(jobs == 0 ? 1 : jobs), limits_(limits), base_(std::move(base)), builder_(std::move(builder)) {}

ExtractPool::~ExtractPool() {
  for (auto& w : workers_) {
    if (w.fd >= 0) ::close(w.fd);
    for (int fd : w.reply_fds) ::close(fd);
    if (!w.reaped) {
      ::kill(w.pid, SIGKILL);
      ::waitpid(w.pid, nullptr, 0);
    }
  }
}

size_t ExtractPool::in_flight() const {
  size_t n = 0;
  for (const Worker& w : workers_) n += w.jobs.size();
  return n;
}

bool ExtractPool::full() const { return in_flight() >= jobs_ * kQueueDepth; }
bool ExtractPool::idle() const { return in_flight() == 0; }

// The worker to send the next job to: an idle one, else a new one while
// there are fewer than `jobs`, else the shortest queue with room; a worker
// due for recycling takes no more (its replacement may start while it drains,
// briefly one process over `jobs`). workers_.size() when a new one is needed.
size_t ExtractPool::pick_worker() const {
  size_t best = workers_.size();
  for (size_t k = 0; k < workers_.size(); ++k) {
    const Worker& w = workers_[k];
    if (w.fd < 0 || w.timed_out || !w.accepting || w.jobs.size() >= kQueueDepth || w.jobs_done + w.jobs.size() >= kJobsPerWorker)
      continue;
    if (w.jobs.empty()) return k;
    if (best == workers_.size() || w.jobs.size() < workers_[best].jobs.size()) best = k;
  }
  return workers_.size() < jobs_ ? workers_.size() : best;
}

void ExtractPool::arm_deadline(Worker& w) {
  w.timed_out = false;
  w.deadline = Clock::now() + std::chrono::milliseconds(static_cast<long>(limits_.timeout_seconds * 1000));
}

Result<size_t> ExtractPool::spawn() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    return Error{std::string("cannot create a worker socket: ") + std::strerror(errno)};
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Error{std::string("cannot fork a worker: ") + std::strerror(errno)};
  }
  if (pid == 0) {
    ::close(fds[0]);
    run_worker(fds[1], parent, base_, builder_ ? &*builder_ : nullptr, limits_);
  }
  ::close(fds[1]);
  Worker w;
  w.pid = pid;
  w.fd = fds[0];
  workers_.push_back(std::move(w));
  return workers_.size() - 1;
}

// Stops an idle worker (recycled, or found dead) and forgets it.
void ExtractPool::retire(size_t i) {
  Worker& w = workers_[i];
  if (w.fd >= 0) ::close(w.fd);
  for (int fd : w.reply_fds) ::close(fd);
  if (!w.reaped) {
    ::kill(w.pid, SIGKILL);
    ::waitpid(w.pid, nullptr, 0);
  }
  workers_.erase(workers_.begin() + static_cast<std::ptrdiff_t>(i));
}

Status ExtractPool::start(ExtractJob job) {
  const std::string message = frame(encode_job(job));
  for (int attempt = 0; attempt < 2; ++attempt) {
    size_t i = pick_worker();
    if (i == workers_.size()) {
      Result<size_t> spawned = spawn();
      if (!spawned.ok()) return Error{spawned.error()};
      i = spawned.value();
    }
    Worker& w = workers_[i];
    // MSG_NOSIGNAL: a worker that died while idle is an error here, not SIGPIPE.
    size_t sent = 0;
    while (sent < message.size()) {
      ssize_t n = ::send(w.fd, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    if (sent < message.size()) {
      // Died: when idle, start a fresh one; otherwise collect() reports
      // its queue once it is reaped, and this file goes elsewhere.
      if (w.jobs.empty()) retire(i);
      else w.accepting = false;
      continue;
    }
    if (w.jobs.empty()) arm_deadline(w);
    w.jobs.push_back(std::move(job));
    return Status::Ok();
  }
  return Error{"cannot start an extraction worker (workers die before taking a job)"};
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

// The outcome of a worker that died during its job.
std::string ExtractPool::death_reason(const Worker& w) const {
  if (w.timed_out) return fmt::format("timed out after {:g} s", limits_.timeout_seconds);
  if (WIFSIGNALED(w.status)) return fmt::format("crashed (signal {})", WTERMSIG(w.status));
  if (WIFEXITED(w.status) && WEXITSTATUS(w.status) == kExitOutOfMemory)
    return fmt::format("exceeded memory limit ({} MiB)", limits_.max_memory_mib);
  if (!WIFEXITED(w.status) || WEXITSTATUS(w.status) != 0)
    return fmt::format("worker exited with status {}", WEXITSTATUS(w.status));
  return "worker sent no result";
}

ExtractOutcome ExtractPool::outcome_of(ExtractJob job, const std::string& message) {
  ExtractOutcome out{std::move(job), std::nullopt, "", std::nullopt};
  if (message.empty()) {
    out.error = "worker sent no result";
  } else if (message[0] == 'D') {
    Result<Document> doc = decode_document(std::string_view(message).substr(1));
    if (doc.ok()) out.document = std::move(doc.value());
    else out.error = doc.error();
  } else if (message[0] == 'X') {
    Result<IndexedDocument> doc = decode_indexed_document(std::string_view(message).substr(1));
    if (doc.ok()) {
      out.document = std::move(doc.value().doc);
      out.passages = std::move(doc.value().passages);
    } else {
      out.error = doc.error();
    }
  } else {
    out.error = first_line(message.substr(1));
  }
  return out;
}

void ExtractPool::read_replies(const std::vector<int>& readable) {
  char buf[65536];
  for (auto& w : workers_) {
    if (w.fd < 0 || w.jobs.empty()) continue;
    for (int fd : readable) {
      if (fd != w.fd) continue;
      const ssize_t n = receive(w.fd, buf, sizeof buf, w.reply_fds);
      if (n > 0) {
        w.buffer.append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(w.fd);
        w.fd = -1;  // the worker died mid-job: reaped below
      }
    }
  }
}

std::vector<ExtractOutcome> ExtractPool::collect(double max_wait_seconds) {
  std::vector<ExtractOutcome> done;
  const auto until = Clock::now() + std::chrono::milliseconds(static_cast<long>(max_wait_seconds * 1000));
  while (done.empty() && !idle()) {
    auto now = Clock::now();
    auto wake = until;
    std::vector<pollfd> fds;
    bool dying = false;
    for (auto& w : workers_) {
      if (w.jobs.empty()) continue;
      if (!w.timed_out && now >= w.deadline) {
        ::kill(w.pid, SIGKILL);
        w.timed_out = true;
      }
      if (w.fd >= 0) fds.push_back({w.fd, POLLIN, 0});
      dying |= w.fd < 0 && !w.reaped;
      wake = std::min(wake, w.deadline);
    }
    auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
    if (dying) wait_ms = std::min<long>(wait_ms, 5);
    if (wait_ms < 0) wait_ms = 0;
    if (!fds.empty()) {
      ::poll(fds.data(), fds.size(), static_cast<int>(wait_ms));
    } else if (wait_ms > 0) {
      ::usleep(static_cast<useconds_t>(wait_ms) * 1000);
    }
    std::vector<int> readable;
    for (const auto& p : fds)
      if (p.revents & (POLLIN | POLLHUP | POLLERR)) readable.push_back(p.fd);
    read_replies(readable);
    for (size_t i = 0; i < workers_.size();) {
      Worker& w = workers_[i];
      if (w.jobs.empty()) {
        ++i;
        continue;
      }
      if (!w.timed_out) {
        if (std::optional<std::string> reply = take_frame(w.buffer)) {
          if (*reply == kReplyInFd) *reply = take_reply_fd(w.reply_fds);
          done.push_back(outcome_of(std::move(w.jobs.front()), *reply));
          w.jobs.pop_front();
          if (!w.jobs.empty()) arm_deadline(w);
          // Recycled now and then, so a parser's leaks cannot pile up.
          if (++w.jobs_done >= kJobsPerWorker && w.jobs.empty()) retire(i);
          else ++i;
          continue;
        }
      }
      // A timed-out worker has been sent SIGKILL: reap it whatever its socket says.
      if ((w.fd < 0 || w.timed_out) && reap(w, w.timed_out)) {
        done.push_back(ExtractOutcome{std::move(w.jobs.front()), std::nullopt, death_reason(w), std::nullopt});
        w.jobs.pop_front();
        std::deque<ExtractJob> queued = std::move(w.jobs);
        retire(i);
        // Files queued behind the one that killed the worker go to another.
        for (ExtractJob& job : queued)
          if (Status st = start(job); !st.ok()) done.push_back(ExtractOutcome{std::move(job), std::nullopt, st.error(), std::nullopt});
        continue;
      }
      ++i;
    }
    if (Clock::now() >= until) break;
  }
  return done;
}

}  // namespace scrutiny
