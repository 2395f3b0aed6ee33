// PassageSplitter: turns ExtractedText blocks into Passages, each with its page
// and the heading it sits under; headings themselves become section names, not
// passages. Drops running headers/footers and bare page numbers.
#pragma once

#include <string_view>
#include <vector>

#include "scrutiny/document.h"
#include "scrutiny/extract.h"

namespace scrutiny {

class PassageSplitter {
 public:
  std::vector<Passage> split(const ExtractedText& text) const;
};

// Layout-free heading tests shared by the extractors and the splitter.
// heading_shape: short (<= max_words words, <= 200 bytes), starts with a
// capital or a section number, no final period/comma/semicolon.
// A "Label: value" line (a report's "Submitted to: Executive - 7 September
// 2021") is a form field, never a heading.
bool heading_shape(std::string_view text, int max_words = 15);
bool field_line(std::string_view text);
// Title Case ("Children in Care") or ALL CAPS, ignoring small words.
bool title_case_or_caps(std::string_view text);
// "12", "Page 3", "Page 3 of 10", "- 3 -", "3 | Page", "iv".
bool is_page_number(std::string_view text);

}  // namespace scrutiny
