#include "scrutiny/compact.h"

#include <chrono>
#include <filesystem>
#include <system_error>

#include <xapian.h>

#include "scrutiny/index_writer.h"
#include "scrutiny/writer_lock.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

std::uintmax_t bytes_in(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  return total;
}

}  // namespace

unsigned compact_block_size(std::uintmax_t index_bytes) {
  return index_bytes >= (64u << 20) ? 32768 : 8192;
}

Result<CompactStats> compact_index(const std::string& dir, double wait_seconds) {
  const auto t0 = std::chrono::steady_clock::now();
  Result<Xapian::Database> db = open_index_for_reading(dir);
  if (!db.ok()) return Error{db.error()};
  Result<WriterLock> lock = WriterLock::acquire(dir, wait_seconds);
  if (!lock.ok()) return Error{lock.error()};
  const fs::path index = fs::path(dir).lexically_normal();
  const fs::path fresh = index.string() + ".compacting";
  const fs::path old = index.string() + ".old";
  std::error_code ec;
  if (fs::exists(fresh, ec) || fs::exists(old, ec))
    return Error{"cannot compact " + dir + ": " + (fs::exists(fresh) ? fresh : old).string() +
                 " is in the way (left by an interrupted compact? remove it)"};
  CompactStats stats;
  stats.bytes_before = bytes_in(index);
  try {
    Xapian::Database current(dir);  // reopened under the lock: the latest commit
    stats.passages = current.get_doccount();
    current.compact(fresh.string(), Xapian::DBCOMPACT_NO_RENUMBER, compact_block_size(stats.bytes_before));
  } catch (const Xapian::Error& e) {
    fs::remove_all(fresh, ec);
    return Error{"cannot compact " + dir + ": " + e.get_type() + ": " + e.get_msg()};
  }
  // Anything else kept in the index directory travels with it; the lock
  // file stays with the old directory and the next writer creates a new one.
  for (const auto& e : fs::directory_iterator(index, ec)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || fs::exists(fresh / name) || name == "scrutiny.lock" || name == "flintlock")
      continue;
    if (!fs::copy_file(e.path(), fresh / name, ec)) {
      const std::string why = ec.message();
      fs::remove_all(fresh, ec);
      return Error{"cannot compact " + dir + ": cannot copy " + name + ": " + why};
    }
  }
  fs::rename(index, old, ec);
  if (ec) {
    fs::remove_all(fresh, ec);
    return Error{"cannot compact " + dir + ": cannot move the old index aside: " + ec.message()};
  }
  fs::rename(fresh, index, ec);
  if (ec) {
    std::error_code back;
    fs::rename(old, index, back);
    return Error{"cannot compact " + dir + ": cannot move the compacted index in: " + ec.message()};
  }
  fs::remove_all(old, ec);
  stats.bytes_after = bytes_in(index);
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace scrutiny
