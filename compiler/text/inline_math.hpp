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

// The "$" that closes an inline formula opened by the "$" at `open`, or
// npos when that "$" opens none. Pairs are found as TeX finds them (the next
// unescaped "$" closes), then refused where Pandoc's rules and prose say
// the "$" is a dollar: a space after the opening or before the closing "$"
// ("$5 and $10"), a digit after the closing "$" of a plain number ("$5-$10";
// "3$\times$4096" is math), or a run of words inside. Shared by every reader
// that finds "$" math (inline_math.cpp, the Markdown reader).
std::size_t find_dollar_close(std::string_view s, std::size_t open);

// Source prose as rich text: white space runs (line breaks, no-break spaces)
// collapsed to one space, then math parsed. What readers store as a summary,
// body or example.
ir::RichText parse_prose(std::string_view s, MathDelimiters delimiters = {});

// Plain text of rich text, math shown as its TeX source between the given
// delimiters. Used for search keys, similarity and plain renderings.
std::string plain_text(const ir::RichText& text, std::string_view math_open = "",
                       std::string_view math_close = "");

// Plain text of blocks: each block's plain text (code as its lines, display
// math between the delimiters), blocks and list items joined by one space.
// The plain text of one paragraph is that of its rich text.
std::string plain_text(const ir::Blocks& blocks, std::string_view math_open = "", std::string_view math_close = "");

// Appends `more` to `to` with one space between (both canonical): two
// paragraphs as one run.
void append_paragraph(ir::RichText& to, const ir::RichText& more);

// Blocks as one run of rich text, where only inline text fits (a name, a
// summary, a card field that takes no blocks): paragraphs, list items and
// cells joined by a space, a code block as inline code (its white space
// collapsed), display math as inline math.
ir::RichText flatten(const ir::Blocks& blocks);

// Appends a Text node, merging it into a preceding Text node so that rich
// text stays in canonical form (no two adjacent Text nodes, no empty ones).
void append_text(ir::RichText& out, std::string_view s);

}  // namespace glossc::text
