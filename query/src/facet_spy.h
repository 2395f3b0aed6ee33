// FacetSpy: counts theme, year, type, body, polarity, authority and overall
// judgement values of every passage the match sees. It reads one value slot
// per passage (kSlotFacets, all seven packed: reading seven slots took twice
// as long) and no stored data; passages of a schema 1 index are read from
// their one-per-facet slots. Internal to the query library.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

namespace scrutiny {

class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy; }
  std::string name() const override { return "scrutiny::FacetSpy"; }

  Xapian::doccount total() const { return total_; }
  // facet name -> value -> count; empty values are left out.
  std::map<std::string, std::map<std::string, Xapian::doccount>> counts() const;

 private:
  // Hashed, and looked up by views of the value: found without a copy.
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Counts = std::unordered_map<std::string, Xapian::doccount, ViewHash, std::equal_to<>>;
  // One facet's counts and the value counted last: a document's passages
  // are consecutive matches with the same year, type, body, authority and
  // judgement, so most lookups are one comparison (element pointers survive
  // rehashing).
  struct Facet {
    Counts counts;
    Counts::value_type* last = nullptr;
    Facet() = default;
    Facet(const Facet& other) : counts(other.counts) {}  // `last` would point into other
    Facet& operator=(const Facet&) = delete;
  };
  static void count(Facet& f, std::string_view value);
  static void count_lines(Facet& f, std::string_view values);  // '\n'-joined
  void count_schema1(const Xapian::Document& doc);

  Xapian::doccount total_ = 0;
  Facet themes_, years_, types_, bodies_, polarities_, authorities_, judgements_;
};

}  // namespace scrutiny
