// BuiltPassage: one passage exactly as the index will store it (terms with
// wdfs and positions, value slots, stored data), before it is a
// Xapian::Document. PassageBuilder makes these, in the ingest workers; the
// wire carries them (document_wire.h); the writer turns each into a
// Xapian::Document with to_xapian() as it adds it.
//
// A sorted vector rather than a Xapian::Document, because a Xapian document
// in memory is a std::map: length normalisation re-found every term in it,
// impact tiers and the wire encoding walked it again, and the writer's
// spelling count walked it once more. Those walks and lookups were a third
// of the worker's passage building on the Ofsted reports (docs/ingest.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace scrutiny {

struct BuiltTerm {
  std::string name;
  Xapian::termcount wdf = 0;
  std::vector<Xapian::termpos> positions;  // ascending; empty for terms without positions

  static bool by_name(const BuiltTerm& a, const BuiltTerm& b) { return a.name < b.name; }
};

struct BuiltPassage {
  std::vector<BuiltTerm> terms;                                 // sorted by name, each name once
  std::vector<std::pair<Xapian::valueno, std::string>> values;  // any order, each slot once
  std::string data;

  // The term named `name`, or nullptr.
  const BuiltTerm* find(std::string_view name) const;
  // Adds `extra` (names may repeat; fastest sorted) to the sorted terms,
  // summing the wdfs and positions of equal names, as Xapian::Document::add_term
  // does.
  void merge_terms(std::vector<BuiltTerm> extra);
  Xapian::Document to_xapian() const;
};

// Every term of `xd` with its wdf and positions, sorted as Xapian keeps them.
std::vector<BuiltTerm> built_terms(const Xapian::Document& xd);
// `xd` whole: terms, values and data.
BuiltPassage built_passage_of(const Xapian::Document& xd);

// The wire form of one passage (document_wire.h): varint counts, lengths and
// position gaps. nullopt when `bytes` is not a whole passage.
void append_built_passage(std::string& out, const BuiltPassage& p);
std::optional<BuiltPassage> parse_built_passage(std::string_view bytes);

}  // namespace scrutiny
