// Judgement histories read back from an index: each authority's inspections
// in date order and the movement of every grade between inspections.
#define BOOST_TEST_MODULE judgements
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scrutiny/index_writer.h"
#include "scrutiny/judgements.h"
#include "scrutiny/metadata.h"
#include "scrutiny/extract.h"

namespace fs = std::filesystem;
using namespace scrutiny;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("scrutiny-judgements-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(std::rand()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

Document report(const std::string& id, const std::string& authority, const std::string& end,
                std::optional<std::string> overall, std::string all_areas, bool combined) {
  Document d;
  d.doc_id = id;
  d.source = id + ".pdf";
  d.format = "pdf";
  d.type = "ofsted_report";
  d.visit = "full_inspection";
  d.authority = authority;
  d.framework = overall ? "ilacs" : "ilacs_2026";
  d.inspection_end = end;
  d.judgements.overall = overall;
  d.judgements.leaders = all_areas;
  d.judgements.help_and_protection = all_areas;
  d.judgements.in_care = all_areas;
  if (!combined) d.judgements.care_leavers = all_areas;
  d.judgements.in_care_includes_care_leavers = combined;
  d.judgement = overall.value_or("");
  Passage p;
  p.page = 1;
  p.text = "Children's services in " + authority + ".";
  d.passages.push_back(p);
  return d;
}

const Movement& movement(const Transition& t, const std::string& area) {
  for (const auto& m : t.movements)
    if (m.area == area) return m;
  throw std::runtime_error("no area " + area);
}

}  // namespace

BOOST_AUTO_TEST_CASE(history_in_date_order_with_movements) {
  TempDir dir;
  {
    auto w = IndexWriter::open(dir.path.string());
    BOOST_REQUIRE(w.ok());
    // Added out of order; the history must sort by inspection date.
    BOOST_REQUIRE(w->replace_document(report("c", "Middlesbrough", "2023-03-24", "requires_improvement",
                                             "requires_improvement", false)));
    BOOST_REQUIRE(w->replace_document(report("a", "Middlesbrough Borough Council", "2019-12-06", "inadequate",
                                             "inadequate", true)));
    BOOST_REQUIRE(w->replace_document(report("d", "Middlesbrough", "2026-06-19", std::nullopt,
                                             "requires_improvement", false)));
    BOOST_REQUIRE(w->replace_document(report("x", "Barnsley", "2023-09-15", "good", "good", false)));
    Document minutes;
    minutes.doc_id = "m";
    minutes.source = "m.pdf";
    minutes.type = "minutes";
    minutes.authority = "Middlesbrough";
    BOOST_REQUIRE(w->replace_document(minutes));
    BOOST_REQUIRE(w->commit());
  }
  auto db = open_index_for_reading(dir.path.string());
  BOOST_REQUIRE(db.ok());
  auto all = judgement_histories(db.value());
  BOOST_REQUIRE(all.ok());
  BOOST_REQUIRE_EQUAL(all->size(), 2u);
  BOOST_TEST(all->at(0).authority == "Barnsley");

  auto only = judgement_histories(db.value(), "middlesbrough council");
  BOOST_REQUIRE(only.ok());
  BOOST_REQUIRE_EQUAL(only->size(), 1u);
  const AuthorityHistory& h = only->front();
  BOOST_TEST(h.authority == "Middlesbrough");
  BOOST_REQUIRE_EQUAL(h.inspections.size(), 3u);  // the minutes are not an inspection
  BOOST_TEST(h.inspections[0].doc_id == "a");
  BOOST_TEST(h.inspections[1].doc_id == "c");
  BOOST_TEST(h.inspections[2].doc_id == "d");
  BOOST_REQUIRE_EQUAL(h.transitions.size(), 2u);
  const Movement& overall = movement(h.transitions[0], "overall");
  BOOST_TEST(overall.from.value_or("") == "inadequate");
  BOOST_TEST(overall.to.value_or("") == "requires_improvement");
  BOOST_TEST(overall.change == "improved");
  // The combined pre-2023 grade compares with the later care-leavers grade.
  BOOST_TEST(movement(h.transitions[0], "care_leavers").change == "improved");
  // 2026: no overall grade, so no overall movement; the areas still compare.
  BOOST_TEST(movement(h.transitions[1], "overall").change == "");
  BOOST_TEST(movement(h.transitions[1], "leaders").change == "unchanged");
  BOOST_TEST(overall_trajectory(h).find("inadequate 2019 -> requires improvement 2023 -> (no overall grade") == 0);

  const std::string csv = format_histories_csv(only.value());
  BOOST_TEST(csv.find("Middlesbrough,,,2023-03-24,full_inspection,ilacs,,,requires_improvement") != std::string::npos);
  const auto json = histories_json(only.value());
  BOOST_TEST(json[0]["transitions"][0]["movements"]["overall"]["change"] == "improved");
  BOOST_TEST(json[0]["inspections"][2]["judgements"]["overall"].is_null());
}

// Middlesbrough's four real reports: read with extract_pdf, analysed, indexed
// with IndexWriter, read back.
BOOST_AUTO_TEST_CASE(middlesbrough_reports_from_pdf) {
  const fs::path dir = fs::path(SCRUTINY_SHARED_DIR) / "ofsted-reports" / "80523_middlesbrough";
  if (!fs::exists(dir)) {
    BOOST_TEST_MESSAGE("skipped: " << dir << " not present");
    return;
  }
  TempDir index;
  {
    auto w = IndexWriter::open(index.path.string());
    BOOST_REQUIRE(w.ok());
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      auto text = extract_pdf(bytes.str());
      BOOST_REQUIRE(text.ok());
      Document doc;
      doc.doc_id = "middlesbrough-" + std::to_string(n++);
      doc.source = e.path().string();
      doc.format = "pdf";
      BOOST_REQUIRE(analyse_ofsted_report(doc, text.value()));
      BOOST_REQUIRE(w->replace_document(doc));
    }
    BOOST_REQUIRE(w->commit());
  }
  auto db = open_index_for_reading(index.path.string());
  BOOST_REQUIRE(db.ok());
  auto histories = judgement_histories(db.value(), "Middlesbrough");
  BOOST_REQUIRE(histories.ok());
  BOOST_REQUIRE_EQUAL(histories->size(), 1u);
  const AuthorityHistory& h = histories->front();
  BOOST_REQUIRE_EQUAL(h.inspections.size(), 4u);
  std::vector<std::string> frameworks, ends;
  for (const auto& i : h.inspections) {
    frameworks.push_back(i.framework);
    ends.push_back(i.inspection_end.value_or(""));
  }
  BOOST_TEST((frameworks == std::vector<std::string>{"sif", "ilacs", "ilacs", "ilacs_2026"}));
  BOOST_TEST((ends == std::vector<std::string>{"2015-12-17", "2019-12-06", "2023-03-24", "2026-06-19"}));
  BOOST_REQUIRE_EQUAL(h.transitions.size(), 3u);
  BOOST_TEST(movement(h.transitions[0], "overall").change == "declined");  // RI 2015 -> inadequate 2019
  BOOST_TEST(movement(h.transitions[1], "overall").change == "improved");  // inadequate -> RI 2023
  BOOST_TEST(movement(h.transitions[1], "care_leavers").to.value_or("") == "requires_improvement");
  BOOST_TEST(!movement(h.transitions[2], "overall").to.has_value());       // 2026: no overall grade
  BOOST_TEST(movement(h.transitions[2], "help_and_protection").change == "unchanged");
  // Years are publication years where known ("Report published: 19 February
  // 2016" in the SIF report), else inspection years.
  const std::string trajectory = overall_trajectory(h);
  BOOST_TEST(trajectory.find("requires improvement 2016 -> inadequate ") == 0);
  BOOST_TEST(trajectory.find(" -> requires improvement 2023 -> (no overall grade") != std::string::npos);
}
