// Format sniffing and raw text extraction. Each extractor turns the bytes of
// one file into ExtractedText: blocks (paragraph-like units) in reading order,
// with page numbers and layout hints. No metadata analysis happens here.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scrutiny/result.h"

namespace scrutiny {

enum class Format { pdf, html, text, unknown };
const char* to_string(Format f);  // "pdf", "html", "text", "unknown"

// Decides by content (magic bytes, markup), using the extension only as a tie-breaker.
Format sniff_format(std::string_view bytes, std::string_view path);

struct TextBlock {
  int page = 0;            // 1-based for PDFs, 0 for unpaged sources
  std::string text;        // UTF-8, normalised (see normalise.h)
  double font_size = 0;    // PDF: dominant font size of the block; 0 if unknown
  bool bold = false;       // PDF: dominant font is bold
  bool heading = false;    // HTML h1-h6, or a PDF line judged a heading
  bool list_item = false;  // a bullet or numbered item (HTML li, "•", U+F0B7 ...)
  bool table_cell = false; // from an HTML table cell / PDF table row
};

struct ExtractedText {
  std::string format;                        // "pdf", "html", "text"
  std::string title;                         // <title>, PDF Title info, or ""
  std::map<std::string, std::string> info;   // PDF info: Title, Author, Subject, CreationDate, ModDate (ISO dates); HTML meta
  int pages = 0;                             // page count, 0 for unpaged
  std::vector<TextBlock> blocks;             // reading order
};

// PDFs are read by a module loaded on the first call (docs/architecture.md).
Result<ExtractedText> extract_pdf(std::string_view bytes);
Result<ExtractedText> extract_html(std::string_view bytes);
Result<ExtractedText> extract_plain_text(std::string_view bytes);

// Loads the PDF extractor module now if it is not loaded yet; the Error says
// where it looked and why it failed. Ingest checks this before it starts, so
// a broken installation stops the run instead of failing every PDF.
Status pdf_extractor_ready();

// Sniffs and dispatches. An unknown format is an Error naming the reason.
Result<ExtractedText> extract_bytes(std::string_view bytes, std::string_view path);

}  // namespace scrutiny
