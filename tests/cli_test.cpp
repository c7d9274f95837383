// `glossc` end to end: builds of the seed sources, determinism, `check`,
// `--source`, and the documented exit statuses.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/paths.hpp"

namespace glossc {
namespace {

using testing::run_command;
using testing::shell_quote;
using testing::TempDir;

std::string glossc() { return shell_quote(testing::glossc_binary().string()); }
std::string manifest() { return shell_quote(testing::seeds_manifest().string()); }

TEST(Cli, BuildWritesJsonWithEveryTermbaseEntryAndItsProvenance) {
    TempDir dir;
    auto result = run_command(glossc() + " build --formats json --manifest " + manifest() + " --out " +
                              shell_quote(dir.path().string()));
    ASSERT_EQ(result.status, 0) << result.output;
    auto doc = nlohmann::json::parse(testing::read_bytes(dir / "glossary.json"));
    std::set<std::string> termbase_keys;
    for (const auto& concept_ : doc["concepts"])
        for (const auto& p : concept_["provenance"])
            if (p["source"] == "termbase") {
                EXPECT_GT(p["line"].get<int>(), 0);
                EXPECT_EQ(p["file"], "001_295ffdeb0bff5544.txt");
                termbase_keys.insert(p["key"].get<std::string>());
            }
    EXPECT_EQ(termbase_keys.size(), 254u);
    EXPECT_TRUE(termbase_keys.count("gptq"));
}

TEST(Cli, TwoBuildsGiveIdenticalBytes) {
    TempDir a, b;
    for (const auto* dir : {&a, &b}) {
        auto result = run_command(glossc() + " build --manifest " + manifest() + " --out " +
                                  shell_quote(dir->path().string()));
        ASSERT_EQ(result.status, 0) << result.output;
    }
    std::size_t compared = 0;
    for (const auto& file : std::filesystem::directory_iterator(a.path())) {
        auto name = file.path().filename().string();
        EXPECT_EQ(testing::read_bytes(file.path()), testing::read_bytes(b / name)) << name;
        ++compared;
    }
    EXPECT_GT(compared, 0u);
}

TEST(Cli, SourceDateEpochSetsTheEdition) {
    TempDir dir;
    auto result = run_command("SOURCE_DATE_EPOCH=86400 " + glossc() + " build --formats json --manifest " +
                              manifest() + " --out " + shell_quote(dir.path().string()));
    ASSERT_EQ(result.status, 0) << result.output;
    auto doc = nlohmann::json::parse(testing::read_bytes(dir / "glossary.json"));
    EXPECT_EQ(doc["edition"], "1970-01-02");
}

TEST(Cli, CheckPrintsDiagnosticsAndWritesNothing) {
    TempDir dir;
    testing::write_text(dir / "t.json", R"({"entries": {"a": {"name": "A"}}})");
    testing::write_text(dir / "glossary.toml",
                        "title=\"T\"\n[[source]]\nid=\"t\"\nfile=\"t.json\"\nformat=\"termbase-json\"\n");
    auto result = run_command("cd " + shell_quote(dir.path().string()) + " && " + glossc() +
                              " check --manifest glossary.toml");
    EXPECT_EQ(result.status, 0) << result.output;
    EXPECT_NE(result.output.find("t.json:1: warning: entry 'a' has no definition [entry-no-definition]"),
              std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("1 warning, 1 note generated."), std::string::npos) << result.output;  // the note: how the file was read
    EXPECT_FALSE(std::filesystem::exists(dir / "out"));
}

TEST(Cli, ErrorsInSourcesExitOneAndWriteNothing) {
    TempDir dir;
    testing::write_text(dir / "t.json", "{\"entries\": {\n  \"a\": [\n");
    testing::write_text(dir / "glossary.toml",
                        "title=\"T\"\n[[source]]\nid=\"t\"\nfile=\"t.json\"\nformat=\"termbase-json\"\n");
    auto result = run_command(glossc() + " build --manifest " + shell_quote((dir / "glossary.toml").string()) +
                              " --out " + shell_quote((dir / "out").string()));
    EXPECT_EQ(result.status, 1) << result.output;
    EXPECT_NE(result.output.find("t.json:3:1: error: invalid JSON"), std::string::npos) << result.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "out" / "glossary.json"));
}

TEST(Cli, ExtraSourceOnTheCommandLineIsMerged) {
    TempDir dir;
    testing::write_text(dir / "extra.json", R"({"entries": {"zzz": {"name": "Zebra attention", "oneliner": "Stripes."}}})");
    auto result = run_command(glossc() + " build --formats json --manifest " + manifest() + " --source " +
                              shell_quote((dir / "extra.json").string() + "=termbase-json") + " --out " +
                              shell_quote((dir / "out").string()));
    ASSERT_EQ(result.status, 0) << result.output;
    auto doc = nlohmann::json::parse(testing::read_bytes(dir / "out" / "glossary.json"));
    bool found = false;
    for (const auto& c : doc["concepts"]) found = found || c["headword"] == "Zebra attention";
    EXPECT_TRUE(found);
    bool listed = false;
    for (const auto& s : doc["sources"]) listed = listed || s["id"] == "extra";
    EXPECT_TRUE(listed);
}

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(run_command(glossc() + " frobnicate").status, 2);
    EXPECT_EQ(run_command(glossc() + " build --formats nope --manifest " + manifest()).status, 2);
    auto unreadable = run_command(glossc() + " check --manifest /nonexistent/glossary.toml");
    EXPECT_EQ(unreadable.status, 2);
    EXPECT_NE(unreadable.output.find("[manifest-unreadable]"), std::string::npos) << unreadable.output;
    auto unguessable = run_command(glossc() + " check --manifest " + manifest() + " --source notes.weird");
    EXPECT_EQ(unguessable.status, 2);
    EXPECT_NE(unguessable.output.find("[source-unknown-format]"), std::string::npos) << unguessable.output;
}

TEST(Cli, HelpAndVersion) {
    auto help = run_command(glossc() + " --help");
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.output.find("build"), std::string::npos);
    EXPECT_NE(help.output.find("termbase-json"), std::string::npos);
    auto version = run_command(glossc() + " --version");
    EXPECT_EQ(version.status, 0);
    EXPECT_NE(version.output.find("glossc "), std::string::npos);
}

TEST(Cli, UnwritableOutputIsAnIoError) {
    TempDir dir;
    testing::write_text(dir / "file", "x");
    auto result = run_command(glossc() + " build --formats json --manifest " + manifest() + " --out " +
                              shell_quote((dir / "file" / "out").string()));
    EXPECT_EQ(result.status, 2) << result.output;
    EXPECT_NE(result.output.find("[output-unwritable]"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace glossc

namespace glossc {
namespace {

// The README offers --source to try a file without touching a manifest:
// in a folder with none, the file is built alone (a note says so); a
// --manifest that is named and missing is still an error.
TEST(Cli, SourceWorksWithoutAManifest) {
    TempDir dir;
    testing::write_text(dir / "notes.md", "## Epoch\n\nOne pass over the training data.\n");
    std::string in_dir = "cd " + shell_quote(dir.path().string()) + " && ";
    auto built = run_command(in_dir + glossc() + " build --source notes.md --formats json --out out");
    ASSERT_EQ(built.status, 0) << built.output;
    EXPECT_NE(built.output.find("[manifest-none]"), std::string::npos) << built.output;
    EXPECT_NE(testing::read_bytes(dir / "out" / "glossary.json").find("\"headword\": \"Epoch\""), std::string::npos);
    auto named = run_command(in_dir + glossc() + " build --manifest missing.toml --source notes.md --out out2");
    EXPECT_EQ(named.status, 2) << named.output;
    EXPECT_NE(named.output.find("[manifest-unreadable]"), std::string::npos) << named.output;
}

}  // namespace
}  // namespace glossc
