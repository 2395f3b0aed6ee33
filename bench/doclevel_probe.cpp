// doclevel_probe: queries a passages-as-position-ranges index (one Xapian
// document per file, built by `index_profile --granularity ranges`, layout in
// passage_ranges.h) the way a document-level query/ would, beside a passage
// index of the same files (`index_profile --mode worker-built`, today's
// schema), to measure the design docs/benchmarks.md proposes before query/ is
// rewritten for it. For every query of the benchmark set it reports:
//   - matching passages in both indexes (the ranges index's found from
//     positions), so a wrong evaluator shows;
//   - top10: a ranked first pass over files (BM25 on each term's best
//     passage wdf, a bound on the file's best passage), files read in
//     batches (--batch, doubling), each one's best passage scored, until ten
//     passages beat every unread file's bound; the 10 read back (passage
//     JSON, docfields record);
//     and how many of those 10 passages the passage index scores at least
//     as high as its own 10th hit (ties are common);
//   - facets: every matching file's passages evaluated, and the matching
//     ones' year, type, polarity and themes counted;
//   - themes: the theme x year table (non-boilerplate passages, concerns),
//     checked cell by cell against build_themes_table on the passage index.
//
//   doclevel_probe --ranges DB --passages DB [--repeat N] [--batch N] [--queries FILE]
//                  [--max-files N]  (top10 reads at most N files: approximate past them; 0: no limit)
//                  [--each 1]   (each timed query's ms, kind, query and flags on stderr)
//                  [--near 0]   (first pass without the OP_NEAR same-passage restriction)
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "passage_ranges.h"
#include "query_set.h"
#include "scrutiny/facet_dictionary.h"
#include "scrutiny/length_norm.h"
#include "scrutiny/schema.h"
#include "scrutiny/search.h"
#include "scrutiny/synonyms.h"
#include "scrutiny/taxonomy.h"
#include "scrutiny/themes_table.h"

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Per passage of one file: does it match, and its score.
struct PassageScores {
  std::vector<char> hit;
  std::vector<double> score;
  explicit PassageScores(size_t n, bool all = false) : hit(n, all), score(n, 0.0) {}
};

// The scale factor of an OP_SCALE_WEIGHT query: Xapian 1.4 has no getter, but
// its description starts "Query(<factor> * ".
double scale_factor(const Xapian::Query& q) {
  const std::string d = q.get_description();
  return d.size() > 6 ? std::atof(d.c_str() + 6) : 1.0;
}

// The words of the index a Z stem stands for ("Zcaseload" -> "caseload",
// "caseloads"): the terms that start with the stem (less its last two
// letters) and stem to it, looked up once per stem.
class StemVariants {
 public:
  explicit StemVariants(const Xapian::Database& db) : db_(db), stem_("english") {}

  const std::vector<std::string>& of(const std::string& z_term) {
    auto [it, fresh] = cache_.try_emplace(z_term);
    if (!fresh) return it->second;
    size_t p = 1;
    while (p < z_term.size() && z_term[p] >= 'A' && z_term[p] <= 'Z') ++p;
    const std::string prefix = z_term.substr(1, p - 1), stem = z_term.substr(p);
    // Porter2 rewrites the last letters (qualiti, disabl for disabilities):
    // scan from two letters short.
    const std::string scan = prefix + stem.substr(0, std::max<size_t>(3, stem.size()) - 2);
    for (auto t = db_.allterms_begin(scan); t != db_.allterms_end(scan); ++t)
      if (stem_((*t).substr(prefix.size())) == stem) it->second.push_back(*t);
    return it->second;
  }

 private:
  const Xapian::Database& db_;
  Xapian::Stem stem_;
  std::map<std::string, std::vector<std::string>> cache_;
};

// Whether a file holds a term, and where: one posting cursor per term and
// query, moved forward, so files must be asked about in ascending docid
// order.
class FileTerms {
 public:
  explicit FileTerms(const Xapian::Database& db) : db_(db) {}

  bool holds(const std::string& term, Xapian::docid did) {
    auto it = cursors_.find(term);
    if (it == cursors_.end() || it->second.asked > did)
      it = cursors_.insert_or_assign(term, Cursor{db_.postlist_begin(term), 0}).first;
    Cursor& c = it->second;
    c.asked = did;
    c.at.skip_to(did);
    return c.at != db_.postlist_end(term) && *c.at == did;
  }

  // The term's positions in file `did`, read through its posting cursor:
  // Database::positionlist_begin(did, term) opens a B-tree cursor per call,
  // which cost the kernel more time than the probe spent itself.
  void positions(const std::string& term, Xapian::docid did, std::vector<Xapian::termpos>& out) {
    if (!holds(term, did)) return;
    const Xapian::PostingIterator& at = cursors_.find(term)->second.at;
    for (auto p = at.positionlist_begin(); p != at.positionlist_end(); ++p) out.push_back(*p);
  }

 private:
  struct Cursor {
    Xapian::PostingIterator at;
    Xapian::docid asked;
  };
  const Xapian::Database& db_;
  std::map<std::string, Cursor> cursors_;
};

// What one query's evaluations share.
struct QueryScratch {
  StemVariants variants;
  FileTerms file_terms;
  explicit QueryScratch(const Xapian::Database& db) : variants(db), file_terms(db) {}
};

// The terms of a query with positions in the ranges index, as an operand of
// OP_NEAR: words, passage tags, XSYN/XSYNE, section words, and a Z stem as
// the OR of its words; nullopt for anything else (file terms, title words).
std::optional<std::vector<Xapian::Query>> near_terms(const Xapian::Query& q, StemVariants& variants) {
  std::vector<Xapian::Query> out;
  if (q.get_type() == Xapian::Query::LEAF_TERM) {
    const std::string t = *q.get_terms_begin();
    if (t.empty() || bench::is_title_term(t)) return std::nullopt;
    if (bench::is_stem(t)) {
      if (t.size() > 1 && t[1] >= 'A' && t[1] <= 'Z') return std::nullopt;  // ZXSECT...: keep it simple
      for (const auto& w : variants.of(t)) out.emplace_back(w);
      if (out.empty()) return std::nullopt;
      return out;
    }
    const bool word = !(t[0] >= 'A' && t[0] <= 'Z');
    using namespace scrutiny::schema;
    if (word || bench::is_passage_tag(t) || bench::starts_with(t, kSynonym) || bench::starts_with(t, kSection)) return std::vector{q};
    return std::nullopt;
  }
  if (q.get_type() != Xapian::Query::OP_OR && q.get_type() != Xapian::Query::OP_SYNONYM) return std::nullopt;
  for (size_t k = 0; k < q.get_num_subqueries(); ++k) {
    const Xapian::Query sub = q.get_subquery(k);
    if (sub.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
    auto terms = near_terms(sub, variants);
    if (!terms) return std::nullopt;
    out.insert(out.end(), terms->begin(), terms->end());
  }
  return out;
}

// A boolean query every file with a matching passage matches: each AND's
// positional operands joined by OP_NEAR (kNearWindow), so Xapian's matcher,
// which reads positions through one cursor per term, drops the files that
// hold the words only in different passages. nullopt: no constraint to add.
std::optional<Xapian::Query> same_passage(const Xapian::Query& q, StemVariants& variants) {
  using Q = Xapian::Query;
  switch (q.get_type()) {
    case Q::OP_AND:
    case Q::OP_FILTER: {
      std::vector<Q> near, rest;
      for (size_t k = 0; k < q.get_num_subqueries(); ++k) {
        const Q sub = q.get_subquery(k);
        if (auto terms = near_terms(sub, variants)) {
          near.push_back(terms->size() == 1 ? terms->front() : Q(Q::OP_OR, terms->begin(), terms->end()));
        } else if (auto inner = same_passage(sub, variants)) {
          rest.push_back(*inner);
        }
      }
      if (near.size() >= 2) rest.push_back(Q(Q::OP_NEAR, near.begin(), near.end(), bench::kNearWindow));
      if (rest.empty()) return std::nullopt;
      return rest.size() == 1 ? rest.front() : Q(Q::OP_AND, rest.begin(), rest.end());
    }
    case Q::OP_OR: {
      std::vector<Q> each;
      for (size_t k = 0; k < q.get_num_subqueries(); ++k) {
        auto inner = same_passage(q.get_subquery(k), variants);
        if (!inner) return std::nullopt;  // one side unconstrained: the OR is
        each.push_back(*inner);
      }
      return Q(Q::OP_OR, each.begin(), each.end());
    }
    case Q::OP_SCALE_WEIGHT:
    case Q::OP_AND_MAYBE:
    case Q::OP_AND_NOT: return same_passage(q.get_subquery(0), variants);
    default: return std::nullopt;
  }
}

// Without the right side of each AND_NOT: a file may hold the excluded term
// in one passage and a match in another.
Xapian::Query without_nots(const Xapian::Query& q) {
  using Q = Xapian::Query;
  if (q.get_type() == Q::OP_AND_NOT) return without_nots(q.get_subquery(0));
  if (q.get_type() != Q::OP_AND && q.get_type() != Q::OP_OR && q.get_type() != Q::OP_FILTER && q.get_type() != Q::OP_AND_MAYBE)
    return q;
  std::vector<Q> subs;
  for (size_t k = 0; k < q.get_num_subqueries(); ++k) subs.push_back(without_nots(q.get_subquery(k)));
  return Q(static_cast<Q::op>(q.get_type()), subs.begin(), subs.end());
}

// The first pass over files: the query's weights (each term's best passage:
// a bound), restricted to files where its words meet in one passage.
Xapian::Query file_pass(const Xapian::Query& q, StemVariants& variants, bool near) {
  Xapian::Query relaxed = without_nots(q);
  if (!near) return relaxed;
  auto constraint = same_passage(q, variants);
  if (!constraint) return relaxed;
  return Xapian::Query(Xapian::Query::OP_AND, relaxed, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, *constraint, 0));
}

// Evaluates a parsed query passage by passage inside one file, from the
// position lists of its terms, scored as the passage index scores passages
// (BM25 on length-normalised wdfs) but with file counts for the idf.
class PassageEvaluator {
 public:
  PassageEvaluator(const Xapian::Database& db, const Xapian::Document& doc, QueryScratch& scratch)
      : db_(db), variants_(scratch.variants), file_terms_(scratch.file_terms), did_(doc.get_docid()), starts_(bench::decode_starts(doc.get_value(bench::kSlotStarts))),
        lengths_(bench::decode_lengths(doc.get_value(bench::kSlotLengths))),
        n_(starts_.empty() ? 0 : starts_.size() - 1) {}

  PassageScores eval(const Xapian::Query& q) {
    switch (q.get_type()) {
      case Xapian::Query::LEAF_MATCH_ALL: return PassageScores(n_, true);
      case Xapian::Query::LEAF_TERM: return term(*q.get_terms_begin());
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER:
      case Xapian::Query::OP_NEAR: return all_of(q);
      case Xapian::Query::OP_PHRASE: return phrase(q);
      case Xapian::Query::OP_AND_NOT: return but_not(q);
      case Xapian::Query::OP_AND_MAYBE: return maybe(q);
      case Xapian::Query::OP_SCALE_WEIGHT: {
        PassageScores s = eval(q.get_subquery(0));
        const double f = scale_factor(q);
        for (auto& x : s.score) x *= f;
        return s;
      }
      case Xapian::Query::LEAF_MATCH_NOTHING: return PassageScores(n_);
      case Xapian::Query::OP_SYNONYM: return synonym(q);
      default: return any_of(q);  // OR, SYNONYM, ELITE_SET, MAX, XOR (as OR)
    }
  }

  size_t passage_of(Xapian::termpos p) const {
    return static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), p) - starts_.begin()) - 1;
  }

 private:
  std::vector<Xapian::termpos> positions(const std::string& t) {
    std::vector<Xapian::termpos> out;
    for (const auto& word : bench::is_stem(t) ? variants_.of(t) : std::vector<std::string>{t})
      file_terms_.positions(word, did_, out);
    std::sort(out.begin(), out.end());
    return out;
  }

  double length(size_t i) const { return i < lengths_.size() ? lengths_[i] : 158.0; }

  PassageScores term(const std::string& t) {
    PassageScores s(n_);
    const auto pos = bench::is_title_term(t) ? std::vector<Xapian::termpos>{} : positions(t);
    // A term of the whole file (Y2021, XTYPE..., title words: every passage
    // of the passage index carries them), or absent.
    if (pos.empty() && (!bench::is_stem(t) || bench::is_title_term(t))) {
      if (file_terms_.holds(t, did_)) std::fill(s.hit.begin(), s.hit.end(), 1);
      return s;
    }
    std::vector<Xapian::termcount> wdf(n_, 0);
    for (auto p : pos) wdf[passage_of(p)] += 1;
    return weighed(wdf, db_.get_termfreq(t));
  }

  // Xapian's BM25Weight as the index's LengthNorm::weight() sets it (k1 in
  // scaled units, b = 0) on each passage's normalised wdf, with the file
  // counts Xapian's first pass uses: a passage never outscores its file.
  PassageScores weighed(const std::vector<Xapian::termcount>& wdf, double termfreq) const {
    PassageScores s(n_);
    double tw = (db_.get_doccount() - termfreq + 0.5) / (termfreq + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    const double k1 = norm_.scale, termweight = std::log(tw) * (k1 + 1);
    for (size_t i = 0; i < n_; ++i) {
      if (wdf[i] == 0) continue;
      const double w = scrutiny::scaled_wdf(wdf[i], norm_.factor(static_cast<Xapian::termcount>(length(i))));
      s.hit[i] = 1;
      s.score[i] = termweight * w / (k1 + w);
    }
    return s;
  }

  // Xapian weighs a synonym group as one term: its wdfs summed, its file
  // count estimated as an OR's.
  PassageScores synonym(const Xapian::Query& q) {
    std::vector<Xapian::termcount> wdf(n_, 0);
    double termfreq = 0, n_files = db_.get_doccount();
    for (size_t k = 0; k < q.get_num_subqueries(); ++k) {
      const Xapian::Query sub = q.get_subquery(k);
      if (sub.get_type() != Xapian::Query::LEAF_TERM) return any_of(q);
      const std::string t = *sub.get_terms_begin();
      for (auto p : positions(t)) wdf[passage_of(p)] += 1;
      const double tf = db_.get_termfreq(t);
      termfreq = termfreq + tf - termfreq * tf / n_files;
    }
    return weighed(wdf, std::round(termfreq));
  }

  PassageScores all_of(const Xapian::Query& q) {
    PassageScores s(n_, true);
    for (size_t k = 0; k < q.get_num_subqueries(); ++k) {
      const PassageScores sub = eval(q.get_subquery(k));
      const bool scored = !(q.get_type() == Xapian::Query::OP_FILTER && k > 0);
      for (size_t i = 0; i < n_; ++i) {
        s.hit[i] &= sub.hit[i];
        if (scored) s.score[i] += sub.score[i];
      }
    }
    return s;
  }

  PassageScores any_of(const Xapian::Query& q) {
    PassageScores s(n_);
    for (size_t k = 0; k < q.get_num_subqueries(); ++k) {
      const PassageScores sub = eval(q.get_subquery(k));
      for (size_t i = 0; i < n_; ++i) {
        s.hit[i] |= sub.hit[i];
        s.score[i] += sub.hit[i] ? sub.score[i] : 0;
      }
    }
    return s;
  }

  PassageScores but_not(const Xapian::Query& q) {
    PassageScores s = eval(q.get_subquery(0));
    for (size_t k = 1; k < q.get_num_subqueries(); ++k) {
      const PassageScores sub = eval(q.get_subquery(k));
      for (size_t i = 0; i < n_; ++i) s.hit[i] &= !sub.hit[i];
    }
    return s;
  }

  PassageScores maybe(const Xapian::Query& q) {
    PassageScores s = eval(q.get_subquery(0));
    for (size_t k = 1; k < q.get_num_subqueries(); ++k) {
      const PassageScores sub = eval(q.get_subquery(k));
      for (size_t i = 0; i < n_; ++i) s.score[i] += s.hit[i] && sub.hit[i] ? sub.score[i] : 0;
    }
    return s;
  }

  // Consecutive positions of leaf terms; any other subquery (wildcards) is
  // taken as AND.
  PassageScores phrase(const Xapian::Query& q) {
    std::vector<std::vector<Xapian::termpos>> lists;
    for (size_t k = 0; k < q.get_num_subqueries(); ++k) {
      const Xapian::Query sub = q.get_subquery(k);
      if (sub.get_type() != Xapian::Query::LEAF_TERM) return all_of(q);
      lists.push_back(positions(*sub.get_terms_begin()));
    }
    PassageScores s = all_of(q);
    std::vector<char> phrase_hit(n_, 0);
    for (auto p : lists[0]) {
      bool ok = true;
      for (size_t k = 1; k < lists.size() && ok; ++k)
        ok = std::binary_search(lists[k].begin(), lists[k].end(), p + static_cast<Xapian::termpos>(k));
      if (ok) phrase_hit[passage_of(p)] = 1;
    }
    for (size_t i = 0; i < n_; ++i) s.hit[i] &= phrase_hit[i];
    return s;
  }

  const Xapian::Database& db_;
  StemVariants& variants_;
  FileTerms& file_terms_;
  Xapian::docid did_;
  std::vector<Xapian::termpos> starts_;
  std::vector<double> lengths_;
  size_t n_;
  scrutiny::LengthNorm norm_;
};

struct Probe {
  Xapian::Database ranges, passages;
  scrutiny::QueryContext context;
  std::vector<std::string> theme_ids;  // sorted: what kSlotTags indexes
  scrutiny::FacetDictionary dictionary;
  double total_passages = 0;
  bool near = true;  // first pass restricted by OP_NEAR (same_passage)
};

struct FileHit {
  Xapian::docid did;
  size_t passage;
  double score;
};

// File `did`'s best passage for `query`; score -1 when none matches.
FileHit best_passage(Probe& probe, Xapian::docid did, const Xapian::Query& query, QueryScratch& scratch) {
  const Xapian::Document doc = probe.ranges.get_document(did);
  const PassageScores s = PassageEvaluator(probe.ranges, doc, scratch).eval(query);
  FileHit best{did, 0, -1};
  for (size_t i = 0; i < s.hit.size(); ++i)
    if (s.hit[i] && s.score[i] > best.score) best = {did, i, s.score[i]};
  return best;
}

// What printing the hits reads: each passage's JSON and its file's docfields record.
void read_back(Probe& probe, const std::vector<FileHit>& hits) {
  for (const auto& h : hits) {
    const Xapian::Document doc = probe.ranges.get_document(h.did);
    const auto passage = nlohmann::json::parse(bench::passage_json(doc.get_data(), h.passage), nullptr, false);
    const auto fields = nlohmann::json::parse(
        probe.ranges.get_metadata(std::string(scrutiny::schema::kDocumentFieldsKey) + doc.get_value(scrutiny::schema::kSlotDocId)),
        nullptr, false);
    if (passage.is_discarded() || fields.is_discarded()) std::fprintf(stderr, "doclevel_probe: unreadable data\n");
  }
}

// The ranked first pass and the best passage of each candidate file; the
// top 10 read back as a search prints them.
std::vector<FileHit> top10(Probe& probe, const Xapian::Query& query, size_t batch, size_t max_files, QueryScratch& scratch,
                           size_t& evaluated) {
  Xapian::Enquire enquire(probe.ranges);
  enquire.set_query(file_pass(query, scratch.variants, probe.near));
  enquire.set_weighting_scheme(scrutiny::LengthNorm().weight());
  const auto by_score = [](const FileHit& a, const FileHit& b) { return a.score > b.score; };
  std::vector<FileHit> hits;
  // Files come in order of their bound (their weight); stop once ten
  // passages score at least the bound of every file not yet read.
  // Each get_mset runs the match again, so batches double.
  for (Xapian::doccount offset = 0, size = static_cast<Xapian::doccount>(batch);; offset += size, size *= 2) {
    const Xapian::MSet mset = enquire.get_mset(offset, size);
    if (mset.empty()) break;
    std::vector<Xapian::docid> files(mset.begin(), mset.end());
    std::sort(files.begin(), files.end());  // FileTerms moves forward
    for (Xapian::docid did : files)
      if (FileHit best = best_passage(probe, did, query, scratch); best.score >= 0) hits.push_back(best);
    evaluated += files.size();
    std::stable_sort(hits.begin(), hits.end(), by_score);
    if (hits.size() > 10) hits.resize(10);
    const double bound = (--mset.end()).get_weight();
    if (hits.size() == 10 && hits.back().score >= bound * (1 - 1e-9)) break;
    if (max_files && offset + size >= max_files) break;  // approximate from here
  }
  read_back(probe, hits);
  return hits;
}

// Every matching file's passages evaluated; facet counts of the matching
// ones. Returns the number of matching passages.
// With `sample`, files that could hold more than 50,000 matching passages
// (files x mean passages a file) are counted on one file in k, chosen by a
// hash of the docid, for about 20,000 passages, and the counts multiplied by
// k: the passage index's rule (search.h), applied to whole files.
size_t facets(Probe& probe, const Xapian::Query& query, scrutiny::Facets& out, QueryScratch& scratch, bool sample) {
  Xapian::Enquire enquire(probe.ranges);
  enquire.set_query(file_pass(query, scratch.variants, probe.near));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::doccount all = probe.ranges.get_doccount();
  const Xapian::MSet mset = enquire.get_mset(0, all, all);
  const double per_file = probe.total_passages / std::max<double>(1, all);
  const size_t k = sample && mset.size() * per_file > 50000 ? static_cast<size_t>(std::ceil(mset.size() * per_file / 20000)) : 1;
  size_t matched = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (k > 1 && (static_cast<uint64_t>(*it) * 0x9E3779B97F4A7C15ull >> 40) % k != 0) continue;
    const Xapian::Document doc = it.get_document();
    PassageEvaluator eval(probe.ranges, doc, scratch);
    const PassageScores s = eval.eval(query);
    const std::string tags = doc.get_value(bench::kSlotTags);
    size_t at = 0, in_file = 0;
    for (size_t i = 0; i < s.hit.size() && at < tags.size(); ++i) {
      const int polarity = static_cast<unsigned char>(tags[at]) & 0x7f;
      const size_t n_themes = static_cast<unsigned char>(tags[at + 1]);
      if (s.hit[i]) {
        ++in_file;
        out["polarity"][scrutiny::to_string(static_cast<scrutiny::Polarity>(polarity))]++;
        for (size_t k = 0; k < n_themes; ++k) out["theme"][probe.theme_ids[static_cast<unsigned char>(tags[at + 2 + k])]]++;
      }
      at += 2 + n_themes;
    }
    if (in_file == 0) continue;
    matched += in_file;
    const std::string packed = probe.dictionary.decode(doc.get_value(scrutiny::schema::kSlotFacets));
    const auto fields = scrutiny::schema::unpack_facets(packed);
    out["year"][std::string(fields.year)] += in_file;
    out["type"][std::string(fields.type)] += in_file;
  }
  for (auto& [facet, counts] : out)
    for (auto& [value, n] : counts) n *= static_cast<Xapian::doccount>(k);
  return matched * k;
}

// theme -> year -> {passages, concerns}, non-boilerplate passages only.
using ThemeCounts = std::map<std::string, std::map<int, std::pair<size_t, size_t>>>;

ThemeCounts themes_table(Probe& probe) {
  ThemeCounts counts;
  auto year = probe.ranges.valuestream_begin(scrutiny::schema::kSlotYear);
  for (auto v = probe.ranges.valuestream_begin(bench::kSlotTags); v != probe.ranges.valuestream_end(bench::kSlotTags); ++v) {
    year.skip_to(v.get_docid());
    if (year == probe.ranges.valuestream_end(scrutiny::schema::kSlotYear) || year.get_docid() != v.get_docid()) continue;
    const int y = static_cast<int>(Xapian::sortable_unserialise(*year));
    const std::string tags = *v;
    for (size_t at = 0; at < tags.size();) {
      const int flags = static_cast<unsigned char>(tags[at]);
      const size_t n_themes = static_cast<unsigned char>(tags[at + 1]);
      if (!(flags & bench::kBoilerplateBit))
        for (size_t k = 0; k < n_themes; ++k) {
          auto& cell = counts[probe.theme_ids[static_cast<unsigned char>(tags[at + 2 + k])]][y];
          cell.first++;
          cell.second += (flags & 0x7f) == static_cast<int>(scrutiny::Polarity::concern);
        }
      at += 2 + n_themes;
    }
  }
  return counts;
}

Xapian::doccount passage_matches(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

// How many of `hits` the passage index scores at least as high as its own
// 10th hit (`threshold`): the generated corpus repeats sentences, so many
// passages tie and comparing files would count tie order as disagreement.
// `ratio_sum` adds each hit's score over the threshold (at most 1).
size_t as_good(const Probe& probe, const std::vector<FileHit>& hits, const Xapian::Query& on_passages, double threshold,
               double& ratio_sum) {
  Xapian::Enquire enquire(probe.passages);
  if (auto norm = scrutiny::LengthNorm::of(probe.passages)) enquire.set_weighting_scheme(norm->weight());
  size_t n = 0;
  for (const auto& h : hits) {
    const std::string uid = probe.ranges.get_document(h.did).get_value(scrutiny::schema::kSlotDocId) + "-" + std::to_string(h.passage);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, on_passages,
                                    Xapian::Query(scrutiny::schema::term(scrutiny::schema::kUniqueId, uid))));
    const Xapian::MSet m = enquire.get_mset(0, 1);
    n += !m.empty() && m.begin().get_weight() >= threshold - 1e-6;
    if (!m.empty()) ratio_sum += std::min(1.0, m.begin().get_weight() / threshold);
  }
  return n;
}

// How the ranges index's answers compare with the passage index's.
struct Agreement {
  size_t compared = 0, same_count = 0, as_good = 0, top_total = 0, sampled = 0;
  double ratio_sum = 0, worst_estimate = 0;

  void print() const {
    std::printf("queries\t%zu\nsame_passage_count\t%zu\ntop10_as_good\t%zu of %zu\n", compared, same_count, as_good, top_total);
    std::printf("facet_queries_sampled\t%zu\nworst_sampled_count_error\t%.3f\n", sampled, worst_estimate);
    std::printf("top10_score_ratio_mean\t%.3f\n", top_total ? ratio_sum / static_cast<double>(top_total) : 0.0);
  }
};

// One query checked against the passage index: its exact passage count, the
// error of a sampled facet count (`estimate`), and the top 10.
void check(Probe& probe, scrutiny::Searcher& searcher, const bench::BenchQuery& q, const Xapian::Query& parsed,
           size_t estimate, const std::vector<FileHit>& hits, Agreement& agreement) {
  const auto filters = bench::parse_flags(q.flags);
  auto on_passages = scrutiny::parse_query(probe.passages, q.text, filters, probe.context);
  if (!on_passages) return;
  QueryScratch scratch(probe.ranges);
  scrutiny::Facets ignored;
  const size_t matched = facets(probe, parsed, ignored, scratch, false);
  if (q.kind == "facets" && estimate != matched) {
    ++agreement.sampled;
    agreement.worst_estimate =
        std::max(agreement.worst_estimate, std::abs(static_cast<double>(estimate) / static_cast<double>(matched) - 1));
  }
  const Xapian::doccount expected = passage_matches(probe.passages, on_passages->query);
  ++agreement.compared;
  agreement.same_count += matched == expected;
  if (matched != expected)
    std::fprintf(stderr, "count differs: %s [%s]: ranges %zu, passages %u\n", q.text.c_str(), q.flags.c_str(), matched, expected);
  scrutiny::SearchRequest request;
  request.query = q.text;
  request.filters = filters;
  auto result = searcher.search(request);
  if (!result || result->hits.empty()) return;
  agreement.top_total += std::min<size_t>(10, result->hits.size());
  agreement.as_good += as_good(probe, hits, on_passages->query, result->hits.back().score, agreement.ratio_sum);
}

int run(Probe& probe, const std::string& passages_dir, const std::vector<bench::BenchQuery>& queries, int repeat,
        size_t batch, size_t max_files, bool each) {
  auto searcher = scrutiny::Searcher::open(passages_dir, probe.context);
  if (!searcher) {
    std::fprintf(stderr, "doclevel_probe: %s\n", searcher.error().c_str());
    return 2;
  }
  std::map<std::string, std::vector<double>> times;
  Agreement agreement;
  size_t evaluated = 0, searches = 0;
  for (int pass = 0; pass <= repeat; ++pass) {
    for (const auto& q : queries) {
      const auto start = Clock::now();
      auto parsed = scrutiny::parse_query(probe.ranges, q.text, bench::parse_flags(q.flags), probe.context);
      if (!parsed) {
        std::fprintf(stderr, "doclevel_probe: %s: %s\n", q.text.c_str(), parsed.error().c_str());
        return 1;
      }
      QueryScratch scratch(probe.ranges);  // per query, as a one-shot CLI search would
      scrutiny::Facets counted;
      const size_t estimate = q.kind == "facets" ? facets(probe, parsed->query, counted, scratch, true) : 0;
      const std::vector<FileHit> hits = top10(probe, parsed->query, batch, max_files, scratch, evaluated);
      const double ms = ms_since(start);
      ++searches;
      if (pass == 0) {  // warm-up
        check(probe, searcher.value(), q, parsed->query, estimate, hits, agreement);
        continue;
      }
      if (each) std::fprintf(stderr, "%.3f\t%s\t%s\t%s\n", ms, q.kind.c_str(), q.text.c_str(), q.flags.c_str());
      times[q.kind].push_back(ms);
      if (q.kind != "facets") times["top10"].push_back(ms);
    }
  }
  agreement.print();
  std::printf("files_evaluated_per_top10\t%.1f\n", static_cast<double>(evaluated) / std::max<size_t>(1, searches));
  bench::report(times);
  return 0;
}

// Times the theme x year table and checks it against the passage index's.
void run_themes(Probe& probe, int repeat) {
  auto taxonomy = scrutiny::Taxonomy::load_file(scrutiny::Taxonomy::default_path());
  if (!taxonomy) return;
  ThemeCounts counts;
  std::vector<double> ours, theirs;
  for (int pass = 0; pass <= repeat; ++pass) {
    auto start = Clock::now();
    counts = themes_table(probe);
    if (pass > 0) ours.push_back(ms_since(start));
    start = Clock::now();
    auto table = scrutiny::build_themes_table(probe.passages, taxonomy->themes());
    if (pass > 0) theirs.push_back(ms_since(start));
    if (pass > 0 || !table) continue;
    size_t cells = 0, same = 0;
    for (const auto& row : table->themes)
      for (const auto& [year, n] : row.counts) {
        ++cells;
        const auto cell = counts[row.id][year];
        same += cell.first == n && cell.second == row.concerns.at(year);
      }
    std::printf("themes_cells_same\t%zu of %zu\n", same, cells);
  }
  std::printf("themes_ms_ranges_p50\t%.3f\nthemes_ms_passages_p50\t%.3f\n", bench::percentile(ours, 0.5),
              bench::percentile(theirs, 0.5));
}

}  // namespace

int main(int argc, char** argv) {
  std::string ranges, passages, queries_path = std::string(BENCH_DATA_DIR) + "/queries.tsv";
  int repeat = 3;
  size_t batch = 20, max_files = 0;
  bool each = false, near = true;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--ranges") ranges = v;
    else if (a == "--passages") passages = v;
    else if (a == "--repeat") repeat = std::atoi(v.c_str());
    else if (a == "--batch") batch = std::stoul(v);
    else if (a == "--max-files") max_files = std::stoul(v);
    else if (a == "--queries") queries_path = v;
    else if (a == "--each") each = v != "0";
    else if (a == "--near") near = v != "0";
  }
  const auto queries = bench::load_queries(queries_path);
  if (ranges.empty() || passages.empty() || queries.empty()) {
    std::fprintf(stderr, "usage: doclevel_probe --ranges DB --passages DB [--repeat N] [--batch N] [--queries FILE]\n");
    return 2;
  }
  try {
    Probe probe{Xapian::Database(ranges), Xapian::Database(passages), {}, {}, {}};
    probe.context.spelling = false;
    probe.near = near;
    probe.context.synonyms = &scrutiny::Synonyms::default_set();
    if (auto taxonomy = scrutiny::Taxonomy::load_file(scrutiny::Taxonomy::default_path()))
      for (const auto& t : taxonomy->themes()) probe.theme_ids.push_back(t.id);
    std::sort(probe.theme_ids.begin(), probe.theme_ids.end());
    probe.dictionary = scrutiny::FacetDictionary::load(probe.ranges);
    for (auto v = probe.ranges.valuestream_begin(bench::kSlotStarts); v != probe.ranges.valuestream_end(bench::kSlotStarts); ++v)
      probe.total_passages += static_cast<double>(bench::decode_starts(*v).size() - 1);
    run_themes(probe, repeat);
    return run(probe, passages, queries, repeat, batch, max_files, each);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "doclevel_probe: %s\n", e.get_description().c_str());
    return 2;
  }
}
