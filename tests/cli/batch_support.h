// Helpers for the end-to-end ingest tests: run the real `scrutiny` binary
// (SCRUTINY_BINARY) as a child process, make temporary trees of files, write
// small PDFs, and look inside the resulting Xapian index.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "scrutiny/stored_passage.h"

extern char** environ;

namespace batch_test {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "scrutiny-batch-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  std::string str(const std::string& rel = "") const { return rel.empty() ? path.string() : (path / rel).string(); }
};

inline void write_file(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
}

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A text file of `paragraphs` distinct paragraphs mentioning `word`.
inline std::string paragraphs_text(const std::string& word, int paragraphs) {
  std::string out;
  for (int i = 0; i < paragraphs; ++i)
    out += "The council reviewed " + word + " item number " + std::to_string(i + 1) +
           " and agreed the recommendations in full.\n\n";
  return out;
}

// Spawns `scrutiny args...` with stdout/stderr to files in `log_dir`.
inline pid_t spawn_scrutiny(const std::vector<std::string>& args, const std::string& out_file,
                            const std::string& err_file) {
  std::vector<std::string> argv_s{SCRUTINY_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

struct RunResult {
  int code = -1;
  std::string out, err;
};

inline int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline RunResult run_scrutiny(const std::vector<std::string>& args) {
  TempDir logs;
  pid_t pid = spawn_scrutiny(args, logs.str("out"), logs.str("err"));
  RunResult r;
  r.code = wait_exit(pid);
  r.out = read_file(logs.str("out"));
  r.err = read_file(logs.str("err"));
  return r;
}

// --- Index inspection --------------------------------------------------------

inline Xapian::doccount passages(const std::string& db) { return Xapian::Database(db).get_doccount(); }

inline Xapian::doccount term_count(const std::string& db, const std::string& term) {
  return Xapian::Database(db).get_termfreq(term);
}

// Q terms that index more than one passage (should be none).
inline std::vector<std::string> duplicate_unique_terms(const std::string& db) {
  Xapian::Database d(db);
  std::vector<std::string> dups;
  for (auto it = d.allterms_begin("Q"); it != d.allterms_end("Q"); ++it)
    if (it.get_termfreq() != 1) dups.push_back(*it);
  return dups;
}

inline std::vector<std::string> metadata_keys(const std::string& db, const std::string& prefix) {
  Xapian::Database d(db);
  std::vector<std::string> out;
  for (auto it = d.metadata_keys_begin(prefix); it != d.metadata_keys_end(prefix); ++it) out.push_back(*it);
  return out;
}

inline nlohmann::json metadata_json(const std::string& db, const std::string& key) {
  return nlohmann::json::parse(Xapian::Database(db).get_metadata(key), nullptr, false);
}

// The "source" of every passage as readers see it, counted.
inline std::map<std::string, int> passage_sources(const std::string& db) {
  Xapian::Database d(db);
  scrutiny::StoredPassageReader passages(d);
  std::map<std::string, int> out;
  for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    auto data = passages.read(d.get_document(*it));
    if (data.is_object()) out[data.value("source", "")]++;
  }
  return out;
}

// --- PDFs --------------------------------------------------------------------

// A minimal PDF: one page per entry of `pages`, each showing its text in
// Helvetica; an empty entry makes an image-only page (a grey 8x8 image).
inline std::string make_pdf(const std::vector<std::string>& pages) {
  std::vector<std::string> objs;  // object bodies, numbered from 1
  objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objs.push_back("");  // pages, filled below
  objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  std::string kids;
  for (const auto& text : pages) {
    std::string content;
    std::string resources;
    if (text.empty()) {
      std::string pixels(64, '\x80');
      objs.push_back("<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                     "/BitsPerComponent 8 /Length 64 >>\nstream\n" + pixels + "\nendstream");
      size_t img = objs.size();
      content = "q 200 0 0 200 100 400 cm /Im1 Do Q";
      resources = "<< /XObject << /Im1 " + std::to_string(img) + " 0 R >> >>";
    } else {
      content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
      resources = "<< /Font << /F1 3 0 R >> >>";
    }
    objs.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
    size_t c = objs.size();
    objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources +
                   " /Contents " + std::to_string(c) + " 0 R >>");
    kids += std::to_string(objs.size()) + " 0 R ";
  }
  objs[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace batch_test
