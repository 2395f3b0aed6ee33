#include "scrutiny/impact_tiers.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>
#include <vector>

#include "scrutiny/schema.h"

namespace scrutiny {
namespace {

// Xapian's limit is 245 bytes; the tier prefix must fit in front of the stem.
constexpr size_t kMaxTermBytes = 245;

// The passage's tier terms and their wdfs, in term order.
std::vector<std::pair<std::string, Xapian::termcount>> tier_terms_of(const Xapian::Document& xd) {
  std::vector<std::pair<std::string, Xapian::termcount>> out;
  const std::string prefix(schema::kImpactTier);
  auto t = xd.termlist_begin();
  for (t.skip_to(prefix); t != xd.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0; ++t)
    out.emplace_back(*t, t.get_wdf());
  return out;
}

}  // namespace

std::string ImpactTiers::to_string() const {
  std::string out;
  for (auto b : bounds) out += (out.empty() ? "" : " ") + std::to_string(b);
  return out;
}

std::optional<ImpactTiers> ImpactTiers::parse(const std::string& text) {
  ImpactTiers tiers;
  std::istringstream in(text);
  long long b = 0;
  while (in >> b) {
    if (b <= 0 || (!tiers.bounds.empty() && static_cast<Xapian::termcount>(b) <= tiers.bounds.back()))
      return std::nullopt;
    tiers.bounds.push_back(static_cast<Xapian::termcount>(b));
  }
  if (!in.eof() || tiers.bounds.empty()) return std::nullopt;
  return tiers;
}

std::optional<ImpactTiers> ImpactTiers::of(const Xapian::Database& db) {
  return parse(db.get_metadata(std::string(schema::kImpactTiersKey)));
}

ImpactTiers ImpactTiers::for_norm(const LengthNorm& norm) {
  ImpactTiers tiers;
  for (int occurrences : {2, 3, 4})
    tiers.bounds.push_back(static_cast<Xapian::termcount>(std::lround(occurrences * norm.scale)));
  return tiers;
}

std::string ImpactTiers::tier_term(size_t k, std::string_view term) {
  // Stems of text words only: "ZStitle" and "ZXSECTheading" stems (an
  // upper-case prefix after the Z) are searched only with title: and
  // section:, never alone, and title words would be copied into every
  // passage of a document.
  if (term.size() < 2 || term[0] != 'Z' || (term[1] >= 'A' && term[1] <= 'Z')) return "";
  std::string out = std::string(schema::kImpactTier) + std::to_string(k + 1) + ":";
  if (out.size() + term.size() > kMaxTermBytes) return "";
  return out.append(term);
}

std::vector<BuiltTerm> ImpactTiers::tier_terms(const std::vector<std::pair<std::string, Xapian::termcount>>& stems) const {
  std::vector<BuiltTerm> out;
  for (const auto& [term, wdf] : stems)
    for (size_t k = 0; k < bounds.size() && wdf >= bounds[k]; ++k)
      if (auto tier = tier_term(k, term); !tier.empty()) out.push_back({std::move(tier), wdf, {}});
  return out;
}

void ImpactTiers::add_to(Xapian::Document& xd) const {
  std::vector<std::pair<std::string, Xapian::termcount>> stems;
  // Terms come sorted: the stems are the run starting at "Z".
  auto t = xd.termlist_begin();
  for (t.skip_to("Z"); t != xd.termlist_end() && (*t)[0] == 'Z'; ++t)
    if (t.get_wdf() >= bounds.front()) stems.emplace_back(*t, t.get_wdf());
  for (const BuiltTerm& tier : tier_terms(stems)) xd.add_term(tier.name, tier.wdf);
}

void ImpactTiers::add_to(BuiltPassage& p) const {
  std::vector<std::pair<std::string, Xapian::termcount>> stems;
  auto t = std::lower_bound(p.terms.begin(), p.terms.end(), "Z",
                            [](const BuiltTerm& term, const char* z) { return term.name < z; });
  for (; t != p.terms.end() && t->name[0] == 'Z'; ++t)
    if (t->wdf >= bounds.front()) stems.emplace_back(t->name, t->wdf);
  p.merge_terms(tier_terms(stems));
}

bool ImpactTiers::rewrite(Xapian::Document& xd) const {
  const auto before = tier_terms_of(xd);
  for (const auto& [term, wdf] : before) xd.remove_term(term);
  add_to(xd);
  return before != tier_terms_of(xd);
}

}  // namespace scrutiny
