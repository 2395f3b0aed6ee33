// JSON for Document and Passage (nlohmann): the `scrutiny extract` contract
// of issue 2 plus the fields later issues added. Unknown values are null,
// never missing. from_json reads what to_json wrote (stored document records).
//
//   {"source", "format", "title", "type", "body", "date", "year", "judgement",
//    "pages", "text", "passages": [{"page", "section", "text", "themes",
//    "polarity", "list_item", "boilerplate", "matches"}],
//    "doc_id", "authority", "visit", "url", "framework", "framework_variant",
//    "judgements": {...}, "inspection_start", "inspection_end",
//    "lead_inspector", "provenance": {...}}
#pragma once

#include <nlohmann/json.hpp>

#include "scrutiny/document.h"

namespace scrutiny {

void to_json(nlohmann::json& j, const Passage& p);
void from_json(const nlohmann::json& j, Passage& p);

void to_json(nlohmann::json& j, const Judgements& g);
void from_json(const nlohmann::json& j, Judgements& g);

// With `passages` and `text`; document_record() below leaves them out.
void to_json(nlohmann::json& j, const Document& d);
// Tolerant: missing or null fields keep their defaults.
void from_json(const nlohmann::json& j, Document& d);

// The same fields in the contract's order (for printing).
nlohmann::ordered_json document_json(const Document& d, bool with_passages = true);

}  // namespace scrutiny
