// The "ai-dictionary" reader (000) on the real seed file, with the options the
// seed manifest gives it, and on small hand-written pages with the damage real
// scrapes have: other line endings, a BOM, missing lines, a cut-off file.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "readers/line_source.hpp"
#include "readers/options.hpp"
#include "support/reader_fixtures.hpp"
#include "text/lines.hpp"

namespace glossc {
namespace {

using testing::codes_of;
using testing::find_headword;
using testing::find_key;
using testing::has_label;
using testing::lines_of;
using testing::plain;

SourceSpec seed() { return testing::seed_spec("ai-dictionary"); }

// A spec with the seed's options for a hand-written document.
SourceSpec spec_for(const std::string& file) {
    SourceSpec spec = seed();
    spec.file = file;
    spec.display_path = "sources/" + file;
    return spec;
}

// The lines an entry was read from: its headword line, then in order the
// lines holding its category (and alias), definition, explanation and
// example; a damaged entry lacks some of them.
std::set<std::uint32_t> consumed_lines(std::string_view document, const ReaderResult& result) {
    auto lines = text::non_blank_lines(document);
    std::set<std::uint32_t> consumed;
    for (const auto& entry : result.entries) {
        auto at = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.number == entry.line; });
        if (at == lines.end() || at->text != entry.key) {
            ADD_FAILURE() << "entry '" << entry.key << "' is not at its line " << entry.line;
            continue;
        }
        consumed.insert((at++)->number);
        const auto& d = entry.definition;
        auto is_category_line = [&](std::string_view t) {
            if (entry.categories.empty() || !text::starts_with(t, entry.categories[0])) return false;
            std::string_view alias = t.substr(entry.categories[0].size());
            return alias.empty() || std::any_of(entry.labels.begin(), entry.labels.end(),
                                                [&](const auto& l) { return l.text == alias; });
        };
        auto is_summary = [&](std::string_view t) { return !d.summary.empty() && t == plain(d.summary); };
        // An explanation may have taken further lines (reported as extra).
        auto is_body = [&](std::string_view t) { return !d.body.empty() && plain(d.body).find(t) != std::string::npos; };
        auto is_example = [&](std::string_view t) {
            return !d.example.empty() && text::starts_with(t, "Example") && t.substr(7) == plain(d.example);
        };
        for (const auto& field : std::vector<std::function<bool(std::string_view)>>{
                 is_category_line, is_summary, is_body, is_example}) {
            while (at != lines.end() && field(at->text)) consumed.insert((at++)->number);
        }
    }
    return consumed;
}

// Header lines the manifest recognises: its chrome patterns and the reader's
// count claim.
std::function<bool(std::string_view)> header_matcher(const SourceSpec& spec) {
    DiagnosticSink ignored;
    PageChrome chrome(ReaderOptions(spec, ignored, {"categories", "chrome", "term_count", "example_marker"})
                          .patterns("chrome"));
    return [chrome](std::string_view line) {
        static const std::regex kCountClaim(R"((\d+) terms\b.*)");
        return chrome.matches(line) || std::regex_match(line.begin(), line.end(), kCountClaim);
    };
}

// Every line is consumed by an entry, recognised as header, reported or blank.
testing::LineAccount expect_every_line_accounted(const SourceSpec& spec, std::string_view document,
                                                 const ReaderResult& result, const DiagnosticSink& sink) {
    auto account =
        testing::account_lines(document, consumed_lines(document, result), header_matcher(spec), sink);
    EXPECT_TRUE(account.unaccounted.empty()) << "first silently dropped line: " << account.unaccounted.front();
    EXPECT_EQ(account.consumed + account.header + account.reported + account.blank, account.total);
    return account;
}

// ---- The seed ----------------------------------------------------------------

class AiDictionarySeed : public ::testing::Test {
protected:
    void SetUp() override {
        spec = seed();
        document = testing::seed_document(spec);
        result = testing::read_with(spec, document, sink);
    }
    SourceSpec spec;
    std::string document;
    DiagnosticSink sink;
    ReaderResult result;
};

TEST_F(AiDictionarySeed, Reads101EntriesAndInventsNone) {
    EXPECT_EQ(result.entries.size(), 101u);
    for (const auto& e : result.entries) {
        EXPECT_FALSE(e.headword.empty()) << e.line;
        ASSERT_EQ(e.categories.size(), 1u) << e.key;
        EXPECT_EQ(e.definition.source, "ai-dictionary");
        EXPECT_EQ(e.definition.line, e.line);
        EXPECT_FALSE(e.definition.summary.empty()) << e.key;
        EXPECT_FALSE(e.definition.body.empty()) << e.key;
        EXPECT_FALSE(e.definition.example.empty()) << e.key;
        EXPECT_TRUE(e.definition.flags.empty()) << e.key;
    }
    EXPECT_EQ(result.entries.front().key, "Ablation");
    EXPECT_EQ(result.entries.front().line, 15u);
    EXPECT_EQ(result.entries.back().key, "ZeRO");
    EXPECT_EQ(result.entries.back().line, 1015u);
}

TEST_F(AiDictionarySeed, OnlyDiagnosticIsTheHeaderCountMismatch) {
    ASSERT_EQ(sink.all().size(), 1u) << testing::describe(sink);
    const auto& d = sink.all().front();
    EXPECT_EQ(d.code, "entry-count-mismatch");
    EXPECT_EQ(d.severity, ir::Severity::Warning);
    EXPECT_EQ(d.line, 7u);  // "102 terms · machine-readable at /what"
    EXPECT_NE(d.message.find("102"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("101"), std::string::npos) << d.message;
}

TEST_F(AiDictionarySeed, SplitsCategoryFromGluedAlias) {
    const Entry* adamw = find_key(result, "AdamW");
    ASSERT_NE(adamw, nullptr);
    EXPECT_EQ(adamw->categories, std::vector<std::string>{"Training"});
    EXPECT_TRUE(has_label(*adamw, "Adam with weight decay", ir::LabelKind::Expansion));

    const Entry* ablation = find_key(result, "Ablation");
    ASSERT_NE(ablation, nullptr);
    EXPECT_EQ(ablation->categories, std::vector<std::string>{"Fundamentals"});
    EXPECT_TRUE(ablation->labels.empty());

    const Entry* gguf = find_key(result, "GGUF");  // a category with a space and '&'
    ASSERT_NE(gguf, nullptr);
    EXPECT_EQ(gguf->categories, std::vector<std::string>{"Formats & Runtime"});
    EXPECT_TRUE(has_label(*gguf, "GGML successor", ir::LabelKind::Variant));

    const Entry* dpo = find_key(result, "DPO");
    ASSERT_NE(dpo, nullptr);
    EXPECT_EQ(dpo->categories, std::vector<std::string>{"RL & Alignment"});
    EXPECT_TRUE(has_label(*dpo, "Direct Preference Optimization", ir::LabelKind::Expansion));

    const Entry* quantization = find_key(result, "Quantization");  // headword equal to a category
    ASSERT_NE(quantization, nullptr);
    EXPECT_EQ(quantization->categories, std::vector<std::string>{"Quantization"});
    EXPECT_TRUE(has_label(*quantization, "quantisation", ir::LabelKind::Variant));
}

TEST_F(AiDictionarySeed, TypesAliasLabels) {
    const Entry* zero = find_key(result, "ZeRO");
    ASSERT_NE(zero, nullptr);
    EXPECT_EQ(zero->headword, "ZeRO");
    EXPECT_TRUE(has_label(*zero, "Zero Redundancy Optimizer", ir::LabelKind::Expansion));
    const Entry* cot = find_key(result, "Chain-of-Thought");
    ASSERT_NE(cot, nullptr);
    EXPECT_TRUE(has_label(*cot, "CoT", ir::LabelKind::Abbreviation));
}

TEST_F(AiDictionarySeed, KeepsTheFiveLinesAsDefinitionParts) {
    const Entry* ablation = find_key(result, "Ablation");
    ASSERT_NE(ablation, nullptr);
    EXPECT_EQ(plain(ablation->definition.summary),
              "Removing one component to measure how much it actually contributes.");
    EXPECT_TRUE(text::starts_with(plain(ablation->definition.body), "An ablation study turns a part off"));
    // The example without the page's glued "Example" label.
    EXPECT_EQ(plain(ablation->definition.example),
              "Ablating the distractor documents shows RAFT's robustness gains came from training through noise.");
    const Entry* workflow = find_key(result, "Workflow");
    ASSERT_NE(workflow, nullptr);
    EXPECT_EQ(plain(workflow->definition.example), "[[workflow]]: download loads → analyze margin → decide → process.");
}

TEST_F(AiDictionarySeed, AccountsForEveryLine) {
    auto account = expect_every_line_accounted(spec, document, result, sink);
    EXPECT_EQ(account.total, 1023u);
    EXPECT_EQ(account.consumed, 101u * 5);
    EXPECT_EQ(account.header, 8u);  // page chrome and the two "102 terms" claims
    EXPECT_EQ(account.reported, 0u);
}

// ---- Hand-written pages --------------------------------------------------------

// Three entries between page chrome; line numbers in the comments.
const std::vector<std::string> kPage = {
    "Learn · the front door to the suite",                                      // 1  chrome
    "3 terms · machine-readable at /what",                                      // 2  count claim
    "Ask the Docent",                                                           // 3  chrome
    "Ablation",                                                                 // 4
    "Fundamentals",                                                             // 5
    "Removing one component to measure what it contributes.",                   // 6
    "An ablation study turns a part off and measures the drop.",                // 7
    "ExampleAblating the distractors shows where the gain came from.",          // 8
    "AdamW",                                                                    // 9
    "TrainingAdam with weight decay",                                           // 10
    "The default optimizer for training transformers.",                         // 11
    "Training with AdamW decouples weight decay from the gradient update.",     // 12 starts with a category
    "ExampleAdamW with lr=2e-4 and a cosine schedule.",                         // 13
    "ZeRO (Zero Redundancy Optimizer)",                                         // 14
    "Training",                                                                 // 15
    "DeepSpeed's optimizer that partitions optimizer state.",                   // 16
    "ZeRO removes the memory redundancy of data parallelism.",                  // 17
    "ExampleZeRO-3 lets each of 64 GPUs hold 1/64 of the optimizer state.",     // 18
    "Ask the Docent",                                                           // 19 chrome after the last entry
};

std::vector<std::string> without_line(std::vector<std::string> lines, std::size_t number) {
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(number - 1));
    return lines;
}

std::vector<std::string> with_line(std::vector<std::string> lines, std::size_t number, std::string line) {
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(number - 1), std::move(line));
    return lines;
}

struct Read {
    SourceSpec spec = spec_for("page.txt");
    std::string document;
    DiagnosticSink sink;
    ReaderResult result;

    explicit Read(std::string doc) : document(std::move(doc)) { result = testing::read_with(spec, document, sink); }
    Read(SourceSpec s, std::string doc) : spec(std::move(s)), document(std::move(doc)) {
        result = testing::read_with(spec, document, sink);
    }
    std::vector<std::uint32_t> entry_lines() const {
        std::vector<std::uint32_t> out;
        for (const auto& e : result.entries) out.push_back(e.line);
        return out;
    }
};

using Lines = std::vector<std::uint32_t>;

TEST(AiDictionaryReader, ReadsACleanPageWithoutDiagnostics) {
    Read read(testing::join_lines(kPage));
    EXPECT_TRUE(read.sink.all().empty()) << testing::describe(read.sink);
    EXPECT_EQ(read.entry_lines(), (Lines{4, 9, 14}));
    const Entry* adamw = find_key(read.result, "AdamW");
    ASSERT_NE(adamw, nullptr);
    // Prose that begins with a category word is not a category line.
    EXPECT_EQ(plain(adamw->definition.body), "Training with AdamW decouples weight decay from the gradient update.");
    const Entry* zero = find_key(read.result, "ZeRO (Zero Redundancy Optimizer)");
    ASSERT_NE(zero, nullptr);
    EXPECT_EQ(zero->headword, "ZeRO");
    EXPECT_TRUE(has_label(*zero, "Zero Redundancy Optimizer", ir::LabelKind::Expansion));
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(AiDictionaryReader, LineEndingsAndBomGiveTheSameEntriesAndLines) {
    Read lf(testing::join_lines(kPage, "\n"));
    for (std::string document : {testing::join_lines(kPage, "\r\n"), testing::join_lines(kPage, "\r"),
                                 "\xEF\xBB\xBF" + testing::join_lines(kPage, "\r\n")}) {
        Read other(document);
        EXPECT_TRUE(other.sink.all().empty()) << testing::describe(other.sink);
        ASSERT_EQ(other.result.entries.size(), lf.result.entries.size());
        for (std::size_t i = 0; i < lf.result.entries.size(); ++i) {
            const Entry& a = lf.result.entries[i];
            const Entry& b = other.result.entries[i];
            EXPECT_EQ(a.key, b.key);
            EXPECT_EQ(a.line, b.line);
            EXPECT_EQ(a.labels, b.labels);
            EXPECT_EQ(a.definition, b.definition);
        }
    }
}

TEST(AiDictionaryReader, BlankLinesBetweenFieldsKeepTheirLineNumbers) {
    std::vector<std::string> spaced;
    for (const auto& line : kPage) {
        spaced.push_back(line);
        spaced.push_back("");
    }
    Read read(testing::join_lines(spaced, "\r\n"));
    EXPECT_TRUE(read.sink.all().empty());
    EXPECT_EQ(read.entry_lines(), (Lines{7, 17, 27}));
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(AiDictionaryReader, MissingExplanationKeepsTheEntryAndReportsIt) {
    Read read(testing::join_lines(without_line(kPage, 12)));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 9, 13}));
    EXPECT_EQ(lines_of(read.sink, "entry-incomplete"), Lines{9});
    const Entry* adamw = find_key(read.result, "AdamW");
    ASSERT_NE(adamw, nullptr);
    EXPECT_TRUE(adamw->definition.body.empty());
    EXPECT_FALSE(adamw->definition.example.empty());
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(AiDictionaryReader, MissingExampleEndsTheEntryAtTheNextHeadword) {
    Read read(testing::join_lines(without_line(kPage, 13)));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 9, 13}));
    EXPECT_EQ(lines_of(read.sink, "entry-incomplete"), Lines{9});
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(AiDictionaryReader, MissingCategoryLineReportsEveryLineOfTheEntry) {
    // Without its category line, "AdamW" is not recognisable as an entry: its
    // four remaining lines are reported one by one, the next entry is intact.
    Read read(testing::join_lines(without_line(kPage, 10)));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 13}));
    EXPECT_EQ(lines_of(read.sink, "unplaced-line"), (Lines{9, 10, 11, 12}));
    EXPECT_EQ(lines_of(read.sink, "entry-count-mismatch"), Lines{2});
    for (const auto& d : read.sink.all()) EXPECT_EQ(d.file, "sources/page.txt");
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(AiDictionaryReader, StrayLineBetweenEntriesIsReported) {
    Read read(testing::join_lines(with_line(kPage, 9, "Subscribe to the newsletter")));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 10, 15}));
    EXPECT_EQ(lines_of(read.sink, "unplaced-line"), Lines{9});
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(AiDictionaryReader, SecondExplanationLineIsKeptAndReported) {
    Read read(testing::join_lines(with_line(kPage, 8, "It separates the ingredient from the marketing.")));
    EXPECT_EQ(lines_of(read.sink, "entry-extra-line"), Lines{8});
    const Entry* ablation = find_key(read.result, "Ablation");
    ASSERT_NE(ablation, nullptr);
    EXPECT_EQ(plain(ablation->definition.body),
              "An ablation study turns a part off and measures the drop. It separates the ingredient from the marketing.");
    EXPECT_FALSE(ablation->definition.example.empty());
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(AiDictionaryReader, FileCutInsideTheLastEntry) {
    // Cut in the middle of line 17, with no final line break.
    std::string document = testing::join_lines(kPage);
    document = document.substr(0, document.find("redundancy of data"));
    Read read(document);
    EXPECT_EQ(read.entry_lines(), (Lines{4, 9, 14}));
    EXPECT_EQ(lines_of(read.sink, "entry-truncated"), Lines{14});
    EXPECT_EQ(lines_of(read.sink, "text-cut-off"), Lines{17});
    const Entry* zero = find_key(read.result, "ZeRO (Zero Redundancy Optimizer)");
    ASSERT_NE(zero, nullptr);
    EXPECT_EQ(zero->definition.flags, std::vector<std::string>{"truncated"});
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(AiDictionaryReader, FileCutAfterAHeadwordReportsIt) {
    std::vector<std::string> lines(kPage.begin(), kPage.begin() + 14);  // ends with "ZeRO (...)"
    Read read(testing::join_lines(lines));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 9}));
    EXPECT_EQ(lines_of(read.sink, "unplaced-line"), Lines{14});
    EXPECT_EQ(lines_of(read.sink, "entry-count-mismatch"), Lines{2});
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(AiDictionaryReader, EmptyDocumentGivesNoEntries) {
    Read read("");
    EXPECT_TRUE(read.result.entries.empty());
    EXPECT_TRUE(read.sink.all().empty());
}

TEST(AiDictionaryReader, CountClaimMismatchIsAWarningAtTheClaim) {
    auto lines = kPage;
    lines[1] = "4 terms · machine-readable at /what";
    Read read(testing::join_lines(lines));
    EXPECT_EQ(read.result.entries.size(), 3u);
    ASSERT_EQ(lines_of(read.sink, "entry-count-mismatch"), Lines{2});
    EXPECT_EQ(read.sink.all().front().severity, ir::Severity::Warning);
    EXPECT_NE(read.sink.all().front().message.find("claims 4 terms but 3"), std::string::npos);
}

TEST(AiDictionaryReader, UnknownChromeIsReported) {
    auto lines = kPage;
    lines.back() = "Subscribe";
    Read read(testing::join_lines(lines));
    EXPECT_EQ(lines_of(read.sink, "unplaced-line"), Lines{19});
}

TEST(AiDictionaryReader, LongestCategoryPrefixWins) {
    SourceSpec spec = spec_for("page.txt");
    spec.options["categories"] = nlohmann::json::array({"Fine", "Fine-tuning", "Training"});
    Read read(spec, testing::join_lines({"Adapters", "Fine-tuningadapter layers", "Small trainable modules.",
                                         "Adapters are tiny bottleneck layers.", "ExampleShip one base and two adapters."}));
    ASSERT_EQ(read.result.entries.size(), 1u);
    EXPECT_EQ(read.result.entries[0].categories, std::vector<std::string>{"Fine-tuning"});
    EXPECT_TRUE(has_label(read.result.entries[0], "adapter layers", ir::LabelKind::Variant));
}

TEST(AiDictionaryReader, CategoriesAreARequiredOption) {
    SourceSpec spec = spec_for("page.txt");
    spec.options = nlohmann::json::object();
    Read read(spec, testing::join_lines(kPage));
    EXPECT_TRUE(read.result.entries.empty());
    EXPECT_TRUE(read.sink.has_errors());
    EXPECT_EQ(codes_of(read.sink), std::set<std::string>{"reader-missing-option"});
}

TEST(AiDictionaryReader, BadAndUnknownOptionsAreReported) {
    SourceSpec spec = spec_for("page.txt");
    spec.options["chrome"] = nlohmann::json::array({"(unclosed"});
    spec.options["colour"] = "red";
    Read read(spec, testing::join_lines(kPage));
    EXPECT_TRUE(read.result.entries.empty());
    EXPECT_EQ(codes_of(read.sink), (std::set<std::string>{"reader-bad-option", "reader-unknown-option"}));
}

}  // namespace
}  // namespace glossc
