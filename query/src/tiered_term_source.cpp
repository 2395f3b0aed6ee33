#include "tiered_term_source.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "scrutiny/schema.h"

namespace scrutiny {

TieredTermSource::TieredTermSource(std::string term, ImpactTiers tiers, LengthNorm norm, TierStart start,
                                   std::shared_ptr<Counters> counters)
    : term_(std::move(term)), tiers_(std::move(tiers)), norm_(norm), start_(start), counters_(std::move(counters)) {}

// Xapian 1.4's BM25Weight::init and get_sumpart with LengthNorm::weight()'s
// parameters (k1 = scale, k2 = 0, k3 = 1, b = 0), step for step, so the
// weights are the ones a plain term query gives.
void TieredTermSource::init(const Xapian::Database& db) {
  db_ = db;
  termfreq_ = db.get_termfreq(term_);
  double tw = (db.get_doccount() - termfreq_ + 0.5) / (termfreq_ + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  const double k1 = 1 * norm_.scale, k3 = 1, wqf = 1;
  termweight_ = std::log(tw) * 1.0;
  termweight_ *= (k3 + 1) * wqf / (k3 + wqf);
  termweight_ *= (k1 + 1);
  below_.clear();
  for (Xapian::termcount bound : tiers_.bounds) below_.push_back(weight_of(bound - 1));
  set_maxweight(weight_of(db.get_wdf_upper_bound(term_)));
  tier_ = std::min(start_.only_tier, tiers_.bounds.size());
  std::string first = tier_ ? ImpactTiers::tier_term(tier_ - 1, term_) : term_;
  if (first.empty()) {  // not a tiered stem: "" would iterate every document
    tier_ = 0;
    first = term_;
  }
  it_ = db.postlist_begin(first);
  end_ = db.postlist_end(first);
  started_ = false;
  if (counters_) counters_->highest_tier = std::max(counters_->highest_tier, tier_);
}

double TieredTermSource::weight_of(Xapian::termcount wdf) const {
  const double k1 = 1 * norm_.scale, b = 0;
  const double normlen = norm_.min_normlen;  // max(length * 0, min_normlen)
  const double wdf_double(wdf);
  const double denom = k1 * (normlen * b + (1 - b)) + wdf_double;
  return termweight_ * (wdf_double / denom);
}

bool TieredTermSource::raise_tier(double min_wt, Xapian::docid from) {
  size_t k = tier_;
  while (k < below_.size() && below_[k] < min_wt) ++k;
  if (k == tier_) return false;
  const std::string tier_term = ImpactTiers::tier_term(k - 1, term_);
  if (tier_term.empty()) return false;  // not a tiered stem: read it all
  tier_ = k;
  it_ = db_.postlist_begin(tier_term);
  end_ = db_.postlist_end(tier_term);
  if (from > 1) it_.skip_to(from);
  if (counters_) counters_->highest_tier = std::max(counters_->highest_tier, tier_);
  return true;
}

void TieredTermSource::count_posting() {
  if (counters_ && it_ != end_) ++counters_->postings;
}

void TieredTermSource::next(double min_wt) {
  if (!started_) {
    started_ = true;
    raise_tier(min_wt, 1);
  } else if (!raise_tier(min_wt, *it_ + 1)) {
    ++it_;
  }
  count_posting();
}

void TieredTermSource::skip_to(Xapian::docid did, double min_wt) {
  started_ = true;
  if (!raise_tier(min_wt, did)) it_.skip_to(did);
  count_posting();
}

bool TieredTermSource::at_end() const { return it_ == end_; }

Xapian::docid TieredTermSource::get_docid() const { return *it_; }

double TieredTermSource::get_weight() const { return weight_of(it_.get_wdf()); }

TieredTermSource* TieredTermSource::clone() const {
  return new TieredTermSource(term_, tiers_, norm_, start_, counters_);
}

std::string TieredTermSource::get_description() const {
  return "TieredTermSource(" + term_ + ", tiers " + tiers_.to_string() + ")";
}

namespace {

// True when `q` is `term` with wqf 1 (the weight the source reproduces),
// at any query position.
bool plain_leaf(const Xapian::Query& q, const std::string& term) {
  std::string desc = q.get_description();
  const std::string plain = Xapian::Query(term).get_description();  // "Query(term)"
  if (desc.size() < 2 || desc.back() != ')') return false;
  desc.pop_back();
  if (const size_t at = desc.rfind('@'); at != std::string::npos && at + 1 < desc.size() &&
                                          desc.find_first_not_of("0123456789", at + 1) == std::string::npos)
    desc.erase(at);
  return desc + ")" == plain;
}

struct Rewrite {
  const ImpactTiers& tiers;
  const LengthNorm& norm;
  TierStart start;
  const std::shared_ptr<TieredTermSource::Counters>& counters;

  // Only the weighted side of FILTER and AND_NOT is followed: a query whose
  // one weighted leaf is a stem. Under AND or OR each stem's minimum weight
  // is the search's minus the other words' maximum, which rarely passes a
  // tier bound, and the source's per-posting cost then made three-word
  // searches slower (docs/benchmarks.md, 2026-12-07).
  Xapian::Query operator()(const Xapian::Query& q) const {
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM: {
        const std::string term = *q.get_terms_begin();
        if (ImpactTiers::tier_term(0, term).empty() || !plain_leaf(q, term)) return q;
        return Xapian::Query((new TieredTermSource(term, tiers, norm, start, counters))->release());
      }
      case Xapian::Query::OP_FILTER:
      case Xapian::Query::OP_AND_NOT: {
        std::vector<Xapian::Query> subs{(*this)(q.get_subquery(0))};
        for (size_t i = 1; i < q.get_num_subqueries(); ++i) subs.push_back(q.get_subquery(i));
        return Xapian::Query(q.get_type(), subs.begin(), subs.end());
      }
      default:
        return q;
    }
  }
};

}  // namespace

Xapian::Query with_impact_tiers(const Xapian::Query& query, const ImpactTiers& tiers, const LengthNorm& norm,
                                TierStart start, std::shared_ptr<TieredTermSource::Counters> counters) {
  return Rewrite{tiers, norm, start, counters}(query);
}

Xapian::MSet tiered_top_hits(Xapian::Enquire& enquire, const Xapian::Query& query, const ImpactTiers& tiers,
                             const LengthNorm& norm, Xapian::doccount offset, Xapian::doccount limit,
                             std::shared_ptr<TieredTermSource::Counters> counters) {
  const std::string plain = query.get_description();
  for (size_t k = limit > 0 ? tiers.bounds.size() : 0; k >= 1; --k) {
    const Xapian::Query only_k = with_impact_tiers(query, tiers, norm, {k}, counters);
    if (only_k.get_description() == plain) break;  // no stem to tier
    enquire.set_query(only_k);
    Xapian::MSet mset = enquire.get_mset(offset, limit);
    if (mset.size() == limit) return mset;
  }
  enquire.set_query(with_impact_tiers(query, tiers, norm, {}, counters));
  return enquire.get_mset(offset, limit);
}

}  // namespace scrutiny
