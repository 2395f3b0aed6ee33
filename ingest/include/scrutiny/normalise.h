// Text normalisation shared by every extractor and by the query side, so the
// same folding applies to what is indexed and what is searched.
#pragma once

#include <string>
#include <string_view>

namespace scrutiny {

// Best guess of the charset of raw bytes ("UTF-8", "windows-1252", ...), using
// ICU's detector; valid UTF-8 always wins.
std::string detect_charset(std::string_view bytes);

// Converts bytes in `charset` (empty: detect) to UTF-8. Invalid sequences
// become U+FFFD rather than failing.
std::string to_utf8(std::string_view bytes, std::string_view charset = {});

// NFKC; curly quotes and apostrophes to ASCII; no-break and other spaces to
// ' '; ligatures expanded (NFKC); soft hyphens removed; runs of spaces folded.
// Bullets are NOT removed here (see strip_bullet).
std::string normalise_text(std::string_view utf8);

// If `line` starts with a bullet (•, ·, ◼, ▪, -, *, U+F0B7 ...), returns true
// and removes it (and following spaces) from `line`.
bool strip_bullet(std::string& line);

// Joins lines with spaces, rejoining words hyphenated across a line end
// when the continuation is a word ending ("recruit-\nment" -> "recruitment",
// "communica-\ntion"); a hyphen before a word that stands alone is kept
// ("decision-\nmaking" -> "decision-making"), as Word documents (most of the
// corpus) hyphenate only real compounds.
std::string join_lines(std::string_view text_with_newlines);

}  // namespace scrutiny
