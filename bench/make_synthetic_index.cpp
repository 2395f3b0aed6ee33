// make_synthetic_index: writes generated Documents straight through
// IndexWriter, to build the 1,000,000-passage index of the query targets
// (docs/benchmarks.md) without extracting 50,000 PDFs first. Passages are
// source sentences with themes, polarity and boilerplate flags drawn with the
// proportions real documents show; metadata spans 2014-2025. Deterministic for
// a seed. Then times the themes table and a trace on it (best and median of
// several runs, the database opened once); --time-only times an existing index.
//
//   make_synthetic_index DIR [--passages N] [--per-doc K] [--seed S]
//                        [--source-text PATH]... [--time-only]
// (--db DIR also names the index.)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "corpus_text.h"
#include "scrutiny/document.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/query.h"
#include "scrutiny/themes_table.h"
#include "scrutiny/trace.h"

using scrutiny::bench::Rng;

namespace {

// THEMES.md ids (the public contract).
const std::vector<std::string> kThemes = {
    "leadership", "governance_intervention", "workforce", "caseloads", "practice_quality",
    "management_oversight", "quality_assurance", "front_door", "early_help", "child_protection",
    "children_in_need", "children_in_care", "care_leavers", "court_pre_proceedings", "education", "send",
    "identity_diversity", "partnerships", "voice_of_child", "exploitation_missing", "recording_timeliness",
    "finance", "covid"};
const std::vector<std::string> kTypes = {"committee_report", "committee_report", "minutes", "agenda",
                                         "press_release", "ofsted_report"};
const std::vector<std::string> kBodies = {"Executive", "Cabinet", "Children and Young People's Scrutiny Panel",
                                          "Corporate Parenting Board", "Overview and Scrutiny Board",
                                          "Health and Wellbeing Board", "Schools Forum"};
const std::vector<std::string> kAuthorities = {"Middlesbrough Council", "Redcar and Cleveland Borough Council",
                                               "Hartlepool Borough Council", "Durham County Council",
                                               "Sunderland City Council", "Leeds City Council"};
const std::vector<std::string> kSections = {"Purpose of the report", "Background", "Summary of findings",
                                            "Recommendations", "Financial implications", "Children in care",
                                            "Workforce and caseloads", "Next steps"};

scrutiny::Document make_document(Rng& rng, long index, int per_doc, const std::vector<std::string>& sentences) {
  scrutiny::Document doc;
  char id[32], source[64], date[16];
  std::snprintf(id, sizeof id, "%016lx", static_cast<unsigned long>(rng.next()));
  std::snprintf(source, sizeof source, "synthetic/%03ld/report-%07ld.pdf", index / 1000, index);
  const int year = rng.range(2014, 2025);
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, rng.range(1, 12), rng.range(1, 28));
  doc.source = source;
  doc.format = "pdf";
  doc.doc_id = id;
  doc.title = rng.pick(sentences).substr(0, 60);
  doc.type = rng.pick(kTypes);
  doc.body = rng.pick(kBodies);
  doc.date = date;
  doc.year = year;
  doc.authority = rng.pick(kAuthorities);
  doc.pages = per_doc / 4 + 1;
  for (int p = 0; p < per_doc; ++p) {
    scrutiny::Passage passage;
    passage.page = p / 4 + 1;
    passage.section = kSections[(p / 5) % kSections.size()];
    passage.text = rng.pick(sentences);
    for (int extra = rng.range(0, 2); extra > 0; --extra) passage.text += " " + rng.pick(sentences);
    passage.list_item = rng.chance(20);
    passage.boilerplate = rng.chance(5);
    if (!passage.boilerplate) {
      for (int t = rng.range(0, 3); t > 0; --t) passage.themes.push_back(rng.pick(kThemes));
      std::sort(passage.themes.begin(), passage.themes.end());
      passage.themes.erase(std::unique(passage.themes.begin(), passage.themes.end()), passage.themes.end());
      int pol = rng.range(1, 100);
      passage.polarity = pol <= 15 ? scrutiny::Polarity::concern
                         : pol <= 30 ? scrutiny::Polarity::strength
                                     : scrutiny::Polarity::neutral;
    }
    doc.passages.push_back(std::move(passage));
  }
  return doc;
}

using Clock = std::chrono::steady_clock;

// Runs `fn` `runs` times; prints the best and median wall time.
template <class Fn>
void time_it(const char* name, int runs, Fn fn) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-52s best %7.1f ms  median %7.1f ms\n", name, ms.front(), ms[ms.size() / 2]);
}

int time_queries(const std::string& dir) {
  auto opened = scrutiny::open_index_for_reading(dir);
  if (!opened) {
    std::cerr << "make_synthetic_index: " << opened.error() << "\n";
    return 2;
  }
  const Xapian::Database* db = &opened.value();
  std::printf("index: %u passages\n", db->get_doccount());
  // The index's own theme ids: the synthetic passages use THEMES.md ids, and
  // this keeps the tool independent of the taxonomy file.
  std::vector<scrutiny::ThemeInfo> themes;
  for (const auto& id : scrutiny::index_theme_ids(*db)) themes.push_back({id, id, ""});
  auto table = [&](const std::string& query, const scrutiny::Filters& filters) {
    auto restrict = scrutiny::restriction_query(*db, query, filters, {});
    if (restrict) (void)scrutiny::build_themes_table(*db, themes, restrict.value());
  };
  time_it("themes table, whole index", 7, [&] { (void)scrutiny::build_themes_table(*db, themes); });
  scrutiny::Filters by_type;
  by_type.type = "committee_report";
  time_it("themes table, --type committee_report", 7, [&] { table("", by_type); });
  scrutiny::Filters by_range;
  by_range.from = "2019";
  by_range.to = "2021";
  time_it("themes table, --from 2019 --to 2021", 7, [&] { table("", by_range); });
  time_it("themes table, --query recruitment", 7, [&] { table("recruitment", {}); });
  scrutiny::Filters trace_filters;
  trace_filters.body = "Corporate Parenting Board";
  trace_filters.year_from = trace_filters.year_to = 2021;
  size_t traced = 0;
  time_it("trace workforce --body 'Corporate Parenting Board' --year 2021", 7, [&] {
    auto restrict = scrutiny::restriction_query(*db, "", trace_filters, {});
    if (!restrict) return;
    auto trace = scrutiny::trace_theme(*db, "workforce", "Workforce", restrict.value());
    if (trace) traced = trace->count();
  });
  std::printf("(leadership passages: %u; traced findings: %zu)\n",
              db->get_termfreq("XTHEMEleadership"), traced);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  long passages = 1000000;
  int per_doc = 20;
  std::uint64_t seed = 7;
  std::vector<std::string> sources;
  bool time_only = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--time-only") {
      time_only = true;
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      db = a;
      continue;
    }
    if (i + 1 >= argc) break;
    std::string v = argv[++i];
    if (a == "--db") db = v;
    else if (a == "--passages") passages = std::atol(v.c_str());
    else if (a == "--per-doc") per_doc = std::atoi(v.c_str());
    else if (a == "--seed") seed = std::strtoull(v.c_str(), nullptr, 10);
    else if (a == "--source-text") sources.push_back(v);
  }
  if (db.empty() || passages <= 0 || per_doc <= 0) {
    std::cerr << "usage: make_synthetic_index DIR [--passages N] [--per-doc K] [--seed S] "
                 "[--source-text PATH]... [--time-only]\n";
    return 2;
  }
  if (time_only) return time_queries(db);
  auto sentences = scrutiny::bench::load_sentences(sources);
  if (sentences.size() < 20) sentences = scrutiny::bench::load_sentences({std::string(BENCH_DATA_DIR) + "/sentences.txt"});
  auto writer = scrutiny::IndexWriter::open(db);
  if (!writer) {
    std::cerr << "make_synthetic_index: " << writer.error() << "\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const long documents = (passages + per_doc - 1) / per_doc;
  for (long i = 0; i < documents; ++i) {
    Rng rng(seed * 0x100000001B3ULL + static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ULL);
    auto status = writer->replace_document(make_document(rng, i, per_doc, sentences));
    if (!status) {
      std::cerr << "make_synthetic_index: " << status.error() << "\n";
      return 1;
    }
    if ((i + 1) % 5000 == 0) {
      if (auto c = writer->commit(); !c) {
        std::cerr << "make_synthetic_index: " << c.error() << "\n";
        return 1;
      }
      std::cerr << (i + 1) * per_doc << " passages\n";
    }
  }
  if (auto c = writer->commit(); !c) {
    std::cerr << "make_synthetic_index: " << c.error() << "\n";
    return 1;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("indexed %ld passages in %ld documents in %.1f s\n", documents * per_doc, documents, secs);
  return time_queries(db);
}
