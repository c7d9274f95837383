#include "common/xhtml_inline.hpp"

#include <algorithm>

#include "epub/epub_format.hpp"
#include "epub/tex_to_mathml.hpp"

namespace glossc::xhtml {

namespace f = epub_backend::format;

namespace {

// ` class="link"`, ` class="link bare"` for a link with no text of its own.
void append_class(std::string& out, std::string_view name, const ir::Inline& node) {
    out += " class=\"";
    out += name;
    if (node.children.empty()) {
        out += ' ';
        out += f::kBare;
    }
    out += '"';
}

}  // namespace

bool is_plain_url(std::string_view url) {
    std::size_t start = 0;
    for (std::string_view scheme : {"http://", "https://", "ftp://"}) {
        if (url.size() > scheme.size() && std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
                return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b | 0x20) : b);
            })) {
            start = scheme.size();
            break;
        }
    }
    if (start == 0) return false;
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    auto hexdigit = [&](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
    std::size_t i = start;
    while (i < url.size() && (alnum(url[i]) || url[i] == '.' || url[i] == '-')) ++i;
    if (i == start) return false;  // no host
    if (i < url.size() && url[i] == ':') {
        std::size_t port = ++i;
        while (i < url.size() && url[i] >= '0' && url[i] <= '9') ++i;
        if (i == port) return false;
    }
    if (i < url.size() && url[i] != '/' && url[i] != '?' && url[i] != '#') return false;
    bool fragment = false;
    for (; i < url.size(); ++i) {
        char c = url[i];
        if (c == '%') {
            if (i + 2 >= url.size() || !hexdigit(url[i + 1]) || !hexdigit(url[i + 2])) return false;
            i += 2;
        } else if (c == '#') {
            if (fragment) return false;
            fragment = true;
        } else if (!alnum(c) && std::string_view("-._~!$&'()*+,;=:@/?").find(c) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

void InlinePolicy::text(std::string& out, std::string_view s) { f::append_xml_text(out, s); }

// The markup of a formula: MathML, or (not converted) its TeX source in a
// <code> or <pre> of class "tex".
void InlinePolicy::formula(std::string& out, std::string_view tex, bool display) {
    epub_backend::MathConversion converted = epub_backend::tex_to_mathml(tex);
    if (!converted.ok()) {
        const bool code_inside = display && dialect_.display_tex_in_code;
        out += display ? "<pre class=\"" : "<code class=\"";
        out += f::kTex;
        out += code_inside ? "\"><code>" : "\">";
        f::append_xml_text(out, tex);
        out += code_inside ? "</code></pre>" : display ? "</pre>" : "</code>";
        return;
    }
    wrote_math_ = true;
    out += "<math xmlns=\"";
    out += f::kMathNamespace;
    out += display ? "\" display=\"block\" alttext=\"" : "\" alttext=\"";
    out += f::xml_attribute(tex);
    out += "\"><semantics>";
    out += converted.presentation;
    out += "<annotation encoding=\"";
    out += f::kTexEncoding;
    out += "\">";
    f::append_xml_text(out, tex);
    out += "</annotation></semantics></math>";
}

void InlinePolicy::math(std::string& out, std::string_view tex) { formula(out, tex, false); }

void InlinePolicy::display_math(std::string& out, std::string_view tex) { formula(out, tex, true); }

void InlinePolicy::attribute(std::string& out, std::string_view s) { out += f::xml_attribute(s); }

// An <a> only outside another link and to a URL safe in an href; otherwise
// a <span> that keeps the URL in its title.
std::string_view InlinePolicy::open_link(std::string& out, const ir::Inline& node, text::InlinePlace place) {
    const bool anchor = !place.in_link && is_plain_url(node.target);
    out += anchor ? "<a" : "<span";
    append_class(out, f::kLink, node);
    out += anchor ? " href=\"" : " title=\"";
    out += f::xml_attribute(node.target);
    out += '"';
    if (anchor) out += dialect_.external_link;
    out += '>';
    return anchor ? "</a>" : "</span>";
}

// An <a> to the concept's entry outside another link, when the book or site
// has the concept; otherwise a <span> that keeps the concept id.
std::string_view InlinePolicy::open_ref(std::string& out, const ir::Inline& node, text::InlinePlace place) {
    auto target = concepts_.find(node.target);
    if (!place.in_link && target != concepts_.end()) {
        out += "<a";
        append_class(out, f::kRef, node);
        out += dialect_.concept_link;
        out += " href=\"";
        out += target->second.href;
        out += "\">";
        return "</a>";
    }
    out += "<span";
    append_class(out, f::kRef, node);
    out += ' ';
    out += f::kConceptAttribute;
    out += "=\"";
    out += f::xml_attribute(node.target);
    out += "\">";
    return "</span>";
}

// A bare link shows its URL; a bare reference the concept's headword (its id
// when the book or site does not have it).
void InlinePolicy::bare_link(std::string& out, const ir::Inline& node) { f::append_xml_text(out, node.target); }

void InlinePolicy::bare_ref(std::string& out, const ir::Inline& node) {
    auto target = concepts_.find(node.target);
    f::append_xml_text(out, target != concepts_.end() ? std::string_view(target->second.item->headword)
                                                      : std::string_view(node.target));
}

}  // namespace glossc::xhtml
