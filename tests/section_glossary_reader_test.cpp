// The "section-glossary" reader (004) on the real seed file, with the options
// the seed manifest gives it, and on small hand-written lists with broken
// pairs, other line endings and a cut-off file.
#include <gtest/gtest.h>

#include <algorithm>

#include "readers/line_source.hpp"
#include "readers/names.hpp"
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

SourceSpec seed() { return testing::seed_spec("section-glossary"); }

SourceSpec spec_for(const std::string& file) {
    SourceSpec spec = seed();
    spec.file = file;
    spec.display_path = "sources/" + file;
    return spec;
}

std::string extra(const Entry& entry, const std::string& key) {
    for (const auto& x : entry.extras)
        if (x.key == key) return x.value;
    return {};
}

// The lines an entry was read from: its term line and, unless it has none,
// the definition item after it.
std::set<std::uint32_t> consumed_lines(std::string_view document, const ReaderResult& result) {
    auto lines = text::non_blank_lines(document);
    std::set<std::uint32_t> consumed;
    for (const auto& entry : result.entries) {
        auto at = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.number == entry.line; });
        if (at == lines.end() || at->text.find(entry.key) == std::string_view::npos) {
            ADD_FAILURE() << "entry '" << entry.key << "' is not at its line " << entry.line;
            continue;
        }
        consumed.insert((at++)->number);
        if (at != lines.end() && !entry.definition.summary.empty() &&
            at->text == "- " + plain(entry.definition.summary))
            consumed.insert(at->number);
    }
    return consumed;
}

// Every line is consumed by an entry, recognised as header, reported or blank.
testing::LineAccount expect_every_line_accounted(const SourceSpec& spec, std::string_view document,
                                                 const ReaderResult& result, const DiagnosticSink& sink) {
    DiagnosticSink ignored;
    PageChrome chrome(
        ReaderOptions(spec, ignored, {"chrome", "introduced_marker", "section_separator"}).patterns("chrome"));
    auto account = testing::account_lines(document, consumed_lines(document, result),
                                          [&](std::string_view line) { return chrome.matches(line); }, sink);
    EXPECT_TRUE(account.unaccounted.empty()) << "first silently dropped line: " << account.unaccounted.front();
    EXPECT_EQ(account.consumed + account.header + account.reported + account.blank, account.total);
    return account;
}

// ---- The seed ----------------------------------------------------------------

class SectionGlossarySeed : public ::testing::Test {
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

TEST_F(SectionGlossarySeed, Reads299EntriesWithoutDiagnostics) {
    EXPECT_EQ(result.entries.size(), 299u);
    EXPECT_TRUE(sink.all().empty()) << testing::describe(sink);
    for (const auto& e : result.entries) {
        EXPECT_FALSE(e.headword.empty()) << e.line;
        EXPECT_EQ(e.definition.source, "section-glossary");
        EXPECT_EQ(e.definition.line, e.line);
        EXPECT_FALSE(e.definition.summary.empty()) << e.key;
        EXPECT_EQ(e.categories.size(), 1u) << e.key;
        EXPECT_TRUE(text::starts_with(extra(e, "introduced in"), "§")) << e.key;
    }
    EXPECT_EQ(result.entries.back().key, "zero-shot");
    EXPECT_EQ(result.entries.back().line, 600u);
}

TEST_F(SectionGlossarySeed, KeepsSectionNumberAndTitleTogether) {
    const Entry* aha = find_headword(result, "aha moment");
    ASSERT_NE(aha, nullptr);
    EXPECT_EQ(aha->key, "\"aha moment\"");  // as printed
    EXPECT_EQ(aha->line, 4u);
    EXPECT_EQ(aha->extras,
              (std::vector<ir::Extra>{{"section-glossary", "introduced in", "§23 · GRPO & DeepSeek-R1"}}));
    EXPECT_EQ(aha->categories, std::vector<std::string>{"GRPO & DeepSeek-R1"});

    const Entry* parallelism = find_key(result, "3D parallelism");
    ASSERT_NE(parallelism, nullptr);
    EXPECT_EQ(parallelism->line, 6u);
    EXPECT_EQ(extra(*parallelism, "introduced in"), "§07 · Parallelism");
    EXPECT_TRUE(text::starts_with(plain(parallelism->definition.summary), "Combining data, tensor, and pipeline"));

    // §22 is two different sections in two explainer series.
    std::set<std::string> sections_22;
    for (const auto& e : result.entries)
        if (text::starts_with(extra(e, "introduced in"), "§22 ")) sections_22.insert(extra(e, "introduced in"));
    EXPECT_GE(sections_22.size(), 2u);
}

TEST_F(SectionGlossarySeed, SplitsNamesButNotCoordinationsOrQualifiers) {
    const Entry* cot = find_key(result, "chain-of-thought (CoT)");
    ASSERT_NE(cot, nullptr);
    EXPECT_EQ(cot->headword, "chain-of-thought");
    EXPECT_TRUE(has_label(*cot, "CoT", ir::LabelKind::Abbreviation));
    const Entry* sft = find_key(result, "supervised fine-tuning (SFT)");
    ASSERT_NE(sft, nullptr);
    EXPECT_EQ(sft->headword, "supervised fine-tuning");
    EXPECT_TRUE(has_label(*sft, "SFT", ir::LabelKind::Abbreviation));
    // Two things defined together, not two names of one thing.
    for (const char* key : {"length / format reward", "SSM / hybrid architectures"}) {
        const Entry* e = find_key(result, key);
        ASSERT_NE(e, nullptr) << key;
        EXPECT_EQ(e->headword, key);
        EXPECT_TRUE(e->labels.empty()) << key;
    }
}

TEST_F(SectionGlossarySeed, AccountsForEveryLine) {
    auto account = expect_every_line_accounted(spec, document, result, sink);
    EXPECT_EQ(account.total, 601u);
    EXPECT_EQ(account.consumed, 299u * 2);
    EXPECT_EQ(account.header, 3u);
    EXPECT_EQ(account.reported, 0u);
}

// ---- Hand-written lists --------------------------------------------------------

const std::vector<std::string> kList = {
    "Glossary",                                                            // 1 header
    "Every term, in one place",                                            // 2 header
    "Every defined term across the explainers, alphabetized.",             // 3 header
    "- \"aha moment\" Introduced in §23 · GRPO & DeepSeek-R1",             // 4
    "- The observation that the model learns to backtrack.",               // 5
    "- 3D parallelism Introduced in §07 · Parallelism",                    // 6
    "- Combining data, tensor and pipeline parallelism.",                  // 7
    "- reward model (RM) Introduced in §22 · RL from verifiable rewards",  // 8
    "- A model that scores outputs.",                                      // 9
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
    SourceSpec spec = spec_for("list.txt");
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

TEST(SectionGlossaryReader, ReadsACleanListWithoutDiagnostics) {
    Read read(testing::join_lines(kList));
    EXPECT_TRUE(read.sink.all().empty()) << testing::describe(read.sink);
    EXPECT_EQ(read.entry_lines(), (Lines{4, 6, 8}));
    const Entry* rm = find_key(read.result, "reward model (RM)");
    ASSERT_NE(rm, nullptr);
    EXPECT_EQ(rm->headword, "reward model");
    EXPECT_TRUE(has_label(*rm, "RM", ir::LabelKind::Abbreviation));
    EXPECT_EQ(rm->categories, std::vector<std::string>{"RL from verifiable rewards"});
    EXPECT_EQ(plain(rm->definition.summary), "A model that scores outputs.");
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(SectionGlossaryReader, LineEndingsAndBomGiveTheSameEntriesAndLines) {
    Read lf(testing::join_lines(kList));
    for (std::string document : {testing::join_lines(kList, "\r\n"), testing::join_lines(kList, "\r"),
                                 "\xEF\xBB\xBF" + testing::join_lines(kList, "\r\n")}) {
        Read other(document);
        EXPECT_TRUE(other.sink.all().empty()) << testing::describe(other.sink);
        ASSERT_EQ(other.result.entries.size(), lf.result.entries.size());
        for (std::size_t i = 0; i < lf.result.entries.size(); ++i) {
            EXPECT_EQ(other.result.entries[i].key, lf.result.entries[i].key);
            EXPECT_EQ(other.result.entries[i].line, lf.result.entries[i].line);
            EXPECT_EQ(other.result.entries[i].extras, lf.result.entries[i].extras);
            EXPECT_EQ(other.result.entries[i].definition, lf.result.entries[i].definition);
        }
    }
}

TEST(SectionGlossaryReader, TermWithoutDefinitionIsKeptAndReported) {
    Read read(testing::join_lines(without_line(kList, 5)));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 5, 7}));
    ASSERT_EQ(lines_of(read.sink, "entry-no-definition"), Lines{4});
    EXPECT_NE(read.sink.all().front().message.find("another term"), std::string::npos);
    EXPECT_TRUE(read.result.entries[0].definition.summary.empty());
    EXPECT_EQ(extra(read.result.entries[0], "introduced in"), "§23 · GRPO & DeepSeek-R1");
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(SectionGlossaryReader, DefinitionWithoutTermIsReported) {
    Read read(testing::join_lines(without_line(kList, 4)));
    EXPECT_EQ(read.entry_lines(), (Lines{5, 7}));
    EXPECT_EQ(lines_of(read.sink, "unplaced-line"), Lines{4});
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(SectionGlossaryReader, DefinitionThatLostItsBulletIsReported) {
    auto lines = kList;
    lines[4] = "The observation that the model learns to backtrack.";
    Read read(testing::join_lines(lines));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 6, 8}));
    EXPECT_EQ(lines_of(read.sink, "entry-no-definition"), Lines{4});
    EXPECT_EQ(lines_of(read.sink, "unplaced-line"), Lines{5});
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(SectionGlossaryReader, StrayLineIsReported) {
    Read read(testing::join_lines(with_line(kList, 6, "See also: the appendix")));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 7, 9}));
    EXPECT_EQ(lines_of(read.sink, "unplaced-line"), Lines{6});
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(SectionGlossaryReader, FileEndingAfterATermIsReported) {
    std::vector<std::string> lines(kList.begin(), kList.begin() + 8);
    Read read(testing::join_lines(lines, "\r\n"));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 6, 8}));
    ASSERT_EQ(lines_of(read.sink, "entry-no-definition"), Lines{8});
    EXPECT_NE(read.sink.all().front().message.find("the file ends"), std::string::npos);
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(SectionGlossaryReader, FileCutInsideADefinitionIsFlagged) {
    std::string document = testing::join_lines(kList);
    document = document.substr(0, document.find("scores outputs"));
    Read read(document);
    EXPECT_EQ(read.entry_lines(), (Lines{4, 6, 8}));
    EXPECT_EQ(lines_of(read.sink, "text-cut-off"), Lines{9});
    EXPECT_EQ(read.result.entries.back().definition.flags, std::vector<std::string>{"truncated"});
    expect_every_line_accounted(read.spec, read.document, read.result, read.sink);
}

TEST(SectionGlossaryReader, TermWithoutSectionIsKeptAndReported) {
    auto lines = kList;
    lines[5] = "- 3D parallelism Introduced in";
    Read read(testing::join_lines(lines));
    EXPECT_EQ(read.entry_lines(), (Lines{4, 6, 8}));
    EXPECT_EQ(lines_of(read.sink, "entry-no-section"), Lines{6});
    EXPECT_TRUE(read.result.entries[1].extras.empty());
    EXPECT_TRUE(read.result.entries[1].categories.empty());
}

TEST(SectionGlossaryReader, HeaderIsReportedWhenTheManifestDoesNotNameIt) {
    SourceSpec spec = spec_for("list.txt");
    spec.options.erase("chrome");
    Read read(spec, testing::join_lines(kList));
    EXPECT_EQ(read.result.entries.size(), 3u);
    EXPECT_EQ(lines_of(read.sink, "unplaced-line"), (Lines{1, 2, 3}));
}

TEST(SectionGlossaryReader, MarkerIsAnOption) {
    SourceSpec spec = spec_for("list.txt");
    spec.options["introduced_marker"] = "First seen in";
    Read read(spec, testing::join_lines({"- KV cache First seen in §12 · The KV cache", "- Cached keys and values."}));
    ASSERT_EQ(read.result.entries.size(), 1u);
    EXPECT_EQ(read.result.entries[0].key, "KV cache");
    EXPECT_EQ(extra(read.result.entries[0], "introduced in"), "§12 · The KV cache");
    EXPECT_TRUE(read.sink.all().empty());
}

TEST(SectionGlossaryReader, UnknownOptionIsReported) {
    SourceSpec spec = spec_for("list.txt");
    spec.options["marker"] = "Introduced in";
    Read read(spec, testing::join_lines(kList));
    EXPECT_EQ(read.result.entries.size(), 3u);
    EXPECT_EQ(codes_of(read.sink), std::set<std::string>{"reader-unknown-option"});
}

// ---- Headword rules the seed needed (readers/names.cpp) ------------------------

TEST(SplitHeadword, QuotesAreNotPartOfTheName) {
    EXPECT_EQ(split_headword("\"aha moment\"").headword, "aha moment");
    EXPECT_EQ(split_headword("\xE2\x80\x9C" "aha moment\xE2\x80\x9D").headword, "aha moment");
    EXPECT_EQ(split_headword("\"").headword, "\"");
}

TEST(SplitHeadword, SharedHeadNounStaysWhole) {
    EXPECT_EQ(split_headword("length / format reward").headword, "length / format reward");
    EXPECT_TRUE(split_headword("length / format reward").labels.empty());
    // Alternative names still split.
    auto top_p = split_headword("Top-p / Nucleus Sampling");
    EXPECT_EQ(top_p.headword, "Top-p");
    ASSERT_EQ(top_p.labels.size(), 1u);
    EXPECT_EQ(top_p.labels[0].text, "Nucleus Sampling");
    EXPECT_EQ(split_headword("bf16 / bfloat16").headword, "bf16");
}

TEST(SplitHeadword, LabelKindFollowsAbbreviation) {
    EXPECT_EQ(label_kind_for("CoT", "Chain-of-Thought"), ir::LabelKind::Abbreviation);
    EXPECT_EQ(label_kind_for("Zero Redundancy Optimizer", "ZeRO"), ir::LabelKind::Expansion);
    EXPECT_EQ(label_kind_for("adapter layers", "Adapters"), ir::LabelKind::Variant);
}

}  // namespace
}  // namespace glossc
