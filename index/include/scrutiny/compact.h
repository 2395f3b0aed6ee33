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
// The block size the compacted index is written with: 32 KiB for an index of
// 64 MiB or more, else Xapian's 8 KiB. Xapian 1.4 reads one block per pread();
// counting facets reads the value stream of every match, and on a 1M-passage
// index 32 KiB blocks took facet queries from p50 10.4 / p99 129 ms to
// 6.8 / 81 ms (64 KiB: no better; docs/benchmarks.md). A small index would
// only grow: each table needs whole blocks. Later ingests keep the size.
unsigned compact_block_size(std::uintmax_t index_bytes);

Result<CompactStats> compact_index(const std::string& dir, double wait_seconds = 0);

}  // namespace scrutiny
