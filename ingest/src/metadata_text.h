// What the text of a council document says about itself: the patterns that
// metadata.cpp tries after the hints and before PDF info. Each finder returns
// the value and the line it came from (recorded as provenance "text: ...").
// Internal to ingest; see docs/metadata.md for the forms recognised.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutiny/extract.h"

namespace scrutiny {

// The document's lines with typography folded (curly quotes to ', dashes to
// '-', no-break spaces to ' '), one per extracted block, in reading order.
struct TextLines {
  std::vector<std::string> lines;
  std::vector<std::string> raw;  // the same lines as extracted (for values shown to users)
  std::string head;  // the first lines joined with '\n'
  std::string all;   // every line joined with '\n'
};
TextLines text_lines(const ExtractedText& text);

struct Found {
  std::string value;
  std::string evidence;  // the matched text, one line
};

// The meeting a document belongs to: ModernGov "Meeting: 08/03/2022 -
// Executive (Item 109)", a report's "Submitted to: BODY - 21 May 2020", a
// minutes heading "Minutes of the X held on ...".
struct Meeting {
  std::string kind;  // "moderngov", "submitted_to", "minutes_heading"
  std::optional<std::string> date;  // ISO
  std::string body;
  std::string evidence;
};
std::optional<Meeting> find_meeting(const TextLines& t);

// A line near the top that is only a date ("Thursday, 25 May 2023").
std::optional<Found> find_dateline(const TextLines& t);

// ofsted_report is left to analyse_ofsted_report; this decides between
// committee_report, minutes, agenda, press_release and other.
Found find_type(const TextLines& t, const std::optional<Meeting>& meeting, bool has_dateline);

// The committee named in the body of minutes: "members of the Corporate
// Parenting Board".
std::optional<Found> find_body_mention(const TextLines& t);

// A report's "Subject:" line; a ModernGov page's item title.
std::optional<Found> find_title(const TextLines& t);

// "Middlesbrough Council" from the most frequent "<Name> Council" phrase,
// else from a gov.uk email address or link in the text.
std::optional<Found> find_authority(const TextLines& t);
// "middlesbrough.gov.uk" or a URL on it -> "Middlesbrough Council".
std::string authority_from_domain(const std::string& url_or_host);

// The overall judgement reported as current: "rating upgraded to 'requires
// improvement to be good'" -> requires_improvement. Recollections of old
// judgements and ambitions ("to have a rating of 'good'") do not count.
std::optional<Found> find_current_judgement(const TextLines& t);

// The kind of Ofsted activity the document is mostly about.
std::optional<Found> find_visit(const TextLines& t);

// Where the text gives no document date: the year of the latest date it
// mentions as past (plans such as "would take place in November 2022" are
// skipped).
std::optional<Found> infer_year(const TextLines& t);

// Publishers often date their files: Ofsted's "children's services inspection
// - 24 january 2020.pdf", "2023-05-25-press-release.html". The ISO date, or
// the one full date written out, of a file name; nullopt if none or several.
std::optional<std::string> file_name_date(const std::string& name);

// "OVERVIEW AND SCRUTINY BOARD" -> "Overview and Scrutiny Board"; mixed-case
// input is returned as is.
std::string title_case_if_shouting(const std::string& s);

}  // namespace scrutiny
