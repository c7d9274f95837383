// Definitions with structure (issue 23): the Markdown, HTML and
// reStructuredText readers keep paragraphs, nested lists, code with its
// lines, display math, quotes and tables as blocks; math delimiters are
// paired as TeX pairs them; TeX left in prose is repaired or reported.
#include <gtest/gtest.h>

#include "readers/reader.hpp"
#include "readers/sanitize.hpp"
#include "support/reader_fixtures.hpp"
#include "text/inline_math.hpp"

namespace glossc {
namespace {

using testing::data_file;
using testing::describe;
using testing::find_key;
using testing::plain;
using testing::shape;

ReaderResult read(const std::string& format, std::string_view document, DiagnosticSink& sink) {
    return testing::read_with(testing::spec_for(format, "notes." + format), document, sink);
}

TEST(BlockReaders, MarkdownKeepsParagraphsListsCodeMathQuotesAndTables) {
    DiagnosticSink sink;
    auto result = read("markdown", data_file("blocks.md"), sink);
    const Entry* beam = find_key(result, "Beam search");
    ASSERT_NE(beam, nullptr) << describe(sink);
    EXPECT_EQ(plain(beam->definition.summary), "Keeps the k best partial sequences at each step.");
    const ir::Blocks& body = beam->definition.body;
    ASSERT_EQ(shape(body),
              "paragraph ordered_list[paragraph | paragraph bullet_list[paragraph | paragraph] | paragraph] code "
              "display_math quote[paragraph] table");
    EXPECT_EQ(body[1].start, 1u);
    EXPECT_EQ(body[2], ir::code_block("def step(beams):\n    return sorted(beams)[:k]", "python"))
        << "the code's lines and indentation are kept";
    EXPECT_EQ(body[3], ir::display_math("\\log p(y) = \\sum_t \\log p(y_t \\mid y_{<t})"));
    ASSERT_EQ(body[5].rows.size(), 3u);
    EXPECT_EQ(plain(body[5].rows[2][1]), "28.3");

    const Entry* greedy = find_key(result, "Greedy decoding");
    ASSERT_NE(greedy, nullptr);
    EXPECT_EQ(greedy->definition.summary, (ir::RichText{ir::text("Beam search with "), ir::math("k = 1"), ir::text(".")}));
    EXPECT_EQ(greedy->definition.example, ir::Blocks{ir::code_block("tokens = model.generate(greedy=True)")})
        << "the code after \"Example:\" is the example";
    EXPECT_TRUE(greedy->definition.body.empty());
}

TEST(BlockReaders, MarkdownDisplayMathOnOneLineAndALoneDollarLine) {
    DiagnosticSink sink;
    auto result = read("markdown",
                       "## Softmax\n\nNormalises scores.\n\n$$\\sigma(z)_i = e^{z_i} / \\sum_j e^{z_j}$$\n\n"
                       "## Price\n\nA lone\n\n$$\n\nline stays text.\n",
                       sink);
    const Entry* softmax = find_key(result, "Softmax");
    ASSERT_NE(softmax, nullptr) << describe(sink);
    EXPECT_EQ(softmax->definition.body, ir::Blocks{ir::display_math("\\sigma(z)_i = e^{z_i} / \\sum_j e^{z_j}")});
    const Entry* price = find_key(result, "Price");
    ASSERT_NE(price, nullptr);
    EXPECT_EQ(plain(price->definition.body), "$$ line stays text.") << "nothing closes the $$: no formula";
}

TEST(BlockReaders, HtmlKeepsListsCodeWithItsLanguageDisplayMathQuotesAndTables) {
    DiagnosticSink sink;
    auto result = read("html", data_file("blocks.html"), sink);
    const Entry* tokenizer = find_key(result, "Tokenizer");
    ASSERT_NE(tokenizer, nullptr) << describe(sink);
    const ir::Blocks& body = tokenizer->definition.body;
    ASSERT_EQ(shape(body),
              "paragraph ordered_list[paragraph bullet_list[paragraph] | paragraph] code display_math quote[paragraph] "
              "table");
    EXPECT_EQ(body[1].start, 3u);
    EXPECT_EQ(body[2], ir::code_block("tok = Tokenizer()\nif tok:\n    ids = tok.encode(\"a < b\")", "python"));
    EXPECT_EQ(body[3], ir::display_math("|V| \\approx 50\\,000"));
    EXPECT_EQ(plain(body[5].rows[0][1]), "Vocabulary");
    EXPECT_EQ(plain(body[5].rows[1][1]), "50 257");
}

TEST(BlockReaders, RstKeepsListsCodeAndMath) {
    DiagnosticSink sink;
    auto result = read("rst",
                       "Glossary\n========\n\n.. glossary::\n\n   cache\n      Stored results.\n\n"
                       "      Second paragraph.\n\n      * one\n      * two\n\n        more of two\n\n"
                       "      .. code-block:: c\n\n         int x;\n           x++;\n\n      .. math::\n\n         a^2\n",
                       sink);
    const Entry* cache = find_key(result, "cache");
    ASSERT_NE(cache, nullptr) << describe(sink);
    EXPECT_EQ(shape(cache->definition.body), "paragraph bullet_list[paragraph | paragraph paragraph] code display_math");
    EXPECT_EQ(cache->definition.body[2], ir::code_block("int x;\n  x++;", "c"));
    EXPECT_EQ(cache->definition.body[3], ir::display_math("a^2"));
}

TEST(BlockReaders, MarkedUpCellsGiveBlocks) {
    DiagnosticSink sink;
    auto result = read("csv", "term,definition\nLoRA,\"Low-rank adapters.\n\n- rank r\n- alpha\"\n", sink);
    const Entry* lora = find_key(result, "LoRA");
    ASSERT_NE(lora, nullptr) << describe(sink);
    EXPECT_EQ(plain(lora->definition.summary), "Low-rank adapters.");
    EXPECT_EQ(shape(lora->definition.body), "bullet_list[paragraph | paragraph]");
}

// ---- "$" paired as TeX pairs it --------------------------------------------------

TEST(DollarMath, PairsLeftToRightAndKeepsPricesAsText) {
    using text::parse_inline_math;
    EXPECT_EQ(parse_inline_math("3$\\times$4096$\\times$11008 = 135M"),
              (ir::RichText{ir::text("3"), ir::math("\\times"), ir::text("4096"), ir::math("\\times"),
                            ir::text("11008 = 135M")}))
        << "the termbase's FFN parameters: \\times twice between numbers";
    EXPECT_EQ(parse_inline_math("costs $5 and $10 a month"), (ir::RichText{ir::text("costs $5 and $10 a month")}));
    EXPECT_EQ(parse_inline_math("from $5-$10"), (ir::RichText{ir::text("from $5-$10")}));
    EXPECT_EQ(parse_inline_math("pay $5 for $x$"),
              (ir::RichText{ir::text("pay $5 for "), ir::math("x")}));
    EXPECT_EQ(parse_inline_math("$a$ and the $b$"),
              (ir::RichText{ir::math("a"), ir::text(" and the "), ir::math("b")}));
    EXPECT_EQ(parse_inline_math("$x vs the Attention layer$"), (ir::RichText{ir::text("$x vs the Attention layer$")}))
        << "a run of prose is no formula";
    EXPECT_EQ(parse_inline_math("$\\text{if the value}$"), (ir::RichText{ir::math("\\text{if the value}")}));
}

TEST(DollarMath, RejoinsAFormulaSplitByStrayDollars) {
    using text::parse_inline_math;
    EXPECT_EQ(parse_inline_math("Memory: $O(n$\\times$W)$ vs $O($n^2$)$."),
              (ir::RichText{ir::text("Memory: "), ir::math("O(n \\times W)"), ir::text(" vs "), ir::math("O( n^2 )"),
                            ir::text(".")}));
    EXPECT_EQ(parse_inline_math("$a$ \\times $b$ and $c$"),
              (ir::RichText{ir::math("a \\times b"), ir::text(" and "), ir::math("c")}));
}

TEST(DollarMath, TextCommandsInProseAreMarkup) {
    EXPECT_EQ(text::parse_inline_math("set \\texttt{budget\\_tokens} and \\textbf{not} \\emph{this}"),
              (ir::RichText{ir::text("set "), ir::code("budget_tokens"), ir::text(" and "),
                            ir::strong({ir::text("not")}), ir::text(" "), ir::emph({ir::text("this")})}));
    EXPECT_EQ(text::parse_inline_math("\\texttt{\\textbackslash boxed\\{\\}}"), (ir::RichText{ir::code("\\boxed{}")}));
    EXPECT_EQ(text::parse_inline_math("\\texttt{unclosed"), (ir::RichText{ir::text("\\texttt{unclosed")}));
}

TEST(DollarMath, OpenersWithoutClosersStayLinear) {
    std::string s;
    for (int i = 0; i < 200000; ++i) s += "\\( $ ";
    auto out = text::parse_inline_math(s);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].kind, ir::InlineKind::Text);
}

// ---- TeX left in prose, formulas that do not parse: reported ----------------------

TEST(MathCheck, TexInProseAndUnparsedFormulasAreReportedWithTheirEntry) {
    DiagnosticSink sink;
    // Through the one door every source passes (read_document), where the check runs.
    auto result = read_document(testing::spec_for("markdown", "notes.md"),
                                "## Attention\n\nCost O(n^2 \\times d) per layer.\n\n## Broken\n\nA formula $\\frac{a}{$ here.\n",
                                sink);
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    const ir::Diagnostic* tex = testing::find_code(sink, "tex-in-text");
    ASSERT_NE(tex, nullptr) << describe(sink);
    EXPECT_EQ(tex->line, 1u);
    EXPECT_NE(tex->message.find("\\times"), std::string::npos);
    const ir::Diagnostic* unparsed = testing::find_code(sink, "math-unparsed");
    ASSERT_NE(unparsed, nullptr) << describe(sink);
    EXPECT_EQ(unparsed->line, 5u);
}

}  // namespace
}  // namespace glossc
