#include "scrutiny/document.h"

namespace scrutiny {

const char* to_string(Polarity p) {
  switch (p) {
    case Polarity::strength: return "strength";
    case Polarity::concern: return "concern";
    case Polarity::neutral: break;
  }
  return "neutral";
}

std::optional<Polarity> parse_polarity(const std::string& s) {
  if (s == "neutral") return Polarity::neutral;
  if (s == "strength") return Polarity::strength;
  if (s == "concern") return Polarity::concern;
  return std::nullopt;
}

std::string Document::text() const {
  std::string out;
  for (const auto& p : passages) {
    if (!out.empty()) out += "\n\n";
    out += p.text;
  }
  return out;
}

}  // namespace scrutiny
