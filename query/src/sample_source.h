// SampleSource: a posting source holding about one document id in `k`,
// chosen by a hash of the id. FILTERed with a query it keeps a sample of the
// matches spread across the whole index (so across years and documents,
// which are added in order), where the matcher's own early stop would keep
// only the oldest. A hash, not every k-th id, so that a pattern in the ids
// (documents of equal length, generated corpora) cannot alias with k. The
// same ids every time: a query's estimates do not change between runs.
// Internal to the query library.
#pragma once

#include <string>

#include <xapian.h>

namespace scrutiny {

class SampleSource : public Xapian::PostingSource {
 public:
  explicit SampleSource(Xapian::docid k) : k_(k < 1 ? 1 : k) {}

  // Whether `did` is in the sample of one in k.
  static bool chosen(Xapian::docid did, Xapian::docid k);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return last_ / k_; }
  Xapian::doccount get_termfreq_max() const override { return last_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return ended_; }
  Xapian::docid get_docid() const override { return current_; }
  SampleSource* clone() const override { return new SampleSource(k_); }
  std::string get_description() const override;

 private:
  void advance_to_chosen();  // from current_ on

  Xapian::docid k_;
  Xapian::docid last_ = 0;     // the database's last document id
  Xapian::docid current_ = 0;  // 0 before the first next()
  bool ended_ = false;         // a flag, not current_ > last_: last_ may be the largest docid
};

}  // namespace scrutiny
