// Input sanitation and limits (readers/sanitize.hpp), the JSON pre-scan
// (text/json_scan.hpp) and the line index (text/line_index.hpp): what every
// reader relies on before it sees a byte.
#include <gtest/gtest.h>

#include "readers/sanitize.hpp"
#include "support/paths.hpp"
#include "support/reader_fixtures.hpp"
#include "text/json_scan.hpp"
#include "text/line_index.hpp"

namespace glossc {
namespace {

using testing::codes_of;
using testing::find_code;

TEST(Sanitize, LineEndsBecomeLineFeedsAndKeepTheirLineNumbers) {
    DiagnosticSink sink;
    std::string doc = "a\r\nb\rc\n\x01";
    ASSERT_TRUE(sanitize_document(testing::spec_for("markdown"), doc, sink));
    EXPECT_EQ(doc, "a\nb\nc\n\xEF\xBF\xBD");
    const auto* d = find_code(sink, "control-character");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->line, 4u);
    EXPECT_EQ(d->column, 1u);
}

TEST(Sanitize, InvalidAndOverlongUtf8IsReplacedAndLocatedOnce) {
    DiagnosticSink sink;
    std::string doc = "ok\nab\xC0\xAF \xE0\x80\xAF \xFF";
    ASSERT_TRUE(sanitize_document(testing::spec_for("markdown"), doc, sink));
    EXPECT_FALSE(text::find_invalid_utf8(doc));
    EXPECT_EQ(doc.find("\xC0"), std::string::npos);
    ASSERT_EQ(sink.all().size(), 1u);  // one diagnostic per kind, with a count
    const auto& d = sink.all()[0];
    EXPECT_EQ(d.code, "invalid-utf8");
    EXPECT_EQ(d.line, 2u);
    EXPECT_EQ(d.column, 3u);
    EXPECT_NE(d.message.find("6 times"), std::string::npos) << d.message;
}

TEST(Sanitize, NulBytesAreCountedAmongControlCharacters) {
    DiagnosticSink sink;
    std::string doc("x\0y\0\tz", 6);
    ASSERT_TRUE(sanitize_document(testing::spec_for("csv"), doc, sink));
    EXPECT_EQ(doc, "x\xEF\xBF\xBDy\xEF\xBF\xBD\tz");  // the tab stays
    const auto* d = find_code(sink, "control-character");
    ASSERT_NE(d, nullptr);
    EXPECT_NE(d->message.find("2 of them NUL"), std::string::npos) << d->message;
}

TEST(Sanitize, AByteOrderMarkIsKeptAtTheStartAndRemovedElsewhere) {
    DiagnosticSink sink;
    std::string doc = "\xEF\xBB\xBFone\n\xEF\xBB\xBFtwo";
    ASSERT_TRUE(sanitize_document(testing::spec_for("markdown"), doc, sink));
    EXPECT_EQ(doc, "\xEF\xBB\xBFone\ntwo");
    const auto* d = find_code(sink, "stray-bom");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, ir::Severity::Warning);
    EXPECT_EQ(d->line, 2u);
}

TEST(Sanitize, CleanTextIsUnchangedAndUnreported) {
    DiagnosticSink sink;
    std::string doc = "## Term\n\nA definition with ünïcödé and a tab\there.\n";
    std::string original = doc;
    ASSERT_TRUE(sanitize_document(testing::spec_for("markdown"), doc, sink));
    EXPECT_EQ(doc, original);
    EXPECT_TRUE(sink.all().empty());
}

TEST(Limits, AnEntryWithAnOverlongNameIsRejectedWithItsLine) {
    DiagnosticSink sink;
    ReaderResult result;
    result.entries.resize(2);
    result.entries[0].key = result.entries[0].headword = std::string(kMaxNameBytes + 1, 'n');
    result.entries[0].line = 7;
    result.entries[1].key = result.entries[1].headword = "fine";
    enforce_entry_limits(testing::spec_for("markdown"), result, sink);
    ASSERT_EQ(result.entries.size(), 1u);
    EXPECT_EQ(result.entries[0].key, "fine");
    EXPECT_EQ(testing::lines_of(sink, "field-too-long"), std::vector<std::uint32_t>{7});
}

TEST(Limits, AnEntryWithAnOverlongFieldOrDeepMarkupIsRejected) {
    DiagnosticSink sink;
    ReaderResult result;
    result.entries.resize(2);
    result.entries[0].key = "big";
    result.entries[0].definition.body = ir::paragraphs({ir::text(std::string(kMaxFieldBytes + 1, 'x'))});
    result.entries[1].key = "deep";
    ir::RichText deep = {ir::text("core")};
    for (std::size_t i = 0; i < kMaxMarkupDepth + 1; ++i) deep = {ir::emph(std::move(deep))};
    EXPECT_EQ(markup_depth(deep), kMaxMarkupDepth + 2);
    result.entries[1].definition.summary = std::move(deep);
    enforce_entry_limits(testing::spec_for("markdown"), result, sink);
    EXPECT_TRUE(result.entries.empty());
    EXPECT_EQ(codes_of(sink), (std::set<std::string>{"field-too-long", "markup-too-deep"}));
}

TEST(ReadDocument, ASourceWithoutEntriesIsReportedOnce) {
    DiagnosticSink sink;
    auto result = read_document(testing::spec_for("csv"), "", sink);
    EXPECT_TRUE(result.entries.empty());
    std::size_t reported = 0;
    for (const auto& d : sink.all()) reported += d.code == "no-entries";
    EXPECT_EQ(reported, 1u);
}

TEST(ReadDocument, ASourceOverTheSizeLimitIsNotRead) {
    DiagnosticSink sink;
    testing::TempDir dir;
    auto path = dir / "huge.csv";
    testing::write_text(path, "term,definition\n");
    std::filesystem::resize_file(path, kMaxSourceBytes + 1);  // sparse
    SourceSpec spec = testing::spec_for("csv");
    spec.path = path;
    EXPECT_TRUE(read_source_file(spec, sink).entries.empty());
    EXPECT_TRUE(codes_of(sink).count("source-too-large"));
}

TEST(Diagnostics, AMessageIsOneBoundedLine) {
    DiagnosticSink sink;
    sink.warning(Location{"f"}, "unplaced-line", "first\nsecond " + std::string(5'000'000, 'x'));
    const auto& message = sink.all()[0].message;
    EXPECT_LT(message.size(), 1100u);
    EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(JsonScan, NestingIsMeasuredWithoutRecursion) {
    std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    auto scan = text::scan_json(deep);
    ASSERT_TRUE(scan.too_deep_at);
    EXPECT_EQ(*scan.too_deep_at, text::kMaxJsonDepth);
    EXPECT_FALSE(text::scan_json("[[[[]]]]").too_deep_at);
}

TEST(JsonScan, DuplicateKeysAreFoundPerObject) {
    auto scan = text::scan_json(R"({"a": {"x": 1, "y": "x", "x": 2}, "b": {"x": 3}, "a": []})");
    ASSERT_EQ(scan.duplicates.size(), 2u);
    EXPECT_EQ(scan.duplicates[0].key, "x");
    EXPECT_EQ(scan.duplicates[1].key, "a");
    // Keys inside strings and values equal to keys are not keys.
    EXPECT_TRUE(text::scan_json(R"({"k": "\"k\": 1", "v": "k"})").duplicates.empty());
}

TEST(LineIndex, AgreesWithAScanFromTheStart) {
    std::string doc = "ab\r\ncé\rd\n\nlast";
    text::LineIndex index(doc);
    for (std::size_t offset = 0; offset <= doc.size(); ++offset) {
        auto expected = text::line_column_at(doc, offset);
        auto got = index.at(offset);
        EXPECT_EQ(got.line, expected.line) << offset;
        EXPECT_EQ(got.column, expected.column) << offset;
        EXPECT_EQ(index.line_of(offset), expected.line) << offset;
    }
}

}  // namespace
}  // namespace glossc
