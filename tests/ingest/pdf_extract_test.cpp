// PDF extraction on generated PDFs with known layout (two columns, running
// header/footer, headings, bullets), encrypted and broken files, and a sweep
// over the real and hostile files in ../shared/corpus-candidates.
#define BOOST_TEST_MODULE pdf_extract
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <poppler/cpp/poppler-document.h>

#include "../support/pdf_writer.h"
#include "scrutiny/extract.h"
#include "scrutiny/passage_splitter.h"

using namespace scrutiny;
using test_support::PdfWriter;
namespace fs = std::filesystem;

namespace {

const std::string kLeft =
    "Leftcolumn recruitment of social workers remains difficult and caseloads are high in the assessment teams.";
const std::string kRight =
    "Rightcolumn care leavers now have suitable accommodation and personal advisers who know them well.";

// Three A4 pages: running header and "Page n of 3" footer on each; a bold
// 16 pt heading; two columns of two paragraphs on pages 1-2; a bullet list
// and a paragraph running over the page break on page 3 -> 4... (3 only).
std::string two_column_report() {
  PdfWriter pdf;
  pdf.set_info("Title", "Children's Services Improvement Report");
  pdf.set_info("Author", "Middlesbrough Council");
  pdf.set_info("CreationDate", "D:20220308120000Z");
  for (int p = 1; p <= 3; ++p) {
    pdf.new_page();
    pdf.text(56, 815, "Middlesbrough Council - Executive - 8 March 2022", 8);
    pdf.text(270, 30, "Page " + std::to_string(p) + " of 3", 9);
    if (p <= 2) {
      pdf.text(56, 770, "Section " + std::to_string(p) + " Workforce and Care Leavers", 16, PdfWriter::Font::bold);
      double y = pdf.paragraph(56, 740, 230, "Left one page " + std::to_string(p) + ". " + kLeft + " " + kLeft);
      pdf.paragraph(56, y - 12, 230, "Left two page " + std::to_string(p) + ". " + kLeft);
      y = pdf.paragraph(310, 740, 230, "Right one page " + std::to_string(p) + ". " + kRight + " " + kRight);
      pdf.paragraph(310, y - 12, 230, "Right two page " + std::to_string(p) + ". " + kRight);
    } else {
      pdf.text(56, 770, "Next Steps", 16, PdfWriter::Font::bold);
      pdf.text(56, 740, "\u2022 Recruit twenty permanent social workers by March 2023");
      pdf.text(56, 724, "\u2022 Reduce average caseloads to eighteen children");
      double y = pdf.paragraph(56, 690, 480,
                               "The improvement board will review progress every quarter and report to the");
      (void)y;
    }
  }
  return pdf.str();
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string joined(const ExtractedText& t) {
  std::string s;
  for (const auto& b : t.blocks) s += b.text + "\n";
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_columns_come_out_left_then_right_with_page_numbers) {
  auto r = extract_pdf(two_column_report());
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
  BOOST_TEST(r->pages == 3);
  const std::string text = joined(r.value());
  for (int p = 1; p <= 2; ++p) {
    const std::string n = std::to_string(p);
    const size_t l1 = text.find("Left one page " + n), l2 = text.find("Left two page " + n);
    const size_t r1 = text.find("Right one page " + n), r2 = text.find("Right two page " + n);
    BOOST_REQUIRE(l1 != std::string::npos);
    BOOST_REQUIRE(r2 != std::string::npos);
    BOOST_TEST(l1 < l2);
    BOOST_TEST(l2 < r1);  // the whole left column before the right one
    BOOST_TEST(r1 < r2);
  }
  for (const auto& b : r->blocks) {
    if (b.text.find("Left one page 2") == 0) BOOST_TEST(b.page == 2);
    if (b.text.find("Right two page 1") == 0) {
      BOOST_TEST(b.page == 1);
      // One block per paragraph: its wrapped lines are joined with spaces.
      BOOST_TEST(b.text == "Right two page 1. " + kRight);
    }
  }
}

BOOST_AUTO_TEST_CASE(running_header_and_footer_are_dropped) {
  auto r = extract_pdf(two_column_report());
  BOOST_REQUIRE(r.ok());
  const std::string text = joined(r.value());
  BOOST_TEST(text.find("Executive - 8 March") == std::string::npos);
  BOOST_TEST(text.find("of 3") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(headings_become_sections_and_bullets_list_items) {
  auto r = extract_pdf(two_column_report());
  BOOST_REQUIRE(r.ok());
  auto passages = PassageSplitter().split(r.value());
  BOOST_REQUIRE(!passages.empty());
  BOOST_TEST(passages[0].section == "Section 1 Workforce and Care Leavers");
  BOOST_TEST(passages[0].page == 1);
  bool saw_bullet = false;
  for (const auto& p : passages) {
    BOOST_TEST(p.text.find("Section ") != 0u);  // headings are not passages
    if (p.text == "Recruit twenty permanent social workers by March 2023") {
      saw_bullet = true;
      BOOST_TEST(p.list_item);
      BOOST_TEST(p.section == "Next Steps");
      BOOST_TEST(p.page == 3);
    }
    if (p.text.find("Right one page 2") == 0) BOOST_TEST(p.section == "Section 2 Workforce and Care Leavers");
  }
  BOOST_TEST(saw_bullet);
}

BOOST_AUTO_TEST_CASE(pdf_info_is_read) {
  auto r = extract_pdf(two_column_report());
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->title == "Children's Services Improvement Report");
  BOOST_TEST(r->info.at("Author") == "Middlesbrough Council");
  BOOST_TEST(r->info.at("CreationDate") == "2022-03-08");
}

// PDF text strings come in three encodings; each must read as what it says.
BOOST_AUTO_TEST_CASE(info_strings_are_decoded_from_each_pdf_text_encoding) {
  PdfWriter pdf;
  pdf.new_page();
  pdf.paragraph(56, 740, 480, "Care leavers are supported well by their personal advisers.");
  pdf.set_info("Title", "Caf\u00e9 review: Children\u2019s services \U00020000");   // UTF-16BE, with a surrogate pair
  pdf.set_info_bytes("Author", "G\x90" "day gar\xE7on");                          // PDFDocEncoding: 0x90 is U+2019
  pdf.set_info_bytes("Subject", "\xEF\xBB\xBF\xE8\xA1\xA8 Stra\xC3\x9F" "e");  // PDF 2.0: UTF-8 after a BOM
  auto r = extract_pdf(pdf.str());
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->title == "Caf\u00e9 review: Children's services \U00020000");
  BOOST_TEST(r->info.at("Author") == "G'day gar\u00e7on");
  BOOST_TEST(r->info.at("Subject") == "\u8868 Stra\u00dfe");
}

BOOST_AUTO_TEST_CASE(paragraph_over_a_page_break_is_one_passage) {
  PdfWriter pdf;
  pdf.new_page();
  pdf.text(56, 770, "Findings", 14, PdfWriter::Font::bold);
  pdf.paragraph(56, 740, 480, "Managers have strengthened oversight of assessments, but the quality of plans");
  pdf.text(56, 70, "is not yet consistent across the");  // last line of page 1
  pdf.new_page();
  pdf.text(56, 780, "teams, and some children wait too long for support.");
  pdf.paragraph(56, 750, 480, "A second paragraph about something else entirely.");
  auto r = extract_pdf(pdf.str());
  BOOST_REQUIRE(r.ok());
  auto p = PassageSplitter().split(r.value());
  BOOST_REQUIRE_EQUAL(p.size(), 2u);
  BOOST_TEST(p[0].text ==
             "Managers have strengthened oversight of assessments, but the quality of plans is not yet consistent "
             "across the teams, and some children wait too long for support.");
  BOOST_TEST(p[0].page == 1);
  BOOST_TEST(p[1].page == 2);
}

// poppler-cpp deletes poppler's process-wide settings when its last document
// closes. A program using it too must still extract (it read through a null
// pointer and crashed before init_poppler looked every time).
BOOST_AUTO_TEST_CASE(extraction_survives_poppler_cpp_in_the_same_process) {
  const std::string pdf = two_column_report();
  BOOST_REQUIRE(extract_pdf(pdf).ok());
  {
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    BOOST_REQUIRE(doc);
    BOOST_TEST(doc->pages() == 3);
  }
  auto r = extract_pdf(pdf);
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->title == "Children's Services Improvement Report");
  BOOST_TEST(r->pages == 3);
}

BOOST_AUTO_TEST_CASE(broken_inputs_give_clear_errors) {
  auto empty = extract_pdf("");
  BOOST_REQUIRE(!empty.ok());
  BOOST_TEST(empty.error() == "empty file (0 bytes)");

  const std::string good = two_column_report();
  auto truncated = extract_pdf(good.substr(0, 300));
  BOOST_REQUIRE(!truncated.ok());
  BOOST_TEST(truncated.error().find("truncated PDF") == 0u, truncated.error());

  std::mt19937 rng(42);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  auto random = extract_pdf(noise);
  BOOST_REQUIRE(!random.ok());
  BOOST_TEST(random.error().find("PDF") != std::string::npos, random.error());
  auto sniffed = extract_bytes(noise, "random.pdf");
  BOOST_REQUIRE(!sniffed.ok());
  BOOST_TEST(sniffed.error() == "not a PDF, HTML or text file");

  PdfWriter image_only;  // a page with a drawn line and no text
  image_only.new_page();
  image_only.line(50, 50, 500, 500);
  auto no_text = extract_pdf(image_only.str());
  BOOST_REQUIRE(!no_text.ok());
  BOOST_TEST(no_text.error() == "no text layer (image-only PDF)");
}

BOOST_AUTO_TEST_CASE(encrypted_pdfs) {
  if (std::system("qpdf --version > /dev/null 2>&1") != 0) {
    BOOST_TEST_MESSAGE("skipped: qpdf not installed");
    return;
  }
  const fs::path dir = fs::temp_directory_path() / ("scrutiny-pdf-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  PdfWriter pdf;
  pdf.new_page();
  pdf.paragraph(56, 740, 480, "Care leavers are supported well by their personal advisers.");
  BOOST_REQUIRE(pdf.save((dir / "plain.pdf").string()));
  const std::string in = (dir / "plain.pdf").string();
  const std::string user = (dir / "user.pdf").string(), owner = (dir / "owner.pdf").string();
  BOOST_REQUIRE(std::system(("qpdf --encrypt user owner 256 -- " + in + " " + user).c_str()) == 0);
  BOOST_REQUIRE(std::system(("qpdf --encrypt '' owner 256 -- " + in + " " + owner).c_str()) == 0);

  auto locked = extract_pdf(read_file(user));
  BOOST_REQUIRE(!locked.ok());
  BOOST_TEST(locked.error() == "encrypted PDF (password required)");

  auto open = extract_pdf(read_file(owner));  // owner password only: readable
  BOOST_REQUIRE_MESSAGE(open.ok(), (open.ok() ? "" : open.error()));
  BOOST_TEST(joined(open.value()) == "Care leavers are supported well by their personal advisers.\n");
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(real_ofsted_reports_extract_with_pages) {
  const fs::path dir = fs::path(SCRUTINY_SHARED_DIR) / "ofsted-reports";
  if (!fs::exists(dir)) {
    BOOST_TEST_MESSAGE("skipped: " << dir << " absent");
    return;
  }
  const fs::path barnsley = dir / "80426_barnsley" / "children's services inspection - 27 october 2023.pdf";
  if (!fs::exists(barnsley)) return;
  auto r = extract_pdf(read_file(barnsley));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->pages == 13);
  BOOST_TEST(r->title == "Inspection of Barnsley local authority children's services");
  auto passages = PassageSplitter().split(r.value());
  bool found = false;
  for (const auto& p : passages) {
    BOOST_TEST(p.page >= 1);
    BOOST_TEST(p.page <= 13);
    // Paragraph 4 runs from page 2 onto page 3 ("Parental / consent").
    if (p.text.find("4. Written management oversight") == 0) {
      found = true;
      BOOST_TEST(p.page == 2);
      BOOST_TEST(p.text.find("Parental consent is appropriately considered") != std::string::npos);
      BOOST_TEST(p.section == "The experiences and progress of children who need help and protection: requires "
                              "improvement to be good");
    }
  }
  BOOST_TEST(found);
}

// The xref stream names an unknown filter; poppler rebuilds the xref and
// pdftotext reads "Hello!". (poppler-cpp's text_list found no text here.)
BOOST_AUTO_TEST_CASE(a_pdf_with_a_broken_xref_stream_reads_as_pdftotext_reads_it) {
  const fs::path f = fs::path(SCRUTINY_SHARED_DIR) / "corpus-candidates/torture/pdf-differences/UnknownFilter-xrefstm.pdf";
  if (!fs::exists(f)) {
    BOOST_TEST_MESSAGE("skipped: " << f << " absent");
    return;
  }
  auto r = extract_pdf(read_file(f));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
  BOOST_TEST(r->pages == 1);
  BOOST_TEST(joined(r.value()) == "Hello!\n");
}

// Every real and hostile candidate file: no crash, no exception, and either
// text or a one-line Error.
BOOST_AUTO_TEST_CASE(corpus_candidates_never_crash) {
  const fs::path dir = fs::path(SCRUTINY_SHARED_DIR) / "corpus-candidates";
  if (!fs::exists(dir)) {
    BOOST_TEST_MESSAGE("skipped: " << dir << " absent");
    return;
  }
  size_t files = 0, ok = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() == ".md" || e.path().extension() == ".json") continue;
    ++files;
    const std::string bytes = read_file(e.path());
    BOOST_TEST_CONTEXT(e.path().string()) {
      Result<ExtractedText> r = Error{"not run"};
      BOOST_CHECK_NO_THROW(r = extract_bytes(bytes, e.path().string()));
      if (r.ok()) {
        ++ok;
        BOOST_TEST(!r->blocks.empty());
      } else {
        BOOST_TEST(!r.error().empty());
        BOOST_TEST(r.error().find('\n') == std::string::npos);
      }
    }
  }
  BOOST_TEST_MESSAGE(files << " files, " << ok << " with text");
  BOOST_TEST(files > 0u);
}
