// The --manifest CSV as metadata hints per file, keyed by state_key (the
// absolute path), so a manifest row finds its file however the ingest path
// was spelled. Parsing is metadata.h's load_manifest (corpus).
#pragma once

#include <map>
#include <string>

#include "scrutiny/ingest.h"
#include "scrutiny/result.h"

namespace scrutiny {

Result<std::map<std::string, MetadataHints>> load_manifest_hints(const std::string& csv_path);

}  // namespace scrutiny
