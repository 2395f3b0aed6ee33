#include "sample_source.h"

#include <cstdint>

namespace scrutiny {

bool SampleSource::chosen(Xapian::docid did, Xapian::docid k) {
  // The 32-bit finaliser of MurmurHash3: consecutive ids spread uniformly.
  uint32_t h = did;
  h ^= h >> 16;
  h *= 0x85ebca6bU;
  h ^= h >> 13;
  h *= 0xc2b2ae35U;
  h ^= h >> 16;
  return h % k == 0;
}

void SampleSource::init(const Xapian::Database& db) {
  last_ = db.get_lastdocid();
  current_ = 0;
  ended_ = last_ == 0;
  set_maxweight(0);
}

void SampleSource::advance_to_chosen() {
  while (!chosen(current_, k_)) {
    if (current_ == last_) {
      ended_ = true;
      return;
    }
    ++current_;
  }
}

void SampleSource::next(double) {
  if (current_ == last_) {
    ended_ = true;
    return;
  }
  ++current_;
  advance_to_chosen();
}

void SampleSource::skip_to(Xapian::docid did, double) {
  if (did <= current_) return;
  if (did > last_) {
    ended_ = true;
    return;
  }
  current_ = did;
  advance_to_chosen();
}

std::string SampleSource::get_description() const {
  return "scrutiny::SampleSource(1 in " + std::to_string(k_) + ")";
}

}  // namespace scrutiny
