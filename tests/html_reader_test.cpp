// The generic HTML reader: <dl> glossaries, heading + paragraph glossaries,
// term tables, inline markup and math, the `container`/`ignore`/`headings`
// options, and messy pages (tests/data/sources/*.html).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "readers/reader.hpp"
#include "support/paths.hpp"
#include "support/reader_fixtures.hpp"
#include "text/file_io.hpp"

namespace glossc {
namespace {

using testing::codes_of;
using testing::data_file;
using testing::keys_of;
using testing::describe;
using testing::find_key;
using testing::has_label;
using testing::lines_of;
using testing::plain;
using testing::shape;

SourceSpec html_spec(nlohmann::json options = nlohmann::json::object(), std::string file = "page.html") {
    SourceSpec spec;
    spec.id = "page";
    spec.file = file;
    spec.display_path = file;
    spec.format = "html";
    spec.options = std::move(options);
    spec.where = Location{"glossary.toml", 7, 1};
    return spec;
}

ReaderResult read(std::string_view document, DiagnosticSink& sink, nlohmann::json options = nlohmann::json::object()) {
    return testing::read_with(html_spec(std::move(options)), document, sink);
}

bool has_math(const ir::RichText& text, const std::string& tex) {
    for (const auto& node : text) {
        if (node.kind == ir::InlineKind::Math && node.text == tex) return true;
        if (has_math(node.children, tex)) return true;
    }
    return false;
}

TEST(HtmlReader, IsRegisteredWithItsExtensions) {
    ASSERT_NE(find_reader("html"), nullptr);
    EXPECT_EQ(reader_for_extension(".html"), find_reader("html"));
    EXPECT_EQ(reader_for_extension(".HTM"), find_reader("html"));
}

TEST(HtmlReader, ReadsDefinitionListsAndHeadingSectionsOfAPage) {
    DiagnosticSink sink;
    auto result = read(data_file("extra.html"), sink);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
    ASSERT_EQ(result.entries.size(), 4u);

    // Several <dt> for one <dd>: one entry, the others are aliases.
    const Entry* kv = find_key(result, "Key\xE2\x80\x93value cache");  // entity &ndash; decoded
    ASSERT_NE(kv, nullptr);
    EXPECT_EQ(kv->line, 15u);
    EXPECT_EQ(kv->definition.line, 15u);
    EXPECT_EQ(kv->definition.source, "page");
    ASSERT_EQ(kv->labels.size(), 1u);
    EXPECT_EQ(kv->labels[0].text, "KV cache");
    EXPECT_EQ(kv->definition.summary[1], ir::emph({ir::text("keys")}));
    EXPECT_EQ(kv->definition.summary[kv->definition.summary.size() - 2],
              ir::link("https://arxiv.org/abs/2309.06180", {ir::text("PagedAttention")}));
    EXPECT_TRUE(kv->definition.body.empty());

    const Entry* contrastive = find_key(result, "Contrastive decoding");
    ASSERT_NE(contrastive, nullptr);
    EXPECT_EQ(contrastive->line, 27u);
    EXPECT_TRUE(has_math(contrastive->definition.summary, "p_{exp}")) << plain(contrastive->definition.summary);
    EXPECT_EQ(plain(contrastive->definition.example),
              "it suppresses the bland, repetitive continuations that the amateur also predicts.");
    EXPECT_TRUE(contrastive->definition.body.empty()) << "an \"Example:\" paragraph is the example, not the body";

    // h2 followed by h3: a section (its title the category), the h3 a term.
    const Entry* tree = find_key(result, "Tree attention");
    ASSERT_NE(tree, nullptr);
    EXPECT_EQ(tree->line, 35u);
    EXPECT_EQ(tree->categories, std::vector<std::string>{"Attention"});
    EXPECT_TRUE(has_math(tree->definition.summary, "O(n^2)")) << "MathML alttext";
    EXPECT_TRUE(has_math(tree->definition.summary, "n")) << "\\(n\\) in text";
    ASSERT_FALSE(tree->definition.body.empty());
    ASSERT_GE(tree->definition.body[0].text.size(), 2u);
    EXPECT_EQ(tree->definition.body[0].text[1], ir::code("Medusa"));

    // Page furniture never reaches an entry.
    for (const auto& e : result.entries) {
        std::string all = e.headword + plain(e.definition.summary) + plain(e.definition.body);
        for (const char* furniture : {"Injected", "Sponsored", "Home", "site header", "2026", "Not a term"})
            EXPECT_EQ(all.find(furniture), std::string::npos) << e.key << " holds " << furniture;
    }
}

TEST(HtmlReader, KeepsInlineMarkupAsRichText) {
    DiagnosticSink sink;
    auto result = read(R"(<dl><dt>Term</dt><dd>An <em>emph</em>, <i>italic</i>, <strong>strong</strong>, <b>bold</b>,
<code>code()</code>, <a href="https://example.org/x">a link</a>, <a href="#local">a local link</a>,
x<sub>i</sub>, n<sup>2</sup>, 1<sup>st</sup>, $a+b$, \(\alpha\), &amp; &lt;tag&gt; &mdash;
<math><semantics><mi>E</mi><annotation encoding="application/x-tex">E = mc^2</annotation></semantics></math>,
<math alttext="\beta"><mi>β</mi></math>, <script type="math/tex">\gamma</script>,
<span class="katex"><span class="katex-mathml"><math><semantics><mi>d</mi><annotation encoding="application/x-tex">d_k</annotation></semantics></math></span><span class="katex-html" aria-hidden="true">dk</span></span>.</dd></dl>)",
                       sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    const ir::RichText& s = result.entries[0].definition.summary;
    ir::RichText expected{
        ir::text("An "), ir::emph({ir::text("emph")}), ir::text(", "), ir::emph({ir::text("italic")}), ir::text(", "),
        ir::strong({ir::text("strong")}), ir::text(", "), ir::strong({ir::text("bold")}), ir::text(", "),
        ir::code("code()"), ir::text(", "), ir::link("https://example.org/x", {ir::text("a link")}),
        ir::text(", a local link, "), ir::math("x_i"), ir::text(", "), ir::math("n^2"), ir::text(", 1st, "),
        ir::math("a+b"), ir::text(", "), ir::math("\\alpha"), ir::text(", & <tag> \xE2\x80\x94 "),
        ir::math("E = mc^2"), ir::text(", "), ir::math("\\beta"), ir::text(", "), ir::math("\\gamma"),
        ir::text(", "), ir::math("d_k"), ir::text(".")};
    EXPECT_EQ(s, expected) << plain(s);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
}

TEST(HtmlReader, MathMLWithoutTexIsKeptAndReported) {
    DiagnosticSink sink;
    auto result = read("<dl><dt>T</dt><dd>Cost <math><mi>x</mi><mn>2</mn></math>.</dd></dl>", sink);
    ASSERT_EQ(result.entries.size(), 1u);
    EXPECT_TRUE(has_math(result.entries[0].definition.summary, "x2"));
    EXPECT_EQ(lines_of(sink, "mathml-no-tex"), std::vector<std::uint32_t>{1});
}

TEST(HtmlReader, HeadingsParagraphsSectionsAndLabelledParagraphs) {
    DiagnosticSink sink;
    auto result = read(R"(<html><body>
<h1>My glossary</h1>
<p>An introduction that belongs to no entry.</p>
<h2>B</h2>
<h3>Beam search</h3>
<p>Keeps the <em>k</em> best partial sequences at each step.</p>
<p>It trades compute for likelihood.</p>
<h4>Caveat</h4>
<p>Long beams favour short outputs.</p>
<p>Also known as: beam decoding, BS.</p>
<p>Example: k = 4 in machine translation.</p>
<p>See also: Greedy decoding, Nonexistent term</p>
<h2>Inference</h2>
<h3>Greedy decoding</h3>
<p>Always takes the most likely token.</p>
<h3>Nothing here</h3>
<h2>Z</h2>
</body></html>)",
                       sink);
    ASSERT_EQ(result.entries.size(), 3u) << describe(sink);
    const Entry* beam = find_key(result, "Beam search");
    ASSERT_NE(beam, nullptr);
    EXPECT_EQ(beam->line, 5u);
    EXPECT_TRUE(beam->categories.empty()) << "an index letter is no category";
    EXPECT_EQ(plain(beam->definition.summary), "Keeps the k best partial sequences at each step.");
    EXPECT_EQ(plain(beam->definition.body),
              "It trades compute for likelihood. Caveat Long beams favour short outputs.");
    EXPECT_TRUE(has_label(*beam, "beam decoding", ir::LabelKind::Variant));
    EXPECT_TRUE(has_label(*beam, "BS", ir::LabelKind::Abbreviation));
    EXPECT_EQ(plain(beam->definition.example), "k = 4 in machine translation.");
    EXPECT_EQ(beam->related, std::vector<std::string>{"Greedy decoding"});
    ASSERT_EQ(beam->extras.size(), 1u);
    EXPECT_EQ(beam->extras[0].key, "related");
    EXPECT_EQ(beam->extras[0].value, "Nonexistent term");

    const Entry* greedy = find_key(result, "Greedy decoding");
    ASSERT_NE(greedy, nullptr);
    EXPECT_EQ(greedy->categories, std::vector<std::string>{"Inference"});
    const Entry* nothing = find_key(result, "Nothing here");
    ASSERT_NE(nothing, nullptr);
    EXPECT_TRUE(nothing->definition.summary.empty());

    EXPECT_EQ(lines_of(sink, "unplaced-text"), std::vector<std::uint32_t>{3});
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), std::vector<std::uint32_t>{16});
    EXPECT_EQ(lines_of(sink, "related-unknown"), std::vector<std::uint32_t>{5});
    EXPECT_FALSE(sink.has_errors());
}

TEST(HtmlReader, MessyPageIsReadAndEveryProblemReportedWithItsLine) {
    // BOM, CRLF, unclosed <dt>/<dd>/<p>, scripts with markup inside, a <dd>
    // with no <dt>, a <dt> with no <dd>, stray end tags, a KaTeX rendering.
    DiagnosticSink sink;
    std::string document = data_file("messy.html");
    ASSERT_NE(document.find("\r\n"), std::string::npos);
    auto result = read(document, sink);
    std::set<std::string> keys;
    for (const auto& e : result.entries) keys.insert(e.key);
    EXPECT_EQ(keys, (std::set<std::string>{"Softmax temperature", "Attention entropy", "Logit lens", "Orphan term",
                                           "Bits per byte", "Unfinished entry", "Tokens per second"}))
        << describe(sink);

    const Entry* temperature = find_key(result, "Softmax temperature");
    ASSERT_NE(temperature, nullptr);
    EXPECT_EQ(temperature->line, 11u);
    EXPECT_TRUE(has_label(*temperature, "Sampling temperature", ir::LabelKind::Variant)) << "<dt>A<dt>B: two names";
    EXPECT_EQ(plain(temperature->definition.summary),
              "Divides the logits by T before the softmax; T < 1 sharpens the distribution and T > 1 flattens it");
    EXPECT_TRUE(has_math(temperature->definition.summary, "T"));

    const Entry* entropy = find_key(result, "Attention entropy");
    ASSERT_NE(entropy, nullptr);
    EXPECT_EQ(entropy->line, 14u);
    EXPECT_TRUE(has_math(entropy->definition.summary, "H = -\\sum_j a_{ij} \\log a_{ij}"));
    EXPECT_EQ(entropy->related, (std::vector<std::string>{"Softmax temperature", "Logit lens"}));

    const Entry* lens = find_key(result, "Logit lens");  // a <div>-wrapped group
    ASSERT_NE(lens, nullptr);
    EXPECT_EQ(lens->line, 19u);
    EXPECT_TRUE(has_math(lens->definition.summary, "W_U h_l")) << plain(lens->definition.summary);

    const Entry* bpb = find_key(result, "Bits per byte");
    ASSERT_NE(bpb, nullptr);
    EXPECT_EQ(bpb->line, 25u);
    EXPECT_EQ(bpb->categories, std::vector<std::string>{"Perplexity & friends"});
    EXPECT_TRUE(has_label(*bpb, "BPB", ir::LabelKind::Abbreviation));

    const Entry* tps = find_key(result, "Tokens per second");
    ASSERT_NE(tps, nullptr);
    EXPECT_EQ(plain(tps->definition.summary), "Throughput of generation; t/s in most dashboards.")
        << "the aria-hidden KaTeX rendering is not read twice";
    EXPECT_TRUE(has_math(tps->definition.summary, "t/s")) << "KaTeX's TeX annotation";

    EXPECT_EQ(lines_of(sink, "entry-no-name"), std::vector<std::uint32_t>{22});
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), (std::vector<std::uint32_t>{20, 28}));
    EXPECT_EQ(lines_of(sink, "unplaced-text"), (std::vector<std::uint32_t>{9, 23}));  // one warning per block of text
    EXPECT_EQ(lines_of(sink, "html-malformed"), (std::vector<std::uint32_t>{31, 31}));
    EXPECT_EQ(codes_of(sink), (std::set<std::string>{"entry-no-name", "entry-no-definition", "unplaced-text",
                                                      "html-malformed"}));
}

TEST(HtmlReader, IgnoreOptionSkipsPageParts) {
    DiagnosticSink sink;
    auto result = read(data_file("messy.html"), sink, {{"ignore", {".toc", "p"}}});
    EXPECT_EQ(lines_of(sink, "unplaced-text"), std::vector<std::uint32_t>{23});
    // Paragraphs are ignored everywhere now: Bits per byte lost its definition.
    const Entry* bpb = find_key(result, "Bits per byte");
    ASSERT_NE(bpb, nullptr);
    EXPECT_TRUE(bpb->definition.summary.empty());
}

TEST(HtmlReader, ContainerSelectsTheGlossaryPart) {
    const std::string page = R"(<body>
<div id="sidebar"><dl><dt>Sidebar term</dt><dd>Not wanted.</dd></dl></div>
<section class="terms main"><dl><dt>Wanted</dt><dd>Yes.</dd></dl>
  <div class="terms"><dl><dt>Nested</dt><dd>Read once.</dd></dl></div></section>
<section class="other"><h2>Other</h2><p>Not wanted either.</p></section>
</body>)";
    for (const char* container : {".terms", "section.terms", "section.main.terms", "//section[@class='terms main']",
                                  "(//section)[1]"}) {
        DiagnosticSink sink;
        auto result = read(page, sink, {{"container", container}});
        std::vector<std::string> keys;
        for (const auto& e : result.entries) keys.push_back(e.key);
        EXPECT_EQ(keys, (std::vector<std::string>{"Wanted", "Nested"})) << container;
        EXPECT_TRUE(sink.all().empty()) << container << "\n" << describe(sink);
    }
    {
        DiagnosticSink sink;
        auto result = read(page, sink, {{"container", "#sidebar"}});
        ASSERT_EQ(result.entries.size(), 1u);
        EXPECT_EQ(result.entries[0].key, "Sidebar term");
        EXPECT_EQ(result.entries[0].line, 2u);
    }
    for (const char* bad : {"#nothing", "//article", "div >> p", "//section[", ".a b"}) {
        DiagnosticSink sink;
        auto result = read(page, sink, {{"container", bad}});
        EXPECT_TRUE(result.entries.empty()) << bad;
        EXPECT_TRUE(sink.has_errors()) << bad;
        EXPECT_TRUE(codes_of(sink).count("html-container-not-found") || codes_of(sink).count("reader-bad-option"))
            << bad << "\n" << describe(sink);
        for (const auto& d : sink.all()) {
            if (d.severity == ir::Severity::Error) {
                EXPECT_EQ(d.file, "glossary.toml") << "reported at the manifest";
            }
        }
    }
}

TEST(HtmlReader, HeadingsOptionChoosesTermLevels) {
    const std::string page = "<h2>Part</h2><h4>Deep term</h4><p>Defined.</p><h3>Not a term</h3><p>Prose.</p>";
    DiagnosticSink sink;
    auto result = read(page, sink, {{"headings", {"h4"}}});
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(result.entries[0].key, "Deep term");
    EXPECT_EQ(lines_of(sink, "unplaced-text").size(), 1u);

    DiagnosticSink bad;
    read(page, bad, {{"headings", {"h9"}}, {"colour", "red"}});
    EXPECT_TRUE(codes_of(bad).count("reader-bad-option"));
    EXPECT_TRUE(codes_of(bad).count("reader-unknown-option"));
}

TEST(HtmlReader, TableWithATermColumnIsAGlossary) {
    DiagnosticSink sink;
    auto result = read(R"(<table>
<thead><tr><th>Term</th><th>Synonyms</th><th>Meaning</th><th>Paper</th><th>Owner</th></tr></thead>
<tbody>
<tr><td>RoPE</td><td>rotary position embedding</td><td>Rotates query and key pairs by an angle \(m\theta\).</td>
    <td><a href="https://arxiv.org/abs/2104.09864">RoFormer</a></td><td>ana</td></tr>
<tr><td></td><td></td><td>No term here.</td><td></td><td></td></tr>
</tbody></table>)",
                       sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    const Entry& rope = result.entries[0];
    EXPECT_EQ(rope.key, "RoPE");
    EXPECT_EQ(rope.line, 4u);
    EXPECT_TRUE(has_label(rope, "rotary position embedding", ir::LabelKind::Expansion));
    EXPECT_TRUE(has_math(rope.definition.summary, "m\\theta"));
    ASSERT_EQ(rope.references.size(), 1u);
    EXPECT_EQ(rope.references[0].title, "RoFormer");
    EXPECT_EQ(rope.references[0].url, "https://arxiv.org/abs/2104.09864");
    ASSERT_EQ(rope.extras.size(), 1u);
    EXPECT_EQ(rope.extras[0].key, "Owner");
    EXPECT_EQ(rope.extras[0].source, "page");
    EXPECT_EQ(lines_of(sink, "entry-no-name"), std::vector<std::uint32_t>{6});
    EXPECT_EQ(result.layout, (std::vector<std::pair<std::string, std::size_t>>{{"table rows", 1}}));
}

TEST(HtmlReader, BoldTermListItemsAndStrayItems) {
    DiagnosticSink sink;
    auto result = read(R"(<h2>Decoding</h2>
<ul>
  <li><b>Greedy decoding</b>: always the most likely token.</li>
  <li><strong>Beam search</strong> (BS) &mdash; keeps the <em>k</em> best sequences.</li>
  <li><b>Min-p:</b> a floor relative to the top probability.</li>
  <li>A note that names no term.</li>
</ul>
<h3>Top-k sampling</h3>
<p>Samples among the k most likely tokens.</p>
<ul><li><b>k</b>: usually 40</li></ul>
<dt>Stray term</dt><dd>A <code>dt</code> outside any list.</dd>)",
                       sink);
    std::vector<std::string> keys;
    for (const auto& e : result.entries) keys.push_back(e.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"Greedy decoding", "Beam search (BS)", "Min-p", "Top-k sampling",
                                              "Stray term"}))
        << describe(sink);
    const Entry* beam = find_key(result, "Beam search (BS)");
    ASSERT_NE(beam, nullptr);
    EXPECT_EQ(beam->headword, "Beam search");
    EXPECT_EQ(beam->line, 4u);
    EXPECT_EQ(beam->categories, std::vector<std::string>{"Decoding"});
    EXPECT_EQ(beam->definition.summary,
              (ir::RichText{ir::text("keeps the "), ir::emph({ir::text("k")}), ir::text(" best sequences.")}));
    const Entry* topk = find_key(result, "Top-k sampling");
    ASSERT_NE(topk, nullptr);
    EXPECT_EQ(plain(topk->definition.body), "k: usually 40") << "a list inside a definition is part of it";
    EXPECT_EQ(lines_of(sink, "unplaced-text"), std::vector<std::uint32_t>{6});
    EXPECT_EQ(result.layout, (std::vector<std::pair<std::string, std::size_t>>{
                                 {"bold-term items", 3}, {"heading sections", 1}, {"definition-list items", 1}}));
    EXPECT_EQ(result.sections, 1u) << "Decoding";
}

TEST(HtmlReader, TheContainerMayBeTheListItself) {
    DiagnosticSink sink;
    auto result = read("<p>Intro.</p>\n<dl id=\"g\"><dt>A</dt><dd>first</dd></dl>", sink, {{"container", "#g"}});
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(result.entries[0].line, 2u);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
}

TEST(HtmlReader, MalformedInputGivesDiagnosticsNeverACrash) {
    const char* documents[] = {"",
                               "   \n  ",
                               "plain text, no markup at all",
                               "<<<>>><</>",
                               "<dl><dd>only a definition",
                               "<dl><dt>",
                               "<dl><dt>A<dt>B<dt>C<dd>",
                               "<h2>",
                               "<table><tr><th>Term</th></tr><tr><td>x</td></tr></table>",
                               "<math><annotation encoding='application/x-tex'></annotation></math>",
                               "<p><sub><sup><sub>x</sub></sup></sub>",
                               "<!-- only a comment -->",
                               "<![CDATA[ x ]]><dl><dt>T</dt><dd><![CDATA[cdata]]></dd></dl>",
                               "\xEF\xBB\xBF<dl><dt>T</dt><dd>BOM first</dd></dl>"};
    for (const char* document : documents) {
        DiagnosticSink sink;
        auto result = read(document, sink);
        EXPECT_TRUE(!result.entries.empty() || !sink.all().empty()) << "'" << document << "' read silently";
        for (const auto& e : result.entries) EXPECT_FALSE(e.headword.empty()) << document;
    }
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "<div><span>";
    DiagnosticSink sink;
    read(deep + "<dl><dt>Deep</dt><dd>down</dd></dl>", sink);
}

}  // namespace
}  // namespace glossc
