// PassageSplitter: turns ExtractedText blocks into Passages, each with its page
// and the heading it sits under; headings themselves become section names, not
// passages. Drops running headers/footers and bare page numbers.
#pragma once

#include <vector>

#include "scrutiny/document.h"
#include "scrutiny/extract.h"

namespace scrutiny {

class PassageSplitter {
 public:
  std::vector<Passage> split(const ExtractedText& text) const;
};

}  // namespace scrutiny
