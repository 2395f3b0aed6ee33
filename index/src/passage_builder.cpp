#include "scrutiny/passage_builder.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>
#include <unordered_map>

#include "scrutiny/passage_tags.h"
#include "scrutiny/schema.h"

namespace scrutiny {
namespace {

// "2021-09-07" -> "20210907"; "" when the date is not ISO.
std::string compact_date(const std::optional<std::string>& iso) {
  if (!iso || iso->size() < 10) return "";
  std::string out = iso->substr(0, 4) + iso->substr(5, 2) + iso->substr(8, 2);
  for (char c : out)
    if (!std::isdigit(static_cast<unsigned char>(c))) return "";
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void add_term(std::vector<BuiltTerm>& terms, std::string_view prefix, std::string_view value) {
  if (!value.empty()) terms.push_back({schema::term(prefix, value), 0, {}});
}

// Per-area Ofsted grades: XJLEADERS:good ... (schema.h kAreaJudgement).
void add_area_judgements(std::vector<BuiltTerm>& terms, const Judgements& j) {
  auto add = [&](const char* area, const std::optional<std::string>& grade) {
    if (grade) add_term(terms, std::string(schema::kAreaJudgement) + upper(area) + ":", *grade);
  };
  add("leaders", j.leaders);
  add("help_and_protection", j.help_and_protection);
  add("in_care", j.in_care);
  add("care_leavers", j.care_leavers);
  // Pre-2023 reports grade care leavers together with children in care.
  if (j.in_care_includes_care_leavers && !j.care_leavers) add("care_leavers", j.in_care);
}

// The boolean filter terms every passage of `doc` carries.
void add_document_terms(std::vector<BuiltTerm>& terms, const Document& doc, const std::string& date) {
  add_term(terms, schema::kDocId, doc.doc_id);
  add_term(terms, schema::kSourcePath, doc.source);
  if (date.size() == 8) {
    add_term(terms, schema::kDate, date);
    add_term(terms, schema::kMonth, date.substr(0, 6));
  }
  if (doc.year) add_term(terms, schema::kYear, std::to_string(*doc.year));
  add_term(terms, schema::kFormat, doc.format);
  add_term(terms, schema::kType, doc.type);
  add_term(terms, schema::kBody, schema::slug(doc.body));
  add_term(terms, schema::kAuthority, schema::slug(doc.authority));
  add_term(terms, schema::kJudgement, doc.judgement);
  add_term(terms, schema::kVisit, doc.visit);
  add_term(terms, schema::kFramework, doc.framework);
  add_area_judgements(terms, doc.judgements);
}

void add_values(BuiltPassage& out, const Document& doc, const Passage& p, size_t index,
                const std::string& date) {
  auto& values = out.values;
  if (!date.empty()) values.emplace_back(schema::kSlotDate, date);
  if (doc.year) values.emplace_back(schema::kSlotYear, Xapian::sortable_serialise(*doc.year));
  values.emplace_back(schema::kSlotPage, Xapian::sortable_serialise(p.page));
  values.emplace_back(schema::kSlotDocId, schema::collapse_key(doc.doc_id));
  schema::FacetFields f;
  if (doc.year) f.year = std::to_string(*doc.year);
  f.type = doc.type;
  f.body = doc.body;
  f.polarity = to_string(p.polarity);
  f.authority = doc.authority;
  f.judgement = doc.judgement;
  f.themes = joined_themes(p.themes);
  values.emplace_back(schema::kSlotFacets, schema::pack_facets(f));
  values.emplace_back(schema::kSlotPassageIndex, Xapian::sortable_serialise(static_cast<double>(index)));
}

std::string unique_term(const std::string& doc_id, size_t index) {
  return schema::term(schema::kUniqueId, doc_id + "-" + std::to_string(index));
}

// The English stemmer behind a cache. TermGenerator stems every occurrence of
// every word, and a report's words repeat: Snowball was 4 % of the worker's
// CPU on the Ofsted reports. Same stems; bounded, as a worker may see
// hundreds of files of names and numbers before it is recycled.
class CachedEnglishStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    if (auto it = cache_.find(word); it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxWords) cache_.clear();
    return cache_.emplace(word, stem_(word)).first->second;
  }
  std::string get_description() const override { return "english, cached"; }

 private:
  static constexpr size_t kMaxWords = 200000;
  Xapian::Stem stem_{"english"};
  std::unordered_map<std::string, std::string> cache_;
};

std::unique_ptr<Xapian::TermGenerator> make_term_generator() {
  auto indexer = std::make_unique<Xapian::TermGenerator>();
  indexer->set_stemmer(Xapian::Stem(new CachedEnglishStem));
  indexer->set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return indexer;
}

}  // namespace

PassageBuilder::PassageBuilder(const Synonyms& synonyms, std::optional<LengthNorm> norm,
                               std::optional<ImpactTiers> tiers)
    : indexer_(make_term_generator()),
      synonyms_(std::make_unique<SynonymTagger>(synonyms)),
      norm_(norm),
      tiers_(std::move(tiers)) {}

// Xapian::TermGenerator copies share their state: a copy gets a new one.
PassageBuilder::PassageBuilder(const PassageBuilder& other)
    : indexer_(make_term_generator()),
      synonyms_(std::make_unique<SynonymTagger>(*other.synonyms_)),
      norm_(other.norm_),
      tiers_(other.tiers_) {}

std::vector<BuiltPassage> PassageBuilder::build(const Document& doc) {
  const std::string date = compact_date(doc.date);
  // Title words only under S: unprefixed, they would make every passage of
  // a document match its title words and inflate per-passage counts.
  // Neither title nor section words keep positions (schema.h).
  DocumentTerms shared{terms_without_positions(doc.title, schema::kTitle), {}, {}};
  add_document_terms(shared.terms, doc, date);
  std::sort(shared.terms.begin(), shared.terms.end(), BuiltTerm::by_name);
  std::vector<BuiltPassage> out;
  out.reserve(doc.passages.size());
  for (size_t i = 0; i < doc.passages.size(); ++i) out.push_back(build_passage(doc, i, date, shared));
  return out;
}

std::vector<BuiltTerm> PassageBuilder::terms_without_positions(const std::string& text, std::string_view prefix) {
  if (text.empty()) return {};
  Xapian::Document scratch;
  indexer_->set_document(scratch);
  indexer_->index_text_without_positions(text, 1, std::string(prefix));
  return built_terms(scratch);
}

BuiltPassage PassageBuilder::build_passage(const Document& doc, size_t i, const std::string& date,
                                           DocumentTerms& shared) {
  const Passage& p = doc.passages[i];
  Xapian::Document xd;
  indexer_->set_document(xd);
  indexer_->index_text(p.text);
  synonyms_->tag(xd);  // before other terms: fewer to walk
  BuiltPassage out;
  out.terms = built_terms(xd);
  // Consecutive passages mostly share their section: its words are made once.
  if (p.section != shared.section) {
    shared.section = p.section;
    shared.section_terms = terms_without_positions(p.section, schema::kSection);
  }
  std::vector<BuiltTerm> own = shared.section_terms;
  for (const auto& t : p.themes) add_term(own, schema::kTheme, t);
  add_term(own, schema::kPolarity, to_string(p.polarity));
  if (p.boilerplate) own.push_back({std::string(schema::kBoilerplate), 0, {}});
  own.push_back({unique_term(doc.doc_id, i), 0, {}});
  std::sort(own.begin(), own.end(), BuiltTerm::by_name);
  // Sorted pieces merge in one pass (merge_terms sorts only what is not).
  std::vector<BuiltTerm> extra;
  extra.reserve(shared.terms.size() + own.size());
  std::merge(shared.terms.begin(), shared.terms.end(), std::make_move_iterator(own.begin()),
             std::make_move_iterator(own.end()), std::back_inserter(extra), BuiltTerm::by_name);
  out.merge_terms(std::move(extra));
  add_values(out, doc, p, i, date);
  if (norm_) normalise_wdfs(out, *norm_);  // last: every term is in
  if (tiers_) tiers_->add_to(out);         // from the normalised wdfs
  out.data = passage_data(doc, p, i);
  return out;
}

}  // namespace scrutiny
