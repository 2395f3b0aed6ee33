// Document metadata: every corpus document analysed through ingest_file
// (type, body, date or year, judgement, visit, authority), the precedence of
// sidecar and manifest hints with their provenance, and analyse_metadata on
// small texts for the rules that keep the wrong date or judgement out.
#define BOOST_TEST_MODULE metadata
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "scrutiny/ingest.h"
#include "scrutiny/metadata.h"

namespace fs = std::filesystem;
using namespace scrutiny;

namespace {

const fs::path kCorpus = fs::path(SCRUTINY_SOURCE_DIR) / "corpus";

Document ingest(const fs::path& path, const IngestOptions& options = {}) {
  Result<Document> doc = ingest_file(path.string(), options);
  BOOST_TEST_REQUIRE(doc.ok(), path.string() << ": " << (doc.ok() ? "" : doc.error()));
  return doc.value();
}

std::string provenance(const Document& d, const std::string& field) {
  auto it = d.provenance.find(field);
  return it == d.provenance.end() ? "<none>" : it->second;
}

ExtractedText text_of(std::vector<std::string> lines, std::string format = "html") {
  ExtractedText t;
  t.format = format;
  for (auto& l : lines) t.blocks.push_back(TextBlock{0, l});
  return t;
}

// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("scrutiny-metadata-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
    return path / name;
  }
};

}  // namespace

// --- the corpus -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(moderngov_decision_page_executive_8_march_2022) {
  Document d = ingest(kCorpus / "2022-03-08-executive-childrens-services-update.html");
  BOOST_TEST(d.type == "minutes");
  BOOST_TEST(d.body == "Executive");
  BOOST_TEST(d.date.value_or("") == "2022-03-08");  // not 14 December 2021, 31 January 2022, March 2022...
  BOOST_TEST(d.year.value_or(0) == 2022);
  BOOST_TEST(d.authority == "Middlesbrough Council");
  BOOST_TEST(d.judgement == "");  // "its inadequate grading in January 2020" is history
  BOOST_TEST(d.visit == "monitoring_visit");
  BOOST_TEST(d.title == "Children's Services - Update on Progress");
  BOOST_TEST(provenance(d, "date") == "text: Meeting: 08/03/2022 - Executive (Item 109)");
}

BOOST_AUTO_TEST_CASE(osb_committee_report_21_may_2020) {
  Document d = ingest(kCorpus / "2020-05-21-osb-childrens-services-ofsted-update.pdf");
  BOOST_TEST(d.type == "committee_report");
  BOOST_TEST(d.body == "Overview and Scrutiny Board");  // title-cased from the shouted header
  BOOST_TEST(d.date.value_or("") == "2020-05-21");      // not the 2026 PDF CreationDate
  BOOST_TEST(d.authority == "Middlesbrough Council");
  BOOST_TEST(d.judgement == "");
  BOOST_TEST(d.visit == "full_inspection");
  BOOST_TEST(d.title == "Children's Services Update \u2013 OFSTED Inspection");
  BOOST_TEST(provenance(d, "date").rfind("text: Submitted to:", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(executive_report_7_september_2021_not_its_period) {
  Document d = ingest(kCorpus / "2021-09-07-executive-improvement-programme-progress.pdf");
  BOOST_TEST(d.type == "committee_report");
  BOOST_TEST(d.body == "Executive");
  // The subject mentions "February 2021 - July 2021"; the meeting date wins.
  BOOST_TEST(d.date.value_or("") == "2021-09-07");
  BOOST_TEST(d.visit == "focused_visit");
  BOOST_TEST(d.judgement == "");
  BOOST_TEST(d.authority == "Middlesbrough Council");
  BOOST_TEST(d.title == "Children's Services Improvement Programme: Overview of Progress February 2021 \u2013 July 2021");
}

BOOST_AUTO_TEST_CASE(corporate_parenting_board_minutes_2022) {
  Document d = ingest(kCorpus / "2022-corporate-parenting-board-ofsted-update.html");
  BOOST_TEST(d.type == "minutes");
  BOOST_TEST(d.body == "Corporate Parenting Board");
  // The page gives no meeting date: the year only, from the July 2022 visit
  // (not the future "November 2022" visit nor "February 2023").
  BOOST_TEST(!d.date.has_value());
  BOOST_TEST(d.year.value_or(0) == 2022);
  BOOST_TEST(provenance(d, "year").rfind("text (year inferred)", 0) == 0u);
  BOOST_TEST(d.visit == "monitoring_visit");
  BOOST_TEST(d.judgement == "");  // "judged the service as inadequate overall" in 2019 is not current
  BOOST_TEST(d.authority == "Middlesbrough Council");
  BOOST_TEST(d.title == "Ofsted update");
}

BOOST_AUTO_TEST_CASE(press_release_25_may_2023) {
  Document d = ingest(kCorpus / "2023-05-25-press-release-ofsted-improved-rating.html");
  BOOST_TEST(d.type == "press_release");
  BOOST_TEST(d.date.value_or("") == "2023-05-25");
  BOOST_TEST(provenance(d, "date") == "text: dateline Thursday, 25 May 2023");
  BOOST_TEST(d.judgement == "requires_improvement");  // not the January 2020 inadequate, nor the hoped-for good
  BOOST_TEST(d.visit == "full_inspection");
  BOOST_TEST(d.authority == "Middlesbrough Council");
  BOOST_TEST(d.body == "");
  BOOST_TEST(d.title == "Confidence for the future as Ofsted hands children's services improved rating");
}

// --- hints ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(sidecar_outranks_the_text_and_says_so) {
  TempDir dir;
  fs::copy_file(kCorpus / "2023-05-25-press-release-ofsted-improved-rating.html", dir.path / "release.html");
  dir.write("release.html.meta.json",
            R"({"title": "Ofsted rating press release", "date": "26/05/2023", "body": "Communications",
                "url": "https://www.middlesbrough.gov.uk/news/ofsted", "visit": "ILACS", "unknown": "ignored"})");
  Document d = ingest(dir.path / "release.html");
  BOOST_TEST(d.title == "Ofsted rating press release");
  BOOST_TEST(d.date.value_or("") == "2023-05-26");
  BOOST_TEST(d.body == "Communications");
  BOOST_TEST(d.visit == "full_inspection");
  BOOST_TEST(provenance(d, "title") == "sidecar");
  BOOST_TEST(provenance(d, "date") == "sidecar");
  BOOST_TEST(provenance(d, "body") == "sidecar");
  // Fields the sidecar leaves out still come from the text.
  BOOST_TEST(d.type == "press_release");
  BOOST_TEST(provenance(d, "type").rfind("text:", 0) == 0u);
  BOOST_TEST(d.judgement == "requires_improvement");
}

BOOST_AUTO_TEST_CASE(invalid_sidecar_is_an_error_naming_it) {
  TempDir dir;
  dir.write("notes.txt", "Minutes of the Executive held on 8 March 2022.\n\nThe report was noted.\n");
  const fs::path sidecar = dir.write("notes.txt.meta.json", "{\"title\": \"unterminated");
  auto hints = load_sidecar((dir.path / "notes.txt").string());
  BOOST_TEST_REQUIRE(!hints.ok());
  BOOST_TEST(hints.error().find(sidecar.string()) != std::string::npos);
  Result<Document> d = ingest_file((dir.path / "notes.txt").string(), {});
  BOOST_TEST_REQUIRE(!d.ok());
  BOOST_TEST(d.error().find("notes.txt.meta.json") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_sidecar_is_not_an_error) {
  TempDir dir;
  auto hints = load_sidecar((dir.path / "absent.pdf").string());
  BOOST_TEST_REQUIRE(hints.ok());
  BOOST_TEST(!hints.value().has_value());
}

BOOST_AUTO_TEST_CASE(manifest_rows_with_quoting_and_relative_paths) {
  TempDir dir;
  fs::create_directories(dir.path / "papers");
  const fs::path csv = dir.write("manifest.csv",
                                 "path,title,date,body,type,url\r\n"
                                 "papers/osb.pdf,\"Children's Services Update, OFSTED\",21/05/2020,"
                                 "Overview and Scrutiny Board,committee_report,\r\n"
                                 "\"papers/cpb minutes.html\",\"The \"\"front door\"\"\nservice\",2022,"
                                 "Corporate Parenting Board,minutes,https://moderngov.middlesbrough.gov.uk/mgAi.aspx?ID=1\r\n"
                                 ",Web only,2023-05-25,,press_release,https://www.middlesbrough.gov.uk/news/x\r\n");
  auto rows = load_manifest(csv.string());
  BOOST_TEST_REQUIRE(rows.ok(), (rows.ok() ? "" : rows.error()));
  BOOST_TEST_REQUIRE(rows->size() == 3u);
  const std::string osb = (dir.path / "papers" / "osb.pdf").lexically_normal().string();
  const std::string cpb = (dir.path / "papers" / "cpb minutes.html").lexically_normal().string();
  BOOST_TEST_REQUIRE(rows->count(osb) == 1u);
  BOOST_TEST_REQUIRE(rows->count(cpb) == 1u);
  BOOST_TEST(rows->at(osb).fields.at("title") == "Children's Services Update, OFSTED");
  BOOST_TEST(rows->at(osb).fields.count("url") == 0u);  // empty cells are absent
  BOOST_TEST(rows->at(osb).origin == "manifest");
  BOOST_TEST(rows->at(cpb).fields.at("title") == "The \"front door\"\nservice");
  BOOST_TEST(rows->at(cpb).fields.at("date") == "2022");
  BOOST_TEST(rows->count("https://www.middlesbrough.gov.uk/news/x") == 1u);
}

BOOST_AUTO_TEST_CASE(manifest_hints_outrank_text_and_pdf_info) {
  TempDir dir;
  const fs::path csv = dir.write("manifest.csv",
                                 "path,title,date,body,type\n" +
                                     (kCorpus / "2021-09-07-executive-improvement-programme-progress.pdf").string() +
                                     ",Improvement progress,2021-09-08,Cabinet,report\n");
  auto rows = load_manifest(csv.string());
  BOOST_TEST_REQUIRE(rows.ok());
  IngestOptions options;
  options.hints = rows->begin()->second;
  Document d = ingest(kCorpus / "2021-09-07-executive-improvement-programme-progress.pdf", options);
  BOOST_TEST(d.title == "Improvement progress");
  BOOST_TEST(d.date.value_or("") == "2021-09-08");
  BOOST_TEST(d.body == "Cabinet");
  BOOST_TEST(d.type == "committee_report");  // "report" mapped into the vocabulary
  BOOST_TEST(provenance(d, "date") == "manifest");
  BOOST_TEST(provenance(d, "body") == "manifest");
  BOOST_TEST(provenance(d, "type") == "manifest");
  BOOST_TEST(d.visit == "focused_visit");  // not in the manifest: from the text
}

BOOST_AUTO_TEST_CASE(manifest_without_path_or_url_column_is_refused) {
  TempDir dir;
  const fs::path csv = dir.write("bad.csv", "file,title\nx.pdf,X\n");
  auto rows = load_manifest(csv.string());
  BOOST_TEST_REQUIRE(!rows.ok());
  BOOST_TEST(rows.error().find("bad.csv") != std::string::npos);
  auto missing = load_manifest((dir.path / "missing.csv").string());
  BOOST_TEST(!missing.ok());
}

// --- analyse_metadata rules on small texts ------------------------------------

BOOST_AUTO_TEST_CASE(dates_in_the_text_that_are_not_the_document_date_do_not_win) {
  Document d;
  analyse_metadata(d,
                   text_of({"Children's services progress",
                            "The period February 2021 - July 2021 saw the inspection of January 2020 followed up.",
                            "A further visit will take place in November 2022."}),
                   std::nullopt, std::nullopt);
  BOOST_TEST(!d.date.has_value());
  BOOST_TEST(d.year.value_or(0) == 2021);  // latest past mention; November 2022 is a plan
}

BOOST_AUTO_TEST_CASE(a_later_year_is_found_after_lines_of_earlier_ones_even_as_dd_mm_yy) {
  // infer_year reads only the lines that may hold a later year than its best
  // so far: a two-digit d/m/yy year, or one in a line of earlier years, must
  // still count.
  Document d;
  analyse_metadata(d,
                   text_of({"Children's services progress", "The visit of 12 March 2021 was followed up.",
                            "Findings from 2019 and 2020 were reviewed in May 2021.",
                            "The plan was agreed on 5/6/22 by the board.", "Reviewed in 2020, 2021 and 2022."}),
                   std::nullopt, std::nullopt);
  BOOST_TEST(!d.date.has_value());
  BOOST_TEST(d.year.value_or(0) == 2022);
  BOOST_TEST(provenance(d, "year").find("5/6/22") != std::string::npos, provenance(d, "year"));
}

BOOST_AUTO_TEST_CASE(pdf_info_then_mtime_as_a_guess) {
  Document with_info;
  ExtractedText pdf = text_of({"Annual report", "Nothing dated here."}, "pdf");
  pdf.info["CreationDate"] = "2019-11-04T10:00:00";
  analyse_metadata(with_info, pdf, std::nullopt, 1700000000);
  BOOST_TEST(with_info.date.value_or("") == "2019-11-04");
  BOOST_TEST(provenance(with_info, "date") == "pdf-info: CreationDate");

  Document bare;
  analyse_metadata(bare, text_of({"Annual report", "Nothing dated here."}, "text"), std::nullopt, 1700000000);
  BOOST_TEST(bare.date.value_or("") == "2023-11-14");  // 1700000000 = 14 November 2023 UTC
  BOOST_TEST(provenance(bare, "date") == "mtime (guess)");
  BOOST_TEST(provenance(bare, "year") == "mtime (guess)");
  BOOST_TEST(bare.type == "other");
}

BOOST_AUTO_TEST_CASE(judgement_is_the_current_one) {
  Document upgraded;
  analyse_metadata(upgraded,
                   text_of({"The service was judged inadequate in 2019.",
                            "Ofsted has now rated the service as good in its latest report; it is now judged good."}),
                   std::nullopt, std::nullopt);
  BOOST_TEST(upgraded.judgement == "good");

  Document recalled;
  analyse_metadata(recalled,
                   text_of({"Since the inspection in 2019, which judged the service as inadequate overall, "
                            "progress has been made. We aim to be rated good."}),
                   std::nullopt, std::nullopt);
  BOOST_TEST(recalled.judgement == "");
}

BOOST_AUTO_TEST_CASE(minutes_heading_gives_body_and_date) {
  Document d;
  analyse_metadata(d,
                   text_of({"MINUTES OF A MEETING OF THE CHILDREN AND YOUNG PEOPLE'S SCRUTINY PANEL HELD ON "
                            "TUESDAY, 7TH SEPTEMBER 2021",
                            "Present: Councillors A and B", "RESOLVED that the report be noted."}),
                   std::nullopt, std::nullopt);
  BOOST_TEST(d.type == "minutes");
  BOOST_TEST(d.body == "Children and Young People's Scrutiny Panel");
  BOOST_TEST(d.date.value_or("") == "2021-09-07");
}

BOOST_AUTO_TEST_CASE(a_full_date_in_the_file_name_beats_pdf_info_but_not_an_earlier_year) {
  ExtractedText pdf = text_of({"Inspection of Middlesbrough local authority children's services",
                               "Inspection dates: 25 November 2019 to 6 December 2019"}, "pdf");
  pdf.info["CreationDate"] = "2020-01-20T10:00:00";
  Document ofsted;
  ofsted.source = "reports/children's services inspection - 24 january 2020.pdf";
  analyse_metadata(ofsted, pdf, std::nullopt, std::nullopt);
  BOOST_TEST(ofsted.date.value_or("") == "2020-01-24");
  BOOST_TEST(provenance(ofsted, "date") == "file name: children's services inspection - 24 january 2020.pdf");

  Document iso;
  iso.source = "corpus/2023-05-25-press-release.html";
  analyse_metadata(iso, text_of({"Annual report", "Nothing dated here."}), std::nullopt, 1700000000);
  BOOST_TEST(iso.date.value_or("") == "2023-05-25");

  Document stale;  // the text speaks of 2021: a 2019 file-name date is not its date
  stale.source = "old/2019-01-01-copy.html";
  analyse_metadata(stale, text_of({"Progress", "The inspection of March 2021 found delays."}), std::nullopt,
                   std::nullopt);
  BOOST_TEST(!stale.date.has_value());
  BOOST_TEST(stale.year.value_or(0) == 2021);
}
