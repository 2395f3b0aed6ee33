// Words of a passage as the taxonomy sees them: each token keeps its form as
// written (for case-sensitive acronyms such as SEND or CiN) and its English
// stem (so "recruiting", "recruitment" and "recruited" share one rule).
// Hyphens and punctuation separate words ("multi-agency" is "multi agency");
// a possessive "'s" is dropped ("children's" is "children"). "£" is a word
// of its own, so finance rules can name it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ascii.h"

namespace scrutiny::taxonomy_text {

struct Token {
  std::string raw;   // as written, possessive removed: "CLA", "Children"
  std::string lower; // raw lower-cased: "children"
  std::string stem;  // lower-cased Porter2 (Xapian "english") stem: "children"
};

std::vector<Token> tokenise(std::string_view text);

// The stem of one lower-case word (cached per thread: passages repeat words).
const std::string& stem_word(const std::string& lower);

using scrutiny::ascii_lower;  // ascii.h

}  // namespace scrutiny::taxonomy_text
