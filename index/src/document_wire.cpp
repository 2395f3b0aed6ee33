#include "scrutiny/document_wire.h"

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

namespace scrutiny {
namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

std::optional<std::string> opt_string(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

json passage_json(const Passage& p) {
  return json{{"page", p.page},         {"section", p.section},
              {"text", p.text},         {"list_item", p.list_item},
              {"boilerplate", p.boilerplate}, {"themes", p.themes},
              {"polarity", to_string(p.polarity)}, {"matches", p.matches}};
}

Passage passage_from(const json& j) {
  Passage p;
  p.page = j.at("page").get<int>();
  p.section = j.at("section").get<std::string>();
  p.text = j.at("text").get<std::string>();
  p.list_item = j.at("list_item").get<bool>();
  p.boilerplate = j.at("boilerplate").get<bool>();
  p.themes = j.at("themes").get<std::vector<std::string>>();
  p.polarity = parse_polarity(j.at("polarity").get<std::string>()).value_or(Polarity::neutral);
  p.matches = j.at("matches").get<std::map<std::string, std::vector<std::string>>>();
  return p;
}

json judgements_json(const Judgements& j) {
  return json{{"overall", opt(j.overall)},
              {"leaders", opt(j.leaders)},
              {"help_and_protection", opt(j.help_and_protection)},
              {"in_care", opt(j.in_care)},
              {"care_leavers", opt(j.care_leavers)},
              {"in_care_includes_care_leavers", j.in_care_includes_care_leavers}};
}

Judgements judgements_from(const json& j) {
  Judgements out;
  out.overall = opt_string(j, "overall");
  out.leaders = opt_string(j, "leaders");
  out.help_and_protection = opt_string(j, "help_and_protection");
  out.in_care = opt_string(j, "in_care");
  out.care_leavers = opt_string(j, "care_leavers");
  out.in_care_includes_care_leavers = j.at("in_care_includes_care_leavers").get<bool>();
  return out;
}

// The Document as JSON; `with_passages` false leaves "passages" empty.
std::string document_json(const Document& d, bool with_passages) {
  json passages = json::array();
  if (with_passages)
    for (const auto& p : d.passages) passages.push_back(passage_json(p));
  json j{{"source", d.source},       {"format", d.format},
         {"doc_id", d.doc_id},       {"title", d.title},
         {"type", d.type},           {"body", d.body},
         {"date", opt(d.date)},      {"year", d.year ? json(*d.year) : json(nullptr)},
         {"authority", d.authority}, {"judgement", d.judgement},
         {"visit", d.visit},         {"url", d.url},
         {"framework", d.framework}, {"framework_variant", d.framework_variant},
         {"judgements", judgements_json(d.judgements)},
         {"inspection_start", opt(d.inspection_start)},
         {"inspection_end", opt(d.inspection_end)},
         {"lead_inspector", d.lead_inspector},
         {"provenance", d.provenance},
         {"pages", d.pages},         {"passages", std::move(passages)}};
  // Invalid UTF-8 must not abort the worker: replace it.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string encode_document(const Document& d) { return document_json(d, true); }

Result<Document> decode_document(std::string_view bytes) {
  json j = json::parse(bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{"worker sent a malformed document"};
  try {
    Document d;
    d.source = j.at("source").get<std::string>();
    d.format = j.at("format").get<std::string>();
    d.doc_id = j.at("doc_id").get<std::string>();
    d.title = j.at("title").get<std::string>();
    d.type = j.at("type").get<std::string>();
    d.body = j.at("body").get<std::string>();
    d.date = opt_string(j, "date");
    if (j.at("year").is_number_integer()) d.year = j["year"].get<int>();
    d.authority = j.at("authority").get<std::string>();
    d.judgement = j.at("judgement").get<std::string>();
    d.visit = j.at("visit").get<std::string>();
    d.url = j.at("url").get<std::string>();
    d.framework = j.at("framework").get<std::string>();
    d.framework_variant = j.at("framework_variant").get<std::string>();
    d.judgements = judgements_from(j.at("judgements"));
    d.inspection_start = opt_string(j, "inspection_start");
    d.inspection_end = opt_string(j, "inspection_end");
    d.lead_inspector = j.at("lead_inspector").get<std::string>();
    d.provenance = j.at("provenance").get<std::map<std::string, std::string>>();
    d.pages = j.at("pages").get<int>();
    for (const auto& p : j.at("passages")) d.passages.push_back(passage_from(p));
    return d;
  } catch (const json::exception& e) {
    return Error{std::string("worker sent an incomplete document: ") + e.what()};
  }
}

namespace {

void append_part(std::string& out, std::string_view part) {
  std::uint64_t n = part.size();
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out.append(part);
}

// The next length-prefixed part of `bytes`, advancing it; nullopt when cut short.
std::optional<std::string_view> take_part(std::string_view& bytes) {
  if (bytes.size() < 8) return std::nullopt;
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(bytes[i]);
  if (n > bytes.size() - 8) return std::nullopt;
  std::string_view part = bytes.substr(8, n);
  bytes.remove_prefix(8 + n);
  return part;
}

}  // namespace

std::string encode_indexed_document(const Document& doc, const std::vector<BuiltPassage>& passages) {
  std::string out;
  append_part(out, document_json(doc, false));  // the passages' text is in their stored data
  std::string part;
  for (const auto& p : passages) {
    part.clear();
    append_built_passage(part, p);
    append_part(out, part);
  }
  return out;
}

Result<IndexedDocument> decode_indexed_document(std::string_view bytes) {
  std::optional<std::string_view> head = take_part(bytes);
  if (!head) return Error{"worker sent a truncated document"};
  Result<Document> doc = decode_document(*head);
  if (!doc.ok()) return Error{doc.error()};
  IndexedDocument out{std::move(doc.value()), {}};
  while (!bytes.empty()) {
    std::optional<std::string_view> part = take_part(bytes);
    if (!part) return Error{"worker sent a truncated passage"};
    std::optional<BuiltPassage> passage = parse_built_passage(*part);
    if (!passage) return Error{"worker sent a malformed passage"};
    out.passages.push_back(std::move(*passage));
  }
  return out;
}

}  // namespace scrutiny
