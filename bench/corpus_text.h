// Shared by the bench tools: a fully specified RNG and the source sentences
// the generated documents are made of (read from files at run time).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace scrutiny::bench {

// splitmix64: fully specified, unlike std:: distributions, so the corpus is the
// same with any standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool chance(int percent) { return range(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[next() % v.size()]; }

 private:
  std::uint64_t state_;
};

namespace detail {

// UTF-8 punctuation folded to ASCII; other non-ASCII dropped (PDF text is WinAnsi).
inline std::string fold_ascii(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size();) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out += (c == '\t' || c == '\r' || c == '\n') ? ' ' : static_cast<char>(c);
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    std::string seq = in.substr(i, len);
    if (seq == "\xE2\x80\x99" || seq == "\xE2\x80\x98") out += '\'';
    else if (seq == "\xE2\x80\x9C" || seq == "\xE2\x80\x9D") out += '"';
    else if (seq == "\xE2\x80\x93" || seq == "\xE2\x80\x94") out += '-';
    else if (seq == "\xC2\xA0") out += ' ';
    i += len;
  }
  return out;
}

inline std::string strip_tags(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') { in_tag = false; out += ' '; }
    else if (!in_tag) out += c;
  }
  return out;
}

inline void add_sentences(const std::string& raw, std::set<std::string>& out) {
  std::string text = fold_ascii(raw), collapsed;
  for (char c : text) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  size_t start = 0;
  for (size_t i = 0; i + 1 < collapsed.size(); ++i) {
    char c = collapsed[i];
    if ((c == '.' || c == '?' || c == '!') && collapsed[i + 1] == ' ') {
      std::string s = collapsed.substr(start, i + 1 - start);
      start = i + 2;
      while (!s.empty() && s.front() == ' ') s.erase(0, 1);
      size_t words = std::count(s.begin(), s.end(), ' ') + 1;
      if (s.size() >= 40 && s.size() <= 400 && words >= 7 && std::isupper(static_cast<unsigned char>(s[0])) &&
          s.find("pdf icon") == std::string::npos)
        out.insert(s);
    }
  }
}

}  // namespace detail

// Sentences (sorted, unique) from .txt/.html/.htm/.md files and directories.
inline std::vector<std::string> load_sentences(const std::vector<std::string>& sources) {
  namespace fs = std::filesystem;
  using namespace detail;
  std::vector<fs::path> files;
  for (const auto& src : sources) {
    if (fs::is_directory(src)) {
      for (const auto& e : fs::recursive_directory_iterator(src)) {
        auto ext = e.path().extension().string();
        if (e.is_regular_file() && (ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".md"))
          files.push_back(e.path());
      }
    } else if (fs::is_regular_file(src)) {
      files.emplace_back(src);
    }
  }
  std::sort(files.begin(), files.end());  // directory order must not change the corpus
  std::set<std::string> sentences;        // sorted and unique: deterministic
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto ext = f.extension().string();
    add_sentences(ext == ".html" || ext == ".htm" ? strip_tags(buf.str()) : buf.str(), sentences);
  }
  return {sentences.begin(), sentences.end()};
}

}  // namespace scrutiny::bench
