// The "acronym-list" reader (002) on the real seed file, with the options the
// seed manifest gives it, and on small hand-written lists with the damage real
// scrapes have: other line endings, a BOM, a lost term line, a lost context
// line, a lost heading, a cut-off file.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/reader_fixtures.hpp"
#include "text/lines.hpp"

namespace glossc {
namespace {

using testing::codes_of;
using testing::describe;
using testing::find_headword;
using testing::find_key;
using testing::has_label;
using testing::lines_of;
using testing::plain;

SourceSpec seed() { return testing::seed_spec("acronym-list"); }

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
    return testing::read_with(spec_for("acronyms.txt"), document, sink);
}

bool has_flag(const Entry& entry, const std::string& flag) {
    const auto& flags = entry.definition.flags;
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

// A small list in the seed's shape (lines 1-3 are the page header).
const std::vector<std::string> kSmallList{
    "Glossary",
    "Auto-extracted from all 84 modules. Use this to look up acronyms.",
    "LLM-friendly plain text at /glossary-data.txt",
    "B",
    "BatchNorm",
    "\xF0\x9F\xA7\xAE MLP & Matmul \xE2\x86\x92He init accounts for batch normalization after each ReLU.",  // 🧮 →
    "The complete Transformer pipeline \xE2\x80\x94 from raw text to next-token prediction",
    "D",
    "DDP (DistributedDataParallel) replicates the entire model on each GPU.",
    "DRAM",
    "\xF0\x9F\x93\x8A Embeddings \xE2\x86\x92The extra params are re-fetched from DRAM on every token.",  // 📊 →
};

// The seed's 33 entries: 30 terms with their module line, 3 recovered lines.
TEST(AcronymListReader, ReadsThe33EntriesOfTheSeed) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    ASSERT_EQ(result.entries.size(), 33u) << describe(sink);
    EXPECT_FALSE(sink.has_errors()) << describe(sink);
    std::size_t with_module = 0;
    std::size_t recovered = 0;
    for (const auto& entry : result.entries) {
        EXPECT_EQ(entry.definition.source, "acronym-list");
        EXPECT_EQ(entry.definition.body, ir::Blocks{}) << entry.key;
        if (has_flag(entry, "recovered")) {
            ++recovered;
            EXPECT_FALSE(entry.definition.summary.empty()) << entry.key;
            EXPECT_EQ(entry.definition.line, entry.line);
        } else {
            ++with_module;
            // The context is a usage example, never a definition.
            EXPECT_TRUE(entry.definition.summary.empty()) << entry.key;
            EXPECT_FALSE(entry.definition.example.empty()) << entry.key;
            EXPECT_EQ(entry.categories.size(), 1u) << entry.key;
            EXPECT_EQ(entry.definition.line, entry.line + 1) << entry.key;
        }
    }
    EXPECT_EQ(with_module, 30u);
    EXPECT_EQ(recovered, 3u);
}

TEST(AcronymListReader, KeepsTheModuleAndTheContextAsAnExample) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    const Entry* batch_norm = find_key(result, "BatchNorm");
    ASSERT_NE(batch_norm, nullptr);
    EXPECT_EQ(batch_norm->line, 16u);
    EXPECT_EQ(batch_norm->headword, "BatchNorm");
    EXPECT_EQ(batch_norm->categories, std::vector<std::string>{"MLP & Matmul"});
    EXPECT_EQ(plain(batch_norm->definition.example),
              "He init accounts for batch normalization inserted after each ReLU, which would otherwise restore "
              "variance to 1 automatically.");
    EXPECT_TRUE(batch_norm->definition.summary.empty());
    ASSERT_EQ(batch_norm->extras.size(), 1u);
    EXPECT_EQ(batch_norm->extras[0].key, "module");
    EXPECT_EQ(batch_norm->extras[0].value, "MLP & Matmul");
    EXPECT_EQ(batch_norm->extras[0].source, "acronym-list");
    // A module with a colon and an icon with a variation selector ("🏗️").
    ASSERT_NE(find_key(result, "NotebookLM"), nullptr);
    EXPECT_EQ(find_key(result, "NotebookLM")->categories, std::vector<std::string>{"Case: Design Perplexity"});
    ASSERT_NE(find_key(result, "LayerNorm"), nullptr);
    EXPECT_EQ(find_key(result, "LayerNorm")->categories, std::vector<std::string>{"High-Level Overview"});
}

TEST(AcronymListReader, RecoversOnlyLinesThatDefineTheirOwnTerm) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    struct Expected {
        const char* headword;
        const char* expansion;
        std::uint32_t line;
        const char* starts;
    };
    for (const auto& expected :
         {Expected{"DDP", "DistributedDataParallel", 40, "DDP (DistributedDataParallel) replicates"},
          Expected{"FSDP", "Fully Sharded Data Parallel", 58, "FSDP (Fully Sharded Data Parallel) shards"},
          Expected{"GRPO", "Group Relative Policy Optimization", 70, "GRPO (Group Relative"}}) {
        const Entry* entry = find_headword(result, expected.headword);
        ASSERT_NE(entry, nullptr) << expected.headword;
        EXPECT_EQ(entry->line, expected.line);
        EXPECT_EQ(entry->key, std::string(expected.headword) + " (" + expected.expansion + ")");
        EXPECT_TRUE(has_label(*entry, expected.expansion, ir::LabelKind::Expansion)) << expected.headword;
        EXPECT_EQ(plain(entry->definition.summary).rfind(expected.starts, 0), 0u) << expected.headword;
        EXPECT_EQ(entry->definition.flags, std::vector<std::string>{"recovered"});
        EXPECT_TRUE(entry->categories.empty());
    }
    EXPECT_EQ(lines_of(sink, "entry-recovered"), (std::vector<std::uint32_t>{40, 58, 70}));
    // "LIMA (Less Is More for Alignment, 2023) showed ..." cites a paper; it is not recovered.
    EXPECT_EQ(find_headword(result, "LIMA"), nullptr);
    auto unplaced = lines_of(sink, "unplaced-line");
    EXPECT_NE(std::find(unplaced.begin(), unplaced.end(), 101u), unplaced.end());
}

TEST(AcronymListReader, ReportsEveryOtherLineOfTheSeed) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    // 206 lines: 3 header, 23 letter headings, 30 x 2 term lines, 3 recovered, 117 others.
    EXPECT_EQ(lines_of(sink, "unplaced-line").size(), 117u);
    for (const auto& code : {"orphan-context", "term-without-context", "leaked-css-line", "heading-out-of-order",
                             "entry-out-of-order"})
        EXPECT_TRUE(lines_of(sink, code).empty()) << code << "\n" << describe(sink);
    // Damage inside entries: the scrape's "..." cuts, leaked CSS, module blurbs for examples.
    EXPECT_EQ(lines_of(sink, "text-cut-off"), (std::vector<std::uint32_t>{89, 129}));
    EXPECT_TRUE(has_flag(*find_key(result, "NotebookLM"), "truncated"));
    EXPECT_TRUE(has_flag(*find_key(result, "InstructGPT"), "truncated"));
    EXPECT_EQ(lines_of(sink, "example-leaked-css"), std::vector<std::uint32_t>{129});
    EXPECT_EQ(lines_of(sink, "example-off-topic").size(), 10u);
    EXPECT_TRUE(has_flag(*find_key(result, "BLEU"), "example-off-topic"));
    EXPECT_FALSE(has_flag(*find_key(result, "BatchNorm"), "example-off-topic"));
}

TEST(AcronymListReader, AccountsForEveryLineOfTheSeed) {
    SourceSpec spec = seed();
    std::string document = testing::seed_document(spec);
    DiagnosticSink sink;
    auto result = testing::read_with(spec, document, sink);
    std::set<std::uint32_t> consumed;
    for (const auto& entry : result.entries) {
        consumed.insert(entry.line);
        consumed.insert(entry.definition.line);  // the context line of a term
    }
    auto is_structure = [](std::string_view line) {
        return line == "Glossary" || text::starts_with(line, "Auto-extracted from all ") ||
               text::starts_with(line, "LLM-friendly plain text at ") ||
               (line.size() == 1 && line[0] >= 'A' && line[0] <= 'Z');
    };
    // Lines the reader reports instead of placing them: never one an entry consumed.
    for (const auto& code : {"unplaced-line", "orphan-context", "term-without-context", "leaked-css-line"})
        for (auto line : lines_of(sink, code)) EXPECT_EQ(consumed.count(line), 0u) << code << " at " << line;
    auto account = testing::account_lines(document, consumed, is_structure, sink);
    EXPECT_EQ(account.total, 206u);
    EXPECT_EQ(account.consumed, 63u);  // 30 x 2 + 3
    EXPECT_EQ(account.header, 26u);    // 3 header lines, 23 letter headings
    EXPECT_EQ(account.reported, 117u);
    EXPECT_EQ(account.blank, 0u);
    EXPECT_TRUE(account.unaccounted.empty());
}

TEST(AcronymListReader, ReadsTheSameWithCrLfBomAndLoneCr) {
    DiagnosticSink lf_sink;
    auto lf = read_text(testing::join_lines(kSmallList), lf_sink);
    ASSERT_EQ(lf.entries.size(), 3u) << describe(lf_sink);
    EXPECT_EQ(lf.entries[0].key, "BatchNorm");
    EXPECT_EQ(lf.entries[1].headword, "DDP");
    EXPECT_EQ(lf.entries[2].line, 10u);
    EXPECT_EQ(lines_of(lf_sink, "unplaced-line"), std::vector<std::uint32_t>{7});
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
}

TEST(AcronymListReader, ReportsAContextLineWhoseTermWasLost) {
    auto lines = kSmallList;
    lines.erase(lines.begin() + 4);  // "BatchNorm"
    DiagnosticSink sink;
    auto result = read_text(testing::join_lines(lines), sink);
    EXPECT_EQ(find_key(result, "BatchNorm"), nullptr);
    EXPECT_EQ(result.entries.size(), 2u);
    EXPECT_EQ(lines_of(sink, "orphan-context"), std::vector<std::uint32_t>{5});
    EXPECT_EQ(result.entries[1].line, 9u);  // DRAM moved up a line
}

TEST(AcronymListReader, ReportsATermWhoseContextWasLost) {
    auto lines = kSmallList;
    lines.erase(lines.begin() + 5);  // BatchNorm's context line
    DiagnosticSink sink;
    auto result = read_text(testing::join_lines(lines), sink);
    EXPECT_EQ(find_key(result, "BatchNorm"), nullptr);
    EXPECT_EQ(lines_of(sink, "term-without-context"), std::vector<std::uint32_t>{5});
    EXPECT_EQ(lines_of(sink, "unplaced-line"), std::vector<std::uint32_t>{6});
}

TEST(AcronymListReader, ReportsAFileCutOffAfterATerm) {
    auto lines = kSmallList;
    lines.pop_back();  // DRAM's context line, and the file ends without a newline
    std::string document = testing::join_lines(lines);
    document.pop_back();
    DiagnosticSink sink;
    auto result = read_text(document, sink);
    EXPECT_EQ(result.entries.size(), 2u);
    EXPECT_EQ(lines_of(sink, "term-without-context"), std::vector<std::uint32_t>{10});

    // Cut inside the context line: the entry keeps what it has, the cut is flagged.
    DiagnosticSink cut_sink;
    std::string cut = testing::join_lines(kSmallList);
    cut.resize(cut.find("every token.") + 5);
    cut += "...";
    auto cut_result = read_text(cut, cut_sink);
    const Entry* dram = find_key(cut_result, "DRAM");
    ASSERT_NE(dram, nullptr);
    EXPECT_TRUE(has_flag(*dram, "truncated"));
    EXPECT_EQ(lines_of(cut_sink, "text-cut-off"), std::vector<std::uint32_t>{11});
}

TEST(AcronymListReader, ReportsAnEntryUnderTheWrongHeading) {
    auto lines = kSmallList;
    lines.erase(lines.begin() + 7);  // heading "D": DDP and DRAM now stand under "B"
    DiagnosticSink sink;
    auto result = read_text(testing::join_lines(lines), sink);
    EXPECT_EQ(result.entries.size(), 3u);
    EXPECT_EQ(lines_of(sink, "entry-out-of-order"), (std::vector<std::uint32_t>{8, 9}));
    lines.insert(lines.begin() + 7, "A");
    DiagnosticSink order_sink;
    read_text(testing::join_lines(lines), order_sink);
    EXPECT_EQ(lines_of(order_sink, "heading-out-of-order"), std::vector<std::uint32_t>{8});
}

TEST(AcronymListReader, ReportsLeakedCssLines) {
    auto lines = kSmallList;
    lines.insert(lines.begin() + 6, "rounded-lg border border-border bg-card p-4 text-accent underline");
    DiagnosticSink sink;
    auto result = read_text(testing::join_lines(lines), sink);
    EXPECT_EQ(result.entries.size(), 3u);
    EXPECT_EQ(lines_of(sink, "leaked-css-line"), std::vector<std::uint32_t>{7});
}

TEST(AcronymListReader, TakesItsSeparatorAndHeadingsFromOptions) {
    SourceSpec spec = spec_for("acronyms.txt");
    spec.options = {{"heading", "== [A-Z] =="}, {"context_separator", "->"}};
    DiagnosticSink sink;
    auto result = testing::read_with(
        spec, testing::join_lines({"== B ==", "BatchNorm", "\xF0\x9F\xA7\xAE MLP -> Batch norm after ReLU."}), sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_EQ(result.entries[0].categories, std::vector<std::string>{"MLP"});
    EXPECT_EQ(plain(result.entries[0].definition.example), "Batch norm after ReLU.");
    EXPECT_TRUE(codes_of(sink).empty()) << describe(sink);
}

}  // namespace
}  // namespace glossc
