// The index schema: every term prefix, value slot and the stored-data layout,
// in one place (documented in docs/schema.md). One Xapian document per Passage.
// Prefixes follow Omega's conventions where they fit (Q, S, U, D, M, Y, T), so
// xapian-delve and quest can read our index; ours start with X.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace scrutiny::schema {

// --- Boolean (filter) terms ----------------------------------------------
inline constexpr std::string_view kUniqueId = "Q";        // Q<doc_id>-<passage index>: replaces on re-ingest
inline constexpr std::string_view kDocId = "XDOC";        // XDOC<doc_id>: all passages of a document
inline constexpr std::string_view kSourcePath = "U";      // U<source path> (hashed when too long), Omega's URL
inline constexpr std::string_view kDate = "D";            // D<YYYYMMDD> (Omega)
inline constexpr std::string_view kMonth = "M";           // M<YYYYMM>   (Omega)
inline constexpr std::string_view kYear = "Y";            // Y<YYYY>     (Omega)
inline constexpr std::string_view kFormat = "T";          // T<pdf|html|text>: Omega uses T for the MIME type
inline constexpr std::string_view kTheme = "XTHEME";      // XTHEME<theme id>
inline constexpr std::string_view kType = "XTYPE";        // XTYPE<type id>
inline constexpr std::string_view kBody = "XBODY";        // XBODY<slug(body)>
inline constexpr std::string_view kAuthority = "XAUTH";   // XAUTH<slug(authority)>
inline constexpr std::string_view kJudgement = "XJUDGE";  // XJUDGE<judgement id>, overall
inline constexpr std::string_view kVisit = "XVISIT";      // XVISIT<visit id>
inline constexpr std::string_view kFramework = "XFRAME";  // XFRAME<sif|ilacs|ilacs_2026>
inline constexpr std::string_view kPolarity = "XPOL";     // XPOL<strength|concern|neutral>
inline constexpr std::string_view kBoilerplate = "XBOILER"; // XBOILER (alone): passage is boilerplate
// XSYN<first entry of a synonym group, '_' for spaces>, wdf = occurrences of
// the group's entries in the passage text (synonym_terms.h).
// XSYNE<entry of several words, '_' for spaces>, wdf = its exact-phrase
// occurrences: a quoted entry ("children in care") is searched as this term.
// Group terms never start with 'E' (entries are lower-cased), and every
// concept term starts with XSYN, so retag rebuilds both together.
inline constexpr std::string_view kSynonym = "XSYN";
inline constexpr std::string_view kSynonymEntry = "XSYNE";
// Per-area grades: XJ<AREA>:<judgement>, e.g. XJLEADERS:good (area upper-cased).
inline constexpr std::string_view kAreaJudgement = "XJ";

// --- Free-text prefixes ---------------------------------------------------
// Title and section words carry no positions (schema 5): repeated in every
// passage of a document, their position lists were a quarter of the index.
// Queries search a field's several words as all of them (query_text.h).
inline constexpr std::string_view kTitle = "S";           // title words (Omega's S)
inline constexpr std::string_view kSection = "XSECT";     // section heading words
// XI<k>:<Z stem term>, wdf = the stem's: copies of the stem's postings whose
// stored wdf reaches impact tier k's bound (impact_tiers.h). Only searches read them.
inline constexpr std::string_view kImpactTier = "XI";

// --- Value slots ------------------------------------------------------------
enum Slot : Xapian::valueno {
  kSlotDate = 0,        // "YYYYMMDD" string (sorts as a string; "" when unknown)
  kSlotYear = 1,        // Xapian::sortable_serialise(year)
  kSlotPage = 2,        // sortable_serialise(page)
  kSlotDocId = 3,       // collapse key for the best passage per document: collapse_key(doc_id)
                        // (schema 5); the doc_id itself before
  // Slots 4-9 held one facet each in schema 1 (themes, type, body, polarity,
  // authority, judgement); schema 2 packs them into kSlotFacets, one value
  // read per passage when counting facets instead of six. Retag migrates.
  kSlotThemes1 = 4, kSlotType1 = 5, kSlotBody1 = 6, kSlotPolarity1 = 7, kSlotAuthority1 = 8,
  kSlotJudgement1 = 9,
  kSlotPassageIndex = 10,  // sortable_serialise(index of the passage in its document)
  kSlotFacets = 11,        // what facet counting reads: pack_facets() (schema 2-3) or
                           // its numbers (schema 4, facet_dictionary.h)
  kSlotLength = 12,        // sortable_serialise(passage length before wdf scaling), length_norm.h
};

// The kSlotDocId value: 8 bytes of a stable 64-bit hash of doc_id. Document
// paths run to 80-100 bytes, and collapsing reads the key of every passage
// it compares: the short key made searches 5-12 % faster. All passages of a
// document are written together, so one document never mixes this form
// with schema 4's doc_id.
std::string collapse_key(std::string_view doc_id);

// The kSlotFacets value: the fields below joined by '\x1f' in this order,
// themes last and '\n'-joined. Year is decimal ("" when unknown).
struct FacetFields {
  std::string year, type, body, polarity, authority, judgement, themes;
};
std::string pack_facets(const FacetFields& f);
// The fields of a packed value, as views into it; a field missing from a
// short value is empty.
struct FacetViews {
  std::string_view year, type, body, polarity, authority, judgement, themes;
};
FacetViews unpack_facets(std::string_view packed);
FacetViews unpack_facets(std::string&&) = delete;  // the views would dangle

// --- Stored data ------------------------------------------------------------
// A passage's data is a JSON object of its own fields: {"doc_id", "page",
// "passage", "section", "text", "themes", "polarity", "matches",
// "boilerplate"}. The fields all passages of a document share
// (kDocumentFields) are stored once per document, in its "doc:" record and
// its "docfields:" record below;
// StoredPassageReader (stored_passage.h) joins the two. Schema 2 stored them
// in every passage too, where they take precedence.
inline constexpr std::string_view kDocumentFields[] = {"source",    "title",     "type",  "body", "date",
                                                       "year",      "authority", "judgement", "visit"};
//
// --- Database metadata (Xapian user metadata) -------------------------------
// "doc:<doc_id>"   JSON of the document record (metadata without passages, plus "sources")
// "docfields:<doc_id>"  JSON of the record's kDocumentFields only: what a
//                  printed hit needs, 5x cheaper to parse than the record
// "file:<path>"    JSON of the file state (size, mtime, doc_id) for incremental ingest
// "fail:<path>"    JSON of a remembered failure (size, mtime, reason, time)
//                  (<path> is absolute and lexically normal; fields in file_state.h, docs/ingest.md)
// "run:last"       JSON summary of the last ingest run
// "schema"         schema version of the index when it was created or last
//                  retagged, currently "5" (4: kSlotDocId holds the doc_id,
//                  title and section words have positions; 3: kSlotFacets in string form;
//                  2: document fields in every passage's data too; 1:
//                  facets in slots 4-9); readers handle passages of each
// "facetdict"      FacetDictionary::serialise(): the strings kSlotFacets
//                  numbers stand for (schema 4), each varint length-prefixed
// "synonyms"       concept_terms_fingerprint() of the synonyms the XSYN terms were
//                  built with; "" (or absent) when they are stale or missing
// "length_norm"    LengthNorm::to_string() when every passage's wdfs are stored
//                  length-normalised (length_norm.h); absent: raw wdfs
// "impact_tiers"   ImpactTiers::to_string() ("128 192 256") when every passage
//                  carries its XI tier terms (impact_tiers.h); absent: none
inline constexpr std::string_view kSchemaVersion = "5";
// True when `version` (an index's "schema" metadata) is older than
// kSchemaVersion: retag migrates it. "" (unrecorded) is not older.
bool older_schema(std::string_view version);
inline constexpr std::string_view kFacetDictionaryKey = "facetdict";
inline constexpr std::string_view kDocumentFieldsKey = "docfields:";
inline constexpr std::string_view kSynonymsKey = "synonyms";
inline constexpr std::string_view kLengthNormKey = "length_norm";
inline constexpr std::string_view kImpactTiersKey = "impact_tiers";

// Lower-case ASCII slug used in body/authority terms: "Overview and Scrutiny
// Board" -> "overview_and_scrutiny_board".
std::string slug(std::string_view text);

// Boolean term for a value under a prefix, hashing values that would exceed
// Xapian's term length limit.
std::string term(std::string_view prefix, std::string_view value);

}  // namespace scrutiny::schema
