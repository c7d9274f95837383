#include "anki/anki_math.hpp"
#include "anki/anki_html.hpp"

#include <algorithm>

#include "anki/anki_format.hpp"
#include "text/escape.hpp"

namespace glossc::anki_backend {

namespace {

// text::escape_html, and "[" and U+001F (see anki_backend.hpp), appended to
// `out`; `also` gives what else a character becomes, or nullptr to keep it.
template <typename Also>
void append_escape(std::string& out, std::string_view s, Also also) {
    text::append_escaped_html(out, s, [&](char c) -> const char* {
        switch (c) {
            case '[': return "&#91;";
            case '\x1f': return "&#31;";
            default: return also(c);
        }
    });
}

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
    append_escape(out, s, [](char c) { return c == '\n' ? "<br>" : nullptr; });
}

void append_attribute(std::string& out, std::string_view s) {
    append_escape(out, s, [](char c) -> const char* {
        switch (c) {
            case '\n': return "&#10;";
            case '\r': return "&#13;";
            case '\t': return "&#9;";
            default: return nullptr;
        }
    });
}

void append_prose(std::string& out, std::string_view s) {
    const bool tex_like = s.find('\\') != std::string_view::npos;
    if (tex_like) {
        out += "<span class=\"";
        out += format::kNoMathClass;
        out += "\">";
    }
    append_escaped(out, s);
    if (tex_like) out += "</span>";
}

bool clickable(std::string_view url) {
    auto starts = [&](std::string_view prefix) {
        if (url.size() < prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i) {
            char c = url[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != prefix[i]) return false;
        }
        return true;
    };
    return starts("http://") || starts("https://") || starts("mailto:");
}

void FieldInline::text(std::string& out, std::string_view s) { append_prose(out, s); }

void FieldInline::code(std::string& out, std::string_view s) { append_escaped(out, s); }

namespace {

// The markup around a formula: for MathJax, or around its TeX source in code.
struct FormulaMarkup {
    std::string_view open, close, refused_open, refused_close;
};

// A formula MathJax renders without active content goes to MathJax; any
// other is shown as its TeX source in code (anki_math.hpp).
void append_formula(std::string& out, std::string_view tex, const FormulaMarkup& markup) {
    MathJaxFormula formula = mathjax_formula(tex);
    if (formula.ok) {
        html(out, markup.open, Escaped{formula.tex}, markup.close);
    } else {
        html(out, markup.refused_open, Escaped{tex}, markup.refused_close);
    }
}

}  // namespace

void FieldInline::math(std::string& out, std::string_view tex) {
    append_formula(out, tex, {"<span class=\"math\">\\(", "\\)</span>", "<code>", "</code>"});
}

// Displayed: a block of its own, or a code block. Its "\[" is escaped as
// every "[" is (MathJax reads the decoded text).
void FieldInline::display_math(std::string& out, std::string_view tex) {
    append_formula(out, tex, {"<div class=\"math\">\\&#91;", "\\]</div>", "<pre><code>", "</code></pre>"});
}

void FieldInline::attribute(std::string& out, std::string_view s) { append_attribute(out, s); }

// Anki shows every link; one it may not open keeps its URL in data-url.
std::string_view FieldInline::open_link(std::string& out, const ir::Inline& node, text::InlinePlace) {
    html(out, clickable(node.target) ? "<a href=\"" : "<a data-url=\"", Attribute{node.target}, "\">");
    return "</a>";
}

std::string_view FieldInline::open_ref(std::string& out, const ir::Inline& node, text::InlinePlace) {
    html(out, "<span class=\"ref\" data-concept=\"", Attribute{node.target}, "\">");
    return "</span>";
}

// format::canonical(text).empty(), without building the canonical copy: it
// drops only empty Text nodes.
bool shows_nothing(const ir::RichText& text) {
    return std::all_of(text.begin(), text.end(),
                       [](const ir::Inline& node) { return node.kind == ir::InlineKind::Text && node.text.empty(); });
}

bool shows_nothing(const ir::Blocks& blocks) {
    return text::is_inline_flow(blocks) && (blocks.empty() || shows_nothing(blocks.front().text));
}

void append_rich(std::string& out, const ir::RichText& rich) {
    FieldInline policy;
    text::append_inline_html(out, rich, policy);
}

void append_flow(std::string& out, const ir::Blocks& blocks) {
    FieldInline policy;
    text::append_flow_html(out, blocks, policy);
}

}  // namespace glossc::anki_backend
