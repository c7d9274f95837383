// The HTML reader on the layouts editors bring from site generators
// (tests/data/sources/*.html): a bookdown book (numbered headings in section
// divs, <dfn> summaries, code, data tables in definitions), a Sphinx
// glossary, a MediaWiki glossary, <dfn> paragraphs, numbers that are part of
// terms; MkDocs and Docusaurus pages; data tables; the fragment entry point.
#include <gtest/gtest.h>

#include "readers/reader.hpp"
#include "readers/readers.hpp"
#include "support/paths.hpp"
#include "support/property.hpp"
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

using Layouts = std::vector<std::pair<std::string, std::size_t>>;

ReaderResult read_page(std::string_view document, DiagnosticSink& sink) {
    return testing::read_with(testing::spec_for("html", "page.html"), document, sink);
}

ReaderResult read_file(const std::string& name, DiagnosticSink& sink) { return read_page(data_file(name), sink); }

std::string all_text(const Entry& e) {
    return e.headword + " | " + plain(e.definition.summary) + " | " + plain(e.definition.body);
}

TEST(HtmlLayouts, BookdownPage) {
    DiagnosticSink sink;
    auto result = read_file("bookdown.html", sink);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
    // No "2.1" (a header-section-number span), no title, TOC, chapter
    // navigation or footer, no rows of the data tables.
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"batch", "bias", "boxplot"}));
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), std::vector<std::uint32_t>{});
    EXPECT_EQ(result.layout, (Layouts{{"heading sections", 3}}));

    const Entry* batch = find_key(result, "batch");
    ASSERT_NE(batch, nullptr);
    EXPECT_EQ(batch->line, 21u);
    EXPECT_TRUE(batch->categories.empty()) << "the chapter h1 is the page title";
    EXPECT_EQ(plain(batch->definition.summary),
              "A group of rows processed together, such as the data frame rows of one step.")
        << "a <dfn> that is the whole paragraph is the summary";
    // The R code: a code block with its lines and language; then the data
    // table, a table of the definition.
    const ir::Blocks& body = batch->definition.body;
    auto code =
        std::find_if(body.begin(), body.end(), [](const ir::Block& b) { return b.kind == ir::BlockKind::Code; });
    ASSERT_NE(code, body.end()) << shape(body);
    EXPECT_EQ(code->literal, "x <- head(df, 10)\n#> [1] 10");
    EXPECT_EQ(code->language, "r");
    auto table =
        std::find_if(body.begin(), body.end(), [](const ir::Block& b) { return b.kind == ir::BlockKind::Table; });
    ASSERT_NE(table, body.end()) << shape(body);
    ASSERT_EQ(table->rows.size(), 3u);
    EXPECT_EQ(plain(table->rows[0][2]), "cases");
    EXPECT_EQ(plain(table->rows[2][1]), "2000");

    const Entry* bias = find_key(result, "bias");
    ASSERT_NE(bias, nullptr);
    EXPECT_EQ(shape(bias->definition.body), "paragraph table") << "a table in <details>";
    EXPECT_EQ(plain(bias->definition.body), "More... id name 1 Lisa 2 Phil");
    const Entry* boxplot = find_key(result, "boxplot");
    ASSERT_NE(boxplot, nullptr);
    ASSERT_EQ(shape(boxplot->definition.body), "table code")
        << "an id | name table in a definition is no glossary, but a table of it";
    EXPECT_EQ(boxplot->definition.body[1].literal, "<img src=\"box.png\">\n  <!-- a comment -->")
        << "<pre> keeps its markup as text, and its lines";
}

TEST(HtmlLayouts, SphinxGlossary) {
    DiagnosticSink sink;
    auto result = read_file("sphinx.html", sink);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
    EXPECT_EQ(keys_of(result),
              (std::vector<std::string>{"Beam search", "Key\xE2\x80\x93value cache", "Greedy decoding"}));
    EXPECT_EQ(result.layout, (Layouts{{"definition-list items", 3}}));
    const Entry* kv = find_key(result, "Key\xE2\x80\x93value cache");
    ASSERT_NE(kv, nullptr);
    EXPECT_EQ(kv->line, 17u);
    ASSERT_EQ(kv->labels.size(), 1u);
    EXPECT_EQ(kv->labels[0].text, "KV cache") << "a second <dt> is an alias, its ¶ dropped";
    EXPECT_EQ(plain(kv->definition.summary), "Stores the keys and values of past tokens.");
    ASSERT_EQ(kv->definition.body.size(), 1u);
    EXPECT_EQ(kv->definition.body[0].kind, ir::BlockKind::Code) << "a <pre> is a code block";
    EXPECT_EQ(kv->definition.body[0].literal, "cache[layer] = (k, v)");
    for (const auto& e : result.entries) EXPECT_EQ(all_text(e).find("\xC2\xB6"), std::string::npos) << all_text(e);
}

TEST(HtmlLayouts, MediaWikiGlossary) {
    DiagnosticSink sink;
    auto result = read_file("mediawiki.html", sink);
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"activation function", "attention", "backpropagation",
                                                         "batch normalization"}))
        << describe(sink);
    EXPECT_EQ(result.layout, (Layouts{{"definition-list items", 4}}));
    EXPECT_TRUE(has_label(*find_key(result, "attention"), "attention mechanism", ir::LabelKind::Variant));
    for (const auto& e : result.entries) {
        EXPECT_TRUE(e.categories.empty()) << e.key << ": index letters are no categories";
        for (const char* chrome : {"[1]", "[2]", "edit", "Contents", "Jump", "Retrieved", "Categories", "Talk"})
            EXPECT_EQ(all_text(e).find(chrome), std::string::npos) << all_text(e);
    }
    EXPECT_EQ(plain(find_key(result, "batch normalization")->definition.summary),
              "Normalizes a layer's inputs over the batch.");
    // The introduction is the only text that belongs to no entry.
    EXPECT_EQ(lines_of(sink, "unplaced-text"), std::vector<std::uint32_t>{14});
    EXPECT_EQ(codes_of(sink), std::set<std::string>{"unplaced-text"}) << describe(sink);
}

TEST(HtmlLayouts, DfnParagraphs) {
    DiagnosticSink sink;
    auto result = read_file("dfn.html", sink);
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"Latency", "Bandwidth", "DNS", "Element (HTML)", "Attribute"}))
        << describe(sink);
    EXPECT_EQ(result.layout, (Layouts{{"dfn paragraphs", 5}}));
    EXPECT_EQ(result.sections, 2u);

    const Entry* latency = find_key(result, "Latency");
    ASSERT_NE(latency, nullptr);
    EXPECT_EQ(latency->line, 9u);
    EXPECT_EQ(latency->categories, std::vector<std::string>{"Networking"});
    EXPECT_EQ(plain(latency->definition.summary), "Latency is the time a request takes to reach its destination.")
        << "with no separator, the sentence is the definition";
    EXPECT_EQ(plain(latency->definition.body), "It is measured in milliseconds, often as a round trip.")
        << "the paragraphs after a dfn paragraph continue its definition";

    const Entry* bandwidth = find_key(result, "Bandwidth");
    ASSERT_NE(bandwidth, nullptr);
    EXPECT_EQ(plain(bandwidth->definition.summary), "the amount of data a link carries per second.");
    const Entry* dns = find_key(result, "DNS");
    ASSERT_NE(dns, nullptr);
    EXPECT_EQ(dns->definition.summary.back(), ir::text("."));
    EXPECT_EQ(plain(dns->definition.summary), "the system that maps names to IP addresses.");

    const Entry* element = find_key(result, "Element (HTML)");
    ASSERT_NE(element, nullptr);
    EXPECT_EQ(element->categories, std::vector<std::string>{"Markup"});
    EXPECT_EQ(plain(element->definition.summary), "a part of a document delimited by tags.");
    EXPECT_EQ(plain(element->definition.body),
              "A paragraph that mentions a term in passing is prose. A very long phrase that is plainly a sentence "
              "rather than a name for anything and then more.")
        << "a <dfn> inside a sentence, or too long to be a name, is prose";
    const Entry* attribute = find_key(result, "Attribute");
    ASSERT_NE(attribute, nullptr);
    EXPECT_EQ(attribute->line, 17u);
    EXPECT_EQ(plain(attribute->definition.summary), "A name and value written in an element's start tag.")
        << "a short <dfn> that is the whole paragraph, after no heading, is a term on a line of its own";
    EXPECT_EQ(lines_of(sink, "unplaced-text"), std::vector<std::uint32_t>{7});
}

TEST(HtmlLayouts, NumbersThatArePartOfTermsAreKept) {
    DiagnosticSink sink;
    auto result = read_file("numbered-terms.html", sink);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"3D convolution", "1x1 convolution", "5G", "A/B testing",
                                                         "I/O", "k-means", "8 bit quantization", "2001 split"}))
        << "one heading that looks numbered among unnumbered ones keeps its number";
}

TEST(HtmlLayouts, SectionNumbersPrintedInHeadingsAreDropped) {
    DiagnosticSink sink;
    auto result = read_page(R"(<h1>1 Glossary</h1>
<h2>1. Basics</h2>
<h3>1.1 Attention</h3><p>Weights inputs.</p>
<h3>1.2. Beam search</h3><p>Keeps k sequences.</p>
<h3>3D convolution</h3><p>Over three dimensions.</p>
<h2>B.3 Appendix terms</h2>
<h3>B.3.1 Cache</h3><p>Stores results.</p>
<h3>IV. Decoding</h3><p>Turns scores into tokens.</p>
<h3>2) Embedding</h3><p>A vector for a token.</p>
<h3>12</h3><p>A number that is the term.</p>)",
                            sink);
    EXPECT_EQ(keys_of(result),
              (std::vector<std::string>{"Attention", "Beam search", "3D convolution", "Cache", "Decoding", "Embedding",
                                        "12"}))
        << describe(sink);
    EXPECT_EQ(find_key(result, "Attention")->categories, std::vector<std::string>{"Basics"});
    EXPECT_EQ(find_key(result, "Cache")->categories, std::vector<std::string>{"Appendix terms"});
    EXPECT_EQ(result.sections, 2u);
}

TEST(HtmlLayouts, TablesInDefinitionsAndDataTablesAreNoEntries) {
    DiagnosticSink sink;
    auto result = read_page(R"(<h2>Perplexity</h2>
<p>The exponential of the average negative log-likelihood.</p>
<table><tr><th>Term</th><th>Value</th></tr><tr><td>GPT-2</td><td>29.4</td></tr></table>
<h1>Results</h1>
<table><tr><th>Name</th><th>Year</th><th>Score</th></tr>
<tr><td>Model A</td><td>2019</td><td>0.91</td></tr><tr><td>Model B</td><td>2020</td><td>0.88</td></tr></table>
<table><tr><th>Term</th><th>Definition</th></tr><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>x</td></tr></table>)",
                            sink);
    EXPECT_EQ(keys_of(result), std::vector<std::string>{"Perplexity"}) << describe(sink);
    ASSERT_EQ(shape(result.entries[0].definition.body), "table");
    EXPECT_EQ(result.entries[0].definition.body[0].rows,
              (std::vector<std::vector<ir::RichText>>{{{ir::text("Term")}, {ir::text("Value")}},
                                                      {{ir::text("GPT-2")}, {ir::text("29.4")}}}));
    // The data tables at the top level are prose that belongs to no entry: reported.
    EXPECT_EQ(lines_of(sink, "unplaced-text"), (std::vector<std::uint32_t>{5, 7})) << describe(sink);
}

TEST(HtmlLayouts, MkDocsAndDocusaurusPages) {
    DiagnosticSink sink;
    auto mkdocs = read_page(R"(<body><header class="md-header"><a href="/">Docs</a></header>
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">
<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar"><nav class="md-nav"><ul><li>Home</li></ul></nav></div>
<div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset">
<h1 id="glossary">Glossary<a class="headerlink" href="#glossary" title="Permanent link">&para;</a></h1>
<dl><dt>Token</dt><dd><p>A unit of text.</p>
<div class="admonition note"><p class="admonition-title">Note</p><p>Tokenizers differ.</p></div></dd>
<dt>Vocabulary</dt><dd><p>Every token a model knows.</p></dd></dl>
</article></div></div></main>
<footer class="md-footer"><p>Made with Material for MkDocs</p></footer></div></body>)",
                            sink);
    EXPECT_EQ(keys_of(mkdocs), (std::vector<std::string>{"Token", "Vocabulary"}));
    EXPECT_EQ(plain(find_key(mkdocs, "Token")->definition.body), "Note Tokenizers differ.");
    EXPECT_TRUE(sink.all().empty()) << describe(sink);

    DiagnosticSink docusaurus_sink;
    auto docusaurus = read_page("<body><nav class=\"navbar\">Docs</nav><div class=\"row\"><div class=\"col\">"
                                "<article><nav class=\"theme-doc-breadcrumbs\">Home</nav>"
                                "<div class=\"theme-doc-markdown markdown\"><header><h1>Glossary</h1></header>"
                                "<h2 class=\"anchor\" id=\"api\">API<a href=\"#api\" class=\"hash-link\" "
                                "aria-label=\"Direct link to API\">\xE2\x80\x8B</a></h2><p>An interface.</p>"
                                "</div><footer class=\"theme-doc-footer\"><a>Edit this page</a></footer></article>"
                                "</div><div class=\"col col--3\"><div class=\"tableOfContents\"><ul "
                                "class=\"table-of-contents\"><li><a href=\"#api\">API</a></li></ul></div></div>"
                                "</div></body>",
                                docusaurus_sink);
    EXPECT_EQ(keys_of(docusaurus), std::vector<std::string>{"API"}) << "the permalink's zero-width space is dropped";
    EXPECT_TRUE(docusaurus_sink.all().empty()) << describe(docusaurus_sink);
}

TEST(HtmlLayouts, FragmentsOfMarkedUpFields) {
    auto blocks = readers::html_blocks(
        "A <b>bold</b> word, a <a href=\"https://example.org\">link</a> &mdash; and<br>a break."
        "<p>Second \\(x^2\\) paragraph.</p><ul><li>one</li><li>two</li></ul>");
    ASSERT_EQ(shape(blocks), "paragraph paragraph bullet_list[paragraph | paragraph]");
    EXPECT_EQ(blocks[0].text, (ir::RichText{ir::text("A "), ir::strong({ir::text("bold")}), ir::text(" word, a "),
                                            ir::link("https://example.org", {ir::text("link")}),
                                            ir::text(" \xE2\x80\x94 and a break.")}));
    EXPECT_EQ(blocks[1].text, (ir::RichText{ir::text("Second "), ir::math("x^2"), ir::text(" paragraph.")}));
    EXPECT_EQ(plain(blocks[2].items[1]), "two");
    EXPECT_TRUE(readers::html_blocks("").empty());
    EXPECT_TRUE(readers::html_blocks("   ").empty());
    EXPECT_EQ(readers::html_blocks("plain &amp; simple"), ir::paragraphs({ir::text("plain & simple")}));
    EXPECT_EQ(readers::html_blocks("<p>unclosed <b>bold").size(), 1u);
}

TEST(HtmlLayouts, SectionNumbersAreDroppedOnlyFromNumberedPages) {
    testing::check_property("numbered headings keep their terms", 200, [] {
        static const std::vector<std::string> kNumbers{"1 ", "4.1 ", "4.1. ", "B.3 ", "IV. ", "2) ", "10.2.3 "};
        static const std::vector<std::string> kTerms{"cache", "3D convolution", "5G", "I/O", "k-means", "12",
                                                     "1x1 convolution", "A/B testing", "IV fluids", "2001 split"};
        const auto terms = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kTerms));
        const auto numbered = *rc::gen::container<std::vector<bool>>(terms.size(), rc::gen::arbitrary<bool>());
        std::string page = "<h1>Terms</h1>\n";
        std::size_t with_number = 0;
        for (std::size_t i = 0; i < terms.size(); ++i) {
            std::string number = numbered[i] ? *rc::gen::elementOf(kNumbers) : "";
            with_number += numbered[i];
            page += "<h2>" + number + terms[i] + "</h2><p>Defined.</p>\n";
        }
        DiagnosticSink sink;
        auto result = read_page(page, sink);
        RC_ASSERT(result.entries.size() == terms.size());
        // A page whose headings are all numbered gives its terms back; one
        // with no numbers keeps every heading as printed.
        if (with_number == terms.size() && terms.size() >= 2) RC_ASSERT(keys_of(result) == terms);
        if (with_number == 0) RC_ASSERT(keys_of(result) == terms);
        for (const auto& e : result.entries) RC_ASSERT(!e.headword.empty());
    });
}

TEST(HtmlLayouts, FragmentsNeverGiveEmptyParagraphs) {
    testing::check_property("html_paragraphs on any text", 200, [] {
        static const std::vector<std::string> kPieces{"<p>", "</p>", "<b>", "</b>", "<br>", "&mdash;", "&", "<",
                                                      ">", "text ", "\\(x\\)", "<pre>", "</pre>", "<ul><li>",
                                                      "<dfn>", "<table><tr><td>", "<!--", "-->", " ", "\n"};
        const auto pieces = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kPieces));
        std::string fragment;
        for (const auto& piece : pieces) fragment += piece;
        for (const auto& block : readers::html_blocks(fragment))
            RC_ASSERT(block.kind != ir::BlockKind::Paragraph || !block.text.empty());
    });
}

}  // namespace
}  // namespace glossc
