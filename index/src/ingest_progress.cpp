#include "scrutiny/ingest_progress.h"

#include <unistd.h>

#include <fmt/format.h>

#include "scrutiny/batch_ingest.h"

namespace scrutiny {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string clock_text(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

IngestProgress::IngestProgress(std::FILE* out, bool quiet, size_t total_files)
    : out_(out), quiet_(quiet), tty_(out && ::isatty(::fileno(out))), total_(total_files),
      start_(Clock::now()), last_draw_(Clock::now()) {}

std::string IngestProgress::status_text() const {
  double elapsed = seconds_since(start_);
  double rate = elapsed > 0 ? pages_ / elapsed : 0;
  std::string eta = "--:--";
  if (done_ > 0 && done_ < total_) eta = clock_text(elapsed / done_ * (total_ - done_));
  if (done_ >= total_) eta = "0:00";
  return fmt::format("{}/{} files, {:.1f} pages/s, ETA {}, {} failed", done_, total_, rate, eta,
                     failed_);
}

void IngestProgress::clear_bar() {
  if (bar_shown_) std::fputs("\r\033[K", out_);
  bar_shown_ = false;
}

void IngestProgress::redraw(bool force) {
  if (quiet_ || !out_) return;
  const double interval = tty_ ? 0.2 : 10.0;
  if (!force && seconds_since(last_draw_) < interval) return;
  last_draw_ = Clock::now();
  if (tty_) {
    constexpr int kWidth = 30;
    int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(out_, "\r\033[K[%s] %s", bar.c_str(), status_text().c_str());
    bar_shown_ = true;
  } else {
    std::fprintf(out_, "scrutiny: ingest: %s\n", status_text().c_str());
  }
  std::fflush(out_);
}

void IngestProgress::file_done(long pages) {
  ++done_;
  pages_ += pages;
  redraw(false);
}

void IngestProgress::failure(const std::string& path, const std::string& reason) {
  ++failed_;
  if (!out_) return;
  clear_bar();
  std::fprintf(out_, "scrutiny: %s: %s\n", path.c_str(), reason.c_str());
  std::fflush(out_);
}

void IngestProgress::finish(const IngestRunSummary& s) {
  if (quiet_ || !out_) return;
  clear_bar();
  std::fprintf(out_,
               "scrutiny: ingest: %zu added, %zu updated, %zu unchanged, %zu removed, %zu failed "
               "(%zu failed before, not retried), %zu ignored (not a document type); "
               "%ld pages, %ld passages in %.1f s\n",
               s.added, s.updated, s.unchanged, s.removed, s.failed.size(), s.previously_failed,
               s.ignored, s.pages, s.passages, s.seconds);
  std::fflush(out_);
}

}  // namespace scrutiny
