// What `scrutiny status` reports about an index: documents, passages, years
// covered, files tracked, the last ingest run's summary and the remembered
// failures. Read-only: works while an ingest runs (it sees the last commit).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "scrutiny/result.h"

namespace scrutiny {

// {"db", "schema" (the index's, "" if unrecorded), "current_schema" (what
//  this version writes), "documents", "passages", "files", "years": [2020, ...],
//  "last_run": summary or null, "failures": [{"path", "reason", "time"}]}
Result<nlohmann::json> index_status(const std::string& db);

// The same as readable lines.
std::string format_status(const nlohmann::json& status);

}  // namespace scrutiny
