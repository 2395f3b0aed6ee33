// Document metadata from content: type, body, date/year, authority, judgement,
// visit, each with provenance. Priority: hints (sidecar/manifest) > patterns in
// the text > PDF info > file mtime (flagged as a guess).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scrutiny/document.h"
#include "scrutiny/extract.h"
#include "scrutiny/ingest.h"

namespace scrutiny {

void analyse_metadata(Document& doc, const ExtractedText& text,
                      const std::optional<MetadataHints>& hints,
                      std::optional<std::int64_t> mtime_seconds);

// UK date forms: "08/03/2022" (8 March 2022), "7th September 2021",
// "21 May 2020", "Thursday, 25 May 2023", ISO "2022-03-08". Returns ISO or nullopt.
std::optional<std::string> parse_uk_date(std::string_view s);

}  // namespace scrutiny
