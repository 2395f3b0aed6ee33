// PdfPages: builds a multi-page PDF from positioned text runs, lines and
// rectangles, with Flate-compressed content streams like real office output.
// Only the base-14 Helvetica fonts (WinAnsi encoding), so strings are bytes in
// Windows-1252: 0x95 is a bullet, 0x96 an en dash. Used by gen_corpus, where
// layout (two columns, tables, running headers) needs absolute positions.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>

namespace scrutiny::bench {

class PdfPages {
 public:
  enum Font { kRegular = 1, kBold = 2 };

  // Starts a new A4 page; later calls draw on it.
  void new_page() { pages_.emplace_back(); }

  void text(double x, double y, Font font, double size, std::string_view s) {
    char head[96];
    std::snprintf(head, sizeof head, "BT /F%d %.1f Tf %.1f %.1f Td (", font, size, x, y);
    std::string& c = pages_.back();
    c += head;
    for (char ch : s) {
      if (ch == '(' || ch == ')' || ch == '\\') c += '\\';
      c += ch;
    }
    c += ") Tj ET\n";
  }

  void rect(double x, double y, double w, double h) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.1f %.1f %.1f %.1f re S\n", x, y, w, h);
    pages_.back() += buf;
  }

  void line(double x1, double y1, double x2, double y2) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.1f %.1f m %.1f %.1f l S\n", x1, y1, x2, y2);
    pages_.back() += buf;
  }

  size_t page_count() const { return pages_.size(); }

  // The whole file. `title` goes in the Info dictionary (WinAnsi bytes).
  std::string serialise(std::string_view title) const {
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    auto begin_object = [&](size_t number) {
      if (offsets.size() < number) offsets.resize(number);
      offsets[number - 1] = out.size();
      out += std::to_string(number) + " 0 obj\n";
    };
    const size_t n = pages_.size();
    // 1 catalog, 2 pages, 3-4 fonts, 5 info, then per page: page, contents.
    begin_object(1);
    out += "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
    begin_object(2);
    out += "<< /Type /Pages /Count " + std::to_string(n) + " /Kids [";
    for (size_t i = 0; i < n; ++i) out += std::to_string(6 + 2 * i) + " 0 R ";
    out += "] >>\nendobj\n";
    begin_object(3);
    out += "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n";
    begin_object(4);
    out += "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>\nendobj\n";
    begin_object(5);
    out += "<< /Title (";
    for (char ch : title) {
      if (ch == '(' || ch == ')' || ch == '\\') out += '\\';
      out += ch;
    }
    out += ") /Producer (scrutiny gen_corpus) >>\nendobj\n";
    for (size_t i = 0; i < n; ++i) {
      const size_t page_obj = 6 + 2 * i;
      begin_object(page_obj);
      out += "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " +
             std::to_string(page_obj + 1) + " 0 R >>\nendobj\n";
      begin_object(page_obj + 1);
      std::string packed = deflate(pages_[i]);
      out += "<< /Length " + std::to_string(packed.size()) + " /Filter /FlateDecode >>\nstream\n";
      out += packed;
      out += "\nendstream\nendobj\n";
    }
    const size_t xref = out.size();
    out += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t off : offsets) {
      char entry[32];
      std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
      out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
           " /Root 1 0 R /Info 5 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
  }

 private:
  static std::string deflate(const std::string& in) {
    uLongf len = compressBound(in.size());
    std::string out(len, '\0');
    compress2(reinterpret_cast<Bytef*>(out.data()), &len,
              reinterpret_cast<const Bytef*>(in.data()), in.size(), 6);
    out.resize(len);
    return out;
  }

  std::vector<std::string> pages_;
};

}  // namespace scrutiny::bench
