// A small hand-made index for search tests: five documents whose passages
// exercise every filter, synonym and spelling case, with no extraction.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "scrutiny/document.h"
#include "scrutiny/index_writer.h"

namespace scrutiny::testing {

inline Passage passage(int page, std::string text, std::vector<std::string> themes,
                       Polarity polarity = Polarity::neutral, std::string section = "") {
  Passage p;
  p.page = page;
  p.text = std::move(text);
  p.themes = std::move(themes);
  p.polarity = polarity;
  p.section = std::move(section);
  return p;
}

inline Document doc(std::string id, std::string type, std::string body, std::optional<std::string> date,
                    std::string title, std::vector<Passage> passages) {
  Document d;
  d.doc_id = std::move(id);
  d.source = "fixture/" + d.doc_id + ".pdf";
  d.format = "pdf";
  d.type = std::move(type);
  d.body = std::move(body);
  d.date = date;
  if (date) d.year = std::stoi(date->substr(0, 4));
  d.title = std::move(title);
  d.passages = std::move(passages);
  return d;
}

// The five fixture documents (11 passages).
inline std::vector<Document> fixture_documents() {
  using P = Polarity;
  std::vector<Document> docs;
  Document osb = doc("osb2020", "committee_report", "Overview and Scrutiny Board", "2020-05-21",
                     "Children's services improvement update",
                     {passage(1, "Recruitment and retention of social workers remains a challenge.", {"workforce"},
                              P::concern, "Workforce"),
                      passage(2, "The Public Law Outline process is now tracked weekly by managers.",
                              {"court_pre_proceedings"}, P::neutral, "Court work"),
                      passage(2, "Looked after children told us they feel listened to.",
                              {"children_in_care", "voice_of_child"}, P::strength)});
  osb.authority = "Middlesbrough Council";
  docs.push_back(osb);
  Document cpb = doc("cpb2022", "minutes", "Corporate Parenting Board", "2022-03-08",
                     "Corporate Parenting Board minutes",
                     {passage(0, "The front door has improved since the hub launched.", {"front_door"}, P::strength),
                      passage(0, "Care leavers\xE2\x80\x99 accommodation remains a concern for the Council\xE2\x80\x99s members.",
                              {"care_leavers"}, P::concern),
                      passage(0, "PLO meetings now happen earlier in the case.", {"court_pre_proceedings"})});
  cpb.format = "html";
  cpb.source = "fixture/cpb2022.html";
  docs.push_back(cpb);
  Document ofsted = doc("ofsted2021", "ofsted_report", "", "2021-09-07",
                        "Inspection of Middlesbrough local authority children's services",
                        {passage(3, "LAC reviews are timely and recruitment of foster carers is improving.",
                                 {"children_in_care", "workforce"}, P::strength),
                         passage(4, "Caseloads are too high in the assessment teams.", {"caseloads"}, P::concern)});
  ofsted.authority = "Middlesbrough Council";
  ofsted.judgement = "requires_improvement";
  ofsted.visit = "full_inspection";
  ofsted.framework = "ilacs";
  ofsted.judgements.overall = "requires_improvement";
  ofsted.judgements.leaders = "requires_improvement";
  ofsted.judgements.help_and_protection = "good";
  ofsted.judgements.in_care = "requires_improvement";
  ofsted.judgements.in_care_includes_care_leavers = true;
  docs.push_back(ofsted);
  docs.push_back(doc("press2023", "press_release", "", "2023-05-25", "Free bus travel for care leavers",
                     {passage(0, "Care leavers will get free bus travel across the town from June.", {"care_leavers"},
                              P::strength),
                      passage(0, "The council thanked the young people who campaigned for it.", {"voice_of_child"},
                              P::strength)}));
  docs.push_back(doc("undated", "other", "", std::nullopt, "Recruitment fair",
                     {passage(0, "A recruitment fair for social workers is planned.", {"workforce"})}));
  return docs;
}

// A fresh temporary directory, removed on destruction.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "scrutiny-test-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string str() const { return path.string(); }
};

// Writes the fixture into `dir` and commits.
inline void build_fixture_index(const std::string& dir) {
  auto w = IndexWriter::open(dir);
  if (!w) throw std::runtime_error(w.error());
  for (const auto& d : fixture_documents()) {
    auto s = w->replace_document(d);
    if (!s) throw std::runtime_error(s.error());
  }
  auto c = w->commit();
  if (!c) throw std::runtime_error(c.error());
}

}  // namespace scrutiny::testing
