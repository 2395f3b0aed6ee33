// Passage tags: the parts of a passage's Xapian document that the taxonomy
// decides (XTHEME/XPOL/XBOILER terms, the themes and polarity fields of the
// packed facet slot,
// and "themes"/"polarity"/"matches"/"boilerplate" in the stored data).
//
// Written in one place so IndexWriter (first indexing) and retag (re-applying
// an edited taxonomy in place) cannot drift apart. Everything else in the
// document (text terms, positions, other terms and slots) is left untouched.
#pragma once

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "scrutiny/document.h"

namespace scrutiny {

// Removes any existing XTHEME*, XPOL* and XBOILER terms from `xd`, then adds
// those of `p` and sets the themes and polarity of the kSlotFacets value
// (building it from a schema 1 document's slots 4-9, which it removes).
void write_passage_tags(Xapian::Document& xd, const Passage& p);

// Only the kSlotFacets part of that (in string form): what migrating a
// passage whose tags stand needs. Leaving the terms alone matters: Xapian
// rewrites a document whose terms changed by reading every position list
// of it, ~130 block reads a passage.
void write_facet_tags(Xapian::Document& xd, const Passage& p);

// Sets the tag fields of a passage's stored-data JSON object.
void write_passage_tags(nlohmann::json& data, const Passage& p);

// Theme ids joined by '\n', as in kSlotFacets.
std::string joined_themes(const std::vector<std::string>& themes);

}  // namespace scrutiny
