// Passages as position ranges: the document-level index design that
// docs/benchmarks.md proposes, built here only to measure it (index_profile
// --granularity ranges builds the index, doclevel_probe queries it). Not the
// product's schema.
//
// One Xapian document per file. Passage i's terms keep their positions,
// shifted by starts[i], so passage i owns the positions [starts[i],
// starts[i+1]), kPassageGap apart (OP_NEAR then means "in one passage").
// - Z stems keep no positions: a passage's stems are its words'.
// - Passage tags (XTHEME, XPOL, XBOILER), XSYN and XSYNE are posted at their
//   passage's start, wdf consecutive positions, so each passage's wdf survives.
// - Title terms (S, ZS) come from passage 0 only; other boolean terms once.
// - A term's wdf in the file is its best passage's length-normalised wdf.
// Slots: kSlotStarts the starts and the last passage's end, kSlotLengths each
// passage's BM25 length, kSlotTags its polarity and themes. The data holds each
// passage's stored JSON, deflated in chunks of kChunkPassages.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>
#include <zlib.h>

#include "scrutiny/built_passage.h"
#include "scrutiny/document.h"
#include "scrutiny/length_norm.h"
#include "scrutiny/passage_builder.h"
#include "scrutiny/schema.h"

namespace bench {

inline constexpr Xapian::valueno kSlotStarts = 13;
inline constexpr Xapian::valueno kSlotTags = 14;  // per passage: polarity | kBoilerplateBit, theme count, theme indexes
inline constexpr int kBoilerplateBit = 0x80;
// Passage i+1 starts kPassageGap positions after passage i ends, so terms of
// two passages are never within kNearWindow of each other, and terms of one
// passage always are while it spans fewer than kNearWindow positions (the
// longest passage of our corpora spans 397): OP_NEAR with that window
// matches exactly the files with a passage holding every term, inside
// Xapian's matcher.
inline constexpr Xapian::termpos kNearWindow = 512;
inline constexpr Xapian::termpos kPassageGap = kNearWindow + 2;
inline constexpr Xapian::valueno kSlotLengths = 15;  // per passage: varint BM25 length (scrutiny::passage_length)

inline void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

inline uint64_t get_varint(std::string_view s, size_t& at) {
  uint64_t v = 0;
  for (int shift = 0; at < s.size(); shift += 7) {
    const auto b = static_cast<unsigned char>(s[at++]);
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) break;
  }
  return v;
}

inline bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Tags that belong to one passage, not to the whole file.
inline bool is_passage_tag(std::string_view term) {
  using namespace scrutiny::schema;
  return starts_with(term, kTheme) || starts_with(term, kPolarity) || term == kBoilerplate;
}

// S<word> and its stem ZS<stem>: kept from the first passage only.
inline bool is_title_term(std::string_view term) {
  if (starts_with(term, "Z")) term.remove_prefix(1);
  return starts_with(term, scrutiny::schema::kTitle) && !(term.size() > 1 && term[1] >= 'A' && term[1] <= 'Z');
}

// Z stems carry no positions: a passage's stems are found from the positions
// of the words they stem from (doclevel_probe's stem_variants).
inline bool is_stem(std::string_view term) { return starts_with(term, "Z"); }

inline constexpr size_t kChunkPassages = 8;

// The data: varint passage count, then per chunk of kChunkPassages its raw and
// deflated sizes, then the deflated chunks (each: varint lengths, then the
// passages' JSON). A hit inflates one chunk, not the whole file's text.
inline std::string chunked_data(const std::vector<std::string>& jsons) {
  std::string header, body;
  put_varint(header, jsons.size());
  for (size_t first = 0; first < jsons.size(); first += kChunkPassages) {
    std::string raw, texts;
    for (size_t i = first; i < std::min(jsons.size(), first + kChunkPassages); ++i) {
      put_varint(raw, jsons[i].size());
      texts += jsons[i];
    }
    raw += texts;
    uLongf size = compressBound(raw.size());
    std::string packed(size, '\0');
    compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 6);
    packed.resize(size);
    put_varint(header, raw.size());
    put_varint(header, packed.size());
    body += packed;
  }
  return header + body;
}

// `theme_ids`: every theme id, sorted; a passage's themes are stored as indexes into it.
inline Xapian::Document merge_as_ranges(const scrutiny::Document& doc, const std::vector<scrutiny::BuiltPassage>& built,
                                        const std::vector<std::string>& theme_ids) {
  std::vector<Xapian::Document> passages;
  for (const auto& p : built) passages.push_back(p.to_xapian());
  Xapian::Document merged;
  const scrutiny::LengthNorm norm;  // the passage index's defaults
  std::map<std::string, Xapian::termcount> best_wdf;
  std::string starts, tags, lengths;
  std::vector<std::string> jsons;
  Xapian::termpos base = 1, previous = 0;
  for (size_t i = 0; i < passages.size(); ++i) {
    const Xapian::Document& xd = passages[i];
    const Xapian::termcount length = scrutiny::passage_length(xd);
    const double factor = norm.factor(length);
    put_varint(lengths, length);
    put_varint(starts, base - previous);
    previous = base;
    Xapian::termpos last = 0;
    for (auto t = xd.termlist_begin(); t != xd.termlist_end(); ++t) {
      const std::string& term = *t;
      if (is_title_term(term) && i > 0) continue;
      if (t.get_wdf() > 0) {
        Xapian::termcount& best = best_wdf[term];
        best = std::max(best, scrutiny::scaled_wdf(t.get_wdf(), factor));
      }
      if (is_stem(term)) {
        continue;  // the wdf alone, added below
      } else if (t.positionlist_count() > 0) {
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
          merged.add_posting(term, base + *p, 0);
          last = std::max(last, *p);
        }
      } else if (t.get_wdf() > 0 || is_passage_tag(term)) {
        // wdf consecutive positions from the start: the passage's wdf
        // survives, and a run of consecutive positions costs next to nothing.
        const Xapian::termcount wdf = std::max<Xapian::termcount>(t.get_wdf(), 1);
        for (Xapian::termcount k = 0; k < wdf; ++k) merged.add_posting(term, base + k, 0);
      } else if (term[0] != 'Q') {
        merged.add_boolean_term(term);
      }
    }
    base += last + 1 + kPassageGap;
    const scrutiny::Passage& p = doc.passages[i];
    tags += static_cast<char>(static_cast<int>(p.polarity) | (p.boilerplate ? kBoilerplateBit : 0));
    tags += static_cast<char>(p.themes.size());
    for (const auto& id : p.themes)
      tags += static_cast<char>(std::lower_bound(theme_ids.begin(), theme_ids.end(), id) - theme_ids.begin());
    jsons.push_back(scrutiny::passage_data(doc, p, i));
  }
  for (const auto& [term, wdf] : best_wdf) merged.add_term(term, wdf);
  put_varint(starts, base - previous);  // the end of the last passage
  if (!passages.empty()) {
    merged.add_boolean_term(scrutiny::schema::term(scrutiny::schema::kUniqueId, doc.doc_id + "-0"));
    for (auto v = passages[0].values_begin(); v != passages[0].values_end(); ++v) merged.add_value(v.get_valueno(), *v);
    merged.add_value(scrutiny::schema::kSlotDocId, doc.doc_id);  // doclevel_probe reads the doc_id from it
  }
  merged.add_value(kSlotStarts, starts);
  merged.add_value(kSlotTags, tags);
  merged.add_value(kSlotLengths, lengths);
  merged.set_data(chunked_data(jsons));
  return merged;
}

inline std::vector<double> decode_lengths(std::string_view value) {
  std::vector<double> lengths;
  for (size_t i = 0; i < value.size();) lengths.push_back(static_cast<double>(get_varint(value, i)));
  return lengths;
}

// The passage starts of kSlotStarts, in order, then the end of the last.
inline std::vector<Xapian::termpos> decode_starts(std::string_view value) {
  std::vector<Xapian::termpos> starts;
  Xapian::termpos at = 0;
  for (size_t i = 0; i < value.size();) starts.push_back(at += static_cast<Xapian::termpos>(get_varint(value, i)));
  return starts;
}

// Passage `n`'s stored JSON text from a merged document's data.
inline std::string passage_json(std::string_view data, size_t n) {
  size_t at = 0;
  const uint64_t count = get_varint(data, at);
  if (n >= count) return {};
  const size_t chunks = (count + kChunkPassages - 1) / kChunkPassages, want = n / kChunkPassages;
  uint64_t offset = 0, raw_size = 0, packed_size = 0;
  for (size_t c = 0; c < chunks; ++c) {
    const uint64_t raw = get_varint(data, at), packed = get_varint(data, at);
    if (c < want) offset += packed;
    if (c == want) raw_size = raw, packed_size = packed;
  }
  std::string raw(raw_size, '\0');
  uLongf size = raw_size;
  if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &size, reinterpret_cast<const Bytef*>(data.data() + at + offset),
                 packed_size) != Z_OK)
    return {};
  size_t in = 0;
  uint64_t skip = 0, length = 0;
  const size_t in_chunk = std::min<size_t>(kChunkPassages, count - want * kChunkPassages);
  for (size_t i = 0; i < in_chunk; ++i) {
    const uint64_t len = get_varint(raw, in);
    if (i < n % kChunkPassages) skip += len;
    if (i == n % kChunkPassages) length = len;
  }
  return raw.substr(in + skip, length);
}

}  // namespace bench
