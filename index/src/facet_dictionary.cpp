#include "scrutiny/facet_dictionary.h"

#include "varint.h"

namespace scrutiny {
namespace {

// Marks a number-form value: a string-form value starts with a year digit or
// the '\x1f' of an empty year, never with this byte.
constexpr char kNumberForm = '\x04';

}  // namespace

bool is_facet_ids(std::string_view value) { return !value.empty() && value.front() == kNumberForm; }

bool decode_facet_ids(std::string_view value, FacetIds& out) {
  if (!is_facet_ids(value)) return false;
  value.remove_prefix(1);
  for (std::uint32_t* field : {&out.year, &out.type, &out.body, &out.polarity, &out.authority, &out.judgement})
    if (!get_varint(value, *field)) return false;
  out.themes.clear();
  while (!value.empty()) {
    std::uint32_t theme;
    if (!get_varint(value, theme)) return false;
    out.themes.push_back(theme);
  }
  return true;
}

FacetDictionary FacetDictionary::load(const Xapian::Database& db) {
  FacetDictionary dict = parse(db.get_metadata(std::string(schema::kFacetDictionaryKey)));
  dict.stored_ = dict.strings_.size();
  return dict;
}

std::uint32_t FacetDictionary::id(std::string_view s) {
  if (s.empty()) return 0;
  if (!indexed_) index_strings();
  if (auto it = ids_.find(s); it != ids_.end()) return it->second;  // no copy of `s`
  const auto n = static_cast<std::uint32_t>(strings_.size() + 1);
  strings_.emplace_back(s);
  ids_.emplace(strings_.back(), n);
  return n;
}

// Readers only name numbers, so the string -> number map is built on the
// writer's first id() call, not at every load.
void FacetDictionary::index_strings() {
  ids_.clear();
  for (std::uint32_t n = 1; n <= strings_.size(); ++n) ids_.try_emplace(strings_[n - 1], n);
  indexed_ = true;
}

std::string_view FacetDictionary::string(std::uint32_t n) const {
  if (n == 0 || n > strings_.size()) return {};
  return strings_[n - 1];
}

std::string FacetDictionary::encode(const schema::FacetFields& f) {
  return encode(schema::FacetViews{f.year, f.type, f.body, f.polarity, f.authority, f.judgement, f.themes});
}

// Views, not strings: the writer encodes every passage it adds.
std::string FacetDictionary::encode(const schema::FacetViews& v) {
  std::string out(1, kNumberForm);
  for (std::string_view field : {v.year, v.type, v.body, v.polarity, v.authority, v.judgement})
    put_varint(out, id(field));
  std::string_view themes = v.themes;
  while (!themes.empty()) {
    const size_t end = themes.find('\n');
    if (const std::string_view theme = themes.substr(0, end); !theme.empty()) put_varint(out, id(theme));
    if (end == std::string_view::npos) break;
    themes.remove_prefix(end + 1);
  }
  return out;
}

void FacetDictionary::encode(Xapian::Document& xd) {
  const std::string value = xd.get_value(schema::kSlotFacets);
  if (value.empty() || is_facet_ids(value)) return;
  xd.add_value(schema::kSlotFacets, encode(schema::unpack_facets(value)));
}

std::string FacetDictionary::decode(std::string_view value) const {
  FacetIds ids;
  if (!decode_facet_ids(value, ids)) return std::string(value);
  schema::FacetFields f{std::string(string(ids.year)),     std::string(string(ids.type)),
                        std::string(string(ids.body)),     std::string(string(ids.polarity)),
                        std::string(string(ids.authority)), std::string(string(ids.judgement)),
                        {}};
  for (std::uint32_t theme : ids.themes) {
    if (!f.themes.empty()) f.themes += '\n';
    f.themes += string(theme);
  }
  return schema::pack_facets(f);
}

void FacetDictionary::store(Xapian::WritableDatabase& db) {
  if (stored_ == strings_.size()) return;
  db.set_metadata(std::string(schema::kFacetDictionaryKey), serialise());
  stored_ = strings_.size();
}

std::string FacetDictionary::serialise() const {
  std::string out;
  for (const std::string& s : strings_) {
    put_varint(out, static_cast<std::uint32_t>(s.size()));
    out += s;
  }
  return out;
}

FacetDictionary FacetDictionary::parse(std::string_view data) {
  FacetDictionary dict;
  std::uint32_t size;
  while (!data.empty() && get_varint(data, size) && size <= data.size()) {
    dict.strings_.emplace_back(data.substr(0, size));
    data.remove_prefix(size);
  }
  return dict;
}

}  // namespace scrutiny
