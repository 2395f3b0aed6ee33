// Document and Passage: the plain values the stages pass to each other.
//
// ingest produces a Document (metadata plus its Passages); index stores one
// Xapian document per Passage; query reads them back as hits. Nothing here
// knows about poppler, gumbo or Xapian. Vocabularies (type, judgement, visit,
// theme ids) are those of THEMES.md and corpus/taxonomy.toml.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace scrutiny {

enum class Polarity { neutral, strength, concern };

const char* to_string(Polarity p);                 // "neutral", "strength", "concern"
std::optional<Polarity> parse_polarity(const std::string& s);

// A paragraph or list item, the unit we index and quote.
struct Passage {
  int page = 0;               // 1-based page; 0 where the source has no pages (HTML, text)
  std::string section;        // the heading it sits under ("" before any heading)
  std::string text;           // normalised text (NFKC, folded quotes, joined hyphenation)
  bool list_item = false;     // came from a bullet or numbered list item
  bool boilerplate = false;   // contact details, decision-form tables...: never a finding
  std::vector<std::string> themes;                          // theme ids, sorted
  Polarity polarity = Polarity::neutral;
  std::map<std::string, std::vector<std::string>> matches;  // theme id -> rules that matched
};

// Per-area Ofsted grades; values are THEMES.md judgement ids, nullopt where
// the report gives none.
struct Judgements {
  std::optional<std::string> overall;
  std::optional<std::string> leaders;
  std::optional<std::string> help_and_protection;
  std::optional<std::string> in_care;
  std::optional<std::string> care_leavers;
  // Reports before the 2023 split grade "children in care and care leavers"
  // together: then in_care holds that one grade and care_leavers is nullopt.
  bool in_care_includes_care_leavers = false;
  bool empty() const {
    return !overall && !leaders && !help_and_protection && !in_care && !care_leavers;
  }
};

struct Document {
  std::string source;         // the path as given to ingest (or the manifest url)
  std::string format;         // "pdf", "html", "text"
  std::string doc_id;         // stable id: hex digest of the content bytes
  std::string title;
  std::string type;           // ofsted_report | committee_report | minutes | agenda | press_release | other | ""
  std::string body;           // committee or board, e.g. "Executive"
  std::optional<std::string> date;  // ISO yyyy-mm-dd: the meeting or publication date
  std::optional<int> year;
  std::string authority;      // e.g. "Middlesbrough Council"
  std::string judgement;      // overall judgement reported as current, or ""
  std::string visit;          // full_inspection | monitoring_visit | focused_visit | jtai | ""
  std::string url;
  // Ofsted reports (issue 7); empty for other documents.
  std::string framework;      // sif | ilacs | ilacs_2026 | ""
  std::string framework_variant;  // standard | short | ""
  Judgements judgements;
  std::optional<std::string> inspection_start;  // ISO dates
  std::optional<std::string> inspection_end;
  std::string lead_inspector;
  // Where each metadata field came from: field -> "sidecar", "manifest",
  // "text: <matched line>", "pdf-info", "mtime (guess)"...
  std::map<std::string, std::string> provenance;
  int pages = 0;              // page count (0 for unpaged sources)
  std::vector<Passage> passages;

  // All passage texts joined by blank lines.
  std::string text() const;
};

}  // namespace scrutiny
