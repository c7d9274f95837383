// Rich text and blocks in the EPUB's letter files: the EPUB policy of the
// shared HTML renderer (text/html_render.hpp). XHTML escapes
// (format::xml_text), formulas as MathML with their TeX as annotation (or the
// TeX as <code class="tex">, displayed ones as <pre class="tex">, when
// tex_to_mathml refuses it), links and references to concepts as <a> where
// XHTML allows one and the target is safe, as <span> otherwise; a line feed
// after each block.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "ir/ir.hpp"
#include "text/html_render.hpp"

namespace glossc::epub_backend {

// What an id names in the book, and the link to it.
template <typename Item>
struct LinkTarget {
    const Item* item;
    std::string href;  // "glossary-a.xhtml#anchor", "categories.xhtml#anchor"
};
// Looked up for every link (never listed: hashed), keyed by views of the ids
// in the glossary.
using ConceptTargets = std::unordered_map<std::string_view, LinkTarget<ir::Concept>>;

// A URL safe to write as an href: an absolute http, https or ftp URL whose
// characters are all allowed in a URI (percent escapes well formed, one "#").
// Anything else would be an epubcheck error ("not a valid URI") or, if
// relative, a link to a file the book does not have.
bool is_plain_url(std::string_view url);

// One per letter file (a letter file is written on one thread): it notes
// whether a <math> was written, for the manifest's "mathml" property.
class XhtmlInline final : public text::HtmlPolicy {
public:
    explicit XhtmlInline(const ConceptTargets& concepts) : concepts_(concepts) {}

    bool wrote_math() const { return wrote_math_; }

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
    bool wrote_math_ = false;
};

}  // namespace glossc::epub_backend
