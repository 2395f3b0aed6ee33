#include "scrutiny/trace.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "scrutiny/query.h"
#include "scrutiny/schema.h"
#include "scrutiny/stored_passage.h"

namespace scrutiny {
namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

struct Located {
  Finding finding;
  int passage = 0;  // index in its document, for a stable order
};

Located finding_from_data(const json& data) {
  Located l;
  Finding& f = l.finding;
  f.doc_id = str(data, "doc_id");
  f.source = str(data, "source");
  f.title = str(data, "title");
  f.type = str(data, "type");
  f.section = str(data, "section");
  f.polarity = str(data, "polarity");
  f.text = str(data, "text");
  if (auto d = str(data, "date"); !d.empty()) f.date = d;
  if (auto it = data.find("year"); it != data.end() && it->is_number_integer()) f.year = it->get<int>();
  if (auto it = data.find("page"); it != data.end() && it->is_number_integer()) f.page = it->get<int>();
  if (auto it = data.find("passage"); it != data.end() && it->is_number_integer()) l.passage = it->get<int>();
  return l;
}

// Date order; undated documents last, then by source and position.
bool earlier(const Located& a, const Located& b) {
  auto key = [](const Located& l) {
    const Finding& f = l.finding;
    return std::make_tuple(!f.year.has_value(), f.year.value_or(0), !f.date.has_value(),
                           f.date.value_or(""), f.source, l.passage);
  };
  return key(a) < key(b);
}

Xapian::Query theme_query(const std::string& theme, const Xapian::Query& restrict) {
  Xapian::Query q(schema::term(schema::kTheme, theme));
  if (!restrict.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, restrict);
  return Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(std::string(schema::kBoilerplate)));
}

std::vector<Located> matching_findings(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::vector<Located> out;
  out.reserve(mset.size());
  StoredPassageReader passages(db);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    json data = passages.read(it.get_document());
    if (data.is_object()) out.push_back(finding_from_data(data));
  }
  std::stable_sort(out.begin(), out.end(), earlier);
  return out;
}

Trace group_by_year(std::vector<Located> found) {
  Trace t;
  for (Located& l : found) {
    if (t.years.empty() || t.years.back().year != l.finding.year) t.years.push_back({l.finding.year, 0, 0, 0, {}});
    TraceYear& y = t.years.back();
    ++y.count;
    y.concerns += l.finding.polarity == "concern";
    y.strengths += l.finding.polarity == "strength";
    y.findings.push_back(std::move(l.finding));
  }
  for (const TraceYear& y : t.years)
    if (y.year && y.concerns > 0) t.concern_years.push_back(*y.year);
  t.recurring = t.concern_years.size() >= 2;
  return t;
}

std::string join_years(const std::vector<int>& years) {
  std::string out;
  for (size_t i = 0; i < years.size(); ++i) {
    if (i > 0) out += i + 1 == years.size() ? " and " : ", ";
    out += std::to_string(years[i]);
  }
  return out;
}

size_t display_width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;
  return w;
}

// Greedy word wrap; every line starts with `indent`.
std::string wrap(const std::string& text, size_t width, const std::string& indent) {
  std::string out, line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && display_width(indent) + display_width(line) + 1 + display_width(word) > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string plural(size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

size_t Trace::count() const {
  size_t n = 0;
  for (const TraceYear& y : years) n += y.count;
  return n;
}

Result<Trace> trace_theme(const Xapian::Database& db, const std::string& theme,
                          const std::string& label, const Xapian::Query& restrict,
                          const std::vector<std::string>& valid_ids) {
  try {
    const std::vector<std::string> ids = valid_ids.empty() ? index_theme_ids(db) : valid_ids;
    if (std::find(ids.begin(), ids.end(), theme) == ids.end()) {
      std::string message = "unknown theme '" + theme + "'";
      const auto near = nearest(theme, ids, 3);
      if (!near.empty()) {
        message += " (did you mean: ";
        for (size_t i = 0; i < near.size(); ++i) message += (i ? ", " : "") + near[i];
        message += "?)";
      }
      return Error{message};
    }
    Trace t = group_by_year(matching_findings(db, theme_query(theme, restrict)));
    t.theme = theme;
    t.label = label.empty() ? theme : label;
    return t;
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // read_index reopens and traces again
  } catch (const Xapian::Error& e) {
    return Error{"cannot trace theme " + theme + ": " + e.get_type() + ": " + e.get_msg()};
  }
}

json to_json(const Trace& t) {
  json years = json::array();
  for (const TraceYear& y : t.years) {
    json findings = json::array();
    for (const Finding& f : y.findings)
      findings.push_back({{"source", f.source},
                          {"title", f.title},
                          {"date", f.date ? json(*f.date) : json(nullptr)},
                          {"year", f.year ? json(*f.year) : json(nullptr)},
                          {"page", f.page},
                          {"polarity", f.polarity},
                          {"text", f.text},
                          {"section", f.section},
                          {"type", f.type},
                          {"doc_id", f.doc_id}});
    years.push_back({{"year", y.year ? json(*y.year) : json(nullptr)},
                     {"count", y.count},
                     {"concerns", y.concerns},
                     {"strengths", y.strengths},
                     {"findings", findings}});
  }
  return json{{"theme", t.theme},
              {"label", t.label},
              {"recurring", t.recurring},
              {"concern_years", t.concern_years},
              {"count", t.count()},
              {"years", years}};
}

std::string format_csv(const Trace& t) {
  std::string out = "theme,year,date,polarity,source,title,page,section,text\n";
  for (const TraceYear& y : t.years)
    for (const Finding& f : y.findings)
      out += fmt::format("{},{},{},{},{},{},{},{},{}\n", t.theme, f.year ? std::to_string(*f.year) : "",
                         f.date.value_or(""), f.polarity, csv_field(f.source), csv_field(f.title),
                         f.page, csv_field(f.section), csv_field(f.text));
  return out;
}

std::string format_text(const Trace& t, bool tty, size_t width) {
  auto bold = [tty](const std::string& s) { return tty ? "\x1b[1m" + s + "\x1b[0m" : s; };
  auto coloured = [tty](const std::string& polarity) {
    if (!tty || polarity == "neutral") return polarity;
    return (polarity == "concern" ? "\x1b[31m" : "\x1b[32m") + polarity + "\x1b[0m";
  };
  std::string out = bold(fmt::format("{} ({}): {}", t.label, t.theme, plural(t.count(), "finding")));
  out += "\n";
  if (t.recurring)
    out += fmt::format("Recurring: raised as a concern in {}.\n", join_years(t.concern_years));
  else if (t.concern_years.size() == 1)
    out += fmt::format("Not recurring: raised as a concern only in {}.\n", t.concern_years.front());
  else
    out += "Not recurring: never raised as a concern.\n";
  for (const TraceYear& y : t.years) {
    const std::string year = y.year ? std::to_string(*y.year) : "undated";
    out += "\n" + bold(fmt::format("{} — {}: {}, {}", year, plural(y.count, "finding"),
                                   plural(y.concerns, "concern"), plural(y.strengths, "strength")));
    out += "\n";
    for (const Finding& f : y.findings) {
      const std::string when = f.date ? *f.date : (f.year ? std::to_string(*f.year) : "undated");
      std::string where = f.title.empty() ? f.source : f.title;
      if (f.page > 0) where += fmt::format(", p.{}", f.page);
      std::string head = wrap(fmt::format("{} {} {}", when, f.polarity, where), width, "  ");
      // Colour after wrapping so escape codes do not count as columns.
      head.replace(2 + when.size() + 1, f.polarity.size(), coloured(f.polarity));
      out += head;
      out += wrap(f.text, width, "    ");
      if (!f.title.empty()) out += wrap("source: " + f.source, width, "    ");
    }
  }
  return out;
}

}  // namespace scrutiny
