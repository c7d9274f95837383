// Turns prose with TeX math delimiters into rich text: "$x^2$" and "\(x^2\)"
// become Math nodes, everything else Text nodes. Shared by every reader whose
// source writes math inline.
#pragma once

#include <string_view>

#include "ir/ir.hpp"

namespace glossc::text {

struct MathDelimiters {
    bool dollar = true;   // $...$ (a "$" followed by a digit and space-bounded prices are kept as text)
    bool paren = true;    // \( ... \)
    bool bracket = true;  // \[ ... \]
};

ir::RichText parse_inline_math(std::string_view s, MathDelimiters delimiters = {});

// Source prose as rich text: white space runs (line breaks, no-break spaces)
// collapsed to one space, then math parsed. What readers store as a summary,
// body or example.
ir::RichText parse_prose(std::string_view s, MathDelimiters delimiters = {});

// Plain text of rich text, math shown as its TeX source between the given
// delimiters. Used for search keys, similarity and plain renderings.
std::string plain_text(const ir::RichText& text, std::string_view math_open = "",
                       std::string_view math_close = "");

// Appends a Text node, merging it into a preceding Text node so that rich
// text stays in canonical form (no two adjacent Text nodes, no empty ones).
void append_text(ir::RichText& out, std::string_view s);

}  // namespace glossc::text
