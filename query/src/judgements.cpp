// Judgement histories from the index's document records (see judgements.h).
#include "scrutiny/judgements.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "scrutiny/ofsted.h"

namespace scrutiny {
namespace {

using nlohmann::json;

constexpr std::array<const char*, 5> kAreas = {"overall", "leaders", "help_and_protection", "in_care",
                                               "care_leavers"};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> opt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return it->get<std::string>();
}

json opt_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

std::optional<std::string> grade(const Judgements& j, std::string_view area) {
  if (area == "overall") return j.overall;
  if (area == "leaders") return j.leaders;
  if (area == "help_and_protection") return j.help_and_protection;
  if (area == "in_care") return j.in_care;
  // Before the split, the one "in care and care leavers" grade covers both.
  if (j.in_care_includes_care_leavers && !j.care_leavers) return j.in_care;
  return j.care_leavers;
}

Inspection inspection_from(const json& r) {
  Inspection i;
  i.doc_id = str(r, "doc_id");
  i.source = str(r, "source");
  i.authority = canonical_authority(str(r, "authority"));
  i.date = opt(r, "date");
  i.inspection_start = opt(r, "inspection_start");
  i.inspection_end = opt(r, "inspection_end");
  i.visit = str(r, "visit");
  i.framework = str(r, "framework");
  i.framework_variant = str(r, "framework_variant");
  i.lead_inspector = str(r, "lead_inspector");
  if (auto j = r.find("judgements"); j != r.end() && j->is_object()) {
    i.judgements.overall = opt(*j, "overall");
    i.judgements.leaders = opt(*j, "leaders");
    i.judgements.help_and_protection = opt(*j, "help_and_protection");
    i.judgements.in_care = opt(*j, "in_care");
    i.judgements.care_leavers = opt(*j, "care_leavers");
    auto c = j->find("in_care_includes_care_leavers");
    i.judgements.in_care_includes_care_leavers = c != j->end() && c->is_boolean() && c->get<bool>();
  }
  return i;
}

Transition transition(const Inspection& a, const Inspection& b) {
  Transition t{a.doc_id, b.doc_id, {}};
  for (const char* area : kAreas) {
    Movement m{area, grade(a.judgements, area), grade(b.judgements, area), ""};
    auto ra = m.from ? grade_rank(*m.from) : std::nullopt;
    auto rb = m.to ? grade_rank(*m.to) : std::nullopt;
    if (ra && rb) m.change = *rb > *ra ? "improved" : *rb < *ra ? "declined" : "unchanged";
    t.movements.push_back(std::move(m));
  }
  return t;
}

// The year a reader knows a report by: its publication, else its inspection.
std::string year_of(const Inspection& i) {
  std::string d = i.date.value_or(i.sort_date());
  return d.size() >= 4 ? d.substr(0, 4) : "?";
}

std::string or_dash(const std::optional<std::string>& s) { return s ? *s : "-"; }
std::string grade_or_dash(const std::optional<std::string>& s) { return s ? grade_label(*s) : "-"; }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string Inspection::sort_date() const {
  if (inspection_end) return *inspection_end;
  if (date) return *date;
  return inspection_start.value_or("");
}

std::string grade_label(const std::string& id) {
  std::string s = id;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::optional<int> grade_rank(const std::string& id) {
  if (id == "inadequate") return 0;
  if (id == "requires_improvement") return 1;
  if (id == "good") return 2;
  if (id == "outstanding") return 3;
  return std::nullopt;
}

std::vector<AuthorityHistory> build_histories(const std::vector<json>& records, const std::string& authority) {
  const std::string wanted = lower(canonical_authority(authority));
  std::map<std::string, AuthorityHistory> by_key;
  for (const auto& r : records) {
    if (!r.is_object() || str(r, "type") != "ofsted_report") continue;
    Inspection i = inspection_from(r);
    if (i.authority.empty()) continue;
    const std::string key = lower(i.authority);
    if (!wanted.empty() && key != wanted) continue;
    auto& h = by_key[key];
    if (h.authority.empty()) h.authority = i.authority;
    h.inspections.push_back(std::move(i));
  }
  std::vector<AuthorityHistory> out;
  for (auto& [key, h] : by_key) {
    std::stable_sort(h.inspections.begin(), h.inspections.end(),
                     [](const Inspection& a, const Inspection& b) { return a.sort_date() < b.sort_date(); });
    const Inspection* previous = nullptr;
    for (const auto& i : h.inspections) {
      if (i.visit != "full_inspection" || i.judgements.empty()) continue;
      if (previous) h.transitions.push_back(transition(*previous, i));
      previous = &i;
    }
    out.push_back(std::move(h));
  }
  return out;
}

Result<std::vector<AuthorityHistory>> judgement_histories(const Xapian::Database& db, const std::string& authority) {
  std::vector<json> records;
  try {
    for (auto it = db.metadata_keys_begin("doc:"); it != db.metadata_keys_end("doc:"); ++it) {
      json r = json::parse(db.get_metadata(*it), nullptr, false);
      if (!r.is_discarded()) records.push_back(std::move(r));
    }
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // read_index reopens and reads again
  } catch (const Xapian::Error& e) {
    return Error{std::string("cannot read document records: ") + e.get_type() + ": " + e.get_msg()};
  }
  return build_histories(records, authority);
}

std::string overall_trajectory(const AuthorityHistory& h) {
  std::string out;
  for (const auto& i : h.inspections) {
    if (i.visit != "full_inspection" || i.judgements.empty()) continue;
    std::string step;
    if (i.judgements.overall) {
      step = grade_label(*i.judgements.overall);
    } else {
      // The 2026 framework gives no overall grade: show the areas instead.
      step = fmt::format("(no overall grade: leaders {}, help and protection {}, in care {}, care leavers {})",
                         grade_or_dash(i.judgements.leaders), grade_or_dash(i.judgements.help_and_protection),
                         grade_or_dash(i.judgements.in_care), grade_or_dash(grade(i.judgements, "care_leavers")));
    }
    if (!out.empty()) out += " -> ";
    out += step + " " + year_of(i);
  }
  return out;
}

std::string format_histories_text(const std::vector<AuthorityHistory>& histories) {
  std::ostringstream out;
  for (const auto& h : histories) {
    out << h.authority << "\n";
    out << fmt::format("  {:<10} {:<19} {:<22} {:<16} {:<21} {:<21} {:<21} {:<21} {:<21} {}\n", "published",
                       "framework", "inspected", "visit", "overall", "leaders", "help & protection", "in care",
                       "care leavers", "lead inspector");
    for (const auto& i : h.inspections) {
      std::string framework = i.framework + (i.framework_variant.empty() ? "" : "/" + i.framework_variant);
      std::string dates = i.inspection_start ? *i.inspection_start + ".." + or_dash(i.inspection_end) : "-";
      std::string care_leavers = i.judgements.in_care_includes_care_leavers && !i.judgements.care_leavers
                                     ? "(with in care)"
                                     : grade_or_dash(i.judgements.care_leavers);
      out << fmt::format("  {:<10} {:<19} {:<22} {:<16} {:<21} {:<21} {:<21} {:<21} {:<21} {}\n",
                         or_dash(i.date), framework.empty() ? "-" : framework, dates,
                         i.visit.empty() ? "-" : i.visit, grade_or_dash(i.judgements.overall),
                         grade_or_dash(i.judgements.leaders), grade_or_dash(i.judgements.help_and_protection),
                         grade_or_dash(i.judgements.in_care), care_leavers,
                         i.lead_inspector.empty() ? "-" : i.lead_inspector);
    }
    std::string trajectory = overall_trajectory(h);
    if (!trajectory.empty()) out << "  overall: " << trajectory << "\n";
    for (const auto& t : h.transitions) {
      std::vector<std::string> changed;
      for (const auto& m : t.movements)
        if (m.change == "improved" || m.change == "declined")
          changed.push_back(fmt::format("{} {} ({} -> {})", m.area, m.change, grade_label(*m.from),
                                        grade_label(*m.to)));
      auto year = [&](const std::string& id) {
        for (const auto& i : h.inspections)
          if (i.doc_id == id) return year_of(i);
        return std::string("?");
      };
      out << fmt::format("  {} -> {}: {}\n", year(t.from_doc_id), year(t.to_doc_id),
                         changed.empty() ? std::string("no grade changed") : fmt::format("{}", fmt::join(changed, "; ")));
    }
    out << "\n";
  }
  return out.str();
}

json histories_json(const std::vector<AuthorityHistory>& histories) {
  json out = json::array();
  for (const auto& h : histories) {
    json inspections = json::array();
    for (const auto& i : h.inspections) {
      const Judgements& j = i.judgements;
      inspections.push_back({{"doc_id", i.doc_id},
                             {"source", i.source},
                             {"date", opt_json(i.date)},
                             {"inspection_start", opt_json(i.inspection_start)},
                             {"inspection_end", opt_json(i.inspection_end)},
                             {"visit", i.visit},
                             {"framework", i.framework},
                             {"framework_variant", i.framework_variant},
                             {"lead_inspector", i.lead_inspector},
                             {"judgements",
                              {{"overall", opt_json(j.overall)},
                               {"leaders", opt_json(j.leaders)},
                               {"help_and_protection", opt_json(j.help_and_protection)},
                               {"in_care", opt_json(j.in_care)},
                               {"care_leavers", opt_json(j.care_leavers)},
                               {"in_care_includes_care_leavers", j.in_care_includes_care_leavers}}}});
    }
    json transitions = json::array();
    for (const auto& t : h.transitions) {
      json movements = json::object();
      for (const auto& m : t.movements)
        movements[m.area] = {{"from", opt_json(m.from)}, {"to", opt_json(m.to)},
                             {"change", m.change.empty() ? json(nullptr) : json(m.change)}};
      transitions.push_back({{"from", t.from_doc_id}, {"to", t.to_doc_id}, {"movements", movements}});
    }
    out.push_back({{"authority", h.authority},
                   {"trajectory", overall_trajectory(h)},
                   {"inspections", inspections},
                   {"transitions", transitions}});
  }
  return out;
}

std::string format_histories_csv(const std::vector<AuthorityHistory>& histories) {
  std::ostringstream out;
  out << "authority,date,inspection_start,inspection_end,visit,framework,framework_variant,lead_inspector,"
         "overall,leaders,help_and_protection,in_care,care_leavers,in_care_includes_care_leavers,"
         "overall_change,doc_id,source\n";
  for (const auto& h : histories) {
    std::map<std::string, std::string> overall_change;  // doc_id -> change since the previous inspection
    for (const auto& t : h.transitions) overall_change[t.to_doc_id] = t.movements.front().change;
    for (const auto& i : h.inspections) {
      const Judgements& j = i.judgements;
      auto g = [](const std::optional<std::string>& s) { return s.value_or(""); };
      std::vector<std::string> row = {h.authority, g(i.date), g(i.inspection_start), g(i.inspection_end), i.visit,
                                      i.framework, i.framework_variant, i.lead_inspector, g(j.overall),
                                      g(j.leaders), g(j.help_and_protection), g(j.in_care), g(j.care_leavers),
                                      j.in_care_includes_care_leavers ? "true" : "false",
                                      overall_change.count(i.doc_id) ? overall_change[i.doc_id] : "",
                                      i.doc_id, i.source};
      for (size_t k = 0; k < row.size(); ++k) out << (k ? "," : "") << csv_field(row[k]);
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace scrutiny
