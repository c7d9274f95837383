// The merge's rules on small hand-made sources, one rule per test.
#include <cstdlib>

#include <gtest/gtest.h>
#include <utf8proc.h>

#include "ir/alias_index.hpp"
#include "merge/normalize.hpp"
#include "support/merge_fixtures.hpp"
#include "support/property.hpp"
#include "text/utf8.hpp"

namespace glossc {
namespace {

using testing::make_entry;
using testing::make_source;
using testing::merge_all;

const ir::Concept* concept_named(const ir::Glossary& g, const std::string& name) {
    ir::AliasIndex index(g);
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

// fold_case folds word by word, utf8proc only where a word is not ASCII; the
// result must be what folding the whole text at once gives.
TEST(Normalize, FoldingWordByWordEqualsFoldingTheWholeText) {
    auto fold_whole = [](const std::string& raw) {
        std::string text = text::repair_utf8(raw);  // as the merge does
        utf8proc_uint8_t* folded = nullptr;
        auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                      UTF8PROC_STRIPMARK | UTF8PROC_STABLE);
        if (utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                         static_cast<utf8proc_ssize_t>(text.size()), &folded, options) < 0 || !folded)
            return text;
        std::string out(reinterpret_cast<const char*>(folded));
        std::free(folded);
        return out;
    };
    // Pieces that compose, decompose or fold across what could be a word
    // boundary: combining marks after spaces, ligatures, fullwidth and
    // compatibility forms, Hangul jamo, final sigma, NUL.
    const std::vector<std::string> pieces{
        " ", "\n", "\t", "\r", "a", "Z", "e", "\xcc\x81" /* U+0301 */, "\xc3\xa9" /* é */, "\xef\xac\x81" /* ﬁ */,
        "\xef\xbc\xa6" /* Ｆ */, "\xc2\xb4" /* ´ */, "\xe1\x84\x80" /* ᄀ */, "\xe1\x85\xa1" /* ᅡ */,
        "\xce\xa3" /* Σ */, "\xe2\x80\x94" /* — */, "\xc2\xa0" /* NBSP */, "\xe2\x85\xa0" /* Ⅰ */, std::string(1, '\0'),
        "Stra\xc3\x9f" "e" /* Straße */, "KV-Cache", "\xe3\x80\x80" /* ideographic space */,
        // folding to a space (¨ is a space and a mark), and invalid UTF-8
        "\xc2\xa8", "\xe2\x80\x82" /* en space */, "\xce\xb1\xce\xb2" /* αβ */, "\xe2\x80", "\x80", "\xff"};
    testing::check_property("fold_case word by word = whole text", 500, [&] {
        auto parts = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces));
        std::string text;
        for (const auto& part : parts) text += part;
        RC_ASSERT(merge::fold_case(text) == fold_whole(text));
    });
}

TEST(Normalize, ContractionsAndWordBags) {
    merge::SpellingMap spelling;
    auto batchnorm = merge::make_keys("BatchNorm", spelling);
    EXPECT_TRUE(batchnorm.is_contraction);
    EXPECT_EQ(batchnorm.contraction, merge::make_keys("Batch Normalization", spelling).contraction);
    EXPECT_EQ(merge::make_keys("RMSNorm", spelling).contraction, merge::make_keys("RMS Normalization", spelling).contraction);
    EXPECT_FALSE(merge::make_keys("GPTQ", spelling).is_contraction) << "an acronym is not a contraction";
    EXPECT_FALSE(merge::make_keys("vLLM", spelling).is_contraction) << "a one-letter part is no word";
    EXPECT_EQ(merge::make_keys("Quantized KV Cache", spelling).word_bag,
              merge::make_keys("KV Cache Quantization", spelling).word_bag);
    EXPECT_NE(merge::make_keys("KV Cache", spelling).word_bag,
              merge::make_keys("KV Cache Quantization", spelling).word_bag);
    EXPECT_TRUE(merge::make_keys("Temperature", spelling).word_bag.empty()) << "one word has no bag";
}

// A small corpus around the pair under test, so that the definitions'
// TF-IDF weights are those of a glossary, not of two documents.
std::vector<Entry> with_background(std::vector<Entry> entries) {
    const char* background[][2] = {
        {"Tokenizer", "Splits raw text into tokens from a fixed vocabulary before the model sees it."},
        {"Learning Rate", "The step size of each optimizer update during training."},
        {"Beam Search", "Keeps the best few partial sequences at every decoding step."},
        {"Dropout", "Randomly zeroes activations during training to reduce overfitting."},
        {"Perplexity", "The exponential of the average negative log-likelihood per token on held-out text."},
        {"Embedding", "A learned dense vector that represents a token or item."},
    };
    for (const auto& [name, definition] : background) entries.push_back(make_entry(name, definition));
    return entries;
}

// Source "a" (the higher priority) with one entry and the background, and
// source "b" with one entry.
merge::MergeResult merge_pair(Entry a, Entry b) {
    return merge_all({make_source("a", 10, with_background({std::move(a)})), make_source("b", 5, {std::move(b)})});
}

// The concept `name` names, with the headword and number of entries expected.
void expect_concept(const ir::Glossary& g, const std::string& name, const std::string& headword, std::size_t entries) {
    const ir::Concept* c = concept_named(g, name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_EQ(c->headword, headword) << name;
    EXPECT_EQ(c->provenance.size(), entries) << name;
}

TEST(MergeRules, ModifiersInFrontMergeOnlyWithNearParaphraseDefinitions) {
    auto same = merge_pair(
        make_entry("Temperature",
                   "Temperature divides the logits before the softmax: low values sharpen the next-token distribution, high values flatten it."),
        make_entry("Softmax Temperature",
                   "Softmax temperature divides the logits before the softmax, sharpening the next-token distribution when low and flattening it when high."));
    expect_concept(same.glossary, "Softmax Temperature", "Temperature", 2);

    auto narrower = merge_pair(
        make_entry("Pruning", "Pruning removes weights, neurons or heads from a trained network to make it smaller and faster."),
        make_entry("Structured Pruning",
                   "Structured pruning removes whole channels or attention heads so that dense hardware kernels still apply."));
    EXPECT_EQ(narrower.glossary.concepts.size(), 8u) << "a narrower term stays its own concept";
    bool reported = false;
    for (const auto& p : narrower.trace.pairs)
        reported = reported || (p.match == merge::MatchKind::Modifier && p.decision == merge::Decision::TooWeak);
    EXPECT_TRUE(reported) << "the pair is reported as kept apart, for the merge report";
}

TEST(MergeRules, TitlesOfTopicListsOfferTheirParts) {
    auto result = merge_all({
        make_source("a", 10, with_background({
            make_entry("Gradient Accumulation", "Sums gradients over several micro-batches before one optimizer step, emulating a larger batch."),
            make_entry("Jailbreak", "A prompt crafted to make a model ignore its safety training and produce refused content."),
            make_entry("Reward", "The scalar signal an RL environment returns for an action."),
        })),
        make_source("b", 5, {
            make_entry("Gradient Accumulation & Micro-Batching", "Accumulating gradients over micro-batches before a single optimizer step emulates a larger batch."),
            make_entry("What is a jailbreak in the context of LLMs?", "A jailbreak is a prompt that makes the model ignore its safety training and produce content it would refuse."),
            make_entry("-Reward / -RM", "A model-name suffix: the checkpoint is a reward model that scores responses."),
        }),
    });
    expect_concept(result.glossary, "Gradient Accumulation & Micro-Batching", "Gradient Accumulation", 2);
    expect_concept(result.glossary, "Jailbreak", "Jailbreak", 2);
    expect_concept(result.glossary, "Reward", "Reward", 1);  // "-Reward" names a suffix, not the reward
}

TEST(MergeRules, NamesADefinitionGivesAreAliases) {
    auto result = merge_pair(
        make_entry("Context Window", "The maximum number of tokens a model can attend to in one forward pass."),
        make_entry("context length",
                   "The maximum number of tokens the model can attend to at once (also called the context window or sequence length)."));
    expect_concept(result.glossary, "context length", "Context Window", 2);
    EXPECT_NE(concept_named(result.glossary, "sequence length"), nullptr) << "every name given is a label";
}

TEST(MergeRules, ADeclaredNameOutranksAStemMatch) {
    // "also called causal language modeling" meets that headword before the
    // same source's "causal language model" (only the same stem) does.
    auto result = merge_all({
        make_source("a", 10, with_background({make_entry(
            "Causal Language Modeling", "The objective of predicting each next token from the tokens to its left.")})),
        make_source("b", 5, {
            make_entry("causal language model", "A model trained to predict each next token from the tokens to its left."),
            make_entry("next-token prediction",
                       "Predicting each next token from the tokens before it. Also called causal language modeling."),
        }),
    });
    expect_concept(result.glossary, "next-token prediction", "Causal Language Modeling", 2);
    expect_concept(result.glossary, "causal language model", "causal language model", 1);
}

TEST(MergeRules, ADefinitionsSubjectNamesItsTitle) {
    // A title whose text opens with its first words as the subject, written
    // as a proper name throughout, is about that name: "Triton GPU Kernel
    // Programming: Triton (OpenAI) is ... kernels written in Triton".
    auto merged = merge_pair(
        make_entry("Triton", "An open-source language from OpenAI for writing GPU kernels in Python instead of CUDA."),
        make_entry("Triton GPU Kernel Programming",
                   "Triton (OpenAI, 2019) is a Python-embedded language for fast GPU kernels; many attention kernels "
                   "are written in Triton instead of CUDA."));
    expect_concept(merged.glossary, "Triton GPU Kernel Programming", "Triton", 2);

    // A common noun as the subject, a subject used only where it opens the
    // text, the whole title as the subject, or another subject names
    // nothing shorter: "Weight Decay Coefficient" is a coefficient.
    const char* shrinks = "Shrinks the weights toward zero at every optimizer step.";
    const char* apart[] = {
        "Weight decay is a penalty; the weight decay coefficient scales how far it shrinks the weights each step.",
        "Weight decay is a penalty that shrinks the weights at every optimizer step.",
        "Weight decay coefficient is how far Weight decay shrinks the weights at every optimizer step.",
        "How far the weights shrink at every optimizer step: the coefficient of Weight decay.",
    };
    for (const char* title_definition : apart) {
        auto result = merge_pair(make_entry("Weight decay", shrinks), make_entry("Weight Decay Coefficient", title_definition));
        EXPECT_EQ(result.glossary.concepts.size(), 8u) << title_definition;
        const ir::Concept* coefficient = concept_named(result.glossary, "Weight Decay Coefficient");
        ASSERT_NE(coefficient, nullptr);
        EXPECT_EQ(coefficient->labels.size(), 1u) << "a subject is never a label";
    }
}

TEST(MergeRules, AnEntryKeyGivenAsWordsIsAName) {
    // A termbase files "Test-Time Compute Scaling" under the id
    // "test-time-compute": that id meets another source's "test-time compute".
    Entry scaling = make_entry("test-time-compute",
                               "Spending more compute at inference rather than training, letting the model think longer.");
    scaling.headword = "Test-Time Compute Scaling";
    auto merged = merge_pair(std::move(scaling),
                             make_entry("test-time compute", "Compute spent at inference, longer chains of thought and more samples, rather than in training."));
    expect_concept(merged.glossary, "test-time compute", "Test-Time Compute Scaling", 2);
    const ir::Concept* c = concept_named(merged.glossary, "test-time compute");
    ASSERT_NE(c, nullptr);
    for (const auto& label : c->labels) EXPECT_NE(label.text, "test-time-compute") << "a key is no label";

    // Keys that are not words, or that are the headword, add nothing.
    Entry numbered = make_entry("e-0042", "Spending more compute at inference rather than training.");
    numbered.headword = "Test-Time Compute Scaling";
    auto apart = merge_pair(std::move(numbered), make_entry("0042", "Spending more compute at inference rather than training."));
    EXPECT_EQ(apart.glossary.concepts.size(), 8u);
}

TEST(MergeRules, ContractionsAndReorderedWordsMerge) {
    auto result = merge_all({
        make_source("a", 10, with_background({
            make_entry("Batch Normalization", "Normalizes each activation over the mini-batch, then rescales it with learned parameters."),
            make_entry("KV Cache Quantization", "Stores the attention key and value cache in low-bit integers to cut decoding memory."),
        })),
        make_source("b", 5, {
            make_entry("BatchNorm", "Normalizes activations over the mini-batch with learned scale and shift parameters."),
            make_entry("Quantized KV Cache (int4 / int8)", "Keeping the key and value cache in int4 or int8 cuts the memory of long decoding."),
        }),
    });
    EXPECT_EQ(result.glossary.concepts.size(), 8u);
    expect_concept(result.glossary, "BatchNorm", "Batch Normalization", 2);
}

TEST(MergeRules, OneSourcesEntriesWithTheSameAbbreviationAndWordingAreOne) {
    merge::MergeData data;
    data.spelling.generic = {"layer"};  // "MoE Layer" is MoE
    auto result = merge_all({make_source("a", 10, with_background({
        make_entry("Sparsely-Gated Mixture of Experts", "A layer of many expert networks where a learned router sends each token to a few experts.",
                   {{"MoE", ir::LabelKind::Abbreviation, {}}}),
        make_entry("Sparse Mixture-of-Experts Layer", "Replaces a dense layer with many expert networks; a router sends each token to a few of them.",
                   {{"MoE Layer", ir::LabelKind::Abbreviation, {}}}),
        make_entry("Mixture of Depths", "Lets a router skip whole layers for some tokens to save compute.",
                   {{"MoD", ir::LabelKind::Abbreviation, {}}}),
    }))}, data);
    EXPECT_EQ(result.glossary.concepts.size(), 8u);
    expect_concept(result.glossary, "MoE", "Sparsely-Gated Mixture of Experts", 2);
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
    ir::AliasIndex index(result.glossary);
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
            s.result.entries[0].definition.example = ir::paragraphs(text::parse_inline_math("the draft tokens are checked by the verifier in speculative decoding"));
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

TEST(MergeRules, ACoinedNameMeetsTitlesThatAddItsKind) {
    auto merged = merge_pair(
        make_entry("GPTQ", "Post-training weight quantization using second-order information to compress weights to 3-4 bits."),
        make_entry("GPTQ Quantization", "A one-shot post-training quantization that pushes weights to 3-4 bits using second-order information."));
    expect_concept(merged.glossary, "GPTQ Quantization", "GPTQ", 2);

    // A plain word followed by more words is another thing, and a list or a
    // sentence about the coined word is no title of it.
    const char* apart[][2] = {{"Triton", "Triton GPU Kernel Programming"},
                              {"TTFT", "TTFT, ITL, TPS Serving Metrics"},
                              {"RLHF", "RLHF as KL-Regularized Policy Optimization"}};
    for (const auto& pair : apart) {
        auto result = merge_pair(make_entry(pair[0], "Writing fast kernels and serving metrics for policy optimization."),
                                 make_entry(pair[1], "Writing fast kernels and serving metrics for policy optimization."));
        EXPECT_EQ(result.glossary.concepts.size(), 8u) << pair[0] << " / " << pair[1];
    }

    // The coined word's own long form outranks a longer title using it.
    auto result = merge_all({
        make_source("a", 10, with_background({make_entry("LoRA", "Low-rank adaptation trains small low-rank matrices added to frozen weights.")})),
        make_source("b", 5, {
            make_entry("Low-Rank Adaptation (LoRA)", "Trains small low-rank update matrices added to the frozen weights."),
            make_entry("LoRA Adapter", "The small low-rank matrices trained by LoRA and added to frozen weights."),
        }),
    });
    expect_concept(result.glossary, "Low-Rank Adaptation (LoRA)", "LoRA", 2);
    expect_concept(result.glossary, "LoRA Adapter", "LoRA Adapter", 1);
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
