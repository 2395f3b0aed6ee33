// The worker-to-parent message format for one extracted Document: JSON with
// every Document and Passage field, so the parent indexes exactly what the
// worker extracted. Kept beside the worker; a field added to document.h must
// be added here too (batch_wire_test round-trips a fully populated Document).
#pragma once

#include <string>
#include <string_view>

#include "scrutiny/document.h"
#include "scrutiny/passage_builder.h"
#include "scrutiny/result.h"

namespace scrutiny {

std::string encode_document(const Document& doc);
Result<Document> decode_document(std::string_view bytes);

// A Document whose passages a worker has built (passage_builder.h): the
// Document's JSON without passages, then each passage as
// append_built_passage writes it (built_passage.h), every part preceded by
// its length (8 bytes, little-endian).
std::string encode_indexed_document(const Document& doc, const std::vector<BuiltPassage>& passages);
Result<IndexedDocument> decode_indexed_document(std::string_view bytes);

}  // namespace scrutiny
