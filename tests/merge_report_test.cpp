// `glossc report` and `glossc explain` on the seed sources.
#include <gtest/gtest.h>

#include "support/paths.hpp"

namespace glossc {
namespace {

using testing::run_command;
using testing::shell_quote;

std::string glossc() { return shell_quote(testing::glossc_binary().string()); }
std::string manifest() { return shell_quote(testing::seeds_manifest().string()); }

TEST(MergeReport, HtmlIsOneSelfContainedPageWithTheEvidence) {
    testing::TempDir dir;
    auto result = run_command(glossc() + " report --manifest " + manifest() + " --out " + shell_quote(dir.path().string()));
    ASSERT_EQ(result.status, 0) << result.output;
    std::string html = testing::read_bytes(dir / "merge-report.html");
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("</html>"), std::string::npos);
    // No external assets: no scripts, stylesheets or images fetched from anywhere.
    for (const char* external : {"<script", "<link", "<img", "src=", "@import", "url("})
        EXPECT_EQ(html.find(external), std::string::npos) << external;
    for (const char* section : {"Sources", "Homonym splits", "Near misses", "Concepts drawn from several sources"})
        EXPECT_NE(html.find(section), std::string::npos) << section;
    EXPECT_NE(html.find("RAFT"), std::string::npos);
    EXPECT_NE(html.find("kept apart: homonym"), std::string::npos);
    // Counts per source: every seed source has a row.
    for (const char* source : {"termbase", "ai-dictionary", "section-glossary", "topic-list", "acronym-list"})
        EXPECT_NE(html.find(std::string("<td>") + source + "</td>"), std::string::npos) << source;
}

TEST(MergeReport, MarkdownAndTextOnRequest) {
    testing::TempDir dir;
    for (const char* format : {"md", "text"}) {
        auto result = run_command(glossc() + " report --format " + format + " --manifest " + manifest() + " --out " +
                                  shell_quote(dir.path().string()));
        ASSERT_EQ(result.status, 0) << result.output;
    }
    EXPECT_NE(testing::read_bytes(dir / "merge-report.md").find("## Homonym splits"), std::string::npos);
    EXPECT_NE(testing::read_bytes(dir / "merge-report.txt").find("Homonym splits"), std::string::npos);
    EXPECT_EQ(run_command(glossc() + " report --format pdf --manifest " + manifest()).status, 2);
}

TEST(MergeReport, ExplainNamesTheEntriesAndTheEvidence) {
    auto result = run_command(glossc() + " explain --manifest " + manifest() + " 'kv-cache'");
    ASSERT_EQ(result.status, 0) << result.output;
    EXPECT_NE(result.output.find("KV Cache [kv-cache]"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("topic-list: Key-Value (KV) Caching"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("merged because:"), std::string::npos);
    auto raft = run_command(glossc() + " explain --manifest " + manifest() + " RAFT");
    EXPECT_NE(raft.output.find("kept apart: homonym"), std::string::npos) << raft.output;
    auto unknown = run_command(glossc() + " explain --manifest " + manifest() + " 'no such term at all'");
    EXPECT_EQ(unknown.status, 1);
    EXPECT_NE(unknown.output.find("[explain-unknown-term]"), std::string::npos);
}

}  // namespace
}  // namespace glossc
