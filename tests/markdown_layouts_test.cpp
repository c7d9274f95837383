// The Markdown reader on the layouts editors really write (each file under
// tests/data/sources/ reproduces one seen in a published glossary): which
// heading level names terms is found from the document, "**Term**"
// paragraphs, plain "Term: definition" bullets with nested terms, acronym
// tables, titles that are no entries, and the note and warnings that say
// what was read.
#include <gtest/gtest.h>

#include "readers/reader.hpp"
#include "readers/sanitize.hpp"
#include "support/paths.hpp"
#include "support/reader_fixtures.hpp"
#include "text/file_io.hpp"

namespace glossc {
namespace {

using testing::codes_of;
using testing::data_file;
using testing::keys_of;
using testing::describe;
using testing::find_code;
using testing::find_headword;
using testing::find_key;
using testing::has_label;
using testing::lines_of;
using testing::plain;
using testing::shape;

ReaderResult read(std::string_view document, DiagnosticSink& sink) {
    return testing::read_with(testing::spec_for("markdown", "notes.md"), document, sink);
}

TEST(MarkdownLayouts, BoldTermParagraphsUnderSectionHeadings) {
    DiagnosticSink sink;
    auto result = read(data_file("bold-terms.md"), sink);
    EXPECT_EQ(keys_of(result),
              (std::vector<std::string>{"Activation Function", "CNN (Convolutional Neural Network)", "Dropout", "Epoch",
                                        "Gradient Descent", "GPU", "VRAM"}))
        << describe(sink);

    const Entry* activation = find_key(result, "Activation Function");
    ASSERT_NE(activation, nullptr);
    EXPECT_EQ(activation->line, 15u);
    EXPECT_EQ(activation->categories, std::vector<std::string>{"Neural Networks"}) << "A-Z is no category";
    EXPECT_EQ(plain(activation->definition.summary), "A non-linear function applied to neuron outputs.");

    const Entry* cnn = find_headword(result, "CNN");
    ASSERT_NE(cnn, nullptr);
    EXPECT_TRUE(has_label(*cnn, "Convolutional Neural Network", ir::LabelKind::Expansion));
    EXPECT_EQ(plain(find_key(result, "Dropout")->definition.summary),
              "Regularization that randomly deactivates neurons.");
    EXPECT_EQ(plain(find_key(result, "Epoch")->definition.summary), "One complete pass through the training data.");

    // "**Term**" alone: the paragraphs after it are its definition.
    const Entry* descent = find_key(result, "Gradient Descent");
    ASSERT_NE(descent, nullptr);
    EXPECT_EQ(plain(descent->definition.summary), "Optimization algorithm that follows the negative gradient.");
    EXPECT_EQ(plain(descent->definition.body), "It may be stochastic.");

    // "- **GPU**: Graphics Processing Unit": the definition spells out the
    // acronym, which is then a name of the entry too.
    const Entry* gpu = find_key(result, "GPU");
    ASSERT_NE(gpu, nullptr);
    EXPECT_EQ(gpu->categories, std::vector<std::string>{"Common Acronyms"});
    EXPECT_TRUE(has_label(*gpu, "Graphics Processing Unit", ir::LabelKind::Expansion));

    // The title, "Overview" and the resources are no entries; their text is reported.
    EXPECT_EQ(lines_of(sink, "unplaced-text"), (std::vector<std::uint32_t>{3, 7, 40}));
    EXPECT_EQ(codes_of(sink), std::set<std::string>{"unplaced-text"});
    EXPECT_EQ(result.layout, (std::vector<std::pair<std::string, std::size_t>>{{"bold-term paragraphs", 5},
                                                                                {"bold-term bullets", 2}}));
    EXPECT_EQ(result.sections, 2u);
}

TEST(MarkdownLayouts, SetextHeadingsAcronymTableAndPlainTermBullets) {
    DiagnosticSink sink;
    auto result = read(data_file("setext-course.md"), sink);
    EXPECT_EQ(keys_of(result),
              (std::vector<std::string>{"GD", "SVM", "Accuracy", "Example", "Optimization", "Constrained Optimization",
                                        "Parameters", "Model-parameters", "Hyper-parameters"}))
        << describe(sink);

    const Entry* gd = find_key(result, "GD");
    ASSERT_NE(gd, nullptr);
    EXPECT_TRUE(has_label(*gd, "Gradient Descent", ir::LabelKind::Expansion));
    EXPECT_TRUE(gd->categories.empty()) << "the document's title is no category";

    // A term named "Example" is an entry, not an example field.
    const Entry* example = find_key(result, "Example");
    ASSERT_NE(example, nullptr);
    EXPECT_EQ(plain(example->definition.summary), "An instance (with its features) and a label.");
    EXPECT_TRUE(example->categories.empty()) << "\"Term: Definition\" names the list, it is no category";

    // A nested term is an entry of its own, related to the term it sits
    // under, whose definition still holds it as written.
    const Entry* optimization = find_key(result, "Optimization");
    ASSERT_NE(optimization, nullptr);
    EXPECT_EQ(optimization->related, std::vector<std::string>{"Constrained Optimization"});
    EXPECT_NE(plain(optimization->definition.body).find("Constrained Optimization"), std::string::npos);
    const Entry* model = find_key(result, "Model-parameters");
    ASSERT_NE(model, nullptr);
    EXPECT_TRUE(model->definition.summary.empty()) << "its definition is a list";
    EXPECT_EQ(shape(model->definition.body), "bullet_list[paragraph | paragraph]");
    EXPECT_EQ(plain(model->definition.body), "Properties of a specific model for a dataset. Learned during training.");
    const Entry* parameters = find_key(result, "Parameters");
    ASSERT_NE(parameters, nullptr);
    EXPECT_EQ(shape(parameters->definition.body).substr(0, 12), "bullet_list[") << "defined by its nested terms";

    EXPECT_EQ(lines_of(sink, "unplaced-text"), std::vector<std::uint32_t>{29});
    EXPECT_EQ(codes_of(sink), std::set<std::string>{"unplaced-text"});
}

TEST(MarkdownLayouts, TermHeadingsUnderATitleKeepTheirWholeDefinition) {
    DiagnosticSink sink;
    auto result = read(data_file("headings-title.md"), sink);
    EXPECT_EQ(keys_of(result),
              (std::vector<std::string>{"LLM", "Snippets", "Lonely heading", "Hallucination"}))
        << "\"General Glossary\" is the title\n"
        << describe(sink);
    const Entry* snippets = find_key(result, "Snippets");
    ASSERT_NE(snippets, nullptr);
    std::string body = plain(snippets->definition.body);
    for (std::string_view part : {"return x + 1", "A quoted remark.", "Column Meaning a first", "Example",
                                  "An example paragraph.", "One: first point", "Three: third point"})
        EXPECT_NE(body.find(part), std::string::npos) << part << " in " << body;
    const std::string blocks = shape(snippets->definition.body);
    for (std::string_view kind : {"code", "quote[", "table"})
        EXPECT_NE(blocks.find(kind), std::string::npos) << kind << " in " << blocks;
    // Three "**Term**:" items inside a definition may be lost entries: said,
    // with the option that reads them as entries.
    const ir::Diagnostic* absorbed = find_code(sink, "entries-in-definition");
    ASSERT_NE(absorbed, nullptr) << describe(sink);
    EXPECT_EQ(absorbed->line, 23u);
    EXPECT_NE(absorbed->message.find("'headings'"), std::string::npos);
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), std::vector<std::uint32_t>{27});
}

TEST(MarkdownLayouts, TermParagraphsAndAbbreviationLines) {
    DiagnosticSink sink;
    auto result = read(data_file("term-paragraphs.md"), sink);
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"Batching", "Prefill", "TTFT", "TPOT"})) << describe(sink);
    const Entry* ttft = find_key(result, "TTFT");
    ASSERT_NE(ttft, nullptr);
    EXPECT_EQ(ttft->line, 7u);
    EXPECT_TRUE(has_label(*ttft, "Time To First Token", ir::LabelKind::Expansion));
    EXPECT_EQ(find_key(result, "TPOT")->line, 8u);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
}

TEST(MarkdownLayouts, OneNoteParagraphIsProseNotAnEntry) {
    DiagnosticSink sink;
    auto result = read("## Batching\n\nGrouping requests.\n\nNote: it costs latency.\n", sink);
    ASSERT_EQ(keys_of(result), std::vector<std::string>{"Batching"}) << describe(sink);
    EXPECT_EQ(plain(result.entries[0].definition.body), "Note: it costs latency.");
}

TEST(MarkdownLayouts, ADataTableIsNoListOfEntries) {
    DiagnosticSink sink;
    auto result = read("| Name | Age |\n|---|---|\n| Lisa | 31 |\n| Phil | 42 |\n", sink);
    EXPECT_TRUE(result.entries.empty());
    const ir::Diagnostic* table = find_code(sink, "table-not-entries");
    ASSERT_NE(table, nullptr) << describe(sink);
    EXPECT_EQ(table->line, 1u);
    EXPECT_NE(table->message.find("[source.options.columns]"), std::string::npos);

    // Inside a term's definition, a table is part of it.
    DiagnosticSink in_definition;
    auto term = read("## Cache\n\nStored results.\n\n| Term | Definition |\n|---|---|\n| hit | found |\n", in_definition);
    ASSERT_EQ(keys_of(term), std::vector<std::string>{"Cache"}) << describe(in_definition);
    EXPECT_EQ(shape(term.entries[0].definition.body), "table");
    EXPECT_EQ(plain(term.entries[0].definition.body), "Term Definition hit found");
}

TEST(MarkdownLayouts, LayoutsOfOtherGlossariesAreReadToo) {
    // Seen in docs sites, API references and course notes: attribute blocks
    // on headings, a parenthesis after a bold term on its own line, a bold
    // term bullet with its definition on the next line, code terms, and a
    // two-column table whose headers name no field.
    DiagnosticSink sink;
    auto result = read("# API notes\n\n"
                       "## Key-value cache {#kv-cache .term}\n\nStored keys and values.\n\n"
                       "## Prefill\n\nThe pass over the prompt.\n\n"
                       "## Also in this file\n\n"
                       "**Low-Rank Adaptation** (LoRA)\nTrains two small matrices.\n\n"
                       "## Lists and tables\n\n"
                       "- **Beam search**\n  keeps the k best partial outputs.\n"
                       "- `torch.compile`: compiles a model into fused kernels.\n\n"
                       "| Jargon | Plain English |\n|---|---|\n| logits | scores before the softmax turns them into "
                       "probabilities |\n| epoch | one pass over the whole training set |\n",
                       sink);
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"Key-value cache", "Prefill", "Low-Rank Adaptation (LoRA)",
                                                         "Beam search",
                                                         "torch.compile", "logits", "epoch"}))
        << describe(sink);
    EXPECT_EQ(plain(find_key(result, "Beam search")->definition.summary), "keeps the k best partial outputs.");
    EXPECT_TRUE(has_label(*find_headword(result, "Low-Rank Adaptation"), "LoRA", ir::LabelKind::Abbreviation));
    EXPECT_EQ(plain(find_key(result, "logits")->definition.summary),
              "scores before the softmax turns them into probabilities");
}

TEST(MarkdownLayouts, SectionNumbersAreNoPartOfTerms) {
    DiagnosticSink sink;
    auto result = read("# Notes\n\n## 1. Basics\n\n### 1.1 Cache\n\nStored results.\n\n"
                       "### 1.2 3D convolution\n\nA kernel over three axes.\n\n## 2. More\n\n"
                       "### 2.1 Chunk\n\nA piece of code.\n",
                       sink);
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"Cache", "3D convolution", "Chunk"})) << describe(sink);
    EXPECT_EQ(find_key(result, "Chunk")->categories, std::vector<std::string>{"More"});
}

TEST(MarkdownLayouts, TheHeadingsOptionStillDecides) {
    DiagnosticSink sink;
    SourceSpec spec = testing::spec_for("markdown", "notes.md");
    spec.options = nlohmann::json{{"headings", {"#"}}};
    auto result = testing::read_with(spec, "# Overview\n\nWhat this is.\n\n# Batching\n\nGrouping requests.\n", sink);
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"Overview", "Batching"})) << describe(sink);
}

TEST(MarkdownLayouts, TheBuildSaysHowEachFileWasRead) {
    SourceSpec spec = testing::spec_for("markdown", "bold-terms.md");
    DiagnosticSink sink;
    auto result = read_document(spec, data_file("bold-terms.md"), sink);
    const ir::Diagnostic* note = find_code(sink, "layout");
    ASSERT_NE(note, nullptr) << describe(sink);
    EXPECT_EQ(note->severity, ir::Severity::Note);
    EXPECT_EQ(note->message, "read 7 entries: 5 bold-term paragraphs, 2 bold-term bullets under 2 section headings");
}

}  // namespace
}  // namespace glossc
