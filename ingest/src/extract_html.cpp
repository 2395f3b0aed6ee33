// HTML via gumbo: the page's main content as blocks, without scripts,
// styles, navigation, cookie banners, footers, forms and ModernGov chrome.
// Bytes are converted to UTF-8 first (meta charset, else ICU detection);
// gumbo decodes entities.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "scrutiny/extract.h"
#include "scrutiny/normalise.h"

namespace scrutiny {
namespace {

constexpr int kMaxDepth = 400;  // deeper markup is hostile; its text is skipped

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The charset named in a <meta> near the top, or "".
std::string declared_charset(std::string_view bytes) {
  const std::string head = lower(bytes.substr(0, std::min<size_t>(bytes.size(), 4096)));
  size_t pos = 0;
  while ((pos = head.find("charset", pos)) != std::string::npos) {
    pos += 7;
    size_t i = pos;
    while (i < head.size() && (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\'')) ++i;
    if (i == pos || head.find('=', pos) > i) continue;
    size_t j = i;
    while (j < head.size() && (std::isalnum(static_cast<unsigned char>(head[j])) || head[j] == '-' || head[j] == '_' ||
                               head[j] == ':' || head[j] == '.'))
      ++j;
    if (j > i) return head.substr(i, j - i);
  }
  return {};
}

std::string decode(std::string_view bytes) {
  std::string cs = declared_charset(bytes);
  if (cs == "utf-8" || cs == "utf8") cs.clear();  // verify by detection: mislabelled pages are common
  return to_utf8(bytes, cs);
}

const char* attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

bool attr_contains(const GumboNode* n, const char* name, std::initializer_list<const char*> words) {
  const char* v = attr(n, name);
  if (!v || !*v) return false;
  const std::string l = lower(v);
  for (const char* w : words)
    if (l.find(w) != std::string::npos) return true;
  return false;
}

bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
GumboTag tag(const GumboNode* n) { return n->v.element.tag; }

// Elements that are never main content.
bool chrome(const GumboNode* n, bool inside_main) {
  switch (tag(n)) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_OBJECT: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_LABEL:
      return true;
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
      return !inside_main;  // an article's own header holds its title
    default:
      break;
  }
  if (attr(n, "hidden")) return true;
  if (const char* aria = attr(n, "aria-hidden"); aria && std::strcmp(aria, "true") == 0) return true;
  if (attr_contains(n, "style", {"display:none", "display: none", "visibility:hidden", "visibility: hidden"})) return true;
  if (attr_contains(n, "role", {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "menu"}))
    return true;
  static const std::initializer_list<const char*> kChromeWords = {
      "cookie", "consent", "banner", "breadcrumb", "skiplink", "skip-link", "skip-to", "skip_to", "skipto",
      "share", "social", "mghide", "mgfooter", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader",
      "navbar", "navigation", "sidebar", "menu", "footer", "gdpr", "addthis", "print-link"};
  return attr_contains(n, "class", kChromeWords) || attr_contains(n, "id", kChromeWords);
}

bool block_level(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_HR: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
      return true;
    default:
      return false;
  }
}

bool is_heading_tag(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 ||
         t == GUMBO_TAG_H6;
}

// Text length under `n` (for choosing the main container).
size_t text_length(const GumboNode* n, int depth = 0) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) return std::strlen(n->v.text.text);
  if (!is_element(n) || depth > kMaxDepth) return 0;
  const GumboTag t = tag(n);
  if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT) return 0;
  size_t total = 0;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) total += text_length(static_cast<const GumboNode*>(kids.data[i]), depth + 1);
  return total;
}

// Main-content candidates, best first: <main>/role=main, ModernGov's
// #modgov, then the usual content ids and classes.
int main_rank(const GumboNode* n) {
  if (tag(n) == GUMBO_TAG_MAIN) return 1;
  if (const char* role = attr(n, "role"); role && std::strcmp(role, "main") == 0) return 1;
  const char* id = attr(n, "id");
  const std::string lid = id ? lower(id) : std::string();
  if (lid == "modgov") return 2;
  for (const char* good : {"content", "main-content", "maincontent", "main_content", "page-content", "pagecontent",
                           "main", "primary", "article"})
    if (lid == good) return 3;
  if (tag(n) == GUMBO_TAG_ARTICLE) return 4;
  return 0;
}

void find_main(const GumboNode* n, int depth, const GumboNode*& best, int& best_rank) {
  if (!is_element(n) || depth > kMaxDepth) return;
  const int r = main_rank(n);
  if (r && (best_rank == 0 || r < best_rank)) best = n, best_rank = r;
  if (best_rank == 1) return;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) find_main(static_cast<const GumboNode*>(kids.data[i]), depth + 1, best, best_rank);
}

// A list whose items are nothing but links (a menu outside any <nav>).
bool link_list(const GumboNode* n) {
  if (tag(n) != GUMBO_TAG_UL && tag(n) != GUMBO_TAG_OL) return false;
  const GumboVector& kids = n->v.element.children;
  int items = 0;
  for (unsigned i = 0; i < kids.length; ++i) {
    const GumboNode* li = static_cast<const GumboNode*>(kids.data[i]);
    if (!is_element(li) || tag(li) != GUMBO_TAG_LI) continue;
    ++items;
    size_t all = text_length(li), linked = 0;
    const GumboVector& parts = li->v.element.children;
    for (unsigned k = 0; k < parts.length; ++k) {
      const GumboNode* p = static_cast<const GumboNode*>(parts.data[k]);
      if (is_element(p) && tag(p) == GUMBO_TAG_A) linked += text_length(p);
    }
    if (linked * 10 < all * 9) return false;
  }
  return items >= 3;
}

class Walker {
 public:
  Walker(ExtractedText& out, bool has_main) : out_(out), has_main_(has_main) {}

  void walk(const GumboNode* n, int depth) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      text(n->v.text.text);
      return;
    }
    if (!is_element(n) || depth > kMaxDepth) return;
    if (chrome(n, has_main_ || inside_article_ > 0)) return;
    if (!has_main_ && link_list(n)) return;
    const GumboTag t = tag(n);
    if (t == GUMBO_TAG_BR) { buf_ += '\n'; return; }
    if (t == GUMBO_TAG_IMG) return;
    const bool block = block_level(t);
    const Flags saved = flags_;
    if (block) {
      flush();
      if (is_heading_tag(t)) flags_.heading = true;
      if (t == GUMBO_TAG_LI || t == GUMBO_TAG_DT || t == GUMBO_TAG_DD) flags_.list_item = t == GUMBO_TAG_LI;
      if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) flags_.table_cell = true;
      if (t == GUMBO_TAG_PRE) flags_.pre = true;
    }
    const bool bold = t == GUMBO_TAG_B || t == GUMBO_TAG_STRONG;
    if (bold) ++bold_depth_;
    if (t == GUMBO_TAG_ARTICLE) ++inside_article_;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) walk(static_cast<const GumboNode*>(kids.data[i]), depth + 1);
    if (t == GUMBO_TAG_ARTICLE) --inside_article_;
    if (bold) --bold_depth_;
    if (block) {
      flush();
      flags_ = saved;
    }
  }

  void flush() {
    if (buf_.empty()) return;
    const std::string norm = normalise_text(buf_);
    const bool bold = chars_ > 0 && bold_chars_ * 10 >= chars_ * 9;
    buf_.clear();
    chars_ = bold_chars_ = 0;
    // A blank line (two <br>) separates paragraphs inside one element.
    size_t pos = 0;
    while (pos < norm.size()) {
      size_t end = norm.find("\n\n", pos);
      if (end == std::string::npos) end = norm.size();
      std::string part = norm.substr(pos, end - pos);
      pos = end + 2;
      TextBlock b;
      b.list_item = flags_.list_item;
      if (strip_bullet(part)) b.list_item = true;
      b.text = join_lines(part);
      if (b.text.empty()) continue;
      b.heading = flags_.heading;
      b.table_cell = flags_.table_cell;
      b.bold = bold;
      out_.blocks.push_back(std::move(b));
    }
  }

 private:
  struct Flags {
    bool heading = false, list_item = false, table_cell = false, pre = false;
  };

  void text(const char* s) {
    const size_t n = std::strlen(s);
    if (flags_.pre) {
      buf_.append(s, n);
    } else {
      for (size_t i = 0; i < n; ++i) {
        const char c = s[i];
        buf_ += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
      }
    }
    chars_ += n;
    if (bold_depth_ > 0) bold_chars_ += n;
  }

  ExtractedText& out_;
  bool has_main_;
  Flags flags_;
  std::string buf_;
  size_t chars_ = 0, bold_chars_ = 0;
  int bold_depth_ = 0;
  int inside_article_ = 0;
};

const GumboNode* find_tag(const GumboNode* n, GumboTag wanted, int depth = 0) {
  if (!is_element(n) || depth > kMaxDepth) return nullptr;
  if (tag(n) == wanted) return n;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    if (const GumboNode* f = find_tag(static_cast<const GumboNode*>(kids.data[i]), wanted, depth + 1)) return f;
  return nullptr;
}

std::string node_text(const GumboNode* n) {
  std::string s;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const GumboNode* k = static_cast<const GumboNode*>(kids.data[i]);
    if (k->type == GUMBO_NODE_TEXT) s += k->v.text.text;
  }
  return normalise_text(s);
}

void read_meta(const GumboNode* head, ExtractedText& out) {
  if (!head) return;
  const GumboVector& kids = head->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const GumboNode* k = static_cast<const GumboNode*>(kids.data[i]);
    if (!is_element(k)) continue;
    if (tag(k) == GUMBO_TAG_TITLE && out.title.empty()) out.title = node_text(k);
    if (tag(k) != GUMBO_TAG_META) continue;
    const char* name = attr(k, "name");
    if (!name) name = attr(k, "property");
    const char* content = attr(k, "content");
    if (name && content && *content && out.info.size() < 40) out.info.emplace(name, normalise_text(content));
  }
}

}  // namespace

Result<ExtractedText> extract_html(std::string_view bytes) {
  if (bytes.empty()) return Error{"empty file (0 bytes)"};
  const std::string utf8 = decode(bytes);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
      gumbo_parse_with_options(&options, utf8.data(), utf8.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!doc || !doc->root) return Error{"unreadable HTML"};
  ExtractedText out;
  out.format = "html";
  read_meta(find_tag(doc->root, GUMBO_TAG_HEAD), out);

  const GumboNode* body = find_tag(doc->root, GUMBO_TAG_BODY);
  if (!body) body = doc->root;
  const GumboNode* main = nullptr;
  int rank = 0;
  find_main(body, 0, main, rank);
  // A main container holding little of the page's text is a false match.
  if (main && text_length(main) * 7 < text_length(body)) main = nullptr;
  Walker walker(out, main != nullptr);
  walker.walk(main ? main : body, 0);
  walker.flush();
  if (out.title.empty())
    for (const TextBlock& b : out.blocks)
      if (b.heading) { out.title = b.text; break; }
  if (out.blocks.empty()) return Error{"no text in the page's main content"};
  return out;
}

}  // namespace scrutiny
