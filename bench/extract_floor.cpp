// extract_floor: the speed floor for ingest — poppler-cpp text extraction of
// every page of every PDF under the given directories, in one process, with
// nothing else done (no normalising, splitting, tagging or indexing).
//
//   extract_floor DIR... -> prints "files pages bytes seconds"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <poppler-document.h>
#include <poppler-page.h>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i)
    for (const auto& e : fs::recursive_directory_iterator(argv[i]))
      if (e.is_regular_file() && e.path().extension() == ".pdf") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  const auto start = std::chrono::steady_clock::now();
  long pages = 0, bytes = 0;
  for (const auto& f : files) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(f.string()));
    if (!doc) continue;
    for (int p = 0; p < doc->pages(); ++p) {
      std::unique_ptr<poppler::page> page(doc->create_page(p));
      if (!page) continue;
      bytes += static_cast<long>(page->text().to_utf8().size());
      ++pages;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu %ld %ld %.3f\n", files.size(), pages, bytes, seconds);
  return 0;
}
