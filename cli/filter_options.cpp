#include "filter_options.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace scrutiny::cli {
namespace {

std::optional<int> four_digit_year(const std::string& s) {
  if (s.size() != 4 || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
    throw CLI::ValidationError("--year", "'" + s + "' is not a year (use 2021, 2019..2023, 2019.. or ..2023)");
  return std::stoi(s);
}

// "2021", "2019..2023", "2019.." or "..2023".
void parse_year_option(const std::string& v, Filters& f) {
  const auto dots = v.find("..");
  if (dots == std::string::npos) {
    f.year_from = f.year_to = four_digit_year(v);
    return;
  }
  const std::string a = v.substr(0, dots), b = v.substr(dots + 2);
  if (a.empty() && b.empty()) throw CLI::ValidationError("--year", "'..' needs a first or a last year");
  f.year_from = a.empty() ? std::nullopt : four_digit_year(a);
  f.year_to = b.empty() ? std::nullopt : four_digit_year(b);
}

}  // namespace

void add_filter_options(CLI::App& app, Filters& f) {
  app.add_option("--theme", f.themes, "Only passages tagged with this theme id (repeatable: any of them)")
      ->allow_extra_args(false)  // one id per --theme, so query words are not swallowed
      ->group("Filters");
  app.add_option_function<std::string>(
         "--year", [&f](const std::string& v) { parse_year_option(v, f); },
         "Only this year (2021), or these years (2019..2023, 2019.., ..2023)")
      ->group("Filters");
  app.add_option("--from", f.from, "From this date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive")
      ->group("Filters");
  app.add_option("--to", f.to, "Up to this date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive")
      ->group("Filters");
  app.add_option("--type", f.type,
                 "Document type: ofsted_report, committee_report, minutes, agenda, press_release, other")
      ->group("Filters");
  app.add_option("--body", f.body, "Committee or board, any case (e.g. \"Executive\")")->group("Filters");
  app.add_option("--polarity", f.polarity, "strength, concern or neutral")->group("Filters");
  app.add_option("--authority", f.authority, "Local authority, any case")->group("Filters");
  app.add_option("--judgement", f.judgement, "Overall judgement: outstanding, good, requires_improvement, inadequate")
      ->group("Filters");
  app.add_option("--visit", f.visit, "Visit: full_inspection, monitoring_visit, focused_visit, jtai")
      ->group("Filters");
}

}  // namespace scrutiny::cli
