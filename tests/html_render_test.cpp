// The shared HTML renderer (text/html_render.hpp): the inline and block
// walks themselves, and its two backend policies, EPUB's XHTML
// (epub/epub_inline.hpp) and the Anki deck's fields (anki/anki_html.hpp):
// escaping, nesting, links, refs and formulas.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "anki/anki_html.hpp"
#include "epub/epub_inline.hpp"
#include "support/generators.hpp"
#include "support/property.hpp"
#include "text/html_render.hpp"
#include "text/inline_math.hpp"

namespace glossc {
namespace {

using ir::code;
using ir::emph;
using ir::link;
using ir::math;
using ir::ref;
using ir::strong;
using ir::text;

// Writes what the walk hands it as it is, and marks every link and ref with
// where the walk says it is: shows the walk's order and nesting alone.
class Tracing final : public glossc::text::HtmlPolicy {
public:
    void text(std::string& out, std::string_view s) override { out += s; }
    void math(std::string& out, std::string_view tex) override { out += "$" + std::string(tex) + "$"; }
    std::string_view open_link(std::string& out, const ir::Inline& node, glossc::text::InlinePlace place) override {
        out += (place.in_link ? "[link-in-link " : "[link ") + node.target + ":";
        return "]";
    }
    std::string_view open_ref(std::string& out, const ir::Inline& node, glossc::text::InlinePlace place) override {
        out += (place.in_link ? "{ref-in-link " : "{ref ") + node.target + ":";
        return "}";
    }
};

// Writes text and formulas as they are, links and refs as their text alone.
class Plain : public glossc::text::HtmlPolicy {
public:
    void text(std::string& out, std::string_view s) override { out += s; }
    void math(std::string& out, std::string_view tex) override { out += tex; }
    std::string_view open_link(std::string&, const ir::Inline&, glossc::text::InlinePlace) override { return ""; }
    std::string_view open_ref(std::string&, const ir::Inline&, glossc::text::InlinePlace) override { return ""; }
};

std::string traced(const ir::RichText& rich) {
    Tracing policy;
    std::string out;
    glossc::text::append_inline_html(out, rich, policy);
    return out;
}

std::string xhtml(const ir::RichText& rich, const epub_backend::ConceptTargets& concepts, bool* wrote_math = nullptr) {
    epub_backend::XhtmlInline policy(concepts);
    std::string out;
    glossc::text::append_inline_html(out, rich, policy);
    if (wrote_math) *wrote_math = policy.wrote_math();
    return out;
}

std::string anki(const ir::RichText& rich) {
    std::string out;
    anki_backend::append_rich(out, rich);
    return out;
}

ir::Concept concept_named(std::string id, std::string headword) {
    ir::Concept c;
    c.id = std::move(id);
    c.headword = std::move(headword);
    return c;
}

// ---- The walk -------------------------------------------------------------------

TEST(HtmlRender, WalksNodesInOrderAndNestsMarkup) {
    ir::RichText rich{text("a "), emph({text("b "), strong({code("c")})}), text(" "), math("x^2")};
    EXPECT_EQ(traced(rich), "a <em>b <strong><code>c</code></strong></em> $x^2$");
}

TEST(HtmlRender, TellsHooksWhenTheyAreInsideALink) {
    ir::RichText rich{link("https://a.example", {text("see "), emph({ref("kv-cache", {text("KV")})})}),
                      ref("prefill", {link("https://b.example", {text("b")})}), ref("decode", {})};
    EXPECT_EQ(traced(rich),
              "[link https://a.example:see <em>{ref-in-link kv-cache:KV}</em>]"
              "{ref prefill:[link-in-link https://b.example:b]}{ref decode:}");
}

// Every Text, Code and Math node once, in order: the walk drops and repeats nothing.
TEST(HtmlRender, ShowsEveryCharacterOfTheTextOnce) {
    testing::check_property("the walk shows the plain text", 200, [] {
        ir::RichText rich = *testing::rich_text(3);
        Plain policy;
        std::string out;
        glossc::text::append_inline_html(out, rich, policy);
        std::string expected = glossc::text::plain_text(rich);
        // <em>, <strong> and <code> are the walk's own markup.
        for (std::string_view tag : {"<em>", "</em>", "<strong>", "</strong>", "<code>", "</code>"})
            for (std::size_t at; (at = out.find(tag)) != std::string::npos;) out.erase(at, tag.size());
        RC_ASSERT(out == expected);
    });
}

// ---- The block walk ---------------------------------------------------------------

std::string traced(const ir::Blocks& blocks) {
    Tracing policy;
    std::string out;
    glossc::text::append_blocks_html(out, blocks, policy);
    return out;
}

TEST(HtmlBlocks, WritesEachKindOfBlockWithTheDefaultHooks) {
    EXPECT_EQ(traced({ir::paragraph({text("a "), math("x")})}), "<p>a $x$</p>");
    EXPECT_EQ(traced({ir::bullet_list({{ir::paragraph({text("a")})}, {ir::paragraph({text("b")})}})}),
              "<ul><li>a</li><li>b</li></ul>");
    EXPECT_EQ(traced({ir::ordered_list({{ir::paragraph({text("a")})}}, 3), ir::ordered_list({{ir::paragraph({text("b")})}})}),
              "<ol start=\"3\"><li>a</li></ol><ol><li>b</li></ol>");
    // Code: its lines as code() gives them; the language in a class, escaped as an attribute.
    EXPECT_EQ(traced({ir::code_block("  a < b\nc", "c\"x"), ir::code_block("d")}),
              "<pre><code class=\"language-c&quot;x\">  a < b\nc</code></pre><pre><code>d</code></pre>");
    EXPECT_EQ(traced({ir::display_math("x^2")}), "<div class=\"math\">$x^2$</div>");
    EXPECT_EQ(traced({ir::quote({ir::paragraph({text("a")}), ir::paragraph({text("b")})})}),
              "<blockquote><p>a</p><p>b</p></blockquote>");
    EXPECT_EQ(traced({ir::table({{{text("h")}, {}}, {{text("a")}, {emph({text("b")})}}})}),
              "<table><thead><tr><th>h</th><th></th></tr></thead><tbody><tr><td>a</td><td><em>b</em></td></tr></tbody></table>");
    EXPECT_EQ(traced({ir::table({{{text("h")}}})}), "<table><thead><tr><th>h</th></tr></thead></table>")
        << "no <tbody> without rows";
}

// A list item of one paragraph is its inline content (a tight item); any
// other item holds its blocks, nested lists included.
TEST(HtmlBlocks, ItemsOfOneParagraphAreInline) {
    EXPECT_EQ(traced({ir::bullet_list({{ir::paragraph({text("a")}), ir::bullet_list({{ir::paragraph({text("b")})}})},
                                       {ir::code_block("c")}})}),
              "<ul><li><p>a</p><ul><li>b</li></ul></li><li><pre><code>c</code></pre></li></ul>");
    EXPECT_TRUE(glossc::text::is_inline_flow({}));
    EXPECT_TRUE(glossc::text::is_inline_flow({ir::paragraph({text("a")})}));
    EXPECT_FALSE(glossc::text::is_inline_flow({ir::paragraph({text("a")}), ir::paragraph({text("b")})}));
    EXPECT_FALSE(glossc::text::is_inline_flow({ir::display_math("x")}));
}

// The break hook follows every block and every opening tag of a container.
TEST(HtmlBlocks, BreaksBetweenBlocks) {
    class Breaking final : public Plain {
    public:
        void block_break(std::string& out) override { out += '|'; }
    } policy;
    std::string out;
    glossc::text::append_blocks_html(
        out, {ir::paragraph({text("a")}), ir::bullet_list({{ir::paragraph({text("b")})}, {ir::quote({ir::paragraph({text("c")})})}})},
        policy);
    EXPECT_EQ(out, "<p>a</p>|<ul>|<li>b</li>|<li>|<blockquote>|<p>c</p>|</blockquote>|</li>|</ul>|");
}

TEST(HtmlBlocks, FindsEveryFormulaInWalkOrder) {
    ir::Blocks blocks{ir::paragraph({math("a"), emph({math("b")})}), ir::display_math("c"),
                      ir::bullet_list({{ir::paragraph({math("d")})}}), ir::quote({ir::display_math("e")}),
                      ir::table({{{math("f")}}}), ir::code_block("$g$")};
    std::string seen;
    glossc::text::for_each_formula(blocks, [&](std::string_view tex, bool display) {
        seen += std::string(tex) + (display ? "! " : " ");
    });
    EXPECT_EQ(seen, "a b c! d e! f ");
}

TEST(HtmlBlocks, MapsRunsAndLeavesKeepingTheShape) {
    ir::Blocks blocks{ir::paragraph({text("a")}), ir::ordered_list({{ir::paragraph({text("b")}), ir::code_block("c")}}, 3),
                      ir::table({{{text("d")}}}), ir::display_math("e")};
    ir::Blocks mapped = glossc::text::map_blocks(
        blocks, [](const ir::RichText& run) { return run.empty() ? run : ir::RichText{text(run[0].text + "!")}; },
        [](const ir::Block& leaf) { return ir::code_block(leaf.literal + "?"); });
    EXPECT_EQ(mapped, (ir::Blocks{ir::paragraph({text("a!")}),
                                  ir::ordered_list({{ir::paragraph({text("b!")}), ir::code_block("c?")}}, 3),
                                  ir::table({{{text("d!")}}}), ir::code_block("e?")}));
}

// ---- EPUB: XHTML ------------------------------------------------------------------

TEST(XhtmlInline, EscapesTextCodeAndAttributes) {
    epub_backend::ConceptTargets none;
    EXPECT_EQ(xhtml({text("a < b & \"c\" 'd' > e")}, none), "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e");
    EXPECT_EQ(xhtml({code("if (a<b && c) \"x\";")}, none), "<code>if (a&lt;b &amp;&amp; c) &quot;x&quot;;</code>");
    EXPECT_EQ(xhtml({link("https://a.example/?q=\"1\"&r=2", {text("x")})}, none),
              "<span class=\"link\" title=\"https://a.example/?q=&quot;1&quot;&amp;r=2\">x</span>");
    // A control character is made visible: XML 1.0 has no place for it.
    EXPECT_EQ(xhtml({text(std::string("a\x01") + "b")}, none), "a\xE2\x90\x81" "b");
}

TEST(XhtmlInline, LinksOnlyPlainUrlsAndNeverInsideALink) {
    epub_backend::ConceptTargets none;
    EXPECT_EQ(xhtml({link("https://arxiv.org/abs/2210.17323", {emph({text("paper")})})}, none),
              "<a class=\"link\" href=\"https://arxiv.org/abs/2210.17323\"><em>paper</em></a>");
    EXPECT_EQ(xhtml({link("https://a.example", {})}, none),
              "<a class=\"link bare\" href=\"https://a.example\">https://a.example</a>");
    EXPECT_EQ(xhtml({link("javascript:alert(1)", {text("x")})}, none),
              "<span class=\"link\" title=\"javascript:alert(1)\">x</span>");
    EXPECT_EQ(xhtml({link("https://a.example", {text("a "), link("https://b.example", {text("b")})})}, none),
              "<a class=\"link\" href=\"https://a.example\">a <span class=\"link\" title=\"https://b.example\">b</span></a>");
}

TEST(XhtmlInline, RefsLinkToConceptsTheBookHas) {
    ir::Concept kv = concept_named("kv-cache", "KV cache & <more>");
    epub_backend::ConceptTargets concepts{{kv.id, {&kv, "glossary-k.xhtml#kv-cache"}}};
    EXPECT_EQ(xhtml({ref("kv-cache", {code("KV")})}, concepts),
              "<a class=\"ref\" epub:type=\"glossref\" role=\"doc-glossref\" href=\"glossary-k.xhtml#kv-cache\">"
              "<code>KV</code></a>");
    EXPECT_EQ(xhtml({ref("kv-cache", {})}, concepts),
              "<a class=\"ref bare\" epub:type=\"glossref\" role=\"doc-glossref\" href=\"glossary-k.xhtml#kv-cache\">"
              "KV cache &amp; &lt;more&gt;</a>");
    EXPECT_EQ(xhtml({ref("no\"such", {})}, concepts),
              "<span class=\"ref bare\" data-concept=\"no&quot;such\">no&quot;such</span>");
    EXPECT_EQ(xhtml({link("https://a.example", {ref("kv-cache", {text("KV")})})}, concepts),
              "<a class=\"link\" href=\"https://a.example\"><span class=\"ref\" data-concept=\"kv-cache\">KV</span></a>");
}

TEST(XhtmlInline, WritesMathMLAndNotesIt) {
    epub_backend::ConceptTargets none;
    bool wrote_math = false;
    std::string out = xhtml({text("loss "), math("a<b")}, none, &wrote_math);
    EXPECT_TRUE(wrote_math);
    EXPECT_TRUE(out.starts_with("loss <math xmlns=\"http://www.w3.org/1998/Math/MathML\" alttext=\"a&lt;b\"><semantics>"))
        << out;
    EXPECT_TRUE(out.ends_with("<annotation encoding=\"application/x-tex\">a&lt;b</annotation></semantics></math>")) << out;
    // A formula the converter refuses is shown as its TeX, and is no MathML.
    out = xhtml({math("\\begin{x} & y")}, none, &wrote_math);
    EXPECT_FALSE(wrote_math);
    EXPECT_EQ(out, "<code class=\"tex\">\\begin{x} &amp; y</code>");
}

// Whatever the rich text, the XHTML is well formed, with no <a> inside an <a>.
TEST(XhtmlInline, IsWellFormedForAnyRichText) {
    testing::check_property("inline XHTML is well formed", 200, [] {
        ir::RichText rich = *testing::rich_text(3);
        ir::Concept kv = concept_named("kv-cache", *testing::hostile_string());
        epub_backend::ConceptTargets concepts{{kv.id, {&kv, "glossary-k.xhtml#kv-cache"}}};
        std::string fragment = "<p xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">" +
                               xhtml(rich, concepts) + "</p>";
        pugi::xml_document doc;
        pugi::xml_parse_result parsed = doc.load_string(fragment.c_str());
        RC_ASSERT(parsed.status == pugi::status_ok);
        RC_ASSERT(doc.select_nodes("//a//a").empty());
    });
}

// Whatever the blocks, their XHTML is well formed.
TEST(XhtmlInline, BlocksAreWellFormed) {
    testing::check_property("block XHTML is well formed", 200, [] {
        ir::Blocks blocks = testing::blocks(3);
        epub_backend::ConceptTargets none;
        epub_backend::XhtmlInline policy(none);
        std::string fragment = "<div xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">";
        glossc::text::append_blocks_html(fragment, blocks, policy);
        fragment += "</div>";
        pugi::xml_document doc;
        RC_ASSERT(doc.load_string(fragment.c_str()).status == pugi::status_ok);
        RC_ASSERT(doc.select_nodes("//p//p | //p//ul | //p//div | //p//pre").empty());
    });
}

// ---- Anki: field HTML ------------------------------------------------------------

TEST(FieldInline, EscapesForAnki) {
    EXPECT_EQ(anki({text("a < b & \"c\" 'd' [sound:x]\nnext")}),
              "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &#91;sound:x]<br>next");
    // Prose with a backslash is kept from MathJax; code is not prose.
    EXPECT_EQ(anki({text("\\(x\\)")}), "<span class=\"nomath mathjax_ignore tex2jax_ignore\">\\(x\\)</span>");
    EXPECT_EQ(anki({code("\\n & <tag>")}), "<code>\\n &amp; &lt;tag&gt;</code>");
}

TEST(FieldInline, WritesMathForMathJax) {
    EXPECT_EQ(anki({math("a<b [c]")}), "<span class=\"math\">\\(a&lt;b &#91;c]\\)</span>");
}

TEST(FieldInline, LinksAndRefs) {
    EXPECT_EQ(anki({link("HTTPS://a.example/?q=\"1\"", {emph({text("x "), math("y")})})}),
              "<a href=\"HTTPS://a.example/?q=&quot;1&quot;\"><em>x <span class=\"math\">\\(y\\)</span></em></a>");
    EXPECT_EQ(anki({link("javascript:alert(1)", {text("x")})}), "<a data-url=\"javascript:alert(1)\">x</a>");
    // Nested as the IR nests them: Anki shows a field as it is.
    EXPECT_EQ(anki({ref("kv\ncache", {strong({link("mailto:a@b.example", {text("KV")})})})}),
              "<span class=\"ref\" data-concept=\"kv&#10;cache\"><strong><a href=\"mailto:a@b.example\">KV</a></strong></span>");
    EXPECT_EQ(anki({ref("kv-cache", {}), link("https://a.example", {})}),
              "<span class=\"ref\" data-concept=\"kv-cache\"></span><a href=\"https://a.example\"></a>");
}

}  // namespace
}  // namespace glossc
