#include "math/alphabets.hpp"

#include <algorithm>
#include <iterator>

namespace glossc::math {

namespace {

struct AlphabetStart {
    char32_t upper = 0, lower = 0, digit = 0;  // 0: the alphabet has no such characters
};

AlphabetStart alphabet_start(Alphabet alphabet) {
    switch (alphabet) {
        case Alphabet::Bold: return {0x1D400, 0x1D41A, 0x1D7CE};
        case Alphabet::Script: return {0x1D49C, 0x1D4B6, 0};
        case Alphabet::DoubleStruck: return {0x1D538, 0x1D552, 0x1D7D8};
        case Alphabet::Fraktur: return {0x1D504, 0x1D51E, 0};
        case Alphabet::SansSerif: return {0x1D5A0, 0x1D5BA, 0x1D7E2};
        case Alphabet::Monospace: return {0x1D670, 0x1D68A, 0x1D7F6};
        default: return {};
    }
}

// Letters that were in Unicode before the mathematical alphabets: their
// slots in those blocks are unassigned.
struct Exception {
    Alphabet alphabet;
    char letter;
    char32_t code;
};
constexpr Exception kExceptions[] = {
    {Alphabet::Script, 'B', 0x212C},       {Alphabet::Script, 'E', 0x2130},       {Alphabet::Script, 'F', 0x2131},
    {Alphabet::Script, 'H', 0x210B},       {Alphabet::Script, 'I', 0x2110},       {Alphabet::Script, 'L', 0x2112},
    {Alphabet::Script, 'M', 0x2133},       {Alphabet::Script, 'R', 0x211B},       {Alphabet::Script, 'e', 0x212F},
    {Alphabet::Script, 'g', 0x210A},       {Alphabet::Script, 'o', 0x2134},       {Alphabet::Fraktur, 'C', 0x212D},
    {Alphabet::Fraktur, 'H', 0x210C},      {Alphabet::Fraktur, 'I', 0x2111},      {Alphabet::Fraktur, 'R', 0x211C},
    {Alphabet::Fraktur, 'Z', 0x2128},      {Alphabet::DoubleStruck, 'C', 0x2102}, {Alphabet::DoubleStruck, 'H', 0x210D},
    {Alphabet::DoubleStruck, 'N', 0x2115}, {Alphabet::DoubleStruck, 'P', 0x2119}, {Alphabet::DoubleStruck, 'Q', 0x211A},
    {Alphabet::DoubleStruck, 'R', 0x211D}, {Alphabet::DoubleStruck, 'Z', 0x2124},
};

}  // namespace

std::optional<char32_t> in_alphabet(Alphabet alphabet, char c) {
    auto exception = std::find_if(std::begin(kExceptions), std::end(kExceptions),
                                  [&](const Exception& e) { return e.alphabet == alphabet && e.letter == c; });
    if (exception != std::end(kExceptions)) return exception->code;
    AlphabetStart start = alphabet_start(alphabet);
    if (c >= 'A' && c <= 'Z' && start.upper) return start.upper + static_cast<char32_t>(c - 'A');
    if (c >= 'a' && c <= 'z' && start.lower) return start.lower + static_cast<char32_t>(c - 'a');
    if (c >= '0' && c <= '9' && start.digit) return start.digit + static_cast<char32_t>(c - '0');
    return std::nullopt;
}

}  // namespace glossc::math
