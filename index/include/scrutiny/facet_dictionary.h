// FacetDictionary: the numbers a schema 4 passage's packed facet value
// (kSlotFacets) stores in place of its strings.
//
// Counting facets reads that value for every match, and the value stream is
// read in whole postlist blocks, so its size sets a facet query's cost: the
// string form (schema 3, schema::pack_facets) is ~100 bytes a passage, the
// number form ~10. Each distinct string (a year, type, body, polarity,
// authority, judgement or theme id) is stored once, in the "facetdict"
// metadata, and keeps its number for the life of the index: numbers are only
// ever appended, so a value written at any revision decodes at any later one.
//
// Passages are built in string form (PassageBuilder, write_passage_tags need
// no database); the one writer turns them into number form as it adds them
// (encode), and stores the dictionary in the same transaction (store).
// Readers decode both forms, so an index may hold passages of each.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "scrutiny/schema.h"

namespace scrutiny {

// A number-form value decoded: 0 is an empty field.
struct FacetIds {
  std::uint32_t year = 0, type = 0, body = 0, polarity = 0, authority = 0, judgement = 0;
  std::vector<std::uint32_t> themes;
};

class FacetDictionary {
 public:
  // The dictionary stored in `db` (empty when it has none).
  static FacetDictionary load(const Xapian::Database& db);

  // Number of `s`, appending it when new; 0 for "".
  std::uint32_t id(std::string_view s);
  // The string numbered `n`: "" for 0 and for numbers it does not hold.
  std::string_view string(std::uint32_t n) const;
  std::size_t size() const { return strings_.size(); }

  // Rewrites xd's kSlotFacets value in number form. A value already in
  // number form, or absent, is left alone.
  void encode(Xapian::Document& xd);
  std::string encode(const schema::FacetFields& f);
  std::string encode(const schema::FacetViews& v);
  // The string form of a value in either form (schema::unpack_facets reads it).
  std::string decode(std::string_view value) const;

  // Writes the dictionary into db's metadata if it grew since it was loaded
  // or last stored. Call before passages using new numbers can be committed:
  // Xapian may flush on its own, so the writer calls it after every document.
  void store(Xapian::WritableDatabase& db);

  // The serialised dictionary (what "facetdict" holds) and back; parse
  // stops at a truncated entry.
  std::string serialise() const;
  static FacetDictionary parse(std::string_view data);

 private:
  void index_strings();
  std::vector<std::string> strings_;  // number n is strings_[n - 1]
  struct ViewHash {  // lets id() look a view up without copying it
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::uint32_t, ViewHash, std::equal_to<>> ids_;  // built on first id()
  bool indexed_ = false;
  std::size_t stored_ = 0;  // strings_ already in the database
};

// True when `value` is in number form (schema 4).
bool is_facet_ids(std::string_view value);
// Decodes a number-form value; false (and `out` unspecified) when `value` is
// not one or is truncated.
bool decode_facet_ids(std::string_view value, FacetIds& out);

}  // namespace scrutiny
