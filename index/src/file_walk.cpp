#include "scrutiny/file_walk.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

#include "scrutiny/file_state.h"

namespace scrutiny {
namespace {

class Walker {
 public:
  explicit Walker(WalkResult& out) : out_(out) {}

  void visit(const std::string& path, bool in_directory = false) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      problem(path, std::strerror(errno));
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      descend(path, st);
    } else if (S_ISREG(st.st_mode)) {
      if (in_directory && !has_document_extension(path)) {
        out_.ignored.push_back(path);
        return;
      }
      add_file(path);
    } else {
      problem(path, "not a regular file");
    }
  }

 private:
  void descend(const std::string& dir, const struct stat& st) {
    if (!dirs_seen_.insert({st.st_dev, st.st_ino}).second) return;  // loop or second link
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
      problem(dir, std::string("cannot read directory: ") + std::strerror(errno));
      return;
    }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name.empty() || name[0] == '.' || is_sidecar(name)) continue;
      names.push_back(std::move(name));
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    const std::string prefix = (!dir.empty() && dir.back() == '/') ? dir : dir + "/";
    for (const auto& name : names) visit(prefix + name, true);
  }

  void add_file(const std::string& path) {
    std::string key = state_key(path);
    if (keys_seen_.insert(key).second) out_.files.push_back({path, std::move(key)});
  }

  void problem(const std::string& path, std::string reason) {
    out_.problems.push_back({path, std::move(reason)});
  }

  WalkResult& out_;
  std::set<std::pair<dev_t, ino_t>> dirs_seen_;
  std::set<std::string> keys_seen_;
};

}  // namespace

bool is_sidecar(const std::string& name) {
  static const std::string suffix = ".meta.json";
  return name.size() > suffix.size() &&
         name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool has_document_extension(const std::string& name) {
  const size_t slash = name.rfind('/');
  const std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  const size_t dot = base.rfind('.');
  if (dot == std::string::npos || dot == 0) return true;  // no extension: sniff it
  std::string ext = base.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::set<std::string> kDocument = {"pdf", "htm", "html", "xhtml", "shtml",
                                                  "aspx", "asp", "php", "txt", "text"};
  return kDocument.count(ext) > 0;
}

WalkResult walk_paths(const std::vector<std::string>& paths) {
  WalkResult out;
  Walker walker(out);
  for (const auto& p : paths) walker.visit(p);
  return out;
}

}  // namespace scrutiny
