// Extraction fidelity on the bundled corpus: for each document, the words of
// its passages (ingest_file; texts and the section headings over them,
// joined) cover at least 98% of the published
// text's words (../shared/seeds) counted as a multiset, and none of the site
// chrome around the HTML pages survives. Skips when ../shared is absent.
#define BOOST_TEST_MODULE corpus_fidelity
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "scrutiny/ingest.h"

namespace fs = std::filesystem;
using namespace scrutiny;

namespace {

const fs::path kCorpus = fs::path(SCRUTINY_SOURCE_DIR) / "corpus";
const fs::path kSeeds = fs::path(SCRUTINY_SHARED_DIR) / "seeds";

struct Case {
  const char* file;        // in corpus/
  const char* seed;        // prefix of the seed file in ../shared/seeds
  // Seed lines that are site chrome, which the extractor deliberately drops.
  std::vector<std::string> chrome_lines;
};

const std::vector<Case> kCases = {
    {"2022-03-08-executive-childrens-services-update.html", "000_", {}},
    {"2020-05-21-osb-childrens-services-ofsted-update.pdf", "001_", {}},
    {"2021-09-07-executive-improvement-programme-progress.pdf", "002_", {}},
    {"2022-corporate-parenting-board-ofsted-update.html", "003_", {}},
    {"2023-05-25-press-release-ofsted-improved-rating.html",
     "004_",
     {// the site's notice banner
      "We're making changes to bin collections across the town from 1 April. Find out about the changes",
      // the breadcrumb, with its Material icon ligatures
      "Home chevron_right Latest news chevron_right Confidence for the future as Ofsted hands children's "
      "services improved rating"}},
};

// Phrases of the chrome around the HTML pages (cookie banners, notice banner,
// breadcrumbs, navigation, footers): none may reach a passage.
const char* const kChrome[] = {"bin collections", "find out about the changes", "cookie", "chevron_right",
                               "skip to main content", "accessibility statement", "privacy notice",
                               "powered by moderngov", "forward plans", "search documents", "rss feeds",
                               "latest news", "gtag", "mgsetmenustate", "font-family"};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Lower-case ASCII words; curly apostrophes fold to straight ones and
// apostrophes vanish inside words ("Council’s" = "councils"); "¹" is "1";
// every other non-alphanumeric character separates words.
std::vector<std::string> words(const std::string& text) {
  static const std::pair<std::string, std::string> folds[] = {
      {"\xE2\x80\x99", "'"}, {"\xE2\x80\x98", "'"}, {"\xC2\xB9", "1"}, {"\xEF\xAC\x81", "fi"}, {"\xEF\xAC\x82", "fl"}};
  std::string s = text;
  for (const auto& [from, to] : folds)
    for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  std::vector<std::string> out;
  std::string w;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80 && std::isalnum(c)) {
      w += static_cast<char>(std::tolower(c));
    } else if (c == '\'' && !w.empty()) {
      // inside a word: dropped
    } else if (!w.empty()) {
      out.push_back(w);
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

std::string without_lines(const std::string& text, const std::vector<std::string>& drop) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    if (std::find(drop.begin(), drop.end(), line) != drop.end()) continue;
    out += line + "\n";
  }
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(corpus_documents_keep_the_published_words_and_drop_the_chrome) {
  if (!fs::is_directory(kSeeds)) {
    BOOST_TEST_MESSAGE("skipped: no seeds at " << kSeeds);
    return;
  }
  for (const Case& c : kCases) {
    BOOST_TEST_CONTEXT(c.file) {
      fs::path seed;
      for (const auto& e : fs::directory_iterator(kSeeds))
        if (e.path().filename().string().rfind(c.seed, 0) == 0) seed = e.path();
      BOOST_TEST_REQUIRE(!seed.empty(), "seed " << c.seed << " missing");

      const std::string seed_text = read(seed);
      for (const auto& line : c.chrome_lines)  // the named chrome must be in the seed, verbatim
        BOOST_TEST(seed_text.find(line) != std::string::npos, "chrome line not in seed: " << line);

      Result<Document> doc = ingest_file((kCorpus / c.file).string(), {});
      BOOST_TEST_REQUIRE(doc.ok(), (doc.ok() ? "" : doc.error()));
      // Headings are kept as the section of the passages under them.
      std::string extracted, section;
      for (const auto& p : doc->passages) {
        if (p.section != section) extracted += p.section + "\n";
        section = p.section;
        extracted += p.text + "\n";
      }

      std::map<std::string, int> have;
      for (auto& w : words(extracted)) ++have[w];
      std::map<std::string, int> missing;
      int total = 0, covered = 0;
      for (auto& w : words(without_lines(seed_text, c.chrome_lines))) {
        ++total;
        if (have[w] > 0) {
          --have[w];
          ++covered;
        } else {
          ++missing[w];
        }
      }
      const double coverage = total ? double(covered) / total : 0;
      std::string missing_list;
      for (const auto& [w, n] : missing) missing_list += " " + w + (n > 1 ? "x" + std::to_string(n) : "");
      BOOST_TEST_MESSAGE(c.file << ": coverage " << covered << "/" << total << " = " << coverage * 100
                                << "%; missing:" << missing_list);
      BOOST_TEST(coverage >= 0.98, c.file << " covers " << coverage * 100 << "% of the seed words; missing:"
                                          << missing_list);

      const std::string low = lower(extracted);
      for (const char* chrome : kChrome)
        BOOST_TEST(low.find(chrome) == std::string::npos, "site chrome in extraction: " << chrome);
    }
  }
}
