// The merge's rules on small hand-made sources, one rule per test.
#include <gtest/gtest.h>

#include "merge/alias_index.hpp"
#include "merge/normalize.hpp"
#include "support/merge_fixtures.hpp"

namespace glossc {
namespace {

using testing::make_entry;
using testing::make_source;
using testing::merge_all;

const ir::Concept* concept_named(const ir::Glossary& g, const std::string& name) {
    merge::AliasIndex index(g);
    auto ids = index.resolve(name);
    if (ids.size() != 1) return nullptr;
    for (const auto& c : g.concepts)
        if (c.id == ids[0]) return &c;
    return nullptr;
}

TEST(Normalize, KeysFoldCaseDashesSpellingAndPlurals) {
    merge::SpellingMap spelling;
    spelling.words["quantisation"] = "quantization";
    EXPECT_EQ(merge::make_keys("KV-Cache", spelling).exact, "kv cache");
    EXPECT_EQ(merge::make_keys("KV cache", spelling).nospace, merge::make_keys("KVCache", spelling).nospace);
    EXPECT_EQ(merge::make_keys("Quantisation", spelling).exact, "quantization");
    EXPECT_EQ(merge::make_keys("Embeddings", spelling).exact, "embedding");
    EXPECT_EQ(merge::make_keys("Strategies", spelling).exact, "strategy");
    EXPECT_EQ(merge::make_keys("Loss", spelling).exact, "loss");
    EXPECT_EQ(merge::make_keys("Ｆｕｌｌｗｉｄｔｈ", spelling).exact, "fullwidth");  // NFKC
    EXPECT_EQ(merge::make_keys("Café", spelling).exact, "cafe");
    EXPECT_EQ(merge::make_keys("Fine-tune", spelling).stem, merge::make_keys("Finetuning", spelling).stem);
    EXPECT_EQ(merge::make_keys("Key-Value Caching", spelling).stem, merge::make_keys("Key–Value cache", spelling).stem);
    EXPECT_EQ(merge::make_keys("Direct Preference Optimization", spelling).initials, "dpo");
    EXPECT_NE(merge::make_keys("Adam", spelling).stem, merge::make_keys("AdamW", spelling).stem);
    EXPECT_NE(merge::make_keys("token", spelling).stem, merge::make_keys("tokenizer", spelling).stem);
}

TEST(MergeRules, SpellingVariantsWithSimilarDefinitionsMerge) {
    auto result = merge_all({
        make_source("a", 10, {make_entry("KV-Cache", "Stores attention keys and values of past tokens so decoding reuses them.")}),
        make_source("b", 5, {make_entry("KV cache", "A cache of attention keys and values for past tokens, reused at each decoding step.")}),
    });
    ASSERT_EQ(result.glossary.concepts.size(), 1u);
    const auto& c = result.glossary.concepts[0];
    EXPECT_EQ(c.headword, "KV-Cache") << "the higher-priority source names the concept";
    EXPECT_EQ(c.provenance.size(), 2u);
    EXPECT_EQ(c.definitions.size(), 2u) << "every definition is kept with its source";
}

TEST(MergeRules, SameNameWithDissimilarDefinitionsIsAHomonym) {
    auto result = merge_all({
        make_source("a", 10, {make_entry("RAFT", "Trains on questions mixed with oracle and distractor documents.",
                                          {{"Retrieval-Augmented Fine-Tuning", ir::LabelKind::Expansion, {}}})}),
        make_source("b", 5, {make_entry("RAFT", "Samples completions, ranks them by a reward model and keeps the best.")}),
    });
    ASSERT_EQ(result.glossary.concepts.size(), 2u);
    std::set<std::string> headwords;
    for (const auto& c : result.glossary.concepts) headwords.insert(c.headword);
    EXPECT_TRUE(headwords.count("RAFT (Retrieval-Augmented Fine-Tuning)")) << *headwords.begin();
    merge::AliasIndex index(result.glossary);
    EXPECT_TRUE(index.ambiguous("RAFT")) << "a label shared by homonyms is ambiguous";
    bool recorded = false;
    for (const auto& p : result.trace.pairs) recorded = recorded || p.decision == merge::Decision::Homonym;
    EXPECT_TRUE(recorded);
}

TEST(MergeRules, AnExampleOnlyEntryJoinsTheRightHomonymAndNeverChainsThem) {
    auto result = merge_all({
        make_source("a", 10, {make_entry("Verifier", "In speculative decoding the verifier is the large model pass that checks the draft tokens.")}),
        make_source("b", 5, {make_entry("verifier", "A program that checks whether an RL policy's final answer is correct, giving a verifiable reward.")}),
        [] {
            auto s = make_source("c", 1, {make_entry("Verifier", "")});
            s.result.entries[0].definition.example = text::parse_inline_math("the draft tokens are checked by the verifier in speculative decoding");
            return s;
        }(),
    });
    ASSERT_EQ(result.glossary.concepts.size(), 2u);
    for (const auto& c : result.glossary.concepts) {
        std::set<std::string> sources;
        for (const auto& p : c.provenance) sources.insert(p.source);
        EXPECT_FALSE(sources.count("a") && sources.count("b")) << "homonyms chained through c";
        if (sources.count("c")) {
            EXPECT_TRUE(sources.count("a")) << "c's example is about speculative decoding";
        }
    }
}

TEST(MergeRules, AnExtraWordNeverMergesByItself) {
    const char* pairs[][2] = {{"Adam", "AdamW"}, {"value", "value function"}, {"reward", "reward model"},
                              {"learning rate", "learning-rate schedule"}, {"token", "tokenizer"}, {"top-k", "top-p"}};
    for (const auto& pair : pairs) {
        auto result = merge_all({
            make_source("a", 10, {make_entry(pair[0], "An optimizer setting for training neural network models with gradients.")}),
            make_source("b", 5, {make_entry(pair[1], "An optimizer setting for training neural network models with gradients.")}),
        });
        EXPECT_EQ(result.glossary.concepts.size(), 2u) << pair[0] << " / " << pair[1];
    }
}

TEST(MergeRules, AcronymMeetsItsExpansion) {
    auto result = merge_all({
        make_source("a", 10, {make_entry("DPO", "Direct preference optimization trains a policy on preference pairs without a reward model.")}),
        make_source("b", 5, {make_entry("Direct Preference Optimization", "Optimizes the policy directly on preference pairs, no separate reward model.")}),
    });
    ASSERT_EQ(result.glossary.concepts.size(), 1u);
    const auto& c = result.glossary.concepts[0];
    EXPECT_EQ(c.headword, "DPO");
    ASSERT_EQ(c.labels.size(), 2u);
    EXPECT_EQ(c.labels[1].kind, ir::LabelKind::Expansion);
}

TEST(MergeRules, TwoEntriesOfOneSourceStayApartUnlessTheyAreDuplicates) {
    auto result = merge_all({make_source("a", 10, {
        make_entry("Test-Time Compute Scaling", "Spending more inference compute per query to improve answers."),
        make_entry("Test-Time Compute Scaling", "Scaling the compute spent at inference time to improve answers."),
        make_entry("Finetuning", "Adapting a pretrained model on new data."),
        make_entry("Fine-tune", "Adapting a pretrained model on new data."),
    })});
    EXPECT_EQ(result.glossary.concepts.size(), 3u);
}

TEST(MergeRules, OverridesWin) {
    std::vector<SourceEntries> sources{
        make_source("a", 10, {make_entry("Speculative decoding", "A draft model proposes tokens that the target model verifies.")}),
        make_source("b", 5, {make_entry("Speculative sampling", "Sampling scheme with a small proposal model and a rejection step.")}),
        make_source("c", 5, {make_entry("Speculative decoding", "A draft model proposes tokens that the target model verifies in one pass.")}),
    };
    merge::MergeData data;
    data.overrides.same_as.push_back({{{"a", "Speculative decoding", {}}, {"b", "Speculative sampling", {}}}, {}});
    data.overrides.not_same_as.push_back({{{"a", "Speculative decoding", {}}, {"c", "Speculative decoding", {}}}, {}});
    data.overrides.headwords.push_back({{"b", "Speculative sampling", {}}, "Speculative decoding (sampling)"});
    auto result = merge_all(sources, data);
    ASSERT_EQ(result.glossary.concepts.size(), 2u);
    const ir::Concept* joined = concept_named(result.glossary, "Speculative sampling");
    ASSERT_NE(joined, nullptr);
    EXPECT_EQ(joined->headword, "Speculative decoding (sampling)");
    EXPECT_EQ(joined->provenance.size(), 2u);
}

TEST(MergeRules, ConflictingOverrideIsADiagnostic) {
    std::vector<SourceEntries> sources{make_source("a", 1, {make_entry("X", "x"), make_entry("Y", "y")})};
    merge::MergeData data;
    data.overrides.same_as.push_back({{{"a", "X", {}}, {"a", "Y", {}}}, {"o.toml", 3, 1}});
    data.overrides.not_same_as.push_back({{{"a", "X", {}}, {"a", "Y", {}}}, {"o.toml", 6, 1}});
    data.overrides.same_as.push_back({{{"a", "X", {}}, {"a", "nope", {"o.toml", 9, 12}}}, {"o.toml", 9, 1}});
    Manifest manifest;
    DiagnosticSink sink;
    auto result = merge::merge_sources(manifest, sources, data, 0, sink);
    EXPECT_EQ(result.glossary.concepts.size(), 2u);
    std::set<std::string> codes;
    for (const auto& d : sink.all()) codes.insert(d.code);
    EXPECT_TRUE(codes.count("override-conflict"));
    EXPECT_TRUE(codes.count("override-unknown-entry"));
}

TEST(MergeRules, IdsStayStableThroughTheLedger) {
    std::vector<SourceEntries> first{make_source("a", 10, {make_entry("Attention", "Mixing token information by weights."),
                                                           make_entry("Dropout", "Randomly zeroing activations.")})};
    auto edition1 = merge_all(first);
    merge::MergeData data;
    data.ledger = edition1.ledger;
    // A new, higher-priority source renames the headword and edits a definition.
    std::vector<SourceEntries> second = first;
    second[0].result.entries[1].definition.summary = text::parse_inline_math("Randomly zeroing activations while training.");
    second.push_back(make_source("b", 99, {make_entry("attention mechanism", "Mixing token information by learned weights.",
                                                      {{"Attention", ir::LabelKind::Variant, {}}})}));
    auto edition2 = merge_all(second, data);
    std::map<std::string, std::string> id_of_first_entry;
    for (const auto& c : edition2.glossary.concepts)
        for (const auto& p : c.provenance) id_of_first_entry[p.source + ":" + p.key] = c.id;
    EXPECT_EQ(id_of_first_entry["a:Attention"], "attention");
    EXPECT_EQ(id_of_first_entry["a:Dropout"], "dropout");
    // The edited concept's ledger entry records a new hash; the other keeps its own.
    std::map<std::string, merge::LedgerConcept> before, after;
    for (const auto& c : edition1.ledger.concepts) before[c.id] = c;
    for (const auto& c : edition2.ledger.concepts) after[c.id] = c;
    EXPECT_NE(before["dropout"].content_hash, after["dropout"].content_hash);
}

TEST(MergeRules, RelatedIdsResolveAcrossMergedConcepts) {
    auto a = make_source("a", 10, {make_entry("LoRA", "Low-rank adapters for fine-tuning."), make_entry("QLoRA", "LoRA on a 4-bit base.")});
    a.result.entries[1].related = {"LoRA", "QLoRA", "missing"};
    auto result = merge_all({a});
    const ir::Concept* qlora = concept_named(result.glossary, "QLoRA");
    ASSERT_NE(qlora, nullptr);
    EXPECT_EQ(qlora->related, std::vector<std::string>{"lora"}) << "self references and unknown keys are dropped";
}

}  // namespace
}  // namespace glossc
