// Dates as UK council papers write them, found in running text. A mention is
// a full date (day known) or a month and year ("February 2021"); ranges such
// as "13/14th July 2022" or "26th and 27th May 2021" give their first day.
// Internal to ingest (metadata.cpp); parse_uk_date in metadata.h is the
// public single-string form.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scrutiny {

struct DateMention {
  size_t begin = 0, end = 0;  // byte span in the searched text
  int year = 0;
  int month = 0;              // 1-12
  int day = 0;                // 0: only month and year were given
  std::string iso() const;    // "yyyy-mm-dd"; "" when day == 0
};

// All valid date mentions in `text`, in order. Impossible dates (31/02/2022)
// are not mentions.
std::vector<DateMention> find_dates(std::string_view text);

// Whether `text` may hold a mention find_dates would give in a year after
// `year` (-1: any): a four-digit run above it, or a d/m/yy date, whose year
// is two digits. A cheap test before the regex; false is certain.
bool may_hold_a_date_after(std::string_view text, int year);

bool valid_date(int year, int month, int day);

// "January".."December" and common abbreviations ("Sept", "Jan."), any case;
// 0 if not a month name.
int month_number(std::string_view word);

}  // namespace scrutiny
