// The generic JSON reader ("json"): arrays of entries, id -> entry objects,
// term -> definition objects, the `fields`, `entries` and `markup` options,
// Markdown in strings, line numbers, and malformed input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "text/inline_math.hpp"
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

// The first node of `kind` in rich text (children included), or null.
const ir::Inline* find_kind(const ir::RichText& text, ir::InlineKind kind) {
    for (const auto& node : text) {
        if (node.kind == kind) return &node;
        if (const ir::Inline* inner = find_kind(node.children, kind)) return inner;
    }
    return nullptr;
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
    ASSERT_FALSE(ppo.definition.details.empty());
    ASSERT_GE(ppo.definition.details[0].text.size(), 2u);
    EXPECT_EQ(ppo.definition.details[0].text[1], ir::math("L^{CLIP}"));
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

TEST(MappedJsonReader, MarkdownStringsAreReadAsMarkdown) {
    // A slug -> Markdown object (a course glossary kept as data): bold,
    // emphasis, code, links, a reference link whose definition is in another
    // string, "\\" line breaks, a line of only "\\" between paragraphs,
    // &mdash;, <br>, and empty strings.
    std::string document;
    ASSERT_TRUE(text::read_file(testing::source_dir() / "tests" / "data" / "sources" / "markdown-fields.json", document));
    DiagnosticSink sink;
    auto result = read(document, sink);
    ASSERT_EQ(result.entries.size(), 7u) << describe(sink);
    EXPECT_EQ(result.layout, (std::vector<std::pair<std::string, std::size_t>>{{"term -> definition members", 7}}));
    const ir::Diagnostic* sniffed = testing::find_code(sink, "markup-sniffed");
    ASSERT_NE(sniffed, nullptr) << describe(sink);
    EXPECT_NE(sniffed->message.find("Markdown (5 of 5 values"), std::string::npos) << sniffed->message;
    EXPECT_NE(sniffed->message.find("markup = \"text\""), std::string::npos) << sniffed->message;

    const Entry* signal = find_key(result, "signal");
    EXPECT_EQ(plain(signal->definition.summary),
              "A signal is a function of some variable(s). Its inputs have physical meaning \xE2\x80\x94 an image is "
              "one. source");
    ASSERT_NE(find_kind(signal->definition.summary, ir::InlineKind::Strong), nullptr);
    const ir::Inline* link = find_kind(signal->definition.summary, ir::InlineKind::Link);
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(link->target, "https://example.org/signals");
    EXPECT_TRUE(signal->definition.body.empty()) << "a \\ line break is no paragraph break";

    const Entry* filtering = find_key(result, "image-filtering");
    EXPECT_EQ(plain(filtering->definition.summary),
              "Image filtering computes a function of the local neighborhood at each position.");
    EXPECT_EQ(plain(filtering->definition.body), "Filtering is done by convolving an image with a kernel.");
    EXPECT_NE(find_kind(text::flatten(filtering->definition.body), ir::InlineKind::Emph), nullptr);
    EXPECT_NE(find_kind(text::flatten(filtering->definition.body), ir::InlineKind::Code), nullptr);

    // The reference "[source][1]" is defined in another string of the file.
    const ir::Inline* shared = find_kind(find_key(result, "recognition")->definition.summary, ir::InlineKind::Link);
    ASSERT_NE(shared, nullptr);
    EXPECT_EQ(shared->target, "https://example.org/signals");
    EXPECT_EQ(plain(find_key(result, "quantization")->definition.summary),
              "Mapping values from a larger set to a smaller set. It is the basis of discrete signal processing.");
    const ir::Inline* slide = find_kind(find_key(result, "resolution")->definition.summary, ir::InlineKind::Link);
    ASSERT_NE(slide, nullptr);
    EXPECT_EQ(slide->target, "https://example.org/slides");
    EXPECT_EQ(testing::lines_of(sink, "entry-no-definition"), (std::vector<std::uint32_t>{7, 8}));
}

TEST(MappedJsonReader, MarkupOptionOverridesTheSniffing) {
    std::string document = R"({"KV cache": "Stores **keys** and values &mdash; per layer.",)"
                           R"( "RAG": "Retrieval-**augmented** generation."})";
    DiagnosticSink sink;
    auto result = read(document, sink, {{"markup", "text"}});
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    // As written, but for the entity.
    EXPECT_EQ(plain(result.entries[0].definition.summary), "Stores **keys** and values \xE2\x80\x94 per layer.");
    EXPECT_FALSE(testing::find_code(sink, "markup-sniffed"));
    DiagnosticSink markdown;
    result = read(document, markdown, {{"markup", "Markdown"}});
    EXPECT_EQ(plain(result.entries[0].definition.summary), "Stores keys and values \xE2\x80\x94 per layer.");
    EXPECT_FALSE(testing::find_code(markdown, "markup-sniffed")) << "given, not sniffed";
    DiagnosticSink bad;
    EXPECT_TRUE(read(document, bad, {{"markup", "rst"}}).entries.empty());
    const ir::Diagnostic* error = testing::find_code(bad, "reader-bad-option");
    ASSERT_NE(error, nullptr) << describe(bad);
    EXPECT_NE(error->message.find("\"markdown\", \"html\" or \"text\""), std::string::npos) << error->message;
}

TEST(MappedJsonReader, EntryObjectsSniffOnlyTheirProseFields) {
    // Markdown in the definitions; the names lose their emphasis, and an
    // "[title](url)" reference is a linked citation.
    DiagnosticSink sink;
    auto result = read(R"json([
  {"term": "**RAG**", "aliases": ["*retrieval-augmented generation*"], "definition": "Looks up **documents** first.",
   "source": "[RAG paper](https://arxiv.org/abs/2005.11401)"},
  {"term": "p_value", "definition": "The `p` of a *test*: small when the data are **unlikely**."}
])json",
                       sink);
    ASSERT_EQ(result.entries.size(), 2u) << describe(sink);
    EXPECT_EQ(result.layout, (std::vector<std::pair<std::string, std::size_t>>{{"objects", 2}}));
    EXPECT_EQ(result.entries[0].headword, "RAG");
    EXPECT_TRUE(has_label(result.entries[0], "retrieval-augmented generation", ir::LabelKind::Expansion));
    ASSERT_EQ(result.entries[0].references.size(), 1u);
    EXPECT_EQ(result.entries[0].references[0].title, "RAG paper");
    EXPECT_EQ(result.entries[0].references[0].url, "https://arxiv.org/abs/2005.11401");
    EXPECT_EQ(result.entries[1].headword, "p_value") << "no markup in the name";
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
