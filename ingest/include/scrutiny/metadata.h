// Document metadata from content: type, body, date/year, authority, judgement,
// visit, each with provenance. Priority: hints (sidecar/manifest) > patterns in
// the text > PDF info > file mtime (flagged as a guess).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "scrutiny/document.h"
#include "scrutiny/extract.h"
#include "scrutiny/ingest.h"
#include "scrutiny/result.h"

namespace scrutiny {

void analyse_metadata(Document& doc, const ExtractedText& text,
                      const std::optional<MetadataHints>& hints,
                      std::optional<std::int64_t> mtime_seconds);

// Metadata supplied with a file (hints.cpp; formats in docs/metadata.md).
// The sidecar of FILE is FILE.meta.json: a JSON object with any of the keys
// title, date, body, type, url, authority, judgement, visit. No sidecar is
// nullopt; unreadable or invalid JSON is an Error naming the sidecar.
Result<std::optional<MetadataHints>> load_sidecar(const std::string& file_path);

// A CSV manifest with a header row: columns path (or url), title, date, body,
// type (and optionally authority, judgement, visit); RFC 4180 quoting.
// Relative paths resolve against the manifest's folder. Keyed by the resolved
// path (lexically normal), or by the url for rows without a path.
Result<std::map<std::string, MetadataHints>> load_manifest(const std::string& csv_path);

// UK date forms: "08/03/2022" (8 March 2022), "7th September 2021",
// "21 May 2020", "Thursday, 25 May 2023", ISO "2022-03-08". Returns ISO or nullopt.
std::optional<std::string> parse_uk_date(std::string_view s);

// Ofsted inspection reports and visit letters (ofsted.cpp, issue 7). When the
// text is one, fills type, authority, visit, framework(+variant), judgements,
// judgement, inspection dates, lead inspector and (only if doc.date is unset)
// date/year from evidence in the file, with provenance, and marks the "What
// needs to improve" / "Areas for improvement" items as concern passages.
// Returns false and leaves doc untouched otherwise. analyse_metadata calls it
// first and keeps what it set.
bool analyse_ofsted_report(Document& doc, const ExtractedText& text);

}  // namespace scrutiny
