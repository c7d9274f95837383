// The LaTeX backend: escaping, the math allow-list, what the body may
// contain, the reader's errors, and real LuaLaTeX builds of the seed edition
// and of a hostile glossary (skipped, visibly, without a TeX installation).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include <rapidcheck.h>

#include "driver/driver.hpp"
#include "latex/latex_backend.hpp"
#include "latex/latex_format.hpp"
#include "latex/latex_math.hpp"
#include "latex/latex_pdf.hpp"
#include "support/generators.hpp"
#include "support/paths.hpp"
#include "support/property.hpp"
#include "text/inline_math.hpp"

namespace glossc {
namespace {

namespace fs = std::filesystem;
namespace lb = latex_backend;

const RenderContext kContext{1795478400};  // 2026-11-23

// The strings untrusted text must never execute.
const std::vector<std::string> kHostile{"\\input{/etc/hostname}",
                                        "\\write18{touch x}",
                                        "^^5c",
                                        "^^^^005c",
                                        "\\directlua{os.exit(1)}",
                                        "\\catcode`\\{=12",
                                        "\\end{document}",
                                        "100% sure",
                                        "{{{ unbalanced",
                                        "unbalanced }}}",
                                        "a -- b --- c",
                                        "''quoted'' ``too''",
                                        "<<guillemets>>",
                                        "~tilde~ #hash# $dollar$ &amp; _under_",
                                        "\\\\ \\par \\def\\x{y}"};

// ---- Escaping ------------------------------------------------------------------------

TEST(LatexEscape, EveryTeXSpecialCharacterBecomesACommandThatPrintsIt) {
    EXPECT_EQ(lb::escape_text("\\{}$&#%_^~"),
              "\\textbackslash{}\\{\\}\\$\\&\\#\\%\\_\\textasciicircum{}\\textasciitilde{}");
    EXPECT_EQ(lb::escape_text("a -- b '' << >>"), "a -- b '' << >>");  // ligatures are off in the fonts
    EXPECT_EQ(lb::escape_text("\t"), "\\gcchar{0009}{\u2409}");
    EXPECT_EQ(lb::escape_text("\x7f"), "\\gcchar{007F}{\u2421}");
    EXPECT_EQ(lb::escape_text("\xc2\x85"), "\\gcchar{0085}{\u27E8U+0085\u27E9}");
    EXPECT_EQ(lb::escape_text("\xe2\x80\xa8"), "\\gcchar{2028}{\u27E8U+2028\u27E9}");
    EXPECT_EQ(lb::escape_text("\xef\xbb\xbf"), "\\gcinvisible{FEFF}");
    EXPECT_EQ(lb::escape_text("\xcd\xb8"), "\\gcchar{0378}{\u27E8U+0378\u27E9}");  // unassigned
    EXPECT_EQ(lb::escape_text("\xee\x80\x80"), "\\gcchar{E000}{\u27E8U+E000\u27E9}");  // private use
    EXPECT_EQ(lb::escape_text("👩\u200d💻"), "👩\u200d💻");                              // ZWJ stays
    EXPECT_EQ(lb::escape_text("注意力 → α"), "注意力 → α");
}

TEST(LatexEscape, UnescapingGivesEveryStringBack) {
    testing::check_property("latex escape round trip", 500, [] {
        std::string s = *testing::hostile_string();
        std::string escaped = lb::escape_text(s);
        RC_ASSERT(lb::format::unescape_text(escaped) == s);
        // Nothing TeX would act on is left raw.
        for (char c : std::string("{}$&#%^_~\n\r\t")) {
            std::string without_escapes = std::regex_replace(
                escaped, std::regex(R"(\\(textbackslash|textasciicircum|textasciitilde)\{\}|\\[{}$&#%_]|\\gcchar\{[0-9A-F]+\}\{[^{}]*\}|\\gcinvisible\{[0-9A-F]+\})"),
                "");
            RC_ASSERT(without_escapes.find(c) == std::string::npos);
            RC_ASSERT(without_escapes.find('\\') == std::string::npos);
        }
    });
}

// ---- The math allow-list -------------------------------------------------------------------

TEST(LatexMath, AcceptsTheFormulasGlossariesUse) {
    for (std::string tex : {"x^2", "\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V",
                            "2 \\cdot n_\\text{layers} \\cdot n_\\text{kv\\_heads}", "D_\\alpha(P \\| Q)",
                            "\\alpha \\to 1", "\\sum_{i=1}^{n} x_i", "\\mathbb{R}^{d \\times d}", "\\mathcal{L}",
                            "\\hat{y}", "x'", "f''(x)", "x_1'", "\\binom{n}{k}", "\\bigl( x \\bigr)",
                            "\\operatorname{arg\\,max}_\\theta", "\\texttt{q}", "a·b", "π r^2", "x_\\text{max}",
                            "x_\\mathrm{max}", "\\hat α", "x^²", ""}) {
        auto checked = lb::math::check(tex);
        EXPECT_TRUE(checked.ok) << tex << ": " << checked.reason;
    }
    // Characters the math font lacks are set in the text font, and read back.
    auto checked = lb::math::check("a·b^²");
    ASSERT_TRUE(checked.ok) << checked.reason;
    EXPECT_EQ(checked.tex, "a\\gcmtext{·}b^\\gcmtext{²}");
    EXPECT_EQ(lb::math::unwrap(checked.tex), "a·b^²");
}

TEST(LatexMath, RejectsEverythingElse) {
    for (const std::string& tex : std::vector<std::string>{"\\input{/etc/hostname}", "\\write18{touch x}", "^^5c", "x^^2", "\\directlua{os.exit()}",
                            "\\catcode`\\{=12", "\\end{document}", "\\def\\x{y}", "100%", "a & b", "#1", "$x$",
                            "~", "x^2^3", "x_1_2", "x^2'", "\\frac{a}", "\\frac", "\\sqrt", "x^", "\\left( x",
                            "x \\right)", "{x", "x}", "\\mathcal{abc}", "\\text{$x$}", "\\text{a^b}", "x\ty",
                            "\\left< x \\right>", "x^\\frac{1}{2}", "\\sqrt[a[b]]{x}", "\\", "a\\", "\\newcommand",
                            "\\csname x\\endcsname", "\\expandafter", "\\limits", "\\over", "\\unknownmacro",
                            "x_\\mathcal{L}", "x^\\operatorname{a}", "\\frac²{b}", "\\hat é", "\\frac\\text{a}{b}",
                            "\\setminus", "\\Box", "x^\\gcmtext{a}",
                            std::string(60, '{') + "x" + std::string(60, '}')}) {
        auto checked = lb::math::check(tex);
        EXPECT_FALSE(checked.ok) << tex;
        if (!checked.ok) {
            EXPECT_FALSE(checked.reason.empty()) << tex;
        }
    }
}

// One use of every allow-listed word, in the shape the grammar wants.
std::vector<std::string> every_allowed_word() {
    std::vector<std::string> out;
    for (std::string_view word : lb::math::allowed_words()) {
        std::string w(word);
        std::string tex;
        if (w == "left" || w == "right") {
            tex = "\\left( x \\right)";
        } else if (w == "sqrt") {
            tex = "\\sqrt[3]{x} \\sqrt{y}";
        } else if (w == "mathcal" || w == "mathscr") {
            tex = "\\" + w + "{LQ}";
        } else if (w.starts_with("math") || w == "operatorname") {
            tex = "\\" + w + "{Ab1}";
        } else if (w.starts_with("text") || w == "mbox") {
            tex = "x \\" + w + "{word 1}";
        } else if (w.starts_with("big") || w.starts_with("Big")) {
            tex = "\\" + w + "( x";
        } else if (w.ends_with("frac") || w.ends_with("binom")) {
            tex = "\\" + w + "{a}{b}";
        } else {
            tex = "a \\" + w + " b";
            if (!lb::math::check(tex).ok) tex = "\\" + w + "{x}";  // accents
        }
        out.push_back(tex);
    }
    return out;
}

TEST(LatexMath, EveryAllowListedWordHasAnAcceptedUse) {
    for (const auto& tex : every_allowed_word()) EXPECT_TRUE(lb::math::check(tex).ok) << tex;
}

// Formula-shaped random text: most of it is rejected; what is accepted must
// typeset (the hostile PDF build below compiles it).
rc::Gen<std::string> formula_like() {
    std::vector<std::string> pieces{"x", "y", "2", "+", "-", "=", "(", ")", "[", "]", "|", ",", " ", "'", "^", "_",
                                    "{", "}", "{", "}", "\\alpha", "\\cdot", "\\frac", "\\sqrt", "\\left(",
                                    "\\right)", "\\text{a b}", "\\mathbb", "\\hat", "\\sum", "\\log", "\\,", "·", "²",
                                    "α", "∑", "→", "注", "\\{", "\\}", "\\|", "\\ldots", "\\bigl(", "\\bigr)"};
    return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces)),
                        [](const std::vector<std::string>& parts) {
                            std::string out;
                            for (const auto& p : parts) out += p;
                            return out;
                        });
}

std::vector<std::string> accepted_formulas(std::size_t count) {
    std::vector<std::string> out;
    auto gen = formula_like();
    for (std::uint64_t seed = 1; out.size() < count && seed < 200000; ++seed) {
        std::string tex = gen(rc::Random(seed), 30).value();
        if (lb::math::check(tex).ok) out.push_back(tex);
    }
    return out;
}

TEST(LatexMath, AcceptedFormulasAreBalancedAndUnwrapBack) {
    for (const auto& tex : accepted_formulas(200)) {
        auto checked = lb::math::check(tex);
        ASSERT_TRUE(checked.ok);
        EXPECT_EQ(lb::math::unwrap(checked.tex), tex);
    }
}

// ---- What the body may contain ------------------------------------------------------------

// The control words of `tex` (control symbols are one non-letter).
std::vector<std::string> control_words(std::string_view tex) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < tex.size(); ++i) {
        if (tex[i] != '\\' || i + 1 >= tex.size()) continue;
        std::size_t end = i + 1;
        while (end < tex.size() && std::isalpha(static_cast<unsigned char>(tex[end]))) ++end;
        if (end == i + 1) {
            ++i;  // a control symbol
            continue;
        }
        out.emplace_back(tex.substr(i + 1, end - i - 1));
        i = end - 1;
    }
    return out;
}

// Splits the body into what is inside \gcmath{...} or \gcdisplaymath{...}
// and everything else.
void split_math(std::string_view body, std::string& text, std::vector<std::string>& math) {
    std::size_t i = 0;
    while (true) {
        std::size_t at = std::min(body.find("\\gcmath{", i), body.find("\\gcdisplaymath{", i));
        if (at == std::string_view::npos) break;
        text.append(body.substr(i, at - i));
        std::size_t open = body.find('{', at);
        std::size_t j = open + 1;
        int depth = 1;
        for (; j < body.size() && depth > 0; ++j) {
            if (body[j] == '\\') {
                ++j;
            } else if (body[j] == '{') {
                ++depth;
            } else if (body[j] == '}') {
                --depth;
            }
        }
        math.emplace_back(body.substr(open + 1, j - open - 2));
        i = j;
    }
    text.append(body.substr(i));
}

TEST(LatexBody, UsesOnlyTheWritersMacrosAndAllowListedMath) {
    static const std::set<std::string> kVocabulary{
        "begin", "end", "gcletter", "gcalias", "gcquietalias", "gccategory", "gcsummary", "gcbody", "gcdetails", "gcexample",
        "gcflag", "gcsee", "gcreference", "gcsource", "gcindexalias", "gcindexconcept", "gcemph", "gcstrong",
        "gccode", "gcmathtext", "gclink", "gclinktext", "gcref", "gcarxiv", "gcarxivtext", "gcurl", "gcurltext",
        "gcchar", "gcinvisible", "textbackslash", "textasciicircum", "textasciitilde", "gcpar", "gcitem",
        "gcnumitem", "gcline", "gchead", "gcrow", "gccell"};
    static const std::set<std::string> kEnvironments{
        "document",    "gctitlepage", "gcglossary",      "gcentry",         "gcdef",     "gcaliasindex",
        "gccategoryindex", "gcindexcategory", "gcbodyblocks", "gcdetailsblocks", "gcexampleblocks", "gcbullets",
        "gcnumbers",   "gccodeblock",      "gcmathcode",      "gcquote",         "gctable",   "gcwidetable"};
    std::set<std::string> math_words(lb::math::allowed_words().begin(), lb::math::allowed_words().end());
    math_words.insert("gcmtext");
    testing::check_property("latex body vocabulary", 200, [&](const ir::Glossary& glossary) {
        std::string tex = render(lb::stream, glossary, kContext);
        std::size_t begin = tex.find("\n\\begin{document}\n");
        RC_ASSERT(begin != std::string::npos);
        std::string text;
        std::vector<std::string> math;
        split_math(std::string_view(tex).substr(begin + 1), text, math);
        for (const auto& word : control_words(text))
            if (kVocabulary.count(word) == 0) RC_FAIL("\\" + word + " outside math");
        for (const auto& m : math)
            for (const auto& word : control_words(m)) RC_ASSERT(math_words.count(word) == 1);
        for (const auto& env : std::vector<std::string>{"begin", "end"}) {
            std::regex pattern("\\\\" + env + "\\{([^}]*)\\}");
            for (std::sregex_iterator it(text.begin(), text.end(), pattern), stop; it != stop; ++it)
                RC_ASSERT(kEnvironments.count((*it)[1].str()) == 1);
        }
        // Outside math, no character TeX acts on is raw: every one is escaped.
        std::string unescaped = std::regex_replace(text, std::regex(R"(\\[{}$&#%_])"), "");
        for (char c : std::string("$&#%^_~")) RC_ASSERT(unescaped.find(c) == std::string::npos);
    });
}

TEST(LatexBody, ARejectedFormulaIsPrintedAsTextAndReported) {
    ir::Glossary g;
    g.title = "T";
    ir::Concept c;
    c.id = "c";
    c.headword = "Concept";
    ir::Definition d;
    d.source = "termbase";
    d.line = 12;
    d.summary = {ir::text("Let "), ir::math("\\input{/etc/hostname}"), ir::text(" and "), ir::math("x^2")};
    c.definitions.push_back(d);
    g.concepts.push_back(c);
    std::string tex = render(lb::stream, g, kContext);
    EXPECT_NE(tex.find("\\gcmathtext{\\textbackslash{}input\\{/etc/hostname\\}}"), std::string::npos);
    EXPECT_NE(tex.find("\\gcmath{x^2}"), std::string::npos);
    DiagnosticSink sink;
    EXPECT_EQ(render(lb::stream, g, kContext, sink, "out/glossary.tex"), tex);
    auto warnings = sink.take();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].severity, ir::Severity::Warning);
    EXPECT_EQ(warnings[0].code, "latex-math-rejected");
    EXPECT_EQ(warnings[0].file, "out/glossary.tex");
    EXPECT_NE(warnings[0].message.find("\\input is not in the math allow-list"), std::string::npos)
        << warnings[0].message;
    EXPECT_NE(warnings[0].message.find("termbase, line 12"), std::string::npos) << warnings[0].message;
    // The line named is the one holding the formula.
    std::istringstream lines(tex);
    std::string line;
    for (std::uint32_t n = 1; n <= warnings[0].line; ++n) std::getline(lines, line);
    EXPECT_NE(line.find("\\gcmathtext"), std::string::npos) << line;
    EXPECT_EQ(lb::read(tex), lb::project(g));
}

TEST(LatexReader, RejectsDamagedDocuments) {
    ir::Glossary g;
    g.title = "T";
    ir::Concept c;
    c.id = "c";
    c.headword = "Concept";
    c.labels.push_back({"C", ir::LabelKind::Abbreviation, {}});
    g.concepts.push_back(c);
    std::string tex = render(lb::stream, g, kContext);
    ASSERT_EQ(lb::read(tex), lb::project(g));
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string out = tex;
        auto at = out.find(from, from.starts_with("%%") ? 0 : out.find("\n\\begin{document}\n"));
        EXPECT_NE(at, std::string::npos) << from;
        return out.replace(at, from.size(), to);
    };
    for (const std::string& damaged :
         {tex.substr(0, tex.size() - 20), replaced("{abbreviation}", "{acronym}"), replaced("\\gcalias", "\\input"),
          replaced("{C}", "{C}}"), replaced("{C}", "{\\relax C}"), replaced("%% glossc-latex 1", "%% other"),
          tex + "trailing", replaced("\\end{gcentry}", "")})
        EXPECT_THROW(lb::read(damaged), BackendReadError);
}

// ---- Sources and names as readers see them -----------------------------------------------

// Sources with titles and URLs that TeX would act on, a definition from each
// and a concept whose labels include a hidden one and two of one text.
ir::Glossary sources_glossary() {
    ir::Glossary g;
    g.title = "Sources";
    g.language = "en";
    g.sources = {{"termbase", "sources/termbase.json", "termbase-json", 50, 3, "AI/ML Termbase",
                  "https://example.org/a?b=1&c=100%25#frag~x_y"},
                 {"notes", "sources/notes.md", "markdown", 20, 1, "Notes \\write18{touch x} 100% {{{",
                  "https://example.org/\\input{/etc/hostname}}%"},
                 {"dictionary", "sources/dictionary.txt", "ai-dictionary", 10, 1, "The ~Dictionary~ #1 & _more_",
                  "https://example.org/?a=1&b=<2>"},
                 {"bare", "sources/bare.csv", "csv", 0, 0, "Bare List", ""}};
    ir::Concept c;
    c.id = "attention";
    c.headword = "Attention";
    c.labels = {{"Attention", ir::LabelKind::Preferred, {"termbase"}},
                {"attn", ir::LabelKind::Abbreviation, {"termbase"}},
                {"atention", ir::LabelKind::Hidden, {"notes"}},
                {"attn", ir::LabelKind::Variant, {"notes"}},
                {"scaled dot-product attention", ir::LabelKind::Expansion, {"dictionary"}}};
    std::uint32_t line = 6965;
    for (const auto& source : g.sources) {
        ir::Definition d;
        d.source = source.id;
        d.line = line++;
        d.summary = {ir::text("Weighs every token against every other token.")};
        if (source.id == "dictionary") d.flags = {"truncated"};
        c.definitions.push_back(d);
    }
    g.concepts.push_back(c);
    return g;
}

TEST(LatexBody, SourcesByTitleAndNamesWithoutKinds) {
    ir::Glossary g = sources_glossary();
    std::string tex = render(lb::stream, g, kContext);
    std::string body = tex.substr(tex.find("\n\\begin{document}\n"));
    // The verso lists titles and URLs: linked where hyperref can take the URL
    // (its escapes expanded for the link), printed only where it cannot.
    for (std::string written :
         {"\n\\gcsource{AI/ML Termbase}{\\gcurl{https://example.org/a?b=1\\&c=100\\%25\\#frag\\textasciitilde{}x\\_y}}\n",
          // (lines are wrapped at spaces)
          "\n\\gcsource{Notes \\textbackslash{}write18\\{touch x\\} 100\\%",
          "\\{\\{\\{}{\\gcurltext{https://example.org/\\textbackslash{}input\\{/etc/hostname\\}\\}\\%}}\n",
          "\n\\gcsource{The \\textasciitilde{}Dictionary\\textasciitilde{} \\#1 \\&",
          "\\_more\\_}{\\gcurltext{https://example.org/?a=1\\&b=<2>}}\n",
          "\n\\gcsource{Bare List}{}\n",
          // Definitions by title, without line.
          "\n\\begin{gcdef}{AI/ML Termbase}\n", "\n\\begin{gcdef}{Bare List}\n",
          // Names: printed once each, kinds unprinted; the hidden one, the
          // headword and the repeated name not printed.
          "\n\\gcquietalias{preferred}{Attention}\n\\gcalias{abbreviation}{attn}\n\\gcquietalias{hidden}{atention}\n"
          "\\gcquietalias{variant}{attn}\n\\gcalias{expansion}{scaled dot-product attention}\n",
          "\n\\begin{gcaliasindex}\n\\gcindexalias{attn}{gc:attention}{Attention}\n"
          "\\gcindexalias{scaled dot-product attention}{gc:attention}{Attention}\n\\end{gcaliasindex}\n"})
        EXPECT_NE(body.find(written), std::string::npos) << written << "\n" << body;
    // No id, file, format, priority, entry count or line of a source.
    for (std::string editors : {"{termbase}", "{notes}", "sources/", "termbase-json", "markdown", "6965", "6966",
                                "{50}"})
        EXPECT_EQ(body.find(editors), std::string::npos) << editors;
    // The preamble prints no kinds either.
    EXPECT_EQ(tex.find("search form"), std::string::npos);
    EXPECT_EQ(tex.find("gc@kind"), std::string::npos);

    ir::Glossary back = lb::read(tex);
    EXPECT_EQ(back, lb::project(g));
    ASSERT_EQ(back.sources.size(), 4u);
    EXPECT_EQ(back.sources[1].id, "Notes \\write18{touch x} 100% {{{");
    EXPECT_EQ(back.sources[1].title, back.sources[1].id);
    EXPECT_EQ(back.sources[1].url, "https://example.org/\\input{/etc/hostname}}%");
    EXPECT_TRUE(back.sources[1].file.empty() && back.sources[1].format.empty() && back.sources[1].priority == 0);
    EXPECT_EQ(back.concepts[0].definitions[2].source, "The ~Dictionary~ #1 & _more_");
    EXPECT_EQ(back.concepts[0].definitions[2].line, 0u);
    EXPECT_EQ(back.concepts[0].labels, lb::project(g).concepts[0].labels);
    EXPECT_EQ(back.concepts[0].labels[2].kind, ir::LabelKind::Hidden) << "kinds kept for the reader";
}

// ---- Blocks ----------------------------------------------------------------------------------

ir::Blocks para(const std::string& text) { return {ir::paragraph({ir::text(text)})}; }

// Code that would end a verbatim environment or ours, TeX's specials, a
// tab, indentation and an empty line.
const std::string kHostileCode =
    "\\end{verbatim}\n\\end{gccodeblock}}\n  } % # $ ~ ^ \\\\ \\par & _\n\tafter a tab\t and another\n\n    four spaces";

// Lists nested `depth` deep, each level one item holding a paragraph and the next level.
ir::Block nested_lists(int depth) {
    ir::Blocks item = para("level " + std::to_string(depth));
    if (depth > 1) item.push_back(nested_lists(depth - 1));
    return depth % 2 ? ir::bullet_list({item}) : ir::ordered_list({item, para("next")}, 2);
}

std::vector<ir::RichText> cells(const std::vector<std::string>& texts) {
    std::vector<ir::RichText> out;
    for (const auto& t : texts) out.push_back(t.empty() ? ir::RichText{} : ir::RichText{ir::text(t)});
    return out;
}

// One concept whose definition has every kind of block.
ir::Glossary blocks_glossary() {
    ir::Glossary g;
    g.title = "Blocks";
    g.language = "en";
    g.edition = "2026-11-23";
    g.sources.push_back({"src", "sources/src.md", "markdown", 1, 1, "Source", {}});
    ir::Concept c;
    c.id = "attention";
    c.headword = "Attention";
    ir::Definition d;
    d.source = "src";
    d.line = 3;
    d.summary = {ir::text("Weighs the tokens.")};
    std::string long_line = "result = compute_attention_weights(query_projection, key_projection, value_projection, "
                            "mask=causal_mask, dropout=0.1)  # " + std::string(90, '=');
    d.body = {ir::paragraph({ir::text("The first paragraph, with "), ir::math("x^2"), ir::text(".")}),
              ir::paragraph({ir::text("A second "), ir::emph({ir::text("paragraph")}), ir::text(".")}),
              ir::bullet_list({para("one"), {ir::paragraph({ir::text("two")}),
                                             ir::ordered_list({para("two point one"), para("two point two")}, 7)}}),
              ir::ordered_list({para("the largest start"), para("and one past it")}, 4294967295u),
              ir::code_block(kHostileCode, "python"),
              ir::code_block(long_line + "\n" + std::string(8, ' ') + std::string(150, 'x'), ""),
              ir::display_math("\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V"),
              ir::display_math("x_1 + x_2 + x_3 + x_4 + x_5 + x_6 + x_7 + x_8 + x_9 + x_{10} + x_{11} + x_{12} + "
                               "x_{13} + x_{14} + x_{15} + x_{16} = \\sum_{i=1}^{16} x_i"),
              ir::display_math("\\frac{a_1 a_2 a_3 a_4 a_5 a_6 a_7 a_8 a_9 a_{10} a_{11} a_{12} a_{13} a_{14} a_{15} a_{16} "
                               "a_{17} a_{18} a_{19} a_{20} a_{21} a_{22} a_{23} a_{24}}{b}"),
              ir::quote({ir::paragraph({ir::text("Attention is all you need.")}),
                         ir::quote(para("A quote in a quote."))}),
              nested_lists(9)};
    d.details = {ir::display_math("\\input{/etc/hostname}"),  // refused: printed as code
                 ir::table({cells({"Variant", "Heads", "Notes"}),
                            cells({"multi-head", "h", "each head has its own keys and values, which the cache "
                                                      "keeps for every layer"}),
                            cells({"grouped-query", "g < h", ""})})};
    d.example = {ir::paragraph({ir::text("A table too wide for a grid:")}),
                 ir::table({cells({"Model", "Parameters", "Context", "Attention", "Positional encoding"}),
                            cells({"Transformer-XL", "257M", "3800", "segment-recurrent", "relative"}),
                            cells({"Longformer", "435M", "4096", "sliding-window plus global", "learned absolute"})})};
    c.definitions.push_back(d);
    g.concepts.push_back(c);
    return g;
}

TEST(LatexBlocks, EveryBlockKindReadsBackAsItIs) {
    ir::Glossary g = blocks_glossary();
    std::string tex = render(lb::stream, g, kContext);
    const ir::Definition& d = g.concepts[0].definitions[0];
    const ir::Glossary projection = lb::project(g);
    const ir::Definition& projected = projection.concepts[0].definitions[0];
    // The edition keeps blocks whole.
    EXPECT_EQ(std::tie(projected.summary, projected.body, projected.details, projected.example),
              std::tie(d.summary, d.body, d.details, d.example));
    EXPECT_EQ(lb::read(tex), lb::project(g));
    for (std::string written :
         {"\n\\begin{gcbodyblocks}\n\\gcpar{The first paragraph, with \\gcmath{x^2}.}\n", "\n  \\gcitem\n",
          "\n  \\begin{gcnumbers}{7}\n    \\gcnumitem{7}\n", "\n    \\gcnumitem{8}\n",
          "\n  \\gcnumitem{4294967295}\n", "\n  \\gcnumitem{4294967296}\n", "\n\\begin{gccodeblock}{python}\n",
          "\n\\gcdisplaymath{\\mathrm{softmax}", "\n\\begin{gcquote}\n  \\gcpar{Attention is all you need.}\n",
          "\n\\begin{gctable}{3}\n  \\gchead{\\gccell{Variant}\\gccell{Heads}\\gccell{Notes}}\n",
          "\\gcrow{\\gccell{grouped-query}\\gccell{g < h}\\gccell{}}\n", "\n\\begin{gcwidetable}{5}\n",
          "\n\\begin{gcmathcode}\n  \\gcline{\\textbackslash{}input\\{/etc/hostname\\}}\n\\end{gcmathcode}\n",
          "\n\\end{gcexampleblocks}\n\\end{gcdef}\n"})
        EXPECT_NE(tex.find(written), std::string::npos) << written;
}

TEST(LatexBlocks, EachBlockAloneReadsBackInEveryField) {
    ir::Glossary whole = blocks_glossary();
    std::vector<ir::Block> all = whole.concepts[0].definitions[0].body;
    for (const auto& field : {&ir::Definition::body, &ir::Definition::details, &ir::Definition::example})
        for (const auto& block : all) {
            ir::Glossary g = whole;
            ir::Definition& d = g.concepts[0].definitions[0];
            d.body = d.details = d.example = {};
            d.*field = {block};
            EXPECT_EQ(lb::read(render(lb::stream, g, kContext)), lb::project(g)) << ir::to_string(block.kind);
        }
}

TEST(LatexBlocks, CodeComesBackExactlyAndCannotChangeTheDocument) {
    ir::Glossary g = blocks_glossary();
    std::string tex = render(lb::stream, g, kContext);
    ASSERT_EQ(lb::read(tex).concepts[0].definitions[0].body[4], ir::code_block(kHostileCode, "python"));
    // Between \begin{gccodeblock} and \end{gccodeblock}: only \gcline{} lines, whose
    // arguments hold escaped text and "\ " and nothing TeX acts on.
    std::size_t begin = tex.find("\\begin{gccodeblock}{python}\n");
    std::size_t end = tex.find("\\end{gccodeblock}\n", begin);
    ASSERT_NE(end, std::string::npos);
    std::istringstream lines(tex.substr(begin, end - begin));
    std::string line;
    std::getline(lines, line);
    std::size_t count = 0;
    std::regex escapes(R"(\\(textbackslash|textasciicircum|textasciitilde)\{\}|\\[{}$&#%_ ]|\\gcchar\{[0-9A-F]+\}\{[^{}]*\})");
    while (std::getline(lines, line)) {
        ++count;
        std::smatch m;
        ASSERT_TRUE(std::regex_match(line, m, std::regex(R"( *\\gcline\{(.*)\})"))) << line;
        std::string rest = std::regex_replace(m[1].str(), escapes, "");
        for (char c : std::string("\\{}$&#%^_~ \t")) EXPECT_EQ(rest.find(c), std::string::npos) << line;
    }
    EXPECT_EQ(count, 6u);  // the code's six lines
    // Leading spaces and the tab are written so that TeX keeps them.
    EXPECT_NE(tex.find("\\gcline{\\ \\ \\ \\ four\\ spaces}"), std::string::npos);
    EXPECT_NE(tex.find("\\gcline{\\gcchar{0009}{\u2409}after\\ a\\ tab"), std::string::npos);
    // Every code line comes back, whatever it holds.
    testing::check_property("latex code line round trip", 500, [] {
        std::string s = *testing::hostile_string();
        std::erase(s, '\n');
        std::string escaped = lb::format::escape_code_line(s);
        RC_ASSERT(lb::format::unescape_code_line(escaped) == s);
        RC_ASSERT(std::regex_replace(escaped, std::regex(R"(\\[ ])"), "").find(' ') == std::string::npos);
    });
}

TEST(LatexBlocks, ARefusedDisplayFormulaIsPrintedAsCodeAndReported) {
    ir::Glossary g = blocks_glossary();
    DiagnosticSink sink;
    std::string tex = render(lb::stream, g, kContext, sink, "out/glossary.tex");
    auto warnings = sink.take();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].code, "latex-math-rejected");
    EXPECT_NE(warnings[0].message.find("formula '\\input{/etc/hostname}' in 'Attention' (from src, line 3) is "
                                       "printed as code: \\input is not in the math allow-list"),
              std::string::npos)
        << warnings[0].message;
    std::istringstream lines(tex);
    std::string line;
    for (std::uint32_t n = 1; n <= warnings[0].line; ++n) std::getline(lines, line);
    EXPECT_EQ(line, "\\begin{gcmathcode}");
    EXPECT_EQ(lb::read(tex), lb::project(g));
}

TEST(LatexBlocks, OneParagraphFieldsKeepTheirFormAndThePreambleItsBytes) {
    ir::Glossary g = blocks_glossary();
    ir::Definition& d = g.concepts[0].definitions[0];
    d.body = para("Just one paragraph.");
    d.details = {};
    d.example = para("An example.");
    std::string tex = render(lb::stream, g, kContext);
    EXPECT_NE(tex.find("\n\\gcbody{Just one paragraph.}\n\\gcexample{An example.}\n"), std::string::npos);
    EXPECT_EQ(tex.find("blocks}"), std::string::npos);
    EXPECT_EQ(tex.find("tabularx"), std::string::npos);  // no block macros in the preamble
    EXPECT_EQ(lb::read(tex), lb::project(g));
    EXPECT_NE(render(lb::stream, blocks_glossary(), kContext).find("\\usepackage{tabularx}"), std::string::npos);
}

TEST(LatexBlocks, DamagedBlocksAreRejected) {
    std::string tex = render(lb::stream, blocks_glossary(), kContext);
    ASSERT_EQ(lb::read(tex), lb::project(blocks_glossary()));
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string out = tex;
        auto at = out.find(from, out.find("\n\\begin{document}\n"));
        EXPECT_NE(at, std::string::npos) << from;
        return out.replace(at, from.size(), to);
    };
    for (const std::string& damaged :
         {replaced("\\gcnumitem{8}", "\\gcnumitem{9}"), replaced("\\gcline{\\ \\ \\ \\ four", "\\gcline{    four"),
          replaced("\\gccell{Notes}", "\\gccell{Notes}\\gccell{More}"), replaced("\\end{gcquote}", "\\end{gccodeblock}"),
          replaced("\\gchead{", "\\gcrow{"), replaced("\\begin{gcmathcode}", "\\begin{gcmathcode}\n\\gcpar{x}"),
          replaced("\\end{gcbodyblocks}", "\\end{gcdetailsblocks}"), replaced("\\gccell{Heads}", "\\gcpar{Heads}")})
        EXPECT_THROW(lb::read(damaged), BackendReadError);
}

// The round trip of definitions made of generated blocks (more of them than
// the shared generator gives: every field here has blocks).
TEST(LatexBlocks, GeneratedBlocksReadBack) {
    testing::check_property("latex blocks round trip", 300, [](ir::Glossary g) {
        for (auto& c : g.concepts)
            for (auto& d : c.definitions) {
                d.body = testing::blocks(3);
                ir::Blocks more = testing::blocks(2);
                d.body.insert(d.body.end(), more.begin(), more.end());
                d.details = testing::blocks(2);
                d.example = testing::blocks(1);
            }
        RC_ASSERT(lb::read(render(lb::stream, g, kContext)) == lb::project(g));
    });
}

// ---- Real LuaLaTeX builds -------------------------------------------------------------------

// The first tool of these that is not installed, or empty.
std::string missing_tool() {
    for (const char* tool : {"lualatex", "latexmk", "pdftotext"})
        if (testing::run_command(std::string("command -v ") + tool + " >/dev/null").status != 0) return tool;
    return {};
}

#define SKIP_WITHOUT_TEX()                                                          \
    do {                                                                            \
        if (auto tool = missing_tool(); !tool.empty()) GTEST_SKIP() << "skipped: " << tool << " not installed"; \
    } while (0)

std::string read(const fs::path& path) { return testing::read_bytes(path); }

std::string pdftotext(const fs::path& pdf, const std::string& options = "") {
    auto result = testing::run_command("pdftotext " + options + " " + testing::shell_quote(pdf.string()) + " -");
    EXPECT_EQ(result.status, 0) << result.output;
    return result.output;
}

std::string without_space(std::string s) {
    s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }), s.end());
    return s;
}

// A finished build: the PDF, the .tex and what the compile left in its folder.
struct Build {
    Build() = default;
    Build(const Build&) = delete;
    Build& operator=(const Build&) = delete;
    // GLOSSC_LATEX_KEEP=folder keeps a copy of each build there, for a look.
    ~Build() {
        if (const char* keep = std::getenv("GLOSSC_LATEX_KEEP"); keep && *keep) {
            std::error_code ec;
            fs::copy(dir.path(), fs::path(keep) / dir.path().filename(), fs::copy_options::recursive, ec);
        }
    }
    testing::TempDir dir;
    lb::PdfResult result;
    fs::path out() const { return dir / "out"; }
    fs::path build() const { return dir / "out" / "latex-build"; }
    fs::path pdf() const { return dir / "out" / "glossary.pdf"; }
    std::string log() const { return read(build() / "glossary.log"); }
};

void compile(const ir::Glossary& g, std::int64_t timestamp, Build& build) {
    fs::create_directories(build.out());
    testing::write_text(build.out() / "glossary.tex", render(lb::stream, g, RenderContext{timestamp}));
    build.result = lb::compile_pdf({build.out() / "glossary.tex", build.build(), build.pdf(), timestamp});
}

// What a good build's log has none of.
void expect_clean_log(const Build& build) {
    std::string problems;
    for (const auto& d : build.result.diagnostics) problems += d.message + "\n";
    EXPECT_TRUE(build.result.ok) << problems << "\nlatexmk:\n" << read(build.build() / "latexmk.out");
    std::istringstream log(build.log());
    std::string line;
    while (std::getline(log, line)) {
        EXPECT_FALSE(line.starts_with("!")) << line;
        EXPECT_EQ(line.find("Missing character"), std::string::npos) << line;
        EXPECT_EQ(line.find("undefined"), std::string::npos) << line;
        EXPECT_FALSE(std::regex_search(line, std::regex("Rerun to get|may have changed|Rerun LaTeX"))) << line;
    }
    EXPECT_TRUE(fs::exists(build.pdf()));
}

// What the log of a build without damage has none of: an overfull box (a
// line wider than its column, printed over the margin or the other column;
// a column taller than the page) or an underfull \hbox of badness 10000 (a
// line stretched as far as TeX can). The hostile glossary's random formulas
// and strings are not held to it.
void expect_no_damaged_boxes(const Build& build) {
    std::istringstream log(build.log());
    std::string line;
    while (std::getline(log, line)) {
        EXPECT_FALSE(line.starts_with("Overfull")) << line;
        EXPECT_FALSE(line.starts_with("Underfull \\hbox (badness 10000)")) << line;
    }
}

std::string kpse_var(const std::string& name) {
    auto result = testing::run_command("kpsewhich -var-value=" + name);
    std::string value = result.output;
    while (!value.empty() && (value.back() == '\n' || value.back() == '/')) value.pop_back();
    return value;
}

// Every file TeX read or wrote (the -recorder .fls) is in the build folder
// or in the TeX installation and its font and cache trees.
void expect_files_inside(const Build& build) {
    std::vector<std::string> roots{fs::canonical(build.build()).string(), "/usr/share/texlive", "/usr/share/texmf",
                                   "/var/lib/texmf", "/etc/texmf", "/usr/share/fonts"};
    for (const char* var : {"TEXMFDIST", "TEXMFLOCAL", "TEXMFSYSVAR", "TEXMFSYSCONFIG", "TEXMFVAR", "TEXMFCONFIG"})
        if (auto v = kpse_var(var); !v.empty() && v.front() == '/') roots.push_back(v);
    std::istringstream fls(read(build.build() / "glossary.fls"));
    std::string line, pwd;
    std::size_t files = 0;
    while (std::getline(fls, line)) {
        if (line.starts_with("PWD ")) {
            pwd = line.substr(4);
            continue;
        }
        std::string path;
        if (line.starts_with("INPUT ")) path = line.substr(6);
        if (line.starts_with("OUTPUT ")) path = line.substr(7);
        if (path.empty()) continue;
        ++files;
        fs::path full = fs::path(path).is_absolute() ? fs::path(path) : fs::path(pwd) / path;
        std::string normal = full.lexically_normal().string();
        bool inside = std::any_of(roots.begin(), roots.end(),
                                  [&](const std::string& root) { return normal.starts_with(root + "/"); });
        // luaotfload hands color emoji bitmaps to the engine through Lua's
        // temporary files (the name template /tmp/lua_XXXXXX is built into
        // Lua) and deletes them after the run; nothing in the document
        // chooses them.
        if (std::regex_match(normal, std::regex("/tmp/lua_[A-Za-z0-9]{6}"))) {
            inside = true;
            EXPECT_FALSE(fs::exists(normal)) << normal << " was left behind";
        }
        EXPECT_TRUE(inside) << line;
    }
    EXPECT_GT(files, 0u);
    // \write18{touch x} ran nowhere.
    EXPECT_FALSE(fs::exists(build.build() / "x"));
    EXPECT_FALSE(fs::exists(build.out() / "x"));
    EXPECT_FALSE(fs::exists("x"));
}

// Label pages (\newlabel) and the running heads' marks (\gcpagemarks) from the .aux.
struct AuxData {
    std::map<std::string, int> label_page;
    std::map<int, std::pair<std::string, std::string>> heads;  // page -> first key, last key
};

AuxData read_aux(const Build& build) {
    AuxData aux;
    std::string text = read(build.build() / "glossary.aux");
    std::regex label(R"(\\newlabel\{([^}]*)\}\{\{[^}]*\}\{([0-9]+)\})");
    for (std::sregex_iterator it(text.begin(), text.end(), label), stop; it != stop; ++it)
        aux.label_page[(*it)[1].str()] = std::stoi((*it)[2].str());
    std::regex marks(R"(\\gcpagemarks\{([0-9]+)\}\{([^}]*)\}\{([^}]*)\})");
    for (std::sregex_iterator it(text.begin(), text.end(), marks), stop; it != stop; ++it)
        aux.heads[std::stoi((*it)[1].str())] = {(*it)[2].str(), (*it)[3].str()};
    return aux;
}

// The entries' label keys in document order, with their headwords.
std::vector<std::pair<std::string, std::string>> entries_of(const ir::Glossary& g) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& c : lb::project(g).concepts) out.emplace_back(lb::format::label_key(c.id), c.headword);
    return out;
}

// Each page's heads name the first and the last entry starting on it (or,
// on a page where none starts, the entry going on over it); for ASCII
// headwords the printed heads (pdftotext) say the same.
void expect_running_heads(const Build& build, const ir::Glossary& g, std::size_t& pages_checked,
                          std::size_t& pages_read) {
    AuxData aux = read_aux(build);
    auto entries = entries_of(g);
    ASSERT_FALSE(aux.heads.empty());
    // Every page from the first entry's to the last entry's has its heads.
    if (!entries.empty()) {
        for (int page = aux.label_page[entries.front().first]; page <= aux.label_page[entries.back().first]; ++page)
            EXPECT_TRUE(aux.heads.count(page)) << "page " << page << " has no running heads";
    }
    for (const auto& [page, head] : aux.heads) {
        std::string first, last, before;
        for (const auto& [key, headword] : entries) {
            ASSERT_TRUE(aux.label_page.count(key)) << key;
            int p = aux.label_page[key];
            if (p < page) before = key;
            if (p == page) {
                if (first.empty()) first = key;
                last = key;
            }
        }
        if (first.empty()) first = last = before;
        EXPECT_EQ(head.first, first) << "first head on page " << page;
        EXPECT_EQ(head.second, last) << "last head on page " << page;
        ++pages_checked;
        // The printed heads: the first line of the page.
        std::map<std::string, std::string> headword_of(entries.begin(), entries.end());
        std::string a = lb::format::cut(headword_of[first], 32), b = lb::format::cut(headword_of[last], 32);
        bool ascii = std::all_of(a.begin(), a.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7F; }) &&
                     std::all_of(b.begin(), b.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7F; });
        if (!ascii) continue;
        std::string text = pdftotext(build.pdf(), "-layout -f " + std::to_string(page) + " -l " + std::to_string(page));
        std::string top = text.substr(0, text.find('\n'));
        EXPECT_EQ(without_space(top), without_space(a + b)) << "page " << page << ": " << top;
        ++pages_read;
    }
}

// A word of a PDF page, as `pdftotext -bbox` places it (points from the
// page's top left corner).
struct PdfWord {
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    std::string text;
};

struct PdfPage {
    double width = 0, height = 0;
    std::vector<PdfWord> words;
};

double attribute(std::string_view tag, std::string_view name) {
    std::string key = " " + std::string(name) + "=\"";
    std::size_t at = tag.find(key);
    if (at == std::string_view::npos) return 0;
    return std::stod(std::string(tag.substr(at + key.size(), tag.find('"', at + key.size()) - at - key.size())));
}

std::string unescape_xml(std::string s) {
    for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}})
        for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

// Every page's words, from one run of `pdftotext -bbox` (its XHTML has one
// <page width height> element per page and one <word xMin yMin xMax yMax>
// element per word).
std::vector<PdfPage> pdf_words(const fs::path& pdf) {
    std::string html = pdftotext(pdf, "-bbox");
    std::vector<PdfPage> pages;
    for (std::size_t at = 0; (at = html.find('<', at)) != std::string::npos;) {
        std::size_t close = html.find('>', at);
        if (close == std::string::npos) break;
        std::string_view tag = std::string_view(html).substr(at, close - at);
        if (tag.starts_with("<page ")) {
            pages.push_back({attribute(tag, "width"), attribute(tag, "height"), {}});
        } else if (tag.starts_with("<word ") && !pages.empty()) {
            std::size_t end = html.find("</word>", close);
            pages.back().words.push_back({attribute(tag, "xMin"), attribute(tag, "yMin"), attribute(tag, "xMax"),
                                          attribute(tag, "yMax"), unescape_xml(html.substr(close + 1, end - close - 1))});
        }
        at = close;
    }
    return pages;
}

// The first line of every column: on each page, of the words whose middle is
// inside the text area (25 mm from the top, 22 mm from the bottom: the
// preamble's geometry, which puts the running head and the page number
// outside it), those of the left half and of the right half (the columns'
// gap is in the middle of the page on odd and even pages alike); of each
// half, the words of its topmost line, left to right.
struct ColumnTop {
    std::size_t page = 0, column = 0;
    std::vector<std::string> words;
};

std::vector<ColumnTop> column_tops(const std::vector<PdfPage>& pages) {
    constexpr double kMillimetre = 72 / 25.4, kTop = 25 * kMillimetre, kBottom = 22 * kMillimetre;
    std::vector<ColumnTop> tops;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        const PdfPage& page = pages[p];
        for (std::size_t column = 0; column < 2; ++column) {
            std::vector<const PdfWord*> words;
            for (const auto& w : page.words) {
                double middle = (w.y_min + w.y_max) / 2;
                bool left = (w.x_min + w.x_max) / 2 < page.width / 2;
                if (middle > kTop && middle < page.height - kBottom && left == (column == 0)) words.push_back(&w);
            }
            if (words.empty()) continue;
            double top = (*std::min_element(words.begin(), words.end(), [](auto a, auto b) {
                             return a->y_min < b->y_min;
                         }))->y_min;
            std::erase_if(words, [&](const PdfWord* w) { return w->y_min > top + 2; });
            std::sort(words.begin(), words.end(), [](auto a, auto b) { return a->x_min < b->x_min; });
            ColumnTop column_top{p + 1, column + 1, {}};
            for (const auto* w : words) column_top.words.push_back(w->text);
            tops.push_back(std::move(column_top));
        }
    }
    return tops;
}

// The columns that start with a definition's "1." line: its headword was
// left at the foot of the column before. A "1." is the number of a concept's
// first definition when the word after it is that definition's first word
// (an ordered list's "1." may start a column).
std::vector<std::string> stranded_first_definitions(const std::vector<ColumnTop>& tops, const ir::Glossary& g) {
    std::set<std::string> openings;
    for (const auto& c : g.concepts) {
        if (c.definitions.empty()) continue;
        const ir::Definition& d = c.definitions.front();
        std::string text = d.summary.empty() ? text::plain_text(d.body) : text::plain_text(d.summary);
        std::istringstream words(text);
        if (std::string first; words >> first) openings.insert(first);
    }
    std::vector<std::string> stranded;
    for (const auto& top : tops)
        if (top.words.size() >= 2 && top.words[0] == "1." && openings.count(top.words[1])) {
            std::string line;
            for (const auto& w : top.words) line += w + " ";
            stranded.push_back("page " + std::to_string(top.page) + ", column " + std::to_string(top.column) + ": " + line);
        }
    return stranded;
}

TEST(LatexPdf, SeedEditionCompilesCleanlyWithMatchingRunningHeads) {
    SKIP_WITHOUT_TEX();
    std::ostringstream diagnostics;
    CompileResult compiled = glossc::compile({testing::seeds_manifest(), {}}, diagnostics);
    ASSERT_TRUE(compiled.glossary) << diagnostics.str();
    Build build;
    compile(*compiled.glossary, compiled.timestamp, build);
    expect_clean_log(build);
    expect_no_damaged_boxes(build);
    expect_files_inside(build);
    std::size_t pages_checked = 0, pages_read = 0;
    expect_running_heads(build, *compiled.glossary, pages_checked, pages_read);
    std::cout << "[latex] seed edition: " << compiled.glossary->concepts.size() << " concepts, " << pages_checked
              << " pages of entries, heads checked in the .aux on all and in the text on " << pages_read << "\n";
    EXPECT_GT(pages_read, pages_checked / 2);
    // "see" cross-references and the indexes carry page numbers.
    std::string text = pdftotext(build.pdf());
    EXPECT_NE(text.find("See also:"), std::string::npos);
    EXPECT_NE(text.find("Index of names"), std::string::npos);
    EXPECT_NE(text.find("Index of categories"), std::string::npos);
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(\(p\. [0-9]+\))")));
    // Sources by title: every definition is attributed by one, the verso
    // lists them all, and no file name or "line N" is printed.
    std::set<std::string> titles;
    for (const auto& source : compiled.glossary->sources) {
        titles.insert(lb::escape_text(source.title));
        EXPECT_NE(without_space(text).find(without_space(source.title)), std::string::npos) << source.title;
        EXPECT_EQ(text.find(source.file), std::string::npos) << source.file;
    }
    std::string tex = read(build.out() / "glossary.tex");
    const std::string gcdef = "\n\\begin{gcdef}{";
    std::size_t attributed = 0;
    for (std::size_t at = tex.find(gcdef); at != std::string::npos; at = tex.find(gcdef, at + 1), ++attributed) {
        std::size_t start = at + gcdef.size(), end = tex.find('\n', start);
        std::string title = tex.substr(start, end - start - 1);  // without the closing brace
        EXPECT_TRUE(titles.count(title)) << title;
    }
    EXPECT_GT(attributed, compiled.glossary->concepts.size() / 2);
    EXPECT_FALSE(std::regex_search(text, std::regex(R"(, line [0-9])"))) << "provenance printed";
    // No headword is parted from its first definition.
    auto tops = column_tops(pdf_words(build.pdf()));
    auto stranded = stranded_first_definitions(tops, *compiled.glossary);
    std::cout << "[latex] seed edition: " << tops.size() << " columns read, " << stranded.size()
              << " start with a first definition whose headword is in the column before\n";
    EXPECT_GT(tops.size(), pages_checked);
    for (const auto& s : stranded) ADD_FAILURE() << "a headword left at the foot of a column: " << s;
}

// A generated hostile glossary, with the strings that must not execute, one
// use of every allow-listed math word and a few hundred accepted random
// formulas in its definitions.
ir::Glossary hostile_glossary() {
    ir::Glossary g = testing::glossary()(rc::Random(20261123), 40).value();
    ir::Concept c;
    c.id = "hostile";
    c.headword = "Hostile \\input{/etc/hostname}";
    c.labels.push_back({"\\write18{touch x}", ir::LabelKind::Variant, {}});
    ir::Definition d;
    d.source = g.sources.front().id;
    d.line = 1;
    ir::RichText body, details, example;
    for (const auto& s : kHostile) {
        body.push_back(ir::text(" [" + s + "] "));
        body.push_back(ir::math(s));  // rejected: printed as text
    }
    body.push_back(ir::text(" end."));
    for (const auto& tex : every_allowed_word()) {
        details.push_back(ir::math(tex));
        details.push_back(ir::text(" "));
    }
    for (const auto& tex : accepted_formulas(300)) {
        example.push_back(ir::math(tex));
        example.push_back(ir::text(" "));
    }
    d.body = ir::paragraphs(std::move(body));
    d.details = ir::paragraphs(std::move(details));
    d.example = ir::paragraphs(std::move(example));
    c.definitions.push_back(d);
    // Generated blocks: hostile code lines, refused display formulas, lists,
    // quotes and tables of hostile rich text.
    auto bodies = rc::gen::exec([] {
        std::vector<ir::Blocks> out;
        for (int tries = 0; tries < 2000 && out.size() < 12; ++tries)
            if (ir::Blocks b = testing::blocks(3); b.size() > 1 || (b.size() == 1 && b[0].kind != ir::BlockKind::Paragraph))
                out.push_back(std::move(b));
        return out;
    });
    std::uint32_t line = 1;
    for (auto& body : bodies(rc::Random(20261123), 100).value())  // size 100: the full range of every choice
        c.definitions.push_back({d.source, ++line, {}, std::move(body), {}, {}, {}});
    if (!g.concepts.empty()) c.related.push_back(g.concepts.front().id);
    g.concepts.push_back(c);
    return g;
}

TEST(LatexPdf, HostileGlossaryPrintsLiterallyExecutesNothingAndIsReproducible) {
    SKIP_WITHOUT_TEX();
    ir::Glossary g = hostile_glossary();
    ASSERT_EQ(lb::read(render(lb::stream, g, kContext)), lb::project(g));
    std::size_t definitions = 0, in_blocks = 0;
    for (const auto& c : g.concepts)
        for (const auto& d : c.definitions) {
            ++definitions;
            in_blocks += d.body.size() > 1 || (d.body.size() == 1 && d.body[0].kind != ir::BlockKind::Paragraph);
        }
    std::cout << "[latex] hostile glossary: " << g.concepts.size() << " concepts, " << definitions
              << " definitions, " << in_blocks << " with a body in blocks\n";
    Build first, second;
    compile(g, kContext.timestamp, first);
    expect_clean_log(first);
    expect_files_inside(first);
    // -raw: in the order TeX wrote it, without pdftotext's joining of lines
    // that end with a hyphen.
    std::string text = without_space(pdftotext(first.pdf(), "-raw"));
    for (const auto& s : kHostile) EXPECT_NE(text.find(without_space(s)), std::string::npos) << s;
    std::size_t pages_checked = 0, pages_read = 0;
    expect_running_heads(first, g, pages_checked, pages_read);
    EXPECT_GT(pages_checked, 0u);

    compile(g, kContext.timestamp, second);
    ASSERT_TRUE(second.result.ok);
    EXPECT_TRUE(read(first.pdf()) == read(second.pdf())) << "two builds of the same glossary differ";
}

// Every kind of block typesets: nested lists past LaTeX's six levels, code
// with long lines, a formula wider than the column, a grid and a wide table,
// with no error and no line wider than its column.
TEST(LatexPdf, EveryBlockKindCompilesWithoutOverfullLines) {
    SKIP_WITHOUT_TEX();
    ir::Glossary g = blocks_glossary();
    Build build;
    compile(g, kContext.timestamp, build);
    expect_clean_log(build);
    expect_no_damaged_boxes(build);
    expect_files_inside(build);
    std::string text = without_space(pdftotext(build.pdf(), "-raw"));
    for (std::string printed : {"\\end{verbatim}", "\\end{gccodeblock}}", "}%#$~^\\\\\\par&_", "fourspaces",
                                "\\input{/etc/hostname}", "4294967295.", "4294967296.", "7.twopointone",
                                "8.twopointtwo", "level1", "Positionalencoding:relative", "grouped-query",
                                "Attentionisallyouneed.Aquoteinaquote.", "Details:", "Example:Atabletoowideforagrid:"})
        EXPECT_NE(text.find(without_space(printed)), std::string::npos) << printed;
}

// The sources print by title, their URLs as they are (linked with exactly
// their characters where hyperref can take them), definitions end with
// "— Title", names print without kinds; and no box is damaged.
TEST(LatexPdf, SourcesPrintByTitleWithTheirLinks) {
    SKIP_WITHOUT_TEX();
    ir::Glossary g = sources_glossary();
    Build build;
    compile(g, kContext.timestamp, build);
    expect_clean_log(build);
    expect_no_damaged_boxes(build);
    expect_files_inside(build);
    std::string text = without_space(pdftotext(build.pdf(), "-raw"));
    for (const auto& source : g.sources) {
        EXPECT_NE(text.find(without_space(source.title)), std::string::npos) << source.title;
        EXPECT_NE(text.find(without_space(source.url)), std::string::npos) << source.url;
        EXPECT_NE(text.find(without_space("\u2014 " + source.title)), std::string::npos) << "attributed: " << source.title;
    }
    EXPECT_NE(text.find(without_space("\u2014 The ~Dictionary~ #1 & _more_ (truncated)")), std::string::npos);
    EXPECT_NE(text.find("alsoattn,scaleddot-productattention"), std::string::npos) << text;
    for (std::string editors : {"termbase-json", "sources/", "priority", "entries", "line", "6965", "abbreviation",
                                "expansion", "searchform", "atention"})
        EXPECT_EQ(text.find(editors), std::string::npos) << editors;
    auto urls = testing::run_command("pdfinfo -url " + testing::shell_quote(build.pdf().string()));
    ASSERT_EQ(urls.status, 0) << urls.output;
    EXPECT_NE(urls.output.find(" https://example.org/a?b=1&c=100%25#frag~x_y\n"), std::string::npos) << urls.output;
    EXPECT_EQ(urls.output.find("hostname"), std::string::npos) << "not linked\n" << urls.output;
    EXPECT_EQ(urls.output.find("<2>"), std::string::npos) << "not linked\n" << urls.output;
}

// ---- The command line --------------------------------------------------------------------------

TEST(LatexCli, PdfWithoutTexNamesThePackagesToInstall) {
    testing::TempDir dir;
    auto result = testing::run_command("PATH=/nonexistent " + testing::shell_quote(testing::glossc_binary().string()) +
                                       " build --formats latex --pdf --manifest " +
                                       testing::shell_quote(testing::seeds_manifest().string()) + " --out " +
                                       testing::shell_quote(dir.path().string()));
    EXPECT_EQ(result.status, 2) << result.output;
    EXPECT_NE(result.output.find("texlive-luatex"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("latexmk"), std::string::npos) << result.output;
    EXPECT_FALSE(fs::exists(dir / "glossary.tex"));
}

TEST(LatexCli, PdfNeedsTheLatexFormat) {
    testing::TempDir dir;
    auto result = testing::run_command(testing::shell_quote(testing::glossc_binary().string()) +
                                       " build --formats json --pdf --manifest " +
                                       testing::shell_quote(testing::seeds_manifest().string()) + " --out " +
                                       testing::shell_quote(dir.path().string()));
    EXPECT_EQ(result.status, 2) << result.output;
    EXPECT_NE(result.output.find("glossc: error: --pdf works on the latex output: add 'latex' to --formats "
                                 "[usage-option-needs-format]"),
              std::string::npos)
        << result.output;
}

}  // namespace
}  // namespace glossc
