// TieredTermSource: one Z stem of a query, searched with the index's impact
// tiers (index/include/scrutiny/impact_tiers.h) so that Xapian stops reading
// the stem's full posting list once only its heaviest passages can still
// make the top hits.
//
// It gives each passage exactly the weight Xapian's BM25Weight gives the
// stem on our length-normalised index (b = 0, so no passage length is read).
// It starts on the stem's own postings. When the matcher's minimum weight
// passes the best weight a passage below tier k's bound can have, it moves
// to tier k's term at the same document id: every passage it then skips
// weighs too little to be a hit. Hits and weights are those of the plain
// term; only fewer postings are read.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "scrutiny/impact_tiers.h"
#include "scrutiny/length_norm.h"

namespace scrutiny {

// Where a TieredTermSource starts. `only_tier` k > 0 reads tier k alone (a
// subset of the hits, with their true weights): a cheap first pass. Never
// give one to a search that must see every match (counts, facets) or that
// sorts by anything but weight.
struct TierStart {
  size_t only_tier = 0;
};

class TieredTermSource : public Xapian::PostingSource {
 public:
  // What the sources of one search read (shared by the matcher's clones).
  struct Counters {
    Xapian::doccount postings = 0;  // postings read, over every tier
    size_t highest_tier = 0;        // 0: the stem's own list; k: tier k's
  };

  TieredTermSource(std::string term, ImpactTiers tiers, LengthNorm norm, TierStart start = {},
                   std::shared_ptr<Counters> counters = nullptr);

  void init(const Xapian::Database& db) override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override;
  Xapian::docid get_docid() const override;
  double get_weight() const override;
  Xapian::doccount get_termfreq_min() const override { return termfreq_; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_; }
  TieredTermSource* clone() const override;
  std::string get_description() const override;

 private:
  double weight_of(Xapian::termcount wdf) const;  // BM25Weight::get_sumpart's value
  // Moves to the highest tier whose skipped passages all weigh <= min_wt;
  // true when it moved (the iterator then sits at the next tier posting >= `from`).
  bool raise_tier(double min_wt, Xapian::docid from);
  void count_posting();

  std::string term_;
  ImpactTiers tiers_;
  LengthNorm norm_;
  TierStart start_;
  std::shared_ptr<Counters> counters_;

  Xapian::Database db_;
  Xapian::doccount termfreq_ = 0;
  double termweight_ = 0;       // BM25's idf part, times (k1 + 1)
  std::vector<double> below_;   // below_[k]: the most a passage under bounds[k] weighs
  size_t tier_ = 0;             // 0: term_; k: tier_term(k - 1)
  Xapian::PostingIterator it_, end_;
  bool started_ = false;
};

// `query` with its stem searched as a TieredTermSource over `tiers` when the
// stem is the query's only weighted part (alone, or on the left of FILTER or
// AND_NOT: one word with filters or exclusions); otherwise `query` itself.
// Several words, phrases, synonym groups and wildcards stay plain terms.
// `tiers` and `norm` must be the searched index's (ImpactTiers::of, LengthNorm::of).
Xapian::Query with_impact_tiers(const Xapian::Query& query, const ImpactTiers& tiers, const LengthNorm& norm,
                                TierStart start = {},
                                std::shared_ptr<TieredTermSource::Counters> counters = nullptr);

// The hits offset..offset+limit of `query` on `enquire`, which must rank by
// relevance with norm.weight() (one passage per document or not). The top
// tiers are searched alone first, highest first: every passage of tier k
// outweighs every passage outside it, so the first tier that holds
// offset + limit hits holds the top ones, with their true weights, and its
// result is the answer. Only when no tier holds enough is the stem read
// whole (through the tiers, as the matcher's minimum weight rises). A query
// with no stem to tier is searched as it is. Leaves `enquire` holding the
// query of the pass returned.
Xapian::MSet tiered_top_hits(Xapian::Enquire& enquire, const Xapian::Query& query, const ImpactTiers& tiers,
                             const LengthNorm& norm, Xapian::doccount offset, Xapian::doccount limit,
                             std::shared_ptr<TieredTermSource::Counters> counters = nullptr);

}  // namespace scrutiny
