// Text normalisation: charset detection and conversion (ICU), NFKC plus the
// folds that make "Council’s" and "Council's" the same word, bullet
// recognition and rejoining of lines broken by the layout.
#include "scrutiny/normalise.h"
#include "utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>

namespace scrutiny {
namespace {

// Decodes one code point at s[i]; invalid or truncated sequences give U+FFFD
// and advance one byte.
char32_t decode_utf8(std::string_view s, size_t& i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) { ++i; return c; }
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) { ++i; return 0xFFFD; }
  char32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++i; return 0xFFFD; }
  i += len;
  return cp;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
    size_t before = i;
    if (decode_utf8(s, i) == 0xFFFD && i == before + 1) {
      // A literal U+FFFD is 3 bytes; one byte consumed means invalid.
      return false;
    }
  }
  return true;
}

// Characters folded before and after NFKC. Returns 0 to drop the character.
char32_t fold(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
    case 0x02BC: case 0x02B9: case 0x00B4: case 0xFF07:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x2036:
    case 0x00AB: case 0x00BB: case 0x02BA: case 0xFF02:
      return '"';
    case 0x00A0: case 0x2007: case 0x202F: case 0x205F: case 0x3000: case 0x1680:
    case '\t': case '\v': case '\f':
      return ' ';
    case 0x2010: case 0x2011: case 0x2212:
      return '-';
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x200E: case 0x200F:
      return 0;
    case '\r':
      return '\n';
    case 0x2028: case 0x2029:
      return '\n';
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) return ' ';
  if (c < 0x20 && c != '\n') return 0;             // other C0 controls
  if (c >= 0x7F && c < 0xA0) return 0;             // DEL and C1 controls
  return c;
}

const icu::Normalizer2* nfkc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? p : nullptr;
  }();
  return n;
}

// Appends `cp` to `out`, folding runs of spaces and trimming spaces around
// newlines; `pending_space` carries a space not yet written.
struct SpaceFolder {
  std::string& out;
  bool pending_space = false;
  int newlines = 0;  // newlines pending

  void put(char32_t cp) {
    if (cp == 0) return;
    if (cp == ' ') { pending_space = true; return; }
    if (cp == '\n') { ++newlines; pending_space = false; return; }
    if (!out.empty()) {
      if (newlines > 0) out.append(newlines > 1 ? 2 : 1, '\n');
      else if (pending_space) out += ' ';
    }
    newlines = 0;
    pending_space = false;
    append_utf8(out, cp);
  }
};

}  // namespace

std::string detect_charset(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return "UTF-8";
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") return "UTF-16LE";
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") return "UTF-16BE";
  if (valid_utf8(bytes)) return "UTF-8";
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status), ucsdet_close);
  if (U_FAILURE(status)) return "windows-1252";
  const int32_t len = static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 20));
  ucsdet_setText(det.get(), bytes.data(), len, &status);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
  if (U_FAILURE(status) || !match) return "windows-1252";
  const std::string name = ucsdet_getName(match, &status);
  const int32_t confidence = ucsdet_getConfidence(match, &status);
  if (U_FAILURE(status)) return "windows-1252";
  // English documents in an 8-bit charset are nearly always Windows-1252;
  // ICU reports them as ISO-8859-1 (which lacks ’ “ ” – in 0x80-0x9F).
  if (name == "ISO-8859-1" || name == "ISO-8859-15" || name == "windows-1252" || confidence < 50)
    return "windows-1252";
  if (name.rfind("UTF-8", 0) == 0) return "windows-1252";  // invalid UTF-8 checked above
  return name;
}

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  std::string cs = charset.empty() ? detect_charset(bytes) : std::string(charset);
  for (char& ch : cs) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (cs == "utf-8" || cs == "utf8") {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (valid_utf8(bytes)) return std::string(bytes);
    std::string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) append_utf8(out, decode_utf8(bytes, i));
    return out;
  }
  if (cs == "iso-8859-1" || cs == "latin1" || cs == "us-ascii" || cs == "ascii") cs = "windows-1252";
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(cs.c_str(), &status), ucnv_close);
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    conv.reset(ucnv_open("windows-1252", &status));
    if (U_FAILURE(status)) return to_utf8(bytes, "UTF-8");
  }
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
  if (U_FAILURE(status)) return to_utf8(bytes, "UTF-8");
  if (u.length() > 0 && u.charAt(0) == 0xFEFF) u.remove(0, 1);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string normalise_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  SpaceFolder sink{out};
  bool ascii = true;
  for (unsigned char c : utf8)
    if (c >= 0x80) { ascii = false; break; }
  if (ascii || !nfkc()) {
    for (size_t i = 0; i < utf8.size();) sink.put(fold(decode_utf8(utf8, i)));
    return out;
  }
  // Fold first (so U+00B4 and soft hyphens never reach NFKC), then NFKC,
  // then fold again for what NFKC produced (fullwidth forms, U+2033 -> U+2032 x2).
  icu::UnicodeString u;
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = fold(decode_utf8(utf8, i));
    if (c) u.append(static_cast<UChar32>(c));
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString n = nfkc()->normalize(u, status);
  if (U_FAILURE(status)) n = u;
  for (int32_t i = 0; i < n.length();) {
    UChar32 c = n.char32At(i);
    i += U16_LENGTH(c);
    sink.put(fold(static_cast<char32_t>(c)));
  }
  return out;
}

namespace {

bool is_bullet_code_point(char32_t c) {
  switch (c) {
    case 0x2022: case 0x00B7: case 0x25FC: case 0x25AA: case 0x25A0: case 0x25CB: case 0x25CF:
    case 0x25E6: case 0x2023: case 0x2043: case 0x2219: case 0x27A2: case 0x25BA: case 0x25B6:
    case 0x2713: case 0x2714: case 0x25A1: case 0x2756: case 0x25C6: case 0x25C7: case 0x2605:
    case 0x27A4: case 0x2794: case 0x00A7:
      return true;
    default:
      break;
  }
  return c >= 0xF000 && c <= 0xF0FF;  // Symbol/Wingdings private-use glyphs (U+F0B7, U+F0A7, U+F0D8...)
}

}  // namespace

bool strip_bullet(std::string& line) {
  size_t start = 0;
  while (start < line.size() && (line[start] == ' ' || line[start] == '\t')) ++start;
  if (start >= line.size()) return false;
  size_t i = start;
  const char32_t c = decode_utf8(line, i);
  bool bullet = is_bullet_code_point(c);
  const bool next_is_space = i < line.size() && (line[i] == ' ' || line[i] == '\t');
  // ASCII and dash bullets need a following space ("-5 degrees", "*note").
  if (!bullet && (c == '-' || c == '*' || c == 0x2013 || c == 'o' || c == 0x2014))
    bullet = next_is_space && (c != 'o' || i + 1 < line.size());
  if (c == 'o' && bullet) {
    // "o " is Word's second-level bullet in Courier, but also a word in
    // some languages; accept it only before a capital or lowercase word.
    bullet = i + 1 < line.size() && std::isalpha(static_cast<unsigned char>(line[i + 1]));
  }
  if (!bullet) return false;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size()) return false;  // a bare bullet is not a list item
  line.erase(0, i);
  return true;
}

namespace {

// A line-end hyphen is a soft break when the continuation is a word ending
// that cannot stand alone ("recruit-/ment"); otherwise it is a real compound
// ("decision-/making", "well-/being"), which Word documents mostly contain.
bool suffix_fragment(std::string_view next) {
  size_t n = 0;
  while (n < next.size() && std::islower(static_cast<unsigned char>(next[n]))) ++n;
  const std::string_view w = next.substr(0, n);
  static constexpr std::string_view kEndings[] = {
      "ment", "ments", "tion", "tions", "sion", "sions", "ation", "ations", "ition", "itions", "ing", "ings",
      "ed", "ly", "ness", "ity", "ities", "ance", "ances", "ence", "ences", "ency", "ancy", "ful", "ous", "ious",
      "al", "ally", "ial", "ical", "ically", "ism", "ist", "ists", "able", "ible", "ably", "ibly", "er", "ers",
      "est", "ship", "ships", "ive", "ives", "ively", "ure", "ures", "ary", "ory", "ic", "ics", "ent", "ents",
      "ise", "ised", "ises", "ising", "ize", "ized", "izing", "ate", "ated",
      "ates", "ating", "ator", "ators", "ened", "ening", "ular", "ularly", "ual", "ually", "ia", "ium", "iate",
      "ments", "mental", "tional", "sional", "tive", "tively", "tory", "ting", "ted", "ter", "ters", "ding",
      "ded", "der", "ders", "ling", "ler", "ning", "ned", "sed", "cing", "ced",
      "ging", "ged", "ty", "ry", "ries", "cy", "cies", "dent", "dents", "dence", "tance", "tence",
      "nance", "nence", "vity", "bility", "bilities", "lity", "lities", "nity", "rity", "sity", "city"};
  for (std::string_view e : kEndings)
    if (w == e) return true;
  return false;
}

}  // namespace

std::string join_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    if (!line.empty()) {
      if (!out.empty()) {
        const bool hyphen = out.size() >= 2 && out.back() == '-' &&
                            std::isalpha(static_cast<unsigned char>(out[out.size() - 2]));
        if (hyphen && suffix_fragment(line)) out.pop_back();
        else if (!hyphen) out += ' ';
      }
      out.append(line);
    }
    pos = nl + 1;
  }
  return out;
}

}  // namespace scrutiny
