// PDF text via poppler, page by page. poppler's word list comes in its
// reading order (columns one after another, as pdftotext); from the word
// boxes we rebuild lines and paragraph blocks, with font size and weight so
// the splitter can find headings. Lines in the top and bottom margins that
// repeat across pages (running headers, "Page 3 of 10") are dropped.
//
// The word list is read from poppler's core (TextOutputDev, the private
// headers of libpoppler-private-dev), not through poppler-cpp: poppler-cpp's
// text_list(include_font) builds the same TextWordList and then copies every
// word into UTF-16, every glyph box into a vector and every glyph's font into
// a per-page cache, which was 37 % of extraction time on the Ofsted reports
// (3.77 -> 2.37 s for the 93 PDFs, same words, boxes and fonts;
// docs/benchmarks.md). Only this file sees poppler's types.
//
// This file is the module scrutiny_pdf.so, loaded on the first PDF
// (src/pdf_module.h): processes that never read a PDF never load poppler.
#include <DateInfo.h>
#include <Error.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <UTF.h>
#include <goo/GooString.h>
#include <goo/gmem.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "scrutiny/extract.h"
#include "scrutiny/normalise.h"
#include "scrutiny/passage_splitter.h"
#include "pdf_module.h"
#include "utf8.h"

// Scrutiny reads text and never renders, so it opts out of colour
// management. poppler (built with Little CMS) opens a PDF's output-intent
// ICC profile and builds four colour transforms from it on every page it
// reads text from (Gfx::initDisplayProfile); PDF/A files, 48 of the 93 Ofsted
// reports, carry one, and on those reports it was 44 % of ingest CPU. The
// module exports this definition, and its own symbols come before those of
// the libraries it loads (liblcms2 among them), so poppler's calls bind to
// it: each embedded profile fails to open and poppler falls back to the
// device colour spaces, which text extraction never looks at. (A process
// that loaded poppler before the module, e.g. through poppler-cpp, keeps
// liblcms2's.)
static std::atomic<unsigned long> g_profiles_refused{0};
extern "C" void* cmsOpenProfileFromMem(const void*, unsigned int) {
  g_profiles_refused.fetch_add(1, std::memory_order_relaxed);
  return nullptr;
}

namespace scrutiny {
namespace {

// Fraction of the page height at the top and bottom where running headers
// and footers live.
constexpr double kMarginZone = 0.07;

// Broken fonts map glyphs to surrogates or past U+10FFFF; those are dropped,
// as poppler's own UTF-8 output drops them.
void append_unicode(std::string& out, const Unicode* u, int n) {
  for (int i = 0; i < n; ++i)
    if (u[i] < 0xD800 || (u[i] > 0xDFFF && u[i] <= 0x10FFFF)) append_utf8(out, u[i]);
}

bool bold_font(std::string_view name) {
  return name.find("Bold") != std::string::npos || name.find("bold") != std::string::npos ||
         name.find("Black") != std::string::npos || name.find("Heavy") != std::string::npos ||
         name.find("Semibold") != std::string::npos || name.find("Demi") != std::string::npos;
}

// One line fragment: words on one baseline with ordinary word gaps.
struct Line {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // top-left origin
  std::string text;
  double size_chars = 0;  // sum of size * chars (for the mean size)
  size_t chars = 0;
  size_t bold_chars = 0;
  double last_x1 = 0, last_y0 = 0, last_y1 = 0, last_size = 0;
  bool space_after_last = false;
  bool edge = false;       // in the top or bottom margin zone

  double height() const { return y1 - y0; }
  double size() const { return chars ? size_chars / static_cast<double>(chars) : 0; }
  bool bold() const { return chars && bold_chars * 2 > chars; }
};

// A paragraph-like block of one page, before header/footer removal.
struct PageBlock {
  std::string raw;        // lines joined by '\n', not yet normalised
  double size_chars = 0;
  size_t chars = 0, bold_chars = 0;
  int lines = 0;
  bool edge = false;
  bool bullet = false;
};

// A word's box, top-left origin.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct Block {
  TextBlock block;
  bool edge = false;
  std::string key;  // edge blocks: lowercased, digits as '#'
};

bool same_line(const Line& l, const Box& r, double size) {
  const double top = r.y0, bottom = r.y1;
  const double overlap = std::min(bottom, l.last_y1) - std::max(top, l.last_y0);
  const double smaller = std::min(bottom - top, l.last_y1 - l.last_y0);
  if (smaller <= 0 || overlap < 0.5 * smaller) return false;
  const double gap = r.x0 - l.last_x1;
  const double em = std::max(size, l.last_size);
  return gap > -0.5 * em && gap < 2.5 * em;  // further apart: separate table cell or column
}

std::vector<Line> page_lines(TextWordList* words, double page_height) {
  std::vector<Line> lines;
  Line* cur = nullptr;
  for (int i = 0; words && i < words->getLength(); ++i) {
    const TextWord* word = words->get(i);
    if (word->getLength() == 0) continue;
    Box r;
    word->getBBox(&r.x0, &r.y0, &r.x1, &r.y1);
    const double size = word->getFontSize();
    const GooString* font = word->getFontName(0);
    const bool bold = font && bold_font(font->toStr());
    if (!cur || !same_line(*cur, r, size)) {
      lines.emplace_back();
      cur = &lines.back();
      cur->x0 = r.x0;
      cur->y0 = r.y0;
      cur->x1 = r.x1;
      cur->y1 = r.y1;
    } else {
      // poppler marks word spaces; a gap without a mark is still a space.
      if (cur->space_after_last || r.x0 - cur->last_x1 > 0.15 * size) cur->text += ' ';
      cur->x0 = std::min(cur->x0, r.x0);
      cur->y0 = std::min(cur->y0, r.y0);
      cur->x1 = std::max(cur->x1, r.x1);
      cur->y1 = std::max(cur->y1, r.y1);
    }
    const size_t before = cur->text.size();
    append_unicode(cur->text, word->getChar(0), word->getLength());
    const size_t n = cur->text.size() - before;
    cur->chars += n;
    cur->size_chars += size * static_cast<double>(n);
    if (bold) cur->bold_chars += n;
    cur->last_x1 = r.x1;
    cur->last_y0 = r.y0;
    cur->last_y1 = r.y1;
    cur->last_size = size;
    cur->space_after_last = word->hasSpaceAfter();
  }
  for (Line& l : lines)
    l.edge = page_height > 0 && (l.y1 < kMarginZone * page_height || l.y0 > (1 - kMarginZone) * page_height);
  return lines;
}

// The usual distance between baselines of consecutive lines in a paragraph.
double typical_pitch(const std::vector<Line>& lines) {
  std::vector<double> pitches;
  for (size_t i = 1; i < lines.size(); ++i) {
    const double p = lines[i].y1 - lines[i - 1].y1;
    const double size = lines[i].size();
    if (p > 0.8 * size && p < 2.5 * size) pitches.push_back(p / size);
  }
  if (pitches.empty()) return 1.2;
  std::nth_element(pitches.begin(), pitches.begin() + pitches.size() / 2, pitches.end());
  return pitches[pitches.size() / 2];  // in ems
}

bool starts_with_bullet(const std::string& text) {
  if (text.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(text[0]);
  if (std::isalnum(c) || c == '(' || c == '"' || c == '\'') return false;
  std::string copy = text.substr(0, 8);
  return strip_bullet(copy);
}

// "7. ", "2.1 ", "(a) ", "a) " at the start of a line.
bool starts_numbered(const std::string& t) {
  size_t i = 0;
  if (i < t.size() && t[i] == '(') ++i;
  const size_t digits_start = i;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i == digits_start) {
    if (i < t.size() && std::islower(static_cast<unsigned char>(t[i]))) ++i;
    else return false;
    if (i - digits_start != 1) return false;
  }
  while (i + 1 < t.size() && t[i] == '.' && std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  }
  if (i < t.size() && (t[i] == '.' || t[i] == ')')) ++i;
  return i < t.size() && t[i] == ' ';
}

bool ends_sentence(const std::string& t) {
  size_t e = t.size();
  while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '"' || t[e - 1] == '\'' || t[e - 1] == ')')) --e;
  return e > 0 && (t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?' || t[e - 1] == ':' || t[e - 1] == ';');
}

bool starts_new_block(const Line& prev, const Line& line, double pitch_em, double block_x0, double block_x1,
                      bool block_is_bullet, int block_lines) {
  if (prev.edge || line.edge) return true;
  const double size = std::max(prev.size(), line.size());
  if (line.y0 < prev.y0 - 0.5 * prev.height()) return true;  // moved up: next column
  const double pitch = line.y1 - prev.y1;
  if (pitch > (pitch_em * 1.3 + 0.15) * size) return true;   // paragraph spacing
  if (std::fabs(prev.size() - line.size()) > 0.9) return true;
  if (prev.bold() != line.bold()) return true;
  if (starts_with_bullet(line.text)) return true;
  const double width = block_x1 - block_x0;
  const bool prev_short = prev.x1 < block_x1 - 0.15 * width;
  if (ends_sentence(prev.text)) {
    if (starts_numbered(line.text)) return true;
    if (prev_short && !block_is_bullet) return true;
    // First-line indent (not the hanging indent after "16." on a block's first line).
    if (block_lines >= 2 && line.x0 > prev.x0 + 1.5 * size && !block_is_bullet) return true;
  }
  if (block_is_bullet && line.x0 < block_x0 - 0.5 * size) return true;     // back out of the list
  return false;
}

// Reading order. poppler's own order interleaves columns whose paragraphs
// happen to line up, so each page's lines are re-ordered when a column
// gutter is found: an x-gap between line extents (ignoring lines wider than
// 60% of the text) with a text column on each side, side by side. Lines
// crossing the gutter (a heading over both columns, a full-width table)
// split the page into regions; each region gives its left column, then its
// right one (recursively, for three columns). Without a gutter poppler's
// order stands, so single-column pages and table rows read as pdftotext.
class ColumnOrder {
 public:
  explicit ColumnOrder(const std::vector<Line>& lines) : lines_(lines) {}

  void order(std::vector<size_t> set, std::vector<size_t>& out, int depth = 0) const {
    if (set.size() >= 6 && depth < kMaxDepth && split(set, out, depth)) return;
    std::sort(set.begin(), set.end());  // poppler's order
    out.insert(out.end(), set.begin(), set.end());
  }

 private:
  static constexpr double kMinGutter = 7;  // points
  static constexpr size_t kMinColumnChars = 200;
  static constexpr int kMaxDepth = 6;

  bool split(const std::vector<size_t>& set, std::vector<size_t>& out, int depth) const {
    double x0 = 1e9, x1 = -1e9;
    for (size_t i : set) x0 = std::min(x0, lines_[i].x0), x1 = std::max(x1, lines_[i].x1);
    std::vector<size_t> narrow;
    for (size_t i : set)
      if (lines_[i].x1 - lines_[i].x0 < 0.6 * (x1 - x0)) narrow.push_back(i);
    if (narrow.size() < 6) return false;
    std::sort(narrow.begin(), narrow.end(), [&](size_t a, size_t b) { return lines_[a].x0 < lines_[b].x0; });
    std::vector<std::pair<double, double>> gaps;  // (start, end)
    double reach = lines_[narrow[0]].x1;
    for (size_t k = 1; k < narrow.size(); ++k) {
      const Line& l = lines_[narrow[k]];
      if (l.x0 - reach >= kMinGutter) gaps.emplace_back(reach, l.x0);
      reach = std::max(reach, l.x1);
    }
    std::sort(gaps.begin(), gaps.end(), [](const auto& a, const auto& b) { return a.second - a.first > b.second - b.first; });
    for (const auto& [g0, g1] : gaps) {
      std::vector<size_t> left, right, span;
      for (size_t i : set) {
        if (lines_[i].x1 <= g0 + 1) left.push_back(i);
        else if (lines_[i].x0 >= g1 - 1) right.push_back(i);
        else span.push_back(i);
      }
      if (!text_column(left) || !text_column(right) || !side_by_side(left, right)) continue;
      if (chars(span) * 2 > chars(left) + chars(right)) continue;
      emit_regions(left, right, span, out, depth);
      return true;
    }
    return false;
  }

  // Spanning lines cut the columns into regions, top to bottom.
  void emit_regions(const std::vector<size_t>& left, const std::vector<size_t>& right, std::vector<size_t> span,
                    std::vector<size_t>& out, int depth) const {
    auto centre = [&](size_t i) { return (lines_[i].y0 + lines_[i].y1) / 2; };
    std::sort(span.begin(), span.end(), [&](size_t a, size_t b) { return centre(a) < centre(b); });
    std::vector<double> cuts;
    for (size_t i : span) cuts.push_back(centre(i));
    const size_t regions = span.size() + 1;
    std::vector<std::vector<size_t>> lefts(regions), rights(regions);
    auto region = [&](size_t i) {
      return static_cast<size_t>(std::upper_bound(cuts.begin(), cuts.end(), centre(i)) - cuts.begin());
    };
    for (size_t i : left) lefts[region(i)].push_back(i);
    for (size_t i : right) rights[region(i)].push_back(i);
    for (size_t r = 0; r < regions; ++r) {
      order(std::move(lefts[r]), out, depth + 1);
      order(std::move(rights[r]), out, depth + 1);
      if (r < span.size()) out.push_back(span[r]);
    }
  }

  size_t chars(const std::vector<size_t>& side) const {
    size_t n = 0;
    for (size_t i : side) n += lines_[i].chars;
    return n;
  }

  bool text_column(const std::vector<size_t>& side) const {
    const size_t n = chars(side);
    return side.size() >= 3 && n >= kMinColumnChars && n >= 20 * side.size();
  }

  bool side_by_side(const std::vector<size_t>& a, const std::vector<size_t>& b) const {
    auto range = [&](const std::vector<size_t>& s) {
      double top = 1e9, bottom = -1e9;
      for (size_t i : s) top = std::min(top, lines_[i].y0), bottom = std::max(bottom, lines_[i].y1);
      return std::make_pair(top, bottom);
    };
    const auto [at, ab] = range(a);
    const auto [bt, bb] = range(b);
    const double overlap = std::min(ab, bb) - std::max(at, bt);
    return overlap > 0.3 * std::min(ab - at, bb - bt);
  }

  const std::vector<Line>& lines_;
};

// Lines in reading order: top margin lines, the body by column, bottom margin lines.
std::vector<Line> reading_order(std::vector<Line> lines, double page_height) {
  constexpr size_t kMaxLines = 3000;  // pathological pages keep poppler's order
  if (lines.size() < 4 || lines.size() > kMaxLines) return lines;
  std::vector<size_t> top, body, bottom;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].edge) body.push_back(i);
    else (lines[i].y1 < page_height / 2 ? top : bottom).push_back(i);
  }
  std::vector<size_t> order = top;
  ColumnOrder(lines).order(std::move(body), order);
  order.insert(order.end(), bottom.begin(), bottom.end());
  std::vector<Line> out;
  out.reserve(lines.size());
  for (size_t i : order) out.push_back(std::move(lines[i]));
  return out;
}

std::vector<PageBlock> page_blocks(const std::vector<Line>& lines) {
  std::vector<PageBlock> blocks;
  const double pitch_em = typical_pitch(lines);
  double bx0 = 0, bx1 = 0, text_x0 = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (i == 0 ||
        starts_new_block(lines[i - 1], l, pitch_em, text_x0, bx1, blocks.back().bullet, blocks.back().lines)) {
      blocks.emplace_back();
      blocks.back().edge = l.edge;
      blocks.back().bullet = starts_with_bullet(l.text);
      bx0 = l.x0;
      bx1 = l.x1;
      // A bullet's text starts after the glyph; continuation lines align with it.
      text_x0 = bx0;
    } else {
      blocks.back().raw += '\n';
      if (blocks.back().lines == 1 && blocks.back().bullet) text_x0 = std::min(l.x0, bx0 + 40);
      bx0 = std::min(bx0, l.x0);
      bx1 = std::max(bx1, l.x1);
    }
    PageBlock& b = blocks.back();
    b.raw += l.text;
    b.size_chars += l.size_chars;
    b.chars += l.chars;
    b.bold_chars += l.bold_chars;
    ++b.lines;
  }
  return blocks;
}

std::string edge_key(const std::string& text) {
  std::string key;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (key.empty() || key.back() != '#') key += '#';
    } else if (c != ' ') {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

// The page's words as poppler's TextOutputDev orders them: 72 dpi, unrotated,
// crop box, annotations drawn (as pdftotext and poppler-cpp's text_list).
std::unique_ptr<TextWordList> page_words(PDFDoc& doc, TextOutputDev& dev, int page_number) {
  doc.displayPageSlice(&dev, page_number, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/false, /*printing=*/false, -1,
                       -1, -1, -1, nullptr, nullptr, nullptr, nullptr, /*copyXRef=*/true);
  return dev.makeWordList();
}

void add_page(std::vector<Block>& out, PDFDoc& doc, TextOutputDev& dev, int page_number) {
  Page* page = doc.getPage(page_number);
  if (!page) return;  // a broken page tree: the other pages still count
  const int rot = page->getRotate();
  const double height = (rot == 90 || rot == 270) ? page->getMediaWidth() : page->getMediaHeight();
  std::unique_ptr<TextWordList> words = page_words(doc, dev, page_number);
  for (PageBlock& pb : page_blocks(reading_order(page_lines(words.get(), height), height))) {
    Block b;
    b.edge = pb.edge;
    b.block.page = page_number;
    std::string text = normalise_text(pb.raw);
    b.block.list_item = strip_bullet(text);
    b.block.text = join_lines(text);
    if (b.block.text.empty()) continue;
    b.block.font_size = pb.chars ? std::round(2 * pb.size_chars / static_cast<double>(pb.chars)) / 2 : 0;
    b.block.bold = pb.bold_chars * 2 > pb.chars;
    if (b.edge) b.key = edge_key(b.block.text);
    out.push_back(std::move(b));
  }
}

// Drops margin lines that repeat on two or more pages, and page numbers there.
void drop_running_lines(std::vector<Block>& blocks) {
  std::map<std::string, std::set<int>> pages_by_key;
  for (const Block& b : blocks)
    if (b.edge) pages_by_key[b.key].insert(b.block.page);
  std::erase_if(blocks, [&](const Block& b) {
    return b.edge && (pages_by_key[b.key].size() >= 2 || is_page_number(b.block.text));
  });
}

double body_font_size(const std::vector<Block>& blocks) {
  std::map<double, size_t> chars_by_size;
  for (const Block& b : blocks) chars_by_size[b.block.font_size] += b.block.text.size();
  double best = 0;
  size_t most = 0;
  for (const auto& [size, n] : chars_by_size)
    if (n > most) best = size, most = n;
  return best;
}

void mark_headings(std::vector<Block>& blocks, double body) {
  for (Block& b : blocks) {
    TextBlock& t = b.block;
    const bool bigger = body > 0 && t.font_size >= body + 1.2;
    if (t.list_item || !heading_shape(t.text, bigger ? 25 : 15)) continue;
    const bool bold = t.bold && t.font_size >= body - 0.6;
    t.heading = bigger || bold;
  }
}

std::string iso_date(time_t t) {
  if (t <= 0) return {};
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return {};
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Info strings are PDF text strings: UTF-16 with a byte-order mark, PDF 2.0's
// UTF-8 with one (poppler 22 reads that as PDFDocEncoding), or PDFDocEncoding.
std::string info_text(PDFDoc& doc, const char* key) {
  const std::unique_ptr<GooString> raw = doc.getDocInfoStringEntry(key);
  if (!raw) return {};
  if (raw->toStr().starts_with("\xEF\xBB\xBF")) return normalise_text(raw->toStr().substr(3));
  Unicode* u = nullptr;
  const int n = TextStringToUCS4(raw->toStr(), &u);
  std::string s;
  append_unicode(s, u, n);
  gfree(u);
  return normalise_text(s);
}

std::string info_date(PDFDoc& doc, const char* key) {
  const std::unique_ptr<GooString> raw = doc.getDocInfoStringEntry(key);
  return raw ? iso_date(dateStringToTime(raw.get())) : std::string();
}

bool junk_title(const std::string& t) {
  if (t.size() < 4) return true;
  std::string l = t;
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* bad : {"microsoft word", "untitled", "slide 1", ".doc", ".pdf", ".rtf", "powerpoint"})
    if (l.find(bad) != std::string::npos) return true;
  return l.find(' ') == std::string::npos && l.size() < 12;
}

// The biggest text near the top of page 1, if it looks like a title.
std::string title_from_page_one(const std::vector<Block>& blocks, double body) {
  const TextBlock* best = nullptr;
  for (size_t i = 0; i < blocks.size() && i < 12 && blocks[i].block.page == 1; ++i) {
    const TextBlock& t = blocks[i].block;
    if (t.font_size >= body + 2 && t.text.size() <= 200 && (!best || t.font_size > best->font_size)) best = &t;
  }
  return best ? best->text : std::string();
}

// poppler's core keeps its settings in one process-wide object, made here
// when missing. A program that also uses poppler-cpp has it made and deleted
// again by poppler-cpp (when its last document closes), so this looks every
// time rather than once; it cannot guard against poppler-cpp doing so on
// another thread mid-extraction. Warnings about broken files are ours to
// phrase, not poppler's to print (poppler-cpp installs its own printer).
void init_poppler() {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  setErrorCallback([](ErrorCategory, Goffset, const char*) {});
}

bool truncated(std::string_view bytes) {
  const std::string_view tail = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
  return tail.find("%%EOF") == std::string_view::npos;
}

Result<ExtractedText> extract(std::string_view bytes) {
  // The document owns the stream; the stream borrows the bytes.
  PDFDoc doc(new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)));
  if (!doc.isOk()) {
    if (doc.getErrorCode() == errEncrypted) return Error{"encrypted PDF (password required)"};
    return Error{truncated(bytes) ? "truncated PDF (cannot be opened)" : "damaged PDF (cannot be opened)"};
  }
  const int pages = doc.getNumPages();
  if (pages <= 0) return Error{"damaged PDF (no pages)"};

  ExtractedText out;
  out.format = "pdf";
  out.pages = pages;
  for (const char* key : {"Title", "Author", "Subject", "Keywords", "Creator", "Producer"})
    if (std::string v = info_text(doc, key); !v.empty()) out.info[key] = v;
  for (const char* key : {"CreationDate", "ModDate"})
    if (std::string v = info_date(doc, key); !v.empty()) out.info[key] = v;

  std::vector<Block> blocks;
  TextOutputDev dev(nullptr, /*physLayout=*/false, 0, /*rawOrder=*/false, /*append=*/false);
  for (int i = 1; i <= pages; ++i) add_page(blocks, doc, dev, i);
  drop_running_lines(blocks);
  const double body = body_font_size(blocks);
  mark_headings(blocks, body);

  const auto title = out.info.find("Title");
  out.title = title != out.info.end() && !junk_title(title->second) ? title->second : title_from_page_one(blocks, body);
  bool any_text = false;
  out.blocks.reserve(blocks.size());
  for (Block& b : blocks) {
    any_text = any_text || std::any_of(b.block.text.begin(), b.block.text.end(),
                                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
    out.blocks.push_back(std::move(b.block));
  }
  if (!any_text)
    return Error{truncated(bytes) ? "truncated PDF (no readable text)" : "no text layer (image-only PDF)"};
  return out;
}

Result<ExtractedText> extract_pdf_bytes(std::string_view bytes) {
  if (bytes.empty()) return Error{"empty file (0 bytes)"};
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) return Error{"PDF too large (over 2 GiB)"};
  init_poppler();
  try {
    return extract(bytes);
  } catch (const std::bad_alloc&) {
    throw;  // the batch worker reports memory exhaustion itself
  } catch (const std::exception& e) {
    return Error{std::string("damaged PDF (") + e.what() + ")"};
  } catch (...) {
    return Error{"damaged PDF (poppler failed)"};
  }
}

unsigned long profiles_refused() { return g_profiles_refused.load(std::memory_order_relaxed); }

}  // namespace
}  // namespace scrutiny

static_assert(std::string_view(scrutiny::kPdfModuleEntry) == "scrutiny_pdf_module_v1");
extern "C" __attribute__((visibility("default"))) const scrutiny::PdfModule* scrutiny_pdf_module_v1() {
  static const scrutiny::PdfModule module{sizeof(scrutiny::ExtractedText), sizeof(scrutiny::TextBlock),
                                          &scrutiny::extract_pdf_bytes, &scrutiny::profiles_refused};
  return &module;
}
