#include "scrutiny/search.h"

#include "facet_spy.h"
#include "sample_source.h"
#include "tiered_term_source.h"
#include "scrutiny/index_writer.h"
#include "scrutiny/length_norm.h"
#include "scrutiny/read_index.h"
#include "scrutiny/schema.h"
#include "scrutiny/stored_passage.h"

namespace scrutiny {
namespace {

using nlohmann::json;

// MSet::snippet escapes HTML; our outputs are plain text.
std::string unescape_html(const std::string& s) {
  static const std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (s.compare(i, entity.size(), entity) == 0) {
          out += c;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

std::string string_field(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Snippets highlight the query's words, each on its own. Xapian 1.4's
// MSet::snippet highlights nothing when a query holds two phrases of
// different lengths (as synonym groups do: "front door" and "multi agency
// children's hub"), so it is given the query's terms OR'd instead.
class Highlighter {
 public:
  Highlighter(const Xapian::Database& db, const Xapian::Query& query)
      : enquire_(db) {
    enquire_.set_query(Xapian::Query(Xapian::Query::OP_OR, query.get_unique_terms_begin(),
                                     query.get_unique_terms_end()));
    mset_ = enquire_.get_mset(0, 0);
  }
  // Adjacent highlighted words read as one: "[front door]", not "[front] [door]".
  std::string snippet(const std::string& text) const {
    std::string s = unescape_html(mset_.snippet(text, 240, Xapian::Stem("english"),
                                                Xapian::MSet::SNIPPET_EXHAUSTIVE, kHighlightStart,
                                                kHighlightEnd, "..."));
    const std::string gap = std::string(kHighlightEnd) + " " + kHighlightStart;
    std::string out;
    out.reserve(s.size());
    size_t from = 0;
    for (size_t pos; (pos = s.find(gap, from)) != std::string::npos; from = pos + gap.size())
      out.append(s, from, pos - from).push_back(' ');
    return out.append(s, from, std::string::npos);
  }

 private:
  Xapian::Enquire enquire_;
  Xapian::MSet mset_;
};

Hit make_hit(const Xapian::MSetIterator& it, const Highlighter& highlighter, StoredPassageReader& passages) {
  Hit h;
  const json data = passages.read(it.get_document());
  if (data.is_object()) {
    h.doc_id = string_field(data, "doc_id");
    h.source = string_field(data, "source");
    h.title = string_field(data, "title");
    h.type = string_field(data, "type");
    h.body = string_field(data, "body");
    h.section = string_field(data, "section");
    h.text = string_field(data, "text");
    h.polarity = string_field(data, "polarity");
    if (auto d = data.find("date"); d != data.end() && d->is_string()) h.date = d->get<std::string>();
    if (auto y = data.find("year"); y != data.end() && y->is_number_integer()) h.year = y->get<int>();
    if (auto p = data.find("page"); p != data.end() && p->is_number_integer()) h.page = p->get<int>();
    if (auto t = data.find("themes"); t != data.end() && t->is_array())
      for (const auto& id : *t)
        if (id.is_string()) h.themes.push_back(id.get<std::string>());
  }
  h.snippet = highlighter.snippet(h.text);
  h.score = it.get_weight();
  h.more_in_document = it.get_collapse_count();
  return h;
}

// Ranking is Xapian's BM25 either way: on an index of length-normalised wdfs
// (length_norm.h) the normalisation is already done, so no passage length is
// read, the matcher's main cost on large indexes.
void configure(Xapian::Enquire& enquire, const SearchRequest& req, bool match_all,
               const std::optional<LengthNorm>& norm) {
  if (norm) enquire.set_weighting_scheme(norm->weight());
  if (!req.all_passages) enquire.set_collapse_key(schema::kSlotDocId);
  // A filter-only listing has no relevance to rank by: newest first.
  if (req.sort == SortOrder::date || match_all)
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
}

// What a ranked pass needs besides its query: the request (sort, collapse),
// whether the query matches everything, and the index's constants.
struct Ranking {
  const SearchRequest& req;
  bool match_all;
  const std::optional<LengthNorm>& norm;
  std::optional<ImpactTiers> tiers;  // nullopt: plain terms

  // Hits offset..offset+limit of `query`. A one-word search in relevance
  // order reads its stem through the impact tiers (tiered_term_source.h);
  // not counts, facets or date order: those must see every match.
  Xapian::MSet hits(const Xapian::Database& db, const Xapian::Query& query, Xapian::doccount offset,
                    Xapian::doccount limit) const {
    Xapian::Enquire enquire(db);
    configure(enquire, req, match_all, norm);
    if (tiers && norm && !match_all && req.sort == SortOrder::relevance)
      return tiered_top_hits(enquire, query, *tiers, *norm, offset, limit);
    enquire.set_query(query);
    return enquire.get_mset(offset, limit);
  }
};

std::vector<Hit> hits_of(const Xapian::MSet& mset, const Highlighter& highlighter, StoredPassageReader& passages) {
  std::vector<Hit> hits;
  for (auto it = mset.begin(); it != mset.end(); ++it) hits.push_back(make_hit(it, highlighter, passages));
  return hits;
}

// Exact "more in document" counts for the hits shown. Xapian's collapse
// count covers only the passages it compared with the one kept, and a
// search that skips passages too light to matter (its minimum weight,
// impact tiers) compares few: "fostering" on 1M passages showed 0 for
// documents with 9-29 other matching passages. One unweighted pass over the
// passages of these documents alone counts them.
void count_more_in_document(const Xapian::Database& db, const Xapian::Query& query, std::vector<Hit>& hits) {
  std::vector<Xapian::Query> docs;
  for (const Hit& h : hits)
    if (!h.doc_id.empty()) docs.emplace_back(schema::term(schema::kDocId, h.doc_id));
  if (docs.empty()) return;
  Xapian::Enquire counter(db);
  counter.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_OR, docs.begin(), docs.end())));
  counter.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy per_document(schema::kSlotDocId);
  counter.add_matchspy(&per_document);
  counter.get_mset(0, 0, db.get_doccount());
  std::map<std::string, Xapian::doccount> matching;
  for (auto v = per_document.values_begin(); v != per_document.values_end(); ++v) matching[*v] = v.get_termfreq();
  for (Hit& h : hits) {
    auto it = matching.find(schema::collapse_key(h.doc_id));
    if (it == matching.end()) it = matching.find(h.doc_id);  // a passage of schema 4 or before
    if (it != matching.end() && it->second > 0) h.more_in_document = it->second - 1;
  }
}

// The hits of a ranked pass as shown: stored fields, snippet, and (one
// passage per document) the exact count of the document's other passages
// matching `query`.
std::vector<Hit> shown_hits(const Xapian::Database& db, const Xapian::MSet& mset, const Xapian::Query& query,
                            const SearchRequest& req, const Highlighter& highlighter, StoredPassageReader& passages) {
  std::vector<Hit> hits = hits_of(mset, highlighter, passages);
  if (!req.all_passages && req.exact_more_in_document) count_more_in_document(db, query, hits);
  return hits;
}

// Per year (newest first): its passage count and its best hits.
std::vector<YearGroup> timeline(const Xapian::Database& db, const Xapian::Query& query, const Ranking& ranking,
                                const std::map<std::string, Xapian::doccount>& year_counts,
                                Xapian::doccount total, const Highlighter& highlighter,
                                StoredPassageReader& passages) {
  const SearchRequest& req = ranking.req;
  const auto per_year = static_cast<Xapian::doccount>(req.hits_per_year);
  std::vector<YearGroup> groups;
  Xapian::doccount dated = 0;
  for (auto y = year_counts.rbegin(); y != year_counts.rend(); ++y) {
    YearGroup g;
    g.year = std::stoi(y->first);
    g.count = y->second;
    dated += y->second;
    const Xapian::Query in_year(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::term(schema::kYear, y->first)));
    g.hits = shown_hits(db, ranking.hits(db, in_year, 0, per_year), query, req, highlighter, passages);
    groups.push_back(std::move(g));
  }
  if (total > dated) {
    YearGroup undated;
    undated.count = total - dated;
    const Xapian::Query any_year(Xapian::Query::OP_WILDCARD, std::string(schema::kYear));
    const Xapian::Query undated_only(Xapian::Query::OP_AND_NOT, query, any_year);
    undated.hits = shown_hits(db, ranking.hits(db, undated_only, 0, per_year), query, req, highlighter, passages);
    groups.push_back(std::move(undated));
  }
  return groups;
}

// Facet and year counts need every match, but neither its score nor the
// collapse to one passage per document: an unweighted pass with no collapse
// shows `spy` each match once. The ranked pass can then stop as soon as it
// has its top hits instead of scoring every match (facet queries on 1M
// passages: see docs/benchmarks.md).
void count_every_match(const Xapian::Database& db, const Xapian::Query& query, Xapian::MatchSpy& spy) {
  Xapian::Enquire counter(db);
  counter.set_query(query);
  counter.set_weighting_scheme(Xapian::BoolWeight());
  counter.add_matchspy(&spy);
  counter.get_mset(0, 0, db.get_doccount());
}

// Counting reads every match, so a query matching a large share of a large
// index (`improvement`: 1M of 5.5M passages) is slow however lean the spy.
// Above req.exact_facets_up_to estimated matches, count a sample of one
// passage in k instead (SampleSource), k chosen for about req.facet_sample.
// A sample far smaller than planned (the estimate was high) is thrown away
// and every match counted. Returns k (1: exact); `spy` holds the counts.
Xapian::doccount count_facets_sampled(const Xapian::Database& db, const Xapian::Query& query,
                                      const SearchRequest& req,
                                      const std::shared_ptr<const FacetDictionary>& dictionary,
                                      std::optional<FacetSpy>& spy) {
  Xapian::doccount k = 1;
  if (req.exact_facets_up_to > 0 && req.facet_sample > 0) {
    Xapian::Enquire estimator(db);
    estimator.set_query(query);
    estimator.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount estimate = estimator.get_mset(0, 0).get_matches_estimated();
    if (estimate > req.exact_facets_up_to) k = (estimate + req.facet_sample - 1) / req.facet_sample;
  }
  if (k > 1) {
    const Xapian::Query sampled(Xapian::Query::OP_FILTER, query,
                                Xapian::Query((new SampleSource(k))->release()));  // the query owns it
    count_every_match(db, sampled, spy.emplace(dictionary));
    if (spy->total() >= req.facet_sample / 4) return k;
  }
  count_every_match(db, query, spy.emplace(dictionary));
  return 1;
}

// Facet counts of a sample scaled up to the whole.
void scale_facets(Facets& facets, Xapian::doccount k) {
  for (auto& [name, values] : facets)
    for (auto& [value, count] : values) count *= k;
}

}  // namespace

Searcher::Searcher(Xapian::Database db, QueryContext context)
    : db_(std::move(db)), context_(std::move(context)), norm_(LengthNorm::of(db_)), tiers_(ImpactTiers::of(db_)) {}

Result<Searcher> Searcher::open(const std::string& dir, QueryContext context) {
  auto db = open_index_for_reading(dir);
  if (!db) return Error{db.error()};
  try {
    Searcher searcher(std::move(db).value(), std::move(context));  // reads the index's metadata
    searcher.name_ = "index at " + dir;
    return searcher;
  } catch (const Xapian::Error& e) {
    return Error{"cannot read index at " + dir + ": " + e.get_type() + ": " + e.get_msg()};
  }
}

Xapian::doccount Searcher::document_count() {
  if (!documents_) {
    const std::string prefix(schema::kDocId);
    Xapian::doccount n = 0;
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) ++n;
    documents_ = n;
  }
  return *documents_;
}

Result<SearchResult> Searcher::search(const SearchRequest& req) {
  // A nightly ingest may commit under us: read_current reopens the index
  // at its new revision and searches again.
  bool reread = false;
  return read_current_value<SearchResult>(db_, name_, [&](const Xapian::Database&) {
    if (reread) documents_.reset();  // a new revision: count its documents again
    reread = true;
    return search_once(req);
  });
}

Result<SearchResult> Searcher::search_once(const SearchRequest& req) {
  auto parsed = parse_query(db_, req.query, req.filters, context_);
  if (!parsed) return Error{parsed.error()};
  try {
    SearchResult result;
    result.query = req.query;
    result.collapsed = !req.all_passages;
    result.spelling_suggestion = parsed->spelling_suggestion;
    std::optional<FacetSpy> spy;
    std::optional<YearSpy> years;  // a timeline without facets counts years alone
    if (req.facets) {
      const auto dictionary = std::make_shared<const FacetDictionary>(FacetDictionary::load(db_));
      if (req.by_year)
        count_every_match(db_, parsed->query, spy.emplace(dictionary));  // a timeline's counts are quoted: exact
      else
        result.facets_one_in = count_facets_sampled(db_, parsed->query, req, dictionary, spy);
    } else if (req.by_year) {
      count_every_match(db_, parsed->query, years.emplace());
    }
    const Ranking ranking{req, parsed->match_all, norm_, context_.impact_tiers ? tiers_ : std::nullopt};
    const Xapian::MSet mset = ranking.hits(db_, parsed->query, static_cast<Xapian::doccount>(req.offset),
                                           static_cast<Xapian::doccount>(req.limit));
    result.total_estimate = mset.get_matches_estimated();
    // Xapian scales matching passages by the share of distinct documents
    // among those it compared, which can pass the number of documents
    // (100,000 of 17,000 on the generated corpus): no more can match.
    if (result.collapsed && mset.get_matches_lower_bound() != mset.get_matches_upper_bound())
      result.total_estimate = std::min(result.total_estimate, document_count());
    const Highlighter highlighter(db_, parsed->highlight.empty() ? parsed->query : parsed->highlight);
    StoredPassageReader passages(db_);
    result.hits = shown_hits(db_, mset, parsed->query, req, highlighter, passages);
    Facets counts = spy ? spy->counts() : Facets{};
    if (req.by_year)
      result.by_year = timeline(db_, parsed->query, ranking, spy ? counts["year"] : years->counts(),
                                spy ? spy->total() : years->total(), highlighter, passages);
    if (req.facets) {
      scale_facets(counts, result.facets_one_in);
      result.facets = std::move(counts);
    }
    return result;
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;
  } catch (const Xapian::Error& e) {
    return Error{std::string("search failed: ") + e.get_type() + ": " + e.get_msg()};
  }
}

std::string render_snippet(const std::string& snippet, const std::string& start, const std::string& end) {
  std::string out;
  out.reserve(snippet.size());
  for (char c : snippet) {
    if (c == kHighlightStart[0])
      out += start;
    else if (c == kHighlightEnd[0])
      out += end;
    else
      out += c;
  }
  return out;
}

}  // namespace scrutiny
