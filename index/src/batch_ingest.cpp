#include "scrutiny/batch_ingest.h"

#include <deque>
#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <chrono>
#include <deque>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "scrutiny/document_sources.h"
#include "scrutiny/extract.h"
#include "scrutiny/file_state.h"
#include "scrutiny/file_walk.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/ingest_progress.h"
#include "scrutiny/manifest_hints.h"
#include "scrutiny/schema.h"
#include "scrutiny/writer_lock.h"

namespace scrutiny {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

// Streams the file through xxh3 so a large file never sits in memory.
Result<std::string> digest_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Error{std::string("cannot read: ") + std::strerror(errno)};
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  std::string buf(1 << 20, '\0');
  ssize_t n;
  while ((n = ::read(fd, buf.data(), buf.size())) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string why = std::strerror(errno);
      XXH3_freeState(state);
      ::close(fd);
      return Error{"cannot read: " + why};
    }
    XXH3_128bits_update(state, buf.data(), static_cast<size_t>(n));
  }
  XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  ::close(fd);
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

class BatchIngest {
 public:
  explicit BatchIngest(const IngestRunOptions& o) : o_(o) {}

  // An index made by an older version is read and written as it is (new
  // passages in the current form); retag migrates the old ones.
  void note_older_schema() {
    const std::string version = writer_->get_metadata("schema");
    if (!schema::older_schema(version)) return;
    std::fprintf(o_.log, "note: %s: index schema %s predates schema %s; `scrutiny retag`, then `scrutiny compact`, "
                         "migrates it (faster searches; docs/schema.md)\n",
                 o_.db.c_str(), version.c_str(), std::string(schema::kSchemaVersion).c_str());
  }

  IngestRunSummary run() {
    const auto t0 = Clock::now();
    s_.started = utc_now_iso();
    if (o_.paths.empty()) return fatal("no files or directories to ingest");
    // Before anything changes: a missing or mismatched PDF module is a broken
    // installation, not a fault of each PDF (and workers fork with it loaded).
    if (Status st = pdf_extractor_ready(); !st.ok()) return fatal(st.error());
    Result<WriterLock> lock = WriterLock::acquire(o_.db, o_.wait_seconds);
    if (!lock.ok()) return locked(lock.error());
    Result<IndexWriter> writer =
        IndexWriter::open(o_.db, o_.synonyms ? *o_.synonyms : Synonyms::default_set());
    if (!writer.ok())
      return writer.error().find("locked") != std::string::npos ? locked(writer.error())
                                                                 : fatal(writer.error());
    writer_.emplace(std::move(writer.value()));
    s_.synonym_terms_stale = !writer_->synonym_terms_current();
    if (s_.synonym_terms_stale && !o_.quiet)
      std::fprintf(o_.log, "note: %s: synonym terms predate synonyms.conf; searches expand synonyms "
                           "as phrases (slower) until `scrutiny retag`\n", o_.db.c_str());
    if (!o_.quiet) note_older_schema();
    if (!o_.manifest.empty()) {
      auto hints = load_manifest_hints(o_.manifest);
      if (!hints.ok()) return fatal(hints.error());
      hints_ = std::move(hints.value());
    }
    load_state();
    WalkResult walk = walk_paths(o_.paths);
    std::vector<std::string> gone;
    if (o_.prune) {
      auto g = files_gone(walk);
      if (!g.ok()) return fatal(g.error());
      gone = std::move(g.value());
    }
    progress_.emplace(o_.log, o_.quiet, walk.files.size());
    for (const auto& p : walk.problems) fail(p.source, p.reason);
    s_.ignored = walk.ignored.size();
    if (!ingest_all(walk.files)) return s_;
    for (const auto& key : gone) prune(key);
    s_.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    s_.finished = utc_now_iso();
    if (Status st = writer_->set_metadata("run:last", s_.to_json().dump()); !st.ok()) return fatal(st.error());
    if (Status st = writer_->commit(); !st.ok()) return fatal(st.error());
    progress_->finish(s_);
    write_summary_file();
    return s_;
  }

 private:
  IngestRunSummary fatal(const std::string& message) {
    s_.failure = RunFailure::fatal;
    s_.error = message;
    return s_;
  }
  IngestRunSummary locked(const std::string& message) {
    s_.failure = RunFailure::locked;
    s_.error = message;
    return s_;
  }

  void load_state() {
    for (auto& [k, v] : writer_->metadata_with_prefix(std::string(kFileStatePrefix))) {
      auto st = decode_file_state(v);
      if (!st) continue;
      std::string key = k.substr(kFileStatePrefix.size());
      doc_keys_[st->doc_id].insert(key);
      if (!st->digest.empty()) digest_doc_[st->digest] = st->doc_id;
      states_.emplace(std::move(key), std::move(*st));
    }
    for (auto& [k, v] : writer_->metadata_with_prefix(std::string(kFailurePrefix)))
      if (auto f = decode_failure(v)) failures_.emplace(k.substr(kFailurePrefix.size()), std::move(*f));
  }

  // Known files not found by this walk whose paths no longer exist, checked
  // against the safety share before anything is changed.
  Result<std::vector<std::string>> files_gone(const WalkResult& walk) {
    std::set<std::string> seen;
    for (const auto& f : walk.files) seen.insert(f.key);
    std::vector<std::string> gone;
    size_t gone_states = 0;
    auto consider = [&](const std::string& key, bool is_state) {
      if (seen.count(key) || ::access(key.c_str(), F_OK) == 0 || errno != ENOENT) return;
      gone.push_back(key);
      gone_states += is_state;
    };
    for (const auto& [key, st] : states_) consider(key, true);
    for (const auto& [key, f] : failures_)
      if (!states_.count(key)) consider(key, false);
    if (!o_.force && !states_.empty() &&
        static_cast<double>(gone_states) / static_cast<double>(states_.size()) > o_.prune_max)
      return Error{fmt::format(
          "refusing to prune {} of {} indexed files ({:.0f}% > {:.0f}%): is a share unmounted? "
          "Use --force to prune anyway",
          gone_states, states_.size(), 100.0 * gone_states / states_.size(), 100 * o_.prune_max)};
    return gone;
  }

  bool ingest_all(const std::vector<FoundFile>& files) {
    // Workers build the passages too: the writer, the one serial stage, only adds them.
    ExtractPool pool(o_.jobs ? o_.jobs : std::max(1u, std::thread::hardware_concurrency()), o_.limits,
                     IngestOptions{o_.taxonomy, std::nullopt, true}, writer_->passage_builder());
    // Refill the pool before writing what came back, so the workers extract
    // the next files while this process indexes the last ones: extraction
    // and index writes overlap even with --jobs 1.
    std::deque<ExtractOutcome> ready;
    size_t next = 0;
    bool last_sent = false;
    for (;;) {
      while (next < files.size() && !pool.full())
        if (!consider(files[next++], pool)) return false;
      // Every file is out: commit now, while the workers finish their
      // queues, so that the run's last commit, which nothing overlaps,
      // holds only those files.
      if (next == files.size() && !last_sent && !pool.idle()) {
        last_sent = true;
        if (!commit_if_due(/*now_anyway=*/true)) return false;
      }
      if (!ready.empty()) {
        std::vector<ExtractOutcome> one;
        one.push_back(std::move(ready.front()));
        ready.pop_front();
        if (!handle_all(std::move(one))) return false;
        continue;
      }
      if (pool.idle()) {
        if (next < files.size()) continue;
        return true;
      }
      for (auto& o : pool.collect(1.0)) ready.push_back(std::move(o));
    }
  }

  // Decides what one found file needs: nothing, a new path for known
  // content, or extraction by a worker.
  bool consider(const FoundFile& f, ExtractPool& pool) {
    Result<FileStamp> stamp = stamp_of(f.source);
    if (!stamp.ok()) {
      fail(f.source, stamp.error());
      return true;
    }
    auto st = states_.find(f.key);
    if (st != states_.end() && st->second.stamp == stamp.value()) {
      ++s_.unchanged;
      progress_->file_done(0);
      return true;
    }
    auto fl = failures_.find(f.key);
    if (fl != failures_.end() && fl->second.stamp == stamp.value() && !o_.retry_failed) {
      ++s_.previously_failed;
      progress_->file_done(0);
      return true;
    }
    if (stamp->size == 0) return record_failure(f.key, f.source, stamp.value(), "empty file");
    Result<std::string> digest = digest_file(f.source);
    if (!digest.ok()) return record_failure(f.key, f.source, stamp.value(), digest.error());
    if (auto known = digest_doc_.find(digest.value()); known != digest_doc_.end())
      return attach(f.key, f.source, stamp.value(), digest.value(), known->second);
    ExtractJob job{f.source, f.key, stamp.value(), digest.value(), std::nullopt};
    if (auto h = hints_.find(f.key); h != hints_.end()) job.hints = h->second;
    if (Status started = pool.start(std::move(job)); !started.ok()) {
      fatal(started.error());
      return false;
    }
    return true;
  }

  // Handles finished extractions; also commits on time while workers are slow.
  bool handle_all(std::vector<ExtractOutcome> outcomes) {
    for (auto& o : outcomes)
      if (!handle(o)) return false;
    return commit_if_due();
  }

  bool handle(ExtractOutcome& out) {
    const ExtractJob& job = out.job;
    Result<FileStamp> after = stamp_of(job.source);
    if (!after.ok() || !(after.value() == job.stamp))
      return record_failure(job.key, job.source, job.stamp,
                            "changed while being read (read again next run)");
    if (!out.document) return record_failure(job.key, job.source, job.stamp, out.error);
    Document& doc = *out.document;
    const size_t passages = out.passages ? out.passages->size() : doc.passages.size();
    if (passages == 0 && doc.format == "pdf")
      return record_failure(job.key, job.source, job.stamp, "no text layer");
    doc.source = job.source;
    s_.pages += doc.pages;
    if (doc_keys_.count(doc.doc_id) && !doc_keys_[doc.doc_id].empty())
      return attach(job.key, job.source, job.stamp, job.digest, doc.doc_id, doc.pages);
    const bool existed = states_.count(job.key) > 0;
    if (!forget_path(job.key)) return false;
    Status st = out.passages ? writer_->replace_document(doc, *out.passages) : writer_->replace_document(doc);
    if (!st.ok()) return record_failure(job.key, job.source, job.stamp, st.error());
    ++(existed ? s_.updated : s_.added);
    s_.passages += static_cast<long>(passages);
    passages_since_commit_ += passages;
    return remember(job.key, FileState{job.stamp, doc.doc_id, job.digest, job.source}, doc.pages);
  }

  // The path now holds content already indexed under doc_id.
  bool attach(const std::string& key, const std::string& source, const FileStamp& stamp,
              const std::string& digest, const std::string& doc_id, long pages = 0) {
    auto old = states_.find(key);
    if (old != states_.end() && old->second.doc_id == doc_id) {  // touched, same content
      ++s_.unchanged;
      FileState state = old->second;
      state.stamp = stamp;
      return remember(key, std::move(state), pages);
    }
    const bool existed = old != states_.end();
    if (!forget_path(key)) return false;
    if (Status st = add_source(*writer_, doc_id, source); !st.ok()) return record_failure(key, source, stamp, st.error());
    ++(existed ? s_.updated : s_.added);
    return remember(key, FileState{stamp, doc_id, digest, source}, pages);
  }

  // Detaches the path's previous content, if any; false on a fatal error.
  bool forget_path(const std::string& key) {
    auto old = states_.find(key);
    if (old == states_.end()) return true;
    const FileState st = old->second;
    states_.erase(old);
    auto& keys = doc_keys_[st.doc_id];
    keys.erase(key);
    if (keys.empty()) {
      doc_keys_.erase(st.doc_id);
      if (!st.digest.empty()) digest_doc_.erase(st.digest);
    }
    Status s1 = remove_source(*writer_, st.doc_id, st.source);
    Status s2 = writer_->set_metadata(file_state_key(key), "");
    if (!s1.ok() || !s2.ok()) {
      fatal(!s1.ok() ? s1.error() : s2.error());
      return false;
    }
    return true;
  }

  bool remember(const std::string& key, FileState state, long pages) {
    if (Status st = writer_->set_metadata(file_state_key(key), encode(state)); !st.ok()) {
      fatal(st.error());
      return false;
    }
    if (failures_.erase(key)) writer_->set_metadata(failure_key(key), "");
    doc_keys_[state.doc_id].insert(key);
    if (!state.digest.empty()) digest_doc_[state.digest] = state.doc_id;
    states_[key] = std::move(state);
    progress_->file_done(pages);
    return changed();
  }

  // A failed file: the index keeps nothing of this path (its old content is
  // no longer what the file holds), and the failure is remembered.
  bool record_failure(const std::string& key, const std::string& source, const FileStamp& stamp,
                      const std::string& reason) {
    if (!forget_path(key)) return false;
    FailureRecord f{stamp, reason, utc_now_iso(), source};
    if (Status st = writer_->set_metadata(failure_key(key), encode(f)); !st.ok()) {
      fatal(st.error());
      return false;
    }
    failures_[key] = std::move(f);
    fail(source, reason);
    progress_->file_done(0);
    return changed();
  }

  void fail(const std::string& source, const std::string& reason) {
    s_.failed.push_back({source, reason});
    if (progress_) progress_->failure(source, reason);
  }

  void prune(const std::string& key) {
    if (states_.count(key)) {
      ++s_.removed;
      if (!forget_path(key)) return;
    }
    if (failures_.erase(key)) writer_->set_metadata(failure_key(key), "");
  }

  // Commits every commit_every changed files, commit_passages passages or
  // commit_seconds.
  bool changed() {
    ++since_commit_;
    return commit_if_due();
  }

  bool commit_if_due(bool now_anyway = false) {
    auto now = Clock::now();
    if (since_commit_ == 0) return true;
    if (!now_anyway && since_commit_ < o_.commit_every && passages_since_commit_ < o_.commit_passages &&
        std::chrono::duration<double>(now - last_commit_).count() < o_.commit_seconds)
      return true;
    if (Status st = writer_->commit(); !st.ok()) {
      fatal(st.error());
      return false;
    }
    since_commit_ = 0;
    passages_since_commit_ = 0;
    last_commit_ = now;
    return true;
  }

  void write_summary_file() {
    if (o_.summary_path.empty()) return;
    std::ofstream out(o_.summary_path);
    out << s_.to_json().dump(2) << "\n";
    if (!out) fail(o_.summary_path, "cannot write the run summary");
  }

  const IngestRunOptions& o_;
  IngestRunSummary s_;
  std::optional<IndexWriter> writer_;
  std::optional<IngestProgress> progress_;
  std::map<std::string, MetadataHints> hints_;
  std::map<std::string, FileState> states_;                 // key -> state
  std::map<std::string, FailureRecord> failures_;           // key -> failure
  std::map<std::string, std::set<std::string>> doc_keys_;   // doc_id -> keys
  std::map<std::string, std::string> digest_doc_;           // digest -> doc_id
  size_t since_commit_ = 0;
  size_t passages_since_commit_ = 0;
  Clock::time_point last_commit_ = Clock::now();
};

}  // namespace

int IngestRunSummary::exit_code() const {
  switch (failure) {
    case RunFailure::locked: return 3;
    case RunFailure::fatal: return 2;
    case RunFailure::none: break;
  }
  return failed.empty() ? 0 : 1;
}

json IngestRunSummary::to_json() const {
  json fails = json::array();
  for (const auto& f : failed) fails.push_back({{"path", f.path}, {"reason", f.reason}});
  return json{{"added", added},       {"updated", updated},   {"unchanged", unchanged},
              {"removed", removed},   {"previously_failed", previously_failed},
              {"ignored", ignored},
              {"failed", fails},      {"pages", pages},       {"passages", passages},
              {"seconds", seconds},   {"started", started},   {"finished", finished},
              {"synonym_terms_stale", synonym_terms_stale}};
}

IngestRunSummary run_ingest(const IngestRunOptions& options) { return BatchIngest(options).run(); }

}  // namespace scrutiny
