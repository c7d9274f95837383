// cmark's nodes as the IR sees them, for the Markdown reader: inline
// content as rich text (emphasis, strong, code, links; an image keeps its
// alt text; math put back from the placeholders markdown_math.hpp left), and
// blocks as IR blocks (paragraphs, nested lists, code with its lines and
// language, display math from "$$" blocks and ```math fences, quotes,
// tables). The reader (markdown.cpp) decides what is an entry; this file
// only converts.
#pragma once

#include <cmark-gfm.h>

#include <cstdint>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "ir/ir.hpp"
#include "readers/markdown_math.hpp"

namespace glossc::readers::markdown {

std::string_view literal_of(cmark_node* node);
std::string_view type_of(cmark_node* node);
std::uint32_t line_of(cmark_node* node);  // 0 when cmark does not know
std::vector<cmark_node*> children(cmark_node* node);
// "script", "style", "iframe", "object" or "embed" when `tag` opens one of
// those elements (active content: dropped with what it holds), else "".
std::string_view active_element(std::string_view tag);
// Where the end tag of `name` that follows `from` ends; npos when none.
std::size_t find_closing(std::string_view html, std::size_t from, std::string_view name);

class Nodes {
public:
    explicit Nodes(const ProtectedMath& math) : math_(math) {}

    // A node's inline content, tidied (white space collapsed, math kept).
    ir::RichText inline_of(cmark_node* node) const;
    void inline_into(ir::RichText& out, cmark_node* node) const;
    // A block (or a container's children in order) as IR blocks.
    ir::Blocks blocks_of(cmark_node* block) const;
    // Lines where active content (a script, a style ...) was dropped, for
    // the reader's warnings; cleared by taking them.
    std::vector<std::uint32_t> take_dropped() const { return std::exchange(dropped_, {}); }

private:
    ir::RichText children_of(cmark_node* node) const;
    // A paragraph that is one formula written as display math.
    bool display_math_paragraph(cmark_node* paragraph) const;
    std::string text_between_tags(std::string_view html, std::uint32_t line) const;

    const ProtectedMath& math_;
    mutable std::vector<std::uint32_t> dropped_;  // see take_dropped
};

}  // namespace glossc::readers::markdown
