// Lexical work on query strings before Xapian::QueryParser sees them: folding
// like indexed text, spotting "name:value" words for checking, and expanding
// synonyms. Internal to the query library.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "scrutiny/result.h"

namespace scrutiny {

class Synonyms;

struct PrefixedWord {
  std::string name;   // as typed, e.g. "theme"
  std::string value;  // without surrounding quotes, e.g. "workforce" or "2020..2023"
};

struct ScannedQuery {
  bool blank = true;                  // no words and no prefixed terms
  std::vector<PrefixedWord> prefixed;
};

// Curly quotes/apostrophes and no-break spaces folded as in indexed text.
std::string fold_query_text(const std::string& text);

// Error on unbalanced quotes.
Result<ScannedQuery> scan_query(const std::string& text);

// "PLO" -> (plo OR "public law outline"): each unquoted run of words (or a
// whole quoted phrase) that is a synonym entry becomes the OR of its group,
// multi-word entries as phrases. Prefixed words, wildcards, operators and
// +/- words are left alone.
// With `as_field`, each group is written as "<kSynonymField>:N" instead (N its
// index in synonyms.groups()), for a FieldProcessor that turns it into one
// OP_SYNONYM, so a passage saying both "MACH" and "multi-agency children's
// hub" weighs as one term said twice, not as two matches.
inline constexpr const char* kSynonymField = "scrutinysynonyms";
std::string expand_synonyms(const std::string& text, const Synonyms& synonyms, bool as_field = false);

// Each quoted phrase that is a synonym entry of several index terms
// ("children in care") written as "<kSynonymEntryField>:G.E" (entry E of
// group G), for a FieldProcessor that searches its XSYNE term instead of
// checking the phrase (synonym_terms.h). Other text is left alone.
inline constexpr const char* kSynonymEntryField = "scrutinyentry";
std::string quoted_entries_as_fields(const std::string& text, const Synonyms& synonyms);

// Title and section words are indexed without positions (schema.h), so a
// phrase in those fields would match nothing: title:"care leavers" becomes
// (title:"care" AND title:"leavers"), and so does title:care-leavers (the
// words QueryParser would join into a phrase). Titles and headings are a
// line long, so all the words is what such a phrase asks for. A leading +
// or - stays on the group; single words, wildcards and other text are left alone.
std::string unpositioned_fields_as_words(const std::string& text);

// "Did you mean": `text` with each plain word that is not in the index
// replaced by Xapian's spelling suggestion; "" when nothing changes. Words
// that are synonym entries, prefixed, wildcards or operators are kept.
// (QueryParser's FLAG_SPELLING_CORRECTION also "corrects" words that are in
// the index, e.g. care -> are, so we check term_exists first.)
std::string spelling_correction(const std::string& text, const Xapian::Database& db, const Synonyms* synonyms);

}  // namespace scrutiny
