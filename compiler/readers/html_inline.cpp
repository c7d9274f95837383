#include "readers/html_inline.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "readers/generic.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

using dom::attribute;
using dom::content_of;
using dom::is_text;
using dom::line_of;
using dom::tag_of;

bool HtmlInline::is_math_script(const xmlNode* node) {
    return tag_of(node) == "script" && attribute(node, "type").find("math/tex") != std::string_view::npos;
}

ir::RichText HtmlInline::text_of(xmlNode* node, bool skip_items) {
    ir::RichText out;
    for (xmlNode* child = node->children; child; child = child->next) {
        if (skip_items && (tag_of(child) == "dt" || tag_of(child) == "dd")) continue;
        append(out, child);
    }
    generic::tidy(out);
    return out;
}

void HtmlInline::children_into(ir::RichText& out, xmlNode* node) {
    for (xmlNode* child = node->children; child; child = child->next) append(out, child);
}

void HtmlInline::append(ir::RichText& out, xmlNode* node) {
    if (is_text(node)) {
        if (node->content) text::append_text(out, reinterpret_cast<const char*>(node->content));
        return;
    }
    if (is_math_script(node)) {
        out.push_back(ir::math(content_of(node)));
        return;
    }
    if (dom::never_content(node, ignore_)) return;
    std::string_view tag = tag_of(node);
    if (tag == "br" || tag == "hr") {
        text::append_text(out, " ");
    } else if (tag == "em" || tag == "i") {
        ir::RichText children;
        children_into(children, node);
        out.push_back(ir::emph(std::move(children)));
    } else if (tag == "strong" || tag == "b") {
        ir::RichText children;
        children_into(children, node);
        out.push_back(ir::strong(std::move(children)));
    } else if (tag == "code" || tag == "kbd" || tag == "samp" || tag == "tt") {
        out.push_back(ir::code(content_of(node)));
    } else if (tag == "a") {
        std::string href = text::collapse_whitespace(attribute(node, "href"));
        if (href.empty() || href.front() == '#' || text::starts_with(href, "javascript:")) {
            children_into(out, node);
        } else {
            ir::RichText children;
            children_into(children, node);
            out.push_back(ir::link(std::move(href), std::move(children)));
        }
    } else if (tag == "sub" || tag == "sup") {
        script_into(out, node, tag == "sup");
    } else if (tag == "math") {
        mathml_into(out, node);
    } else {
        bool block = dom::is_block(tag);
        if (block) text::append_text(out, " ");
        children_into(out, node);
        if (block) text::append_text(out, " ");
    }
}

// x<sub>i</sub> -> $x_i$, n<sup>2</sup> -> $n^2$, 1<sup>st</sup> -> "1st".
void HtmlInline::script_into(ir::RichText& out, xmlNode* node, bool superscript) {
    std::string content = text::collapse_whitespace(content_of(node));
    bool simple = !content.empty() && content.size() <= 12;
    for (xmlNode* child = node->children; child && simple; child = child->next)
        simple = is_text(child) || tag_of(child) == "i" || tag_of(child) == "em";
    for (char c : content)
        simple = simple && (std::isalnum(static_cast<unsigned char>(c)) || std::string_view("+-=*,.' ").find(c) != std::string_view::npos);
    static const std::set<std::string_view> kOrdinals{"st", "nd", "rd", "th", "e", "er", "re"};
    if (!simple || (superscript && kOrdinals.count(content))) {
        children_into(out, node);
        return;
    }
    std::string script = (superscript ? "^" : "_") + (content.size() == 1 ? content : "{" + content + "}");
    if (!out.empty() && out.back().kind == ir::InlineKind::Math) {
        out.back().text += script;
        return;
    }
    if (!out.empty() && out.back().kind == ir::InlineKind::Text) {
        std::string& before = out.back().text;
        std::size_t start = before.size();
        while (start > 0 && std::isalnum(static_cast<unsigned char>(before[start - 1]))) --start;
        if (start < before.size()) {
            std::string base = before.substr(start);
            before.erase(start);
            if (before.empty()) out.pop_back();
            // "W<sub>U</sub>h<sub>l</sub>": one formula, $W_U h_l$.
            if (before.empty() && !out.empty() && out.back().kind == ir::InlineKind::Math) {
                out.back().text += " " + base + script;
            } else {
                out.push_back(ir::math(base + script));
            }
            return;
        }
    }
    text::append_text(out, (superscript ? "^" : "_") + content);
}

// MathML: the TeX it was made from (annotation or alttext), else its text.
void HtmlInline::mathml_into(ir::RichText& out, xmlNode* node) {
    if (std::string tex = tex_annotation(node); !tex.empty()) {
        out.push_back(ir::math(std::move(tex)));
        return;
    }
    if (std::string alt = text::collapse_whitespace(attribute(node, "alttext")); !alt.empty()) {
        out.push_back(ir::math(std::move(alt)));
        return;
    }
    std::string content = text::collapse_whitespace(content_of(node));
    if (content.empty()) return;
    sink_.warning(location(spec_, line_of(node)), "mathml-no-tex",
                  "a MathML formula has no TeX annotation or alttext; kept as its text '" + text::excerpt(content) +
                      "'");
    out.push_back(ir::math(std::move(content)));
}
std::string HtmlInline::tex_annotation(xmlNode* node) {
    for (xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (tag_of(child) == "annotation") {
            std::string encoding(attribute(child, "encoding"));
            std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (encoding.find("tex") != std::string::npos) return std::string(text::trim(content_of(child)));
        }
        if (std::string inside = tex_annotation(child); !inside.empty()) return inside;
    }
    return {};
}

}  // namespace glossc::readers
