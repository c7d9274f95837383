#include "text/html_render.hpp"

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

}  // namespace

void append_inline_html(std::string& out, const ir::RichText& text, HtmlPolicy& policy, InlinePlace place) {
    for (const auto& node : text) append_node(out, node, policy, place);
}

}  // namespace glossc::text
