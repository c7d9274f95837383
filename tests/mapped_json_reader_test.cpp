// The generic JSON reader ("json"): arrays of entries, id -> entry objects,
// term -> definition objects, the `fields` and `entries` options, line
// numbers, and malformed input.
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

SourceSpec json_spec(nlohmann::json options = nlohmann::json::object()) {
    SourceSpec spec;
    spec.id = "eval";
    spec.file = "eval.json";
    spec.display_path = "eval.json";
    spec.format = "json";
    spec.options = std::move(options);
    spec.where = Location{"glossary.toml", 20, 1};
    return spec;
}

ReaderResult read(std::string_view document, DiagnosticSink& sink, nlohmann::json options = nlohmann::json::object()) {
    return testing::read_with(json_spec(std::move(options)), document, sink);
}

TEST(MappedJsonReader, IsRegisteredWithItsExtension) {
    ASSERT_NE(find_reader("json"), nullptr);
    EXPECT_EQ(reader_for_extension(".json"), find_reader("json"));
}

TEST(MappedJsonReader, ReadsEntriesUnderAMemberWithMappedFields) {
    std::string document;
    ASSERT_TRUE(text::read_file(testing::source_dir() / "tests" / "data" / "sources" / "mapped.json", document));
    DiagnosticSink sink;
    auto result = read(document, sink, {{"fields", {{"related", "see"}, {"reference", {"links", "paper"}}}}});
    std::vector<std::string> keys;
    for (const auto& e : result.entries) keys.push_back(e.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"Pass@k", "HumanEval", "Contamination check"})) << describe(sink);

    const Entry* pass = find_key(result, "Pass@k");
    ASSERT_NE(pass, nullptr);
    EXPECT_EQ(pass->line, 5u);
    EXPECT_TRUE(has_label(*pass, "pass at k", ir::LabelKind::Variant));
    EXPECT_EQ(pass->definition.summary[1], ir::math("k"));
    EXPECT_EQ(pass->categories, std::vector<std::string>{"Evaluation"});
    EXPECT_EQ(pass->related, std::vector<std::string>{"HumanEval"});
    ASSERT_EQ(pass->references.size(), 1u);
    EXPECT_EQ(pass->references[0].title, "Evaluating Large Language Models Trained on Code");
    EXPECT_EQ(pass->references[0].url, "https://arxiv.org/abs/2107.03374");
    ASSERT_EQ(pass->extras.size(), 1u);
    EXPECT_EQ(pass->extras[0].key, "owner");
    EXPECT_EQ(pass->extras[0].value, "eval team");

    const Entry* humaneval = find_key(result, "HumanEval");
    ASSERT_NE(humaneval, nullptr);
    EXPECT_EQ(humaneval->line, 14u);
    EXPECT_EQ(plain(humaneval->definition.example), "A model that solves 120 problems scores 73.2% pass@1.");

    EXPECT_EQ(lines_of(sink, "json-not-read"), (std::vector<std::uint32_t>{2, 3}));
    EXPECT_EQ(lines_of(sink, "json-extra-field"), std::vector<std::uint32_t>{5});
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), std::vector<std::uint32_t>{20});
    EXPECT_EQ(lines_of(sink, "entry-no-name"), std::vector<std::uint32_t>{24});
    EXPECT_EQ(lines_of(sink, "json-bad-entry"), std::vector<std::uint32_t>{27});
}

TEST(MappedJsonReader, DefaultFieldNames) {
    DiagnosticSink sink;
    auto result = read(R"([
  {"title": "RLHF", "aliases": "reinforcement learning from human feedback; RL from human feedback",
   "description": "Fine-tunes a policy against a reward model.\n\nThe reward model is trained on human preferences.",
   "categories": ["RL & Alignment"], "url": "https://arxiv.org/abs/2203.02155", "related": ["PPO"]},
  {"term": "PPO", "summary": "A clipped policy-gradient method.", "body": "Used by RLHF.",
   "details": "Objective $L^{CLIP}$.", "references": ["Schulman et al., arXiv:1707.06347"]}
])",
                       sink);
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    const Entry& rlhf = result.entries[0];
    EXPECT_EQ(rlhf.line, 2u);
    EXPECT_TRUE(has_label(rlhf, "reinforcement learning from human feedback", ir::LabelKind::Expansion));
    EXPECT_TRUE(has_label(rlhf, "RL from human feedback", ir::LabelKind::Expansion));
    EXPECT_EQ(plain(rlhf.definition.summary), "Fine-tunes a policy against a reward model.");
    EXPECT_EQ(plain(rlhf.definition.body), "The reward model is trained on human preferences.");
    EXPECT_EQ(rlhf.categories, std::vector<std::string>{"RL & Alignment"});
    ASSERT_EQ(rlhf.references.size(), 1u);
    EXPECT_EQ(rlhf.references[0].arxiv, "2203.02155");
    EXPECT_EQ(rlhf.related, std::vector<std::string>{"PPO"});
    const Entry& ppo = result.entries[1];
    EXPECT_EQ(ppo.line, 5u);
    EXPECT_EQ(plain(ppo.definition.summary), "A clipped policy-gradient method.");
    EXPECT_EQ(plain(ppo.definition.body), "Used by RLHF.");
    EXPECT_EQ(ppo.definition.details[1], ir::math("L^{CLIP}"));
    ASSERT_EQ(ppo.references.size(), 1u);
    EXPECT_EQ(ppo.references[0].arxiv, "1707.06347");
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
}

TEST(MappedJsonReader, IdToEntryObjectKeepsIdsAsKeys) {
    DiagnosticSink sink;
    auto result = read(R"({
  "kv-cache": {"name": "KV cache", "desc": "Stores keys and values.", "related": ["paged"]},
  "paged": {"name": "PagedAttention", "desc": "Pages the KV cache.", "id": "paged-attention"},
  "flash-attention": {"desc": "An IO-aware exact attention kernel."}
})",
                       sink);
    ASSERT_EQ(result.entries.size(), 3u) << describe(sink);
    EXPECT_EQ(result.entries[0].key, "kv-cache");
    EXPECT_EQ(result.entries[0].headword, "KV cache");
    EXPECT_EQ(result.entries[0].line, 2u);
    EXPECT_EQ(result.entries[0].related, std::vector<std::string>{"paged"});
    EXPECT_EQ(result.entries[1].key, "paged");
    EXPECT_EQ(result.entries[1].line, 3u);
    ASSERT_EQ(result.entries[1].extras.size(), 1u);
    EXPECT_EQ(result.entries[1].extras[0].key, "id");
    EXPECT_EQ(result.entries[2].headword, "flash-attention") << "no term field: the id is the term";
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
}

TEST(MappedJsonReader, TermToDefinitionObject) {
    DiagnosticSink sink;
    auto result = read("{\n  \"Top-k sampling\": \"Samples from the $k$ most likely tokens.\",\n  \"Top-p\": 3\n}",
                       sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(result.entries[0].key, "Top-k sampling");
    EXPECT_EQ(result.entries[0].line, 2u);
    EXPECT_EQ(result.entries[0].definition.summary[1], ir::math("k"));
    EXPECT_EQ(lines_of(sink, "json-bad-entry"), std::vector<std::uint32_t>{3});
}

TEST(MappedJsonReader, EntriesOptionIsAJsonPointer) {
    DiagnosticSink sink;
    auto result = read(R"({"data": {"glossary": [{"name": "A", "definition": "x"}]}, "meta": {}})", sink,
                       {{"entries", "/data/glossary"}});
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(result.entries[0].line, 1u);
    DiagnosticSink missing;
    EXPECT_TRUE(read(R"({"a": []})", missing, {{"entries", "/b"}}).entries.empty());
    EXPECT_TRUE(codes_of(missing).count("json-entries-not-found"));
    DiagnosticSink bad;
    EXPECT_TRUE(read(R"({"a": []})", bad, {{"entries", "no-slash"}}).entries.empty());
    EXPECT_TRUE(codes_of(bad).count("reader-bad-option"));
    DiagnosticSink bad_fields;
    EXPECT_TRUE(read("[]", bad_fields, {{"fields", {{"meaning", "x"}}}}).entries.empty());
    EXPECT_TRUE(codes_of(bad_fields).count("reader-bad-option"));
}

TEST(MappedJsonReader, DuplicateKeysAreReported) {
    DiagnosticSink sink;
    auto result = read("{\n\"a\": {\"name\": \"First\", \"definition\": \"x\"},\n\"a\": {\"name\": \"Second\", "
                       "\"definition\": \"y\"}\n}",
                       sink);
    ASSERT_EQ(result.entries.size(), 1u);
    EXPECT_EQ(result.entries[0].headword, "Second");
    EXPECT_EQ(lines_of(sink, "json-duplicate-key"), std::vector<std::uint32_t>{3});
}

TEST(MappedJsonReader, SyntaxErrorsGiveLineAndColumn) {
    DiagnosticSink sink;
    auto result = read("[\n  {\"name\": \"A\",\n   \"definition\": }\n]", sink);
    EXPECT_TRUE(result.entries.empty());
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "json-syntax");
    EXPECT_EQ(sink.all()[0].line, 3u);
}

TEST(MappedJsonReader, MalformedInputGivesDiagnosticsNeverACrash) {
    const char* documents[] = {"",         "null",           "42",        "\"text\"",        "[]",
                               "{}",       "[[[]]]",         "[null, 1]", "{\"a\": null}", "{\"entries\": 5}",
                               "[{\"name\": {\"en\": \"x\"}}]", "[{\"name\": [\"A\", \"B\"], \"definition\": [\"p1\", \"p2\"]}]",
                               "\xEF\xBB\xBF[{\"name\": \"BOM\", \"definition\": \"ok\"}]"};
    for (const char* document : documents) {
        DiagnosticSink sink;
        auto result = read(document, sink);
        EXPECT_TRUE(!result.entries.empty() || !sink.all().empty()) << "'" << document << "' read silently";
    }
}

}  // namespace
}  // namespace glossc
