// The math alphabets of \mathbf, \mathbb, \mathcal ... as Unicode
// characters (the Mathematical Alphanumeric Symbols block and the letters
// that were in Unicode before it).
#pragma once

#include <optional>

namespace glossc::math {

enum class Alphabet { Default, Upright, Bold, Script, DoubleStruck, Fraktur, SansSerif, Monospace };

// An ASCII letter or digit in `alphabet`; nullopt when the alphabet has no
// such character (or is Default or Upright, which keep the ASCII one).
std::optional<char32_t> in_alphabet(Alphabet alphabet, char c);

}  // namespace glossc::math
