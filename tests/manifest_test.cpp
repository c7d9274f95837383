// The manifest: good ones parse; broken ones give clear diagnostics with the
// manifest's line and column, and `glossc` exits non-zero writing nothing.
#include <gtest/gtest.h>

#include "manifest/manifest.hpp"
#include "support/paths.hpp"
#include "support/reader_fixtures.hpp"

namespace glossc {
namespace {

using testing::find_code;
using testing::TempDir;
using testing::write_text;

bool has_code(const DiagnosticSink& sink, const std::string& code) {
    for (const auto& d : sink.all())
        if (d.code == code) return true;
    return false;
}

TEST(Manifest, SeedManifestParsesAndValidates) {
    DiagnosticSink sink;
    auto manifest = load_manifest(testing::seeds_manifest(), sink);
    ASSERT_TRUE(manifest) << (sink.all().empty() ? "" : format_diagnostic(sink.all().front()));
    EXPECT_FALSE(manifest->title.empty());
    EXPECT_EQ(manifest->language, "en");
    ASSERT_FALSE(manifest->sources.empty());
    EXPECT_TRUE(validate_sources(*manifest, sink));
    EXPECT_FALSE(sink.has_errors());
}

TEST(Manifest, ReadsEveryField) {
    DiagnosticSink sink;
    auto manifest = parse_manifest(R"(title = "T"
language = "de"
date = "2026-01-02"

[[source]]
id = "a"
file = "a.json"
format = "termbase-json"
priority = 7
[source.options]
categories = ["X", "Y"]
strict = true
)", "dir/glossary.toml", sink);
    ASSERT_TRUE(manifest);
    EXPECT_EQ(manifest->language, "de");
    EXPECT_EQ(manifest->date, "2026-01-02");
    ASSERT_EQ(manifest->sources.size(), 1u);
    const auto& s = manifest->sources[0];
    EXPECT_EQ(s.id, "a");
    EXPECT_EQ(s.priority, 7);
    EXPECT_EQ(s.path, std::filesystem::path("dir/a.json"));
    EXPECT_EQ(s.display_path, "dir/a.json");
    EXPECT_EQ(s.options["categories"], nlohmann::json({"X", "Y"}));
    EXPECT_EQ(s.options["strict"], true);
    EXPECT_EQ(s.where.line, 5u);
}

TEST(Manifest, SyntaxErrorHasLineAndColumn) {
    DiagnosticSink sink;
    auto manifest = parse_manifest("title = \"T\"\n[[source]]\nid = \n", "m.toml", sink);
    EXPECT_FALSE(manifest);
    const auto* d = find_code(sink, "manifest-syntax");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->file, "m.toml");
    EXPECT_EQ(d->line, 3u);
    EXPECT_GT(d->column, 0u);
}

TEST(Manifest, DuplicateSourceIdIsAnError) {
    DiagnosticSink sink;
    auto manifest = parse_manifest(R"(title = "T"
[[source]]
id = "a"
file = "a.json"
format = "termbase-json"
[[source]]
id = "a"
file = "b.json"
format = "termbase-json"
)", "m.toml", sink);
    EXPECT_FALSE(manifest);
    const auto* d = find_code(sink, "manifest-duplicate-source");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->line, 6u);
    EXPECT_NE(d->message.find("first defined at line 2"), std::string::npos);
}

TEST(Manifest, MissingFieldsAndWrongTypesAreErrors) {
    DiagnosticSink sink;
    EXPECT_FALSE(parse_manifest("title = \"T\"\n[[source]]\nid = \"a\"\npriority = \"high\"\n", "m.toml", sink));
    EXPECT_TRUE(has_code(sink, "manifest-missing-field"));
    EXPECT_TRUE(has_code(sink, "manifest-bad-field"));
    DiagnosticSink none;
    EXPECT_FALSE(parse_manifest("title = \"T\"\n", "m.toml", none));
    EXPECT_TRUE(has_code(none, "manifest-no-sources"));
}

TEST(Manifest, UnknownKeyIsAWarning) {
    DiagnosticSink sink;
    auto manifest = parse_manifest("title = \"T\"\ncolour = 1\n[[source]]\nid=\"a\"\nfile=\"a\"\nformat=\"termbase-json\"\n",
                                   "m.toml", sink);
    EXPECT_TRUE(manifest);
    const auto* d = find_code(sink, "manifest-unknown-key");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, ir::Severity::Warning);
    EXPECT_EQ(d->line, 2u);
}

TEST(Manifest, UnknownFormatAndMissingFileAreReported) {
    TempDir dir;
    write_text(dir / "present.json", "{}");
    write_text(dir / "glossary.toml", R"(title = "T"
[[source]]
id = "a"
file = "missing.json"
format = "termbase-json"
[[source]]
id = "b"
file = "present.json"
format = "no-such-reader"
)");
    DiagnosticSink sink;
    auto manifest = load_manifest(dir / "glossary.toml", sink);
    ASSERT_TRUE(manifest);
    EXPECT_FALSE(validate_sources(*manifest, sink));
    const auto* missing = find_code(sink, "manifest-missing-file");
    ASSERT_NE(missing, nullptr);
    EXPECT_EQ(missing->line, 2u);
    const auto* unknown = find_code(sink, "manifest-unknown-format");
    ASSERT_NE(unknown, nullptr);
    EXPECT_EQ(unknown->line, 6u);
    EXPECT_NE(unknown->message.find("termbase-json"), std::string::npos) << "lists the known formats";
}

// The command line: every broken manifest gives a diagnostic in
// file:line:col form, exit status 1 or 2, and no output at all.
struct BrokenManifest {
    const char* name;
    const char* text;
    const char* code;
    int status;
};

class BrokenManifestTest : public ::testing::TestWithParam<BrokenManifest> {};

TEST_P(BrokenManifestTest, DiagnosesAndWritesNothing) {
    const auto& c = GetParam();
    TempDir dir;
    write_text(dir / "a.json", R"({"entries": {"x": {"name": "X", "oneliner": "An x."}}})");
    write_text(dir / "glossary.toml", c.text);
    auto out = dir / "out";
    auto result = testing::run_command(testing::shell_quote(testing::glossc_binary().string()) + " build --manifest " +
                                       testing::shell_quote((dir / "glossary.toml").string()) + " --out " +
                                       testing::shell_quote(out.string()));
    EXPECT_EQ(result.status, c.status) << result.output;
    EXPECT_NE(result.output.find(std::string("[") + c.code + "]"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("glossary.toml:"), std::string::npos) << "names the manifest: " << result.output;
    EXPECT_NE(result.output.find(": error: "), std::string::npos) << result.output;
    EXPECT_FALSE(std::filesystem::exists(out / "glossary.json")) << "nothing may be written";
}

INSTANTIATE_TEST_SUITE_P(
    Cli, BrokenManifestTest,
    ::testing::Values(
        BrokenManifest{"missing_file", "title=\"T\"\n[[source]]\nid=\"a\"\nfile=\"nope.json\"\nformat=\"termbase-json\"\n",
                       "manifest-missing-file", 1},
        BrokenManifest{"unknown_format", "title=\"T\"\n[[source]]\nid=\"a\"\nfile=\"a.json\"\nformat=\"yaml\"\n",
                       "manifest-unknown-format", 1},
        BrokenManifest{"duplicate_id",
                       "title=\"T\"\n[[source]]\nid=\"a\"\nfile=\"a.json\"\nformat=\"termbase-json\"\n"
                       "[[source]]\nid=\"a\"\nfile=\"a.json\"\nformat=\"termbase-json\"\n",
                       "manifest-duplicate-source", 1},
        BrokenManifest{"syntax", "title = \"T\n", "manifest-syntax", 1}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace glossc
