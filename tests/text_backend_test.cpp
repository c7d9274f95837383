// The plain-text backend beyond the round trip (backend_roundtrip_test.cpp):
// the layout people see, the escapes that keep it exact, the reader's errors,
// the 78-column promise on hostile input, and the real build's glossary.txt.
#include <gtest/gtest.h>

#include <sstream>

#include "backend.hpp"
#include "driver/driver.hpp"
#include "support/generators.hpp"
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
    EXPECT_TRUE(text.starts_with("Test Glossary\n=============\n\nEdition: 2026-11-23\nLanguage: en\n")) << text;
    EXPECT_TRUE(has_line(text, "== A ==")) << text;
    EXPECT_TRUE(has_line(text, "== K ==")) << text;
    EXPECT_LT(text.find("attention [attention]"), text.find("KV cache [kv-cache]")) << "sorted by headword";
    EXPECT_TRUE(has_line(text, "  Aliases: attn (abbreviation)")) << "the headword's own label is implied";
    EXPECT_TRUE(has_line(text, "  Category: Attention & Position")) << text;
    EXPECT_TRUE(has_line(text, "  From termbase, line 12:")) << text;
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
    c.labels = {{"a; b", ir::LabelKind::Variant, {}}, {" padded  ", ir::LabelKind::Hidden, {}}};
    ir::Definition d;
    d.source = "src, (1)";
    d.body = {ir::text("Details: a body\nwith a line feed, a tab\tand \xE2\x80\xAE" "bidi")};
    d.details = {ir::math("\\frac{a}{b} \\\\ c\\"), ir::text(" \\<x\\<y> z\\")};
    d.flags = {"truncated"};
    c.definitions.push_back(d);
    g.concepts.push_back(c);
    std::string text = render(text_backend::stream, g, RenderContext{});
    EXPECT_TRUE(has_line(text, "== A == not a heading [x]")) << "it ends with [x]: no heading\n" << text;
    EXPECT_TRUE(has_line(text, "  Aliases: a\\<;> b (variant); \\<sp>padded\\<sp>\\<sp> (hidden)")) << text;
    EXPECT_TRUE(has_line(text, "  From src\\<,> \\<(>1\\<)> (truncated):")) << text;
    EXPECT_TRUE(has_line(text, "    \\<>")) << "an empty summary before a body\n" << text;
    EXPECT_TRUE(has_line(text, "    \\<>Details: a body\\<n>with a line feed, a tab\\<t>and \\<U+202E>bidi"))
        << text;
    EXPECT_TRUE(has_line(text, "    Details: $\\frac{a}{b} \\\\<\\> c\\$ \\<\\><x\\<\\><y> z\\<\\>")) << text;
    EXPECT_EQ(text_backend::read(text), text_backend::project(g));
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
    d.body = {ir::text(wide)};
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
    auto at = text.find("  Aliases:");
    ASSERT_NE(at, std::string::npos);
    std::string broken = text.substr(0, at) + "  Alias: x\n" + text.substr(at);
    try {
        text_backend::read(broken);
        FAIL() << "expected BackendReadError";
    } catch (const BackendReadError& error) {
        std::string message = error.what();
        EXPECT_TRUE(message.starts_with("glossary.txt:")) << message;
        EXPECT_NE(message.find("Aliases:"), std::string::npos) << message;
    }
    EXPECT_THROW(text_backend::read("T\n=\n\n== A ==\n\nno id here\n"), BackendReadError);
    EXPECT_THROW(text_backend::read("T\n=\n\n== A ==\n\nx [x]\n  See also: nobody\n"), BackendReadError);
    EXPECT_THROW(text_backend::read("T\n=\n\n== A ==\n\nx [x]\n  From s:\n    a\\<q>\n"), BackendReadError);
    EXPECT_THROW(text_backend::read("T\n=\n\n== A ==\n\nx [x]\n  From s:\n    a\\\n"), BackendReadError);
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
        EXPECT_EQ(text_backend::read(render(text_backend::stream, *compiled.glossary, RenderContext{compiled.timestamp})),
                  expected);
        GTEST_SKIP() << "the seed build has source errors; checked write/read on its glossary instead";
    }
    ASSERT_EQ(run.status, 0) << run.output;
    ASSERT_TRUE(std::filesystem::exists(dir / "glossary.txt"));
    EXPECT_FALSE(std::filesystem::exists(dir / "glossary.json")) << "--formats text writes only the text";
    std::string bytes = testing::read_bytes(dir / "glossary.txt");
    ir::Glossary back = text_backend::read(bytes);
    EXPECT_EQ(back.concepts.size(), expected.concepts.size());
    EXPECT_TRUE(back == expected) << "glossary.txt does not read back to project(compile())";
    for (const auto& line : lines_of(bytes)) EXPECT_LE(text::display_width(line), text_backend::kWidth) << line;
}

}  // namespace
}  // namespace glossc
