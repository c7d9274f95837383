// Rich text in the XHTML that the EPUB's letter files and the web edition's
// pages share (the pages are polyglot HTML5/XML): one policy of the shared
// HTML renderer (text/html_render.hpp) for both. XHTML escapes
// (epub_backend::format::xml_text), formulas as MathML with their TeX as
// annotation (or the TeX as <code class="tex">, displayed ones as
// <pre class="tex">, when tex_to_mathml refuses it), links and references to
// concepts as <a> where XHTML allows one and the target is safe, as <span>
// otherwise; a line feed after each block. The class names are the EPUB's
// (epub/epub_format.hpp), which the web edition's repeat, so that one reader
// (common/xhtml_read.hpp) reads both.
//
// What differs between the two is a Dialect: the attributes of links, and
// how a displayed formula that is not converted is written.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "ir/ir.hpp"
#include "text/html_render.hpp"

namespace glossc::xhtml {

// What an id names in the book or on the site, and the link to it.
template <typename Item>
struct LinkTarget {
    const Item* item;
    std::string href;  // "glossary-a.xhtml#anchor", "letter-k.html#kv-cache"
};
// Looked up for every link (never listed: hashed), keyed by views of the ids
// in the glossary.
using ConceptTargets = std::unordered_map<std::string_view, LinkTarget<ir::Concept>>;

// What the EPUB's markup and the web's differ in; everything else is one.
struct Dialect {
    // After the href of a link to another site (rich-text links, references,
    // sources): the web's rel="noopener"; nothing in the book.
    std::string_view external_link;
    // Before the href of a link to a concept's entry (references in rich
    // text, "See also"): the EPUB's glossref semantics; nothing on the web.
    std::string_view concept_link;
    // On a name that may be in another script than the page (aliases,
    // related entries): the web's dir="auto"; nothing in the book.
    std::string_view name;
    // The element of a definition's source title: "span" or "cite".
    std::string_view source_title;
    // A displayed formula that is not converted: <pre class="tex"><code>…
    // (an HTML parser drops a line feed that directly follows <pre>), or
    // just <pre class="tex">….
    bool display_tex_in_code;
};

// A URL safe to write as an href: an absolute http, https or ftp URL whose
// characters are all allowed in a URI (percent escapes well formed, one "#").
// Anything else would be an epubcheck error ("not a valid URI") or, if
// relative, a link to a file the book or site does not have (or a
// javascript: one).
bool is_plain_url(std::string_view url);

// One per file (a file is written on one thread): it notes whether a <math>
// was written, for the EPUB manifest's "mathml" property.
class InlinePolicy : public text::HtmlPolicy {
public:
    InlinePolicy(const ConceptTargets& concepts, const Dialect& dialect) : concepts_(concepts), dialect_(dialect) {}

    bool wrote_math() const { return wrote_math_; }
    const Dialect& dialect() const { return dialect_; }

    void text(std::string& out, std::string_view s) override;
    void math(std::string& out, std::string_view tex) override;
    std::string_view open_link(std::string& out, const ir::Inline& node, text::InlinePlace place) override;
    std::string_view open_ref(std::string& out, const ir::Inline& node, text::InlinePlace place) override;
    void bare_link(std::string& out, const ir::Inline& node) override;
    void bare_ref(std::string& out, const ir::Inline& node) override;
    void display_math(std::string& out, std::string_view tex) override;
    void attribute(std::string& out, std::string_view s) override;
    void block_break(std::string& out) override { out += '\n'; }

private:
    // <math> (display="block" when `display`), or the TeX source when the
    // converter refuses `tex`.
    void formula(std::string& out, std::string_view tex, bool display);

    const ConceptTargets& concepts_;
    const Dialect& dialect_;
    bool wrote_math_ = false;
};

}  // namespace glossc::xhtml
