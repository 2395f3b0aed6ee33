#include "scrutiny/query.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "query_text.h"
#include "scrutiny/prefix_terms.h"
#include "scrutiny/schema.h"
#include "scrutiny/synonym_terms.h"
#include "scrutiny/synonyms.h"

namespace scrutiny {
namespace {

// Metadata vocabularies (THEMES.md, a public contract).
const std::vector<std::string> kTypes = {"ofsted_report", "committee_report", "minutes",
                                         "agenda", "press_release", "other"};
const std::vector<std::string> kJudgements = {"outstanding", "good", "requires_improvement",
                                              "inadequate"};
const std::vector<std::string> kVisits = {"full_inspection", "monitoring_visit", "focused_visit",
                                          "jtai"};
const std::vector<std::string> kPolarities = {"strength", "concern", "neutral"};
const std::vector<std::string> kFrameworks = {"sif", "ilacs", "ilacs_2026"};
const std::vector<std::string> kAreas = {"leaders", "help_and_protection", "in_care",
                                         "care_leavers"};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// "unknown theme 'workforse' (did you mean workforce?)"
Error unknown_value(const std::string& what, const std::string& value,
                    const std::vector<std::string>& valid) {
  if (valid.empty()) return Error{"unknown " + what + " '" + value + "' (the index has none)"};
  auto near = nearest(value, valid);
  if (!near.empty()) return Error{"unknown " + what + " '" + value + "' (did you mean " + join(near, " or ") + "?)"};
  return Error{"unknown " + what + " '" + value + "' (valid: " + join(valid) + ")"};
}

// Ok for a theme id the search may use: one of ctx.theme_ids (the
// taxonomy), or without them one the index holds. A lookup, not a list of
// the index's themes: that is built only for the error message.
Status check_theme(const Xapian::Database& db, const QueryContext& ctx, const std::string& id,
                   const std::string& as_typed) {
  const bool known = ctx.theme_ids.empty()
                         ? db.term_exists(schema::term(schema::kTheme, id))
                         : std::find(ctx.theme_ids.begin(), ctx.theme_ids.end(), id) != ctx.theme_ids.end();
  if (known) return Status::Ok();
  return unknown_value("theme", as_typed, ctx.theme_ids.empty() ? index_theme_ids(db) : ctx.theme_ids);
}

bool is_year(const std::string& s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// A boolean field: lower-cases (or slugs) the value and adds the prefix.
class TermField : public Xapian::FieldProcessor {
 public:
  TermField(std::string prefix, bool slug) : prefix_(std::move(prefix)), slug_(slug) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::term(prefix_, slug_ ? schema::slug(value) : lower(value)));
  }

 private:
  std::string prefix_;
  bool slug_;
};

// date:2021-03-08 -> D20210308, date:2021-03 -> M202103, date:2021 -> Y2021.
class DateField : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    auto start = date_bound(value, false);
    if (!start) return Xapian::Query(schema::term(schema::kDate, "invalid"));
    if (value.size() == 4) return Xapian::Query(schema::term(schema::kYear, value));
    if (value.size() == 7) return Xapian::Query(schema::term(schema::kMonth, start->substr(0, 6)));
    return Xapian::Query(schema::term(schema::kDate, *start));
  }
};

// OR of the queries; none matches nothing (an empty Query would be dropped
// from an AND, widening it).
Xapian::Query any_of(const std::vector<Xapian::Query>& qs) {
  if (qs.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

// Passages dated lo..hi ("YYYYMMDD", inclusive; "" leaves that end open), as
// an OR of the index's month terms (M, months wholly inside) and day terms
// (D, for the months an end cuts). These are the posting lists of the matching
// passages alone; a value range on the date slot reads the date of every
// passage in the index (a three-year themes table on 1M passages: 65 ms).
// Only fully dated passages carry M and D terms, as only they have a date
// value: the same passages match either way.
Xapian::Query date_span(const Xapian::Database& db, const std::string& lo, const std::string& hi) {
  const std::string month_prefix(schema::kMonth), day_prefix(schema::kDate);
  auto within = [&](const std::string& day) { return (lo.empty() || day >= lo) && (hi.empty() || day <= hi); };
  std::vector<Xapian::Query> terms;
  for (const std::string& m : terms_with_prefix(db, month_prefix)) {
    const std::string month = m.substr(month_prefix.size());  // YYYYMM
    if (month.size() != 6) continue;
    const std::string first = month + "01", last = month + "31";
    if ((!hi.empty() && first > hi) || (!lo.empty() && last < lo)) continue;
    if (within(first) && within(last)) {
      terms.emplace_back(m);
      continue;
    }
    const std::string days = day_prefix + month;
    for (auto d = db.allterms_begin(days); d != db.allterms_end(days); ++d)
      if (within((*d).substr(day_prefix.size()))) terms.emplace_back(*d);
  }
  return any_of(terms);
}

// Passages of the years begin..end ("YYYY", inclusive; "" leaves that end
// open), as an OR of the index's Y terms in the range, for the reason
// date_span gives.
Xapian::Query year_span(const Xapian::Database& db, const std::string& begin, const std::string& end) {
  const std::string prefix(schema::kYear);
  std::vector<Xapian::Query> terms;
  for (const std::string& y : terms_with_prefix(db, prefix)) {
    const std::string year = y.substr(prefix.size());
    if (year.size() == 4 && (begin.empty() || year >= begin) && (end.empty() || year <= end)) terms.emplace_back(y);
  }
  return any_of(terms);
}

// year:A..B; either end may be open.
class YearRange : public Xapian::RangeProcessor {
 public:
  explicit YearRange(const Xapian::Database& db) : Xapian::RangeProcessor(schema::kSlotYear, "year:"), db_(db) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    if ((!begin.empty() && !is_year(begin)) || (!end.empty() && !is_year(end)))
      return Xapian::Query(Xapian::Query::OP_INVALID);
    return year_span(db_, begin, end);
  }

 private:
  const Xapian::Database& db_;
};

// date:A..B; either end may be open.
class DateRange : public Xapian::RangeProcessor {
 public:
  explicit DateRange(const Xapian::Database& db) : Xapian::RangeProcessor(schema::kSlotDate, "date:"), db_(db) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    auto b = begin.empty() ? std::optional<std::string>("") : date_bound(begin, false);
    auto e = end.empty() ? std::optional<std::string>("") : date_bound(end, true);
    if (!b || !e) return Xapian::Query(Xapian::Query::OP_INVALID);
    return date_span(db_, *b, *e);
  }

 private:
  const Xapian::Database& db_;
};

// Stemming and stop words as for indexed text; shared by every parser.
void configure_words(Xapian::QueryParser& qp) {
  static const Xapian::SimpleStopper* stopper = [] {
    auto* s = new Xapian::SimpleStopper;  // lives for the process; parsers share it
    for (const char* w : {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in",
                          "is", "it", "of", "on", "or", "that", "the", "to", "was", "were", "with"})
      s->add(w);
    return s;
  }();
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_stopper(stopper);
  qp.set_default_op(Xapian::Query::OP_AND);
}

// scrutinysynonyms:N (expand_synonyms with as_field) -> group N: its XSYN
// concept term when the index's were built from these synonyms (one posting
// list, synonym_terms.h), else OP_SYNONYM of its entries, several words as a
// phrase.
class SynonymGroupField : public Xapian::FieldProcessor {
 public:
  SynonymGroupField(const Synonyms& synonyms, bool concept_terms)
      : synonyms_(synonyms), concept_terms_(concept_terms) {}
  Xapian::Query operator()(const std::string& value) override {
    const auto& groups = synonyms_.groups();
    const size_t n = static_cast<size_t>(std::stoul(value));
    if (n >= groups.size()) return Xapian::Query();
    if (concept_terms_) return Xapian::Query(synonym_term(synonyms_, n));
    Xapian::QueryParser qp;
    configure_words(qp);
    std::vector<Xapian::Query> entries;
    for (const auto& e : groups[n])
      entries.push_back(qp.parse_query(e.find(' ') == std::string::npos ? e : "\"" + e + "\"",
                                       Xapian::QueryParser::FLAG_PHRASE));
    return Xapian::Query(Xapian::Query::OP_SYNONYM, entries.begin(), entries.end());
  }

 private:
  const Synonyms& synonyms_;
  const bool concept_terms_;
};

// scrutinyentry:G.E (quoted_entries_as_fields) -> the XSYNE term of entry E
// of group G: the quoted phrase's passages from one posting list.
class SynonymEntryField : public Xapian::FieldProcessor {
 public:
  explicit SynonymEntryField(const Synonyms& synonyms) : synonyms_(synonyms) {}
  Xapian::Query operator()(const std::string& value) override {
    const size_t dot = value.find('.');
    const size_t g = static_cast<size_t>(std::stoul(value.substr(0, dot)));
    const size_t e = static_cast<size_t>(std::stoul(value.substr(dot + 1)));
    return Xapian::Query(synonym_entry_term(synonyms_.groups().at(g).at(e)));
  }

 private:
  const Synonyms& synonyms_;
};

// True when `q` excludes passages somewhere (NOT, -word, XOR): then matching
// more inside it can mean matching less overall.
bool has_negation(const Xapian::Query& q) {
  const auto op = q.get_type();
  if (op == Xapian::Query::OP_AND_NOT || op == Xapian::Query::OP_XOR) return true;
  for (size_t i = 0; i < q.get_num_subqueries(); ++i)
    if (has_negation(q.get_subquery(i))) return true;
  return false;
}

// The typed query OR its synonym expansion (scaled down). Without negation
// the expansion matches every passage the typed words match (each group
// stands for the entry typed), so OR equals AND_MAYBE(expansion, typed):
// same matches, same weights, but the typed words' phrase checks run only on
// passages the expansion already matched, not on every passage holding
// "children", "in" and "care" (1M passages: see docs/benchmarks.md).
Xapian::Query typed_or_expanded(const Xapian::Query& typed, const Xapian::Query& expansion, double weight) {
  Xapian::Query scaled(Xapian::Query::OP_SCALE_WEIGHT, expansion, weight);
  if (has_negation(typed) || has_negation(expansion)) return Xapian::Query(Xapian::Query::OP_OR, typed, scaled);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, scaled, typed);
}

void configure(Xapian::QueryParser& qp, const Xapian::Database& db) {
  qp.set_database(db);
  configure_words(qp);
  auto field = [&](const char* name, std::string prefix, bool slug = false) {
    qp.add_boolean_prefix(name, (new TermField(std::move(prefix), slug))->release());
  };
  field("theme", std::string(schema::kTheme));
  field("year", std::string(schema::kYear));
  field("type", std::string(schema::kType));
  field("body", std::string(schema::kBody), true);
  field("authority", std::string(schema::kAuthority), true);
  field("judgement", std::string(schema::kJudgement));
  field("visit", std::string(schema::kVisit));
  field("polarity", std::string(schema::kPolarity));
  field("framework", std::string(schema::kFramework));
  for (const auto& area : kAreas) {
    std::string upper_area;
    for (char c : area) upper_area += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    field(area.c_str(), std::string(schema::kAreaJudgement) + upper_area + ":");
  }
  qp.add_boolean_prefix("date", (new DateField)->release());
  qp.add_prefix("title", std::string(schema::kTitle));
  qp.add_prefix("section", std::string(schema::kSection));
  qp.add_rangeprocessor((new YearRange(db))->release());
  qp.add_rangeprocessor((new DateRange(db))->release());
}

// Weight of a synonym-expanded match relative to the typed words (docs/query.md).
constexpr double kSynonymWeight = 0.5;
constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD;

// Checks one "name:value" of the query.
Status check_field(const Xapian::Database& db, const QueryContext& ctx, const PrefixedWord& w) {
  static const std::set<std::string> kFree = {"body", "authority", "title", "section"};
  const std::string name = lower(w.name);
  const std::string value = w.value;
  if (kFree.count(name)) return Status::Ok();
  if (name == "year" || name == "date") {
    auto dots = value.find("..");
    if (dots == std::string::npos) {
      if (name == "year" ? !is_year(value) : !date_bound(value, false))
        return Error{"malformed " + name + " '" + value + "' (use " +
                     (name == "year" ? "year:2021 or year:2020..2023" : "date:2021-03-08 or date:2021-01-01..2021-12-31") + ")"};
      return Status::Ok();
    }
    const std::string a = value.substr(0, dots), b = value.substr(dots + 2);
    auto lo = a.empty() ? std::optional<std::string>("") : date_bound(a, false);
    auto hi = b.empty() ? std::optional<std::string>("") : date_bound(b, true);
    bool malformed = !lo || !hi || (a.empty() && b.empty()) ||
                     (name == "year" && ((!a.empty() && !is_year(a)) || (!b.empty() && !is_year(b))));
    if (malformed) return Error{"malformed " + name + " range '" + value + "'"};
    if (!lo->empty() && !hi->empty() && *lo > *hi)
      return Error{"reversed " + name + " range '" + value + "' (the start is after the end)"};
    return Status::Ok();
  }
  if (value.find('*') != std::string::npos) return Status::Ok();
  const std::string v = lower(value);
  auto check = [&](const std::string& what, const std::vector<std::string>& valid) -> Status {
    if (std::find(valid.begin(), valid.end(), v) != valid.end()) return Status::Ok();
    return unknown_value(what, value, valid);
  };
  if (name == "theme") return check_theme(db, ctx, v, value);
  if (name == "type") return check("type", kTypes);
  if (name == "judgement") return check("judgement", kJudgements);
  if (name == "visit") return check("visit", kVisits);
  if (name == "polarity") return check("polarity", kPolarities);
  if (name == "framework") return check("framework", kFrameworks);
  if (std::find(kAreas.begin(), kAreas.end(), name) != kAreas.end()) return check("judgement", kJudgements);
  std::vector<std::string> known = {"theme", "year", "date", "type", "body", "authority", "judgement",
                                    "visit", "polarity", "framework", "title", "section"};
  known.insert(known.end(), kAreas.begin(), kAreas.end());
  auto near = nearest(name, known, 1);
  return Error{"unknown prefix '" + w.name + ":'" +
               (near.empty() ? std::string(" (known: " + join(known) + ")") : " (did you mean " + near[0] + ":?)")};
}

}  // namespace

bool Filters::empty() const {
  return themes.empty() && !year_from && !year_to && from.empty() && to.empty() && type.empty() && body.empty() &&
         polarity.empty() && authority.empty() && judgement.empty() && visit.empty();
}

std::optional<std::string> date_bound(const std::string& text, bool end) {
  auto digits = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
  };
  std::string y, m, d;
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {  // UK dd/mm/yyyy
    d = text.substr(0, 2), m = text.substr(3, 2), y = text.substr(6);
  } else if (text.size() == 4) {
    y = text;
  } else if (text.size() == 7 && text[4] == '-') {
    y = text.substr(0, 4), m = text.substr(5, 2);
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  } else {
    return std::nullopt;
  }
  if (!digits(y) || (!m.empty() && !digits(m)) || (!d.empty() && !digits(d))) return std::nullopt;
  const int year = std::stoi(y);
  const int month = m.empty() ? (end ? 12 : 1) : std::stoi(m);
  if (month < 1 || month > 12) return std::nullopt;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int days = kDays[month - 1];
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) days = 29;
  const int day = d.empty() ? (end ? days : 1) : std::stoi(d);
  if (day < 1 || day > days) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return std::string(buf);
}

std::vector<std::string> index_theme_ids(const Xapian::Database& db) {
  std::vector<std::string> ids;
  const std::string prefix(schema::kTheme);
  for (const std::string& t : terms_with_prefix(db, prefix)) ids.push_back(t.substr(prefix.size()));
  return ids;
}

std::vector<std::string> nearest(const std::string& word, const std::vector<std::string>& candidates,
                                 size_t n) {
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diag = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diag = up;
      }
    }
    return row[b.size()];
  };
  const std::string w = lower(word);
  const size_t limit = std::max<size_t>(2, w.size() / 3);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& c : candidates) {
    size_t d = distance(w, c);
    // Also accept a candidate that starts with the word ("work" -> workforce).
    if (d <= limit || (w.size() >= 3 && c.rfind(w, 0) == 0)) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].second);
  return out;
}

Result<Xapian::Query> filter_query(const Xapian::Database& db, const Filters& f, const QueryContext& ctx) {
  std::vector<Xapian::Query> parts;
  auto vocabulary = [&](const std::string& what, const std::string& value, const std::vector<std::string>& valid,
                        std::string_view prefix) -> Status {
    if (value.empty()) return Status::Ok();
    const std::string v = lower(value);
    if (std::find(valid.begin(), valid.end(), v) == valid.end()) return unknown_value(what, value, valid);
    parts.emplace_back(schema::term(prefix, v));
    return Status::Ok();
  };
  if (!f.themes.empty()) {
    std::vector<Xapian::Query> themes;
    for (const auto& t : f.themes) {
      const std::string v = lower(t);
      if (auto s = check_theme(db, ctx, v, t); !s) return Error{s.error()};
      themes.emplace_back(schema::term(schema::kTheme, v));
    }
    parts.push_back(any_of(themes));
  }
  if (f.year_from || f.year_to) {
    for (const auto& y : {f.year_from, f.year_to})
      if (y && (*y < 1000 || *y > 9999)) return Error{"malformed year " + std::to_string(*y) + " (use four digits)"};
    if (f.year_from && f.year_to && *f.year_from > *f.year_to)
      return Error{"reversed year range: " + std::to_string(*f.year_from) + " is after " + std::to_string(*f.year_to)};
    auto bound = [](const std::optional<int>& y) { return y ? std::to_string(*y) : std::string(); };
    parts.push_back(year_span(db, bound(f.year_from), bound(f.year_to)));
  }
  if (!f.from.empty() || !f.to.empty()) {
    auto lo = f.from.empty() ? std::optional<std::string>("") : date_bound(f.from, false);
    auto hi = f.to.empty() ? std::optional<std::string>("") : date_bound(f.to, true);
    if (!lo) return Error{"malformed --from date '" + f.from + "' (use 2021-03-08, 2021-03 or 2021)"};
    if (!hi) return Error{"malformed --to date '" + f.to + "' (use 2021-03-08, 2021-03 or 2021)"};
    if (!lo->empty() && !hi->empty() && *lo > *hi)
      return Error{"reversed date range: --from " + f.from + " is after --to " + f.to};
    parts.push_back(date_span(db, *lo, *hi));
  }
  if (auto s = vocabulary("type", f.type, kTypes, schema::kType); !s) return Error{s.error()};
  if (auto s = vocabulary("polarity", f.polarity, kPolarities, schema::kPolarity); !s) return Error{s.error()};
  if (auto s = vocabulary("judgement", f.judgement, kJudgements, schema::kJudgement); !s) return Error{s.error()};
  if (auto s = vocabulary("visit", f.visit, kVisits, schema::kVisit); !s) return Error{s.error()};
  if (!f.body.empty()) parts.emplace_back(schema::term(schema::kBody, schema::slug(f.body)));
  if (!f.authority.empty()) parts.emplace_back(schema::term(schema::kAuthority, schema::slug(f.authority)));
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

bool synonym_terms_current(const Xapian::Database& db, const Synonyms& synonyms) {
  const std::string stored = db.get_metadata(std::string(schema::kSynonymsKey));
  return !stored.empty() && stored == concept_terms_fingerprint(synonyms);
}

namespace {

struct SynonymQueries {
  Xapian::Query query;      // what to match
  Xapian::Query highlight;  // the same with words, not concept terms, for snippets
};

// The typed query `typed` (parsed from `text`) with its synonym groups. The
// words the user typed outrank their synonyms: a passage saying "care
// leavers" comes before one saying only "care experienced". With the index's
// concept terms current, groups and quoted entries are searched as their
// XSYN/XSYNE terms; otherwise groups expand into their entries.
SynonymQueries with_synonyms(const Xapian::Database& db, const std::string& text, const Xapian::Query& typed,
                             const Synonyms& synonyms, bool allow_concept_terms) {
  const std::string expanded = expand_synonyms(text, synonyms, true);
  if (expanded == text) return {typed, typed};
  auto expansion = [&](bool concept_terms) {
    Xapian::QueryParser qp;
    configure(qp, db);
    qp.add_prefix(kSynonymField, (new SynonymGroupField(synonyms, concept_terms))->release());
    return qp.parse_query(expanded, kParseFlags);
  };
  SynonymQueries out;
  try {
    out.highlight = typed_or_expanded(typed, expansion(false), kSynonymWeight);
  } catch (const Xapian::UnimplementedError&) {
    // NEAR and ADJ take single terms in Xapian 1.4; a group (phrases, or a
    // concept term without positions) cannot be one, so search as typed.
    return {typed, typed};
  }
  if (!allow_concept_terms || !synonym_terms_current(db, synonyms)) {
    out.query = out.highlight;
    return out;
  }
  Xapian::QueryParser qp;
  configure(qp, db);
  qp.add_prefix(kSynonymEntryField, (new SynonymEntryField(synonyms))->release());
  const Xapian::Query typed_terms = qp.parse_query(quoted_entries_as_fields(text, synonyms), kParseFlags);
  out.query = typed_or_expanded(typed_terms, expansion(true), kSynonymWeight);
  return out;
}

}  // namespace

Result<ParsedQuery> parse_query(const Xapian::Database& db, const std::string& query_text,
                                const Filters& filters, const QueryContext& ctx) {
  const std::string folded = fold_query_text(query_text);
  const std::string text = unpositioned_fields_as_words(folded);
  auto scan = scan_query(text);
  if (!scan) return Error{scan.error()};
  for (const auto& w : scan->prefixed)
    if (auto s = check_field(db, ctx, w); !s) return Error{s.error()};
  auto filter = filter_query(db, filters, ctx);
  if (!filter) return Error{filter.error()};

  ParsedQuery out;
  if (scan->blank) {
    if (filters.empty()) return Error{"empty query (give search words, or a filter such as --theme workforce)"};
    out.match_all = true;
    out.query = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter.value());
    return out;
  }
  try {
    Xapian::QueryParser qp;
    configure(qp, db);
    Xapian::Query q = qp.parse_query(text, kParseFlags);
    out.highlight = q;
    if (ctx.synonyms) {
      auto synonyms = with_synonyms(db, text, q, *ctx.synonyms, ctx.concept_terms);
      q = synonyms.query;
      out.highlight = synonyms.highlight;
    }
    if (ctx.spelling) out.spelling_suggestion = spelling_correction(folded, db, ctx.synonyms);  // as typed
    out.query = filter->empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter.value());
    return out;
  } catch (const Xapian::QueryParserError& e) {
    return Error{"cannot parse '" + query_text + "': " + e.get_msg()};
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // spelling and synonyms read the index: the caller reopens it
  } catch (const Xapian::Error& e) {
    return Error{"cannot parse '" + query_text + "': " + e.get_type() + ": " + e.get_msg()};
  }
}

Result<Xapian::Query> build_query(const Xapian::Database& db, const std::string& query_text,
                                  const Filters& filters) {
  QueryContext ctx;
  ctx.synonyms = &Synonyms::default_set();
  ctx.spelling = false;
  auto parsed = parse_query(db, query_text, filters, ctx);
  if (!parsed) return Error{parsed.error()};
  return parsed->query;
}

}  // namespace scrutiny
