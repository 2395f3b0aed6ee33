// The paths a document's content was found at. A "doc:<id>" record lists
// them all in "sources"; its passages carry one of them, the record's
// "source" (the first path that is still present). Identical files under two
// paths are indexed once: removing one path keeps the document, re-pointing
// its passages to a remaining path when needed; removing the last removes it.
#pragma once

#include <string>

#include "scrutiny/index_writer.h"
#include "scrutiny/result.h"

namespace scrutiny {

// Adds `source` to the record's "sources" (no-op when present).
Status add_source(IndexWriter& writer, const std::string& doc_id, const std::string& source);

// Removes `source`; deletes the document when no source remains.
Status remove_source(IndexWriter& writer, const std::string& doc_id, const std::string& source);

}  // namespace scrutiny
