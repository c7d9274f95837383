// `glossc build --jobs N`: readers, merge and backends run on several
// threads, and the output must not show it. Every format, byte for byte,
// on the seeds and on a generated corpus large enough for the parallel
// loops to split work between threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "backend.hpp"
#include "corpus.hpp"
#include "parallel/parallel.hpp"
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
    // Every output, a folder backend's files and all (read_output packs them).
    for (const auto& backend : backend_registry()) {
        std::string first = testing::read_output(one.path(), backend.format);
        EXPECT_FALSE(first.empty()) << backend.format;
        EXPECT_EQ(first, testing::read_output(four.path(), backend.format)) << backend.format << " differs";
    }
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

// The merge sorts its postings, candidates and concepts with
// parallel::stable_sort: it must give std::stable_sort's order exactly
// (equal keys in input order), or the merge would depend on the thread count.
TEST(ParallelStableSort, GivesStdStableSortsOrderOnAnyNumberOfThreads) {
    std::mt19937 random(20261204);
    for (std::size_t size : {0u, 1u, 1000u, 70000u, 300001u}) {
        std::vector<std::pair<int, std::size_t>> input(size);  // (key, position): few keys, many ties
        for (std::size_t i = 0; i < size; ++i) input[i] = {static_cast<int>(random() % 50), i};
        auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
        auto expected = input;
        std::stable_sort(expected.begin(), expected.end(), by_key);
        for (unsigned jobs : {1u, 2u, 4u}) {
            parallel::set_jobs(jobs);
            auto sorted = input;
            parallel::stable_sort(sorted.begin(), sorted.end(), by_key);
            EXPECT_EQ(sorted, expected) << size << " elements, " << jobs << " threads";
        }
    }
    parallel::set_jobs(0);
}

}  // namespace
}  // namespace glossc
