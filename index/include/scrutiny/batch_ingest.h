// run_ingest: the nightly, incremental ingest of files and directories into
// one index (docs/ingest.md). Unchanged files (size and mtime as remembered)
// are skipped unopened; new and changed files are extracted in forked workers
// (extract_worker.h) and written by this process alone; identical content is
// indexed once with every path kept (document_sources.h). The file state is
// written in the same commit as its passages, and commits come in batches, so
// kill -9 at any moment leaves a searchable index that a re-run completes.
#pragma once

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scrutiny/extract_worker.h"
#include "scrutiny/ingest.h"
#include "scrutiny/synonyms.h"

namespace scrutiny {

class Taxonomy;

struct IngestRunOptions {
  std::string db;                      // index directory
  std::vector<std::string> paths;      // files and directories, as given
  size_t jobs = 0;                     // parallel workers; 0: number of cores
  WorkerLimits limits;                 // per-file timeout and memory cap
  double wait_seconds = 0;             // wait this long for another ingest's lock
  bool prune = false;                  // remove documents whose files are gone
  double prune_max = 0.5;              // ...but refuse above this share of known files
  bool force = false;                  // ...unless forced
  bool retry_failed = false;           // retry remembered failures of unchanged files
  std::string manifest;                // CSV of metadata hints, "" for none
  const Taxonomy* taxonomy = nullptr;  // themes; null: none
  const Synonyms* synonyms = nullptr;  // XSYN concept terms; null: Synonyms::default_set()
  size_t commit_every = 200;           // files per commit
  size_t commit_passages = 4000;       // ...or passages: Xapian's buffered changes slow down
                                       // as they grow (4000: 1k docs ingest 15% faster than 10000)
  double commit_seconds = 30;          // ...or this long since the last commit
  std::string summary_path;            // also write the summary JSON here
  bool quiet = false;                  // no progress or summary line (failures still print)
  std::FILE* log = stderr;             // progress and failure lines
};

struct FailedFile {
  std::string path;
  std::string reason;
};

enum class RunFailure { none, fatal, locked };

struct IngestRunSummary {
  size_t added = 0;              // new paths indexed (or attached to known content)
  size_t updated = 0;            // paths whose content changed
  size_t unchanged = 0;          // skipped: same size and mtime, or same content
  size_t removed = 0;            // paths pruned
  size_t previously_failed = 0;  // skipped: failed before and unchanged since
  size_t ignored = 0;            // in directories, not a document extension (file_walk.h)
  std::vector<FailedFile> failed;  // this run's failures
  long pages = 0;                // pages extracted this run
  long passages = 0;             // passages written this run
  double seconds = 0;
  std::string started, finished;  // ISO 8601 UTC
  RunFailure failure = RunFailure::none;
  std::string error;             // fatal or lock message
  bool synonym_terms_stale = false;  // index's XSYN terms from other synonyms: run retag

  // 0 all good, 1 some files failed, 2 fatal, 3 locked (cli/command.h).
  int exit_code() const;
  nlohmann::json to_json() const;
};

IngestRunSummary run_ingest(const IngestRunOptions& options);

}  // namespace scrutiny
