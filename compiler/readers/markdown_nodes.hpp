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
#include <vector>

#include "ir/ir.hpp"
#include "readers/markdown_math.hpp"

namespace glossc::readers::markdown {

std::string_view literal_of(cmark_node* node);
std::string_view type_of(cmark_node* node);
std::uint32_t line_of(cmark_node* node);  // 0 when cmark does not know
std::vector<cmark_node*> children(cmark_node* node);

class Nodes {
public:
    explicit Nodes(const ProtectedMath& math) : math_(math) {}

    // A node's inline content, tidied (white space collapsed, math kept).
    ir::RichText inline_of(cmark_node* node) const;
    void inline_into(ir::RichText& out, cmark_node* node) const;
    // A block (or a container's children in order) as IR blocks.
    ir::Blocks blocks_of(cmark_node* block) const;

private:
    ir::RichText children_of(cmark_node* node) const;
    // A paragraph that is one formula written as display math.
    bool display_math_paragraph(cmark_node* paragraph) const;

    const ProtectedMath& math_;
};

}  // namespace glossc::readers::markdown
