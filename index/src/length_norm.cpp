#include "scrutiny/length_norm.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <utility>
#include <vector>

#include "scrutiny/schema.h"

namespace scrutiny {

double LengthNorm::factor(Xapian::termcount length) const {
  const double normlen = std::max(static_cast<double>(length) / avglen, min_normlen);
  return std::max(1.0, scale / ((1 - b) + b * normlen));
}

std::string LengthNorm::to_string() const {
  char out[128];
  std::snprintf(out, sizeof out, "scale=%g b=%g min_normlen=%g avglen=%g", scale, b, min_normlen, avglen);
  return out;
}

std::optional<LengthNorm> LengthNorm::parse(const std::string& text) {
  LengthNorm norm;
  std::istringstream in(text);
  std::string field;
  int seen = 0;
  while (in >> field) {
    const size_t eq = field.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = field.substr(0, eq);
    double value = 0;
    if (std::sscanf(field.c_str() + eq + 1, "%lf", &value) != 1 || !(value > 0)) return std::nullopt;
    if (key == "scale") norm.scale = value;
    else if (key == "b") norm.b = value;
    else if (key == "min_normlen") norm.min_normlen = value;
    else if (key == "avglen") norm.avglen = value;
    else return std::nullopt;
    ++seen;
  }
  if (seen != 4 || norm.b > 1) return std::nullopt;
  return norm;
}

std::optional<LengthNorm> LengthNorm::of(const Xapian::Database& db) {
  return parse(db.get_metadata(std::string(schema::kLengthNormKey)));
}

Xapian::BM25Weight LengthNorm::weight() const {
  // Xapian's defaults (k1 = 1, k2 = 0, k3 = 1) with k1 in scaled wdf units
  // and no length normalisation left to do.
  return Xapian::BM25Weight(1 * scale, 0, 1, 0, min_normlen);
}

Xapian::termcount scaled_wdf(Xapian::termcount wdf, double factor) {
  if (wdf == 0) return 0;
  return std::max<Xapian::termcount>(1, static_cast<Xapian::termcount>(std::lround(wdf * factor)));
}

Xapian::termcount unscaled_wdf(Xapian::termcount wdf, double factor) {
  return static_cast<Xapian::termcount>(std::lround(wdf / factor));
}

namespace {
// XSYN concept terms are left out of a passage's length.
bool counts_in_length(std::string_view term) {
  const std::string_view concept_prefix = schema::kSynonym;
  return term.compare(0, concept_prefix.size(), concept_prefix) != 0;
}
}  // namespace

Xapian::termcount passage_length(const Xapian::Document& xd) {
  Xapian::termcount length = 0;
  for (auto t = xd.termlist_begin(); t != xd.termlist_end(); ++t)
    if (counts_in_length(*t)) length += t.get_wdf();
  return length;
}

void normalise_wdfs(BuiltPassage& p, const LengthNorm& norm) {
  Xapian::termcount length = 0;
  for (const BuiltTerm& t : p.terms)
    if (counts_in_length(t.name)) length += t.wdf;
  p.values.emplace_back(schema::kSlotLength, Xapian::sortable_serialise(length));
  const double factor = norm.factor(length);
  for (BuiltTerm& t : p.terms) t.wdf = scaled_wdf(t.wdf, factor);
}

double wdf_factor(const Xapian::Document& xd, const std::optional<LengthNorm>& norm) {
  if (!norm) return 1;
  const std::string length = xd.get_value(schema::kSlotLength);
  if (length.empty()) return 1;
  return norm->factor(static_cast<Xapian::termcount>(std::lround(Xapian::sortable_unserialise(length))));
}

}  // namespace scrutiny
