// The JSON termbase reader (001) on the real seed file and on broken variants.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "text/inline_math.hpp"
#include "readers/names.hpp"
#include "readers/reader.hpp"
#include "support/paths.hpp"
#include "support/reader_fixtures.hpp"
#include "text/file_io.hpp"

namespace glossc {
namespace {

SourceSpec spec_for(const std::string& file) {
    SourceSpec spec;
    spec.id = "termbase";
    spec.file = file;
    spec.display_path = "sources/" + file;
    spec.format = "termbase-json";
    return spec;
}

ReaderResult read_seed(DiagnosticSink& sink) {
    std::string document;
    EXPECT_TRUE(text::read_file(testing::source_dir() / "sources" / "001_295ffdeb0bff5544.txt", document));
    return find_reader("termbase-json")->read(spec_for("001_295ffdeb0bff5544.txt"), document, sink);
}

const Entry* by_key(const ReaderResult& r, const std::string& key) {
    for (const auto& e : r.entries)
        if (e.key == key) return &e;
    return nullptr;
}

bool has_label(const Entry& e, const std::string& text, ir::LabelKind kind) {
    for (const auto& l : e.labels)
        if (l.text == text && l.kind == kind) return true;
    return false;
}

TEST(TermbaseReader, ReadsAll254EntriesAnd20Categories) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    EXPECT_EQ(result.entries.size(), 254u);
    EXPECT_EQ(result.declared_categories.size(), 20u);
    EXPECT_EQ(result.declared_categories.front().id, "precision-formats");
    EXPECT_FALSE(sink.has_errors());
    for (const auto& e : result.entries) {
        EXPECT_GT(e.line, 0u) << e.key;
        EXPECT_FALSE(e.headword.empty()) << e.key;
        EXPECT_EQ(e.definition.source, "termbase");
    }
}

TEST(TermbaseReader, ParsesMathIntoMathNodes) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    const Entry* gptq = by_key(result, "gptq");
    ASSERT_NE(gptq, nullptr);
    bool found = false;
    for (const auto& node : text::flatten(gptq->definition.details))
        found = found || (node.kind == ir::InlineKind::Math && node.text == "\\min \\|WX - Q(W)X\\|^2");
    EXPECT_TRUE(found);
    EXPECT_EQ(gptq->references.size(), 3u);  // paper, resource, citation
    EXPECT_EQ(gptq->references[0].arxiv, "2210.17323");
    EXPECT_EQ(gptq->references[2].arxiv, "2210.17323");
}

TEST(TermbaseReader, SplitsPackedNamesIntoTypedLabels) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    const Entry* bf16 = by_key(result, "bf16");
    ASSERT_NE(bf16, nullptr);
    EXPECT_EQ(bf16->headword, "bf16");
    EXPECT_TRUE(has_label(*bf16, "bfloat16", ir::LabelKind::Expansion));
    const Entry* fp8 = by_key(result, "fp8");
    ASSERT_NE(fp8, nullptr);
    EXPECT_EQ(fp8->headword, "fp8");
    EXPECT_TRUE(has_label(*fp8, "E4M3", ir::LabelKind::Variant));
    EXPECT_TRUE(has_label(*fp8, "E5M2", ir::LabelKind::Variant));
    const Entry* a2a = by_key(result, "a2a");
    ASSERT_NE(a2a, nullptr);
    EXPECT_TRUE(has_label(*a2a, "Agent-to-Agent Protocol", ir::LabelKind::Expansion));
}

// The expansion's parenthesis: names (abbreviations, short forms, lists of
// names, capitalised phrases) become labels; anything else is a note.
TEST(TermbaseReader, ExpansionParenthesesGiveNamesOrNotes) {
    DiagnosticSink sink;
    auto result = find_reader("termbase-json")->read(spec_for("t.json"), R"json({
  "entries": {
    "dp": {"name": "Data Parallelism", "expansion": "Data Parallelism (DDP / Distributed Data Parallel)", "oneliner": "x"},
    "mem": {"name": "GPU Memory", "expansion": "GPU Memory (VRAM) for LLMs", "oneliner": "x"},
    "apc": {"name": "Prefix Caching", "expansion": "Automatic Prefix Caching (APC)", "oneliner": "x"},
    "laws": {"name": "Scaling Laws", "expansion": "Neural Scaling Laws (Kaplan / Chinchilla)", "oneliner": "x"},
    "olmo": {"name": "OLMo", "expansion": "OLMo — Open Language Model (AI2)", "oneliner": "x"},
    "minp": {"name": "Min-p Sampling", "expansion": "Min-p (Minimum Probability) Sampling", "oneliner": "x"}
  }
})json", sink);
    ASSERT_EQ(result.entries.size(), 6u);
    auto note_of = [](const Entry& e) {
        for (const auto& x : e.extras)
            if (x.key == "expansion note") return x.value;
        return std::string();
    };
    const Entry& dp = *by_key(result, "dp");
    EXPECT_TRUE(has_label(dp, "DDP", ir::LabelKind::Abbreviation));
    EXPECT_TRUE(has_label(dp, "Distributed Data Parallel", ir::LabelKind::Variant));
    const Entry& mem = *by_key(result, "mem");
    EXPECT_TRUE(has_label(mem, "VRAM", ir::LabelKind::Abbreviation));
    EXPECT_EQ(mem.labels.size(), 1u) << "\"for LLMs\" qualifies; it names nothing";
    EXPECT_EQ(note_of(mem), "for LLMs");
    const Entry& apc = *by_key(result, "apc");
    EXPECT_TRUE(has_label(apc, "APC", ir::LabelKind::Abbreviation));
    EXPECT_TRUE(has_label(apc, "Automatic Prefix Caching", ir::LabelKind::Expansion));
    const Entry& laws = *by_key(result, "laws");
    EXPECT_EQ(note_of(laws), "Kaplan / Chinchilla") << "two single words are no names";
    for (const auto& l : laws.labels) EXPECT_EQ(l.text.find("Kaplan"), std::string::npos);
    const Entry& olmo = *by_key(result, "olmo");
    EXPECT_EQ(note_of(olmo), "AI2") << "after a description, a short form names its maker";
    const Entry& minp = *by_key(result, "minp");
    EXPECT_TRUE(has_label(minp, "Minimum Probability Sampling", ir::LabelKind::Variant));
}

// "NAME — gloss" in the expansion field: the name is a label, the gloss
// (with its name, as printed) the last paragraph of the definition's body.
TEST(TermbaseReader, AnExpansionWithAGlossGivesItsNameAndKeepsTheGloss) {
    DiagnosticSink sink;
    auto result = find_reader("termbase-json")->read(spec_for("t.json"), R"json({
  "entries": {
    "bnb": {"name": "BitsAndBytes (bnb)", "expansion": "bitsandbytes \u2014 Tim Dettmers' quantization library",
            "oneliner": "x", "explanation": "A library."},
    "fp8": {"name": "fp8", "expansion": "8-bit Floating Point \u2013 two variants", "oneliner": "x"},
    "clip": {"name": "CLIP", "expansion": "CLIP \u2014 Contrastive Language-Image Pre-training", "oneliner": "x"},
    "metrics": {"name": "Inference Metrics", "expansion": "TTFT, ITL, TPS \u2014 Core LLM Serving Metrics",
                "oneliner": "x"},
    "nous": {"name": "Nous", "expansion": "Community collective \u2014 Hermes, Capybara", "oneliner": "x"},
    "deepseek": {"name": "deepseek-ai/", "expansion": "DeepSeek \u2014 V2/V3, R1, Coder", "oneliner": "x"},
    "vllm": {"name": "vLLM", "expansion": "vLLM - high-throughput LLM serving", "oneliner": "x"}
  }
})json", sink);
    ASSERT_EQ(result.entries.size(), 7u);
    auto gloss_of = [](const Entry& e) {
        return e.definition.body.empty() ? std::string() : testing::plain(ir::Blocks{e.definition.body.back()});
    };
    auto label_texts = [](const Entry& e) {
        std::vector<std::string> out;
        for (const auto& l : e.labels) out.push_back(l.text);
        return out;
    };
    const Entry& bnb = *by_key(result, "bnb");
    EXPECT_TRUE(has_label(bnb, "bitsandbytes", ir::LabelKind::Variant));
    ASSERT_EQ(bnb.definition.body.size(), 2u) << "the explanation, then the gloss";
    EXPECT_EQ(gloss_of(bnb), "bitsandbytes \xE2\x80\x94 Tim Dettmers' quantization library");
    const Entry& fp8 = *by_key(result, "fp8");
    EXPECT_EQ(label_texts(fp8), std::vector<std::string>{"8-bit Floating Point"});
    EXPECT_EQ(gloss_of(fp8), "8-bit Floating Point \xE2\x80\x93 two variants");
    // Words after the dash that spell the name out are its expansion: a name, no gloss.
    const Entry& clip = *by_key(result, "clip");
    EXPECT_TRUE(has_label(clip, "Contrastive Language-Image Pre-training", ir::LabelKind::Expansion));
    EXPECT_TRUE(clip.definition.body.empty());
    // No name before the dash (a list of short forms, a phrase of prose, the
    // maker of a naming tag): no label, all of it gloss.
    for (const char* key : {"metrics", "nous", "deepseek"}) {
        const Entry& e = *by_key(result, key);
        EXPECT_TRUE(e.labels.empty()) << key << ": " << e.labels.front().text;
        EXPECT_NE(gloss_of(e).find("\xE2\x80\x94"), std::string::npos) << key;
    }
    const Entry& vllm = *by_key(result, "vllm");
    EXPECT_TRUE(vllm.labels.empty());
    EXPECT_EQ(gloss_of(vllm), "vLLM - high-throughput LLM serving");
    EXPECT_FALSE(sink.has_errors());
}

TEST(TermbaseReader, NoSeedLabelCarriesAGloss) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    std::string document;
    ASSERT_TRUE(text::read_file(testing::source_dir() / "sources" / "001_295ffdeb0bff5544.txt", document));
    auto seed = nlohmann::json::parse(document);
    std::size_t glossy = 0, glossed = 0;
    for (const auto& e : result.entries) {
        for (const auto& l : e.labels) EXPECT_FALSE(split_gloss(l.text)) << e.key << ": " << l.text;
        std::string expansion = seed["entries"][e.key].value("expansion", "");
        if (!split_gloss(expansion)) continue;
        ++glossy;
        if (!e.definition.body.empty() && testing::plain(ir::Blocks{e.definition.body.back()}) == expansion) ++glossed;
    }
    // 38 expansions are "NAME — gloss"; 8 of them spell the name out
    // ("CLIP — Contrastive Language-Image Pre-training"), 30 close the body.
    EXPECT_EQ(glossy, 38u);
    EXPECT_EQ(glossed, 30u);
    const Entry* bnb = by_key(result, "bitsandbytes");
    ASSERT_NE(bnb, nullptr);
    EXPECT_TRUE(has_label(*bnb, "bitsandbytes", ir::LabelKind::Variant));
    const Entry* rouge = by_key(result, "rouge");
    ASSERT_NE(rouge, nullptr);
    EXPECT_TRUE(has_label(*rouge, "Recall-Oriented Understudy for Gisting Evaluation", ir::LabelKind::Expansion));
}

TEST(TermbaseReader, KeepsNamingTagsWhole) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    std::size_t tags = 0;
    for (const auto& e : result.entries) {
        if (e.headword.empty() || (e.headword.front() != '-' && e.headword.back() != '/')) continue;
        ++tags;
        // "-sft / -dpo" stays one name: no part of it becomes a label that
        // could collide with a real concept ("-dpo" with DPO).
        for (const auto& l : e.labels)
            EXPECT_EQ(e.headword.find(l.text), std::string::npos) << e.key << ": " << l.text;
    }
    EXPECT_GT(tags, 20u);
    const Entry* sft = by_key(result, "tag-alignment");
    ASSERT_NE(sft, nullptr);
    EXPECT_EQ(sft->headword, "-sft / -dpo / -rlhf / -orpo / -kto");
}

TEST(TermbaseReader, KeepsExtras) {
    DiagnosticSink sink;
    auto result = read_seed(sink);
    const Entry* a2a = by_key(result, "a2a");
    ASSERT_NE(a2a, nullptr);
    std::map<std::string, std::string> extras;
    for (const auto& x : a2a->extras) extras[x.key] = x.value;
    EXPECT_EQ(extras["seen in"], "documentation");
    EXPECT_EQ(extras["confidence"], "high");
    EXPECT_EQ(extras["verified date"], "2026-04-11");
    EXPECT_EQ(extras["expansion note"], "Google");
}

TEST(TermbaseReader, AnEntrysLineIsWhereItsKeyStands) {
    // The key "name" is also every entry's field, and a category's
    // "entries" list (before the entries) names the entries: neither is
    // taken for the entry.
    DiagnosticSink sink;
    auto result = find_reader("termbase-json")->read(spec_for("t.json"), R"({
  "categories": [{"id": "c", "entries": ["name", "first"]}],
  "entries": {
    "first": {"name": "First", "oneliner": "x"},
    "name":
      {"name": "Name", "oneliner": "y", "related": ["first"]}
  }
})", sink);
    ASSERT_EQ(result.entries.size(), 2u);
    EXPECT_EQ(by_key(result, "first")->line, 4u);
    EXPECT_EQ(by_key(result, "name")->line, 5u);
    EXPECT_FALSE(sink.has_errors());
}

TEST(TermbaseReader, SyntaxErrorGivesLineAndColumn) {
    DiagnosticSink sink;
    auto result = find_reader("termbase-json")->read(spec_for("bad.json"), "{\n  \"entries\": {\n    \"a\": {,\n", sink);
    EXPECT_TRUE(result.entries.empty());
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "json-syntax");
    EXPECT_EQ(sink.all()[0].line, 3u);
    EXPECT_EQ(sink.all()[0].file, "sources/bad.json");
}

TEST(TermbaseReader, EntriesWithoutNameOrDefinitionAreReported) {
    DiagnosticSink sink;
    auto result = find_reader("termbase-json")->read(spec_for("t.json"), R"({
  "entries": {
    "ok": {"name": "OK", "oneliner": "Fine."},
    "noname": {"oneliner": "Who am I?"},
    "nodef": {"name": "Empty"},
    "weird": 5
  }
})", sink);
    EXPECT_EQ(result.entries.size(), 2u);
    std::map<std::string, std::uint32_t> line_of;
    for (const auto& d : sink.all()) line_of[d.code] = d.line;
    EXPECT_EQ(line_of["entry-no-name"], 4u);
    EXPECT_EQ(line_of["entry-no-definition"], 5u);
    EXPECT_EQ(line_of["termbase-bad-entry"], 6u);
}

}  // namespace
}  // namespace glossc
