#include "facet_spy.h"

#include <cmath>

#include "scrutiny/schema.h"

namespace scrutiny {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++total_;
  const std::string themes = doc.get_value(schema::kSlotThemes);
  for (size_t start = 0; start < themes.size();) {
    size_t end = themes.find('\n', start);
    if (end == std::string::npos) end = themes.size();
    if (end > start) ++themes_[themes.substr(start, end - start)];
    start = end + 1;
  }
  ++years_[doc.get_value(schema::kSlotYear)];
  ++types_[doc.get_value(schema::kSlotType)];
  ++bodies_[doc.get_value(schema::kSlotBody)];
  ++polarities_[doc.get_value(schema::kSlotPolarity)];
  ++authorities_[doc.get_value(schema::kSlotAuthority)];
  ++judgements_[doc.get_value(schema::kSlotJudgement)];
}

std::map<std::string, std::map<std::string, Xapian::doccount>> FacetSpy::counts() const {
  std::map<std::string, std::map<std::string, Xapian::doccount>> out;
  auto copy = [](const auto& from, auto& to) {
    for (const auto& [k, n] : from)
      if (!k.empty()) to[k] = n;
  };
  copy(themes_, out["theme"]);
  copy(types_, out["type"]);
  copy(bodies_, out["body"]);
  copy(polarities_, out["polarity"]);
  copy(authorities_, out["authority"]);
  copy(judgements_, out["judgement"]);
  auto& years = out["year"];
  for (const auto& [k, n] : years_)
    if (!k.empty()) years[std::to_string(std::lround(Xapian::sortable_unserialise(k)))] = n;
  return out;
}

}  // namespace scrutiny
