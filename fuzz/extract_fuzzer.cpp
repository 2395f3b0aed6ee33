// libFuzzer harness for the extraction entry points. The first input byte
// picks the entry point (sniffing dispatcher under three names, or one
// extractor directly); the rest is the file's bytes. Any crash, leak,
// sanitizer report or uncaught exception is a finding: extractors must turn
// hostile bytes into an Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scrutiny/extract.h"

// The PDF extractor is a module loaded on the first PDF (ingest/src/pdf_module.h):
// load it before fuzzing starts, so libFuzzer counts its coverage from the
// first input on.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)scrutiny::extract_pdf("");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 6) {
    case 0: (void)scrutiny::extract_bytes(bytes, "fuzz.pdf"); break;
    case 1: (void)scrutiny::extract_bytes(bytes, "fuzz.html"); break;
    case 2: (void)scrutiny::extract_bytes(bytes, "fuzz.txt"); break;
    case 3: (void)scrutiny::extract_pdf(bytes); break;
    case 4: (void)scrutiny::extract_html(bytes); break;
    default: (void)scrutiny::extract_plain_text(bytes); break;
  }
  return 0;
}
