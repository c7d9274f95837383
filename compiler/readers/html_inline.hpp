// Inline HTML as rich text, for the HTML reader (html.cpp) and its fragment
// entry point: <em>/<i> -> Emph, <strong>/<b> -> Strong, <code>/<kbd>/
// <samp>/<tt> -> Code, <a href> -> Link (in-page "#…" links keep only their
// text), <sub>/<sup> -> Math joined to the word before ("x<sub>i</sub>" ->
// $x_i$, "n<sup>2</sup>" -> $n^2$), MathML <math> -> Math from its TeX
// annotation (encoding "application/x-tex") or its alttext, MathJax's
// <script type="math/tex"> -> Math, and \(..\), \[..\], $..$ in text -> Math
// (generic::tidy). Any other element gives its text; a block element is
// set off by spaces. What is never content (html_dom.hpp) is skipped.
#pragma once

#include <libxml/tree.h>

#include <vector>

#include "readers/html_dom.hpp"
#include "readers/reader.hpp"

namespace glossc::readers {

class HtmlInline {
public:
    // `ignore`: the parts of the page that are never content (kept by reference).
    HtmlInline(const SourceSpec& spec, DiagnosticSink& sink, const std::vector<dom::Selector>& ignore)
        : spec_(spec), sink_(sink), ignore_(ignore) {}

    // The children of `node` as tidy rich text; with `skip_items`, nested
    // <dt>/<dd> (read as items of their own) are left out.
    ir::RichText text_of(xmlNode* node, bool skip_items = false);
    // `node` appended to `out` (not tidied: the caller tidies the whole).
    void append(ir::RichText& out, xmlNode* node);

    // A MathJax <script type="math/tex">: content, though scripts are not.
    static bool is_math_script(const xmlNode* node);

private:
    void children_into(ir::RichText& out, xmlNode* node);
    void script_into(ir::RichText& out, xmlNode* node, bool superscript);
    void mathml_into(ir::RichText& out, xmlNode* node);
    static std::string tex_annotation(xmlNode* node);

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    const std::vector<dom::Selector>& ignore_;
};

}  // namespace glossc::readers
