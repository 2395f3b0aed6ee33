// Plain text: charset detected (UTF-8, Windows-1252...), paragraphs at blank
// lines, bullet lines as list items, short title-like lines as headings.
// Form feeds (pdftotext output) count as page breaks.
#include <cctype>
#include <string>
#include <vector>

#include "scrutiny/extract.h"
#include "scrutiny/normalise.h"
#include "scrutiny/passage_splitter.h"

namespace scrutiny {
namespace {

bool underline(std::string_view line) {
  if (line.size() < 3) return false;
  for (char c : line)
    if (c != '=' && c != '-' && c != ' ') return false;
  return true;
}

int word_count(std::string_view s) {
  int n = s.empty() ? 0 : 1;
  for (char c : s) n += c == ' ';
  return n;
}

class TextBlocks {
 public:
  explicit TextBlocks(ExtractedText& out) : out_(out) {}

  void line(std::string text, int page) {
    if (underline(text)) {
      // "Title\n=====": the pending single line is a heading.
      if (lines_.size() == 1) {
        heading_next_ = true;
        flush(page);
      }
      return;
    }
    std::string bare = text;
    if (strip_bullet(bare)) {
      flush(page);
      list_ = true;
      lines_.push_back(std::move(bare));
      return;
    }
    lines_.push_back(std::move(text));
  }

  void flush(int page) {
    if (lines_.empty()) return;
    std::string joined;
    for (const std::string& l : lines_) joined += l + "\n";
    TextBlock b;
    b.page = page;
    b.text = join_lines(joined);
    b.list_item = list_;
    const bool single = lines_.size() == 1;
    b.heading = heading_next_ ||
                (!list_ && single && heading_shape(b.text) && word_count(b.text) <= 10 &&
                 (title_case_or_caps(b.text) || b.text.back() == ':'));
    if (!b.text.empty()) out_.blocks.push_back(std::move(b));
    lines_.clear();
    list_ = false;
    heading_next_ = false;
  }

 private:
  ExtractedText& out_;
  std::vector<std::string> lines_;
  bool list_ = false;
  bool heading_next_ = false;
};

}  // namespace

Result<ExtractedText> extract_plain_text(std::string_view bytes) {
  if (bytes.empty()) return Error{"empty file (0 bytes)"};
  const std::string utf8 = to_utf8(bytes);
  ExtractedText out;
  out.format = "text";
  const bool paged = utf8.find('\f') != std::string::npos;
  int page = paged ? 1 : 0;
  TextBlocks blocks(out);
  size_t pos = 0;
  while (pos < utf8.size()) {
    size_t end = utf8.find_first_of("\n\f", pos);
    if (end == std::string::npos) end = utf8.size();
    std::string line = normalise_text(std::string_view(utf8).substr(pos, end - pos));
    if (line.empty()) blocks.flush(page);
    else blocks.line(std::move(line), page);
    if (end < utf8.size() && utf8[end] == '\f') {
      blocks.flush(page);
      ++page;
    }
    pos = end + 1;
  }
  blocks.flush(page);
  if (paged) out.pages = page - (utf8.back() == '\f' ? 1 : 0);
  for (const TextBlock& b : out.blocks) {
    if (b.heading) { out.title = b.text; break; }
    if (out.title.empty()) { out.title = b.text.size() <= 150 ? b.text : std::string(); break; }
  }
  if (out.blocks.empty()) return Error{"no text (blank file)"};
  return out;
}

}  // namespace scrutiny
