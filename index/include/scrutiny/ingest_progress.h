// IngestProgress: what an operator sees on stderr during an ingest. On a TTY
// a redrawn bar (files, pages/s, ETA, failures so far); otherwise a plain line
// every 10 seconds. Failure lines ("scrutiny: PATH: reason") always print;
// `quiet` silences everything else.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace scrutiny {

struct IngestRunSummary;

class IngestProgress {
 public:
  IngestProgress(std::FILE* out, bool quiet, size_t total_files);

  void file_done(long pages);
  void failure(const std::string& path, const std::string& reason);
  void finish(const IngestRunSummary& summary);

 private:
  void redraw(bool force);
  std::string status_text() const;
  void clear_bar();

  std::FILE* out_;
  bool quiet_, tty_;
  size_t total_, done_ = 0, failed_ = 0;
  long pages_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool bar_shown_ = false;
};

}  // namespace scrutiny
