// index_profile: the index writer alone. Extracts every document under DIR
// once (cached in CACHE as length-prefixed wire frames, so later runs skip
// extraction), then times IndexWriter over all of them into a scratch index,
// committing every 4,000 passages as ingest does (--commit-every), and prints the seconds, the
// passages per second and each Xapian table's size.
//
//   index_profile DIR [--cache FILE] [--db SCRATCH_DB] [--commit-every PASSAGES] [--compact]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scrutiny/compact.h"
#include "scrutiny/document_wire.h"
#include "scrutiny/extract.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/ingest.h"
#include "scrutiny/taxonomy.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<fs::path> documents_under(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".pdf" || ext == ".html" || ext == ".htm")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool build_cache(const fs::path& dir, const std::string& cache) {
  auto taxonomy = scrutiny::Taxonomy::load_file(scrutiny::Taxonomy::default_path());
  if (!taxonomy) {
    std::fprintf(stderr, "index_profile: %s\n", taxonomy.error().c_str());
    return false;
  }
  std::ofstream out(cache, std::ios::binary);
  for (const auto& f : documents_under(dir)) {
    auto doc = scrutiny::ingest_file(f.string(), scrutiny::IngestOptions{&taxonomy.value(), std::nullopt, true});
    if (!doc) continue;
    doc->doc_id = f.filename().string();
    const std::string wire = scrutiny::encode_document(doc.value());
    const uint64_t n = wire.size();
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(wire.data(), static_cast<std::streamsize>(n));
  }
  return static_cast<bool>(out);
}

std::vector<scrutiny::Document> load_cache(const std::string& cache) {
  std::vector<scrutiny::Document> docs;
  std::ifstream in(cache, std::ios::binary);
  uint64_t n;
  while (in.read(reinterpret_cast<char*>(&n), sizeof n)) {
    std::string wire(n, '\0');
    in.read(wire.data(), static_cast<std::streamsize>(n));
    if (auto d = scrutiny::decode_document(wire)) docs.push_back(std::move(d.value()));
  }
  return docs;
}

double mib(uintmax_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: index_profile DIR [--cache FILE] [--db SCRATCH_DB] [--commit-every PASSAGES] [--compact]\n");
    return 2;
  }
  std::string cache = "/tmp/index-profile.cache", db_dir = "/tmp/index-profile-db";
  bool compact = false;
  size_t commit_every = 4000;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--cache") && i + 1 < argc) cache = argv[++i];
    else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--commit-every") && i + 1 < argc) commit_every = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--compact")) compact = true;
  }
  if (!fs::exists(cache) && !build_cache(argv[1], cache)) return 1;
  const std::vector<scrutiny::Document> docs = load_cache(cache);
  fs::remove_all(db_dir);
  const auto start = Clock::now();
  size_t passages = 0, since_commit = 0;
  {
    auto writer = scrutiny::IndexWriter::open(db_dir);
    if (!writer) {
      std::fprintf(stderr, "index_profile: %s\n", writer.error().c_str());
      return 1;
    }
    for (const auto& doc : docs) {
      if (auto st = writer->replace_document(doc); !st.ok()) std::fprintf(stderr, "%s\n", st.error().c_str());
      passages += doc.passages.size();
      since_commit += doc.passages.size();
      if (since_commit >= commit_every) {
        (void)writer->commit();
        since_commit = 0;
      }
    }
    (void)writer->commit();
  }
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("documents\t%zu\npassages\t%zu\nindex_s\t%.3f\npassages_per_s\t%.0f\n", docs.size(), passages, secs,
              static_cast<double>(passages) / secs);
  if (compact) {
    const auto c0 = Clock::now();
    if (auto r = scrutiny::compact_index(db_dir, 0); !r.ok()) std::fprintf(stderr, "%s\n", r.error().c_str());
    std::printf("compact_s\t%.3f\n", std::chrono::duration<double>(Clock::now() - c0).count());
  }
  uintmax_t total = 0;
  for (const auto& e : fs::directory_iterator(db_dir)) {
    if (e.path().extension() != ".glass") continue;
    total += e.file_size();
    std::printf("%s_mib\t%.1f\n", e.path().stem().c_str(), mib(e.file_size()));
  }
  std::printf("total_mib\t%.1f\n", mib(total));
  return 0;
}
