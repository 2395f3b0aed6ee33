// ImpactTiers: extra copies of a stem's postings in the passages where it
// weighs most, so a one-word search can stop reading a common word's list.
//
// Xapian 1.4 skips the rest of a term's postings only once the tenth-best
// hit outweighs the term's best possible passage. For "assessment" (a
// quarter of 1M passages) that never happens, so every posting is decoded
// and scored. The writer therefore also posts each Z stem whose stored
// (length-normalised) wdf reaches bound k under the term XI<k>:<stem term>,
// with the same wdf. Once the tenth-best hit outweighs any passage below
// bound k, the searcher (query/src/tiered_term_source.h) reads tier k only:
// the same hits, from a fraction of the postings.
//
// Bounds are multiples of LengthNorm::scale: 2, 3 and 4 occurrences in a
// passage of average length. An index records them in its metadata
// ("impact_tiers"); one without the key has no tier terms and is searched
// as before.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "scrutiny/built_passage.h"
#include "scrutiny/length_norm.h"

namespace scrutiny {

struct ImpactTiers {
  std::vector<Xapian::termcount> bounds;  // ascending stored wdfs; tier k holds wdf >= bounds[k]

  std::string to_string() const;  // "128 192 256"
  static std::optional<ImpactTiers> parse(const std::string& text);
  // The index's tiers; nullopt for an index without tier terms.
  static std::optional<ImpactTiers> of(const Xapian::Database& db);
  // The tiers a new index with `norm` gets.
  static ImpactTiers for_norm(const LengthNorm& norm);

  // XI<k+1>:<term> for tier k (0-based); "" when `term` is not the Z stem
  // of a text word (title and section stems, ZS... and ZXSECT..., are not)
  // or the tier term would pass Xapian's term length limit.
  static std::string tier_term(size_t k, std::string_view term);

  // Posts the tier terms of every Z stem of `xd`. Call after normalise_wdfs,
  // on a passage without tier terms (a tier term posted twice adds its wdf).
  void add_to(Xapian::Document& xd) const;
  void add_to(BuiltPassage& passage) const;
  // The same for a stored passage that may hold tier terms already (a retag
  // that was interrupted): removes them first. True when `xd` changed.
  bool rewrite(Xapian::Document& xd) const;

 private:
  // The tier terms of these (Z stem, stored wdf) pairs.
  std::vector<BuiltTerm> tier_terms(const std::vector<std::pair<std::string, Xapian::termcount>>& stems) const;
};

}  // namespace scrutiny
