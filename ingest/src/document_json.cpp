// JSON for Document, Passage and Judgements. ordered_json keeps the
// contract's field order in `scrutiny extract` output.
#include "scrutiny/document_json.h"

namespace scrutiny {
namespace {

using ojson = nlohmann::ordered_json;

template <typename J>
J optional_value(const std::optional<std::string>& s) {
  return s ? J(*s) : J(nullptr);
}

template <typename J>
J empty_as_null(const std::string& s) {
  return s.empty() ? J(nullptr) : J(s);
}

std::string string_or_empty(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> optional_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

template <typename J>
J passage_json(const Passage& p) {
  using ojson = J;
  ojson matches = ojson::object();
  for (const auto& [theme, rules] : p.matches) matches[theme] = rules;
  return ojson{{"page", p.page > 0 ? ojson(p.page) : ojson(nullptr)},
               {"section", empty_as_null<ojson>(p.section)},
               {"text", p.text},
               {"themes", p.themes},
               {"polarity", to_string(p.polarity)},
               {"list_item", p.list_item},
               {"boilerplate", p.boilerplate},
               {"matches", matches}};
}

template <typename J>
J judgements_json(const Judgements& g) {
  using ojson = J;
  return ojson{{"overall", optional_value<ojson>(g.overall)},
               {"leaders", optional_value<ojson>(g.leaders)},
               {"help_and_protection", optional_value<ojson>(g.help_and_protection)},
               {"in_care", optional_value<ojson>(g.in_care)},
               {"care_leavers", optional_value<ojson>(g.care_leavers)},
               {"in_care_includes_care_leavers", g.in_care_includes_care_leavers}};
}

template <typename J>
J document_json_as(const Document& d, bool with_passages) {
  using ojson = J;
  ojson j;
  j["source"] = d.source;
  j["format"] = d.format;
  j["title"] = empty_as_null<ojson>(d.title);
  j["type"] = empty_as_null<ojson>(d.type);
  j["body"] = empty_as_null<ojson>(d.body);
  j["date"] = optional_value<ojson>(d.date);
  j["year"] = d.year ? ojson(*d.year) : ojson(nullptr);
  j["judgement"] = empty_as_null<ojson>(d.judgement);
  j["pages"] = d.pages > 0 ? ojson(d.pages) : ojson(nullptr);
  if (with_passages) j["text"] = d.text();
  j["doc_id"] = d.doc_id;
  j["authority"] = empty_as_null<ojson>(d.authority);
  j["visit"] = empty_as_null<ojson>(d.visit);
  j["url"] = empty_as_null<ojson>(d.url);
  j["framework"] = empty_as_null<ojson>(d.framework);
  j["framework_variant"] = empty_as_null<ojson>(d.framework_variant);
  j["judgements"] = judgements_json<J>(d.judgements);
  j["inspection_start"] = optional_value<ojson>(d.inspection_start);
  j["inspection_end"] = optional_value<ojson>(d.inspection_end);
  j["lead_inspector"] = empty_as_null<ojson>(d.lead_inspector);
  ojson provenance = ojson::object();
  for (const auto& [field, origin] : d.provenance) provenance[field] = origin;
  j["provenance"] = provenance;
  if (with_passages) {
    ojson passages = ojson::array();
    for (const Passage& p : d.passages) passages.push_back(passage_json<J>(p));
    j["passages"] = passages;
  }
  return j;
}

}  // namespace

ojson document_json(const Document& d, bool with_passages) { return document_json_as<ojson>(d, with_passages); }

void to_json(nlohmann::json& j, const Passage& p) { j = passage_json<nlohmann::json>(p); }

void from_json(const nlohmann::json& j, Passage& p) {
  p = Passage{};
  if (auto it = j.find("page"); it != j.end() && it->is_number_integer()) p.page = it->get<int>();
  p.section = string_or_empty(j, "section");
  p.text = string_or_empty(j, "text");
  if (auto it = j.find("list_item"); it != j.end() && it->is_boolean()) p.list_item = it->get<bool>();
  if (auto it = j.find("boilerplate"); it != j.end() && it->is_boolean()) p.boilerplate = it->get<bool>();
  if (auto it = j.find("themes"); it != j.end() && it->is_array())
    for (const auto& t : *it)
      if (t.is_string()) p.themes.push_back(t.get<std::string>());
  if (auto pol = parse_polarity(string_or_empty(j, "polarity"))) p.polarity = *pol;
  if (auto it = j.find("matches"); it != j.end() && it->is_object())
    for (const auto& [theme, rules] : it->items())
      if (rules.is_array())
        for (const auto& r : rules)
          if (r.is_string()) p.matches[theme].push_back(r.get<std::string>());
}

void to_json(nlohmann::json& j, const Judgements& g) { j = judgements_json<nlohmann::json>(g); }

void from_json(const nlohmann::json& j, Judgements& g) {
  g = Judgements{};
  if (!j.is_object()) return;
  g.overall = optional_string(j, "overall");
  g.leaders = optional_string(j, "leaders");
  g.help_and_protection = optional_string(j, "help_and_protection");
  g.in_care = optional_string(j, "in_care");
  g.care_leavers = optional_string(j, "care_leavers");
  if (auto it = j.find("in_care_includes_care_leavers"); it != j.end() && it->is_boolean())
    g.in_care_includes_care_leavers = it->get<bool>();
}

void to_json(nlohmann::json& j, const Document& d) { j = document_json_as<nlohmann::json>(d, true); }

void from_json(const nlohmann::json& j, Document& d) {
  d = Document{};
  if (!j.is_object()) return;
  d.source = string_or_empty(j, "source");
  if (d.source.empty())  // stored document records list every path as "sources"
    if (auto it = j.find("sources"); it != j.end() && it->is_array() && !it->empty() && it->front().is_string())
      d.source = it->front().get<std::string>();
  d.format = string_or_empty(j, "format");
  d.doc_id = string_or_empty(j, "doc_id");
  d.title = string_or_empty(j, "title");
  d.type = string_or_empty(j, "type");
  d.body = string_or_empty(j, "body");
  d.date = optional_string(j, "date");
  if (auto it = j.find("year"); it != j.end() && it->is_number_integer()) d.year = it->get<int>();
  d.authority = string_or_empty(j, "authority");
  d.judgement = string_or_empty(j, "judgement");
  d.visit = string_or_empty(j, "visit");
  d.url = string_or_empty(j, "url");
  d.framework = string_or_empty(j, "framework");
  d.framework_variant = string_or_empty(j, "framework_variant");
  if (auto it = j.find("judgements"); it != j.end()) from_json(*it, d.judgements);
  d.inspection_start = optional_string(j, "inspection_start");
  d.inspection_end = optional_string(j, "inspection_end");
  d.lead_inspector = string_or_empty(j, "lead_inspector");
  if (auto it = j.find("provenance"); it != j.end() && it->is_object())
    for (const auto& [field, origin] : it->items())
      if (origin.is_string()) d.provenance[field] = origin.get<std::string>();
  if (auto it = j.find("pages"); it != j.end() && it->is_number_integer()) d.pages = it->get<int>();
  if (auto it = j.find("passages"); it != j.end() && it->is_array())
    for (const auto& p : *it) d.passages.push_back(p.get<Passage>());
}

}  // namespace scrutiny
