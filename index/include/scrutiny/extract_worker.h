// ExtractPool: runs ingest_file in up to `jobs` long-lived worker processes,
// so a crash, hang or memory blow-up inside a parser costs one file, never
// the run. Workers are forked once and serve files one at a time over a
// socket: forking per file cost more than extraction (copy-on-write faults
// in a parent holding Xapian's buffered changes, fontconfig set up anew).
// Each worker holds up to kQueueDepth files, so it starts the next while the
// parent indexes the last; a file's deadline starts when the answer before
// it is taken. Files queued behind one that kills a worker go to another.
// Workers run at nice 5: the parent, the one index writer, goes first.
// Each worker has a memory cap (RLIMIT_AS; skipped under AddressSanitizer,
// which needs a huge address space), is killed with SIGKILL when a file
// passes its deadline, dies with the parent (PR_SET_PDEATHSIG), and is
// replaced after a crash, a timeout or kJobsPerWorker files.
// Given a PassageBuilder, workers also build each passage's Xapian document,
// so the parent only adds them to the index.
// Each job and each reply is a frame (8-byte little-endian length, bytes):
//   job:   JSON {"source": path, "hints": {"fields": {...}, "origin": ...}}
//   reply: 'D' + document_wire JSON (the analysed Document), without a builder
//          'X' + encode_indexed_document (Document and built passages), with one
//          'E' + one-line reason (ingest_file's Error)
// A reply travels in a memfd whose descriptor comes with a frame holding just
// 'F' (SCM_RIGHTS), so a worker never waits for the parent to read it; inline
// only when no memfd can be made.
// Exit status 42 means operator new failed under the cap. The parent stays
// single-threaded and is the only index writer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutiny/document.h"
#include "scrutiny/file_state.h"
#include "scrutiny/ingest.h"
#include "scrutiny/passage_builder.h"
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
  // With a builder: document's passages built, and document->passages empty.
  std::optional<std::vector<BuiltPassage>> passages;
};


class ExtractPool {
 public:
  // `builder`: when set, workers build passages with a copy of it.
  ExtractPool(size_t jobs, WorkerLimits limits, IngestOptions base,
              std::optional<PassageBuilder> builder = std::nullopt);
  ~ExtractPool();  // kills and reaps children still running
  ExtractPool(const ExtractPool&) = delete;
  ExtractPool& operator=(const ExtractPool&) = delete;

  bool full() const;
  bool idle() const;

  // Hands `job` to the least-loaded worker with room, forking one while
  // fewer than `jobs` run. An Error (fork/socket failure) means nothing
  // started. Call only when !full().
  Status start(ExtractJob job);

  // Waits up to `max_wait_seconds` for jobs to finish (or time out) and
  // returns their outcomes; empty when none finished in time.
  std::vector<ExtractOutcome> collect(double max_wait_seconds);

 private:
  static constexpr size_t kJobsPerWorker = 500;
  // Files sent to a worker ahead of its answers, so it has work while this
  // process commits (about 250 ms per 4,000 passages, ~6 Ofsted reports'
  // worth of extraction). Ofsted reports, --jobs 1: depth 2 5.2 s, 4 4.9-5.2 s,
  // 8 4.5 s. Files queued behind a hang wait for its timeout, then go on.
  static constexpr size_t kQueueDepth = 8;
  struct Worker;
  size_t in_flight() const;
  size_t pick_worker() const;
  void arm_deadline(Worker& w);
  Result<size_t> spawn();
  void retire(size_t i);
  bool reap(Worker& w, bool block);
  std::string death_reason(const Worker& w) const;
  static ExtractOutcome outcome_of(ExtractJob job, const std::string& message);
  void read_replies(const std::vector<int>& readable);

  size_t jobs_;
  WorkerLimits limits_;
  IngestOptions base_;
  std::optional<PassageBuilder> builder_;
  std::vector<Worker> workers_;
};

}  // namespace scrutiny
