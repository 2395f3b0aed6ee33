#include "facet_spy.h"

#include <cmath>

#include "scrutiny/schema.h"

namespace scrutiny {

namespace {

// "2021" from a kSlotYear value (sortable_serialise'd).
std::string year_of(const std::string& value) {
  return std::to_string(std::lround(Xapian::sortable_unserialise(value)));
}

}  // namespace

FacetSpy::FacetSpy(std::shared_ptr<const FacetDictionary> dictionary) : dictionary_(std::move(dictionary)) {}

void FacetSpy::count(Facet& f, std::uint32_t id) {
  if (id == 0) return;
  if (id >= f.by_id.size()) f.by_id.resize(id + 1);
  ++f.by_id[id];
}

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
  if (decode_facet_ids(packed, ids_)) {
    count_document_fields(ids_);
    for (std::uint32_t theme : ids_.themes) count(themes_, theme);
    return;
  }
  const schema::FacetViews v = schema::unpack_facets(packed);
  count_document_fields(v);
  count_lines(themes_, v.themes);
}

void FacetSpy::count_schema1(const Xapian::Document& doc) {
  const std::string year = doc.get_value(schema::kSlotYear);
  if (!year.empty()) count(years_, year_of(year));
  count(types_, doc.get_value(schema::kSlotType1));
  count(bodies_, doc.get_value(schema::kSlotBody1));
  count(polarities_, doc.get_value(schema::kSlotPolarity1));
  count(authorities_, doc.get_value(schema::kSlotAuthority1));
  count(judgements_, doc.get_value(schema::kSlotJudgement1));
  count_lines(themes_, doc.get_value(schema::kSlotThemes1));
}

// String counts and number counts (named by the dictionary) merged: an index
// may hold passages of both forms. A number the dictionary lacks (a damaged
// index) is counted as "(unknown N)", not dropped.
void FacetSpy::copy_counts(const Facet& from, std::map<std::string, Xapian::doccount>& to) const {
  to.insert(from.counts.begin(), from.counts.end());
  for (std::uint32_t id = 1; id < from.by_id.size(); ++id) {
    if (from.by_id[id] == 0) continue;
    const std::string_view name = dictionary_ ? dictionary_->string(id) : std::string_view();
    to[name.empty() ? "(unknown " + std::to_string(id) + ")" : std::string(name)] += from.by_id[id];
  }
}

std::map<std::string, std::map<std::string, Xapian::doccount>> FacetSpy::counts() const {
  std::map<std::string, std::map<std::string, Xapian::doccount>> out;
  auto copy = [this](const Facet& from, auto& to) { copy_counts(from, to); };
  copy(themes_, out["theme"]);
  copy(types_, out["type"]);
  copy(bodies_, out["body"]);
  copy(polarities_, out["polarity"]);
  copy(authorities_, out["authority"]);
  copy(judgements_, out["judgement"]);
  copy(years_, out["year"]);
  return out;
}

void YearSpy::operator()(const Xapian::Document& doc, double) {
  ++total_;
  std::string year = doc.get_value(schema::kSlotYear);
  if (year != last_) {
    if (run_ > 0) by_value_[last_] += run_;
    last_ = std::move(year);
    run_ = 0;
  }
  ++run_;
}

std::map<std::string, Xapian::doccount> YearSpy::counts() const {
  std::map<std::string, Xapian::doccount> out;
  auto add = [&out](const std::string& value, Xapian::doccount n) {
    if (!value.empty() && n > 0) out[year_of(value)] += n;
  };
  for (const auto& [value, n] : by_value_) add(value, n);
  add(last_, run_);
  return out;
}

}  // namespace scrutiny
