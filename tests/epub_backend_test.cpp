// The EPUB backend beyond the round trip (backend_roundtrip_test.cpp): the
// book epubcheck accepts (the seed build and generated hostile glossaries),
// links that resolve, identical bytes for identical input, the structure
// reading systems look for, and the TeX-to-MathML converter on every seed
// formula.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "support/reader_fixtures.hpp"
#include "backend.hpp"
#include "driver/driver.hpp"
#include "epub/epub_backend.hpp"
#include "epub/tex_to_mathml.hpp"
#include "support/block_fixture.hpp"
#include "support/epub_inspect.hpp"
#include "support/generators.hpp"
#include "support/glossary_fixtures.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

using testing::make_concept;

namespace inspect = testing::epub;

constexpr std::int64_t kTimestamp = 1795478400;  // 2026-11-24T00:00:00Z

// The book of a glossary, as of kTimestamp.
std::string book(const ir::Glossary& glossary) {
    return render(epub_backend::stream, glossary, RenderContext{kTimestamp});
}

// The seed build's glossary, compiled once for the whole file.
const CompileResult& seed_build() {
    static const CompileResult* result = [] {
        std::ostringstream diagnostics;
        return new CompileResult(compile(CompileRequest{testing::seeds_manifest(), {}}, diagnostics));
    }();
    return *result;
}

std::string seed_book() {
    const CompileResult& compiled = seed_build();
    return render(epub_backend::stream, *compiled.glossary, RenderContext{compiled.timestamp});
}

// A hostile glossary from the shared generators at full size, the same one
// for a seed; the first draw with at least four concepts, so that there are
// letters, links and indexes to check.
ir::Glossary generated_glossary(std::uint64_t seed) {
    for (std::uint64_t draw = seed;; draw += 1000) {
        ir::Glossary g = testing::glossary()(rc::Random(draw), rc::kNominalSize).value();
        if (g.concepts.size() >= 4) return g;
    }
}

ir::Glossary small_glossary() {
    ir::Glossary g;
    g.title = "Test Glossary";
    g.language = "en";
    g.edition = "2026-11-23";
    g.categories = {{"attention", "Attention & Position"}};
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
    kv.labels = {{"KV", ir::LabelKind::Abbreviation, {}}};
    g.concepts = {kv, attention};
    return g;
}

std::string member(const std::string& epub, const std::string& name) {
    auto files = inspect::files(epub);
    auto it = files.find(name);
    return it == files.end() ? std::string() : it->second;
}

// ---- Structure ----------------------------------------------------------------------

TEST(EpubBackend, IsAGlossaryBookWithItsParts) {
    std::string epub = book(small_glossary());
    auto members = inspect::members(epub);
    ASSERT_GE(members.size(), 9u);
    EXPECT_EQ(members[0].name, "mimetype");
    EXPECT_TRUE(members[0].stored);
    EXPECT_EQ(members[0].bytes, "application/epub+zip");
    EXPECT_EQ(epub.substr(30, 8), "mimetype") << "mimetype is the first local header, with no extra field";

    std::string opf = member(epub, "EPUB/package.opf");
    EXPECT_NE(opf.find("<meta property=\"dcterms:modified\">2026-11-24T00:00:00Z</meta>"), std::string::npos) << opf;
    EXPECT_NE(opf.find("<dc:identifier id=\"book-id\">urn:uuid:"), std::string::npos) << opf;
    for (std::string property : {"schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard",
                                 "schema:accessibilitySummary"})
        EXPECT_NE(opf.find("property=\"" + property + "\""), std::string::npos) << property;
    EXPECT_NE(opf.find("media-type=\"application/vnd.epub.search-key-map+xml\" properties=\"search-key-map glossary\""),
              std::string::npos);
    EXPECT_EQ(opf.find("dictionary"), std::string::npos) << "a glossary, not a dictionary";

    std::string a = member(epub, "EPUB/glossary-a.xhtml");
    EXPECT_NE(a.find("<section epub:type=\"glossary\" role=\"doc-glossary\">"), std::string::npos) << a;
    EXPECT_NE(a.find("<dt id=\"attention\"><dfn>attention</dfn></dt>"), std::string::npos) << a;
    EXPECT_NE(a.find("<p class=\"aliases\">Also called: <span class=\"alias\" data-kind=\"abbreviation\">attn</span></p>"),
              std::string::npos)
        << "readers see the name, not its kind: " << a;
    EXPECT_NE(a.find("<a class=\"related\" epub:type=\"glossref\" role=\"doc-glossref\" "
                     "href=\"glossary-k.xhtml#kv-cache\">KV cache</a>"),
              std::string::npos)
        << a;
    EXPECT_NE(a.find("<annotation encoding=\"application/x-tex\">\\mathrm{softmax}(QK^\\top)</annotation>"),
              std::string::npos)
        << a;
    EXPECT_NE(a.find("href=\"categories.xhtml#attention\">Attention &amp; Position</a>"), std::string::npos) << a;

    std::string index = member(epub, "EPUB/index.xhtml");
    EXPECT_NE(index.find("<li>attn, <i>see</i> <a href=\"glossary-a.xhtml#attention\">attention</a></li>"),
              std::string::npos)
        << index;
    std::string keys = member(epub, "EPUB/search-key-map.xml");
    EXPECT_NE(keys.find("<search-key-group href=\"glossary-k.xhtml#kv-cache\">\n<match value=\"KV cache\">\n"
                        "<value value=\"KV\"/>"),
              std::string::npos)
        << keys;
    std::string nav = member(epub, "EPUB/nav.xhtml");
    EXPECT_NE(nav.find("epub:type=\"toc\""), std::string::npos);
    EXPECT_NE(nav.find("epub:type=\"landmarks\""), std::string::npos);
}

// ---- The index of names and the categories page ------------------------------------------

// The targets of the links of the jump list that opens `page`, and the ids
// of the sections it should list (the index's letter headings, or the
// categories' sections), in page order.
std::pair<std::vector<std::string>, std::vector<std::string>> jumps_and_sections(const std::string& page,
                                                                                const std::string& section_id) {
    std::pair<std::vector<std::string>, std::vector<std::string>> out;
    std::size_t nav_end = page.find("</nav>");
    std::string nav = page.substr(0, nav_end == std::string::npos ? 0 : nav_end);
    std::regex jump("<li><a href=\"#([^\"]+)\">");
    for (std::sregex_iterator it(nav.begin(), nav.end(), jump), end; it != end; ++it) out.first.push_back((*it)[1]);
    std::regex section(section_id);
    for (std::sregex_iterator it(page.begin(), page.end(), section), end; it != end; ++it) out.second.push_back((*it)[1]);
    return out;
}

TEST(EpubIndexes, IndexAndCategoriesOpenWithAJumpListToEverySection) {
    std::string epub = seed_book();
    std::string index = member(epub, "EPUB/index.xhtml");
    auto [letters, headings] = jumps_and_sections(index, "<h2 id=\"([^\"]+)\">");
    EXPECT_GT(headings.size(), 20u);
    EXPECT_EQ(letters, headings) << "one link per letter, in page order";
    EXPECT_NE(index.find("<nav class=\"jump\" aria-label=\"Letters\">\n<ul class=\"jump\">\n"
                         "<li><a href=\"#letter-symbols\">Symbols and numbers</a></li>\n"
                         "<li><a href=\"#letter-a\">A</a></li>\n"),
              std::string::npos);
    EXPECT_LT(index.find("<nav class=\"jump\""), index.find("<ul class=\"index\">")) << "the jump list comes first";

    std::string categories = member(epub, "EPUB/categories.xhtml");
    auto [jumps, sections] = jumps_and_sections(categories, "<section class=\"category\" id=\"([^\"]+)\">");
    EXPECT_EQ(sections.size(), seed_build().glossary->categories.size());
    EXPECT_EQ(jumps, sections) << "one link per category, in page order";
    // Each category's link says how many concepts it holds.
    std::size_t members = 0;
    for (const auto& c : seed_build().glossary->concepts)
        if (std::find(c.categories.begin(), c.categories.end(), "fundamentals") != c.categories.end()) ++members;
    EXPECT_NE(categories.find("<li><a href=\"#fundamentals\">Fundamentals &amp; Math (" + std::to_string(members) +
                              ")</a></li>"),
              std::string::npos);
    EXPECT_LT(categories.find("<nav class=\"jump\""), categories.find("<ul class=\"members\">"));
}

// A reader's idea of the same name: letters and digits, case folded.
std::string compact(const std::string& name) {
    std::string out;
    for (char c : name)
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

TEST(EpubIndexes, NoNameIsSentToItself) {
    ir::Glossary g;
    g.title = "Self";
    ir::Concept fine = make_concept("fine-tuning", "Fine-Tuning");
    fine.labels = {{"Finetuning", ir::LabelKind::Variant, {}}, {"fine tuning", ir::LabelKind::Variant, {}},
                   {"FT", ir::LabelKind::Abbreviation, {}}};
    ir::Concept auto_research = make_concept("autoresearch", "AutoResearch");
    ir::Concept research = make_concept("research", "Research");
    research.labels = {{"Autoresearch", ir::LabelKind::Variant, {}}};
    g.concepts = {research, auto_research, fine};
    std::string index = member(book(g), "EPUB/index.xhtml");
    // A name that is a headword links to its concept, and says "see also"
    // for the other concepts it names.
    EXPECT_NE(index.find("<li><a href=\"glossary-a.xhtml#autoresearch\">AutoResearch</a>; <i>see also</i> "
                         "<a href=\"glossary-r.xhtml#research\">Research</a></li>"),
              std::string::npos)
        << index;
    // A spelling of the headword (case, spaces, a hyphen) has no line of its
    // own: the headword's line is next to it.
    EXPECT_EQ(index.find("Finetuning"), std::string::npos) << index;
    EXPECT_NE(index.find("<li><a href=\"glossary-f.xhtml#fine-tuning\">Fine-Tuning</a></li>"), std::string::npos);
    EXPECT_NE(index.find("<li>FT, <i>see</i> <a href=\"glossary-f.xhtml#fine-tuning\">Fine-Tuning</a></li>"),
              std::string::npos);
    EXPECT_EQ(index.find(", <i>see</i> <a href=\"glossary-a.xhtml#autoresearch\""), std::string::npos) << index;

    // On the seeds, no "X, see Y" where X and Y are one name to a reader.
    std::string seed_index = member(seed_book(), "EPUB/index.xhtml");
    std::regex see("<li>([^<]*), <i>see</i> (.*)</li>");
    std::regex link(">([^<]*)</a>");
    std::size_t sees = 0;
    for (std::sregex_iterator it(seed_index.begin(), seed_index.end(), see), end; it != end; ++it) {
        ++sees;
        std::string name = (*it)[1], targets = (*it)[2];
        for (std::sregex_iterator l(targets.begin(), targets.end(), link); l != end; ++l)
            EXPECT_NE(compact(name), compact((*l)[1])) << (*it)[0];
    }
    EXPECT_GT(sees, 300u);
    EXPECT_NE(seed_index.find("<li><a href=\"glossary-a.xhtml#autoresearch\">AutoResearch</a>; <i>see also</i> "),
              std::string::npos);
}

TEST(EpubBackend, IdentifierDependsOnTheTitleOnly) {
    ir::Glossary g = small_glossary();
    auto identifier = [](const ir::Glossary& glossary) {
        std::string opf = member(book(glossary), "EPUB/package.opf");
        std::smatch match;
        EXPECT_TRUE(std::regex_search(opf, match, std::regex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
            << opf;
        return match.str();
    };
    std::string first = identifier(g);
    g.concepts.pop_back();
    EXPECT_EQ(identifier(g), first) << "a new edition with other content is the same book";
    g.title = "Another Glossary";
    EXPECT_NE(identifier(g), first);
}

TEST(EpubBackend, NoNamedEntitiesAndControlCharactersMadeVisible) {
    ir::Glossary g = small_glossary();
    g.concepts[0].headword = "KV\x01" "cache\xC2\xA0<&>";
    g.concepts[0].definitions.push_back({"s", 1, {ir::text("tab\there\r\nand \x1f")}, {}, {}, {}, {}});
    std::string epub = book(g);
    std::string k = member(epub, "EPUB/glossary-k.xhtml");
    EXPECT_NE(k.find("<dfn>KV\xE2\x90\x81" "cache\xC2\xA0&lt;&amp;&gt;</dfn>"), std::string::npos) << k;
    EXPECT_NE(k.find("tab\there&#13;\nand \xE2\x90\x9F"), std::string::npos) << k;
    for (const auto& m : inspect::members(epub)) {
        std::smatch entity;
        EXPECT_FALSE(std::regex_search(m.bytes, entity, std::regex("&(?!(amp|lt|gt|quot|#[0-9]+|#x[0-9a-fA-F]+);)[A-Za-z0-9#]+;")))
            << m.name << ": " << entity.str();
    }
    ir::Glossary back = epub_backend::read(epub);
    ASSERT_EQ(back.concepts.size(), 2u);
    EXPECT_EQ(back.concepts[1].headword, "KV\xE2\x90\x81" "cache\xC2\xA0<&>");
    EXPECT_TRUE(back == epub_backend::project(g));
}

TEST(EpubBackend, MathmlPropertyOnExactlyTheFilesWithMath) {
    for (const std::string& epub : {seed_book(), book(small_glossary())}) {
        auto files = inspect::files(epub);
        pugi::xml_document opf;
        ASSERT_TRUE(opf.load_string(files.at("EPUB/package.opf").c_str()));
        int with_math = 0;
        for (auto item : opf.child("package").child("manifest").children("item")) {
            std::string href = item.attribute("href").value();
            std::string properties = std::string(" ") + item.attribute("properties").value() + " ";
            bool declared = properties.find(" mathml ") != std::string::npos;
            bool has_math = files.at("EPUB/" + href).find("<math") != std::string::npos;
            EXPECT_EQ(declared, has_math) << href;
            with_math += has_math;
        }
        EXPECT_GT(with_math, 0);
    }
}

TEST(EpubBackend, EveryLinkResolves) {
    std::vector<std::string> books{seed_book(), book(small_glossary()), book(ir::Glossary{})};
    for (std::uint64_t seed = 1; seed <= 20; ++seed)
        books.push_back(book(generated_glossary(seed)));
    for (std::size_t i = 0; i < books.size(); ++i) {
        auto broken = inspect::broken_links(books[i]);
        std::string list;
        for (const auto& b : broken) list += "\n  " + b;
        EXPECT_TRUE(broken.empty()) << "book " << i << " has broken links:" << list;
    }
}

TEST(EpubBackend, TwoBuildsAreByteIdentical) {
    std::ostringstream diagnostics;
    CompileResult again = compile(CompileRequest{testing::seeds_manifest(), {}}, diagnostics);
    ASSERT_TRUE(again.glossary);
    std::string first = seed_book();
    std::string second = render(epub_backend::stream, *again.glossary, RenderContext{again.timestamp});
    EXPECT_TRUE(first == second) << "two builds of the seeds differ";
    RenderContext later{seed_build().timestamp + 86400};
    std::string third = render(epub_backend::stream, *seed_build().glossary, later);
    EXPECT_NE(first, third) << "dcterms:modified and the zip times follow the timestamp";
}

TEST(EpubBackend, SeedBuildReadsBackToItsProjection) {
    const auto& glossary = *seed_build().glossary;
    EXPECT_TRUE(epub_backend::read(seed_book()) == epub_backend::project(glossary));
}

// ---- Sources and names as readers see them (issue 24) -------------------------------------

// Two sources with titles, one with a URL an href can hold (after escaping)
// and one with a URL it cannot; a hidden label; definitions with lines.
ir::Glossary sources_glossary() {
    ir::Glossary g = small_glossary();
    g.sources = {{"termbase", "001_termbase.txt", "termbase-json", 50, 2, "AI/ML Termbase", "https://example.org/t?a=1&b=2"},
                 {"topic-list", "003_topics.txt", "topic-list", 20, 1, "Topic List <&>", "https://example.org/<bad>"}};
    ir::Concept& attention = g.concepts[1];
    attention.labels.push_back({"atention", ir::LabelKind::Hidden, {}});
    attention.labels.push_back({"scaled attention", ir::LabelKind::Variant, {}});
    ir::Definition d;
    d.source = "topic-list";
    d.line = 6193;
    d.flags = {"truncated"};
    d.summary = {ir::text("Looks at every token.")};
    attention.definitions.push_back(d);
    return g;
}

// Every character of text inside `node` (what a reader sees, attributes aside).
std::string text_of(const pugi::xml_node& node) {
    std::string out;
    for (auto child : node.children())
        out += child.type() == pugi::node_element ? text_of(child) : std::string(child.value());
    return out;
}

TEST(EpubSources, ReadersSeeTitlesAndNamesOnly) {
    ir::Glossary g = sources_glossary();
    std::string epub = book(g);
    std::string a = member(epub, "EPUB/glossary-a.xhtml");
    EXPECT_NE(a.find("<p class=\"source\">\u2014 <span class=\"source-title\">AI/ML Termbase</span></p>\n</div>"),
              std::string::npos)
        << "attributed by title, after the definition: " << a;
    EXPECT_NE(a.find("<p class=\"source\">\u2014 <span class=\"source-title\">Topic List &lt;&amp;&gt;</span> "
                     "(<span class=\"flag\">truncated</span>)</p>"),
              std::string::npos)
        << a;
    EXPECT_NE(a.find("<p class=\"aliases\">Also called: <span class=\"alias\" data-kind=\"abbreviation\">attn</span>; "
                     "<span class=\"alias\" data-kind=\"variant\">scaled attention</span></p>\n"
                     "<p class=\"aliases\" hidden=\"hidden\"><span class=\"alias\" data-kind=\"hidden\">atention</span></p>"),
              std::string::npos)
        << "names without kinds; hidden labels hidden: " << a;
    for (std::string provenance : {"termbase", "topic-list", "line", "6193", "From "})
        EXPECT_EQ(a.find(provenance), std::string::npos) << provenance << " in " << a;

    std::string title = member(epub, "EPUB/title.xhtml");
    EXPECT_NE(title.find("<ul class=\"sources\">\n<li class=\"source\"><a class=\"source-title\" "
                         "href=\"https://example.org/t?a=1&amp;b=2\">AI/ML Termbase</a></li>\n"
                         "<li class=\"source\"><span class=\"source-title\">Topic List &lt;&amp;&gt;</span> "
                         "(<span class=\"url\">https://example.org/&lt;bad&gt;</span>)</li>\n</ul>"),
              std::string::npos)
        << "by title, linked when the URL can be an href: " << title;
    for (std::string provenance : {"termbase", "001_termbase.txt", "entries", "topic-list"})
        EXPECT_EQ(title.find(provenance), std::string::npos) << provenance << " in " << title;

    ir::Glossary back = epub_backend::read(epub);
    EXPECT_TRUE(back == epub_backend::project(g));
    ASSERT_EQ(back.sources.size(), 2u);
    EXPECT_EQ(back.sources[0].id, "AI/ML Termbase");
    EXPECT_EQ(back.sources[0].url, "https://example.org/t?a=1&b=2");
    EXPECT_EQ(back.sources[1].url, "https://example.org/<bad>");
    const ir::Concept& attention = back.concepts[0];
    ASSERT_EQ(attention.definitions.size(), 2u);
    EXPECT_EQ(attention.definitions[1].source, "Topic List <&>");
    EXPECT_EQ(attention.definitions[1].line, 0u);
    ASSERT_EQ(attention.labels.size(), 3u);
    EXPECT_EQ(attention.labels[2].kind, ir::LabelKind::Hidden) << "hidden labels come back last";
}

// The done-when check of issue 24 on the seed book: no page shows "line N",
// and every definition is attributed by a title of the manifest, never by a
// source id or file name.
TEST(EpubSources, SeedBookShowsNoProvenance) {
    const ir::Glossary& glossary = *seed_build().glossary;
    std::set<std::string> titles;
    for (const auto& source : glossary.sources) {
        ASSERT_NE(source.title, source.id) << "the seed manifest gives every source a title";
        titles.insert(source.title);
    }
    const std::regex line_number("line [0-9]");
    std::size_t attributions = 0;
    for (const auto& [name, bytes] : inspect::files(seed_book())) {
        if (!name.ends_with(".xhtml")) continue;
        pugi::xml_document page;
        ASSERT_TRUE(page.load_buffer(bytes.data(), bytes.size())) << name;
        const std::string shown = text_of(page);
        EXPECT_FALSE(std::regex_search(shown, line_number)) << name << " shows a line number";
        for (const auto& source : glossary.sources) EXPECT_EQ(shown.find(source.file), std::string::npos) << name;
        for (const auto& attribution : page.select_nodes("//p[@class='source']")) {
            ++attributions;
            std::string text = text_of(attribution.node());
            ASSERT_TRUE(text.starts_with("\u2014 ")) << name << ": " << text;
            text = text.substr(std::string("\u2014 ").size());
            if (std::size_t flags = text.find(" ("); flags != std::string::npos) text.resize(flags);
            EXPECT_TRUE(titles.count(text)) << name << ": not a source title: " << text;
        }
        for (const auto& item : page.select_nodes("//li[@class='source']")) {
            std::string text = text_of(item.node());
            EXPECT_TRUE(titles.count(text)) << "the title page lists " << text;
        }
    }
    std::size_t definitions = 0;
    for (const auto& c : glossary.concepts) definitions += c.definitions.size();
    EXPECT_EQ(attributions, definitions) << "one attribution per definition";
}

// ---- Math -------------------------------------------------------------------------------

void collect_math(const ir::RichText& text, std::vector<std::string>& out) {
    for (const auto& node : text) {
        if (node.kind == ir::InlineKind::Math) out.push_back(node.text);
        collect_math(node.children, out);
    }
}

TEST(EpubMath, EverySeedFormulaConvertsToMathml) {
    const auto& glossary = *seed_build().glossary;
    std::vector<std::string> formulas;
    for (const auto& c : glossary.concepts)
        for (const auto& d : c.definitions)
            for (const auto* text : testing::rich_texts(d)) collect_math(*text, formulas);
    ASSERT_GT(formulas.size(), 100u) << "the seeds have hundreds of formulas";
    for (const auto& tex : formulas) {
        auto converted = epub_backend::tex_to_mathml(tex);
        ASSERT_TRUE(converted.ok()) << tex << ": " << converted.error;
        pugi::xml_document document;
        EXPECT_TRUE(document.load_string(converted.presentation.c_str())) << tex << "\n" << converted.presentation;
    }
    auto fallbacks = epub_backend::math_fallbacks(glossary);
    std::string list;
    for (const auto& d : fallbacks) list += "\n  " + d.message;
    EXPECT_TRUE(fallbacks.empty()) << list;
    std::cout << "[epub] " << formulas.size() << " seed formulas, all converted to MathML\n";
}

TEST(EpubMath, ConvertsTheCommonShapes) {
    auto mathml = [](std::string_view tex) {
        auto converted = epub_backend::tex_to_mathml(tex);
        EXPECT_TRUE(converted.ok()) << tex << ": " << converted.error;
        return converted.presentation;
    };
    EXPECT_EQ(mathml("x^2"), "<msup><mi>x</mi><mn>2</mn></msup>");
    EXPECT_EQ(mathml("d_k"), "<msub><mi>d</mi><mi>k</mi></msub>");
    EXPECT_EQ(mathml("H^{-1}_{q}"), "<msubsup><mi>H</mi><mi>q</mi><mrow><mo>\u2212</mo><mn>1</mn></mrow></msubsup>");
    EXPECT_EQ(mathml("\\frac{1}{d}"), "<mfrac><mn>1</mn><mi>d</mi></mfrac>");
    EXPECT_EQ(mathml("\\sqrt{d_k}"), "<msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt>");
    EXPECT_EQ(mathml("\\mathbb{R}"), "<mi>\u211D</mi>");
    EXPECT_EQ(mathml("\\mathcal{L}"), "<mi>\u2112</mi>");
    EXPECT_EQ(mathml("\\mathbf{r}"), "<mi>\U0001D42B</mi>");
    EXPECT_EQ(mathml("\\mathrm{softmax}"), "<mi>softmax</mi>");
    EXPECT_EQ(mathml("\\text{seq\\_len}"), "<mtext>seq_len</mtext>");
    EXPECT_EQ(mathml("\\alpha \\leq \\Omega"), "<mrow><mi>\u03B1</mi><mo>\u2264</mo><mi mathvariant=\"normal\">\u03A9</mi></mrow>");
    EXPECT_EQ(mathml("h''"), "<msup><mi>h</mi><mo>\u2032\u2032</mo></msup>");
    EXPECT_EQ(mathml("\\left(x\\right)"),
              "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mi>x</mi><mo fence=\"true\" stretchy=\"true\">)</mo></mrow>");
    EXPECT_EQ(mathml("\\hat{A}_i"), "<msub><mover accent=\"true\"><mi>A</mi><mo>^</mo></mover><mi>i</mi></msub>");
    EXPECT_EQ(mathml("\\sum_{t=1}^{T}"),
              "<msubsup><mo>\u2211</mo><mrow><mi>t</mi><mo>=</mo><mn>1</mn></mrow><mi>T</mi></msubsup>");
    EXPECT_EQ(mathml("0.0796 < 1"), "<mrow><mn>0.0796</mn><mo>&lt;</mo><mn>1</mn></mrow>");
    EXPECT_EQ(mathml("\\sqrt[3]{x}"), "<mroot><mi>x</mi><mn>3</mn></mroot>");
}

TEST(EpubMath, RefusesWhatItDoesNotKnow) {
    for (std::string_view tex : std::initializer_list<std::string_view>{"\\begin{pmatrix}a\\end{pmatrix}", "a & b", "\\unknowncommand", "x^2^3", "{x",
                                 "x}", "\\left( x", "\x08" "eta", "\\frac{a}", "50% off", std::string_view("\\", 1),
                                 "\xFF"}) {
        auto converted = epub_backend::tex_to_mathml(tex);
        EXPECT_FALSE(converted.ok()) << tex << " -> " << converted.presentation;
        EXPECT_TRUE(converted.presentation.empty());
    }
    EXPECT_FALSE(epub_backend::tex_to_mathml(std::string(5000, '{') + std::string(5000, '}')).ok()) << "depth bound";
}

TEST(EpubMath, UnsupportedFormulaIsShownAsTexWithAWarning) {
    ir::Glossary g = small_glossary();
    g.sources = {{"termbase", "termbase.json", "termbase-json", 10, 2, "Termbase", {}}};
    g.concepts[1].definitions[0].details = ir::paragraphs({ir::math("\\begin{cases} a \\end{cases}")});
    std::string epub = book(g);
    EXPECT_NE(member(epub, "EPUB/glossary-a.xhtml").find("<code class=\"tex\">\\begin{cases} a \\end{cases}</code>"),
              std::string::npos);
    auto warnings = epub_backend::math_fallbacks(g);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].severity, ir::Severity::Warning);
    EXPECT_EQ(warnings[0].code, "epub-math-fallback");
    EXPECT_EQ(warnings[0].file, "termbase.json");
    EXPECT_EQ(warnings[0].line, 12u);
    EXPECT_NE(warnings[0].message.find("unknown command \\begin"), std::string::npos) << warnings[0].message;
    EXPECT_TRUE(epub_backend::read(epub) == epub_backend::project(g)) << "the fallback reads back as math";
}

// ---- Blocks ------------------------------------------------------------------------------

// A definition with every kind of block (its displayed formulas: one the
// converter takes, one it refuses); details in blocks (with their label), an
// example of one paragraph (written as before blocks).
ir::Glossary blocks_glossary() {
    ir::Glossary g = small_glossary();
    g.sources = {{"termbase", "termbase.json", "termbase-json", 10, 2, "Termbase", {}}};
    ir::Definition& d = g.concepts[1].definitions[0];
    d.body = testing::every_kind_of_block("\\begin{cases} a \\end{cases}");
    d.details = {ir::paragraph({ir::text("Cost:")}), ir::display_math("O(n)")};
    d.example = ir::paragraphs({ir::text("See above.")});
    return g;
}

// The part of a letter file from `from` up to the end of the first `to` after it.
std::string excerpt(const std::string& text, std::string_view from, std::string_view to) {
    std::size_t start = text.find(from);
    if (start == std::string::npos) return "";
    std::size_t end = text.find(to, start);
    return end == std::string::npos ? "" : text.substr(start, end + to.size() - start);
}

TEST(EpubBlocks, WritesEveryKindOfBlock) {
    std::string page = member(book(blocks_glossary()), "EPUB/glossary-a.xhtml");
    const std::string mathml_sum =
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\" alttext=\"\\sum_i x_i\"><semantics>" +
        epub_backend::tex_to_mathml("\\sum_i x_i").presentation +
        "<annotation encoding=\"application/x-tex\">\\sum_i x_i</annotation></semantics></math>";
    EXPECT_EQ(excerpt(page, "<div class=\"body\">", "</table>\n</div>\n"),
              "<div class=\"body\">\n"
              "<p>Intro with <math xmlns=\"http://www.w3.org/1998/Math/MathML\" alttext=\"x^2\"><semantics>" +
                  epub_backend::tex_to_mathml("x^2").presentation +
                  "<annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math>.</p>\n"
                  "<ul>\n<li>one</li>\n<li>\n<p>two</p>\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ul>\n"
                  "<ol start=\"3\">\n<li>third</li>\n<li><em>fourth</em></li>\n</ol>\n"
                  "<pre><code class=\"language-c++\">  if (a &lt; b &amp;&amp; c[0])\n    return &quot;]]&gt;&quot;;</code></pre>\n" +
                  mathml_sum +
                  "\n"
                  "<pre class=\"tex\">\\begin{cases} a \\end{cases}</pre>\n"
                  "<blockquote>\n<p>quoted</p>\n<p>twice</p>\n</blockquote>\n"
                  "<table>\n<thead>\n<tr><th>h1</th><th>h2</th></tr>\n</thead>\n"
                  "<tbody>\n<tr><td>a</td><td><code>b</code></td></tr>\n</tbody>\n</table>\n</div>\n");
    // Details keep their label, in a paragraph of its own before the blocks;
    // a field of one paragraph is the <p> it was before blocks existed.
    EXPECT_NE(page.find("<div class=\"details\">\n<p><span class=\"field\">Details:</span></p>\n"
                        "<div class=\"content\">\n<p>Cost:</p>\n<math "),
              std::string::npos)
        << page;
    EXPECT_NE(page.find("<p class=\"example\"><span class=\"field\">Example:</span> <span class=\"content\">See "
                        "above.</span></p>"),
              std::string::npos);
}

TEST(EpubBlocks, ReadBackAsWritten) {
    ir::Glossary g = blocks_glossary();
    std::string epub = book(g);
    ir::Glossary back = epub_backend::read(epub);
    EXPECT_TRUE(back == epub_backend::project(g));
    // The projection keeps the blocks: the book loses none of them.
    const ir::Definition& d = g.concepts[1].definitions[0];
    const ir::Definition& read = back.concepts[0].definitions[0];
    EXPECT_EQ(read.body, d.body);
    EXPECT_EQ(read.details, d.details);
    EXPECT_EQ(read.example, d.example);
}

TEST(EpubBlocks, StyleRulesOnlyInABookWithBlocks) {
    EXPECT_EQ(member(book(small_glossary()), "EPUB/style.css").find("blockquote"), std::string::npos);
    EXPECT_NE(member(book(blocks_glossary()), "EPUB/style.css").find("blockquote"), std::string::npos);
}

TEST(EpubBlocks, RefusedDisplayedFormulasAreFallbacksToo) {
    auto warnings = epub_backend::math_fallbacks(blocks_glossary());
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].message.find("\\begin{cases}"), std::string::npos) << warnings[0].message;
}

// ---- epubcheck --------------------------------------------------------------------------

void expect_epubcheck_passes(const std::string& epub, const std::string& what) {
    auto result = inspect::epubcheck(epub);
    if (!result.available) {
        std::cout << "[epub] skipped: epubcheck not installed (Debian: apt install epubcheck)\n";
        GTEST_SKIP() << "skipped: epubcheck not installed";
    }
    std::string problems;
    for (const auto& line : result.problems) problems += "\n  " + line;
    EXPECT_EQ(result.status, 0) << what << ":\n" << result.output;
    EXPECT_TRUE(result.problems.empty()) << what << ": epubcheck reports" << problems;
    std::cout << "[epub] epubcheck on " << what << ": exit " << result.status << ", " << result.problems.size()
              << " errors/warnings\n";
}

TEST(Epubcheck, SeedBuildHasNoErrorsOrWarnings) { expect_epubcheck_passes(seed_book(), "the seed build"); }

TEST(Epubcheck, SourcesAndHiddenAliasesHaveNoErrorsOrWarnings) {
    expect_epubcheck_passes(book(sources_glossary()), "sources with titles and URLs, and a hidden alias");
}

TEST(Epubcheck, EveryKindOfBlockHasNoErrorsOrWarnings) {
    expect_epubcheck_passes(book(blocks_glossary()), "a definition with every kind of block");
}

// No concepts: no letter files and no search key map, but still a valid book.
TEST(Epubcheck, EmptyGlossaryHasNoErrorsOrWarnings) {
    ir::Glossary empty;
    empty.language = "not a language tag";
    expect_epubcheck_passes(render(epub_backend::stream, empty, RenderContext{0}), "an empty glossary");
}

// Generated hostile glossaries, one per seed (fixed, so a failure repeats).
class EpubcheckGenerated : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(EpubcheckGenerated, HasNoErrorsOrWarnings) {
    ir::Glossary glossary = generated_glossary(GetParam());
    expect_epubcheck_passes(book(glossary),
                            "generated glossary " + std::to_string(GetParam()) + " (" +
                                std::to_string(glossary.concepts.size()) + " concepts)");
}

INSTANTIATE_TEST_SUITE_P(Seeds, EpubcheckGenerated, ::testing::Values(11u, 22u, 33u, 44u, 55u));

}  // namespace
}  // namespace glossc
