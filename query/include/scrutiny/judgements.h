// Judgement histories: each authority's Ofsted inspections in date order with
// every grade, and the movement of each grade between one full inspection
// and the next (Middlesbrough: inadequate 2020 -> requires improvement 2023).
// Read from the index's document records ("doc:<doc_id>", schema.h), so it
// needs no passage search. Output formats are documented in docs/ofsted.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "scrutiny/document.h"
#include "scrutiny/result.h"

namespace scrutiny {

// One Ofsted report or visit letter as recorded in the index.
struct Inspection {
  std::string doc_id;
  std::string source;
  std::string authority;                 // canonical short name ("Middlesbrough")
  std::optional<std::string> date;       // publication date (ISO)
  std::optional<std::string> inspection_start, inspection_end;
  std::string visit;                     // full_inspection | focused_visit | monitoring_visit | jtai | ""
  std::string framework, framework_variant;
  std::string lead_inspector;
  Judgements judgements;
  // The date the history is ordered by: inspection end, else publication.
  std::string sort_date() const;
};

// Change of one graded area between consecutive full inspections.
struct Movement {
  std::string area;                      // overall | leaders | help_and_protection | in_care | care_leavers
  std::optional<std::string> from, to;   // grades; nullopt where a report gives none
  std::string change;                    // improved | declined | unchanged | "" (not comparable)
};

struct Transition {
  std::string from_doc_id, to_doc_id;
  std::vector<Movement> movements;       // every area, in the order above
};

struct AuthorityHistory {
  std::string authority;
  std::vector<Inspection> inspections;   // oldest first
  std::vector<Transition> transitions;   // between consecutive full inspections
};

// Every Ofsted report in the index, grouped by authority (sorted by name).
// `authority` filters by name, matched after canonicalisation and case-folding.
Result<std::vector<AuthorityHistory>> judgement_histories(const Xapian::Database& db,
                                                          const std::string& authority = {});

// Same from document records already parsed (the "doc:" JSON), for tests and tools.
std::vector<AuthorityHistory> build_histories(const std::vector<nlohmann::json>& records,
                                              const std::string& authority = {});

// "inadequate 2020 -> requires improvement 2023 -> ..." for the overall grade
// (areas when a report has no overall grade).
std::string overall_trajectory(const AuthorityHistory& h);

std::string format_histories_text(const std::vector<AuthorityHistory>& histories);
nlohmann::json histories_json(const std::vector<AuthorityHistory>& histories);
std::string format_histories_csv(const std::vector<AuthorityHistory>& histories);

// "requires_improvement" -> "requires improvement"; rank for comparisons
// (inadequate 0 .. outstanding 3), nullopt for an unknown id.
std::string grade_label(const std::string& id);
std::optional<int> grade_rank(const std::string& id);

}  // namespace scrutiny
