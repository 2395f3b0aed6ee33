// FacetSpy: counts theme, year, type, body, polarity, authority and overall
// judgement values of every passage the match sees. It reads one value slot
// per passage (kSlotFacets, all seven packed: reading seven slots took twice
// as long) and no stored data. A schema 4 value holds dictionary numbers
// (facet_dictionary.h), counted as numbers and named at the end; older
// passages' strings are counted as strings, and a schema 1 passage's facets
// are read from its one-per-facet slots. Internal to the query library.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "scrutiny/facet_dictionary.h"

namespace scrutiny {

class FacetSpy : public Xapian::MatchSpy {
 public:
  // `dictionary`: the index's, for its number-form values.
  explicit FacetSpy(std::shared_ptr<const FacetDictionary> dictionary);
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy(dictionary_); }
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
    std::vector<Xapian::doccount> by_id;  // count of each dictionary number
    Facet() = default;
    Facet(const Facet& other) : counts(other.counts), by_id(other.by_id) {}  // `last` would point into other
    Facet& operator=(const Facet&) = delete;
  };
  static void count(Facet& f, std::string_view value);
  static void count(Facet& f, std::uint32_t id);
  static void count_lines(Facet& f, std::string_view values);  // '\n'-joined
  void count_schema1(const Xapian::Document& doc);
  // Every field but themes, of a FacetIds or a schema::FacetViews.
  template <class Fields>
  void count_document_fields(const Fields& f) {
    count(years_, f.year);
    count(types_, f.type);
    count(bodies_, f.body);
    count(polarities_, f.polarity);
    count(authorities_, f.authority);
    count(judgements_, f.judgement);
  }
  void copy_counts(const Facet& from, std::map<std::string, Xapian::doccount>& to) const;

  std::shared_ptr<const FacetDictionary> dictionary_;
  FacetIds ids_;  // reused: decoding allocates no theme vector per passage
  Xapian::doccount total_ = 0;
  Facet themes_, years_, types_, bodies_, polarities_, authorities_, judgements_;
};

// YearSpy: counts the years alone (kSlotYear), for a timeline without
// facets. The year slot's values are a byte or two, so reading them costs a
// fraction of the packed facet value: "social workers" on 1M passages 36 ->
// 18 ms, "assessment" 47 -> 39 ms (docs/benchmarks.md). A document's
// passages are consecutive matches with one year: counted as runs.
class YearSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new YearSpy; }
  std::string name() const override { return "scrutiny::YearSpy"; }

  Xapian::doccount total() const { return total_; }
  // "2021" -> passages; undated passages are left out (total() has them).
  std::map<std::string, Xapian::doccount> counts() const;

 private:
  Xapian::doccount total_ = 0;
  std::string last_;  // the value of the current run
  Xapian::doccount run_ = 0;
  std::map<std::string, Xapian::doccount> by_value_;  // serialised year -> passages, runs before the current
};

}  // namespace scrutiny
