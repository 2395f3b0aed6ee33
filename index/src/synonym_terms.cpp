#include "scrutiny/synonym_terms.h"

#include <algorithm>
#include <map>
#include <utility>

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

}  // namespace

std::string synonym_term(const Synonyms& synonyms, size_t group) {
  std::string key = synonyms.groups().at(group).front();
  std::replace(key.begin(), key.end(), ' ', '_');
  return schema::term(schema::kSynonym, key);
}

std::string synonym_entry_term(const std::string& entry) {
  if (entry_terms(entry).size() < 2) return "";
  std::string key = entry;
  std::replace(key.begin(), key.end(), ' ', '_');
  return schema::term(schema::kSynonymEntry, key);
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
      entries_.push_back({g, terms.size(), terms.size() > 1 ? synonym_entry_term(entry) : ""});
      for (size_t w = 0; w < terms.size(); ++w) uses_[terms[w]].push_back({id, w});
      // One word also matches by its stem, as the query parser's does.
      if (terms.size() == 1) uses_["Z" + stem(terms[0])].push_back({id, 0});
    }
  }
}

bool SynonymTagger::tag(Xapian::Document& xd) const {
  const std::string_view prefix = schema::kSynonym;
  std::map<std::string, Xapian::termcount> before, after;
  std::vector<Xapian::termcount> single(entries_.size(), 0);
  std::map<size_t, std::vector<std::vector<Xapian::termpos>>> phrases;  // entry -> word -> positions
  for (auto t = xd.termlist_begin(); t != xd.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.compare(0, prefix.size(), prefix) == 0) {
      before[term] = t.get_wdf();
      continue;
    }
    auto u = uses_.find(term);
    if (u == uses_.end()) continue;
    for (const Use& use : u->second) {
      const Entry& e = entries_[use.entry];
      if (e.words == 1) {
        // The word's own term and its stem count the same occurrences.
        single[use.entry] = std::max(single[use.entry], t.get_wdf());
        continue;
      }
      auto& words = phrases[use.entry];
      words.resize(e.words);
      words[use.word].assign(t.positionlist_begin(), t.positionlist_end());
    }
  }
  for (size_t i = 0; i < entries_.size(); ++i)
    if (single[i]) after[group_terms_[entries_[i].group]] += single[i];
  for (const auto& [id, words] : phrases) {
    if (std::any_of(words.begin(), words.end(), [](const auto& w) { return w.empty(); })) continue;
    if (Xapian::termcount n = phrase_count(words)) {
      after[group_terms_[entries_[id].group]] += n;
      after[entries_[id].term] += n;
    }
  }
  if (before == after) return false;
  for (const auto& [term, wdf] : before) xd.remove_term(term);
  for (const auto& [term, wdf] : after) xd.add_term(term, wdf);
  return true;
}

}  // namespace scrutiny
