// File discovery (hidden files, sidecars, symlink loops, non-regular files)
// and the writer lock naming its holder.
#define BOOST_TEST_MODULE batch_walk_lock
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "scrutiny/file_state.h"
#include "scrutiny/file_walk.h"
#include "scrutiny/writer_lock.h"

using namespace scrutiny;
namespace fs = std::filesystem;

namespace {
struct Tmp {
  fs::path p;
  Tmp() {
    std::string t = (fs::temp_directory_path() / "scrutiny-walk-XXXXXX").string();
    p = ::mkdtemp(t.data());
  }
  ~Tmp() { fs::remove_all(p); }
};
void touch(const fs::path& p, const std::string& s = "x") {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << s;
}
}  // namespace

BOOST_AUTO_TEST_CASE(walk_skips_hidden_and_sidecars_and_survives_loops) {
  Tmp t;
  const std::string root = t.p.string();
  touch(t.p / "b.pdf");
  touch(t.p / "a dir/é.txt");
  touch(t.p / "b.pdf.meta.json", "{}");
  touch(t.p / ".git/config");
  touch(t.p / ".hidden.txt");
  fs::create_directory_symlink("..", t.p / "a dir/up");   // loop back to the root
  fs::create_directory_symlink(t.p / "a dir", t.p / "z"); // second link to a walked dir
  ::mkfifo((t.p / "pipe.pdf").c_str(), 0644);

  WalkResult w = walk_paths({root});
  std::vector<std::string> sources;
  for (const auto& f : w.files) sources.push_back(f.source);
  BOOST_TEST(sources == (std::vector<std::string>{root + "/a dir/é.txt", root + "/b.pdf"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(w.problems.size(), 1u);
  BOOST_TEST(w.problems[0].source == root + "/pipe.pdf");
  BOOST_TEST(w.problems[0].reason == "not a regular file");

  // A hidden file named explicitly is taken; a path given twice counts once.
  WalkResult named = walk_paths({root + "/.hidden.txt", root + "/./.hidden.txt"});
  BOOST_REQUIRE_EQUAL(named.files.size(), 1u);
  BOOST_TEST(named.files[0].key == root + "/.hidden.txt");
}

BOOST_AUTO_TEST_CASE(state_keys_are_absolute_and_normal) {
  const std::string cwd = fs::current_path().string();
  BOOST_TEST(state_key("docs/../docs/a.pdf") == cwd + "/docs/a.pdf");
  BOOST_TEST(state_key("/srv//pub/./a.pdf") == "/srv/pub/a.pdf");
  FileState s{{12, 34}, "doc", "dig", "docs/a.pdf"};
  auto back = decode_file_state(encode(s));
  BOOST_REQUIRE(back.has_value());
  BOOST_TEST((back->stamp == s.stamp));
  BOOST_TEST(back->source == "docs/a.pdf");
  BOOST_TEST(!decode_file_state("not json").has_value());
}

BOOST_AUTO_TEST_CASE(second_lock_is_refused_naming_the_holder) {
  Tmp t;
  const std::string db = (t.p / "db").string();
  Result<WriterLock> first = WriterLock::acquire(db, 0);
  BOOST_REQUIRE(first.ok());
  // flock locks belong to open file descriptions: a second open in this
  // process conflicts just as another process would.
  Result<WriterLock> second = WriterLock::acquire(db, 0.3);
  BOOST_REQUIRE(!second.ok());
  BOOST_TEST(second.error().find("locked by another ingest: pid " + std::to_string(::getpid())) != std::string::npos,
             second.error());
  BOOST_TEST(second.error().find("(waited 0.3 s)") != std::string::npos, second.error());
  { WriterLock released = std::move(first.value()); }
  BOOST_TEST(WriterLock::acquire(db, 0).ok());
}
