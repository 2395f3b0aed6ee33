// analyse_metadata: fills each field from the best source that has it, in
// priority order, and records that source in Document::provenance:
//   hints (sidecar / manifest)  >  Ofsted report analysis  >  patterns in the
//   text  >  a full date in the file name  >  PDF info / HTML meta  >  file
//   mtime ("mtime (guess)").
// A field, once set, is never overwritten by a lower-priority source.
#include <cctype>
#include <ctime>

#include "metadata_text.h"
#include "scrutiny/metadata.h"
#include "uk_date.h"

namespace scrutiny {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Vocabulary ids from what people type in sidecars: "Requires improvement to
// be good" -> requires_improvement, "Monitoring visit" -> monitoring_visit.
std::string vocabulary_id(const std::string& field, const std::string& value) {
  std::string v = lower(value);
  for (auto& c : v)
    if (c == ' ' || c == '-') c = '_';
  if (field == "judgement") {
    if (v.rfind("requires_improvement", 0) == 0) return "requires_improvement";
    for (const char* id : {"outstanding", "good", "inadequate"})
      if (v == id) return v;
    return {};
  }
  if (field == "visit") {
    if (v == "ilacs" || v == "inspection" || v == "full_inspection") return "full_inspection";
    for (const char* id : {"monitoring_visit", "focused_visit", "jtai"})
      if (v == id) return v;
    if (v == "joint_targeted_area_inspection") return "jtai";
    return {};
  }
  // type
  for (const char* id : {"ofsted_report", "committee_report", "minutes", "agenda", "press_release", "other"})
    if (v == id) return v;
  if (v == "report") return "committee_report";
  if (v == "press" || v == "news") return "press_release";
  return {};
}

void set_date(Document& doc, const std::string& iso, const std::string& provenance) {
  doc.date = iso;
  doc.year = std::stoi(iso.substr(0, 4));
  doc.provenance["date"] = provenance;
  doc.provenance["year"] = "date";
}

void apply_hints(Document& doc, const MetadataHints& hints) {
  const std::string& origin = hints.origin.empty() ? std::string("hints") : hints.origin;
  for (const auto& [key, value] : hints.fields) {
    if (value.empty()) continue;
    if (key == "date") {
      if (auto iso = parse_uk_date(value)) {
        set_date(doc, *iso, origin);
      } else if (value.size() == 4 && std::isdigit(static_cast<unsigned char>(value[0]))) {
        doc.year = std::stoi(value);  // "date": "2022" gives the year only
        doc.provenance["year"] = origin;
      }
      continue;
    }
    std::string v = value;
    if (key == "type" || key == "judgement" || key == "visit") {
      v = vocabulary_id(key, value);
      if (v.empty()) continue;  // not in THEMES.md's vocabulary: let the text decide
    }
    if (key == "title") doc.title = v;
    else if (key == "body") doc.body = v;
    else if (key == "type") doc.type = v;
    else if (key == "url") doc.url = v;
    else if (key == "authority") doc.authority = v;
    else if (key == "judgement") doc.judgement = v;
    else if (key == "visit") doc.visit = v;
    else continue;
    doc.provenance[key] = origin;
  }
  if (doc.authority.empty() && !doc.url.empty()) {
    std::string a = authority_from_domain(doc.url);
    if (!a.empty()) {
      doc.authority = a;
      doc.provenance["authority"] = origin + " url";
    }
  }
}

bool from_hints(const Document& doc, const std::string& field) {
  auto it = doc.provenance.find(field);
  return it != doc.provenance.end() && (it->second == "sidecar" || it->second == "manifest" || it->second == "hints");
}

// "Children's services - Middlesbrough Council" / "... | Middlesbrough Council" -> "Children's services".
std::string without_site_suffix(std::string title) {
  for (const char* sep : {" | ", " - ", " \xE2\x80\x93 "}) {
    size_t pos = title.rfind(sep);
    if (pos == std::string::npos || pos == 0) continue;
    std::string tail = title.substr(pos + std::string(sep).size());
    if (tail.find("Council") != std::string::npos || tail.find("gov.uk") != std::string::npos ||
        tail.find("ModernGov") != std::string::npos)
      return title.substr(0, pos);
  }
  return title;
}

void from_text(Document& doc, const ExtractedText& text, const TextLines& t) {
  const bool ofsted = doc.type == "ofsted_report";
  auto meeting = find_meeting(t);
  auto dateline = find_dateline(t);
  if (meeting && meeting->date && !doc.date) set_date(doc, *meeting->date, "text: " + meeting->evidence);
  if (dateline && !doc.date) set_date(doc, dateline->value, "text: dateline " + dateline->evidence);
  if (doc.type.empty()) {
    Found type = find_type(t, meeting, dateline.has_value());
    doc.type = type.value;
    doc.provenance["type"] = type.evidence.empty() ? "default (no pattern matched)" : "text: " + type.evidence;
  }
  if (doc.body.empty() && meeting && !meeting->body.empty()) {
    doc.body = title_case_if_shouting(meeting->body);
    doc.provenance["body"] = "text: " + meeting->evidence;
  }
  if (doc.body.empty() && (doc.type == "minutes" || doc.type == "agenda")) {
    if (auto b = find_body_mention(t)) {
      doc.body = b->value;
      doc.provenance["body"] = "text: " + b->evidence;
    }
  }
  const bool ofsted_title = doc.provenance.count("title") && doc.provenance["title"].rfind("ofsted:", 0) == 0;
  if (!from_hints(doc, "title") && !ofsted_title) {
    if (auto title = find_title(t)) {
      doc.title = title->value;
      doc.provenance["title"] = "text: " + title->evidence;
    } else if (doc.title.empty() || doc.title == text.title) {
      std::string cleaned = without_site_suffix(text.title);
      if (!cleaned.empty()) {
        doc.title = cleaned;
        doc.provenance["title"] = text.format == "pdf" ? "pdf-info: Title" : "html: <title>";
      }
    }
  }
  if (doc.authority.empty()) {
    if (auto a = find_authority(t)) {
      doc.authority = a->value;
      doc.provenance["authority"] = "text: " + a->evidence;
    }
  }
  if (doc.judgement.empty() && !ofsted) {
    if (auto j = find_current_judgement(t)) {
      doc.judgement = j->value;
      doc.provenance["judgement"] = "text: " + j->evidence;
    }
  }
  if (doc.visit.empty() && !ofsted) {
    if (auto v = find_visit(t)) {
      doc.visit = v->value;
      doc.provenance["visit"] = "text: " + v->evidence;
    }
  }
  if (!doc.date && !doc.year) {
    if (auto y = infer_year(t)) {
      doc.year = std::stoi(y->value);
      doc.provenance["year"] = "text (year inferred): " + y->evidence;
    }
  }
}

std::optional<std::string> info_value(const ExtractedText& text, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    for (const auto& [key, value] : text.info)
      if (lower(key) == lower(k) && !value.empty()) return value;
  }
  return std::nullopt;
}

// PDF info dictionary (Title, CreationDate) and HTML meta (og:site_name, og:url,
// article:published_time), after the text.
void from_info(Document& doc, const ExtractedText& text) {
  const std::string origin = text.format == "pdf" ? "pdf-info" : "html-meta";
  if (doc.title.empty()) {
    if (auto t = info_value(text, {"Title", "og:title", "dc.title"})) {
      doc.title = without_site_suffix(*t);
      doc.provenance["title"] = origin + ": Title";
    }
  }
  if (!doc.date) {
    for (const char* key : {"CreationDate", "article:published_time", "dcterms.created", "dc.date", "ModDate"}) {
      auto v = info_value(text, {key});
      if (!v) continue;
      auto iso = parse_uk_date(v->substr(0, 10));
      if (!iso) continue;
      // A year inferred from the text outranks a creation date in another year
      // (PDFs are often re-saved long after the meeting).
      if (doc.year && *doc.year != std::stoi(iso->substr(0, 4))) break;
      std::string year_provenance = doc.year ? doc.provenance["year"] : "date";
      set_date(doc, *iso, origin + ": " + key);
      doc.provenance["year"] = year_provenance;
      break;
    }
  }
  if (doc.authority.empty()) {
    if (auto a = info_value(text, {"og:site_name", "DC.publisher", "publisher"});
        a && a->find("Council") != std::string::npos) {
      doc.authority = *a;
      doc.provenance["authority"] = origin + ": site name";
    } else if (auto u = info_value(text, {"og:url", "canonical", "url"})) {
      std::string name = authority_from_domain(*u);
      if (!name.empty()) {
        doc.authority = name;
        doc.provenance["authority"] = origin + ": " + *u;
      }
    }
  }
}

// A full date in the file name (metadata_text.h), never one before a year
// the text already implies.
void from_file_name(Document& doc) {
  if (doc.date) return;
  const size_t slash = doc.source.rfind('/');
  const std::string name = slash == std::string::npos ? doc.source : doc.source.substr(slash + 1);
  std::optional<std::string> iso = file_name_date(name);
  if (!iso || (doc.year && std::stoi(iso->substr(0, 4)) < *doc.year)) return;
  set_date(doc, *iso, "file name: " + name);
}

void from_mtime(Document& doc, std::optional<std::int64_t> mtime_seconds) {
  if (doc.date || doc.year || !mtime_seconds) return;
  std::time_t t = static_cast<std::time_t>(*mtime_seconds);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return;
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  set_date(doc, buf, "mtime (guess)");
  doc.provenance["year"] = "mtime (guess)";
}

}  // namespace

void analyse_metadata(Document& doc, const ExtractedText& text, const std::optional<MetadataHints>& hints,
                      std::optional<std::int64_t> mtime_seconds) {
  if (hints) apply_hints(doc, *hints);
  // The Ofsted analysis sets type/authority/visit unconditionally; hints still win.
  if (analyse_ofsted_report(doc, text) && hints) apply_hints(doc, *hints);
  const TextLines t = text_lines(text);
  from_text(doc, text, t);
  from_file_name(doc);
  from_info(doc, text);
  from_mtime(doc, mtime_seconds);
  if (doc.type.empty()) {
    doc.type = "other";
    doc.provenance["type"] = "default (no pattern matched)";
  }
}

}  // namespace scrutiny
