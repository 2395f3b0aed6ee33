// PdfWriter: a tiny header-only PDF writer for tests and the benchmark
// generator, so they can make PDFs whose content and layout are known.
//
// Pages are A4 (595 x 842 pt, origin bottom-left). Text uses the standard
// fonts Helvetica and Helvetica-Bold with WinAnsiEncoding; strings are given
// in UTF-8 and converted (’ “ ” • – — £ € é ... map to their WinAnsi bytes,
// anything else becomes '?'). Content streams are uncompressed and the xref
// table is exact, so poppler, qpdf and pdftotext read the files cleanly.
//
//   PdfWriter pdf;
//   pdf.set_info("Title", "Report to Executive");
//   pdf.new_page();
//   pdf.text(56, 800, "Running header", 8);
//   double y = pdf.paragraph(56, 760, 230, "Long text wrapped to 230 pt ...");
//   std::string bytes = pdf.str();
//
// The API only grows (bench and batch tests use it): add, never change.
#pragma once

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace scrutiny::test_support {

class PdfWriter {
 public:
  enum class Font { regular, bold };

  static constexpr double kPageWidth = 595;
  static constexpr double kPageHeight = 842;

  // Starts a new page; later drawing goes on it.
  void new_page() { pages_.emplace_back(); }
  size_t page_count() const { return pages_.size(); }

  // Info dictionary entry (Title, Author, Subject, CreationDate as
  // "D:20220308120000Z", ModDate...). Value in UTF-8, written as a PDF text
  // string: ASCII as it is, anything else as UTF-16BE with a byte-order mark.
  void set_info(const std::string& key, std::string_view utf8) { info_[key] = text_string(utf8); }
  // A PDF/A-style output intent whose DestOutputProfile stream holds `icc`.
  void set_output_intent_profile(std::string icc) { output_profile_ = std::move(icc); }
  // The same with the text string's bytes as given (PDFDocEncoding, PDF 2.0's
  // UTF-8 with a byte-order mark...).
  void set_info_bytes(const std::string& key, std::string_view bytes) {
    info_[key] = "(" + escape(std::string(bytes)) + ")";
  }

  // One line of text with its baseline at (x, y).
  void text(double x, double y, std::string_view utf8, double size = 11, Font font = Font::regular) {
    if (pages_.empty()) new_page();
    char head[128];
    std::snprintf(head, sizeof head, "BT /%s %.2f Tf %.2f %.2f Td (", font == Font::bold ? "F2" : "F1", size, x, y);
    std::string& c = pages_.back();
    c += head;
    for (char ch : to_winansi(utf8)) {
      if (ch == '(' || ch == ')' || ch == '\\') c += '\\';
      c += ch;
    }
    c += ") Tj ET\n";
  }

  // A stroked line (rules under running headers, table borders).
  void line(double x1, double y1, double x2, double y2) {
    if (pages_.empty()) new_page();
    char buf[128];
    std::snprintf(buf, sizeof buf, "%.2f %.2f m %.2f %.2f l S\n", x1, y1, x2, y2);
    pages_.back() += buf;
  }

  // Word-wraps `utf8` into lines no wider than `width` starting with the
  // first baseline at y; returns the baseline y just below the last line
  // (y - lines * leading). leading <= 0 means 1.25 * size.
  double paragraph(double x, double y, double width, std::string_view utf8, double size = 11,
                   Font font = Font::regular, double leading = 0) {
    if (leading <= 0) leading = size * 1.25;
    for (const std::string& l : wrap(utf8, width, size, font)) {
      text(x, y, l, size, font);
      y -= leading;
    }
    return y;
  }

  // The lines paragraph() would draw.
  static std::vector<std::string> wrap(std::string_view utf8, double width, double size, Font font = Font::regular) {
    std::vector<std::string> lines;
    std::string current;
    size_t i = 0;
    while (i < utf8.size()) {
      while (i < utf8.size() && utf8[i] == ' ') ++i;
      size_t j = utf8.find(' ', i);
      if (j == std::string_view::npos) j = utf8.size();
      if (j == i) break;
      std::string word(utf8.substr(i, j - i));
      std::string candidate = current.empty() ? word : current + " " + word;
      if (!current.empty() && text_width(candidate, size, font) > width) {
        lines.push_back(current);
        current = word;
      } else {
        current = candidate;
      }
      i = j;
    }
    if (!current.empty()) lines.push_back(current);
    return lines;
  }

  // Width in points of `utf8` set in Helvetica (bold approximated).
  static double text_width(std::string_view utf8, double size, Font font = Font::regular) {
    double units = 0;
    for (char ch : to_winansi(utf8)) units += glyph_width(static_cast<unsigned char>(ch));
    if (font == Font::bold) units *= 1.08;
    return units * size / 1000.0;
  }

  // The whole file.
  std::string str() const {
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    auto begin = [&](size_t number) {
      if (offsets.size() < number) offsets.resize(number, 0);
      offsets[number - 1] = out.size();
      out += std::to_string(number) + " 0 obj\n";
    };
    const size_t n = pages_.empty() ? 1 : pages_.size();
    // 1 catalog, 2 pages, 3-4 fonts, 5 info, then per page: page, contents.
    begin(1);
    const size_t intent = 6 + 2 * n;  // after the pages, when there is a profile
    out += output_profile_.empty() ? std::string("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
                                   : "<< /Type /Catalog /Pages 2 0 R /OutputIntents [" + std::to_string(intent) +
                                         " 0 R] >>\nendobj\n";
    begin(2);
    out += "<< /Type /Pages /Count " + std::to_string(n) + " /Kids [";
    for (size_t p = 0; p < n; ++p) out += std::to_string(6 + 2 * p) + " 0 R ";
    out += "] >>\nendobj\n";
    begin(3);
    out += "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n";
    begin(4);
    out += "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>\nendobj\n";
    begin(5);
    out += "<< ";
    for (const auto& [k, v] : info_) out += "/" + k + " " + v + " ";
    out += ">>\nendobj\n";
    for (size_t p = 0; p < n; ++p) {
      const std::string content = pages_.empty() ? std::string() : pages_[p];
      begin(6 + 2 * p);
      out += "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " +
             std::to_string(7 + 2 * p) + " 0 R >>\nendobj\n";
      begin(7 + 2 * p);
      out += "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream\nendobj\n";
    }
    if (!output_profile_.empty()) {
      begin(intent);
      out += "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) /DestOutputProfile " +
             std::to_string(intent + 1) + " 0 R >>\nendobj\n";
      begin(intent + 1);
      out += "<< /N 3 /Length " + std::to_string(output_profile_.size()) + " >>\nstream\n" + output_profile_ +
             "\nendstream\nendobj\n";
    }
    const size_t xref = out.size();
    out += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
    char entry[32];
    for (size_t off : offsets) {
      std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
      out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R /Info 5 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
  }

  bool save(const std::string& path) const {
    std::ofstream f(path, std::ios::binary);
    f << str();
    return static_cast<bool>(f);
  }

  // UTF-8 to Windows-1252 bytes; unmapped characters become '?'.
  static std::string to_winansi(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (unsigned cp : code_points(utf8)) out += winansi_byte(cp);
    return out;
  }

 private:
  static std::vector<unsigned> code_points(std::string_view utf8) {
    std::vector<unsigned> cps;
    for (size_t i = 0; i < utf8.size();) {
      unsigned char c = static_cast<unsigned char>(utf8[i]);
      unsigned cp = c;
      size_t len = 1;
      if (c >= 0xF0) len = 4, cp = c & 0x07;
      else if (c >= 0xE0) len = 3, cp = c & 0x0F;
      else if (c >= 0xC0) len = 2, cp = c & 0x1F;
      if (i + len > utf8.size()) len = utf8.size() - i;
      for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
      i += len;
      cps.push_back(cp);
    }
    return cps;
  }

  static std::string text_string(std::string_view utf8) {
    const std::vector<unsigned> cps = code_points(utf8);
    if (std::all_of(cps.begin(), cps.end(), [](unsigned cp) { return cp < 0x80; }))
      return "(" + escape(std::string(utf8)) + ")";
    std::string hex = "<FEFF";
    auto unit = [&](unsigned u) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%04X", u & 0xFFFF);
      hex += buf;
    };
    for (unsigned cp : cps) {
      if (cp < 0x10000) {
        unit(cp);
      } else {
        unit(0xD800 + ((cp - 0x10000) >> 10));
        unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
      }
    }
    return hex + ">";
  }

  static char winansi_byte(unsigned cp) {
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<char>(cp);
    switch (cp) {
      case 0x20AC: return '\x80';
      case 0x201A: return '\x82';
      case 0x201E: return '\x84';
      case 0x2026: return '\x85';
      case 0x2030: return '\x89';
      case 0x2018: return '\x91';
      case 0x2019: return '\x92';
      case 0x201C: return '\x93';
      case 0x201D: return '\x94';
      case 0x2022: return '\x95';
      case 0x2013: return '\x96';
      case 0x2014: return '\x97';
      case 0x2122: return '\x99';
      default: return '?';
    }
  }

  static std::string escape(const std::string& s) {
    std::string out;
    for (char ch : s) {
      if (ch == '(' || ch == ')' || ch == '\\') out += '\\';
      out += ch;
    }
    return out;
  }

  // Helvetica advance widths (1/1000 em) for WinAnsi bytes; 556 elsewhere.
  static int glyph_width(unsigned char c) {
    static constexpr int kAscii[95] = {
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // ' '../
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0..?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P.._
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // `..o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};      // p..~
    if (c >= 32 && c < 127) return kAscii[c - 32];
    if (c == 0x91 || c == 0x92) return 222;
    if (c == 0x93 || c == 0x94) return 333;
    if (c == 0x95) return 350;
    if (c == 0x97) return 1000;
    return 556;
  }

  std::vector<std::string> pages_;
  std::map<std::string, std::string> info_;
  std::string output_profile_;
};

}  // namespace scrutiny::test_support
