// Time stays proportional to input size on pathological sources. Nothing
// here is timed: each test does work that is linear in a large input and
// would be quadratic (hours, far past ctest's timeout) with a rescan per
// entry or per diagnostic, so finishing at all is the check. Sizes keep
// each test to a second or two (a few under the sanitizers).
#include <gtest/gtest.h>

#include "readers/sanitize.hpp"
#include "support/reader_fixtures.hpp"
#include "text/json_scan.hpp"
#include "text/line_index.hpp"

namespace glossc {
namespace {

// 20 MB on one line, a million column lookups in ascending order: each
// continues from the last (one pass), not from the line start.
TEST(ResourceBounds, ColumnLookupsAlongOneHugeLineAreLinear) {
    std::string line(20'000'000, 'x');
    text::LineIndex index(line);
    std::uint32_t last = 0;
    for (std::size_t offset = 0; offset < line.size(); offset += 20) last = index.at(offset).column;
    EXPECT_EQ(last, line.size() - 20 + 1);
}

// A million lines, a million line lookups: binary search each.
TEST(ResourceBounds, LineLookupsInAMillionLinesAreLogarithmic) {
    std::string doc;
    for (int i = 0; i < 1'000'000; ++i) doc += "line\n";
    text::LineIndex index(doc);
    std::uint64_t sum = 0;
    for (std::size_t offset = doc.size(); offset-- > 0;) sum += index.line_of(offset) > 0;
    EXPECT_EQ(sum, doc.size());
}

// 200 000 tiny entries in an object of id -> entry on a single line: each
// entry's line is looked up, and each key is checked for duplicates.
TEST(ResourceBounds, ATermbaseOf200kEntriesOnOneLineIsReadInOnePass) {
    std::string doc = R"({"categories": [], "entries": {)";
    for (int i = 0; i < 200'000; ++i)
        doc += (i ? "," : "") + std::string("\"e") + std::to_string(i) + "\": {\"name\": \"E" + std::to_string(i) +
               "\", \"oneliner\": \"x\"}";
    doc += "}}";
    DiagnosticSink sink;
    auto result = read_document(testing::spec_for("termbase-json"), doc, sink);
    EXPECT_EQ(result.entries.size(), 200'000u);
    EXPECT_EQ(result.entries.back().line, 1u);
}

// Every duplicate key on one 10 MB line is reported with its column.
TEST(ResourceBounds, ManyDuplicateKeysOnOneLineAreReportedInOnePass) {
    std::string doc = "{";
    for (int i = 0; i < 200'000; ++i) doc += std::string(i ? "," : "") + "\"k\": \"" + std::string(40, 'v') + "\"";
    doc += "}";
    DiagnosticSink sink;
    EXPECT_TRUE(text::check_json_structure(doc, "s.json", sink));
    EXPECT_EQ(sink.all().size(), 199'999u);
}

// 50 MB of invalid bytes: repaired in one pass, reported once.
TEST(ResourceBounds, SanitizingFiftyMegabytesOfGarbageIsOnePass) {
    std::string doc(50'000'000, '\xFF');
    DiagnosticSink sink;
    ASSERT_TRUE(sanitize_document(testing::spec_for("csv"), doc, sink));
    EXPECT_EQ(doc.size(), 150'000'000u);
    EXPECT_EQ(sink.all().size(), 1u);
}

// Math delimiters that nothing closes: each opener once searched from every
// later one would be quadratic (80 000 of them took 16 s). Finishing is the
// check; the cell stays text.
TEST(ResourceBounds, UnclosedMathDelimitersInACellAreOnePass) {
    std::string cell;
    for (int i = 0; i < 200000; ++i) cell += i % 2 ? "\\( " : "$a\\ ";
    DiagnosticSink sink;
    auto result = read_document(testing::spec_for("csv"), "term,definition\nX,\"" + cell + "\"\n", sink);
    ASSERT_EQ(result.entries.size(), 1u);
    for (const auto& node : result.entries[0].definition.summary) EXPECT_NE(node.kind, ir::InlineKind::Math);
}

TEST(ResourceBounds, UnclosedMarkdownSpansOnOneLineAreOnePass) {
    std::string line;
    for (int i = 0; i < 50000; ++i) line += "\\( \\[ $$ ` ";
    DiagnosticSink sink;
    auto result = read_document(testing::spec_for("markdown", "a.md"), "## T\n\n" + line + "\n", sink);
    EXPECT_EQ(result.entries.size(), 1u);
}

// A Markdown paragraph over the field limit is cut on its raw lines before
// cmark-gfm sees it (a 200 MB one took 8.2 GB and 45 s to be rejected):
// one error at its first line, and the entry holding it rejected as before.
TEST(ResourceBounds, AMarkdownLineOverTheFieldLimitIsCutBeforeCmark) {
    std::string doc = "## Term\n\n";
    while (doc.size() < 30'000'000) doc += "*a* word ";
    doc += "\n\n## Other\n\nIts definition.\n";
    DiagnosticSink sink;
    auto result = read_document(testing::spec_for("markdown", "a.md"), doc, sink);
    EXPECT_EQ(testing::keys_of(result), std::vector<std::string>{"Other"}) << testing::describe(sink);
    EXPECT_EQ(result.entries[0].line, 5u);
    EXPECT_EQ(testing::lines_of(sink, "field-too-long"), (std::vector<std::uint32_t>{3, 1}));  // the line, then the entry
}

// Many short lines make one paragraph too: the run of lines that can only
// go on a paragraph is counted, its lines after the limit left blank, and
// the lines after it keep their numbers.
TEST(ResourceBounds, AMarkdownParagraphOfManyLinesOverTheLimitIsCut) {
    std::string doc = "## Term\n\n";
    std::size_t lines = 0;
    for (; doc.size() < 5'000'000; ++lines) doc += "word word word word word word word\n";
    doc += "\n## Other\n\nIts definition.\n";
    DiagnosticSink sink;
    auto result = read_document(testing::spec_for("markdown", "a.md"), doc, sink);
    EXPECT_EQ(testing::keys_of(result), std::vector<std::string>{"Other"}) << testing::describe(sink);
    EXPECT_EQ(result.entries[0].line, lines + 4);
    const ir::Diagnostic* cut = testing::find_code(sink, "field-too-long");
    ASSERT_NE(cut, nullptr);
    EXPECT_NE(testing::describe(sink).find("(lines 3-" + std::to_string(lines + 2) + ")"), std::string::npos)
        << testing::describe(sink);
}

// What is not one paragraph is not cut, however long: a tight list of
// entries, abbreviation lines, a table, each over 1 MiB without a blank line.
TEST(ResourceBounds, LongRunsOfMarkdownBlocksThatAreNotOneParagraphAreReadWhole) {
    std::string list, abbreviations, table = "| Term | Definition |\n| --- | --- |\n";
    for (int i = 0; i < 40'000; ++i) {
        list += "- **Term " + std::to_string(i) + "**: the definition of term " + std::to_string(i) + ".\n";
        abbreviations += "*[T" + std::to_string(i) + "]: The expansion of abbreviation " + std::to_string(i) + "\n";
        table += "| Row " + std::to_string(i) + " | The definition of row " + std::to_string(i) + ". |\n";
    }
    for (const auto* doc : {&list, &abbreviations, &table}) {
        ASSERT_GT(doc->size(), std::size_t{1} << 20);
        DiagnosticSink sink;
        auto result = read_document(testing::spec_for("markdown", "a.md"), *doc, sink);
        EXPECT_EQ(result.entries.size(), 40'000u) << doc->substr(0, 40);
        EXPECT_TRUE(testing::lines_of(sink, "field-too-long").empty()) << testing::describe(sink).substr(0, 2000);
    }
}

}  // namespace
}  // namespace glossc
