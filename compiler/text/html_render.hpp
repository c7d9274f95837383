// Rich text (ir::RichText) and blocks (ir::Blocks) as HTML, written once for
// every output that shows them as HTML: the EPUB's XHTML, the Anki deck's
// fields, the merge report.
//
// One walk over the inline tree; what differs between outputs is a policy
// object (HtmlPolicy) the walk calls: how text is escaped, how a formula is
// written, how a link or a reference to a concept opens and closes. What is
// the same everywhere stays here: <em>, <strong>, <code>, the nesting, and
// knowing when the walk is inside a link (HTML allows no <a> within an <a>).
//
// Blocks (ir::Blocks) have a walk of their own over the same policy: the
// markup of a block is the same in every output and written here; a policy
// says only how a displayed formula is written, how an attribute value is
// escaped and what goes between blocks (hooks with defaults). The markup:
//   Paragraph    <p>inline</p>
//   BulletList   <ul><li>ITEM</li>...</ul>
//   OrderedList  <ol><li>ITEM</li>...</ol>, <ol start="N"> when N is not 1
//   Code         <pre><code class="language-X">lines</code></pre> (no class
//                without a language; the lines through the policy's code())
//   DisplayMath  display_math()
//   Quote        <blockquote>blocks</blockquote>
//   Table        <table><thead><tr><th>..</th>..</tr></thead><tbody><tr><td>
//                ..</td>..</tr>..</tbody></table> (no <tbody> without rows)
// where an ITEM is written as append_flow_html writes it: an item that is
// one paragraph is that paragraph's inline content alone (a tight list item,
// as Markdown writes it), any other item its blocks. A reader tells the two
// apart by whether the item holds a block element.
#pragma once

#include <functional>
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

    // ---- Blocks (see above) ----

    // A DisplayMath block: its whole markup, a block-level element. By
    // default <div class="math"> around what math() writes.
    virtual void display_math(std::string& out, std::string_view tex);
    // An attribute value (double-quoted): by default & < > " ' as entities.
    virtual void attribute(std::string& out, std::string_view s);
    // What follows each block and each opening tag of a block container
    // (<ul>, <li> holding blocks, <table>, <tr>...): nothing by default; a
    // line feed keeps a document's source readable where white space between
    // blocks means nothing.
    virtual void block_break(std::string&) {}
};

// Appends `text` as inline HTML to `out`.
void append_inline_html(std::string& out, const ir::RichText& text, HtmlPolicy& policy, InlinePlace place = {});

// Appends `blocks` as HTML block elements to `out`.
void append_blocks_html(std::string& out, const ir::Blocks& blocks, HtmlPolicy& policy);

// Whether `blocks` is at most one paragraph: what a field held before blocks
// existed, and what append_flow_html writes as inline content.
bool is_inline_flow(const ir::Blocks& blocks);

// The content of an element that holds blocks (a list item, a field): one
// paragraph as its inline content alone, anything else as block elements.
void append_flow_html(std::string& out, const ir::Blocks& blocks, HtmlPolicy& policy);

// ---- What the walks hand the policies, for the outputs' readers and checks ----

// Every formula the walks hand a policy, in walk order: the TeX of each Math
// node (to math(), `display` false) and of each DisplayMath block (to
// display_math(), `display` true). For the warnings about formulas an output
// cannot show.
using FormulaVisit = std::function<void(std::string_view tex, bool display)>;
void for_each_formula(const ir::RichText& text, const FormulaVisit& visit);
void for_each_formula(const ir::Blocks& blocks, const FormulaVisit& visit);

// `blocks` with the same structure, each inline run (paragraph, table cell)
// replaced by run(text) and each Code or DisplayMath block by leaf(block):
// what an output's reader gives back when it keeps the blocks as written and
// changes only their text (the outputs' project()).
ir::Blocks map_blocks(const ir::Blocks& blocks, const std::function<ir::RichText(const ir::RichText&)>& run,
                      const std::function<ir::Block(const ir::Block&)>& leaf);

}  // namespace glossc::text
