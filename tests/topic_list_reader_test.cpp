// The "topic-list" reader (003) on the real seed file, with the options the
// seed manifest gives it, and on small hand-written lists with the damage real
// scrapes have: other line endings, a BOM, a lost line, a cut-off file. Also
// the glued-title splitter it is built on.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>

#include "readers/glued_title.hpp"
#include "support/paths.hpp"
#include "support/reader_fixtures.hpp"
#include "text/lines.hpp"

namespace glossc {
namespace {

using testing::codes_of;
using testing::describe;
using testing::find_key;
using testing::has_label;
using testing::lines_of;
using testing::plain;

SourceSpec seed() { return testing::seed_spec("topic-list"); }

SourceSpec spec_for(const std::string& file) {
    SourceSpec spec = seed();
    spec.file = file;
    spec.display_path = "sources/" + file;
    return spec;
}

ReaderResult read_seed(DiagnosticSink& sink) {
    SourceSpec spec = seed();
    return testing::read_with(spec, testing::seed_document(spec), sink);
}

ReaderResult read_text(const std::string& document, DiagnosticSink& sink) {
    return testing::read_with(spec_for("topics.txt"), document, sink);
}

std::string summary_of(const ReaderResult& result, const std::string& key) {
    const Entry* entry = find_key(result, key);
    EXPECT_NE(entry, nullptr) << key;
    return entry ? plain(entry->definition.summary) : std::string();
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// A small list in the seed's shape.
const std::vector<std::string> kSmallList{
    "Tag: path-scaling-advanced",
    "3 topic(s)",
    "- PagedAttentionPagedAttention stores the KV cache in fixed-size blocks.",
    "- Low-Rank Adaptation (LoRA)LoRA fine-tunes a model with a low-rank update \\( \\Delta W = BA \\).",
    "- Implicit Regularisation of SGDOver-parameterised networks trained by SGD generalise.",
};

TEST(TopicListReader, ReadsAll223TopicsOfTheSeed) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    ASSERT_EQ(result.entries.size(), 223u) << describe(sink);
    EXPECT_FALSE(sink.has_errors()) << describe(sink);
    for (const auto& code : {"topic-count-mismatch", "topic-count-missing", "topic-list-no-tag", "unplaced-line",
                             "topic-split-uncertain"})
        EXPECT_TRUE(lines_of(sink, code).empty()) << code << "\n" << describe(sink);
    for (const auto& entry : result.entries) {
        EXPECT_FALSE(entry.key.empty());
        EXPECT_GE(entry.line, 3u) << entry.key;
        EXPECT_EQ(entry.categories, std::vector<std::string>{"path-scaling-advanced"}) << entry.key;
        EXPECT_EQ(entry.definition.source, "topic-list");
        EXPECT_EQ(entry.definition.line, entry.line);
        EXPECT_FALSE(entry.definition.summary.empty()) << entry.key;
        EXPECT_TRUE(entry.definition.example.empty()) << entry.key;
    }
}

// Every seam of the seed, as read and checked by hand (tests/data).
TEST(TopicListReader, SplitsEveryTitleOfTheSeedAsVerified) {
    std::ifstream golden(testing::source_dir() / "tests" / "data" / "003_topic_titles.txt");
    ASSERT_TRUE(golden) << "tests/data/003_topic_titles.txt";
    std::map<std::uint32_t, std::string> expected;
    for (std::string row; std::getline(golden, row);) {
        if (row.empty() || row.front() == '#') continue;
        auto tab = row.find('\t');
        expected[static_cast<std::uint32_t>(std::stoul(row.substr(0, tab)))] = row.substr(tab + 1);
    }
    ASSERT_EQ(expected.size(), 223u);
    DiagnosticSink sink;
    auto result = read_seed(sink);
    ASSERT_EQ(result.entries.size(), expected.size());
    for (const auto& entry : result.entries) EXPECT_EQ(entry.key, expected[entry.line]) << "line " << entry.line;
}

TEST(TopicListReader, SpotChecksOfHardSeams) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    // The definition restarts with the title, or with one of its words, or with a sentence opener.
    EXPECT_TRUE(starts_with(summary_of(result, "PagedAttention"), "PagedAttention stores the KV cache"));
    EXPECT_TRUE(starts_with(summary_of(result, "xLSTM"), "xLSTM is a family"));
    EXPECT_TRUE(starts_with(summary_of(result, "vLLM & Continuous Batching"), "vLLM is an LLM serving system"));
    EXPECT_TRUE(starts_with(summary_of(result, "Constitutional Classifiers++"), "Constitutional Classifiers++ is"));
    EXPECT_TRUE(starts_with(summary_of(result, "Implicit Regularisation of SGD"), "Over-parameterised networks"));
    EXPECT_TRUE(starts_with(summary_of(result, "Core LLM Benchmarks (MMLU, HumanEval, GSM8K, MATH)"), "MMLU tests"));
    EXPECT_TRUE(starts_with(summary_of(result, "ROME / MEMIT Model Editing"), "Rank-one edits"));
    EXPECT_TRUE(
        starts_with(summary_of(result, "Medusa & EAGLE Speculative-Decoding Heads"), "Speculative decoding with"));
    EXPECT_TRUE(
        starts_with(summary_of(result, "What is a jailbreak in the context of LLMs?"), "In the context of LLMs"));
    EXPECT_TRUE(starts_with(summary_of(result, "Quantized KV Cache (int4 / int8 / KIVI)"), "Store the KV cache"));
    EXPECT_TRUE(starts_with(summary_of(result, "Hyperparameter"), "A hyperparameter is"));
    EXPECT_TRUE(starts_with(summary_of(result, "QLoRA (Quantized LoRA)"), "QLoRA combines"));
}

TEST(TopicListReader, NamesTitlesWithoutTurningQualifiersIntoAliases) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    const Entry* lora = find_key(result, "Low-Rank Adaptation (LoRA)");
    ASSERT_NE(lora, nullptr);
    EXPECT_EQ(lora->headword, "Low-Rank Adaptation");
    EXPECT_TRUE(has_label(*lora, "LoRA", ir::LabelKind::Abbreviation));
    const Entry* zero = find_key(result, "ZeRO (Zero Redundancy Optimizer)");
    ASSERT_NE(zero, nullptr);
    EXPECT_EQ(zero->headword, "ZeRO");
    EXPECT_TRUE(has_label(*zero, "Zero Redundancy Optimizer", ir::LabelKind::Expansion));
    // Qualifiers, list qualifiers and slash-joined topics are not names.
    for (const char* key :
         {"Load Balancing (MoE)", "Role-Playing (LLMs)", "Sparse Autoencoder (Mechanistic Interpretability)",
          "Core LLM Benchmarks (MMLU, HumanEval, GSM8K, MATH)", "State Space Models / Mamba",
          "Quantized KV Cache (int4 / int8 / KIVI)", "Self-Refine / Reflexion"}) {
        const Entry* entry = find_key(result, key);
        ASSERT_NE(entry, nullptr) << key;
        EXPECT_EQ(entry->headword, key);
        EXPECT_TRUE(entry->labels.empty()) << key << ": " << entry->labels.front().text;
    }
}

TEST(TopicListReader, ParsesMathAndReportsTheLostBackslash) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    const Entry* lora = find_key(result, "Low-Rank Adaptation (LoRA)");
    ASSERT_NE(lora, nullptr);
    auto math = std::find_if(lora->definition.summary.begin(), lora->definition.summary.end(),
                             [](const ir::Inline& node) { return node.kind == ir::InlineKind::Math; });
    ASSERT_NE(math, lora->definition.summary.end());
    EXPECT_EQ(math->text, "\\Delta W = BA");
    // "\(I(Z;Y) - eta I(Z;X)\)": "\beta" lost its backslash. Nothing else is flagged.
    EXPECT_EQ(lines_of(sink, "math-missing-backslash"), std::vector<std::uint32_t>{207});
    EXPECT_TRUE(lines_of(sink, "math-unclosed").empty());
}

TEST(TopicListReader, AccountsForEveryLineOfTheSeed) {
    SourceSpec spec = seed();
    std::string document = testing::seed_document(spec);
    DiagnosticSink sink;
    auto result = testing::read_with(spec, document, sink);
    std::set<std::uint32_t> consumed;
    for (const auto& entry : result.entries) consumed.insert(entry.line);
    std::regex count_claim(R"(\d+ topics?(\(s\))?)");
    auto is_header = [&](std::string_view line) {
        return text::starts_with(line, "Tag:") || std::regex_match(line.begin(), line.end(), count_claim);
    };
    auto account = testing::account_lines(document, consumed, is_header, sink);
    EXPECT_EQ(account.total, 225u);
    EXPECT_EQ(account.consumed, 223u);
    EXPECT_EQ(account.header, 2u);
    EXPECT_EQ(account.consumed + account.header + account.reported + account.blank, account.total);
    EXPECT_TRUE(account.unaccounted.empty());
}

TEST(TopicListReader, ReadsTheSameWithCrLfBomAndLoneCr) {
    DiagnosticSink lf_sink;
    auto lf = read_text(testing::join_lines(kSmallList), lf_sink);
    ASSERT_EQ(lf.entries.size(), 3u) << describe(lf_sink);
    for (auto eol : {"\r\n", "\r"}) {
        DiagnosticSink sink;
        auto other = read_text("\xEF\xBB\xBF" + testing::join_lines(kSmallList, eol), sink);
        ASSERT_EQ(other.entries.size(), 3u) << describe(sink);
        for (std::size_t i = 0; i < 3; ++i) {
            EXPECT_EQ(other.entries[i].key, lf.entries[i].key);
            EXPECT_EQ(other.entries[i].line, lf.entries[i].line);
            EXPECT_EQ(other.entries[i].definition, lf.entries[i].definition);
        }
        EXPECT_EQ(describe(sink), describe(lf_sink));
    }
    EXPECT_EQ(lf.entries[0].line, 3u);
    EXPECT_EQ(lf.entries[2].key, "Implicit Regularisation of SGD");
}

TEST(TopicListReader, ReportsALostLineAgainstTheCount) {
    auto lines = kSmallList;
    lines.erase(lines.begin() + 3);  // the LoRA topic
    DiagnosticSink sink;
    auto result = read_text(testing::join_lines(lines), sink);
    ASSERT_EQ(result.entries.size(), 2u);
    EXPECT_EQ(result.entries[1].line, 4u);
    EXPECT_EQ(lines_of(sink, "topic-count-mismatch"), std::vector<std::uint32_t>{2});
}

TEST(TopicListReader, FlagsADefinitionCutOffWithTheFile) {
    std::string document = testing::join_lines(kSmallList);
    document.resize(document.size() - std::string(" generalise.\n").size() + 3);  // "... SGD ge"
    DiagnosticSink sink;
    auto result = read_text(document, sink);
    ASSERT_EQ(result.entries.size(), 3u);
    const Entry& cut = result.entries[2];
    EXPECT_EQ(cut.key, "Implicit Regularisation of SGD");
    EXPECT_EQ(cut.definition.flags, std::vector<std::string>{"truncated"});
    EXPECT_EQ(lines_of(sink, "text-cut-off"), std::vector<std::uint32_t>{5});
    EXPECT_TRUE(result.entries[0].definition.flags.empty());
}

// Measured: no definition of the seed is cut off; each ends its last sentence.
TEST(TopicListReader, FindsNoCutOffDefinitionInTheSeed) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    EXPECT_TRUE(lines_of(sink, "text-cut-off").empty()) << describe(sink);
    for (const auto& entry : result.entries) EXPECT_TRUE(entry.definition.flags.empty()) << entry.key;
}

TEST(TopicListReader, ReportsAFormulaCutOffInsideIt) {
    DiagnosticSink sink;
    auto result =
        read_text(testing::join_lines({"Tag: t", "1 topic(s)", "- Top-k SamplingTop-k keeps the \\( k"}), sink);
    ASSERT_EQ(result.entries.size(), 1u);
    EXPECT_EQ(lines_of(sink, "math-unclosed"), std::vector<std::uint32_t>{3});
    EXPECT_EQ(lines_of(sink, "text-cut-off"), std::vector<std::uint32_t>{3});
}

TEST(TopicListReader, ReportsLinesItCannotPlaceAndAMissingHeader) {
    DiagnosticSink sink;
    auto result = read_text(testing::join_lines({"- PagedAttentionPagedAttention stores the KV cache.",
                                                 "stray text from the page", "- only lower case words here", "",
                                                 "- "}),
                            sink);
    ASSERT_EQ(result.entries.size(), 1u);
    EXPECT_TRUE(result.entries[0].categories.empty());
    EXPECT_EQ(lines_of(sink, "unplaced-line"), (std::vector<std::uint32_t>{2, 3, 5}));
    EXPECT_EQ(lines_of(sink, "topic-list-no-tag"), std::vector<std::uint32_t>{0});
    EXPECT_EQ(lines_of(sink, "topic-count-missing"), std::vector<std::uint32_t>{0});
    EXPECT_FALSE(sink.has_errors());
}

TEST(TopicListReader, TakesItsLayoutFromOptions) {
    SourceSpec spec = spec_for("topics.txt");
    spec.options = {{"entry_marker", "* "}, {"tag_prefix", "Topic:"}, {"topic_count", R"(Count: (\d+))"}};
    DiagnosticSink sink;
    auto result = testing::read_with(
        spec, testing::join_lines({"Topic: demo", "Count: 1", "* DropoutDropout zeroes activations."}), sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(result.entries[0].key, "Dropout");
    EXPECT_EQ(result.entries[0].categories, std::vector<std::string>{"demo"});
    EXPECT_TRUE(sink.all().empty()) << describe(sink);

    spec.options = {{"topic_count", "(unclosed"}, {"colour", "blue"}};
    DiagnosticSink bad;
    EXPECT_TRUE(testing::read_with(spec, "Tag: x\n", bad).entries.empty());
    EXPECT_TRUE(codes_of(bad).count("reader-bad-option")) << describe(bad);
    EXPECT_TRUE(codes_of(bad).count("reader-unknown-option")) << describe(bad);
}

// The splitter itself, on titles that are not in the seed.
TEST(GluedTitle, FindsTheSeam) {
    auto openers = default_sentence_openers();
    std::vector<std::string> words(openers.begin(), openers.end());
    auto title_of = [&](std::string_view glued) {
        auto seam = split_glued_title(glued, words);
        return seam ? std::string(glued.substr(0, seam->at)) : std::string("<none>");
    };
    EXPECT_EQ(title_of("GPT-4 TurboGPT-4 Turbo is a model."), "GPT-4 Turbo");
    EXPECT_EQ(title_of("Mixture of Experts (MoE)An MoE layer routes tokens."), "Mixture of Experts (MoE)");
    EXPECT_EQ(title_of("BERTBERT is an encoder."), "BERT");
    EXPECT_EQ(title_of("iPhone NPUThe NPU of a phone."), "iPhone NPU");
    EXPECT_EQ(title_of("Warmup ScheduleGradually raise the learning rate."), "Warmup Schedule");
    EXPECT_EQ(title_of("no capital letters anywhere"), "<none>");
    EXPECT_EQ(title_of("Data (unclosed"), "<none>");
    auto sure = split_glued_title("PagedAttentionPagedAttention stores pages.", words);
    ASSERT_TRUE(sure);
    EXPECT_GE(sure->margin, kUncertainSplitMargin);
}

}  // namespace
}  // namespace glossc
