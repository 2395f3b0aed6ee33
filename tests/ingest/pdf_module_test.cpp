// The PDF extractor module (ingest/src/pdf_module.h): nothing of poppler is
// loaded until the first PDF, and the module, not liblcms2, answers
// poppler's requests to open colour profiles. This test executable must not
// link poppler itself (tests/CMakeLists.txt links poppler-cpp only into
// pdf_extract_test), or poppler would be bound before the module loads.
#define BOOST_TEST_MODULE pdf_module
#include <boost/test/unit_test.hpp>

#include <link.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../../ingest/src/pdf_module.h"
#include "../support/pdf_writer.h"
#include "scrutiny/extract.h"

using namespace scrutiny;
using test_support::PdfWriter;

namespace {

// Paths of the loaded shared objects whose file name contains `part`.
std::vector<std::string> loaded_objects(const std::string& part) {
  struct Search {
    std::string part;
    std::vector<std::string> found;
  } search{part, {}};
  ::dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        auto* s = static_cast<Search*>(data);
        const std::string name = info->dlpi_name ? info->dlpi_name : "";
        if (std::filesystem::path(name).filename().string().find(s->part) != std::string::npos) s->found.push_back(name);
        return 0;
      },
      &search);
  return search.found;
}

std::string one_page_pdf(const std::string& text, const std::string& icc_profile = "") {
  PdfWriter pdf;
  pdf.new_page();
  pdf.text(72, 760, text);
  if (!icc_profile.empty()) pdf.set_output_intent_profile(icc_profile);
  return pdf.str();
}

// The message of a failed Result ("" when it succeeded: Boost builds the
// message whether or not the check fails).
template <typename T>
std::string why(const Result<T>& r) {
  return r.ok() ? "" : r.error();
}

}  // namespace

// Runs first (Boost keeps declaration order): nothing has read a PDF yet.
BOOST_AUTO_TEST_CASE(poppler_is_loaded_by_the_first_pdf_not_at_start) {
  BOOST_TEST(loaded_objects("libpoppler").empty());
  BOOST_TEST(loaded_objects(kPdfModuleFile).empty());
  BOOST_TEST(loaded_pdf_module_path().empty());

  // HTML and text never need the module.
  BOOST_REQUIRE(extract_bytes("<html><body><p>Care leavers' offer.</p></body></html>", "a.html").ok());
  BOOST_TEST(loaded_objects("libpoppler").empty());

  auto r = extract_pdf(one_page_pdf("Placement sufficiency remains a concern."));
  BOOST_REQUIRE_MESSAGE(r.ok(), why(r));
  BOOST_TEST(r->pages == 1);
  BOOST_TEST(r->blocks.at(0).text == "Placement sufficiency remains a concern.");
  BOOST_TEST(loaded_objects(kPdfModuleFile).size() == 1u);
  BOOST_TEST(!loaded_objects("libpoppler").empty());
  BOOST_TEST(std::filesystem::path(loaded_pdf_module_path()).filename() == kPdfModuleFile);
  BOOST_TEST(std::filesystem::exists(loaded_pdf_module_path()));
}

// A PDF/A's output intent makes poppler open its ICC profile on every page
// it reads (44 % of ingest CPU on the Ofsted reports when liblcms2 answered).
// The count only moves if poppler's call reached the module's definition.
BOOST_AUTO_TEST_CASE(poppler_asks_the_module_for_colour_profiles_and_is_refused) {
  auto module = load_pdf_module();
  BOOST_REQUIRE_MESSAGE(module.ok(), why(module));
  const unsigned long before = module.value()->profiles_refused();
  const std::string icc(132, '\0');  // a header's worth: never parsed
  auto r = extract_pdf(one_page_pdf("Workforce stability has improved.", icc));
  BOOST_REQUIRE_MESSAGE(r.ok(), why(r));
  BOOST_TEST(r->blocks.at(0).text == "Workforce stability has improved.");
  BOOST_TEST(module.value()->profiles_refused() > before);

  // Without an output intent, nothing is asked.
  const unsigned long after = module.value()->profiles_refused();
  BOOST_REQUIRE(extract_pdf(one_page_pdf("No profile here.")).ok());
  BOOST_TEST(module.value()->profiles_refused() == after);
}

BOOST_AUTO_TEST_CASE(the_module_matches_this_build) {
  auto module = load_pdf_module();
  BOOST_REQUIRE_MESSAGE(module.ok(), why(module));
  BOOST_TEST(module.value()->extracted_text_size == sizeof(ExtractedText));
  BOOST_TEST(module.value()->text_block_size == sizeof(TextBlock));
}
