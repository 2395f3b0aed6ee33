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
  // Keyed by views of the value being counted: found without a copy.
  using Counts = std::map<std::string, Xapian::doccount, std::less<>>;
  static void count(Counts& c, std::string_view value);
  static void count_lines(Counts& c, std::string_view values);  // '\n'-joined
  void count_schema1(const Xapian::Document& doc);

  Xapian::doccount total_ = 0;
  Counts themes_, years_, types_, bodies_, polarities_, authorities_, judgements_;
};

}  // namespace scrutiny
