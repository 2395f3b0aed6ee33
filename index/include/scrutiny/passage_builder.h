// PassageBuilder: turns a Document's passages into what the index stores,
// one BuiltPassage per Passage (built_passage.h): text terms and positions,
// XSYN concept terms, title/section terms, boolean filter terms, value slots
// and the stored JSON (layout in schema.h, docs/schema.md), wdfs
// length-normalised when the index is (length_norm.h).
//
// It needs no database, so ingest workers build passages in parallel and the
// one index writer only adds them (IndexWriter::replace_document with built
// passages): building was a quarter of the writer's time.
// Spelling data is left to the writer, which derives it from each passage's
// unprefixed terms (IndexWriter::add_spelling_of).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "scrutiny/built_passage.h"
#include "scrutiny/document.h"
#include "scrutiny/impact_tiers.h"
#include "scrutiny/length_norm.h"
#include "scrutiny/synonym_terms.h"

namespace scrutiny {

// A Document with its passages already built. `doc` keeps every metadata
// field; its `passages` may be empty (the wire leaves them out), so the
// passage count is passages.size().
struct IndexedDocument {
  Document doc;
  std::vector<BuiltPassage> passages;
};

class PassageBuilder {
 public:
  // `norm`: the index's length normalisation, nullopt for an index of raw wdfs;
  // `tiers`: its impact tiers, nullopt for an index without tier terms.
  PassageBuilder(const Synonyms& synonyms, std::optional<LengthNorm> norm,
                 std::optional<ImpactTiers> tiers = std::nullopt);
  // A copy builds the same passages with a TermGenerator of its own.
  PassageBuilder(const PassageBuilder& other);
  PassageBuilder& operator=(const PassageBuilder&) = delete;
  PassageBuilder(PassageBuilder&&) = default;

  // One BuiltPassage per passage of `doc`, in order.
  std::vector<BuiltPassage> build(const Document& doc);

  const SynonymTagger& synonym_tagger() const { return *synonyms_; }
  const std::optional<LengthNorm>& length_norm() const { return norm_; }

 private:
  // What every passage of one document shares, made once per document.
  struct DocumentTerms {
    std::vector<BuiltTerm> terms;  // title words and boolean filter terms
    std::string section;           // the last section seen, and its words
    std::vector<BuiltTerm> section_terms;
  };
  BuiltPassage build_passage(const Document& doc, size_t index, const std::string& date, DocumentTerms& shared);
  std::vector<BuiltTerm> terms_without_positions(const std::string& text, std::string_view prefix);

  std::unique_ptr<Xapian::TermGenerator> indexer_;  // unique_ptr keeps the builder movable
  std::unique_ptr<SynonymTagger> synonyms_;
  std::optional<LengthNorm> norm_;
  std::optional<ImpactTiers> tiers_;
};

// The stored-data JSON of one passage: its own fields only (schema.h).
std::string passage_data(const Document& doc, const Passage& passage, size_t index);

}  // namespace scrutiny
