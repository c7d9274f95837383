// The plain-text backend beyond the round trip (backend_roundtrip_test.cpp):
// the layout people see, the escapes that keep it exact, the reader's errors,
// the 78-column promise on hostile input, and the real build's glossary.txt.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "backend.hpp"
#include "driver/driver.hpp"
#include "support/generators.hpp"
#include "support/glossary_fixtures.hpp"
#include "support/paths.hpp"
#include "support/property.hpp"
#include "text/text_backend.hpp"
#include "text/wrap.hpp"

namespace glossc {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool has_line(const std::string& text, const std::string& line) {
    for (const auto& l : lines_of(text))
        if (l == line) return true;
    return false;
}

ir::Concept make_concept(std::string id, std::string headword) {
    ir::Concept c;
    c.id = std::move(id);
    c.headword = std::move(headword);
    c.provenance.push_back({"s", "f.txt", c.headword, 1});
    return c;
}

ir::Glossary small_glossary() {
    ir::Glossary g;
    g.title = "Test Glossary";
    g.language = "en";
    g.edition = "2026-11-23";
    g.sources = testing::titled_sources();
    g.categories = {{"attention", "Attention & Position"}, {"training", "Training"}};
    ir::Concept attention = make_concept("attention", "attention");
    attention.labels = {{"attention", ir::LabelKind::Preferred, {"s"}}, {"attn", ir::LabelKind::Abbreviation, {"s"}}};
    attention.categories = {"attention"};
    ir::Definition d;
    d.source = "termbase";
    d.line = 12;
    d.summary = {ir::text("Weighs tokens by "), ir::math("\\mathrm{softmax}(QK^\\top)"), ir::text(".")};
    attention.definitions.push_back(d);
    attention.related = {"kv-cache"};
    ir::Concept kv = make_concept("kv-cache", "KV cache");
    kv.related = {"attention"};
    g.concepts = {kv, attention};
    return g;
}

TEST(TextBackend, ReadsLikeAGlossary) {
    std::string text = render(text_backend::stream, small_glossary(), RenderContext{});
    EXPECT_TRUE(text.starts_with("Test Glossary\n=============\n\nEdition: 2026-11-23\nLanguage: en\nSources:\n"
                                 "  AI/ML Termbase <https://example.org/termbase>\n  Topic List\nCategories:\n"))
        << text;
    EXPECT_TRUE(has_line(text, "== A ==")) << text;
    EXPECT_TRUE(has_line(text, "== K ==")) << text;
    EXPECT_LT(text.find("attention [attention]"), text.find("KV cache [kv-cache]")) << "sorted by headword";
    EXPECT_TRUE(has_line(text, "  Also called: attn")) << "the headword's own label is implied";
    EXPECT_TRUE(has_line(text, "  Category: Attention & Position")) << text;
    EXPECT_TRUE(has_line(text, "  From AI/ML Termbase:")) << text;
    EXPECT_EQ(text.find("line 12"), std::string::npos) << "no provenance\n" << text;
    EXPECT_EQ(text.find("termbase-json"), std::string::npos) << text;
    EXPECT_EQ(text.find("sources/"), std::string::npos) << text;
    EXPECT_TRUE(has_line(text, "    Weighs tokens by $\\mathrm{softmax}(QK^\\top)$.")) << "TeX as it is\n" << text;
    EXPECT_TRUE(has_line(text, "  See also: KV cache")) << text;
    EXPECT_TRUE(has_line(text, "  See also: attention")) << text;
}

TEST(TextBackend, SectionsByBaseLetterWithSymbolsFirst) {
    ir::Glossary g;
    g.title = "T";
    for (auto [id, headword] : std::vector<std::pair<std::string, std::string>>{
             {"ecole", "\xC3\x89" "cole"}, {"4bit", "4-bit"}, {"apple", "apple"}, {"apple-2", "Apple"},
             {"eager", "eager"}, {"zeta", "\xCE\xB6" "eta"}, {"dash", "-base"}})
        g.concepts.push_back(make_concept(id, headword));
    std::string text = render(text_backend::stream, g, RenderContext{});
    std::vector<std::string> order;
    for (const auto& line : lines_of(text))
        if (!line.empty() && line[0] != ' ' && line != "T" && line != "=") order.push_back(line);
    std::vector<std::string> expected{"== # ==",          "-base [dash]",  "4-bit [4bit]",  "== A ==",
                                      "Apple [apple-2]", "apple [apple]", "== E ==",       "eager [eager]",
                                      "\xC3\x89" "cole [ecole]", "== \xCE\x96 ==", "\xCE\xB6" "eta [zeta]"};
    EXPECT_EQ(order, expected) << text;
}

TEST(TextBackend, NamesAnIdOnlyWhereTheNameIsAmbiguous) {
    ir::Glossary g;
    g.title = "T";
    g.concepts = {make_concept("a", "Same"), make_concept("b", "Same"), make_concept("c", "Other")};
    g.concepts[2].related = {"a", "b", "gone"};
    std::string text = render(text_backend::stream, g, RenderContext{});
    EXPECT_TRUE(has_line(text, "  See also: Same [a]; Same [b]; [gone]")) << text;
    EXPECT_EQ(text_backend::read(text), text_backend::project(g));
}

TEST(TextBackend, EscapesWhatWouldBreakTheLayout) {
    ir::Glossary g;
    g.title = "T";
    ir::Concept c = make_concept("x", "== A == not a heading");
    c.labels = {{"a; b", ir::LabelKind::Variant, {}}, {" padded  ", ir::LabelKind::Abbreviation, {}}, {"", ir::LabelKind::Variant, {}}};
    g.sources = {{"src", "src.md", "markdown", 0, 1, "src, (1)", ""},
                 {"other", "other.md", "markdown", 0, 0, "a <b> (c)", "https://x.org/?a=1&b=<2> c"}};
    ir::Definition d;
    d.source = "src";
    d.body = ir::paragraphs({ir::text("Details: a body\nwith a line feed, a tab\tand \xE2\x80\xAE" "bidi")});
    d.details = ir::paragraphs({ir::math("\\frac{a}{b} \\\\ c\\"), ir::text(" \\<x\\<y> z\\")});
    d.flags = {"truncated"};
    c.definitions.push_back(d);
    g.concepts.push_back(c);
    std::string text = render(text_backend::stream, g, RenderContext{});
    EXPECT_TRUE(has_line(text, "== A == not a heading [x]")) << "it ends with [x]: no heading\n" << text;
    EXPECT_TRUE(has_line(text, "  Also called: a\\<;> b; \\<sp>padded\\<sp>\\<sp>; \\<>")) << text;
    EXPECT_TRUE(has_line(text, "  From src, (1\\<)> (truncated):")) << "only the title's last ')' is escaped\n" << text;
    EXPECT_TRUE(has_line(text, "  a \\<<>b> (c) <https://x.org/?a=1&b=<2> c>")) << "only the title's '<' are escaped\n"
                                                                                  << text;
    EXPECT_TRUE(has_line(text, "    \\<>")) << "an empty summary before a body\n" << text;
    EXPECT_TRUE(has_line(text, "    \\<>Details: a body\\<n>with a line feed, a tab\\<t>and \\<U+202E>bidi"))
        << text;
    EXPECT_TRUE(has_line(text, "    Details: $\\frac{a}{b} \\\\<\\> c\\$ \\<\\><x\\<\\><y> z\\<\\>")) << text;
    EXPECT_EQ(text_backend::read(text), text_backend::project(g));
}

// Readers see a source's title, never its id, file or line; names without
// their kinds, each once, without the headword and hidden search forms.
TEST(TextBackend, NamesSourcesByTitleAndAliasesWithoutKinds) {
    ir::Glossary g;
    g.title = "T";
    g.sources = {{"notes", "notes.md", "markdown", 0, 1, "Notes (2024)", ""},
                 {"dict", "dict.txt", "ai-dictionary", 0, 1, "Dictionary: A (Field) Guide", "https://x.org/d"}};
    ir::Concept c = make_concept("attention", "Attention");
    c.labels = {{"Attention", ir::LabelKind::Preferred, {}},   {"attn", ir::LabelKind::Abbreviation, {}},
                {"atention", ir::LabelKind::Hidden, {}},       {"attn", ir::LabelKind::Variant, {}},
                {"Attention", ir::LabelKind::Variant, {}},     {"scaled dot-product attention", ir::LabelKind::Expansion, {}}};
    for (std::string source : {"notes", "dict", "gone"}) {
        ir::Definition d;
        d.source = source;
        d.line = 6965;
        d.summary = {ir::text("Weighs tokens.")};
        if (source == "dict") d.flags = {"truncated"};
        c.definitions.push_back(d);
    }
    g.concepts.push_back(c);
    std::string text = render(text_backend::stream, g, RenderContext{});
    EXPECT_TRUE(has_line(text, "  Also called: attn; scaled dot-product attention")) << text;
    EXPECT_TRUE(has_line(text, "  Notes (2024)")) << text;
    EXPECT_TRUE(has_line(text, "  Dictionary: A (Field) Guide <https://x.org/d>")) << text;
    EXPECT_TRUE(has_line(text, "  From Notes (2024\\<)>:")) << "a title's last ')' is no flag\n" << text;
    EXPECT_TRUE(has_line(text, "  From Dictionary: A (Field) Guide (truncated):")) << text;
    EXPECT_TRUE(has_line(text, "  From gone:")) << "a source the glossary does not list: its id\n" << text;
    for (std::string editors : {"6965", "notes.md", "markdown", "atention", "abbreviation", "(variant)"})
        EXPECT_EQ(text.find(editors), std::string::npos) << editors << "\n" << text;

    ir::Glossary projected = text_backend::project(g);
    EXPECT_EQ(text_backend::read(text), projected);
    ASSERT_EQ(projected.sources.size(), 2u);
    EXPECT_EQ(projected.sources[1].id, "Dictionary: A (Field) Guide");
    EXPECT_EQ(projected.sources[1].url, "https://x.org/d");
    EXPECT_TRUE(projected.sources[1].file.empty());
    const auto& labels = projected.concepts[0].labels;
    ASSERT_EQ(labels.size(), 2u);
    EXPECT_EQ(labels[0], (ir::Label{"attn", ir::LabelKind::Variant, {}}));
    EXPECT_EQ(labels[1], (ir::Label{"scaled dot-product attention", ir::LabelKind::Variant, {}}));
    EXPECT_EQ(projected.concepts[0].definitions[0].source, "Notes (2024)");
    EXPECT_EQ(projected.concepts[0].definitions[0].line, 0u);
    EXPECT_EQ(projected.concepts[0].definitions[2].source, "gone");
}

// Titles that end like flags, hold "<" like a URL or ":" like the end of a
// From line, beside hostile URLs and flags, come back.
TEST(TextBackend, HostileSourceTitlesReadBack) {
    testing::check_property("text source titles", 500, [] {
        ir::Glossary g;
        g.title = "T";
        ir::Concept c = make_concept("x", "x");
        for (int i = 0; i < 2; ++i) {
            std::string title = *testing::hostile_string() +
                                *rc::gen::element<std::string>("", ")", " (x)", " <u>", "<", ":", "(", " ", "\\");
            std::string url = *rc::gen::element<std::string>("", "https://x.org/?a=1&b=<2> c>", "<>") +
                              *testing::hostile_string();
            g.sources.push_back({"s" + std::to_string(i), "f", "markdown", 0, 0, title, url});
            ir::Definition d;
            d.source = *rc::gen::element<std::string>("s0", "s1", "unlisted (x)");
            d.line = 7;
            d.flags = *rc::gen::container<std::vector<std::string>>(testing::hostile_string());
            c.definitions.push_back(d);
        }
        c.labels = *rc::gen::container<std::vector<ir::Label>>(rc::gen::construct<ir::Label>(
            testing::hostile_string(), rc::gen::element(ir::LabelKind::Preferred, ir::LabelKind::Abbreviation,
                                                        ir::LabelKind::Hidden, ir::LabelKind::Variant),
            rc::gen::just(std::vector<std::string>{})));
        g.concepts.push_back(c);
        RC_ASSERT(text_backend::read(render(text_backend::stream, g, RenderContext{})) == text_backend::project(g));
    });
}

TEST(TextBackend, WrapsAtSpacesAndBreaksOnlyOverlongWords) {
    ir::Glossary g;
    g.title = "T";
    ir::Concept c = make_concept("x", "x");
    ir::Definition d;
    std::string words;
    for (int i = 0; i < 40; ++i) words += (i ? " " : "") + std::string("word") + std::to_string(i);
    std::string wide;  // 100 CJK characters: 200 columns, no space
    for (int i = 0; i < 100; ++i) wide += "\xE6\xBC\xA2";
    d.summary = {ir::text(words)};
    d.body = ir::paragraphs({ir::text(wide)});
    c.definitions.push_back(d);
    g.concepts.push_back(c);
    std::string text = render(text_backend::stream, g, RenderContext{});
    std::size_t broken = 0;
    for (const auto& line : lines_of(text)) {
        EXPECT_LE(text::display_width(line), text_backend::kWidth) << line;
        if (line.ends_with("\\")) ++broken;
        if (line.find("word") != std::string::npos) {
            EXPECT_FALSE(line.ends_with("\\")) << "a word that fits a line is never broken: " << line;
        }
    }
    EXPECT_GE(broken, 2u) << text;
    EXPECT_EQ(text_backend::read(text), text_backend::project(g));
}

TEST(TextBackend, ProjectionFlattensRichText) {
    ir::Definition d;
    d.summary = {ir::text("a "), ir::math("x^2"), ir::text(" "), ir::code("f()"), ir::text(" "),
                 ir::emph({ir::text("e")}), ir::text(" "), ir::strong({ir::text("s")}), ir::text(" "),
                 ir::link("https://x.org", {ir::text("site")}), ir::text(" "), ir::link("https://y.org", {}),
                 ir::text(" "), ir::ref("kv-cache", {ir::text("KV cache")})};
    ir::Glossary g;
    g.title = "T";
    g.concepts.push_back(make_concept("x", "x"));
    g.concepts[0].definitions.push_back(d);
    auto projected = text_backend::project(g);
    ASSERT_EQ(projected.concepts[0].definitions[0].summary.size(), 1u);
    EXPECT_EQ(projected.concepts[0].definitions[0].summary[0],
              ir::text("a $x^2$ `f()` *e* **s** site <https://x.org> <https://y.org> KV cache"));
    EXPECT_TRUE(projected.concepts[0].provenance.empty());
}

TEST(TextBackend, ReaderSaysWhereItStopped) {
    std::string text = render(text_backend::stream, small_glossary(), RenderContext{});
    auto at = text.find("  Also called:");
    ASSERT_NE(at, std::string::npos);
    std::string broken = text.substr(0, at) + "  Alias: x\n" + text.substr(at);
    try {
        text_backend::read(broken);
        FAIL() << "expected BackendReadError";
    } catch (const BackendReadError& error) {
        std::string message = error.what();
        EXPECT_TRUE(message.starts_with("glossary.txt:")) << message;
        EXPECT_NE(message.find("Also called:"), std::string::npos) << message;
    }
    EXPECT_THROW(text_backend::read("T\n=\n\n== A ==\n\nno id here\n"), BackendReadError);
    EXPECT_THROW(text_backend::read("T\n=\n\n== A ==\n\nx [x]\n  See also: nobody\n"), BackendReadError);
    EXPECT_THROW(text_backend::read("T\n=\n\n== A ==\n\nx [x]\n  From s:\n    a\\<q>\n"), BackendReadError);
    EXPECT_THROW(text_backend::read("T\n=\n\n== A ==\n\nx [x]\n  From s:\n    a\\\n"), BackendReadError);
}

// ---- Blocks ------------------------------------------------------------------

ir::Block para(std::string text) { return ir::paragraph({ir::text(std::move(text))}); }

// A glossary of one concept "x" with one definition from source "s".
ir::Glossary with_definition(ir::Definition d) {
    ir::Glossary g;
    g.title = "T";
    ir::Concept c = make_concept("x", "x");
    d.source = "s";
    c.definitions.push_back(std::move(d));
    g.concepts.push_back(std::move(c));
    return g;
}

// The document of with_definition(d), from its first line to the definition's
// content: `content` is what follows "  From s:".
std::string document_with(const std::string& content) { return "T\n=\n\n== X ==\n\nx [x]\n  From s:\n" + content; }

// The message of the BackendReadError that reading `text` throws.
std::string read_error(const std::string& text) {
    try {
        text_backend::read(text);
    } catch (const BackendReadError& error) {
        return error.what();
    }
    return "(no error)";
}

// The text of `g`, after checking that it reads back to the projection.
std::string written_and_read_back(const ir::Glossary& g) {
    std::string text = render(text_backend::stream, g, RenderContext{});
    EXPECT_EQ(text_backend::read(text), text_backend::project(g)) << text;
    return text;
}

TEST(TextBackendBlocks, ParagraphsAndNestedListsReadLikeText) {
    ir::Definition d;
    d.summary = {ir::text("A summary.")};
    d.body = {para("First paragraph."), para("Second paragraph."),
              ir::bullet_list({{para("one"), ir::bullet_list({{para("one.a")}, {para("one.b")}})},
                               {para("two"), para("two, further")}}),
              ir::ordered_list({{para("third")}, {para("fourth")}}, 3)};
    ir::Glossary g = with_definition(d);
    EXPECT_EQ(written_and_read_back(g), document_with(R"(    A summary.
    First paragraph.
    Second paragraph.
    - one
        - one.a
        - one.b
    - two
        two, further
    3. third
    4. fourth
)"));
    EXPECT_EQ(text_backend::project(g).concepts[0].definitions[0].body, d.body) << "plain text keeps the structure";
}

TEST(TextBackendBlocks, CodeLinesComeBackExactly) {
    const std::string long_line = "x = '" + std::string(90, 'a') + "'";  // 96 columns
    ir::Definition d;
    d.summary = {ir::text("Code.")};
    d.body = {ir::code_block("def f(x):\n    return x  \n\n\tpass\n" + long_line + "\nend \\\nif a\\<b: c\\d\n```",
                             "python")};
    ir::Glossary g = with_definition(d);
    std::string text = written_and_read_back(g);
    EXPECT_EQ(text, document_with(R"(    Code.
    ```python
    def f(x):
        return x \<sp>

    \<t>pass
    )" + long_line.substr(0, 73) + R"(\
    )" + long_line.substr(73) + R"(
    end \<\>
    if a\<\><b: c\d
    \<`>``
    ```
)"));
    for (const auto& line : lines_of(text)) EXPECT_LE(text::display_width(line), text_backend::kWidth) << line;
    EXPECT_EQ(text_backend::read(text).concepts[0].definitions[0].body, d.body) << "code is kept as it is";
}

TEST(TextBackendBlocks, MathQuotesAndTables) {
    ir::Definition d;
    d.summary = {ir::text("S.")};
    d.body = {ir::display_math("\\frac{a}{b}\n= c"),
              ir::quote({para("quoted"), para("more")}),
              ir::table({{{ir::text("a")}, {ir::emph({ir::text("b")})}},
                         {{ir::text("1 | 2")}, {}}})};
    EXPECT_EQ(written_and_read_back(with_definition(d)), document_with(R"(    S.
    $$
    \frac{a}{b}
    = c
    $$
    > quoted
        more
    | a | *b* |
    |---|---|
    | 1 \<|> 2 | \<> |
)"));
}

TEST(TextBackendBlocks, DetailsAndExampleLeadWithTheirKeyword) {
    ir::Definition d;
    d.body = {ir::bullet_list({{para("b")}})};
    d.details = {ir::code_block("x")};
    d.example = {para("e"), ir::bullet_list({{para("i")}}), para("Example: not a keyword")};
    EXPECT_EQ(written_and_read_back(with_definition(d)), document_with(R"(    \<>
    - b
    Details:
    ```
    x
    ```
    Example: e
    - i
    \<>Example: not a keyword
)"));
}

TEST(TextBackendBlocks, ListsInARowAndTextThatLooksLikeABlock) {
    ir::Definition d;
    d.summary = {ir::text("- not a list")};
    d.body = {ir::bullet_list({{para("a")}}), ir::bullet_list({{para("b")}}), ir::bullet_list({{para("c")}}),
              ir::ordered_list({{para("d")}}), ir::ordered_list({{para("e")}}),
              para("3. not an item"), para("| not a row"), para("```"), para("$$"), para("> not a quote"),
              ir::bullet_list({{para("- the item's own text")}, {ir::code_block("c")}}),
              ir::table({{{ir::text("a")}}}), ir::table({{{ir::text("b")}}, {{ir::text("c")}}})};
    EXPECT_EQ(written_and_read_back(with_definition(d)), document_with(R"(    \<>- not a list
    - a
    * b
    - c
    1. d
    1) e
    \<>3. not an item
    \<>| not a row
    \<>```
    \<>$$
    \<>> not a quote
    - - the item's own text
    -
        ```
        c
        ```
    | a |
    |---|
    | b |
    |---|
    | c |
)"));
}

TEST(TextBackendBlocks, ReaderSaysWhereBlocksAreBroken) {
    // An unclosed fence: the next concept's headword is less indented than it.
    std::string unclosed = document_with("    S.\n    ```\n    x\n") + "\ny [y]\n";
    std::string message = read_error(unclosed);
    EXPECT_TRUE(message.starts_with("glossary.txt:12: ")) << message;
    EXPECT_NE(message.find("opened at line 9 is not closed"), std::string::npos) << message;
    message = read_error(document_with("    S.\n    $$\n    x^2\n"));
    EXPECT_TRUE(message.starts_with("glossary.txt:10: ")) << "at the end of the document: " << message;
    // Bad indentation: a paragraph nothing opened, and a column that starts nothing.
    message = read_error(document_with("    S.\n        deeper\n"));
    EXPECT_TRUE(message.starts_with("glossary.txt:9: ")) << message;
    EXPECT_NE(message.find("unexpected indentation"), std::string::npos) << message;
    message = read_error(document_with("    S.\n     five\n"));
    EXPECT_TRUE(message.starts_with("glossary.txt:9: ")) << message;
    // A table without its rule, a row of another width, numbers out of order.
    EXPECT_TRUE(read_error(document_with("    S.\n    | a |\n    b\n")).starts_with("glossary.txt:9: "));
    EXPECT_TRUE(
        read_error(document_with("    S.\n    | a |\n    |---|\n    | b | c |\n")).starts_with("glossary.txt:11: "));
    EXPECT_TRUE(read_error(document_with("    S.\n    1. a\n    3. b\n")).starts_with("glossary.txt:10: "));
    // A code line broken with the break mark must go on; a fence "$$" stands alone.
    EXPECT_TRUE(read_error(document_with("    S.\n    ```\n    a\\\n    ```\n")).starts_with("glossary.txt:"));
    EXPECT_TRUE(read_error(document_with("    S.\n    $$ x\n    $$\n")).starts_with("glossary.txt:9: "));
    // Hostile nesting is an error, not a stack overflow.
    std::string deep = "    S.\n";
    for (std::size_t level = 1; level <= 2000; ++level) deep += std::string(4 * level, ' ') + "-\n";
    EXPECT_NE(read_error(document_with(deep)).find("nested too deep"), std::string::npos);
    // What is well formed reads: a sanity check of the fixtures above.
    EXPECT_EQ(read_error(document_with("    S.\n    ```\n    x\n    ```\n")), "(no error)");
}

// Definitions made only of generated blocks, to the depth the generators
// allow: the round trip with many more blocks than glossary() has.
TEST(TextBackendBlocks, BlocksRoundTrip) {
    testing::check_property("text blocks round trip", 1000, [](ir::Glossary glossary) {
        for (auto& c : glossary.concepts)
            for (auto& d : c.definitions)
                for (auto* field : {&d.body, &d.details, &d.example})
                    for (int i = 0; i < 3; ++i)
                        for (auto& block : testing::blocks(3)) field->push_back(std::move(block));
        std::string text = render(text_backend::stream, glossary, RenderContext{});
        RC_ASSERT(text_backend::read(text) == text_backend::project(glossary));
    });
}

// What the round trip cannot see: the layout promises on hostile input.
TEST(TextBackend, EveryLineFitsAndIsClean) {
    testing::check_property("text layout", 300, [](const ir::Glossary& glossary) {
        std::string text = render(text_backend::stream, glossary, RenderContext{});
        RC_ASSERT(!text.empty() && text.back() == '\n');
        for (const auto& line : lines_of(text)) {
            RC_ASSERT(text::display_width(line) <= text_backend::kWidth);
            RC_ASSERT(line.empty() || line.back() != ' ');
            for (unsigned char ch : line) RC_ASSERT(ch >= 0x20 && ch != 0x7F);
        }
    });
}

// What the seed edition must not show readers (issue 24): "line N"
// provenance, or a source's id or file where a source is named (the Sources
// list and the From lines, which name titles only).
void expect_no_provenance(const std::string& bytes, const ir::Glossary& glossary) {
    std::set<std::string> titles;
    for (const auto& source : glossary.sources) {
        titles.insert(source.title);
        EXPECT_TRUE(has_line(bytes, "  " + source.title + (source.url.empty() ? "" : " <" + source.url + ">")))
            << "the Sources list: " << source.title;
        EXPECT_EQ(bytes.find(source.file), std::string::npos) << source.file;
    }
    std::size_t from_lines = 0;
    for (const auto& line : lines_of(bytes)) {
        EXPECT_FALSE(std::regex_search(line, std::regex(R"(\bline [0-9])"))) << line;
        if (!line.starts_with("  From ")) continue;
        ++from_lines;
        std::string title = line.substr(7, line.size() - 8);  // without "  From " and ":"
        if (title.ends_with(")")) title = title.substr(0, title.rfind(" ("));  // flags
        EXPECT_TRUE(titles.count(title)) << line;
    }
    EXPECT_GT(from_lines, glossary.concepts.size() / 2);
}

// `glossc build --formats text` on the seed sources: out/glossary.txt reads
// back to the projection of the glossary the compiler builds.
TEST(TextBackend, RealBuildReadsBackToItsProjection) {
    std::ostringstream diagnostics;
    CompileResult compiled = compile(CompileRequest{testing::seeds_manifest(), {}}, diagnostics);
    ASSERT_TRUE(compiled.glossary) << diagnostics.str();
    ir::Glossary expected = text_backend::project(*compiled.glossary);

    testing::TempDir dir;
    auto run = testing::run_command(testing::shell_quote(testing::glossc_binary().string()) + " build --manifest " +
                                    testing::shell_quote(testing::seeds_manifest().string()) + " --out " +
                                    testing::shell_quote(dir.path().string()) + " --formats text");
    if (compiled.status == kExitSourceErrors) {
        // The seed sources do not compile cleanly yet, so no output is written;
        // check the writer on the glossary the front end built all the same.
        EXPECT_EQ(run.status, kExitSourceErrors) << run.output;
        std::string bytes = render(text_backend::stream, *compiled.glossary, RenderContext{compiled.timestamp});
        EXPECT_EQ(text_backend::read(bytes), expected);
        expect_no_provenance(bytes, *compiled.glossary);
        GTEST_SKIP() << "the seed build has source errors; checked write/read on its glossary instead";
    }
    ASSERT_EQ(run.status, 0) << run.output;
    ASSERT_TRUE(std::filesystem::exists(dir / "glossary.txt"));
    EXPECT_FALSE(std::filesystem::exists(dir / "glossary.json")) << "--formats text writes only the text";
    std::string bytes = testing::read_bytes(dir / "glossary.txt");
    ir::Glossary back = text_backend::read(bytes);
    EXPECT_EQ(back.concepts.size(), expected.concepts.size());
    EXPECT_TRUE(back == expected) << "glossary.txt does not read back to project(compile())";
    expect_no_provenance(bytes, *compiled.glossary);
    for (const auto& line : lines_of(bytes)) EXPECT_LE(text::display_width(line), text_backend::kWidth) << line;
}

}  // namespace
}  // namespace glossc
