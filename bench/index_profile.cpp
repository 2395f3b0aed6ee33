// index_profile: the index writer alone. Extracts every document under DIR
// once (cached in CACHE as length-prefixed wire frames, so later runs skip
// extraction), then times IndexWriter over all of them into a scratch index,
// committing every 4,000 passages as ingest does (--commit-every), and prints the seconds, the
// passages per second and each Xapian table's size.
//   --mode document       (default) replace_document(Document): build and add
//   --mode document-wire  the same, timing the decoding of each worker message
//                         too: the writer's work before workers built passages
//   --mode worker-built   passages built (untimed, as workers do) and sent as
//                         'X' messages; times decoding them and adding them:
//                         the writer's work in `scrutiny ingest` now
//
// --granularity page|document merges each page's (or the whole document's)
// passages into one before indexing: how the writer's time and the index's
// size would change with fewer, larger Xapian documents (docs/benchmarks.md).
// --granularity ranges (worker-built only) builds each file's passages, raw
// wdfs, and merges them into one Xapian document with the passages as
// position ranges (passage_ranges.h): the index doclevel_probe queries.
//
//   index_profile DIR [--cache FILE] [--db SCRATCH_DB] [--commit-every PASSAGES] [--mode M]
//                 [--granularity passage|page|document|ranges] [--compact]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "scrutiny/compact.h"
#include "scrutiny/document_wire.h"
#include "scrutiny/extract.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/ingest.h"
#include "passage_ranges.h"
#include "scrutiny/synonyms.h"
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
    doc->doc_id = fs::relative(f, dir).string();  // file names repeat across folders (9 of the 93 Ofsted reports)
    const std::string wire = scrutiny::encode_document(doc.value());
    const uint64_t n = wire.size();
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(wire.data(), static_cast<std::streamsize>(n));
  }
  return static_cast<bool>(out);
}

std::vector<std::string> load_cache(const std::string& cache) {
  std::vector<std::string> wires;
  std::ifstream in(cache, std::ios::binary);
  uint64_t n;
  while (in.read(reinterpret_cast<char*>(&n), sizeof n)) {
    std::string wire(n, '\0');
    in.read(wire.data(), static_cast<std::streamsize>(n));
    wires.push_back(std::move(wire));
  }
  return wires;
}

std::vector<std::string> sorted_theme_ids() {
  std::vector<std::string> ids;
  if (auto taxonomy = scrutiny::Taxonomy::load_file(scrutiny::Taxonomy::default_path()))
    for (const auto& t : taxonomy->themes()) ids.push_back(t.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// One 'X' frame per document, its passages merged (passage_ranges.h); the
// file's passage count goes to `passages`, message by message.
std::vector<std::string> merged_messages(const std::vector<std::string>& wires, std::vector<size_t>& passages) {
  scrutiny::PassageBuilder raw(scrutiny::Synonyms::default_set(), std::nullopt);
  const std::vector<std::string> theme_ids = sorted_theme_ids();
  std::vector<std::string> out;
  for (const auto& w : wires)
    if (auto d = scrutiny::decode_document(w)) {
      out.push_back(scrutiny::encode_indexed_document(d.value(), {scrutiny::built_passage_of(bench::merge_as_ranges(d.value(), raw.build(d.value()), theme_ids))}));
      passages.push_back(d->passages.size());
    }
  return out;
}

// What a worker sends for each document: 'D' frames (the Document as JSON),
// or with `built`, the 'X' frames of passages built by a copy of `builder`.
std::vector<std::string> worker_messages(const std::vector<std::string>& wires, bool built,
                                         const scrutiny::PassageBuilder& builder) {
  if (!built) return wires;
  scrutiny::PassageBuilder worker_copy = builder;
  std::vector<std::string> out;
  for (const auto& w : wires)
    if (auto d = scrutiny::decode_document(w)) out.push_back(scrutiny::encode_indexed_document(d.value(), worker_copy.build(d.value())));
  return out;
}

// Decodes one worker message and adds it; the number of passages added.
size_t add(scrutiny::IndexWriter& writer, const std::string& message, bool built) {
  if (built) {
    auto d = scrutiny::decode_indexed_document(message);
    if (!d || !writer.replace_document(d->doc, d->passages).ok()) return 0;
    return d->passages.size();
  }
  auto d = scrutiny::decode_document(message);
  if (!d || !writer.replace_document(d.value()).ok()) return 0;
  return d->passages.size();
}

// One passage per page (or per document): texts joined, themes united.
scrutiny::Document merged(scrutiny::Document doc, bool whole_document) {
  std::vector<scrutiny::Passage> out;
  for (auto& p : doc.passages) {
    if (out.empty() || (!whole_document && out.back().page != p.page)) {
      out.push_back(std::move(p));
      continue;
    }
    scrutiny::Passage& m = out.back();
    m.text += "\n" + p.text;
    for (auto& t : p.themes)
      if (std::find(m.themes.begin(), m.themes.end(), t) == m.themes.end()) m.themes.push_back(t);
  }
  for (auto& p : out) std::sort(p.themes.begin(), p.themes.end());
  doc.passages = std::move(out);
  return doc;
}

std::vector<std::string> at_granularity(std::vector<std::string> wires, const std::string& granularity) {
  if (granularity == "passage" || granularity == "ranges") return wires;
  for (auto& w : wires)
    if (auto d = scrutiny::decode_document(w)) w = scrutiny::encode_document(merged(std::move(d.value()), granularity == "document"));
  return wires;
}

struct Timed {
  size_t documents = 0, passages = 0;
  double secs = 0;
};

// Indexes every document into a new database at db_dir the way `mode` says,
// committing every `commit_every` passages; nullopt if it cannot be opened.
std::optional<Timed> index_corpus(const std::string& db_dir, const std::string& mode, const std::vector<std::string>& wires,
                                  const std::vector<scrutiny::Document>& docs, size_t commit_every, bool ranges) {
  auto writer = scrutiny::IndexWriter::open(db_dir);
  if (!writer) {
    std::fprintf(stderr, "index_profile: %s\n", writer.error().c_str());
    return std::nullopt;
  }
  const bool built = mode == "worker-built";
  // A merged document counts as its file's passages, so commits come as often as in ingest.
  std::vector<size_t> file_passages;
  const std::vector<std::string> messages = mode == "document" ? std::vector<std::string>{}
                                            : ranges ? merged_messages(wires, file_passages)
                                                     : worker_messages(wires, built, writer->passage_builder());
  const auto start = Clock::now();
  Timed t;
  size_t since_commit = 0;
  t.documents = mode == "document" ? docs.size() : messages.size();
  for (size_t i = 0; i < t.documents; ++i) {
    size_t added = 0;
    if (mode == "document") {
      if (auto st = writer->replace_document(docs[i]); st.ok()) added = docs[i].passages.size();
    } else {
      added = add(writer.value(), messages[i], built);
      if (ranges && added) added = file_passages[i];
    }
    t.passages += added;
    since_commit += added;
    if (since_commit >= commit_every) {
      (void)writer->commit();
      since_commit = 0;
    }
  }
  (void)writer->commit();
  t.secs = std::chrono::duration<double>(Clock::now() - start).count();
  return t;
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
  std::string mode = "document", granularity = "passage";
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--cache") && i + 1 < argc) cache = argv[++i];
    else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--commit-every") && i + 1 < argc) commit_every = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--compact")) compact = true;
    else if (!std::strcmp(argv[i], "--mode") && i + 1 < argc) mode = argv[++i];
    else if (!std::strcmp(argv[i], "--granularity") && i + 1 < argc) granularity = argv[++i];
  }
  if (mode != "document" && mode != "document-wire" && mode != "worker-built") {
    std::fprintf(stderr, "index_profile: --mode: document, document-wire or worker-built, not %s\n", mode.c_str());
    return 2;
  }
  if (granularity != "passage" && granularity != "page" && granularity != "document" && granularity != "ranges") {
    std::fprintf(stderr, "index_profile: --granularity: passage, page, document or ranges, not %s\n", granularity.c_str());
    return 2;
  }
  if (granularity == "ranges" && mode != "worker-built") {
    std::fprintf(stderr, "index_profile: --granularity ranges needs --mode worker-built\n");
    return 2;
  }
  if (!fs::exists(cache) && !build_cache(argv[1], cache)) return 1;
  const std::vector<std::string> wires = at_granularity(load_cache(cache), granularity);
  std::vector<scrutiny::Document> docs;
  if (mode == "document")
    for (const auto& w : wires)
      if (auto d = scrutiny::decode_document(w)) docs.push_back(std::move(d.value()));
  fs::remove_all(db_dir);
  const auto timed = index_corpus(db_dir, mode, wires, docs, commit_every, granularity == "ranges");  // the writer is closed on return
  if (!timed) return 1;
  std::printf("mode\t%s\ngranularity\t%s\ndocuments\t%zu\npassages\t%zu\nindex_s\t%.3f\npassages_per_s\t%.0f\n", mode.c_str(), granularity.c_str(), timed->documents,
              timed->passages, timed->secs, static_cast<double>(timed->passages) / timed->secs);
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
