// Format sniffing by content (extension only breaks ties) and the ingest
// entry points' one-line errors for unreadable, empty and unknown files.
#define BOOST_TEST_MODULE sniff
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <unistd.h>

#include "scrutiny/extract.h"
#include "scrutiny/ingest.h"

using namespace scrutiny;
namespace fs = std::filesystem;

namespace scrutiny {
std::ostream& operator<<(std::ostream& os, Format f) { return os << to_string(f); }
}  // namespace scrutiny

BOOST_AUTO_TEST_CASE(content_decides_the_format) {
  BOOST_TEST(sniff_format("%PDF-1.7\n...", "report.txt") == Format::pdf);
  BOOST_TEST(sniff_format(std::string(200, ' ') + "junk %PDF-1.4", "x") == Format::pdf);  // leading junk
  BOOST_TEST(sniff_format("<!DOCTYPE html><html><body>x</body></html>", "page.pdf") == Format::html);
  BOOST_TEST(sniff_format("<html><p>decision</p>", "") == Format::html);
  BOOST_TEST(sniff_format("Minutes of the Corporate Parenting Board\n\nPresent: ...", "minutes.html") == Format::text);
  BOOST_TEST(sniff_format(std::string("\x00\x01\x02garbage\x00", 11), "report.pdf") == Format::unknown);
  BOOST_TEST(sniff_format("", "a.txt") == Format::unknown);
}

BOOST_AUTO_TEST_CASE(extension_breaks_ties) {
  // One weak tag: a text file mentioning markup stays text unless named .html.
  const std::string mention = "Use the <br> tag and <div> blocks to format the page.";
  BOOST_TEST(sniff_format(mention, "notes.txt") == Format::text);
  BOOST_TEST(sniff_format(mention, "page.html") == Format::html);
  BOOST_TEST(sniff_format("A <b>bold</b> claim <span>here</span>", "x.htm") == Format::html);
}

BOOST_AUTO_TEST_CASE(format_names) {
  BOOST_TEST(std::string(to_string(Format::pdf)) == "pdf");
  BOOST_TEST(std::string(to_string(Format::html)) == "html");
  BOOST_TEST(std::string(to_string(Format::text)) == "text");
  BOOST_TEST(std::string(to_string(Format::unknown)) == "unknown");
}

BOOST_AUTO_TEST_CASE(unknown_and_empty_inputs_are_errors) {
  auto garbage = extract_bytes(std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16), "photo.pdf");
  BOOST_REQUIRE(!garbage.ok());
  BOOST_TEST(garbage.error() == "not a PDF, HTML or text file");
  auto empty = extract_bytes("", "empty.pdf");
  BOOST_REQUIRE(!empty.ok());
  BOOST_TEST(empty.error() == "empty file (0 bytes)");
}

BOOST_AUTO_TEST_CASE(ingest_file_errors_name_the_reason) {
  const fs::path dir = fs::temp_directory_path() / ("scrutiny-sniff-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  IngestOptions options;
  options.read_sidecar = false;

  auto missing = ingest_file((dir / "missing.pdf").string(), options);
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error() == "cannot read: No such file or directory");

  auto directory = ingest_file(dir.string(), options);
  BOOST_REQUIRE(!directory.ok());
  BOOST_TEST(directory.error() == "cannot read: Is a directory");

  std::ofstream(dir / "empty.pdf").close();
  auto empty = ingest_file((dir / "empty.pdf").string(), options);
  BOOST_REQUIRE(!empty.ok());
  BOOST_TEST(empty.error() == "empty file (0 bytes)");
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(ingest_bytes_builds_a_document) {
  IngestOptions options;
  options.read_sidecar = false;
  const std::string text = "Care Leavers Offer\n\nCare leavers travel free on local buses from May 2023.\n";
  auto doc = ingest_bytes(text, "offer.txt", options);
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(doc->format == "text");
  BOOST_TEST(doc->source == "offer.txt");
  BOOST_TEST(doc->title == "Care Leavers Offer");
  BOOST_TEST(doc->doc_id.size() == 32u);
  BOOST_TEST(doc->doc_id.find_first_not_of("0123456789abcdef") == std::string::npos);
  BOOST_REQUIRE_EQUAL(doc->passages.size(), 1u);
  BOOST_TEST(doc->passages[0].section == "Care Leavers Offer");
  // Same bytes, same id; other bytes, another id.
  BOOST_TEST(ingest_bytes(text, "copy.txt", options)->doc_id == doc->doc_id);
  BOOST_TEST(ingest_bytes(text + " ", "other.txt", options)->doc_id != doc->doc_id);
}
