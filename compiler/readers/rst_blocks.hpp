// The block pass of the reStructuredText reader (rst.cpp): the document's
// lines become blocks by their indentation, as docutils builds them (titles,
// paragraphs, lists, fields, tables, explicit markup, directives). It knows
// reST's line syntax and nothing of entries, so that the reader proper reads
// a tree, not lines. Also the small text helpers every rst file uses.
#pragma once

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "readers/reader.hpp"
#include "text/lines.hpp"

namespace glossc::readers::rst {

using Indent = std::int64_t;  // columns; -1 is "above the document"

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

inline std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// How reST compares names (targets, labels, substitutions): case and white
// space runs do not matter.
inline std::string fold(std::string_view s) { return lower_ascii(text::collapse_whitespace(s)); }

enum class Kind {
    Paragraph,      // lines
    Literal,        // lines (a "::" block, a doctest)
    Title,          // lines[0]; level
    Item,           // a definition list item: lines[0] is the term, children the definition
    GlossaryEntry,  // lines are the term lines (line_numbers theirs), children the definition
    Bullet,         // children
    Enumerated,     // name is the enumerator ("1.", "(a)"), children
    Field,          // name, children
    Footnote,       // name ("[1]"), children
    Directive,      // name (lower case), argument, lines (code, math) or children (prose)
    Target,         // name (folded); argument is its URL, if it has one
    Substitution,   // name (folded); argument is its replace:: text
    Table,          // lines are the rows, cells joined by "; "; children the rows, each with its cells as lines
    Nothing,        // a comment, a transition: no text
};

struct Block {
    Kind kind = Kind::Paragraph;
    std::uint32_t line = 0;
    std::vector<std::string> lines;
    std::vector<std::uint32_t> line_numbers;
    std::string name;
    std::string argument;
    int level = 0;
    std::vector<Block> children;
};

// The document's blocks (tabs expanded to 8 columns, as reST says). Blocks
// nested deeper than kMaxMarkupDepth are read as flat text [markup-too-deep];
// a crowded or gapped glossary is reported [rst-glossary-format].
std::vector<Block> parse_blocks(std::string_view document, const SourceSpec& spec, DiagnosticSink& sink);

}  // namespace glossc::readers::rst
