// The generic Markdown reader: heading + paragraph glossaries, "**Term**:"
// lists, definition-list syntax, tables, inline markup, math protected from
// Markdown escapes, and messy files (tests/data/sources/*.md).
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

SourceSpec markdown_spec(nlohmann::json options = nlohmann::json::object()) {
    SourceSpec spec;
    spec.id = "notes";
    spec.file = "notes.md";
    spec.display_path = "notes.md";
    spec.format = "markdown";
    spec.options = std::move(options);
    spec.where = Location{"glossary.toml", 9, 1};
    return spec;
}

ReaderResult read(std::string_view document, DiagnosticSink& sink, nlohmann::json options = nlohmann::json::object()) {
    return testing::read_with(markdown_spec(std::move(options)), document, sink);
}

TEST(MarkdownReader, IsRegisteredWithItsExtensions) {
    ASSERT_NE(find_reader("markdown"), nullptr);
    EXPECT_EQ(reader_for_extension(".md"), find_reader("markdown"));
    EXPECT_EQ(reader_for_extension(".markdown"), find_reader("markdown"));
}

TEST(MarkdownReader, HeadingsWithParagraphsAndBoldTermLists) {
    DiagnosticSink sink;
    auto result = read(data_file("notes.md"), sink);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
    ASSERT_EQ(result.entries.size(), 3u);

    const Entry* speculative = find_key(result, "Speculative sampling");
    ASSERT_NE(speculative, nullptr);
    EXPECT_EQ(speculative->line, 8u);
    EXPECT_TRUE(speculative->categories.empty()) << "the # title is no category";
    EXPECT_TRUE(has_label(*speculative, "speculative decoding", ir::LabelKind::Variant));
    const ir::RichText& summary = speculative->definition.summary;
    ASSERT_GE(summary.size(), 4u);
    EXPECT_EQ(summary[0], ir::text("A small "));
    EXPECT_EQ(summary[1], ir::emph({ir::text("draft")}));
    EXPECT_EQ(summary[3], ir::strong({ir::text("target")}));
    EXPECT_EQ(speculative->definition.body,
              ir::paragraphs(ir::RichText{ir::text("The acceptance rule keeps token "), ir::math("x"),
                            ir::text(" with probability "), ir::math("\\min(1, p(x)/q(x))"), ir::text(".")}));

    const Entry* lookup = find_key(result, "Prompt lookup decoding");
    ASSERT_NE(lookup, nullptr);
    EXPECT_EQ(lookup->line, 21u);
    EXPECT_EQ(lookup->categories, std::vector<std::string>{"Inference"});
    EXPECT_EQ(plain(lookup->definition.summary),
              "a draft-free variant of speculative decoding that proposes continuations by matching the last tokens "
              "against n-grams of the prompt.");

    const Entry* typical = find_key(result, "Typical sampling");  // "**Term** — definition"
    ASSERT_NE(typical, nullptr);
    EXPECT_EQ(typical->line, 23u);
    EXPECT_EQ(typical->definition.summary[1], ir::math("-\\log p(x)")) << "\\( \\) survives Markdown escaping";
}

TEST(MarkdownReader, MessyFileIsReadAndEveryProblemReportedWithItsLine) {
    // BOM, CRLF, an intro, a comment, index letters, escaped and currency
    // dollars, code with dollars, a table, definition-list syntax, a row and
    // a bullet with no term.
    DiagnosticSink sink;
    std::string document = data_file("messy.md");
    ASSERT_NE(document.find("\r\n"), std::string::npos);
    auto result = read(document, sink);
    std::vector<std::string> keys;
    for (const auto& e : result.entries) keys.push_back(e.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"Attention sink", "Heading with nothing", "Needle in a haystack",
                                              "Perplexity-based filter", "Shell variables", "Chunked prefill",
                                              "Radix attention (RA)"}))
        << describe(sink);

    const Entry* sink_entry = find_key(result, "Attention sink");
    ASSERT_NE(sink_entry, nullptr);
    EXPECT_EQ(sink_entry->line, 9u);
    EXPECT_TRUE(sink_entry->categories.empty()) << "## A is an index letter";
    std::string summary = plain(sink_entry->definition.summary);
    EXPECT_NE(summary.find("Costs $0 to keep, unlike $5 and $10 GPUs."), std::string::npos) << summary;
    for (const auto& node : sink_entry->definition.summary) EXPECT_NE(node.kind, ir::InlineKind::Math);

    const Entry* needle = find_key(result, "Needle in a haystack");
    ASSERT_NE(needle, nullptr);
    EXPECT_EQ(needle->line, 20u);
    EXPECT_EQ(needle->categories, (std::vector<std::string>{"Evaluation", "Attention"}));
    EXPECT_EQ(needle->definition.summary.back(), ir::text(".")) << plain(needle->definition.summary);
    ASSERT_EQ(needle->references.size(), 1u);
    EXPECT_EQ(needle->references[0].url, "https://example.org/niah");

    const Entry* filter = find_key(result, "Perplexity-based filter");
    ASSERT_NE(filter, nullptr);
    EXPECT_EQ(filter->line, 23u);
    EXPECT_EQ(plain(filter->definition.summary),
              "Drops training documents whose perplexity under a small reference model is too high.");
    EXPECT_EQ(plain(filter->definition.body), "Also used to find machine-generated text.");

    const Entry* shell = find_key(result, "Shell variables");
    ASSERT_NE(shell, nullptr);
    EXPECT_EQ(shell->definition.summary[1], ir::code("$HOME"));
    EXPECT_EQ(shell->definition.body, ir::Blocks{ir::code_block("echo \"$HOME costs $5\"  # not math: $x$", "sh")})
        << "a fenced block: its line as written, its language";

    const Entry* chunked = find_key(result, "Chunked prefill");  // "**Term:** definition"
    ASSERT_NE(chunked, nullptr);
    EXPECT_EQ(chunked->line, 36u);
    EXPECT_EQ(chunked->categories, std::vector<std::string>{"Inference"});
    EXPECT_EQ(chunked->definition.summary.back(), ir::text("."));
    const Entry* radix = find_key(result, "Radix attention (RA)");
    ASSERT_NE(radix, nullptr);
    EXPECT_EQ(radix->headword, "Radix attention");
    EXPECT_TRUE(has_label(*radix, "RA", ir::LabelKind::Abbreviation));

    EXPECT_EQ(lines_of(sink, "unplaced-text"), (std::vector<std::uint32_t>{3, 38}));
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), std::vector<std::uint32_t>{14});
    EXPECT_EQ(lines_of(sink, "entry-no-name"), std::vector<std::uint32_t>{21});
    EXPECT_EQ(lines_of(sink, "related-unknown"), std::vector<std::uint32_t>{9});
    EXPECT_EQ(codes_of(sink), (std::set<std::string>{"unplaced-text", "entry-no-definition", "entry-no-name",
                                                      "related-unknown"}));
}

TEST(MarkdownReader, MathIsTakenOutBeforeMarkdownEscapesApply) {
    DiagnosticSink sink;
    auto result = read("## T\n\nUses \\(a_1 * b_1 * c\\), $a*b*c$, $$\\sum_i x_i$$ and \\[\\frac{1}{2}\\]; "
                       "`\\(code\\)` and \\$ stay text, as do \\\\(x) and $ 5.\n",
                       sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(result.entries[0].definition.summary,
              (ir::RichText{ir::text("Uses "), ir::math("a_1 * b_1 * c"), ir::text(", "), ir::math("a*b*c"),
                            ir::text(", "), ir::math("\\sum_i x_i"), ir::text(" and "), ir::math("\\frac{1}{2}"),
                            ir::text("; "), ir::code("\\(code\\)"), ir::text(" and $ stay text, as do \\(x) and $ 5.")}));
}

TEST(MarkdownReader, InlineMarkupIsRichText) {
    DiagnosticSink sink;
    auto result = read("## Term\n\nWith _emph_, __strong__, ``co`de``, [a link](https://example.org \"t\"), "
                       "[in-page](#x), ![an image](i.png), ~~gone~~, https://auto.example, <b>raw</b><br>html.\n",
                       sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(result.entries[0].definition.summary,
              (ir::RichText{ir::text("With "), ir::emph({ir::text("emph")}), ir::text(", "),
                            ir::strong({ir::text("strong")}), ir::text(", "), ir::code("co`de"), ir::text(", "),
                            ir::link("https://example.org", {ir::text("a link")}),
                            ir::text(", in-page, an image, gone, "),
                            ir::link("https://auto.example", {ir::text("https://auto.example")}),
                            ir::text(", raw html.")}));
}

TEST(MarkdownReader, PackedHeadingsAreSplitIntoNames) {
    DiagnosticSink sink;
    auto result = read("## Low-Rank Adaptation (LoRA)\nTrains low-rank updates.\n\n## bf16 / bfloat16\nA format.\n", sink);
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    EXPECT_EQ(result.entries[0].headword, "Low-Rank Adaptation");
    EXPECT_TRUE(has_label(result.entries[0], "LoRA", ir::LabelKind::Abbreviation));
    EXPECT_EQ(result.entries[0].key, "Low-Rank Adaptation (LoRA)");
    EXPECT_EQ(result.entries[1].headword, "bf16");
    EXPECT_EQ(result.entries[1].line, 4u);
}

TEST(MarkdownReader, HeadingsOption) {
    DiagnosticSink sink;
    auto result = read("# Term one\nDefined.\n\n# Term two\nAlso.\n", sink, {{"headings", {"#"}}});
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    EXPECT_EQ(result.entries[1].line, 4u);
    DiagnosticSink bad;
    EXPECT_TRUE(read("# T\n", bad, {{"headings", {"h7"}}}).entries.empty());
    EXPECT_TRUE(codes_of(bad).count("reader-bad-option"));
}

TEST(MarkdownReader, ListInsideADefinitionIsPartOfIt) {
    DiagnosticSink sink;
    auto result = read("## LoRA\nTrains low-rank updates.\n\n- **Rank**: usually 8\n- **Alpha**: a scale\n", sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(plain(result.entries[0].definition.body), "Rank: usually 8 Alpha: a scale");
}

TEST(MarkdownReader, MalformedInputGivesDiagnosticsNeverACrash) {
    const char* documents[] = {"",
                               "\n\n\n",
                               "just prose",
                               "## ",
                               "- **",
                               "- **: x",
                               "| Term |\n|---|\n| a |",
                               "---\nfront: matter\n",
                               "```\nunclosed fence $x$",
                               "$$$$ $ $ \\( \\[ \\",
                               "\xEE\x80\x80" "99999999999999999999" "\xEE\x80\x81 placeholder look-alike",
                               "Term\n: ",
                               "> ## quoted heading\n> quoted"};
    for (const char* document : documents) {
        DiagnosticSink sink;
        auto result = read(document, sink);
        EXPECT_TRUE(!result.entries.empty() || !sink.all().empty()) << "'" << document << "' read silently";
    }
}

// Raw HTML that is active content never becomes definition text: the
// element goes with its content, inline or as a block, and is reported.
TEST(MarkdownReader, ScriptsAndStylesAreDroppedWithTheirContent) {
    DiagnosticSink sink;
    auto result = read("## Cookie\n\nA term <script>fetch(document.cookie)</script> read.\n\n"
                       "<style>\nbody{display:none}\n</style>\n\n<div>Kept <iframe src=\"x\">inner</iframe> text</div>\n",
                       sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    std::string all = plain(result.entries[0].definition.summary) + " " + plain(result.entries[0].definition.body);
    EXPECT_EQ(all, "A term read. Kept text");
    for (const char* gone : {"cookie", "display", "inner"}) EXPECT_EQ(all.find(gone), std::string::npos) << gone;
    EXPECT_EQ(lines_of(sink, "active-content-dropped"), (std::vector<std::uint32_t>{3, 5, 9})) << describe(sink);
}

// cmark-gfm builds every cell of a table (rows padded to the header's
// width): a 12 KB table of 2000 columns and 2000 rows would be four million
// cells. Over the limit, the table is read as text, and said.
TEST(MarkdownReader, ATableTooLargeToBuildIsReadAsText) {
    std::string document = "## Big\n\nA table:\n\n";
    for (int i = 0; i < 2000; ++i) document += "|a";
    document += "|\n";
    for (int i = 0; i < 2000; ++i) document += "|-";
    document += "|\n";
    for (int i = 0; i < 2000; ++i) document += "|\n";
    DiagnosticSink sink;
    auto result = read(document, sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(lines_of(sink, "table-too-large"), std::vector<std::uint32_t>{6}) << describe(sink);
    for (const auto& block : result.entries[0].definition.body) EXPECT_NE(block.kind, ir::BlockKind::Table);
    // A table within the limit is still a table.
    DiagnosticSink small;
    auto read_small = read("## Small\n\nA table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", small);
    ASSERT_EQ(read_small.entries.size(), 1u);
    ASSERT_FALSE(read_small.entries[0].definition.body.empty());
    EXPECT_EQ(read_small.entries[0].definition.body.back().kind, ir::BlockKind::Table);
    EXPECT_TRUE(lines_of(small, "table-too-large").empty());
}

}  // namespace
}  // namespace glossc
