// Ofsted inspection reports and visit letters: recognises the document from
// its opening page and reads the judgement table, inspection dates, lead
// inspector and authority. Works on ExtractedText whatever the block
// boundaries are: it reads lines and a flat token stream, never layout.
// See docs/ofsted.md for the forms handled.
#include <algorithm>
#include <cctype>
// GCC 12 reports a false -Wmaybe-uninitialized inside libstdc++'s <regex>
// (std::function in its NFA) when built with ASan; it is not in our code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>
#include <string>
#include <vector>

#include "scrutiny/metadata.h"
#include "scrutiny/ofsted.h"
#include "ofsted_table.h"

namespace scrutiny {
namespace {

struct Line {
  int page;
  std::string text;
};

// Typographic characters the normaliser may or may not have folded already.
std::string fold(std::string s) {
  static const std::pair<const char*, const char*> swaps[] = {
      {"\xE2\x80\x99", "'"}, {"\xE2\x80\x98", "'"}, {"\xE2\x80\x93", " - "},
      {"\xE2\x80\x94", " - "}, {"\xE2\x94\x80", " - "}, {"\xC2\xA0", " "}};
  for (auto [from, to] : swaps) {
    size_t pos = 0;
    std::string f = from;
    while ((pos = s.find(f, pos)) != std::string::npos) {
      s.replace(pos, f.size(), to);
      pos += std::string(to).size();
    }
  }
  return s;
}

std::string collapse(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<Line> lines_of(const ExtractedText& text, int max_page) {
  std::vector<Line> lines;
  for (const auto& b : text.blocks) {
    if (max_page > 0 && b.page > max_page) break;
    std::string t = fold(b.text);
    size_t start = 0;
    while (start <= t.size()) {
      size_t nl = t.find('\n', start);
      std::string one = collapse(t.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (!one.empty()) lines.push_back({b.page, one});
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  return lines;
}

std::string join(const std::vector<Line>& lines, size_t from, size_t count) {
  std::string out;
  for (size_t i = from; i < lines.size() && i < from + count; ++i) {
    if (!out.empty()) out += ' ';
    out += lines[i].text;
  }
  return out;
}

const auto kIcase = std::regex::icase | std::regex::ECMAScript;

// What kind of Ofsted document the opening text announces.
struct Kind {
  std::string visit;      // full_inspection | focused_visit | monitoring_visit | jtai | ""
  std::string framework;  // sif | ilacs | "" (ilacs_2026 decided later)
  std::string authority_raw;
  std::string evidence;   // the title words matched
};

std::optional<Kind> recognise(const std::string& head) {
  static const std::regex sif(
      R"(^(.{2,80}?)\s+(?:Re-inspection|Inspection) of services for children in need of help and protection)",
      kIcase);
  static const std::regex ilacs_new(
      R"(Inspection of (.{2,90}?)\s+(?:local authority\s+)?children's\s+services\s+Inspection dates?)", kIcase);
  static const std::regex trust(R"(^Inspection of (.{2,80}?(?:Trust|Partnership))\s+Inspection dates?)", kIcase);
  static const std::regex ilacs_old(
      R"(^(.{2,80}?)\s+Inspection of (?:local authority\s+)?children's\s+(?:social care\s+)?services\s+Inspection dates?)",
      kIcase);
  static const std::regex lscb(
      R"(^(.{2,80}?)\s+Review of the effectiveness of the Local Safeguarding Children Board\s+Inspection date)", kIcase);
  static const std::regex send(R"(Area SEND inspection of (.{2,80}?)\s+Local Area Partnership)", kIcase);
  static const std::regex focused(R"((Focused|Monitoring) visit (?:to|of) (?:the )?(.{2,90}?)\s+children's\s+services)",
                                  kIcase);
  static const std::regex jtai(R"(Joint targeted area inspection of .{0,200}?\bin (.{2,60}?)(?:\.|\s+This letter|\s+Dear))",
                               kIcase);
  static const std::regex letter(R"(This letter summarises|www\.gov\.uk/ofsted|enquiries@ofsted\.gov\.uk)", kIcase);
  std::smatch m;
  // Titles sit at the very top of a report; letters within the first page.
  const std::string top = head.substr(0, std::min<size_t>(head.size(), 400));
  if (std::regex_search(top, m, sif)) return Kind{"full_inspection", "sif", m[1], m[0]};
  if (std::regex_search(top, m, trust)) return Kind{"full_inspection", "ilacs", m[1], m[0]};
  if (std::regex_search(top, m, ilacs_old) && m.position(0) == 0) {
    std::string a = m[1];
    // "Inspection of X local authority children's services Inspection dates"
    // also matches ilacs_old with an empty-looking prefix; prefer the new form.
    std::smatch n;
    if (std::regex_search(top, n, ilacs_new) && n.position(0) == 0) return Kind{"full_inspection", "ilacs", n[1], n[0]};
    return Kind{"full_inspection", "ilacs", a, m[0]};
  }
  if (std::regex_search(top, m, ilacs_new) && m.position(0) < 40) return Kind{"full_inspection", "ilacs", m[1], m[0]};
  if (std::regex_search(top, m, lscb)) return Kind{"", "sif", m[1], m[0]};
  if (std::regex_search(top, m, send)) return Kind{"", "", m[1], m[0]};
  const std::string page1 = head.substr(0, std::min<size_t>(head.size(), 2500));
  if (!std::regex_search(page1, letter)) return std::nullopt;
  if (std::regex_search(page1, m, focused)) {
    std::string what = m[1];
    std::transform(what.begin(), what.end(), what.begin(), ::tolower);
    return Kind{what + "_visit", "ilacs", m[2], m[0]};
  }
  if (std::regex_search(page1, m, jtai)) return Kind{"jtai", "", m[1], m[0]};
  return std::nullopt;
}

std::string lead_inspector(const std::vector<Line>& lines, const std::string& flat, const std::string& visit,
                           std::string& evidence) {
  static const std::regex lead(R"((?:^|[^a-z])Lead inspector\b:?\s*(.*))");
  static const std::regex cut(
      R"(\s*(?:,|\bHMI\b|\bSenior\b|\bHer Majesty|\bHis Majesty|\bJudgement\b|\bDeputy\b|\bOfsted\b|$).*)");
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    const std::string& t = lines[i].text;
    if (!std::regex_search(t, m, lead)) continue;
    std::string name = std::regex_replace(m[1].str(), cut, "");
    if (name.empty() && i + 1 < lines.size()) name = std::regex_replace(lines[i + 1].text, cut, "");
    // Names are a few words; anything longer is prose that mentions the role.
    if (name.empty() || std::count(name.begin(), name.end(), ' ') > 3) continue;
    evidence = t;
    return name;
  }
  if (visit != "full_inspection") {
    static const std::regex signed_by(R"(Yours sincerely,?\s+([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,3}?)\s+(?:Her|His) Majesty)");
    std::smatch m;
    if (std::regex_search(flat, m, signed_by)) {
      evidence = m[0];
      return m[1];
    }
  }
  return {};
}

void inspection_dates(Document& doc, const std::string& head, const std::string& visit) {
  static const std::regex report(R"(Inspection dates?:?\s+(.{4,60}?\d{4}))", kIcase);
  static const std::regex letter(
      R"(This letter summarises the findings of .{0,200}?\b(?:on|between|from)\s+(\d.{2,70}?\d{4}))", kIcase);
  std::smatch m;
  const bool is_report = visit == "full_inspection" || visit.empty();
  if (!std::regex_search(head, m, is_report ? report : letter)) return;
  // "Inspection date: 2 June 2014 – 25 June 2014": the range ends at the
  // second year, not the first.
  std::string range = m[1];
  size_t after = m.position(1) + m.length(1);
  static const std::regex more(R"(^\s*(?:-|to|and)\s+\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4})");
  std::smatch tail;
  std::string rest = head.substr(after, 40);
  if (std::regex_search(rest, tail, more)) range += tail[0].str();
  auto r = parse_date_range(range);
  if (!r) return;
  doc.inspection_start = r->first;
  doc.inspection_end = r->second;
  doc.provenance["inspection_dates"] = "text: " + collapse(m[0].str() + (tail.empty() ? "" : tail[0].str()));
}

// Publication evidence in the file itself: SIF "Report published: 8 August
// 2014"; a letter's own date above "Dear ...".
void publication_date(Document& doc, const std::string& head, bool letter) {
  if (doc.date) return;  // sidecar/manifest hints win (analyse_metadata applies them)
  static const std::regex published(R"(Report published:?\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4}))", kIcase);
  std::smatch m;
  std::optional<std::pair<std::string, std::string>> d;
  std::string evidence;
  if (std::regex_search(head, m, published)) {
    d = parse_date_range(m[1].str());
    evidence = m[0];
  } else if (letter) {
    // The letter's own date sits between the letterhead and "Dear ...".
    static const std::regex dated(R"(\b(\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4})\b)");
    const std::string top = head.substr(0, head.find("Dear "));
    if (std::regex_search(top, m, dated)) {
      d = parse_date_range(m[1].str());
      evidence = "letter dated " + m[1].str();
    }
  }
  if (!d) return;
  doc.date = d->first;
  doc.year = std::stoi(d->first.substr(0, 4));
  doc.provenance["date"] = "text: " + evidence;
  doc.provenance["year"] = "date";
}

// A title a researcher can cite, from what the report is: PDF titles of these
// files are often a template's ("LA NAME - standard-short inspection report")
// or a draft's ("Barnsley - Draft Report").
std::string report_title(const std::string& authority, const std::string& visit, const std::string& framework) {
  if (authority.empty()) return {};
  if (visit == "full_inspection")
    return framework == "sif" ? authority + ": inspection of services for children in need of help and protection, "
                                            "children looked after and care leavers"
                              : "Inspection of " + authority + " local authority children's services";
  if (visit == "focused_visit") return "Focused visit to " + authority + " children's services";
  if (visit == "monitoring_visit") return "Monitoring visit to " + authority + " children's services";
  if (visit == "jtai") return "Joint targeted area inspection of " + authority;
  return {};
}

// Findings: the improvement bullets are what the report says is wrong.
void mark_concerns(Document& doc) {
  for (auto& p : doc.passages) {
    if (p.boilerplate) continue;
    if (is_concern_section(p.section)) p.polarity = Polarity::concern;
  }
}

}  // namespace

bool is_concern_section(std::string_view section) {
  static const std::regex re(
      R"(^\s*(?:\d+\.?\s*)?(What needs to improve|Areas? for (?:improvement|priority action)|Recommendations)\b)",
      kIcase);
  return std::regex_search(section.begin(), section.end(), re);
}

bool analyse_ofsted_report(Document& doc, const ExtractedText& text) {
  const std::vector<Line> head_lines = lines_of(text, 3);
  if (head_lines.empty()) return false;
  const std::string head = join(head_lines, 0, head_lines.size());
  auto kind = recognise(head);
  if (!kind) return false;

  doc.type = "ofsted_report";
  doc.provenance["type"] = "text: " + collapse(kind->evidence).substr(0, 120);
  std::string authority = canonical_authority(collapse(kind->authority_raw));
  if (!authority.empty()) {
    doc.authority = authority;
    doc.provenance["authority"] = "text: " + collapse(kind->evidence).substr(0, 120);
  }
  doc.visit = kind->visit;
  if (!kind->visit.empty()) doc.provenance["visit"] = "text: " + collapse(kind->evidence).substr(0, 120);
  doc.framework = kind->framework;

  inspection_dates(doc, head, kind->visit);

  const std::vector<Line> all_lines = lines_of(text, 0);
  const std::string flat = join(all_lines, 0, all_lines.size());
  std::string evidence;
  std::string lead = lead_inspector(all_lines, flat, kind->visit, evidence);
  if (!lead.empty()) {
    doc.lead_inspector = lead;
    doc.provenance["lead_inspector"] = "text: " + evidence;
  }

  if (kind->visit == "full_inspection") {
    JudgementTable table = read_judgement_table(head, kind->framework == "sif");
    doc.judgements = table.judgements;
    if (kind->framework == "ilacs" && table.found && !table.has_overall_row) {
      doc.framework = "ilacs_2026";  // the 1 April 2026 framework dropped overall effectiveness
      doc.provenance["framework"] = "text: judgement table without an overall effectiveness row";
    } else {
      doc.provenance["framework"] = "text: " + collapse(kind->evidence).substr(0, 120);
    }
    if (doc.judgements.overall) {
      doc.judgement = *doc.judgements.overall;
      doc.provenance["judgement"] = "text: " + table.overall_evidence;
    }
    if (doc.framework != "sif" && doc.inspection_start && doc.inspection_end) {
      if (auto days = days_between(*doc.inspection_start, *doc.inspection_end)) {
        // Short inspections are one week on site, standard ones two.
        doc.framework_variant = *days <= 6 ? "short" : "standard";
        doc.provenance["framework_variant"] = "inspection of " + std::to_string(*days + 1) + " days";
      }
    }
  }

  if (std::string title = report_title(doc.authority, doc.visit, doc.framework); !title.empty()) {
    doc.title = title;
    doc.provenance["title"] = "ofsted: " + collapse(kind->evidence).substr(0, 120);
  }
  publication_date(doc, head, kind->visit != "full_inspection" && !kind->visit.empty());
  mark_concerns(doc);
  return true;
}

}  // namespace scrutiny
