// Format sniffing by content: the PDF magic, HTML markup, or readable text.
// The extension only breaks ties (text that merely mentions a tag).
#include <algorithm>
#include <cctype>
#include <string>

#include "scrutiny/extract.h"

namespace scrutiny {
namespace {

std::string lower_prefix(std::string_view bytes, size_t n) {
  std::string s(bytes.substr(0, std::min(n, bytes.size())));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string extension(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return lower_prefix(path.substr(dot + 1), 16);
}

bool has_utf16_bom(std::string_view b) {
  return b.size() >= 2 && ((b[0] == '\xFF' && b[1] == '\xFE') || (b[0] == '\xFE' && b[1] == '\xFF'));
}

// Text: no NUL bytes and almost no control characters in the first 8 KiB.
bool looks_textual(std::string_view bytes) {
  if (has_utf16_bom(bytes)) return true;
  const std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 8192));
  size_t controls = 0;
  for (unsigned char c : head) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
  }
  return controls * 100 <= head.size();
}

// Strong markers of an HTML document (not a text mentioning one tag).
int markup_score(const std::string& head) {
  static const char* const kStrong[] = {"<!doctype html", "<html", "<head>", "<head ", "<body", "<title>"};
  static const char* const kWeak[] = {"<div", "<p>", "<p ", "<br", "<table", "<meta ", "<a href", "<span", "<ul", "<h1", "<h2"};
  int score = 0;
  for (const char* m : kStrong)
    if (head.find(m) != std::string::npos) score += 3;
  for (const char* m : kWeak)
    if (head.find(m) != std::string::npos) score += 1;
  return score;
}

}  // namespace

const char* to_string(Format f) {
  switch (f) {
    case Format::pdf: return "pdf";
    case Format::html: return "html";
    case Format::text: return "text";
    case Format::unknown: break;
  }
  return "unknown";
}

Format sniff_format(std::string_view bytes, std::string_view path) {
  if (bytes.empty()) return Format::unknown;
  if (bytes.substr(0, std::min<size_t>(bytes.size(), 1024)).find("%PDF-") != std::string_view::npos)
    return Format::pdf;
  if (!looks_textual(bytes)) return Format::unknown;
  const std::string ext = extension(path);
  const int score = markup_score(lower_prefix(bytes, 8192));
  if (score >= 3) return Format::html;
  if (score >= 2 && ext != "txt" && ext != "text" && ext != "csv") return Format::html;
  if (score >= 1 && (ext == "html" || ext == "htm" || ext == "xhtml" || ext == "aspx" || ext == "php"))
    return Format::html;
  return Format::text;
}

Result<ExtractedText> extract_bytes(std::string_view bytes, std::string_view path) {
  if (bytes.empty()) return Error{"empty file (0 bytes)"};
  switch (sniff_format(bytes, path)) {
    case Format::pdf: return extract_pdf(bytes);
    case Format::html: return extract_html(bytes);
    case Format::text: return extract_plain_text(bytes);
    case Format::unknown: break;
  }
  return Error{"not a PDF, HTML or text file"};
}

}  // namespace scrutiny
