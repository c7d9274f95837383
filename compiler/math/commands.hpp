// The TeX commands of the math layer, in one table: for each, what the
// parser needs (its arguments) and what every walker needs (its character,
// which outputs accept it). A command not in the table is parsed as a node
// of its own with no arguments, which every walker refuses.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "math/alphabets.hpp"

namespace glossc::math {

// What a command is: the parser reads its arguments from this.
enum class Role : std::uint8_t {
    Identifier,    // a letter-like symbol (\alpha, \infty, \_)
    Operator,      // operator, relation, arrow, delimiter, dots, big operator (\cdot, \to, \sum)
    Function,      // a function name set upright (\log)
    Space,         // spacing (\, \quad)
    Style,         // style or limit placement only (\displaystyle, \limits): nothing to draw
    Accent,        // one argument (\hat)
    Fraction,      // two arguments (\frac)
    Binomial,      // two arguments in parentheses (\binom)
    Stack,         // two arguments, the first set over (or under) the second (\overset)
    Root,          // \sqrt[index]{radicand}
    Font,          // one argument in a math alphabet (\mathbf)
    Text,          // one argument read as text (\text)
    OperatorName,  // \operatorname*{text}
    Left,          // \left D ... \right D
    Right,
    Big,  // a sized delimiter (\bigl D)
};

// Which outputs accept a command, and facts some of them need.
enum Flag : std::uint16_t {
    kLatex = 1 << 0,          // the LaTeX edition typesets it (latex_math.hpp)
    kLatexArgument = 1 << 1,  // ... also as an unbraced argument (one math character)
    kLatexScript = 1 << 2,    // ... a font or text command also as an unbraced script
    kMathml = 1 << 3,         // the EPUB's MathML converter renders it
    kMathJax = 1 << 4,        // MathJax (the Anki deck) renders it
    kDelimiter = 1 << 5,      // may follow \left, \right and \big
    kUpright = 1 << 6,        // an upright identifier (capital Greek)
    kUnder = 1 << 7,          // an accent or stack set under its base
    kLintBare = 1 << 8,       // its letters are never a plain word (the lint of lost backslashes)
    kLintText = 1 << 9,       // the lint skips its braced argument (text, not math)
    kLatexWords = 1 << 10,    // a font whose LaTeX argument is words: letters, digits, spaces, - . , / \, \_
    kLatexCapitals = 1 << 11  // a font whose LaTeX argument is capitals and spaces (else letters and digits)
};

struct CommandInfo {
    std::string_view name;  // without the backslash
    Role role;
    std::uint16_t flags;
    char32_t code = 0;          // the Unicode character (symbols; the mark of accents); 0 when none
    std::string_view detail{};  // MathML: function text, space width, text mathvariant, \big size
    Alphabet alphabet = Alphabet::Default;  // fonts
};

// The row of `name`; null for a command the table does not know.
const CommandInfo* find_command(std::string_view name);

// Every row, in table order.
std::span<const CommandInfo> all_commands();

}  // namespace glossc::math
