// `glossc build --jobs N`: readers, merge and backends run on several
// threads, and the output must not show it. Every format, byte for byte,
// on the seeds and on a generated corpus large enough for the parallel
// loops to split work between threads.
#include <gtest/gtest.h>

#include "corpus.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

using testing::run_command;
using testing::shell_quote;
using testing::TempDir;

void expect_same_output_for_any_jobs(const std::filesystem::path& manifest) {
    TempDir one, four;
    for (auto [dir, jobs] : {std::pair{&one, 1}, std::pair{&four, 4}}) {
        auto result = run_command("SOURCE_DATE_EPOCH=1700000000 " + shell_quote(testing::glossc_binary().string()) +
                                  " build --jobs " + std::to_string(jobs) + " --manifest " +
                                  shell_quote(manifest.string()) + " --out " + shell_quote(dir->path().string()));
        ASSERT_EQ(result.status, 0) << result.output;
    }
    std::size_t compared = 0;
    for (const auto& file : std::filesystem::directory_iterator(one.path())) {
        auto name = file.path().filename().string();
        EXPECT_EQ(testing::read_bytes(file.path()), testing::read_bytes(four / name)) << name << " differs";
        ++compared;
    }
    EXPECT_EQ(compared, 5u);  // json, text, epub, anki, latex
}

TEST(ParallelBuild, SeedsGiveTheSameBytesWithOneOrFourJobs) {
    expect_same_output_for_any_jobs(testing::seeds_manifest());
}

TEST(ParallelBuild, GeneratedCorpusGivesTheSameBytesWithOneOrFourJobs) {
    TempDir corpus;
    auto summary = bench::write_corpus({3000, 7, corpus.path()});
    ASSERT_EQ(summary.entries, 3000u);
    expect_same_output_for_any_jobs(corpus / "glossary.toml");
}

TEST(ParallelBuild, CorpusIsDeterministicForASeed) {
    TempDir a, b;
    bench::write_corpus({500, 3, a.path()});
    bench::write_corpus({500, 3, b.path()});
    for (const auto& file : std::filesystem::directory_iterator(a.path())) {
        auto name = file.path().filename().string();
        EXPECT_EQ(testing::read_bytes(file.path()), testing::read_bytes(b / name)) << name;
    }
}

}  // namespace
}  // namespace glossc
