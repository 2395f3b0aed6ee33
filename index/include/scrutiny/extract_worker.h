// ExtractPool: runs ingest_file for one file per forked child process, up to
// `jobs` at a time, so a crash, hang or memory blow-up inside a parser costs
// one file, never the run. Each child gets a memory cap (RLIMIT_AS; skipped
// under AddressSanitizer, which needs a huge address space), is killed with
// SIGKILL at its deadline, and dies with the parent (PR_SET_PDEATHSIG).
// The child writes one message on a pipe and exits:
//   'D' + document_wire JSON     the analysed Document
//   'E' + one-line reason        ingest_file's Error
// Exit status 42 means operator new failed under the cap. The parent stays
// single-threaded and is the only index writer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutiny/document.h"
#include "scrutiny/file_state.h"
#include "scrutiny/ingest.h"
#include "scrutiny/result.h"

namespace scrutiny {

struct WorkerLimits {
  double timeout_seconds = 120;
  long max_memory_mib = 2048;  // 0: no cap
};

struct ExtractJob {
  std::string source;  // path as given; becomes Document::source
  std::string key;     // state_key
  FileStamp stamp;     // before reading
  std::string digest;  // content_digest of the bytes the parent read
  std::optional<MetadataHints> hints;
};

struct ExtractOutcome {
  ExtractJob job;
  std::optional<Document> document;  // set on success
  std::string error;                 // reason otherwise, e.g. "crashed (signal 11)"
};

class ExtractPool {
 public:
  ExtractPool(size_t jobs, WorkerLimits limits, IngestOptions base);
  ~ExtractPool();  // kills and reaps children still running
  ExtractPool(const ExtractPool&) = delete;
  ExtractPool& operator=(const ExtractPool&) = delete;

  bool full() const;
  bool idle() const;

  // Forks a child for `job`. An Error (fork/pipe failure) means nothing started.
  Status start(ExtractJob job);

  // Waits up to `max_wait_seconds` for children to finish (or time out) and
  // returns their outcomes; empty when none finished in time.
  std::vector<ExtractOutcome> collect(double max_wait_seconds);

 private:
  struct Worker;
  bool reap(Worker& w, bool block);
  ExtractOutcome outcome_of(Worker& w);

  size_t jobs_;
  WorkerLimits limits_;
  IngestOptions base_;
  std::vector<Worker> workers_;
};

}  // namespace scrutiny
