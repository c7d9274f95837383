// What a new source may do to the glossary (README, "How entries are merged"): add
// entries, names and definitions, and join concepts where its evidence is
// strong, but never take a concept apart nor rename one whose headword comes
// from a source of higher priority. Checked on the seeds with each file an
// editor might bring added to them: every hand-written layout under
// tests/data/sources/ and, when ../shared/real_sources/ is beside the clone,
// the real glossaries written by others. (The same rule over generated
// glossaries is a property in merge_property_test.cpp.)
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "driver/driver.hpp"
#include "report/merge_report.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

struct Concepts {
    std::vector<std::pair<std::set<std::string>, std::string>> entries_and_headword;
    std::map<std::string, std::size_t> concept_of_entry;
    std::vector<merge::SourceChange> changes;
};

Concepts compile_with(const std::vector<std::string>& extra) {
    std::ostringstream diagnostics;
    CompileResult result = compile(CompileRequest{testing::seeds_manifest(), extra}, diagnostics);
    Concepts out;
    if (!result.glossary) {
        ADD_FAILURE() << diagnostics.str();
        return out;
    }
    for (const auto& c : result.glossary->concepts) {
        std::set<std::string> entries;
        for (const auto& p : c.provenance) entries.insert(p.source + ":" + p.key + "@" + std::to_string(p.line));
        for (const auto& e : entries) out.concept_of_entry[e] = out.entries_and_headword.size();
        out.entries_and_headword.emplace_back(std::move(entries), c.headword);
    }
    out.changes = std::move(result.changes);
    return out;
}

// Every concept of the seeds is whole in `after`, under its headword.
void expect_seeds_kept(const Concepts& seeds, const Concepts& after, const std::string& file) {
    std::size_t split = 0, renamed = 0;
    for (const auto& [entries, headword] : seeds.entries_and_headword) {
        std::set<std::size_t> now;
        for (const auto& e : entries) now.insert(after.concept_of_entry.at(e));
        if (now.size() != 1) {
            ++split;
            ADD_FAILURE() << file << " takes apart '" << headword << "'";
            continue;
        }
        const std::string& now_headword = after.entries_and_headword[*now.begin()].second;
        if (now_headword == headword) continue;
        // Joined to another seed concept by strong evidence: one of the two names stays.
        bool joined = false;
        for (const auto& [other, other_headword] : seeds.entries_and_headword)
            joined = joined || (other_headword == now_headword && after.concept_of_entry.at(*other.begin()) == *now.begin());
        if (!joined) {
            ++renamed;
            ADD_FAILURE() << file << " renames '" << headword << "' to '" << now_headword << "'";
        }
    }
    EXPECT_EQ(split + renamed, 0u) << file;
}

std::vector<std::string> files_in(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    if (!std::filesystem::is_directory(dir)) return out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        auto ext = entry.path().extension().string();
        if (ext == ".md" || ext == ".html" || ext == ".csv" || ext == ".tsv" || ext == ".json" || ext == ".rst")
            out.push_back(entry.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

class MonotoneMerge : public ::testing::Test {
protected:
    static void SetUpTestSuite() { seeds_ = new Concepts(compile_with({})); }
    static void TearDownTestSuite() { delete seeds_; }
    static Concepts* seeds_;
};
Concepts* MonotoneMerge::seeds_ = nullptr;

TEST_F(MonotoneMerge, EveryTestLayoutAddedToTheSeedsKeepsTheirConcepts) {
    auto files = files_in(testing::source_dir() / "tests" / "data" / "sources");
    ASSERT_GE(files.size(), 10u);
    for (const auto& file : files) expect_seeds_kept(*seeds_, compile_with({file}), file);
}

TEST_F(MonotoneMerge, EveryRealGlossaryAddedToTheSeedsKeepsTheirConcepts) {
    auto dir = testing::source_dir().parent_path() / "shared" / "real_sources";
    auto files = files_in(dir);
    if (files.empty()) GTEST_SKIP() << "skipped: " << dir.string() << " is not there";
    for (const auto& file : files) expect_seeds_kept(*seeds_, compile_with({file}), file);
    // All of them at once, too.
    expect_seeds_kept(*seeds_, compile_with(files), "all real glossaries");
}

TEST_F(MonotoneMerge, AcronymBulletsJoinTheConceptsOfTheirNamesAndNoLongerName) {
    // "- **RAG**: Retrieval-Augmented Generation": the definition only spells
    // out the term, so the entry says which names go together; it joins the
    // seed concept of those names (the seeds keep their headwords), and an
    // abbreviation does not join a concept whose name only starts with it.
    auto after = compile_with({(testing::source_dir() / "tests" / "data" / "sources" / "acronym-bullets.md").string()});
    expect_seeds_kept(*seeds_, after, "acronym-bullets.md");
    auto concept_of = [&](const std::string& key) {
        for (const auto& [entries, headword] : after.entries_and_headword)
            for (const auto& e : entries)
                if (e.rfind("acronym-bullets:" + key + "@", 0) == 0) return std::make_pair(entries, headword);
        return std::make_pair(std::set<std::string>{}, std::string());
    };
    for (const auto& [key, headword] : std::vector<std::pair<std::string, std::string>>{
             {"RAG", "RAG"}, {"LLM", "LLM"}, {"SFT", "SFT"}, {"TTFT", "TTFT"}, {"HF", "HuggingFace"}}) {
        auto [entries, now] = concept_of(key);
        EXPECT_EQ(now, headword) << key;
        EXPECT_GE(entries.size(), 2u) << key << " joins a seed concept";
    }
    auto [gpu, gpu_headword] = concept_of("GPU");
    EXPECT_EQ(gpu.size(), 1u) << "GPU is not GPU Acceleration: " << gpu_headword;

    ASSERT_EQ(after.changes.size(), 1u);
    EXPECT_EQ(after.changes[0].source, "acronym-bullets");
    EXPECT_EQ(after.changes[0].entries, 6u);
    EXPECT_EQ(after.changes[0].joined.size(), 5u);
    EXPECT_EQ(after.changes[0].created.size(), 1u);
}

TEST_F(MonotoneMerge, CheckAndReportSayWhatEachAddedSourceChanged) {
    std::string file = (testing::source_dir() / "tests" / "data" / "sources" / "acronym-bullets.md").string();
    std::ostringstream out;
    CompileRequest request{testing::seeds_manifest(), {file}};
    ASSERT_EQ(run_check(request, out), kExitOk) << out.str();
    EXPECT_NE(out.str().find("\nacronym-bullets: 6 entries, 5 joined existing concepts, 1 new concept"),
              std::string::npos)
        << out.str();
    EXPECT_EQ(out.str().find("  joined: "), std::string::npos) << "the list is for -v";

    std::ostringstream verbose;
    request.verbose = true;
    ASSERT_EQ(run_check(request, verbose), kExitOk);
    EXPECT_NE(verbose.str().find("  joined: RAG [rag]"), std::string::npos) << verbose.str();
    EXPECT_NE(verbose.str().find("  new: GPU [gpu]"), std::string::npos) << verbose.str();
    EXPECT_NE(verbose.str().find("  near miss: acronym-bullets:GPU / topic-list:GPU Acceleration"), std::string::npos)
        << verbose.str();

    std::ostringstream diagnostics;
    CompileResult compiled = compile(request, diagnostics);
    ASSERT_TRUE(compiled.glossary);
    std::string md =
        report::merge_report(*compiled.glossary, compiled.trace, report::Format::Markdown, compiled.changes);
    EXPECT_NE(md.find("Added source acronym-bullets"), std::string::npos);
    EXPECT_NE(md.find("6 entries: they joined 5 concepts the glossary had and made 1 new concepts"), std::string::npos);
    EXPECT_NE(md.find("[[same_as]]"), std::string::npos);
}

}  // namespace
}  // namespace glossc
