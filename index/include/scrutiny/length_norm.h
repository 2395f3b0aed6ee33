// LengthNorm: BM25's passage-length normalisation, applied when a passage is
// written instead of when it is searched.
//
// BM25 divides a term's wdf by L = (1 - b) + b * max(length / avglen,
// min_normlen). Xapian 1.4 reads each candidate's length from the index's
// document-length list, decoding it entry by entry up to that passage; on
// 1M passages that was 85 % of a one-word query's time (docs/query.md,
// "Ranking"). Storing every passage's wdfs already multiplied by
// factor() = scale / L, and searching with BM25Weight(k1 * scale, b = 0),
// gives the same term weights (up to rounding wdfs to integers) without
// reading any length. On the 93 Ofsted reports the top 10 of the benchmark
// queries keep the same first hit and 99 % of their hits (docs/query.md).
//
// An index built this way records the parameters in its metadata
// ("length_norm"); the writer applies them to every passage it adds, and the
// searcher picks its weighting from them. An index without the key (built
// before) keeps raw wdfs and is searched with Xapian's default BM25.
#pragma once

#include <optional>
#include <string>

#include <xapian.h>

#include "scrutiny/built_passage.h"

namespace scrutiny {

struct LengthNorm {
  double scale = 64;         // precision of the stored wdfs
  double b = 0.5;            // Xapian's BM25 defaults
  double min_normlen = 0.5;
  double avglen = 158;       // mean passage length (wdf sum) of the 93 Ofsted reports

  // The multiplier for a passage of `length` (its wdf sum before scaling).
  // Never below 1: Xapian cannot lower a positional term's wdf, so passages
  // over ~20,000 terms (none the splitter makes) are normalised less.
  double factor(Xapian::termcount length) const;

  std::string to_string() const;  // "scale=64 b=0.5 min_normlen=0.5 avglen=158"
  static std::optional<LengthNorm> parse(const std::string& text);
  // The index's parameters; nullopt for an index of raw wdfs.
  static std::optional<LengthNorm> of(const Xapian::Database& db);
  // The weighting that searches an index of these wdfs as Xapian's BM25.
  Xapian::BM25Weight weight() const;
};

// The stored wdf of a term occurring `wdf` times, and back.
Xapian::termcount scaled_wdf(Xapian::termcount wdf, double factor);
Xapian::termcount unscaled_wdf(Xapian::termcount wdf, double factor);

// The passage's length as BM25 counts it: the wdf sum of its terms except
// the XSYN concept terms (so synonyms.conf edits do not change it).
Xapian::termcount passage_length(const Xapian::Document& xd);

// Scales every non-boolean term of a passage written with raw wdfs and
// records its length (schema.h kSlotLength), from which retag recovers the
// factor.
void normalise_wdfs(BuiltPassage& passage, const LengthNorm& norm);

// The factor a passage was written with: 1 when it has no kSlotLength.
double wdf_factor(const Xapian::Document& xd, const std::optional<LengthNorm>& norm);

}  // namespace scrutiny
