// Output forms of a SearchResult: JSON (docs/query.md), CSV and 80-column text.
#include <sstream>

#include "scrutiny/search.h"

namespace scrutiny {
namespace {

using json = nlohmann::ordered_json;

json hit_json(const Hit& h) {
  return json{{"doc_id", h.doc_id},
              {"source", h.source},
              {"title", h.title},
              {"type", h.type.empty() ? json(nullptr) : json(h.type)},
              {"body", h.body.empty() ? json(nullptr) : json(h.body)},
              {"date", h.date ? json(*h.date) : json(nullptr)},
              {"year", h.year ? json(*h.year) : json(nullptr)},
              {"page", h.page},
              {"section", h.section},
              {"themes", h.themes},
              {"polarity", h.polarity},
              {"text", h.text},
              {"snippet", render_snippet(h.snippet, "[", "]")},
              {"score", h.score},
              {"more_in_document", h.more_in_document}};
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// Visible width of UTF-8 text (code points, highlight markers excluded).
size_t width(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80 && c != kHighlightStart[0] && c != kHighlightEnd[0]) ++n;
  return n;
}

// Word-wraps `text` to `cols` columns, every line starting with `indent`.
std::string wrap(const std::string& text, size_t cols, const std::string& indent) {
  std::istringstream words(text);
  std::string word, out, line;
  while (words >> word) {
    if (!line.empty() && width(indent) + width(line) + 1 + width(word) > cols) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

// wrap() with each line's text between `on` and `off` (ANSI styles).
std::string styled_wrap(const std::string& text, const std::string& pad, const std::string& on,
                        const std::string& off) {
  std::string plain = wrap(text, 80, pad), out;
  std::istringstream lines(plain);
  for (std::string line; std::getline(lines, line);)
    out += pad + on + line.substr(pad.size()) + off + "\n";
  return out;
}

struct Style {
  std::string bold, dim, cyan, off;
};

std::string hit_text(const Hit& h, size_t rank, const Style& st, const std::string& indent) {
  std::string out;
  const std::string number = std::to_string(rank) + ". ";
  std::string title = h.title.empty() ? h.source : h.title;
  if (width(title) > 72 - indent.size()) title = title.substr(0, 69 - indent.size()) + "...";
  out += indent + number + st.bold + title + st.off + "\n";
  const std::string pad = indent + std::string(number.size(), ' ');
  std::vector<std::string> meta;
  if (h.date)
    meta.push_back(*h.date);
  else if (h.year)
    meta.push_back(std::to_string(*h.year));  // only the year is known (docs/metadata.md)
  if (!h.type.empty()) meta.push_back(h.type);
  if (!h.body.empty()) meta.push_back(h.body);
  if (h.page > 0) meta.push_back("p." + std::to_string(h.page));
  if (!h.polarity.empty() && h.polarity != "neutral") meta.push_back(h.polarity);
  out += styled_wrap(join(meta, " | "), pad, st.dim, st.off);
  const bool tty = !st.bold.empty();
  out += wrap(render_snippet(h.snippet, tty ? st.bold : "[", tty ? st.off : "]"), 80, pad);
  std::string tail = h.source;
  if (!h.themes.empty()) tail += " | themes: " + join(h.themes, ", ");
  if (h.more_in_document > 0) tail += " | +" + std::to_string(h.more_in_document) + " more in document";
  out += styled_wrap(tail, pad, st.cyan, st.off);
  return out;
}

std::string facet_line(const std::string& name, const std::map<std::string, Xapian::doccount>& counts,
                       bool estimated) {
  std::vector<std::pair<Xapian::doccount, std::string>> sorted;
  for (const auto& [k, n] : counts) sorted.emplace_back(n, k);
  // Years read best in order; the others by count.
  if (name != "year")
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> parts;
  for (const auto& [n, k] : sorted) parts.push_back(k + (estimated ? " ~" : " ") + std::to_string(n));
  std::string label = name + ":";
  label.resize(10, ' ');
  std::string body = wrap(join(parts, ", "), 80, std::string(10, ' '));
  if (body.size() >= 10) body.replace(0, 10, label);
  return body;
}

}  // namespace

json to_json(const SearchResult& r) {
  json out{{"query", r.query}, {"total_estimate", r.total_estimate}, {"results", json::array()}};
  for (const auto& h : r.hits) out["results"].push_back(hit_json(h));
  out["spelling_suggestion"] = r.spelling_suggestion.empty() ? json(nullptr) : json(r.spelling_suggestion);
  if (r.facets) {
    out["facets"] = *r.facets;
    out["facets_estimated"] = r.facets_one_in > 1;
    out["facets_one_in"] = r.facets_one_in;
  }
  if (r.by_year) {
    json years = json::array();
    for (const auto& g : *r.by_year) {
      json hits = json::array();
      for (const auto& h : g.hits) hits.push_back(hit_json(h));
      years.push_back({{"year", g.year ? json(*g.year) : json(nullptr)}, {"count", g.count}, {"results", hits}});
    }
    out["by_year"] = years;
  }
  return out;
}

std::string format_csv(const SearchResult& r) {
  std::string out = "rank,score,doc_id,source,title,type,body,date,year,page,section,themes,polarity,snippet,text\n";
  auto row = [&](const Hit& h, size_t rank) {
    std::vector<std::string> f = {std::to_string(rank), std::to_string(h.score), h.doc_id, h.source, h.title,
                                  h.type, h.body, h.date.value_or(""), h.year ? std::to_string(*h.year) : "",
                                  std::to_string(h.page), h.section, join(h.themes, ";"), h.polarity,
                                  render_snippet(h.snippet, "", ""), h.text};
    for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + csv_field(f[i]);
    out += "\n";
  };
  if (r.by_year) {
    for (const auto& g : *r.by_year)
      for (size_t i = 0; i < g.hits.size(); ++i) row(g.hits[i], i + 1);
  } else {
    for (size_t i = 0; i < r.hits.size(); ++i) row(r.hits[i], i + 1);
  }
  return out;
}

std::string format_text(const SearchResult& r, bool tty) {
  const Style st = tty ? Style{"\033[1m", "\033[2m", "\033[36m", "\033[0m"} : Style{};
  std::string out;
  if (!r.spelling_suggestion.empty()) out += "Did you mean: " + st.bold + r.spelling_suggestion + st.off + "?\n";
  if (r.by_year) {
    Xapian::doccount passages = 0;
    for (const auto& g : *r.by_year) passages += g.count;
    out += std::to_string(passages) + " matching passages by year\n";
    for (const auto& g : *r.by_year) {
      out += "\n" + st.bold + (g.year ? std::to_string(*g.year) : "undated") + st.off + "  (" +
             std::to_string(g.count) + (g.count == 1 ? " passage" : " passages") + ")\n";
      for (size_t i = 0; i < g.hits.size(); ++i) out += hit_text(g.hits[i], i + 1, st, "  ");
    }
  } else {
    out += "About " + std::to_string(r.total_estimate) + " matching " +
           (r.collapsed ? "document" : "passage") + (r.total_estimate == 1 ? "" : "s") + "\n";
    for (size_t i = 0; i < r.hits.size(); ++i) out += "\n" + hit_text(r.hits[i], i + 1, st, "");
  }
  if (r.facets) {
    out += "\n";
    if (r.facets_one_in > 1)
      out += "Facets estimated from a sample of 1 in " + std::to_string(r.facets_one_in) +
             " matching passages (--exact-facets counts them all):\n";
    for (const char* name : {"theme", "year", "type", "body", "polarity", "authority", "judgement"}) {
      auto it = r.facets->find(name);
      if (it != r.facets->end() && !it->second.empty()) out += facet_line(name, it->second, r.facets_one_in > 1);
    }
  }
  return out;
}

}  // namespace scrutiny
