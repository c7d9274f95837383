// The reStructuredText reader: Sphinx glossary directives, definition lists
// with labels, sections as categories, math, code, nested lists, inline
// markup, and malformed files (tests/data/sources/*.rst).
#include <gtest/gtest.h>

#include <rapidcheck.h>

#include <algorithm>
#include <string>

#include "readers/reader.hpp"
#include "readers/sanitize.hpp"
#include "support/paths.hpp"
#include "support/property.hpp"
#include "support/reader_fixtures.hpp"
#include "text/file_io.hpp"
#include "text/inline_math.hpp"

namespace glossc {
namespace {

using testing::codes_of;
using testing::data_file;
using testing::keys_of;
using testing::describe;
using testing::find_key;
using testing::has_label;
using testing::lines_of;
using testing::plain;
using testing::shape;

using Lines = std::vector<std::uint32_t>;

ReaderResult read(std::string_view document, DiagnosticSink& sink) {
    return testing::read_with(testing::spec_for("rst", "glossary.rst"), document, sink);
}

bool contains(const ir::RichText& text, const ir::Inline& node) {
    return std::find(text.begin(), text.end(), node) != text.end();
}
bool contains(const ir::Blocks& blocks, const ir::Inline& node) { return contains(text::flatten(blocks), node); }

TEST(RstReader, IsRegisteredWithItsExtensions) {
    ASSERT_NE(find_reader("rst"), nullptr);
    EXPECT_EQ(reader_for_extension(".rst"), find_reader("rst"));
    EXPECT_EQ(reader_for_extension(".rest"), find_reader("rst"));
    EXPECT_EQ(reader_for_extension(".RST"), find_reader("rst"));
}

TEST(RstReader, SphinxGlossaryDirectiveWithAliasesMathAndCode) {
    DiagnosticSink sink;
    auto result = read(data_file("sphinx-glossary.rst"), sink);
    EXPECT_EQ(keys_of(result),
              (std::vector<std::string>{"KV cache", "attention", "prefill", "decode", "speculative decoding"}))
        << describe(sink);
    EXPECT_EQ(result.layout, (std::vector<std::pair<std::string, std::size_t>>{{"glossary-directive terms", 5}}));
    EXPECT_EQ(result.sections, 0u) << "the document title groups nothing";
    EXPECT_EQ(codes_of(sink), std::set<std::string>{"entry-no-definition"}) << describe(sink);
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), Lines{43});

    const Entry* cache = find_key(result, "KV cache");
    ASSERT_NE(cache, nullptr);
    EXPECT_EQ(cache->line, 9u);
    EXPECT_TRUE(has_label(*cache, "key-value cache", ir::LabelKind::Expansion) ||
                has_label(*cache, "key-value cache", ir::LabelKind::Variant));
    EXPECT_TRUE(cache->categories.empty()) << "\"Glossary\" is the document title";
    EXPECT_EQ(plain(cache->definition.summary),
              "The keys and values of past tokens, kept so that decoding does not recompute them. See attention.");
    EXPECT_EQ(cache->related, std::vector<std::string>{"attention"});

    const Entry* attention = find_key(result, "attention");  // "attention : mechanism"
    ASSERT_NE(attention, nullptr);
    EXPECT_EQ(attention->line, 14u);
    EXPECT_TRUE(contains(attention->definition.summary, ir::math("\\mathrm{softmax}(QK^\\top/\\sqrt{d})V")))
        << plain(attention->definition.summary);
    EXPECT_EQ(attention->definition.body,
              ir::Blocks{ir::display_math("a_i = \\frac{\\exp(s_i)}{\\sum_j \\exp(s_j)} \\\\ \\sum_i a_i = 1")})
        << "a math directive is display math";

    const Entry* prefill = find_key(result, "prefill");
    ASSERT_NE(prefill, nullptr);
    EXPECT_EQ(plain(prefill->definition.summary), "The first pass over the prompt, which fills the cache.");
    EXPECT_EQ(prefill->definition.body, ir::Blocks{ir::code_block("model.prefill(prompt)", "python")})
        << "a code-block directive is a code block with its language";
    EXPECT_EQ(prefill->related, (std::vector<std::string>{"KV cache", "decode"})) << "a :term: and a seealso";

    const Entry* decode = find_key(result, "decode");
    ASSERT_NE(decode, nullptr);
    EXPECT_EQ(plain(decode->definition.summary), "One step that emits one token:");
    EXPECT_EQ(shape(decode->definition.body), "ordered_list[paragraph | paragraph bullet_list[paragraph]]")
        << "an enumerated list, its second item holding a nested bullet list";
    EXPECT_EQ(plain(decode->definition.body), "read the cache; attend with attention; nested under the second step");
}

TEST(RstReader, DefinitionListWithLabelsCommentsAndReferences) {
    DiagnosticSink sink;
    auto result = read(data_file("definition-list.rst"), sink);
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"Accuracy", "Loss", "Recall", "Type 1 Error"}))
        << describe(sink);
    EXPECT_EQ(result.layout, (std::vector<std::pair<std::string, std::size_t>>{{"definition-list items", 4}}));
    // The introduction, the rubric and the footnote: reported, not dropped.
    EXPECT_EQ(lines_of(sink, "unplaced-text"), (Lines{7, 45, 47})) << describe(sink);
    EXPECT_EQ(codes_of(sink), std::set<std::string>{"unplaced-text"}) << describe(sink);

    const Entry* accuracy = find_key(result, "Accuracy");
    ASSERT_NE(accuracy, nullptr);
    EXPECT_EQ(accuracy->line, 13u);
    // ":ref:`recall <glossary_recall>`" shows its text; ":ref:`glossary_loss`"
    // the term the label stands above; both are related entries.
    EXPECT_EQ(plain(accuracy->definition.summary), "Share of correct predictions. See recall and Loss.");
    EXPECT_EQ(accuracy->related, (std::vector<std::string>{"Recall", "Loss"}));

    const Entry* loss = find_key(result, "Loss");
    ASSERT_NE(loss, nullptr);
    EXPECT_EQ(plain(loss->definition.summary), "How far predictions are from the truth, for example:");
    ASSERT_FALSE(loss->definition.body.empty());
    EXPECT_EQ(loss->definition.body.front(), ir::code_block("loss = (y - y_hat) ** 2")) << "a :: literal block";
    EXPECT_TRUE(contains(loss->definition.body, ir::link("https://example.com/loss", {ir::text("the docs")})));
    EXPECT_NE(plain(loss->definition.body).find("see training and the docs."), std::string::npos);

    const Entry* recall = find_key(result, "Recall");
    ASSERT_NE(recall, nullptr);
    EXPECT_EQ(recall->line, 28u);
    EXPECT_TRUE(has_label(*recall, "sensitivity", ir::LabelKind::Variant)) << "\"Also called sensitivity.\"";
    EXPECT_TRUE(contains(recall->definition.body, ir::math("R = \\frac{TP}{TP + FN}")));
    EXPECT_NE(plain(recall->definition.body)
                  .find("True Positives: found cases False Negatives: missed cases counted in the denominator"),
              std::string::npos)
        << plain(recall->definition.body);

    const Entry* error = find_key(result, "Type 1 Error");  // "Type 1 Error : statistics"
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->definition.summary,
              (ir::RichText{ir::text("False positives. Written "), ir::code("FP"), ir::text(" in "),
                            ir::emph({ir::text("tables")}), ir::text(" and "), ir::strong({ir::text("reports")}),
                            ir::text(".")}));
    EXPECT_TRUE(has_label(*error, "alpha error", ir::LabelKind::Variant)) << "the :Synonyms: field";
}

TEST(RstReader, SectionTitlesAreCategoriesNotEntries) {
    DiagnosticSink sink;
    auto result = read(data_file("sections.rst"), sink);
    EXPECT_EQ(keys_of(result), (std::vector<std::string>{"Transformer", "Mixture of experts (MoE)", "Adam",
                                                         "Weight decay", "Warmup", "Activation"}))
        << describe(sink);
    EXPECT_EQ(result.layout,
              (std::vector<std::pair<std::string, std::size_t>>{{"definition-list items", 4}, {"bullets", 2}}));
    EXPECT_EQ(result.sections, 3u) << "Models, Optimisers and A grouped entries";
    EXPECT_EQ(lines_of(sink, "unplaced-text"), (Lines{4, 18, 28})) << describe(sink);

    auto categories = [&](std::string_view key) {
        const Entry* entry = find_key(result, key);
        return entry ? entry->categories : std::vector<std::string>{"(missing)"};
    };
    EXPECT_EQ(categories("Transformer"), std::vector<std::string>{"Models"});
    EXPECT_EQ(categories("Mixture of experts (MoE)"), std::vector<std::string>{"Models"});
    EXPECT_EQ(categories("Adam"), std::vector<std::string>{"Optimisers"});
    EXPECT_EQ(categories("Weight decay"), std::vector<std::string>{"Optimisers"});
    EXPECT_EQ(categories("Activation"), std::vector<std::string>{"Training"}) << "\"A\" is an index letter";

    const Entry* moe = find_key(result, "Mixture of experts (MoE)");
    ASSERT_NE(moe, nullptr);
    EXPECT_EQ(moe->headword, "Mixture of experts");
    EXPECT_TRUE(has_label(*moe, "MoE", ir::LabelKind::Abbreviation));
    const Entry* warmup = find_key(result, "Warmup");
    ASSERT_NE(warmup, nullptr);
    EXPECT_EQ(warmup->line, 27u);
    EXPECT_EQ(plain(warmup->definition.summary), "a learning rate that rises at the start.");
}

TEST(RstReader, MalformedFileIsReadAndEveryProblemReported) {
    DiagnosticSink sink;
    auto result = read(data_file("malformed.rst"), sink);
    EXPECT_EQ(keys_of(result),
              (std::vector<std::string>{"Tabbed term", "Lonely term", "Odd indentation", "Unclosed role"}))
        << describe(sink);
    EXPECT_EQ(lines_of(sink, "rst-unclosed-markup"), (Lines{4, 32}));
    EXPECT_EQ(lines_of(sink, "unplaced-text"), (Lines{4, 9, 21, 36})) << describe(sink);
    EXPECT_EQ(lines_of(sink, "rst-empty-directive"), (Lines{11, 13}));
    EXPECT_EQ(lines_of(sink, "rst-not-read"), (Lines{15, 34}));
    EXPECT_EQ(lines_of(sink, "rst-glossary-format"), Lines{25});
    EXPECT_EQ(lines_of(sink, "entry-no-definition"), Lines{23});

    const Entry* tabbed = find_key(result, "Tabbed term");
    ASSERT_NE(tabbed, nullptr);
    EXPECT_EQ(plain(tabbed->definition.summary), "A definition indented with a tab.");
    const Entry* lonely = find_key(result, "Lonely term");
    ASSERT_NE(lonely, nullptr);
    EXPECT_TRUE(has_label(*lonely, "Second lonely term", ir::LabelKind::Variant));
    const Entry* odd = find_key(result, "Odd indentation");
    ASSERT_NE(odd, nullptr);
    EXPECT_EQ(plain(odd->definition.summary), "first line deeper");
    EXPECT_EQ(plain(odd->definition.body), "second line shallower");
    const Entry* role = find_key(result, "Unclosed role");
    ASSERT_NE(role, nullptr);
    EXPECT_EQ(plain(role->definition.summary), "Uses :term:`never closed and *stars.");
}

TEST(RstReader, InlineMarkup) {
    DiagnosticSink sink;
    auto result = read(
        ".. _Python: https://www.python.org/\n"
        ".. |RST| replace:: reStructuredText\n"
        "\n"
        "Term\n"
        "   Written in |RST| with Python_ and `Python`_, see https://example.com/x (or `<https://a.example>`_)\n"
        "   and [1]_; call :py:func:`~pkg.mod.run` or :code:`x = 1`; 2*3*4 and a * b stay text,\n"
        "   \\*escaped\\* too; :abbr:`LIFO (last-in, first-out)`, :doc:`guide <intro/guide>`, `title`.\n",
        sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
    const ir::RichText& summary = result.entries[0].definition.summary;
    EXPECT_EQ(plain(summary),
              "Written in reStructuredText with Python and Python, see https://example.com/x (or "
              "https://a.example) and [1]; call run or x = 1; 2*3*4 and a * b stay text, *escaped* too; LIFO "
              "(last-in, first-out), guide, title.");
    EXPECT_TRUE(contains(summary, ir::link("https://www.python.org/", {ir::text("Python")})));
    EXPECT_TRUE(contains(summary, ir::link("https://example.com/x", {ir::text("https://example.com/x")})));
    EXPECT_TRUE(contains(summary, ir::link("https://a.example", {ir::text("https://a.example")})));
    EXPECT_TRUE(contains(summary, ir::code("run")));
    EXPECT_TRUE(contains(summary, ir::code("x = 1")));
    EXPECT_TRUE(contains(summary, ir::emph({ir::text("title")})));
}

TEST(RstReader, DocumentTitleOnlyWhenItsStyleIsUnique) {
    // Two titles with the same style: both are sections, neither the title.
    DiagnosticSink sink;
    auto result = read("Vision\n======\n\nCNN\n   A convolutional network.\n\n"
                       "Language\n========\n\nRNN\n   A recurrent network.\n",
                       sink);
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    EXPECT_EQ(result.entries[0].categories, std::vector<std::string>{"Vision"});
    EXPECT_EQ(result.entries[1].categories, std::vector<std::string>{"Language"});
    EXPECT_EQ(result.sections, 2u);
}

TEST(RstReader, ContainersMetadataAndListsThatAreNotEntries) {
    DiagnosticSink sink;
    auto result = read(":orphan:\n"
                       ":tocdepth: 2\n"
                       "\n"
                       ".. only:: html\n"
                       "\n"
                       "   .. glossary::\n"
                       "\n"
                       "      Token\n"
                       "         A unit of text.\n"
                       "\n"
                       "         A. Einstein is no list item here,\n"
                       "         this is one paragraph.\n"
                       "\n"
                       "         .. note:: Spelled\n"
                       "            \"token\" too.\n"
                       "\n"
                       "         .. image:: token.png\n"
                       "\n"
                       "         .. toctree::\n"
                       "\n"
                       "            other\n",
                       sink);
    ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
    EXPECT_TRUE(sink.all().empty()) << describe(sink);
    const Entry& token = result.entries[0];
    EXPECT_EQ(token.line, 8u);
    EXPECT_EQ(plain(token.definition.body),
              "A. Einstein is no list item here, this is one paragraph. Note: Spelled \"token\" too.");
}

TEST(RstReader, DeepNestingIsFlattenedNotRecursedInto) {
    std::string document = "Term\n";
    for (std::size_t depth = 1; depth <= 3 * kMaxMarkupDepth; ++depth)
        document += std::string(2 * depth, ' ') + "- item\n";
    std::string indented = "Stairs\n";
    for (std::size_t depth = 1; depth <= 3 * kMaxMarkupDepth; ++depth)
        indented += std::string(depth, ' ') + "step\n";
    for (const auto& [text, word] : {std::pair{document, "item"}, std::pair{indented, "step"}}) {
        DiagnosticSink sink;
        auto result = read(text, sink);
        ASSERT_EQ(result.entries.size(), 1u) << describe(sink);
        EXPECT_EQ(lines_of(sink, "markup-too-deep").size(), 1u) << describe(sink);
        const ir::Definition& definition = result.entries[0].definition;
        std::string all = plain(definition.summary) + " " + plain(definition.body);
        std::size_t kept = 0;
        for (std::size_t at = all.find(word); at != std::string::npos; at = all.find(word, at + 1)) ++kept;
        EXPECT_EQ(kept, 3 * kMaxMarkupDepth) << "every line is kept, the deepest flattened";
    }
}

TEST(RstReader, UnclosedMarkupEverywhereStaysLinear) {
    // Every start-string unclosed: one failed search per kind, not one per
    // start-string (quadratic, this would take minutes).
    std::string definition;
    for (int i = 0; i < 40000; ++i) definition += "*a **b ``c `d |e :r:`f ";
    DiagnosticSink sink;
    auto result = read("Term\n   " + definition + "\n", sink);
    ASSERT_EQ(result.entries.size(), 1u);
    EXPECT_EQ(lines_of(sink, "rst-unclosed-markup"), Lines{2});
    EXPECT_EQ(plain(result.entries[0].definition.summary).size(), definition.size() - 1);
}

TEST(RstReader, AnyInputGivesEntriesWithLinesAndNeverCrashes) {
    testing::check_property("rst reader on arbitrary reST-like text", 300, [] {
        // Pieces of reST syntax, shuffled into lines at random indentation.
        static const std::vector<std::string> kPieces = {
            "Term",  ".. glossary::", ":sorted:", ".. _x:", ".. math::", "::",     "- ",    "* ",  "1. ",
            "=====", "-----",         "**b",      "*e*",    ":term:`t`", "``c",   "`x <y>`_", "|s|", ".. note::",
            "+--+",  "| ",            "====  ==", "\t",     "text",      ".. [1]", "a_",   ":f: v", ""};
        auto line = rc::gen::map(
            rc::gen::pair(rc::gen::inRange(0, 8), rc::gen::container<std::vector<int>>(
                                                      rc::gen::inRange(0, static_cast<int>(kPieces.size())))),
            [](const std::pair<int, std::vector<int>>& spec) {
                std::string out(static_cast<std::size_t>(spec.first), ' ');
                for (int piece : spec.second) out += kPieces[static_cast<std::size_t>(piece)] + " ";
                return out;
            });
        auto lines = *rc::gen::container<std::vector<std::string>>(line);
        std::string document;
        for (const auto& text : lines) document += text + "\n";
        DiagnosticSink sink;
        auto result = read(document, sink);
        for (const auto& entry : result.entries) {
            RC_ASSERT(entry.line >= 1u);
            RC_ASSERT(entry.line <= lines.size());
        }
    });
}

}  // namespace
}  // namespace glossc
