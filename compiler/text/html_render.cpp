#include "text/html_render.hpp"

#include <string>

#include "text/escape.hpp"

namespace glossc::text {

namespace {

void append_node(std::string& out, const ir::Inline& node, HtmlPolicy& policy, InlinePlace place) {
    switch (node.kind) {
        case ir::InlineKind::Text: policy.text(out, node.text); return;
        case ir::InlineKind::Math: policy.math(out, node.text); return;
        case ir::InlineKind::Code:
            out += "<code>";
            policy.code(out, node.text);
            out += "</code>";
            return;
        case ir::InlineKind::Emph:
            out += "<em>";
            append_inline_html(out, node.children, policy, place);
            out += "</em>";
            return;
        case ir::InlineKind::Strong:
            out += "<strong>";
            append_inline_html(out, node.children, policy, place);
            out += "</strong>";
            return;
        case ir::InlineKind::Link:
        case ir::InlineKind::Ref: {
            const bool link = node.kind == ir::InlineKind::Link;
            std::string_view close = link ? policy.open_link(out, node, place) : policy.open_ref(out, node, place);
            if (!node.children.empty()) append_inline_html(out, node.children, policy, InlinePlace{true});
            else if (link) policy.bare_link(out, node);
            else policy.bare_ref(out, node);
            out += close;
            return;
        }
    }
}

// <tag>, then the policy's break: a container whose content is blocks.
void open_container(std::string& out, std::string_view tag, HtmlPolicy& policy) {
    out += '<';
    out += tag;
    out += '>';
    policy.block_break(out);
}

void close_block(std::string& out, std::string_view tag, HtmlPolicy& policy) {
    out += "</";
    out += tag;
    out += '>';
    policy.block_break(out);
}

void append_list(std::string& out, const ir::Block& list, HtmlPolicy& policy) {
    const bool ordered = list.kind == ir::BlockKind::OrderedList;
    if (ordered && list.start != 1) {
        out += "<ol start=\"" + std::to_string(list.start) + "\">";
        policy.block_break(out);
    } else {
        open_container(out, ordered ? "ol" : "ul", policy);
    }
    for (const auto& item : list.items) {
        out += "<li>";
        if (!is_inline_flow(item)) policy.block_break(out);
        append_flow_html(out, item, policy);
        close_block(out, "li", policy);
    }
    close_block(out, ordered ? "ol" : "ul", policy);
}

void append_row(std::string& out, const std::vector<ir::RichText>& row, std::string_view cell, HtmlPolicy& policy) {
    out += "<tr>";
    for (const auto& text : row) {
        out += '<';
        out += cell;
        out += '>';
        append_inline_html(out, text, policy);
        out += "</";
        out += cell;
        out += '>';
    }
    close_block(out, "tr", policy);
}

void append_table(std::string& out, const ir::Block& table, HtmlPolicy& policy) {
    open_container(out, "table", policy);
    if (!table.rows.empty()) {
        open_container(out, "thead", policy);
        append_row(out, table.rows.front(), "th", policy);
        close_block(out, "thead", policy);
    }
    if (table.rows.size() > 1) {
        open_container(out, "tbody", policy);
        for (std::size_t r = 1; r < table.rows.size(); ++r) append_row(out, table.rows[r], "td", policy);
        close_block(out, "tbody", policy);
    }
    close_block(out, "table", policy);
}

void append_block(std::string& out, const ir::Block& block, HtmlPolicy& policy) {
    switch (block.kind) {
        case ir::BlockKind::Paragraph:
            out += "<p>";
            append_inline_html(out, block.text, policy);
            close_block(out, "p", policy);
            return;
        case ir::BlockKind::BulletList:
        case ir::BlockKind::OrderedList: append_list(out, block, policy); return;
        case ir::BlockKind::Code:
            out += "<pre><code";
            if (!block.language.empty()) {
                out += " class=\"language-";
                policy.attribute(out, block.language);
                out += '"';
            }
            out += '>';
            policy.code(out, block.literal);
            out += "</code>";
            close_block(out, "pre", policy);
            return;
        case ir::BlockKind::DisplayMath:
            policy.display_math(out, block.literal);
            policy.block_break(out);
            return;
        case ir::BlockKind::Quote:
            open_container(out, "blockquote", policy);
            for (const auto& blocks : block.items) append_blocks_html(out, blocks, policy);
            close_block(out, "blockquote", policy);
            return;
        case ir::BlockKind::Table: append_table(out, block, policy); return;
    }
}

}  // namespace

void HtmlPolicy::display_math(std::string& out, std::string_view tex) {
    out += "<div class=\"math\">";
    math(out, tex);
    out += "</div>";
}

void HtmlPolicy::attribute(std::string& out, std::string_view s) {
    append_escaped_html(out, s, [](char) -> const char* { return nullptr; });
}

void append_inline_html(std::string& out, const ir::RichText& text, HtmlPolicy& policy, InlinePlace place) {
    for (const auto& node : text) append_node(out, node, policy, place);
}

void append_blocks_html(std::string& out, const ir::Blocks& blocks, HtmlPolicy& policy) {
    for (const auto& block : blocks) append_block(out, block, policy);
}

bool is_inline_flow(const ir::Blocks& blocks) {
    return blocks.empty() || (blocks.size() == 1 && blocks[0].kind == ir::BlockKind::Paragraph);
}

void append_flow_html(std::string& out, const ir::Blocks& blocks, HtmlPolicy& policy) {
    if (is_inline_flow(blocks)) {
        if (!blocks.empty()) append_inline_html(out, blocks[0].text, policy);
    } else {
        append_blocks_html(out, blocks, policy);
    }
}

void for_each_formula(const ir::RichText& text, const FormulaVisit& visit) {
    for (const auto& node : text) {
        if (node.kind == ir::InlineKind::Math) visit(node.text, false);
        for_each_formula(node.children, visit);
    }
}

void for_each_formula(const ir::Blocks& blocks, const FormulaVisit& visit) {
    for (const auto& block : blocks) {
        if (block.kind == ir::BlockKind::DisplayMath) visit(block.literal, true);
        for_each_formula(block.text, visit);
        for (const auto& item : block.items) for_each_formula(item, visit);
        for (const auto& row : block.rows)
            for (const auto& cell : row) for_each_formula(cell, visit);
    }
}

ir::Blocks map_blocks(const ir::Blocks& blocks, const std::function<ir::RichText(const ir::RichText&)>& run,
                      const std::function<ir::Block(const ir::Block&)>& leaf) {
    ir::Blocks out;
    out.reserve(blocks.size());
    for (const auto& block : blocks) {
        if (block.kind == ir::BlockKind::Code || block.kind == ir::BlockKind::DisplayMath) {
            out.push_back(leaf(block));
            continue;
        }
        ir::Block mapped = block;
        mapped.text = run(block.text);
        for (auto& item : mapped.items) item = map_blocks(item, run, leaf);
        for (auto& row : mapped.rows)
            for (auto& cell : row) cell = run(cell);
        out.push_back(std::move(mapped));
    }
    return out;
}

}  // namespace glossc::text
