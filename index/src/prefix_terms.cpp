#include "scrutiny/prefix_terms.h"

namespace scrutiny {

std::vector<std::string> terms_with_prefix(const Xapian::Database& db, std::string_view prefix) {
  std::vector<std::string> terms;
  const std::string p(prefix);
  const auto end = db.allterms_end(p);
  for (auto it = db.allterms_begin(p); it != end;) {
    terms.push_back(*it);
    // The least term after this one: our terms hold no byte below 0x01, and
    // the term + "\0" would land among this term's own continuation chunks.
    it.skip_to(terms.back() + '\x01');
  }
  return terms;
}

}  // namespace scrutiny
