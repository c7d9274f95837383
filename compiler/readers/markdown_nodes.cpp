#include "readers/markdown_nodes.hpp"

#include <algorithm>
#include <cctype>

#include "readers/generic.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers::markdown {

std::string_view literal_of(cmark_node* node) {
    const char* literal = cmark_node_get_literal(node);
    return literal ? literal : "";
}

std::string_view type_of(cmark_node* node) {
    const char* name = cmark_node_get_type_string(node);
    return name ? name : "";
}

std::uint32_t line_of(cmark_node* node) {
    int line = cmark_node_get_start_line(node);
    return line > 0 ? static_cast<std::uint32_t>(line) : 0;
}

std::vector<cmark_node*> children(cmark_node* node) {
    std::vector<cmark_node*> out;
    for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) out.push_back(child);
    return out;
}


// A block of the document as IR blocks: paragraphs, lists (nested),
// code with its lines, display math ("$$" blocks and ```math fences),
// quotes, tables; a container's children in order.
ir::Blocks Nodes::blocks_of(cmark_node* block) const {
    ir::Blocks out;
    auto type = cmark_node_get_type(block);
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
        ir::RichText text = inline_of(block);
        if (text.size() == 1 && text[0].kind == ir::InlineKind::Math && display_math_paragraph(block)) {
            out.push_back(ir::display_math(std::move(text[0].text)));
        } else if (!text.empty()) {
            out.push_back(ir::paragraph(std::move(text)));
        }
    } else if (type == CMARK_NODE_CODE_BLOCK) {
        std::string code = math_.restore(literal_of(block));
        while (!code.empty() && (code.back() == '\n' || code.back() == '\r')) code.pop_back();
        const char* info = cmark_node_get_fence_info(block);
        std::string language(text::trim(info ? std::string_view(info).substr(0, std::string_view(info).find(' '))
                                              : std::string_view()));
        if (text::trim(code).empty()) return out;
        if (language == "math" || language == "latex-math") {
            out.push_back(ir::display_math(std::string(text::trim(code))));
        } else {
            out.push_back(ir::code_block(std::move(code), std::move(language)));
        }
    } else if (type == CMARK_NODE_HTML_BLOCK) {
        std::string html = math_.restore(literal_of(block));
        if (text::starts_with(text::trim(html), "<!--")) return out;
        std::string stripped = text_between_tags(html, line_of(block));
        ir::RichText rich;
        text::append_text(rich, stripped);
        generic::tidy(rich);
        if (!rich.empty()) out.push_back(ir::paragraph(std::move(rich)));
    } else if (type == CMARK_NODE_LIST) {
        std::vector<ir::Blocks> items;
        for (cmark_node* item : children(block))
            if (auto blocks = blocks_of(item); !blocks.empty()) items.push_back(std::move(blocks));
        if (items.empty()) return out;
        if (cmark_node_get_list_type(block) == CMARK_ORDERED_LIST) {
            out.push_back(ir::ordered_list(std::move(items),
                                           static_cast<std::uint32_t>(std::max(cmark_node_get_list_start(block), 1))));
        } else {
            out.push_back(ir::bullet_list(std::move(items)));
        }
    } else if (type == CMARK_NODE_BLOCK_QUOTE) {
        ir::Blocks inner;
        for (cmark_node* child : children(block))
            for (auto& b : blocks_of(child)) inner.push_back(std::move(b));
        if (!inner.empty()) out.push_back(ir::quote(std::move(inner)));
    } else if (type_of(block) == "table") {
        std::vector<std::vector<ir::RichText>> rows;
        std::size_t width = 0;
        for (cmark_node* row : children(block)) {
            auto& cells = rows.emplace_back();
            for (cmark_node* cell : children(row)) cells.push_back(inline_of(cell));
            width = std::max(width, cells.size());
        }
        if (width == 0) return out;
        for (auto& row : rows) row.resize(width);
        out.push_back(ir::table(std::move(rows)));
    } else if (type != CMARK_NODE_THEMATIC_BREAK) {
        for (cmark_node* child : children(block))
            for (auto& b : blocks_of(child)) out.push_back(std::move(b));
    }
    return out;
}

// A paragraph that is one formula written as display math ("$$…$$" or
// "\[…\]" alone in its paragraph).
bool Nodes::display_math_paragraph(cmark_node* paragraph) const {
    cmark_node* only = cmark_node_first_child(paragraph);
    if (!only || cmark_node_next(only) || cmark_node_get_type(only) != CMARK_NODE_TEXT) return false;
    return math_.is_display(text::trim(literal_of(only)));
}


ir::RichText Nodes::inline_of(cmark_node* node) const {
    ir::RichText out = children_of(node);
    generic::tidy(out, false);
    return out;
}

// The text of raw HTML between its tags; the elements that are active
// content (script, style, iframe, object, embed) go with their content,
// and their line is noted for the reader to report.
std::string Nodes::text_between_tags(std::string_view html, std::uint32_t line) const {
    std::string out;
    for (std::size_t i = 0; i < html.size();) {
        if (html[i] != '<') {
            out += html[i++];
            continue;
        }
        std::size_t close = html.find('>', i);
        if (close == std::string_view::npos) break;  // an unclosed tag: nothing after it is text
        std::string_view tag = html.substr(i, close + 1 - i);
        i = close + 1;
        out += ' ';
        if (std::string_view name = active_element(tag); !name.empty()) {
            dropped_.push_back(line);
            std::size_t end = find_closing(html, i, name);
            i = end == std::string_view::npos ? html.size() : end;
        }
    }
    return out;
}

void Nodes::inline_into(ir::RichText& out, cmark_node* node) const {
    switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT: math_.append_text(out, literal_of(node)); return;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: text::append_text(out, " "); return;
        case CMARK_NODE_CODE: out.push_back(ir::code(math_.restore(literal_of(node)))); return;
        case CMARK_NODE_HTML_INLINE: {
            std::string tag(text::trim(literal_of(node)));
            std::transform(tag.begin(), tag.end(), tag.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (text::starts_with(tag, "<br")) text::append_text(out, " ");
            return;  // other tags are dropped; the text between them is kept
        }
        case CMARK_NODE_EMPH: out.push_back(ir::emph(children_of(node))); return;
        case CMARK_NODE_STRONG: out.push_back(ir::strong(children_of(node))); return;
        case CMARK_NODE_LINK: {
            const char* url = cmark_node_get_url(node);
            std::string target = url ? text::collapse_whitespace(url) : "";
            if (target.empty() || target.front() == '#') {
                for (auto& child : children_of(node)) out.push_back(std::move(child));
            } else {
                out.push_back(ir::link(std::move(target), children_of(node)));
            }
            return;
        }
        default:  // images (their alt text), strikethrough, footnote references
            for (cmark_node* child : children(node)) inline_into(out, child);
            return;
    }
}

ir::RichText Nodes::children_of(cmark_node* node) const {
    ir::RichText out;
    std::string_view skipping;  // an active element opened inline: its content is dropped up to its end tag
    for (cmark_node* child : children(node)) {
        bool html = cmark_node_get_type(child) == CMARK_NODE_HTML_INLINE;
        if (!skipping.empty()) {
            if (html && find_closing(literal_of(child), 0, skipping) != std::string_view::npos) skipping = {};
            continue;
        }
        if (html) {
            if (std::string_view name = active_element(literal_of(child)); !name.empty()) {
                dropped_.push_back(line_of(node));
                skipping = name;
                continue;
            }
        }
        inline_into(out, child);
    }
    return out;
}

std::string_view active_element(std::string_view tag) {
    static constexpr std::string_view kActive[] = {"script", "style", "iframe", "object", "embed"};
    if (tag.size() < 2 || tag[0] != '<' || tag[1] == '/') return {};
    std::size_t end = 1;
    while (end < tag.size() && std::isalpha(static_cast<unsigned char>(tag[end]))) ++end;
    std::string name(tag.substr(1, end - 1));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::string_view active : kActive)
        if (name == active && !tag.ends_with("/>")) return active;
    return {};
}

std::size_t find_closing(std::string_view html, std::size_t from, std::string_view name) {
    for (std::size_t at = html.find("</", from); at != std::string_view::npos; at = html.find("</", at + 2)) {
        std::string_view rest = html.substr(at + 2, name.size());
        bool same = rest.size() == name.size() &&
                    std::equal(rest.begin(), rest.end(), name.begin(), [](char a, char b) {
                        return std::tolower(static_cast<unsigned char>(a)) == b;
                    });
        if (!same) continue;
        std::size_t close = html.find('>', at);
        return close == std::string_view::npos ? html.size() : close + 1;
    }
    return std::string_view::npos;
}

}  // namespace glossc::readers::markdown
