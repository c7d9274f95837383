// The HTML of the Anki deck's fields, written once for the note fields and
// the deck's description: Anki's escapes (anki_backend.hpp, "Fields"), a
// field built as markup and values in order, and rich text through the
// shared renderer (text/html_render.hpp) with the Anki policy.
#pragma once

#include <string>
#include <string_view>

#include "ir/ir.hpp"
#include "text/html_render.hpp"

namespace glossc::anki_backend {

// Escaped text (text::escape_html, "[" and U+001F too), a line feed a <br>.
void append_escaped(std::string& out, std::string_view s);
// An attribute value (always double-quoted).
void append_attribute(std::string& out, std::string_view s);
// Prose: escaped, and out of MathJax's reach when it holds a backslash.
void append_prose(std::string& out, std::string_view s);

// A URL Anki may open: http, https or mailto (any case).
bool clickable(std::string_view url);

// The Anki policy of the shared renderer: prose escaped as append_prose,
// code as append_escaped, a formula as <span class="math">\(TeX\)</span> for
// Anki's MathJax (a displayed one as <div class="math">\&#91;TeX\]</div>; one
// MathJax may not show is code, <pre><code> when displayed), a link an <a
// href> when clickable (else <a data-url>), a reference a <span class="ref"
// data-concept="id">. No white space between blocks: a field's text is all
// content. It keeps no state.
class FieldInline final : public text::HtmlPolicy {
public:
    void text(std::string& out, std::string_view s) override;
    void code(std::string& out, std::string_view s) override;
    void math(std::string& out, std::string_view tex) override;
    std::string_view open_link(std::string& out, const ir::Inline& node, text::InlinePlace place) override;
    std::string_view open_ref(std::string& out, const ir::Inline& node, text::InlinePlace place) override;
    void display_math(std::string& out, std::string_view tex) override;
    void attribute(std::string& out, std::string_view s) override;
};

// Rich text that shows nothing (format::canonical(text).empty()); blocks
// that show nothing: none, or one paragraph that shows nothing (a field
// writes one paragraph as its rich text alone).
bool shows_nothing(const ir::RichText& text);
bool shows_nothing(const ir::Blocks& blocks);

// Rich text as a field shows it.
void append_rich(std::string& out, const ir::RichText& text);
// A field's blocks as it shows them (text::append_flow_html): one paragraph
// as its rich text alone, as before blocks existed.
void append_flow(std::string& out, const ir::Blocks& blocks);

// A field is markup and values appended in order, without a string built
// per piece: html(out, "<b>", Prose{name}, "</b>"). A plain string_view is
// markup, written as it is.
struct Prose {
    std::string_view text;
};
struct Escaped {
    std::string_view text;
};
struct Attribute {
    std::string_view text;
};
struct Rich {
    const ir::RichText& text;
};
struct Flow {
    const ir::Blocks& blocks;
};
inline void put(std::string& out, std::string_view markup) { out += markup; }
inline void put(std::string& out, Prose piece) { append_prose(out, piece.text); }
inline void put(std::string& out, Escaped piece) { append_escaped(out, piece.text); }
inline void put(std::string& out, Attribute piece) { append_attribute(out, piece.text); }
inline void put(std::string& out, Rich piece) { append_rich(out, piece.text); }
inline void put(std::string& out, Flow piece) { append_flow(out, piece.blocks); }
template <typename... Pieces>
void html(std::string& out, const Pieces&... pieces) {
    (put(out, pieces), ...);
}

}  // namespace glossc::anki_backend
