// The math layer's expression tree: TeX math, as glossaries write it
// inline, parsed once for every output (the LaTeX allow-list, MathML,
// MathJax, the lint). Like pandoc's texmath, but for a small subset and
// keeping the source spans, so that a walker can give back the TeX itself.
//
// The parser is a superset of what the walkers accept: it knows how many
// arguments a command takes (commands.hpp), and leaves to each walker what
// it refuses (an unknown command is a node too). It fails only on what no
// output can take: invalid UTF-8, unbalanced braces, a missing argument, a
// double script, alignment (&), macro parameters (#), comments (%), $ and
// control characters in math, nesting past a bound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "math/commands.hpp"

namespace glossc::math {

struct Node {
    enum class Kind : std::uint8_t {
        None,     // nothing: the base of "^2", an absent script
        Group,    // a row: the formula, {...}, the body of \left...\right, the index of \sqrt
        Char,     // one character (`code`)
        Command,  // a command without arguments: symbol, function name, space, style, or unknown (`info` null)
        Apply,    // a command with arguments (`children`, by role: see below)
        Text,     // \text{...} and \operatorname{...}: `text` as written
        Scripts,  // children {base, subscript, superscript} (None when absent), `primes`
    };
    Kind kind = Kind::None;
    std::size_t begin = 0, end = 0;  // its bytes in the source
    char32_t code = 0;               // Char
    std::string name;                // Command, Apply, Text: without the backslash
    const CommandInfo* info = nullptr;
    // Group: the items. Apply: Accent, Font {argument}; Fraction, Binomial,
    // Stack {first, second}; Root {radicand} or {radicand, index};
    // Left {open delimiter, body, close delimiter}; Big {delimiter}.
    // A delimiter is a Char or a Command node.
    std::vector<Node> children;
    // Text: the argument between its braces (or its one character), where it starts.
    std::string text;
    std::size_t text_begin = 0;
    bool braced = false;  // Text: the argument is in braces
    bool star = false;    // \operatorname*
    // Scripts: primes, in how many runs ("x' '" has two), and whether
    // \limits or \nolimits stood among the scripts.
    std::uint32_t primes = 0;
    std::uint32_t prime_runs = 0;
    bool limits = false;

    const Node& base() const { return children[0]; }
    const Node& sub() const { return children[1]; }
    const Node& sup() const { return children[2]; }
    // The node that takes the scripts: the base of Scripts, else the node itself.
    const Node& nucleus() const { return kind == Kind::Scripts ? base() : *this; }
    bool is_char(char32_t c) const { return kind == Kind::Char && code == c; }
};

struct Parsed {
    Node formula;               // a Group (when ok)
    std::string error;          // why the formula does not parse; empty when it does
    std::size_t error_offset = 0;  // the byte where the parser stopped

    bool ok() const { return error.empty(); }
};

// Nesting of rows and arguments (a script's group is two) that the parser
// allows: hostile input nests braces thousands deep.
inline constexpr int kMaxParseDepth = 100;

Parsed parse(std::string_view tex);

// The code point at byte `at` of `s` and its length; length 0 where the
// UTF-8 is invalid (never in a formula that parsed).
struct CodePoint {
    char32_t code = 0;
    std::size_t length = 0;
};
CodePoint code_point_at(std::string_view s, std::size_t at);

// "U+00B7": how walkers name a character in a reason.
std::string code_point_name(char32_t code);

// Characters no output prints: controls, format characters, unassigned,
// private use, surrogates, line and paragraph separators, default ignorables.
bool is_invisible(char32_t code);

// The source with some of its bytes replaced: walkers that give TeX back.
struct Splice {
    std::size_t begin, end;
    std::string replacement;
};
std::string splice(std::string_view source, std::vector<Splice> splices);

}  // namespace glossc::math
