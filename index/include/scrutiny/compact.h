// compact_index: rewrites an index into fresh, full B-tree blocks (Xapian's
// compaction) and puts it in place of the old one. Ingest writes blocks about
// half full and re-ingests leave holes; compacting after a large run shrinks
// the index by about 30% (docs/benchmarks.md) and nothing else changes: the
// same passages, terms, values, stored data and metadata.
//
// Holds the writer lock (as ingest and retag do) for the whole run. The
// compacted copy is written beside the index (DIR.compacting), then swapped in
// with two renames; the old files are removed. Readers that had the old index
// open keep reading it until they reopen.
#pragma once

#include <cstdint>
#include <string>

#include "scrutiny/result.h"

namespace scrutiny {

struct CompactStats {
  std::uintmax_t bytes_before = 0;
  std::uintmax_t bytes_after = 0;
  unsigned passages = 0;
  double seconds = 0;
};

// Error when there is no index at `dir`, it is locked, a scratch directory
// is in the way, or Xapian or the file system fails; the index is then left
// as it was.
Result<CompactStats> compact_index(const std::string& dir, double wait_seconds = 0);

}  // namespace scrutiny
