#include "filter_options.h"

namespace scrutiny::cli {

void add_filter_options(CLI::App& app, Filters& f) {
  app.add_option("--theme", f.themes, "Only passages tagged with this theme id (repeatable: any of them)")
      ->allow_extra_args(false)  // one id per --theme, so query words are not swallowed
      ->group("Filters");
  app.add_option_function<int>("--year", [&f](const int& y) { f.year = y; }, "Only this year")
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
