// The ingest stage's entry point: one file in, one analysed Document out.
// read -> sniff -> extract -> split into passages -> metadata -> themes/polarity.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "scrutiny/document.h"
#include "scrutiny/result.h"

namespace scrutiny {

class Taxonomy;

// Metadata supplied from outside the file: a FILE.meta.json sidecar or a row
// of a CSV manifest. Keys: title, date, body, type, url, authority, judgement, visit.
struct MetadataHints {
  std::map<std::string, std::string> fields;
  std::string origin;  // "sidecar" or "manifest", recorded as provenance
};

struct IngestOptions {
  const Taxonomy* taxonomy = nullptr;        // null: passages get no themes
  std::optional<MetadataHints> hints;        // explicit hints (manifest row)
  bool read_sidecar = true;                  // look for FILE.meta.json beside the file
};

// Reads and analyses one file. Expected failures (unreadable, corrupt,
// encrypted, no text layer, unknown format) come back as an Error whose
// message is one line naming the reason (the caller adds the path).
Result<Document> ingest_file(const std::string& path, const IngestOptions& options);

// Same, from bytes already in memory; `source` is recorded as Document::source.
Result<Document> ingest_bytes(std::string_view bytes, const std::string& source,
                              const IngestOptions& options);

}  // namespace scrutiny
