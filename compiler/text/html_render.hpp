// Rich text (ir::RichText) as HTML, written once for every output that shows
// it as HTML: the EPUB's XHTML, the Anki deck's fields, the merge report.
//
// One walk over the inline tree; what differs between outputs is a policy
// object (HtmlPolicy) the walk calls: how text is escaped, how a formula is
// written, how a link or a reference to a concept opens and closes. What is
// the same everywhere stays here: <em>, <strong>, <code>, the nesting, and
// knowing when the walk is inside a link (HTML allows no <a> within an <a>).
//
// Block-level rendering (paragraphs, lists, code blocks) belongs next to this
// walk: a block walk and block hooks on the same policy (with defaults, so
// existing policies keep compiling), the block walk calling
// append_inline_html for the inline content of each block.
#pragma once

#include <string>
#include <string_view>

#include "ir/ir.hpp"

namespace glossc::text {

// Where the walk is when it calls a hook.
struct InlinePlace {
    bool in_link = false;  // inside a Link's or Ref's shown text
};

class HtmlPolicy {
public:
    virtual ~HtmlPolicy() = default;

    // A Text node's content, escaped as the output wants it.
    virtual void text(std::string& out, std::string_view s) = 0;
    // A Code node's content, between <code> and </code>. The same as text()
    // unless the output treats code differently.
    virtual void code(std::string& out, std::string_view s) { text(out, s); }
    // A Math node: the whole markup of the formula, from its TeX source alone.
    virtual void math(std::string& out, std::string_view tex) = 0;

    // A Link (`node.target` is its URL) or a Ref (`node.target` is a concept
    // id): writes the opening markup and returns the closing markup (a
    // string that outlives the call, usually a literal). The walk writes the
    // shown text between the two: the node's children (rendered in a link
    // place), or bare_link()/bare_ref() when it has none.
    virtual std::string_view open_link(std::string& out, const ir::Inline& node, InlinePlace place) = 0;
    virtual std::string_view open_ref(std::string& out, const ir::Inline& node, InlinePlace place) = 0;
    // What a Link or Ref with no text of its own shows; nothing by default.
    virtual void bare_link(std::string&, const ir::Inline&) {}
    virtual void bare_ref(std::string&, const ir::Inline&) {}
};

// Appends `text` as inline HTML to `out`.
void append_inline_html(std::string& out, const ir::RichText& text, HtmlPolicy& policy, InlinePlace place = {});

}  // namespace glossc::text
