// The IR is a set of value types: equal when every field is equal.
#include <gtest/gtest.h>

#include "ir/ir.hpp"

namespace glossc::ir {
namespace {

Concept sample_concept() {
    Concept c;
    c.id = "kv-cache";
    c.headword = "KV cache";
    c.labels = {{"KV cache", LabelKind::Preferred, {"termbase"}}, {"Key-Value cache", LabelKind::Expansion, {"termbase"}}};
    c.categories = {"inference"};
    Definition d;
    d.source = "termbase";
    d.line = 12;
    d.summary = {text("Stores "), math("K, V"), text(" per token.")};
    c.definitions = {d};
    c.related = {"paged-attention"};
    c.references = {{"Paper", "A. Author", "ICLR", "2210.17323", "https://example.org"}};
    c.provenance = {{"termbase", "001.txt", "kv-cache", 12}};
    c.extras = {{"termbase", "confidence", "high"}};
    return c;
}

TEST(Ir, EqualValuesCompareEqual) {
    EXPECT_EQ(sample_concept(), sample_concept());
    Glossary a, b;
    a.concepts = {sample_concept()};
    b.concepts = {sample_concept()};
    EXPECT_EQ(a, b);
}

TEST(Ir, EveryFieldTakesPartInEquality) {
    const Concept base = sample_concept();
    auto differs = [&](auto mutate) {
        Concept c = base;
        mutate(c);
        return !(c == base);
    };
    EXPECT_TRUE(differs([](Concept& c) { c.id = "x"; }));
    EXPECT_TRUE(differs([](Concept& c) { c.headword = "x"; }));
    EXPECT_TRUE(differs([](Concept& c) { c.labels[1].kind = LabelKind::Variant; }));
    EXPECT_TRUE(differs([](Concept& c) { c.labels[0].sources.clear(); }));
    EXPECT_TRUE(differs([](Concept& c) { c.categories.clear(); }));
    EXPECT_TRUE(differs([](Concept& c) { c.definitions[0].line = 13; }));
    EXPECT_TRUE(differs([](Concept& c) { c.definitions[0].summary[1] = text("K, V"); }));
    EXPECT_TRUE(differs([](Concept& c) { c.definitions[0].flags.push_back("truncated"); }));
    EXPECT_TRUE(differs([](Concept& c) { c.related.push_back("x"); }));
    EXPECT_TRUE(differs([](Concept& c) { c.references[0].arxiv.clear(); }));
    EXPECT_TRUE(differs([](Concept& c) { c.provenance[0].key = "KV cache"; }));
    EXPECT_TRUE(differs([](Concept& c) { c.extras[0].value = "low"; }));
}

TEST(Ir, RichTextComparesStructure) {
    EXPECT_EQ(emph({text("a")}), emph({text("a")}));
    EXPECT_NE(emph({text("a")}), strong({text("a")}));
    EXPECT_NE(link("https://a", {text("a")}), link("https://b", {text("a")}));
    EXPECT_NE(text("x"), math("x"));
}

TEST(Ir, EnumNamesRoundTrip) {
    for (auto kind : {LabelKind::Preferred, LabelKind::Abbreviation, LabelKind::Expansion, LabelKind::Variant,
                      LabelKind::Hidden}) {
        LabelKind back{};
        ASSERT_TRUE(parse_label_kind(to_string(kind), back));
        EXPECT_EQ(back, kind);
    }
    InlineKind inline_kind{};
    EXPECT_TRUE(parse_inline_kind("math", inline_kind));
    EXPECT_EQ(inline_kind, InlineKind::Math);
    Severity severity{};
    EXPECT_FALSE(parse_severity("fatal", severity));
}

}  // namespace
}  // namespace glossc::ir
