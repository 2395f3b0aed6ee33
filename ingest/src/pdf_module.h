// The PDF extractor is a module, scrutiny_pdf.so, loaded on the first PDF a
// process reads. poppler and the two dozen libraries it pulls in (NSS,
// libtiff, OpenJPEG, Little CMS...) took 3.7 ms to load and relocate at
// every start of the binary, half of what a `scrutiny search` command costs
// on a small index, and only ingest reads PDFs (docs/architecture.md).
// Internal to ingest: extract_pdf() (extract.h) is the interface.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "scrutiny/extract.h"
#include "scrutiny/result.h"

namespace scrutiny {

// What the module hands back. The sizes guard against a module from another
// build whose ExtractedText differs: such a module is refused, not called.
struct PdfModule {
  std::size_t extracted_text_size;
  std::size_t text_block_size;
  Result<ExtractedText> (*extract)(std::string_view bytes);
  // How many colour profiles poppler asked to open and was refused (the
  // module opts out of colour management: extract_pdf.cpp).
  unsigned long (*profiles_refused)();
};

// The module's one exported entry point; its name carries the interface
// version, so a module of another version fails with "undefined symbol".
inline constexpr const char* kPdfModuleEntry = "scrutiny_pdf_module_v1";
inline constexpr const char* kPdfModuleFile = "scrutiny_pdf.so";

// Loads the module once per process, from $SCRUTINY_PDF_MODULE if set, else
// ../lib/scrutiny/ beside the executable (installed, and build/cli), else the
// build tree it was built in. The Error names where it looked and why it failed.
Result<const PdfModule*> load_pdf_module();

// Where the loaded module came from; "" before load_pdf_module() succeeds.
std::string loaded_pdf_module_path();

}  // namespace scrutiny
