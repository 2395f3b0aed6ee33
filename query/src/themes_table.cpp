#include "scrutiny/themes_table.h"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "scrutiny/prefix_terms.h"
#include "scrutiny/schema.h"
#include "scrutiny/synonyms.h"

namespace scrutiny {
namespace {

// Per-docid facts gathered from posting lists; docids index the vectors.
struct PassageFacts {
  enum : std::uint8_t { kAllowed = 1, kConcern = 2, kBoilerplate = 4 };
  std::vector<std::uint8_t> flags;
  std::vector<std::int16_t> year;  // index into ThemesTable::years, -1 undated

  bool counted(Xapian::docid d) const { return (flags[d] & (kAllowed | kBoilerplate)) == kAllowed; }
};

// Marks each passage the restriction matches.
class MarkMatches : public Xapian::MatchSpy {
 public:
  explicit MarkMatches(std::vector<std::uint8_t>& flags) : flags_(flags) {}
  void operator()(const Xapian::Document& doc, double) override {
    flags_[doc.get_docid()] |= PassageFacts::kAllowed;
  }

 private:
  std::vector<std::uint8_t>& flags_;
};

template <typename F>
void for_each_posting(const Xapian::Database& db, const std::string& term, F&& f) {
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) f(*it);
}

void mark_allowed(const Xapian::Database& db, const Xapian::Query& restrict, PassageFacts& facts) {
  if (restrict.empty()) {
    std::fill(facts.flags.begin(), facts.flags.end(), PassageFacts::kAllowed);
    return;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(restrict);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  MarkMatches spy(facts.flags);
  enquire.add_matchspy(&spy);
  // check_at_least = every document, so the spy sees every match.
  enquire.get_mset(0, 0, db.get_doccount());
}

// Years from the Y<YYYY> terms, ascending.
std::vector<int> index_years(const Xapian::Database& db) {
  std::vector<int> years;
  const std::string prefix(schema::kYear);
  for (const std::string& t : terms_with_prefix(db, prefix)) {
    if (t.size() != prefix.size() + 4) continue;
    const std::string digits = t.substr(prefix.size());
    if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      years.push_back(std::stoi(digits));
  }
  std::sort(years.begin(), years.end());
  return years;
}

// Shade for a cell: its count relative to the busiest cell.
const char* shade(Xapian::doccount n, Xapian::doccount max) {
  if (n == 0 || max == 0) return "·";
  const double r = static_cast<double>(n) / max;
  if (r <= 0.25) return "░";
  if (r <= 0.5) return "▒";
  if (r <= 0.75) return "▓";
  return "█";
}

// Display width of UTF-8 text (every code point one column).
size_t display_width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;
  return w;
}

std::string fit(const std::string& s, size_t width) {
  if (display_width(s) <= width) return s + std::string(width - display_width(s), ' ');
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size() && w < width - 1; ++i) {
    out += s[i];
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 &&
        (i + 1 == s.size() || (static_cast<unsigned char>(s[i + 1]) & 0xC0) != 0x80))
      ++w;
  }
  return out + "…";
}

Xapian::doccount at(const std::map<int, Xapian::doccount>& m, int year) {
  auto it = m.find(year);
  return it == m.end() ? 0 : it->second;
}

std::string cell_text(const ThemeRow& row, int year) {
  const Xapian::doccount n = at(row.counts, year);
  if (n == 0) return "";
  return fmt::format("{}/{}", n, at(row.concerns, year));
}

}  // namespace

Result<Xapian::Query> restriction_query(const Xapian::Database& db, const std::string& query_text,
                                        const Filters& filters, const QueryContext& context) {
  const bool blank = query_text.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) return filter_query(db, filters, context);
  QueryContext quiet = context;
  quiet.spelling = false;
  if (!quiet.synonyms) quiet.synonyms = &Synonyms::default_set();
  auto parsed = parse_query(db, query_text, filters, quiet);
  if (!parsed) return Error{parsed.error()};
  return parsed->query;
}

Result<ThemesTable> build_themes_table(const Xapian::Database& db,
                                       const std::vector<ThemeInfo>& themes,
                                       const Xapian::Query& restrict) {
  try {
    ThemesTable table;
    PassageFacts facts;
    const Xapian::docid last = db.get_lastdocid();
    facts.flags.assign(last + 1, 0);
    facts.year.assign(last + 1, -1);
    mark_allowed(db, restrict, facts);
    for_each_posting(db, std::string(schema::kBoilerplate),
                     [&](Xapian::docid d) { facts.flags[d] |= PassageFacts::kBoilerplate; });
    for_each_posting(db, schema::term(schema::kPolarity, "concern"),
                     [&](Xapian::docid d) { facts.flags[d] |= PassageFacts::kConcern; });

    Xapian::doccount counted = 0;
    for (Xapian::docid d = 1; d <= last; ++d) counted += facts.counted(d);
    const std::vector<int> years = index_years(db);
    Xapian::doccount dated = 0;
    for (size_t i = 0; i < years.size(); ++i) {
      Xapian::doccount n = 0;
      for_each_posting(db, schema::term(schema::kYear, std::to_string(years[i])), [&](Xapian::docid d) {
        facts.year[d] = static_cast<std::int16_t>(i);
        n += facts.counted(d);
      });
      if (n == 0) continue;
      table.years.push_back(years[i]);
      table.passages[years[i]] = n;
      dated += n;
    }
    table.undated = counted - dated;

    for (const ThemeInfo& info : themes) {
      ThemeRow row{info.id, info.label.empty() ? info.id : info.label, {}, {}, 0, 0};
      std::vector<Xapian::doccount> n(years.size(), 0), c(years.size(), 0);
      for_each_posting(db, schema::term(schema::kTheme, info.id), [&](Xapian::docid d) {
        if (!facts.counted(d)) return;
        const bool concern = facts.flags[d] & PassageFacts::kConcern;
        ++row.total;
        row.total_concerns += concern;
        if (facts.year[d] < 0) return;
        ++n[facts.year[d]];
        c[facts.year[d]] += concern;
      });
      for (size_t i = 0; i < years.size(); ++i) {
        if (n[i] == 0) continue;
        row.counts[years[i]] = n[i];
        row.concerns[years[i]] = c[i];
      }
      table.themes.push_back(std::move(row));
    }
    return table;
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // read_index reopens and counts again
  } catch (const Xapian::Error& e) {
    return Error{std::string("cannot count themes: ") + e.get_type() + ": " + e.get_msg()};
  }
}

nlohmann::json to_json(const ThemesTable& table) {
  using nlohmann::json;
  auto by_year = [](const std::map<int, Xapian::doccount>& m) {
    json o = json::object();
    for (const auto& [year, n] : m) o[std::to_string(year)] = n;
    return o;
  };
  json themes = json::array();
  for (const ThemeRow& row : table.themes)
    themes.push_back({{"id", row.id},
                      {"label", row.label},
                      {"counts", by_year(row.counts)},
                      {"concerns", by_year(row.concerns)},
                      {"total", row.total},
                      {"total_concerns", row.total_concerns}});
  return json{{"years", table.years},
              {"themes", themes},
              {"passages", by_year(table.passages)},
              {"undated", table.undated}};
}

std::string format_csv(const ThemesTable& table) {
  std::string out = "theme,label,year,passages,concerns\n";
  for (const ThemeRow& row : table.themes) {
    std::string label = row.label;
    if (label.find_first_of(",\"\n") != std::string::npos) {
      std::string quoted = "\"";
      for (char c : label) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      label = quoted + "\"";
    }
    for (int year : table.years)
      out += fmt::format("{},{},{},{},{}\n", row.id, label, year, at(row.counts, year),
                         at(row.concerns, year));
  }
  return out;
}

std::string format_text(const ThemesTable& table, bool tty, size_t width) {
  Xapian::doccount max = 0;
  size_t cell = 6, label_width = 10;
  for (const ThemeRow& row : table.themes) {
    for (const auto& [year, n] : row.counts) {
      max = std::max(max, n);
      cell = std::max(cell, cell_text(row, year).size() + 2);
    }
    label_width = std::max(label_width, display_width(row.label));
  }
  label_width = std::min<size_t>(label_width, 26);
  const size_t per_block =
      std::max<size_t>(1, (width > label_width + 1 ? width - label_width - 1 : 0) / (cell + 1));

  std::string out = "Passages per theme and year, as passages/concerns (boilerplate excluded)\n";
  if (table.years.empty()) out += "No dated passages match.\n";
  for (size_t b = 0; b < table.years.size(); b += per_block) {
    const std::vector<int> years(table.years.begin() + b,
                                 table.years.begin() + std::min(table.years.size(), b + per_block));
    out += "\n" + std::string(label_width, ' ');
    for (int y : years) out += fmt::format(" {:>{}}", y, cell);
    out += '\n';
    for (const ThemeRow& row : table.themes) {
      out += fit(row.label, label_width);
      for (int y : years) {
        const Xapian::doccount n = at(row.counts, y), c = at(row.concerns, y);
        std::string mark = shade(n, max);
        if (tty && n > 0 && c * 2 >= n) mark = std::string("\x1b[31m") + mark + "\x1b[0m";  // mostly concerns
        else if (tty && n > 0 && c * 4 >= n) mark = std::string("\x1b[33m") + mark + "\x1b[0m";  // a quarter+
        out += fmt::format(" {}{:>{}}", mark, cell_text(row, y), cell - 1);
      }
      out += '\n';
    }
    out += fit("all passages", label_width);
    for (int y : years) out += fmt::format(" {:>{}}", at(table.passages, y), cell);
    out += '\n';
  }
  if (max > 0)
    out += fmt::format("\nShade ░▒▓█: share of the busiest cell ({} passages){}.\n", max,
                       tty ? "; red: mostly concerns, yellow: a quarter or more" : "");
  if (table.undated == 1) out += "1 matching passage has no year (not in the table).\n";
  if (table.undated > 1) out += fmt::format("{} matching passages have no year (not in the table).\n", table.undated);
  return out;
}

}  // namespace scrutiny
