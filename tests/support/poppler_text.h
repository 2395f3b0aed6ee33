// Test support: PDF text through poppler-cpp directly, as ExtractedText.
// A stand-in for scrutiny::extract_pdf, which the "extract" stage had not yet
// landed when the Ofsted tests were written; same signature, so switching is
// one line. Header-only; poppler-cpp reaches tests through the ingest library.
#pragma once

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include "scrutiny/extract.h"

namespace scrutiny::test_support {

// poppler-cpp's physical-layout text, one block per blank-line-separated
// paragraph, pages from the page loop.
inline Result<ExtractedText> extract_pdf_for_test(const std::string& bytes) {
  std::vector<char> data(bytes.begin(), bytes.end());
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_data(&data));
  if (!pdf || pdf->is_locked()) return Error{"unreadable PDF"};
  ExtractedText t;
  t.format = "pdf";
  t.pages = pdf->pages();
  for (int i = 0; i < pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (!page) continue;
    auto utf8 = page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    std::istringstream lines(std::string(utf8.begin(), utf8.end()));
    std::string line, para;
    auto flush = [&] {
      if (para.empty()) return;
      TextBlock b;
      b.page = i + 1;
      b.text = para;
      t.blocks.push_back(b);
      para.clear();
    };
    while (std::getline(lines, line)) {
      if (line.find_first_not_of(" \t\r\f") == std::string::npos) {
        flush();
        continue;
      }
      if (!para.empty()) para += "\n";
      para += line;
    }
    flush();
  }
  return t;
}

}  // namespace scrutiny::test_support
