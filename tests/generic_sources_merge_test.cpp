// Sources an editor adds without code (HTML, Markdown, CSV, JSON), merged
// into the seed glossary: overlapping terms join the existing concepts,
// homonyms stay apart, new terms become new concepts, nothing is lost; and
// `glossc build --source FILE` guesses their format with no manifest change.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "driver/driver.hpp"
#include "ir/alias_index.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

using testing::run_command;
using testing::shell_quote;
using testing::TempDir;

std::string data_path(const std::string& name) {
    return (testing::source_dir() / "tests" / "data" / "sources" / name).string();
}

class GenericSourcesMerge : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::ostringstream diagnostics;
        result_ = new CompileResult(compile(
            CompileRequest{testing::seeds_manifest(), {data_path("extra.html"), data_path("notes.md")}}, diagnostics));
        diagnostics_ = new std::string(diagnostics.str());
        ASSERT_TRUE(result_->glossary) << diagnostics.str();
        index_ = new ir::AliasIndex(*result_->glossary);
        std::ostringstream seed_diagnostics;
        seeds_ = new CompileResult(compile(CompileRequest{testing::seeds_manifest(), {}}, seed_diagnostics));
    }
    static void TearDownTestSuite() {
        delete index_;
        delete result_;
        delete seeds_;
        delete diagnostics_;
    }
    static const ir::Glossary& glossary() { return *result_->glossary; }
    static const ir::Concept* concept_(const std::string& id) {
        for (const auto& c : glossary().concepts)
            if (c.id == id) return &c;
        return nullptr;
    }
    static const ir::Concept* only(const std::string& name) {
        auto ids = index_->resolve(name);
        EXPECT_EQ(ids.size(), 1u) << name;
        return ids.size() == 1 ? concept_(ids[0]) : nullptr;
    }
    static std::set<std::string> sources_of(const ir::Concept& c) {
        std::set<std::string> out;
        for (const auto& p : c.provenance) out.insert(p.source);
        return out;
    }
    static std::vector<std::string> keys_from(const ir::Concept& c, const std::string& source) {
        std::vector<std::string> out;
        for (const auto& p : c.provenance)
            if (p.source == source) out.push_back(p.key);
        return out;
    }

    static CompileResult* result_;
    static CompileResult* seeds_;
    static ir::AliasIndex* index_;
    static std::string* diagnostics_;
};

CompileResult* GenericSourcesMerge::result_ = nullptr;
CompileResult* GenericSourcesMerge::seeds_ = nullptr;
ir::AliasIndex* GenericSourcesMerge::index_ = nullptr;
std::string* GenericSourcesMerge::diagnostics_ = nullptr;

TEST_F(GenericSourcesMerge, TheNewSourcesAreListedWithTheirGuessedFormats) {
    EXPECT_EQ(result_->status, kExitOk) << *diagnostics_;
    std::map<std::string, std::string> format_of;
    for (const auto& s : glossary().sources) format_of[s.id] = s.format;
    EXPECT_EQ(format_of["extra"], "html");
    EXPECT_EQ(format_of["notes"], "markdown");
    // The new files are clean: every diagnostic is about the seeds, but for
    // the note saying how each file was read.
    for (const auto& d : glossary().diagnostics) {
        if (d.code == "layout") continue;
        EXPECT_EQ(d.file.find("tests/data/sources"), std::string::npos) << format_diagnostic(d);
    }
}

TEST_F(GenericSourcesMerge, AKeyValueCacheDefinitionListEntryJoinsTheKvCacheConcept) {
    const ir::Concept* kv = only("KV cache");
    ASSERT_NE(kv, nullptr);
    EXPECT_EQ(kv->id, "kv-cache");
    EXPECT_EQ(keys_from(*kv, "extra"), std::vector<std::string>{"Key\xE2\x80\x93value cache"});
    EXPECT_EQ(only("Key\xE2\x80\x93value cache"), kv);
    EXPECT_GE(sources_of(*kv).size(), 5u);
    bool defined = false;
    for (const auto& d : kv->definitions) defined = defined || (d.source == "extra" && d.line == 15);
    EXPECT_TRUE(defined) << "the page's definition is kept with its source and line";
}

TEST_F(GenericSourcesMerge, SpeculativeSamplingJoinsSpeculativeDecoding) {
    // "## Speculative sampling" says "Also known as: speculative decoding";
    // the seeds (000's alias, 001's expansion) name it too.
    const ir::Concept* decoding = only("speculative decoding");
    ASSERT_NE(decoding, nullptr);
    EXPECT_EQ(only("Speculative sampling"), decoding);
    EXPECT_EQ(keys_from(*decoding, "notes"), std::vector<std::string>{"Speculative sampling"});
    EXPECT_EQ(decoding->headword, "Speculative Decoding") << "the seeds' priorities choose the headword";
}

TEST_F(GenericSourcesMerge, AVerifierInTheSpeculativeSenseJoinsThatSenseOnly) {
    auto ids = index_->resolve("verifier");
    ASSERT_EQ(ids.size(), 2u) << "still two homonyms";
    for (const auto& id : ids) {
        const ir::Concept* c = concept_(id);
        ASSERT_NE(c, nullptr);
        if (sources_of(*c).count("ai-dictionary")) {
            EXPECT_EQ(c->headword, "Verifier (speculative decoding)");
            EXPECT_EQ(keys_from(*c, "extra"), std::vector<std::string>{"Verifier"});
        } else {
            EXPECT_TRUE(sources_of(*c).count("section-glossary")) << c->id;
            EXPECT_TRUE(keys_from(*c, "extra").empty()) << "not the RL answer checker";
        }
    }
}

TEST_F(GenericSourcesMerge, NewTermsBecomeNewConcepts) {
    const std::map<std::string, std::string> fresh{{"Contrastive decoding", "extra"},
                                                   {"Tree attention", "extra"},
                                                   {"Prompt lookup decoding", "notes"},
                                                   {"Typical sampling", "notes"}};
    for (const auto& [name, source] : fresh) {
        const ir::Concept* c = only(name);
        ASSERT_NE(c, nullptr) << name;
        EXPECT_EQ(sources_of(*c), std::set<std::string>{source}) << name;
        EXPECT_EQ(c->headword, name);
        ASSERT_EQ(c->definitions.size(), 1u) << name;
        EXPECT_FALSE(c->definitions[0].summary.empty()) << name;
    }
    // Categories came through the taxonomy ("Attention", "Inference" sections).
    EXPECT_EQ(only("Tree attention")->categories, std::vector<std::string>{"attention"});
    EXPECT_EQ(only("Typical sampling")->categories, std::vector<std::string>{"inference"});
}

TEST_F(GenericSourcesMerge, EveryNewEntryIsInExactlyOneConceptAndSeedIdsAreStable) {
    std::map<std::string, std::size_t> entries_of;
    for (const auto& s : glossary().sources) entries_of[s.id] = s.entries;
    std::map<std::string, std::size_t> provenance_of;
    for (const auto& c : glossary().concepts)
        for (const auto& p : c.provenance) ++provenance_of[p.source];
    EXPECT_EQ(entries_of["extra"], 4u);
    EXPECT_EQ(entries_of["notes"], 3u);
    EXPECT_EQ(provenance_of["extra"], 4u);
    EXPECT_EQ(provenance_of["notes"], 3u);

    ASSERT_TRUE(seeds_->glossary);
    std::set<std::string> ids;
    for (const auto& c : glossary().concepts) ids.insert(c.id);
    for (const auto& c : seeds_->glossary->concepts) EXPECT_TRUE(ids.count(c.id)) << c.id << " was renamed";
    EXPECT_EQ(glossary().concepts.size(), seeds_->glossary->concepts.size() + 4);
}

TEST(GenericSourcesCli, BuildWithSourcesGuessedFromTheirExtensions) {
    TempDir dir;
    auto result = run_command(std::string("cd ") + shell_quote(dir.path().string()) + " && " +
                              shell_quote(testing::glossc_binary().string()) + " build --formats json --manifest " +
                              shell_quote(testing::seeds_manifest().string()) + " --source " +
                              shell_quote(data_path("extra.html")) + " --source " + shell_quote(data_path("notes.md")) +
                              " --out " + shell_quote((dir / "out").string()));
    ASSERT_EQ(result.status, 0) << result.output;
    auto doc = nlohmann::json::parse(testing::read_bytes(dir / "out" / "glossary.json"));
    std::map<std::string, std::string> format_of;
    for (const auto& s : doc["sources"]) format_of[s["id"]] = s["format"];
    EXPECT_EQ(format_of["extra"], "html");
    EXPECT_EQ(format_of["notes"], "markdown");
    std::map<std::string, std::set<std::string>> keys;
    for (const auto& c : doc["concepts"])
        for (const auto& p : c["provenance"])
            if (p["source"] == "extra" || p["source"] == "notes") {
                EXPECT_GT(p["line"].get<int>(), 0);
                keys[p["source"]].insert(p["key"].get<std::string>());
            }
    EXPECT_EQ(keys["extra"], (std::set<std::string>{"Key\xE2\x80\x93value cache", "Verifier", "Contrastive decoding",
                                                    "Tree attention"}));
    EXPECT_EQ(keys["notes"],
              (std::set<std::string>{"Speculative sampling", "Prompt lookup decoding", "Typical sampling"}));
    EXPECT_FALSE(std::filesystem::exists(testing::source_dir() / "sources" / "extra.html"));
}

TEST(GenericSourcesCli, CsvTsvAndJsonAreGuessedToo) {
    TempDir dir;
    testing::write_text(dir / "list.tsv", "term\tdefinition\nZebra attention\tStripes of attention.\n");
    testing::write_text(dir / "list.json", R"([{"name": "Okapi decoding", "description": "Shy decoding."}])");
    auto result = run_command(shell_quote(testing::glossc_binary().string()) + " check --manifest " +
                              shell_quote(testing::seeds_manifest().string()) + " --source " +
                              shell_quote(data_path("terms.csv")) + " --source " +
                              shell_quote((dir / "list.tsv").string()) + " --source " +
                              shell_quote((dir / "list.json").string()));
    EXPECT_EQ(result.status, 1) << "terms.csv has a row with no term: an error\n" << result.output;
    EXPECT_NE(result.output.find("terms.csv:6: error: an entry has no term"), std::string::npos) << result.output;
    // Nothing is said of the clean files but how they were read.
    EXPECT_NE(result.output.find("list.tsv: note: read 1 entry"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("list.tsv:1"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("list.tsv: warning"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("list.json: note: read 1 entry"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("list.json:1"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("list.json: warning"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace glossc
