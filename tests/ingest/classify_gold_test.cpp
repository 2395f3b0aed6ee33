// Accuracy of the shipped taxonomy (corpus/taxonomy.toml) on the hand-labelled
// gold set tests/ingest/data/gold_passages.tsv: micro-averaged theme precision
// and recall, and polarity accuracy (boilerplate counts as a fourth polarity
// class). Prints per-theme figures and every disagreement; docs/accuracy.md
// quotes them.
#define BOOST_TEST_MODULE classify_gold
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "scrutiny/taxonomy.h"

namespace {

struct GoldPassage {
  int line = 0;
  std::string source, section, polarity, text;
  std::set<std::string> themes;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

std::vector<GoldPassage> load_gold() {
  std::ifstream in(std::string(SCRUTINY_SOURCE_DIR) + "/tests/ingest/data/gold_passages.tsv");
  BOOST_REQUIRE_MESSAGE(in, "gold_passages.tsv not found");
  std::vector<GoldPassage> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#' || line.rfind("source\t", 0) == 0) continue;
    const auto f = split(line, '\t');
    BOOST_REQUIRE_MESSAGE(f.size() == 5, "gold_passages.tsv:" << n << ": expected 5 tab-separated fields");
    GoldPassage g{n, f[0], f[1], f[3], f[4], {}};
    for (const auto& t : split(f[2], ','))
      if (!t.empty()) g.themes.insert(t);
    out.push_back(std::move(g));
  }
  return out;
}

scrutiny::Taxonomy shipped_taxonomy() {
  auto t = scrutiny::Taxonomy::load_file(std::string(SCRUTINY_SOURCE_DIR) + "/corpus/taxonomy.toml");
  BOOST_REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error()));
  return std::move(t).value();
}

std::string joined(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ",") + x;
  return out;
}

struct Counts {
  int tp = 0, fp = 0, fn = 0;
};

double ratio(int a, int b) { return b == 0 ? 1.0 : static_cast<double>(a) / b; }

}  // namespace

BOOST_AUTO_TEST_CASE(gold_set_covers_every_theme_three_times) {
  const auto gold = load_gold();
  const auto taxonomy = shipped_taxonomy();
  BOOST_TEST(gold.size() >= 150u);
  std::map<std::string, int> per_theme;
  for (const auto& g : gold)
    for (const auto& t : g.themes) {
      BOOST_TEST(taxonomy.has_theme(t), "line " << g.line << ": unknown theme " << t);
      ++per_theme[t];
    }
  for (const auto& info : taxonomy.themes())
    BOOST_TEST(per_theme[info.id] >= 3, info.id << " has " << per_theme[info.id] << " gold passages");
}

BOOST_AUTO_TEST_CASE(theme_precision_recall_and_polarity_accuracy) {
  const auto gold = load_gold();
  const auto taxonomy = shipped_taxonomy();
  Counts micro;
  std::map<std::string, Counts> per_theme;
  std::map<std::string, std::map<std::string, int>> confusion;  // gold -> predicted
  int polarity_right = 0;
  for (const auto& g : gold) {
    const auto c = taxonomy.classify(g.text, g.section);
    const std::set<std::string> got(c.themes.begin(), c.themes.end());
    for (const auto& t : got) {
      auto& slot = g.themes.count(t) ? per_theme[t].tp : per_theme[t].fp;
      ++slot;
    }
    for (const auto& t : g.themes)
      if (!got.count(t)) ++per_theme[t].fn;
    const std::string polarity = c.boilerplate ? "boilerplate" : scrutiny::to_string(c.polarity);
    ++confusion[g.polarity][polarity];
    polarity_right += polarity == g.polarity;
    if (got != g.themes || polarity != g.polarity) {
      std::string why;
      for (const auto& [id, rules] : c.matches)
        if (!g.themes.count(id))
          for (const auto& r : rules) why += " " + id + "<-" + r;
      std::string cues;
      for (const auto& q : c.polarity_cues) cues += " " + q;
      std::printf("line %d: themes gold [%s] got [%s]%s; polarity gold %s got %s%s\n  %.110s\n", g.line,
                  joined(g.themes).c_str(), joined(got).c_str(), why.empty() ? "" : (" extra:" + why).c_str(),
                  g.polarity.c_str(), polarity.c_str(), polarity == g.polarity ? "" : (" (" + cues + " )").c_str(),
                  g.text.c_str());
    }
  }
  std::printf("\n%-24s %5s %5s %5s %9s %7s\n", "theme", "gold", "tp", "fp", "precision", "recall");
  for (const auto& info : taxonomy.themes()) {
    const Counts& k = per_theme[info.id];
    micro.tp += k.tp;
    micro.fp += k.fp;
    micro.fn += k.fn;
    std::printf("%-24s %5d %5d %5d %9.2f %7.2f\n", info.id.c_str(), k.tp + k.fn, k.tp, k.fp, ratio(k.tp, k.tp + k.fp),
                ratio(k.tp, k.tp + k.fn));
  }
  const double precision = ratio(micro.tp, micro.tp + micro.fp);
  const double recall = ratio(micro.tp, micro.tp + micro.fn);
  const double polarity = ratio(polarity_right, static_cast<int>(gold.size()));
  std::printf("\npolarity (rows gold, columns predicted):\n%-12s", "");
  const char* classes[] = {"strength", "concern", "neutral", "boilerplate"};
  for (const char* p : classes) std::printf(" %11s", p);
  for (const char* gp : classes) {
    std::printf("\n%-12s", gp);
    for (const char* pp : classes) std::printf(" %11d", confusion[gp][pp]);
  }
  std::printf("\n\n%zu passages; theme micro precision %.3f, recall %.3f (tp %d, fp %d, fn %d); polarity accuracy %.3f\n",
              gold.size(), precision, recall, micro.tp, micro.fp, micro.fn, polarity);
  BOOST_TEST(precision >= 0.85);
  BOOST_TEST(recall >= 0.80);
  BOOST_TEST(polarity >= 0.85);
}
