// FacetSpy: counts theme, year, type, body, polarity, authority and overall
// judgement values of every passage the match sees, reading value slots only
// (no stored data). Themes are multi-valued ('\n'-joined in kSlotThemes). Internal to the query library.
#pragma once

#include <map>
#include <string>
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
  Xapian::doccount total_ = 0;
  std::unordered_map<std::string, Xapian::doccount> themes_, years_, types_, bodies_, polarities_,
      authorities_, judgements_;
};

}  // namespace scrutiny
