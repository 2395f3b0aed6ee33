// A small hand-made index for the themes table and trace tests: four
// documents with known years, dates, pages, themes and polarities.
//
//   2020-05-21 committee_report "Executive"       p3 workforce concern
//                                                 p4 workforce+caseloads strength
//                                                 p9 workforce concern BOILERPLATE
//   2021-03-08 ofsted_report                      p2 workforce concern
//                                                 p5 front_door neutral
//   2021-11-02 committee_report "Scrutiny Board"  p1 workforce strength
//                                                 p2 finance concern
//   undated    other                              p0 workforce concern
#pragma once

#include <filesystem>
#include <random>
#include <string>

#include "scrutiny/index_writer.h"
#include "scrutiny/taxonomy.h"

namespace trends_test {

inline scrutiny::Passage passage(int page, std::string text, std::vector<std::string> themes,
                                 scrutiny::Polarity polarity, bool boilerplate = false) {
  scrutiny::Passage p;
  p.page = page;
  p.section = "Findings";
  p.text = std::move(text);
  p.themes = std::move(themes);
  p.polarity = polarity;
  p.boilerplate = boilerplate;
  for (const auto& t : p.themes) p.matches[t] = {"fixture"};
  return p;
}

inline scrutiny::Document document(std::string id, std::optional<std::string> date, std::string type,
                                   std::string body, std::vector<scrutiny::Passage> passages) {
  scrutiny::Document d;
  d.doc_id = id;
  d.source = "fixture/" + id + ".pdf";
  d.format = "pdf";
  d.title = "Document " + id;
  d.type = std::move(type);
  d.body = std::move(body);
  d.date = date;
  if (date) d.year = std::stoi(date->substr(0, 4));
  d.authority = "Middlesbrough Council";
  d.passages = std::move(passages);
  return d;
}

// A temporary directory removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("scrutiny-trends-" + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline void build_fixture_index(const std::string& dir) {
  using scrutiny::Polarity;
  auto writer = scrutiny::IndexWriter::open(dir);
  if (!writer) throw std::runtime_error(writer.error());
  const std::vector<scrutiny::Document> docs = {
      document("a2020", "2020-05-21", "committee_report", "Executive",
               {passage(3, "Recruitment of permanent social workers remains difficult.", {"workforce"},
                        Polarity::concern),
                passage(4, "Caseloads have reduced and staff feel well supported.", {"caseloads", "workforce"},
                        Polarity::strength),
                passage(9, "Contact officer: workforce team, telephone 01642 000000.", {"workforce"},
                        Polarity::concern, true)}),
      document("b2021", "2021-03-08", "ofsted_report", "",
               {passage(2, "Too many children experience changes of social worker.", {"workforce"},
                        Polarity::concern),
                passage(5, "Contacts and referrals are screened in the front door.", {"front_door"},
                        Polarity::neutral)}),
      document("c2021", "2021-11-02", "committee_report", "Scrutiny Board",
               {passage(1, "Recruitment has improved with a stable permanent workforce.", {"workforce"},
                        Polarity::strength),
                passage(2, "The budget overspend remains too high.", {"finance"}, Polarity::concern)}),
      document("dnone", std::nullopt, "other", "",
               {passage(0, "Agency social worker numbers remain too high.", {"workforce"}, Polarity::concern)}),
  };
  for (const auto& d : docs)
    if (auto s = writer.value().replace_document(d); !s) throw std::runtime_error(s.error());
  if (auto s = writer.value().commit(); !s) throw std::runtime_error(s.error());
}

inline std::vector<scrutiny::ThemeInfo> fixture_themes() {
  return {{"workforce", "Workforce", ""},
          {"caseloads", "Caseloads and demand", ""},
          {"front_door", "Front door", ""},
          {"finance", "Finance", ""},
          {"covid", "Covid-19", ""}};
}

// The fixture index in a temporary directory, opened for reading.
struct FixtureIndex {
  TempDir dir;
  Xapian::Database db;
  FixtureIndex() {
    build_fixture_index(dir.path.string());
    db = Xapian::Database(dir.path.string());
  }
};

}  // namespace trends_test
