// The generic CSV/TSV reader: header-named columns, the `columns`,
// `delimiter` and `markup` options (markup sniffed from the prose cells),
// RFC 4180 quoting, BOM and line endings, and damage reported with the line
// of each record's first line.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "readers/reader.hpp"
#include "support/paths.hpp"
#include "support/reader_fixtures.hpp"
#include "text/file_io.hpp"

namespace glossc {
namespace {

using testing::codes_of;
using testing::describe;
using testing::find_key;
using testing::has_label;
using testing::lines_of;
using testing::plain;

SourceSpec csv_spec(nlohmann::json options = nlohmann::json::object(), std::string format = "csv") {
    SourceSpec spec;
    spec.id = "terms";
    spec.file = "terms." + format;
    spec.display_path = spec.file;
    spec.format = format;
    spec.options = std::move(options);
    spec.where = Location{"glossary.toml", 12, 1};
    return spec;
}

ReaderResult read(std::string_view document, DiagnosticSink& sink, nlohmann::json options = nlohmann::json::object(),
                  std::string format = "csv") {
    return testing::read_with(csv_spec(std::move(options), std::move(format)), document, sink);
}

TEST(CsvReader, IsRegisteredAsCsvAndTsv) {
    ASSERT_NE(find_reader("csv"), nullptr);
    ASSERT_NE(find_reader("tsv"), nullptr);
    EXPECT_EQ(reader_for_extension(".csv"), find_reader("csv"));
    EXPECT_EQ(reader_for_extension(".tsv"), find_reader("tsv"));
}

TEST(CsvReader, ReadsTheMessyFile) {
    // BOM, CRLF, quoted commas, doubled quotes and a blank line inside a
    // quoted field, ";" and "|" lists, an extra column, a row with no term, a
    // row with no definition, a long and a short record.
    std::string document;
    ASSERT_TRUE(text::read_file(testing::source_dir() / "tests" / "data" / "sources" / "terms.csv", document));
    ASSERT_EQ(document.substr(0, 3), "\xEF\xBB\xBF");
    DiagnosticSink sink;
    auto result = read(document, sink);
    std::vector<std::string> keys;
    for (const auto& e : result.entries) keys.push_back(e.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"Contrastive search", "Mirostat", "Entropy patching",
                                              "Byte Latent Transformer", "Draft tree"}))
        << describe(sink);

    const Entry* cs = find_key(result, "Contrastive search");
    ASSERT_NE(cs, nullptr);
    EXPECT_EQ(cs->line, 2u);
    EXPECT_EQ(cs->headword, "Contrastive search");
    EXPECT_TRUE(has_label(*cs, "CS", ir::LabelKind::Abbreviation));
    EXPECT_EQ(plain(cs->definition.summary),
              "Chooses, at each step, the candidate token that balances model confidence against a \"degeneration "
              "penalty\": its similarity to the context so far.");
    EXPECT_EQ(cs->definition.body, ir::paragraphs(ir::RichText{ir::text("Proposed for open-ended generation; the penalty weight is "),
                                                 ir::math("\\alpha"), ir::text(".")}));
    EXPECT_EQ(plain(cs->definition.example), "With alpha = 0.6, k = 4.");
    EXPECT_EQ(cs->categories, std::vector<std::string>{"Inference"});
    ASSERT_EQ(cs->references.size(), 1u);
    EXPECT_EQ(cs->references[0].url, "https://arxiv.org/abs/2202.06417");
    EXPECT_EQ(cs->references[0].arxiv, "2202.06417");
    ASSERT_EQ(cs->extras.size(), 1u);
    EXPECT_EQ(cs->extras[0].key, "Reviewer");
    EXPECT_EQ(cs->extras[0].value, "ana");
    EXPECT_EQ(cs->extras[0].source, "terms");

    const Entry* mirostat = find_key(result, "Mirostat");
    ASSERT_NE(mirostat, nullptr);
    EXPECT_EQ(mirostat->line, 5u) << "a record's line is its first line, after a record spanning three";
    EXPECT_TRUE(has_label(*mirostat, "mirostat sampling", ir::LabelKind::Variant));
    EXPECT_TRUE(has_label(*mirostat, "adaptive-perplexity sampling", ir::LabelKind::Variant));
    EXPECT_EQ(mirostat->definition.summary.back(), ir::text("."));

    const Entry* blt = find_key(result, "Byte Latent Transformer");
    ASSERT_NE(blt, nullptr);
    EXPECT_EQ(blt->line, 8u);
    ASSERT_EQ(blt->extras.size(), 2u);
    EXPECT_EQ(blt->extras[1].key, "column 8");
    EXPECT_EQ(blt->extras[1].value, "late note");

    EXPECT_EQ(lines_of(sink, "entry-no-name"), std::vector<std::uint32_t>{6});
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), std::vector<std::uint32_t>{7});
    EXPECT_EQ(lines_of(sink, "csv-long-record"), std::vector<std::uint32_t>{8});
    EXPECT_EQ(lines_of(sink, "csv-short-record"), std::vector<std::uint32_t>{9});
    EXPECT_EQ(lines_of(sink, "csv-extra-column"), std::vector<std::uint32_t>{1});
    for (const auto& d : sink.all()) {
        if (d.code == "entry-no-name") {
            EXPECT_NE(d.message.find("orphan alias"), std::string::npos) << d.message;
        }
    }
}

TEST(CsvReader, LineEndingsDoNotChangeLineNumbers) {
    for (const char* eol : {"\n", "\r\n", "\r"}) {
        std::string document = testing::join_lines(
            {"term,definition", "A,\"one", "two\"", "", "B,second", "C,\"x\"\"y\""}, eol);
        DiagnosticSink sink;
        auto result = read(document, sink);
        ASSERT_EQ(result.entries.size(), 3u) << describe(sink);
        EXPECT_EQ(result.entries[0].line, 2u);
        EXPECT_EQ(plain(result.entries[0].definition.summary), "one two");
        EXPECT_EQ(result.entries[1].line, 5u);
        EXPECT_EQ(result.entries[2].line, 6u);
        EXPECT_EQ(plain(result.entries[2].definition.summary), "x\"y");
        EXPECT_TRUE(sink.all().empty()) << describe(sink);
    }
}

TEST(CsvReader, ColumnsOptionMapsOtherNamesAndSemicolonsAreSniffed) {
    DiagnosticSink sink;
    auto result = read("Begriff;Synonyme;Erklärung;Thema\n"
                       "Kontextfenster;context window|Kontextlänge;Die Zahl der Token, die ein Modell sieht.;Inference\n",
                       sink,
                       {{"columns",
                         {{"term", "Begriff"}, {"aliases", "synonyme"}, {"definition", "Erklärung"}, {"category", "Thema"}}}});
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    const Entry& e = result.entries[0];
    EXPECT_EQ(e.headword, "Kontextfenster");
    EXPECT_TRUE(has_label(e, "context window", ir::LabelKind::Variant));
    EXPECT_TRUE(has_label(e, "Kontextlänge", ir::LabelKind::Variant));
    EXPECT_EQ(plain(e.definition.summary), "Die Zahl der Token, die ein Modell sieht.");
    EXPECT_EQ(e.categories, std::vector<std::string>{"Inference"});
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
}

TEST(CsvReader, ExplicitDelimiterAndTsv) {
    DiagnosticSink sink;
    auto piped = read("name|description\nA|first, with a comma\n", sink, {{"delimiter", "|"}});
    ASSERT_EQ(piped.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(plain(piped.entries[0].definition.summary), "first, with a comma");

    auto tsv = read("Term\tAliases\tDefinition\tSee also\nA\tAA\tUses B, a lot.\tB\nB\t\t\"Quoted\ttab\"\tA\n", sink,
                    nlohmann::json::object(), "tsv");
    ASSERT_EQ(tsv.entries.size(), 2u) << describe(sink);
    EXPECT_EQ(tsv.entries[0].related, std::vector<std::string>{"B"});
    EXPECT_EQ(tsv.entries[1].related, std::vector<std::string>{"A"});
    EXPECT_EQ(plain(tsv.entries[1].definition.summary), "Quoted tab");
    EXPECT_TRUE(sink.all().empty()) << describe(sink);

    DiagnosticSink bad;
    EXPECT_TRUE(read("a,b\n", bad, {{"delimiter", "ab"}}).entries.empty());
    EXPECT_TRUE(codes_of(bad).count("reader-bad-option"));
}

TEST(CsvReader, RelatedNamesBecomeKeysAndAnIdColumnIsTheKey) {
    DiagnosticSink sink;
    auto result = read("id,term,definition,related\n"
                       "kv,KV cache,Stores keys and values.,paged-attn; Unknown thing\n"
                       "paged-attn,PagedAttention,Pages the KV cache.,kv cache\n",
                       sink);
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    EXPECT_EQ(result.entries[0].key, "kv");
    EXPECT_EQ(result.entries[0].related, std::vector<std::string>{"paged-attn"});
    EXPECT_EQ(result.entries[1].related, std::vector<std::string>{"kv"}) << "by name, ignoring case";
    EXPECT_EQ(lines_of(sink, "related-unknown"), std::vector<std::uint32_t>{2});
}

TEST(CsvReader, MissingTermColumnIsAnError) {
    DiagnosticSink sink;
    EXPECT_TRUE(read("word_list,meaning\nA,b\n", sink, {{"columns", {{"term", "Begriff"}}}}).entries.empty());
    EXPECT_EQ(lines_of(sink, "csv-no-term-column"), std::vector<std::uint32_t>{1});
    DiagnosticSink defaults;
    EXPECT_TRUE(read("thing,meaning\nA,b\n", defaults).entries.empty());
    EXPECT_EQ(lines_of(defaults, "csv-no-term-column"), std::vector<std::uint32_t>{1});
    DiagnosticSink bad_option;
    EXPECT_TRUE(read("term\nA\n", bad_option, {{"columns", {{"headword", "x"}}}}).entries.empty());
    EXPECT_TRUE(codes_of(bad_option).count("reader-bad-option"));
}

TEST(CsvReader, UnclosedQuoteIsReportedWhereItOpened) {
    DiagnosticSink sink;
    auto result = read("term,definition\nA,fine\nB,\"never closed,\nC,lost\n", sink);
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    EXPECT_EQ(plain(result.entries[1].definition.summary), "never closed, C,lost");
    EXPECT_EQ(lines_of(sink, "csv-unclosed-quote"), std::vector<std::uint32_t>{3});

    DiagnosticSink stray;
    auto kept = read("term,definition\nA,5\" screen\nB,\"quoted\" tail\n", stray);
    ASSERT_EQ(kept.entries.size(), 2u);
    EXPECT_EQ(plain(kept.entries[0].definition.summary), "5\" screen");
    EXPECT_EQ(plain(kept.entries[1].definition.summary), "quoted tail");
    EXPECT_EQ(lines_of(stray, "csv-stray-quote"), std::vector<std::uint32_t>{2});
    EXPECT_EQ(lines_of(stray, "csv-stray-text"), std::vector<std::uint32_t>{3});
}

TEST(CsvReader, PlainProseWithStrayMarksStaysText) {
    // "p_value", "a*b", one "*" emphasis in many cells: no Markdown.
    std::string document = "term,definition\n"
                           "p_value,the chance of data at least as extreme; p_value < alpha rejects\n"
                           "interaction,the effect of a*b beyond a and b alone\n"
                           "power,1 - beta: the chance to detect an effect of *this* size\n"
                           "AT&T test,a test named after a company &amp; its lab\n"
                           "effect size,how large an effect is\n";
    DiagnosticSink sink;
    auto result = read(document, sink);
    ASSERT_EQ(result.entries.size(), 5u) << describe(sink);
    EXPECT_FALSE(testing::find_code(sink, "markup-sniffed")) << describe(sink);
    EXPECT_EQ(result.layout, (std::vector<std::pair<std::string, std::size_t>>{{"rows", 5}}));
    EXPECT_EQ(result.entries[0].headword, "p_value");
    EXPECT_EQ(plain(result.entries[1].definition.summary), "the effect of a*b beyond a and b alone");
    EXPECT_EQ(plain(result.entries[2].definition.summary), "1 - beta: the chance to detect an effect of *this* size");
    // Entities are decoded in plain text too; a bare "&" is kept.
    EXPECT_EQ(result.entries[3].headword, "AT&T test");
    EXPECT_EQ(plain(result.entries[3].definition.summary), "a test named after a company & its lab");
}

TEST(CsvReader, MarkdownCellsAreSniffedAndNamesLoseTheirMarks) {
    std::string document = "term,aliases,definition\n"
                           "**RAG**,*retrieval-augmented generation*,\"Looks up **documents** first.\n\nThen it answers.\"\n"
                           "KV cache,,\"Stores keys and values; see [the paper](https://example.org/kv).\"\n"
                           "Beam search,,Keeps the k best partial outputs.\n";
    DiagnosticSink sink;
    auto result = read(document, sink);
    ASSERT_EQ(result.entries.size(), 3u) << describe(sink);
    ASSERT_NE(testing::find_code(sink, "markup-sniffed"), nullptr) << describe(sink);
    EXPECT_EQ(result.entries[0].headword, "RAG");
    EXPECT_TRUE(has_label(result.entries[0], "retrieval-augmented generation", ir::LabelKind::Expansion));
    EXPECT_EQ(result.entries[0].definition.summary,
              (ir::RichText{ir::text("Looks up "), ir::strong({ir::text("documents")}), ir::text(" first.")}));
    EXPECT_EQ(plain(result.entries[0].definition.body), "Then it answers.");
    EXPECT_EQ(result.entries[1].definition.summary,
              (ir::RichText{ir::text("Stores keys and values; see "),
                            ir::link("https://example.org/kv", {ir::text("the paper")}), ir::text(".")}));
}

TEST(CsvReader, HtmlCellsAreSniffedAndParsed) {
    std::string document;
    ASSERT_TRUE(text::read_file(testing::source_dir() / "tests" / "data" / "sources" / "html-fields.tsv", document));
    DiagnosticSink sink;
    auto result = read(document, sink, nlohmann::json::object(), "tsv");
    ASSERT_EQ(result.entries.size(), 3u) << describe(sink);
    const ir::Diagnostic* sniffed = testing::find_code(sink, "markup-sniffed");
    ASSERT_NE(sniffed, nullptr) << describe(sink);
    EXPECT_NE(sniffed->message.find("HTML (4 of 4 values"), std::string::npos) << sniffed->message;
    const Entry* beam = find_key(result, "Beam search");
    EXPECT_EQ(beam->definition.summary,
              (ir::RichText{ir::text("Keeps the "), ir::strong({ir::text("k")}), ir::text(" best partial outputs.")}));
    EXPECT_EQ(beam->definition.body, ir::paragraphs(ir::RichText{ir::text("See "),
                                                   ir::link("https://example.org/beam", {ir::text("the survey")}),
                                                   ir::text(".")}));
    EXPECT_EQ(beam->definition.example, ir::paragraphs(ir::RichText{ir::emph({ir::text("k")}), ir::text(" = 4")}));
    EXPECT_EQ(plain(find_key(result, "Greedy decoding")->definition.summary),
              "Takes the most likely token at each step \xE2\x80\x93 beam search with k = 1.");
    EXPECT_EQ(plain(find_key(result, "Top-k sampling")->definition.summary),
              "Samples from the k most likely tokens. Also called truncated sampling.");
}

TEST(CsvReader, MarkupOptionIsChecked) {
    DiagnosticSink sink;
    EXPECT_TRUE(read("term,definition\nA,x\n", sink, {{"markup", "latex"}}).entries.empty());
    EXPECT_EQ(lines_of(sink, "reader-bad-option"), std::vector<std::uint32_t>{12});
    DiagnosticSink text;
    auto result = read("term,definition\n**A**,**x** and **y**\nB,**z**\n", text, {{"markup", "text"}});
    ASSERT_EQ(result.entries.size(), 2u) << describe(text);
    EXPECT_EQ(result.entries[0].headword, "**A**");
    EXPECT_EQ(plain(result.entries[0].definition.summary), "**x** and **y**");
}

TEST(CsvReader, ARepeatedTermGivesTwoEntries) {
    DiagnosticSink sink;
    auto result = read("term,definition\ncorrelational research,asks how variables relate\ncorrelational research,\n",
                       sink);
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), std::vector<std::uint32_t>{3});
}

TEST(CsvReader, MalformedInputGivesDiagnosticsNeverACrash) {
    const char* documents[] = {"", "\xEF\xBB\xBF", "\n\n", ",,,\n,,,", "\"", "term\n", "term\n\"", "term,definition\n,",
                               "term,\"def", "\"term\",\"definition\"\n\"A\"x\"y\",\"\"\"\"\n"};
    for (const char* document : documents) {
        DiagnosticSink sink;
        auto result = read(document, sink);
        EXPECT_TRUE(!result.entries.empty() || !sink.all().empty()) << "'" << document << "' read silently";
    }
}

}  // namespace
}  // namespace glossc
