#include "scrutiny/built_passage.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "varint.h"

namespace scrutiny {
namespace {

void put_bytes(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

// Reads from a byte range, remembering whether it ever ran short.
class WireReader {
 public:
  explicit WireReader(std::string_view bytes) : rest_(bytes) {}

  std::uint64_t varint() {
    std::uint64_t v = 0;
    return get_varint(rest_, v) ? v : fail();
  }
  std::string bytes() {
    const std::uint64_t n = varint();
    if (n > rest_.size()) return fail(), std::string();
    std::string out(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return out;
  }
  // A count of items at least `min_bytes` long each: bounded by what is left,
  // so a corrupt count cannot reserve gigabytes.
  std::uint64_t count(std::size_t min_bytes) {
    const std::uint64_t n = varint();
    return n > rest_.size() / min_bytes ? fail() : n;
  }
  std::string_view rest() const { return rest_; }
  bool ok() const { return ok_; }

 private:
  std::uint64_t fail() {
    ok_ = false;
    rest_ = {};
    return 0;
  }
  std::string_view rest_;
  bool ok_ = true;
};

}  // namespace

const BuiltTerm* BuiltPassage::find(std::string_view name) const {
  auto it = std::lower_bound(terms.begin(), terms.end(), name,
                             [](const BuiltTerm& t, std::string_view n) { return t.name < n; });
  return it != terms.end() && it->name == name ? &*it : nullptr;
}

void BuiltPassage::merge_terms(std::vector<BuiltTerm> extra) {
  if (extra.empty()) return;
  if (!std::is_sorted(extra.begin(), extra.end(), BuiltTerm::by_name))
    std::stable_sort(extra.begin(), extra.end(), BuiltTerm::by_name);
  std::vector<BuiltTerm> merged;
  merged.reserve(terms.size() + extra.size());
  std::merge(std::make_move_iterator(terms.begin()), std::make_move_iterator(terms.end()),
             std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()),
             std::back_inserter(merged), BuiltTerm::by_name);
  // Fold equal neighbours into the first of them.
  auto out = merged.begin();
  for (auto it = merged.begin() + 1; it != merged.end(); ++it) {
    if (it->name != out->name) {
      if (++out != it) *out = std::move(*it);  // never onto itself: a self-move empties it
      continue;
    }
    out->wdf += it->wdf;
    if (!it->positions.empty()) {
      out->positions.insert(out->positions.end(), it->positions.begin(), it->positions.end());
      std::sort(out->positions.begin(), out->positions.end());
      out->positions.erase(std::unique(out->positions.begin(), out->positions.end()), out->positions.end());
    }
  }
  merged.erase(out + 1, merged.end());
  terms = std::move(merged);
}

Xapian::Document BuiltPassage::to_xapian() const {
  Xapian::Document xd;
  for (const auto& [slot, value] : values) xd.add_value(slot, value);
  for (const BuiltTerm& t : terms) {
    xd.add_term(t.name, t.wdf);  // the whole wdf here; positions add none
    for (Xapian::termpos pos : t.positions) xd.add_posting(t.name, pos, 0);
  }
  xd.set_data(data);
  return xd;
}

std::vector<BuiltTerm> built_terms(const Xapian::Document& xd) {
  std::vector<BuiltTerm> out;
  out.reserve(xd.termlist_count());
  for (auto t = xd.termlist_begin(); t != xd.termlist_end(); ++t) {
    BuiltTerm term{*t, t.get_wdf(), {}};
    if (t.positionlist_count() > 0) term.positions.assign(t.positionlist_begin(), t.positionlist_end());
    out.push_back(std::move(term));
  }
  return out;
}

BuiltPassage built_passage_of(const Xapian::Document& xd) {
  BuiltPassage out{built_terms(xd), {}, xd.get_data()};
  for (auto v = xd.values_begin(); v != xd.values_end(); ++v) out.values.emplace_back(v.get_valueno(), *v);
  return out;
}

void append_built_passage(std::string& out, const BuiltPassage& p) {
  put_varint(out, p.values.size());
  for (const auto& [slot, value] : p.values) {
    put_varint(out, slot);
    put_bytes(out, value);
  }
  put_varint(out, p.terms.size());
  for (const BuiltTerm& t : p.terms) {
    put_bytes(out, t.name);
    put_varint(out, t.wdf);
    put_varint(out, t.positions.size());
    Xapian::termpos last = 0;
    for (Xapian::termpos pos : t.positions) put_varint(out, pos - std::exchange(last, pos));
  }
  out.append(p.data);  // the rest
}

std::optional<BuiltPassage> parse_built_passage(std::string_view bytes) {
  WireReader in(bytes);
  BuiltPassage p;
  p.values.resize(in.count(2));
  for (auto& [slot, value] : p.values) {
    slot = static_cast<Xapian::valueno>(in.varint());
    value = in.bytes();
  }
  p.terms.resize(in.count(3));
  for (BuiltTerm& t : p.terms) {
    t.name = in.bytes();
    t.wdf = static_cast<Xapian::termcount>(in.varint());
    t.positions.resize(in.count(1));
    Xapian::termpos pos = 0;
    for (Xapian::termpos& at : t.positions) at = pos += static_cast<Xapian::termpos>(in.varint());
  }
  if (!in.ok()) return std::nullopt;
  p.data = std::string(in.rest());
  return p;
}

}  // namespace scrutiny
