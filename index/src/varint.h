// LEB128 varints: seven bits a byte, low bits first, the top bit set on every
// byte but the last. Used by the facet dictionary (facet_dictionary.cpp) and
// the worker's passage wire (built_passage.cpp). Internal to index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace scrutiny {

inline void put_varint(std::string& out, std::uint64_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

// Reads a varint from the front of `in` into `n`; false when it is truncated
// or longer than T holds (5 bytes for 32 bits, 10 for 64).
template <typename T>
bool get_varint(std::string_view& in, T& n) {
  n = 0;
  for (int shift = 0; shift < static_cast<int>(sizeof(T) * 8) && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= static_cast<T>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

}  // namespace scrutiny
