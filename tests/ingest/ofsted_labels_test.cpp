// Our reading of 93 real Ofsted reports against labels.csv (a sector scrape's
// labels, ../shared/ofsted-reports): grades, inspection dates, lead inspector
// and framework. Label errors we are sure of are listed, with evidence, in
// data/ofsted_label_corrections.csv and docs/ofsted.md and count as ours.
// Also: the parsing pieces on hand-made text, and an ingest timing run.
#define BOOST_TEST_MODULE ofsted_labels
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "scrutiny/extract.h"
#include "scrutiny/ingest.h"
#include "scrutiny/metadata.h"
#include "scrutiny/ofsted.h"
#include "scrutiny/extract.h"

namespace fs = std::filesystem;
using namespace scrutiny;

namespace {

const fs::path kReports = fs::path(SCRUTINY_SHARED_DIR) / "ofsted-reports";
const fs::path kCorrections = fs::path(SCRUTINY_SOURCE_DIR) / "tests/ingest/data/ofsted_label_corrections.csv";

std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') field += s[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// Rows as maps keyed by the header.
std::vector<std::map<std::string, std::string>> read_table(const fs::path& path) {
  auto rows = read_csv(path);
  std::vector<std::map<std::string, std::string>> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    std::map<std::string, std::string> m;
    for (size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) m[rows[0][c]] = rows[r][c];
    out.push_back(m);
  }
  return out;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "08/10/2018" -> "2018-10-08"; "" for anything else.
std::string label_date(const std::string& s) {
  int d, m, y;
  if (std::sscanf(s.c_str(), "%d/%d/%d", &d, &m, &y) != 3) return "";
  if (y < 100) y += 2000;
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

// Label grade -> our value: "" means null in ours; nullopt: not labelled.
std::optional<std::string> label_grade(const std::string& s) {
  if (s.empty() || s == "data_unreadable") return std::nullopt;
  if (s == "inspection_pre_dates_judgement" || s == "not_reported_post_reform") return std::string();
  std::string g = s;
  std::replace(g.begin(), g.end(), ' ', '_');
  return g;
}

std::string show(const std::optional<std::string>& s) { return s ? *s : "null"; }

struct Tally {
  int agree = 0, total = 0, corrected = 0;
  double rate() const { return total ? double(agree) / total : 1.0; }
};

struct Reading {
  bool ok = false;
  std::string error;
  Document doc;
};

Reading read_report(const fs::path& pdf) {
  Reading r;
  auto text = extract_pdf(read_bytes(pdf));
  if (!text) {
    r.error = text.error();
    return r;
  }
  r.doc.pages = text->pages;
  r.ok = analyse_ofsted_report(r.doc, text.value());
  if (!r.ok) r.error = "not recognised as an Ofsted report";
  return r;
}

const std::vector<std::pair<std::string, std::string>> kGradeColumns = {
    {"overall_effectiveness_grade", "overall"},
    {"impact_of_leaders_grade", "leaders"},
    {"help_and_protection_grade", "help_and_protection"},
    {"in_care_grade", "in_care"},
    {"care_leavers_grade", "care_leavers"}};

std::optional<std::string> our_grade(const Judgements& j, const std::string& area) {
  if (area == "overall") return j.overall;
  if (area == "leaders") return j.leaders;
  if (area == "help_and_protection") return j.help_and_protection;
  if (area == "in_care") return j.in_care;
  return j.care_leavers;
}

ExtractedText text_of(std::vector<std::pair<int, std::string>> blocks) {
  ExtractedText t;
  t.format = "pdf";
  for (auto& [page, s] : blocks) {
    TextBlock b;
    b.page = page;
    b.text = s;
    t.blocks.push_back(b);
    t.pages = std::max(t.pages, page);
  }
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(date_ranges_as_ofsted_writes_them) {
  using P = std::pair<std::string, std::string>;
  BOOST_TEST((parse_date_range("13 to 24 March 2023") == P{"2023-03-13", "2023-03-24"}));
  BOOST_TEST((parse_date_range("25 November 2019 to 6 December 2019") == P{"2019-11-25", "2019-12-06"}));
  BOOST_TEST((parse_date_range("11 September to 15 September 2023") == P{"2023-09-11", "2023-09-15"}));
  BOOST_TEST((parse_date_range("29 April - 22 May 2014") == P{"2014-04-29", "2014-05-22"}));
  BOOST_TEST((parse_date_range("18 Feb 2014 - 12 March 2014") == P{"2014-02-18", "2014-03-12"}));
  BOOST_TEST((parse_date_range("29 and 30 September, and 1 October 2020") == P{"2020-09-29", "2020-10-01"}));
  BOOST_TEST(!parse_date_range("in the spring").has_value());
}

BOOST_AUTO_TEST_CASE(authority_names_reduce_to_the_short_form) {
  BOOST_TEST(canonical_authority("Middlesbrough Borough Council") == "Middlesbrough");
  BOOST_TEST(canonical_authority("London Borough of Barking and\nDagenham") == "Barking and Dagenham");
  BOOST_TEST(canonical_authority("City of Bradford Metropolitan District Council") == "Bradford");
  BOOST_TEST(canonical_authority("Bradford Children and Families Trust") == "Bradford");
  BOOST_TEST(canonical_authority("Derby City") == "Derby");
  BOOST_TEST(canonical_authority("Cheshire East Unitary Authority") == "Cheshire East");
  BOOST_TEST(canonical_authority("Telford and Wrekin Council") == "Telford and Wrekin");
}

// The 2020 Middlesbrough table as a column-by-column extractor emits it.
BOOST_AUTO_TEST_CASE(ilacs_table_read_from_hand_made_text) {
  ExtractedText t = text_of({{1, "Middlesbrough Borough Council\nInspection of children's social care services\n"
                                  "Inspection dates: 25 November 2019 to 6 December 2019"},
                             {1, "Lead inspector: Jan Edwards, Her Majesty's Inspector"},
                             {1, "Judgement Grade"},
                             {1, "The impact of leaders on social work practice with children and families"},
                             {1, "The experiences and progress of children who need help and protection"},
                             {1, "The experiences and progress of children in care and care leavers"},
                             {1, "Overall effectiveness"},
                             {1, "Inadequate\nRequires improvement to be good\nInadequate\nInadequate"},
                             {2, "Since the last inspection in 2015, services are good in places."}});
  Document d;
  BOOST_TEST(analyse_ofsted_report(d, t));
  BOOST_TEST(d.type == "ofsted_report");
  BOOST_TEST(d.authority == "Middlesbrough");
  BOOST_TEST(d.visit == "full_inspection");
  BOOST_TEST(d.framework == "ilacs");
  BOOST_TEST(d.framework_variant == "standard");
  BOOST_TEST(show(d.judgements.leaders) == "inadequate");
  BOOST_TEST(show(d.judgements.help_and_protection) == "requires_improvement");
  BOOST_TEST(show(d.judgements.in_care) == "inadequate");
  BOOST_TEST(d.judgements.in_care_includes_care_leavers);
  BOOST_TEST(show(d.judgements.care_leavers) == "null");
  BOOST_TEST(d.judgement == "inadequate");
  BOOST_TEST(show(d.inspection_start) == "2019-11-25");
  BOOST_TEST(show(d.inspection_end) == "2019-12-06");
  BOOST_TEST(d.lead_inspector == "Jan Edwards");
  BOOST_TEST(!d.date.has_value());  // no publication evidence in an ILACS report
}

BOOST_AUTO_TEST_CASE(what_needs_to_improve_items_are_concerns) {
  ExtractedText t = text_of({{1, "Inspection of Middlesbrough local\nauthority children's services\n"
                                  "Inspection dates: 8 to 19 June 2026"},
                             {1, "Lead inspector: Nabeel Hussain, His Majesty's Inspector"},
                             {1, "The impact of leaders on social work practice with children and families "
                                 "Requires improvement to be good"}});
  Document d;
  Passage improve;
  improve.page = 2;
  improve.section = "What needs to improve?1";
  improve.list_item = true;
  improve.text = "The quality of written records for children, young people and families.";
  Passage other = improve;
  other.section = "The experiences and progress of children in care: requires improvement to be good";
  d.passages = {improve, other};
  BOOST_TEST(analyse_ofsted_report(d, t));
  BOOST_TEST(d.framework == "ilacs_2026");
  BOOST_TEST(show(d.judgements.overall) == "null");
  BOOST_TEST(d.judgement == "");
  BOOST_TEST(to_string(d.passages[0].polarity) == std::string("concern"));
  BOOST_TEST(to_string(d.passages[1].polarity) == std::string("neutral"));
}

BOOST_AUTO_TEST_CASE(committee_report_mentioning_ofsted_is_not_one) {
  ExtractedText t = text_of({{1, "Report of: Director of Children's Services\nSubmitted to: Executive - 7 September 2021\n"
                                  "Subject: Ofsted focused visit to Middlesbrough children's services"},
                             {1, "The inspection of children's social care services judged services inadequate."}});
  Document d;
  BOOST_TEST(!analyse_ofsted_report(d, t));
  BOOST_TEST(d.type == "");
}

BOOST_AUTO_TEST_CASE(labelled_reports_agree_with_labels) {
  if (!fs::exists(kReports / "labels.csv")) {
    BOOST_TEST_MESSAGE("skipped: " << kReports << " not present");
    return;
  }
  const auto labels = read_table(kReports / "labels.csv");
  BOOST_REQUIRE_EQUAL(labels.size(), 93u);
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> corrections;
  for (auto& c : read_table(kCorrections)) corrections[{c["file"], c["field"]}] = c;

  std::map<std::string, Tally> tally;
  int unreadable = 0, unreadable_read = 0, failures = 0;
  auto compare = [&](const std::string& file, const std::string& field, const std::string& tally_name,
                     const std::string& label, const std::string& ours) {
    Tally& t = tally[tally_name];
    ++t.total;
    if (label == ours) {
      ++t.agree;
      return;
    }
    auto c = corrections.find({file, field});
    if (c != corrections.end() && c->second.at("ours") == ours) {
      ++t.agree;
      ++t.corrected;
      std::cout << "label corrected: " << file << " " << field << ": label '" << label << "', ours '" << ours
                << "' (page " << c->second.at("page") << ": " << c->second.at("evidence") << ")\n";
      return;
    }
    std::cout << "DISAGREE " << file << " " << field << ": label '" << label << "', ours '" << ours << "'\n";
  };

  for (const auto& row : labels) {
    const std::string file = row.at("file");
    Reading r = read_report(kReports / file);
    if (!r.ok) {
      ++failures;
      std::cout << "FAILED " << file << ": " << r.error << "\n";
      continue;
    }
    const Document& d = r.doc;
    bool labelled_grades = false;
    for (const auto& [column, area] : kGradeColumns) {
      auto label = label_grade(row.at(column));
      if (!label) continue;
      labelled_grades = true;
      auto ours = our_grade(d.judgements, area);
      compare(file, area, "grades", *label, ours.value_or(""));
    }
    if (!labelled_grades) {
      ++unreadable;
      if (d.judgements.overall) ++unreadable_read;
      std::cout << fmt::format("data_unreadable, we read: {} | {} {} {}..{} | overall {} leaders {} help {} in_care {} "
                               "care_leavers {} | lead {}\n",
                               file, d.authority, d.framework, show(d.inspection_start), show(d.inspection_end),
                               show(d.judgements.overall), show(d.judgements.leaders),
                               show(d.judgements.help_and_protection), show(d.judgements.in_care),
                               show(d.judgements.care_leavers), d.lead_inspector);
    }
    if (auto s = label_date(row.at("inspection_start_date")); !s.empty())
      compare(file, "inspection_start", "inspection_dates", s, d.inspection_start.value_or(""));
    if (auto e = label_date(row.at("inspection_end_date")); !e.empty())
      compare(file, "inspection_end", "inspection_dates", e, d.inspection_end.value_or(""));
    if (!row.at("inspector_name").empty()) compare(file, "inspector", "inspector", row.at("inspector_name"), d.lead_inspector);
    if (!row.at("inspection_framework").empty())
      compare(file, "framework_variant", "framework", row.at("inspection_framework"), d.framework_variant);
    // Publication dates: only where the file itself states one (SIF reports).
    if (d.date) compare(file, "date", "publication_date_in_file", label_date(row.at("publication_date")), *d.date);
  }

  for (const auto& [name, t] : tally)
    std::cout << fmt::format("agreement {:<26} {:>4}/{:<4} = {:6.2f}%  ({} by corrected label)\n", name, t.agree,
                             t.total, 100 * t.rate(), t.corrected);
  std::cout << fmt::format("data_unreadable reports: {}, of which we read the grades of {}\n", unreadable,
                           unreadable_read);
  BOOST_TEST(failures == 0);
  BOOST_TEST(tally["grades"].total >= 300);
  BOOST_TEST(tally["grades"].rate() >= 0.98);
  BOOST_TEST(tally["inspection_dates"].rate() >= 0.98);
  BOOST_TEST(tally["inspector"].rate() >= 0.98);
  BOOST_TEST(tally["framework"].rate() >= 0.98);
  BOOST_TEST(unreadable == 31);
  BOOST_TEST(unreadable_read == 30);  // all but the LSCB-only review, which grades no children's services
}

BOOST_AUTO_TEST_CASE(middlesbrough_reports_read_as_published) {
  const fs::path dir = kReports / "80523_middlesbrough";
  if (!fs::exists(dir)) {
    BOOST_TEST_MESSAGE("skipped: " << dir << " not present");
    return;
  }
  Reading sif = read_report(dir / "children's services inspection - 19 february 2016.pdf");
  BOOST_REQUIRE(sif.ok);
  BOOST_TEST(sif.doc.framework == "sif");
  BOOST_TEST(sif.doc.judgement == "requires_improvement");
  BOOST_TEST(show(sif.doc.judgements.care_leavers) == "good");  // SIF graded care leavers separately
  BOOST_TEST(show(sif.doc.date) == "2016-02-19");                // "Report published: 19 February 2016"
  BOOST_TEST(sif.doc.year.value_or(0) == 2016);
  BOOST_TEST(sif.doc.lead_inspector == "Dominic Stevens");
  BOOST_TEST(sif.doc.title ==
             "Middlesbrough: inspection of services for children in need of help and protection, children looked "
             "after and care leavers");

  Reading reform = read_report(dir / "children's services inspection - 28 july 2026.pdf");
  BOOST_REQUIRE(reform.ok);
  BOOST_TEST(reform.doc.framework == "ilacs_2026");
  BOOST_TEST(!reform.doc.judgements.overall.has_value());
  BOOST_TEST(show(reform.doc.judgements.care_leavers) == "requires_improvement");
  BOOST_TEST(show(reform.doc.inspection_start) == "2026-06-08");
  BOOST_TEST(reform.doc.title == "Inspection of Middlesbrough local authority children's services");
}

// Whole pipeline: a report whose PDF title is a draft's gets the report's own
// title, and its publication date from Ofsted's file name.
BOOST_AUTO_TEST_CASE(ingested_report_title_and_date_come_from_the_report) {
  const fs::path pdf = kReports / "80426_barnsley" / "children's services inspection - 08 august 2014.pdf";
  if (!fs::exists(pdf)) {
    BOOST_TEST_MESSAGE("skipped: " << pdf << " not present");
    return;
  }
  Result<Document> doc = ingest_file(pdf.string(), {});
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(doc->title.find("Draft") == std::string::npos, doc->title);
  BOOST_TEST(doc->title.rfind("Barnsley: inspection of services", 0) == 0u, doc->title);
  BOOST_TEST(show(doc->date) == "2014-08-08");  // "Report published: 8 August 2014"
  const fs::path ilacs = kReports / "80523_middlesbrough" / "children's services inspection - 24 january 2020.pdf";
  Result<Document> m = ingest_file(ilacs.string(), {});
  BOOST_REQUIRE(m.ok());
  BOOST_TEST(show(m->date) == "2020-01-24");
  BOOST_TEST(m->provenance.at("date").rfind("file name: ", 0) == 0u);
}

// Extraction and analysis over all 93, for the timing figures in
// docs/ofsted.md (no timing assertion), through the real extract_pdf.
BOOST_AUTO_TEST_CASE(read_all_reports_timed) {
  if (!fs::exists(kReports / "labels.csv")) {
    BOOST_TEST_MESSAGE("skipped: " << kReports << " not present");
    return;
  }
  std::vector<fs::path> pdfs;
  for (const auto& e : fs::recursive_directory_iterator(kReports))
    if (e.path().extension() == ".pdf") pdfs.push_back(e.path());
  std::sort(pdfs.begin(), pdfs.end());
  int pages = 0, failures = 0, ofsted = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& p : pdfs) {
    Reading r = read_report(p);
    if (!r.ok) {
      ++failures;
      std::cout << "FAILED " << p << ": " << r.error << "\n";
      continue;
    }
    pages += r.doc.pages;
    ++ofsted;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << fmt::format("read {} reports, {} pages in {:.1f} s ({:.1f} pages/s), {} failures\n", pdfs.size(),
                           pages, seconds, pages / seconds, failures);
  BOOST_TEST(pdfs.size() == 93u);
  BOOST_TEST(failures == 0);
  BOOST_TEST(ofsted == 93);
}
