// stage_profile: where ingest time goes. Runs every stage of `scrutiny ingest`
// in one process, no workers, over every file under DIR, and prints the
// seconds spent in each stage:
//   extract (poppler/gumbo + normalise), split, metadata, themes,
//   wire (encode + decode, the worker pipe's cost), index (Xapian writes + commit)
//
//   stage_profile DIR [--db SCRATCH_DB]   (the db is deleted and rebuilt)
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "scrutiny/document_wire.h"
#include "scrutiny/extract.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/metadata.h"
#include "scrutiny/passage_splitter.h"
#include "scrutiny/taxonomy.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Timer {
  std::map<std::string, double>& into;
  std::string name;
  Clock::time_point t0 = Clock::now();
  ~Timer() { into[name] += std::chrono::duration<double>(Clock::now() - t0).count(); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: stage_profile DIR [--db SCRATCH_DB]\n");
    return 2;
  }
  std::string db_dir = "/tmp/stage-profile-db";
  if (argc >= 4 && std::string(argv[2]) == "--db") db_dir = argv[3];
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(argv[1])) {
    const auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".pdf" || ext == ".html" || ext == ".htm")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  auto taxonomy = scrutiny::Taxonomy::load_file(scrutiny::Taxonomy::default_path());
  if (!taxonomy) {
    std::fprintf(stderr, "stage_profile: %s\n", taxonomy.error().c_str());
    return 1;
  }
  fs::remove_all(db_dir);
  auto writer = scrutiny::IndexWriter::open(db_dir);
  if (!writer) {
    std::fprintf(stderr, "stage_profile: %s\n", writer.error().c_str());
    return 1;
  }
  std::map<std::string, double> t;
  long pages = 0, passages = 0, failed = 0, wire_bytes = 0;
  size_t since_commit = 0;
  const auto start = Clock::now();
  for (const auto& f : files) {
    std::string bytes;
    {
      Timer _{t, "read"};
      bytes = slurp(f);
    }
    scrutiny::Result<scrutiny::ExtractedText> text = scrutiny::Error{""};
    {
      Timer _{t, "extract"};
      text = scrutiny::extract_bytes(bytes, f.string());
    }
    if (!text) {
      ++failed;
      continue;
    }
    scrutiny::Document doc;
    doc.source = f.string();
    doc.format = text->format;
    doc.doc_id = f.filename().string();
    doc.title = text->title;
    doc.pages = text->pages;
    {
      Timer _{t, "split"};
      doc.passages = scrutiny::PassageSplitter().split(text.value());
    }
    {
      Timer _{t, "metadata"};
      scrutiny::analyse_metadata(doc, text.value(), std::nullopt, std::nullopt);
    }
    {
      Timer _{t, "themes"};
      taxonomy->classify_document(doc);
    }
    {
      Timer _{t, "wire"};
      std::string wire = scrutiny::encode_document(doc);
      wire_bytes += static_cast<long>(wire.size());
      auto back = scrutiny::decode_document(wire);
      if (back) doc = std::move(back.value());
    }
    {
      Timer _{t, "index"};
      (void)writer->replace_document(doc);
      if (++since_commit == 200) {
        (void)writer->commit();
        since_commit = 0;
      }
    }
    pages += doc.pages;
    passages += static_cast<long>(doc.passages.size());
  }
  {
    Timer _{t, "index"};
    (void)writer->commit();
  }
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("files\t%zu\nfailed\t%ld\npages\t%ld\npassages\t%ld\nwire_mb\t%.1f\n", files.size(), failed,
              pages, passages, static_cast<double>(wire_bytes) / 1e6);
  for (const auto& [name, secs] : t) std::printf("%s_s\t%.3f\n", name.c_str(), secs);
  std::printf("total_s\t%.3f\n", total);
  return 0;
}
