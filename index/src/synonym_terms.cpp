#include "scrutiny/synonym_terms.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "scrutiny/length_norm.h"
#include "scrutiny/schema.h"

namespace scrutiny {
namespace {

// The index terms of `entry` in order, tokenised as passage text is
// ("multi-agency" is two terms, "children's" one).
std::vector<std::string> entry_terms(const std::string& entry) {
  Xapian::TermGenerator generator;
  Xapian::Document d;
  generator.set_document(d);
  generator.index_text(entry);
  std::vector<std::pair<Xapian::termpos, std::string>> at;
  for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t)
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at.emplace_back(*p, *t);
  std::sort(at.begin(), at.end());
  std::vector<std::string> out;
  for (auto& [pos, term] : at) out.push_back(std::move(term));
  return out;
}

// How often the words occur in order, one after another.
Xapian::termcount phrase_count(const std::vector<std::vector<Xapian::termpos>>& words) {
  Xapian::termcount n = 0;
  for (Xapian::termpos first : words[0]) {
    bool all = true;
    for (size_t k = 1; k < words.size() && all; ++k)
      all = std::binary_search(words[k].begin(), words[k].end(), first + static_cast<Xapian::termpos>(k));
    if (all) ++n;
  }
  return n;
}

// `prefix` + `key` with '_' for spaces.
std::string concept_term(std::string_view prefix, std::string key) {
  std::replace(key.begin(), key.end(), ' ', '_');
  return schema::term(prefix, key);
}

}  // namespace

std::string synonym_term(const Synonyms& synonyms, size_t group) {
  return concept_term(schema::kSynonym, synonyms.groups().at(group).front());
}

std::string synonym_entry_term(const std::string& entry) {
  return entry_terms(entry).size() < 2 ? "" : concept_term(schema::kSynonymEntry, entry);
}

// Scheme 2: group terms plus XSYNE phrase-entry terms.
std::string concept_terms_fingerprint(const Synonyms& synonyms) { return "2:" + synonyms.fingerprint(); }

SynonymTagger::SynonymTagger(const Synonyms& synonyms) : fingerprint_(concept_terms_fingerprint(synonyms)) {
  const Xapian::Stem stem("english");
  for (size_t g = 0; g < synonyms.groups().size(); ++g) {
    group_terms_.push_back(synonym_term(synonyms, g));
    for (const auto& entry : synonyms.groups()[g]) {
      const std::vector<std::string> terms = entry_terms(entry);
      if (terms.empty()) continue;
      const size_t id = entries_.size();
      entries_.push_back({g, terms, terms.size() > 1 ? concept_term(schema::kSynonymEntry, entry) : ""});
      for (size_t w = 0; w < terms.size(); ++w) uses_[terms[w]].push_back({id, w});
      // One word also matches by its stem, as the query parser's does.
      if (terms.size() == 1) uses_["Z" + stem(terms[0])].push_back({id, 0});
    }
  }
}

bool SynonymTagger::tag(Xapian::Document& xd, double wdf_factor) const {
  const std::string_view prefix = schema::kSynonym;
  std::map<std::string, Xapian::termcount> before, after;
  std::vector<Xapian::termcount> single(entries_.size(), 0);
  std::vector<size_t> words_present(entries_.size(), 0);
  // First the terms alone: positions are read only for phrase entries whose
  // every word is present ("in" and "children" are in most passages, and
  // reading their positions dominated a retag of 1M passages).
  for (auto t = xd.termlist_begin(); t != xd.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.compare(0, prefix.size(), prefix) == 0) {
      before[term] = t.get_wdf();
      continue;
    }
    auto u = uses_.find(term);
    if (u == uses_.end()) continue;
    for (const Use& use : u->second) {
      if (entries_[use.entry].phrase()) {
        ++words_present[use.entry];
      } else {
        // The word's own term and its stem count the same occurrences.
        single[use.entry] = std::max(single[use.entry], unscaled_wdf(t.get_wdf(), wdf_factor));
      }
    }
  }
  for (size_t i = 0; i < entries_.size(); ++i)
    if (single[i]) after[group_terms_[entries_[i].group]] += single[i];
  for (const auto& [id, n] : phrase_counts(xd, words_present)) {
    after[group_terms_[entries_[id].group]] += n;
    after[entries_[id].term] += n;
  }
  for (auto& [term, n] : after) n = scaled_wdf(n, wdf_factor);
  if (before == after) return false;
  for (const auto& [term, wdf] : before) xd.remove_term(term);
  for (const auto& [term, wdf] : after) xd.add_term(term, wdf);
  return true;
}

std::map<size_t, Xapian::termcount> SynonymTagger::phrase_counts(const Xapian::Document& xd,
                                                                  const std::vector<size_t>& words_present) const {
  std::map<size_t, std::vector<std::vector<Xapian::termpos>>> phrases;  // entry -> word -> positions
  std::set<std::string> needed;
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].phrase() && words_present[i] == entries_[i].terms.size()) {
      phrases[i].resize(entries_[i].terms.size());
      needed.insert(entries_[i].terms.begin(), entries_[i].terms.end());
    }
  std::map<size_t, Xapian::termcount> out;
  if (needed.empty()) return out;
  auto t = xd.termlist_begin();
  for (const std::string& term : needed) {  // sorted, as the termlist is
    t.skip_to(term);
    if (t == xd.termlist_end()) break;
    if (*t != term) continue;
    const std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
    for (const Use& use : uses_.at(term))
      if (auto p = phrases.find(use.entry); p != phrases.end()) p->second[use.word] = positions;
  }
  for (const auto& [id, words] : phrases)
    if (Xapian::termcount n = phrase_count(words)) out[id] = n;
  return out;
}

}  // namespace scrutiny
