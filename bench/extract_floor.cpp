// extract_floor: the speed floor for ingest — poppler-cpp text extraction of
// every page of every PDF under the given directories, in one process, with
// nothing else done (no normalising, splitting, tagging or indexing).
//
// Colour management is off, as in `scrutiny ingest` (ingest/pdf/extract_pdf.cpp):
// text extraction needs none, and poppler would otherwise build colour
// transforms on every page of a PDF/A. --colour-management measures poppler
// as shipped.
//
//   extract_floor [--colour-management] DIR... -> prints "files pages bytes seconds"
#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

namespace fs = std::filesystem;

namespace {
bool colour_management = false;
}

// Exported (bench/CMakeLists.txt), so poppler binds to it; liblcms2's own
// only with --colour-management.
extern "C" void* cmsOpenProfileFromMem(const void* data, unsigned int size) {
  if (!colour_management) return nullptr;
  using Open = void* (*)(const void*, unsigned int);
  static const auto real = reinterpret_cast<Open>(dlsym(RTLD_NEXT, "cmsOpenProfileFromMem"));
  return real ? real(data, size) : nullptr;
}

int main(int argc, char** argv) {
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);  // as ingest does
  std::vector<fs::path> files;
  int first = 1;
  if (argc > 1 && !std::strcmp(argv[1], "--colour-management")) colour_management = true, first = 2;
  for (int i = first; i < argc; ++i)
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
