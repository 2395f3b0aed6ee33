// Helpers for reading Ofsted inspection reports and visit letters (issue 7).
// analyse_ofsted_report itself is declared in metadata.h; these pieces are
// shared with the query side (grouping an authority's inspections) and tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace scrutiny {

// "Middlesbrough Borough Council", "London Borough of Enfield", "Derby City",
// "Bradford Children and Families Trust" -> "Middlesbrough", "Enfield",
// "Derby", "Bradford": the short name Ofsted uses in its newer titles, so one
// authority's reports group together whatever the title said at the time.
std::string canonical_authority(std::string_view name);

// Date ranges as Ofsted writes them: "13 to 24 March 2023", "25 November 2019
// to 6 December 2019", "11 September to 15 September 2023", "29 April – 22 May
// 2014", "25 and 26 January 2023", "29 and 30 September, and 1 October 2020",
// "15 December 2020". Returns ISO (start, end); nullopt when no full date.
std::optional<std::pair<std::string, std::string>> parse_date_range(std::string_view text);

// True for the headings under which Ofsted lists what must improve: "What
// needs to improve" (with "?" or "in this area of social work practice"),
// "Areas for improvement", "Areas for priority action", SIF "Recommendations".
// analyse_ofsted_report marks such passages `concern`; a polarity classifier
// running later should keep them so (Taxonomy::classify takes the section).
bool is_concern_section(std::string_view section);

// Days from `from` to `to` (ISO dates); nullopt if either does not parse.
std::optional<int> days_between(const std::string& from, const std::string& to);

}  // namespace scrutiny
