#include "facet_spy.h"

#include <cmath>

#include "scrutiny/schema.h"

namespace scrutiny {

void FacetSpy::count(Facet& f, std::string_view value) {
  if (value.empty()) return;
  if (!f.last || f.last->first != value) {
    auto it = f.counts.find(value);
    if (it == f.counts.end()) it = f.counts.emplace(std::string(value), 0).first;
    f.last = &*it;
  }
  ++f.last->second;
}

void FacetSpy::count_lines(Facet& f, std::string_view values) {
  while (!values.empty()) {
    const size_t end = values.find('\n');
    count(f, values.substr(0, end));
    if (end == std::string_view::npos) break;
    values.remove_prefix(end + 1);
  }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++total_;
  const std::string packed = doc.get_value(schema::kSlotFacets);
  if (packed.empty()) return count_schema1(doc);
  const schema::FacetViews v = schema::unpack_facets(packed);
  count(years_, v.year);
  count(types_, v.type);
  count(bodies_, v.body);
  count(polarities_, v.polarity);
  count(authorities_, v.authority);
  count(judgements_, v.judgement);
  count_lines(themes_, v.themes);
}

void FacetSpy::count_schema1(const Xapian::Document& doc) {
  const std::string year = doc.get_value(schema::kSlotYear);
  if (!year.empty()) count(years_, std::to_string(std::lround(Xapian::sortable_unserialise(year))));
  count(types_, doc.get_value(schema::kSlotType1));
  count(bodies_, doc.get_value(schema::kSlotBody1));
  count(polarities_, doc.get_value(schema::kSlotPolarity1));
  count(authorities_, doc.get_value(schema::kSlotAuthority1));
  count(judgements_, doc.get_value(schema::kSlotJudgement1));
  count_lines(themes_, doc.get_value(schema::kSlotThemes1));
}

std::map<std::string, std::map<std::string, Xapian::doccount>> FacetSpy::counts() const {
  std::map<std::string, std::map<std::string, Xapian::doccount>> out;
  auto copy = [](const Facet& from, auto& to) { to.insert(from.counts.begin(), from.counts.end()); };
  copy(themes_, out["theme"]);
  copy(types_, out["type"]);
  copy(bodies_, out["body"]);
  copy(polarities_, out["polarity"]);
  copy(authorities_, out["authority"]);
  copy(judgements_, out["judgement"]);
  copy(years_, out["year"]);
  return out;
}

}  // namespace scrutiny
