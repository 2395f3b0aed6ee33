// Finding the files an ingest covers. Directories are recursed in name order;
// symlinks are followed, but each directory (device, inode) is entered once,
// so symlink loops and doubly linked trees cost nothing. Skipped: names
// starting with "." (hidden files and directories, e.g. .git) unless named
// on the command line, and FILE.meta.json sidecars (metadata, not documents).
// Inside a directory, only files that may be documents are taken: a document
// extension (.pdf, .htm, .html, .xhtml, .aspx, .php, .txt, .text) or none; the
// rest (.toml, .md, .docx, .jpg...) are listed as ignored, so a folder holding
// a taxonomy or a README beside its papers indexes only the papers. A file
// named on the command line is always taken (its format is then sniffed).
// Anything that is not a regular file or directory (FIFO, socket, device) and
// any path that cannot be read is reported as a problem, not opened.
#pragma once

#include <string>
#include <vector>

namespace scrutiny {

struct FoundFile {
  std::string source;  // the path as given (argument joined with the relative path)
  std::string key;     // state_key(source)
};

struct WalkProblem {
  std::string source;
  std::string reason;  // "not a regular file", "cannot read directory: ..."
};

struct WalkResult {
  std::vector<FoundFile> files;   // unique by key, in walk order
  std::vector<WalkProblem> problems;
  std::vector<std::string> ignored;  // in directories, without a document extension
};

WalkResult walk_paths(const std::vector<std::string>& paths);

// True for FILE.meta.json sidecars.
bool is_sidecar(const std::string& name);

// True when a file of this name, met inside a directory, is taken as a
// possible document (see above); case-insensitive.
bool has_document_extension(const std::string& name);

}  // namespace scrutiny
