// compiler/math: the TeX math parser's tree shapes and errors, the command
// table, and properties of the parser and of every walker on any input.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <set>
#include <string>
#include <vector>

#include "anki/anki_math.hpp"
#include "epub/tex_to_mathml.hpp"
#include "latex/latex_math.hpp"
#include "math/tex_lint.hpp"
#include "math/tree.hpp"
#include "support/generators.hpp"
#include "support/property.hpp"

namespace glossc::math {
namespace {

using Kind = Node::Kind;

Node parsed(std::string_view tex) {
    Parsed p = parse(tex);
    EXPECT_TRUE(p.ok()) << tex << ": " << p.error;
    return p.formula;
}

TEST(MathParser, ScriptsHangOnTheirBase) {
    Node f = parsed("x^2_i");
    ASSERT_EQ(f.kind, Kind::Group);
    ASSERT_EQ(f.children.size(), 1u);
    const Node& s = f.children[0];
    ASSERT_EQ(s.kind, Kind::Scripts);
    EXPECT_TRUE(s.base().is_char('x'));
    EXPECT_TRUE(s.sup().is_char('2'));
    EXPECT_TRUE(s.sub().is_char('i'));
    EXPECT_EQ(s.begin, 0u);
    EXPECT_EQ(s.end, 5u);

    // "x^23" is x^{2} then 3; a script with nothing before it has no base.
    Node g = parsed("x^23");
    ASSERT_EQ(g.children.size(), 2u);
    EXPECT_TRUE(g.children[1].is_char('3'));
    Node h = parsed("^2");
    EXPECT_EQ(h.children[0].base().kind, Kind::None);
}

TEST(MathParser, PrimesCountTheirRuns) {
    Node f = parsed("h''");
    EXPECT_EQ(f.children[0].primes, 2u);
    EXPECT_EQ(f.children[0].prime_runs, 1u);
    Node g = parsed("h' '");
    EXPECT_EQ(g.children[0].primes, 2u);
    EXPECT_EQ(g.children[0].prime_runs, 2u);
    EXPECT_TRUE(parsed("\\sum\\limits_i").children[0].limits);
}

TEST(MathParser, CommandsTakeTheArgumentsOfTheirRole) {
    Node frac = parsed("\\frac{a}{b}").children[0];
    ASSERT_EQ(frac.kind, Kind::Apply);
    EXPECT_EQ(frac.name, "frac");
    ASSERT_EQ(frac.children.size(), 2u);
    EXPECT_EQ(frac.children[0].kind, Kind::Group);
    EXPECT_EQ(frac.children[0].begin, 5u);  // the brace
    EXPECT_EQ(frac.children[0].end, 8u);

    Node root = parsed("\\sqrt[3]{x}").children[0];
    ASSERT_EQ(root.children.size(), 2u);  // radicand, index
    EXPECT_TRUE(root.children[1].children[0].is_char('3'));

    Node left = parsed("\\left( x \\right.").children[0];
    ASSERT_EQ(left.children.size(), 3u);
    EXPECT_TRUE(left.children[0].is_char('('));
    EXPECT_EQ(left.children[1].kind, Kind::Group);
    EXPECT_TRUE(left.children[2].is_char('.'));

    Node text = parsed("\\text{a {b} \\_}").children[0];
    ASSERT_EQ(text.kind, Kind::Text);
    EXPECT_TRUE(text.braced);
    EXPECT_EQ(text.text, "a {b} \\_");
    EXPECT_EQ(text.text_begin, 6u);

    Node name = parsed("\\operatorname*{arg\\,max}").children[0];
    EXPECT_TRUE(name.star);
    EXPECT_EQ(name.text, "arg\\,max");

    // An argument is one token or a command with its own arguments.
    Node nested = parsed("x_\\hat\\alpha").children[0];
    EXPECT_EQ(nested.sub().kind, Kind::Apply);
    EXPECT_EQ(nested.sub().children[0].kind, Kind::Command);
    EXPECT_EQ(nested.sub().children[0].info->code, U'\u03B1');
}

TEST(MathParser, AnUnknownCommandIsANodeForTheWalkersToRefuse) {
    Node f = parsed("\\input{x} \\alpha");
    ASSERT_EQ(f.children.size(), 3u);
    EXPECT_EQ(f.children[0].kind, Kind::Command);
    EXPECT_EQ(f.children[0].name, "input");
    EXPECT_EQ(f.children[0].info, nullptr);
    EXPECT_EQ(f.children[1].kind, Kind::Group);
    ASSERT_NE(f.children[2].info, nullptr);
}

TEST(MathParser, ErrorsSayWhereAndWhy) {
    struct Case {
        std::string tex;
        std::size_t offset;
        std::string message;
    };
    for (const auto& c : std::vector<Case>{{"x^", 2, "a missing argument"},
                                           {"{x", 2, "a { or [ is not closed"},
                                           {"x}", 1, "unbalanced }"},
                                           {"a & b", 2, "alignment (&)"},
                                           {"50% off", 2, "a TeX comment (%)"},
                                           {"x^2^3", 3, "double superscript"},
                                           {"x_1_2", 3, "double subscript"},
                                           {"x^2'", 3, "a prime after a superscript"},
                                           {"\\left( x", 8, "\\left without \\right"},
                                           {"x \\right)", 2, "\\right without \\left"},
                                           {"a\\", 1, "a lone backslash at the end"},
                                           {"ab\xFF", 2, "invalid UTF-8"},
                                           {"\\text{ab", 8, "a { is not closed"},
                                           {"\\text\\alpha", 5, "\\alpha as a text argument"},
                                           {"\\left", 5, "a missing delimiter"},
                                           {"x\x01", 1, "control character U+0001"}}) {
        Parsed p = parse(c.tex);
        EXPECT_FALSE(p.ok()) << c.tex;
        EXPECT_EQ(p.error, c.message) << c.tex;
        EXPECT_EQ(p.error_offset, c.offset) << c.tex;
    }
    Parsed deep = parse(std::string(500, '{') + std::string(500, '}'));
    EXPECT_EQ(deep.error, "nested too deeply");
    EXPECT_EQ(deep.error_offset, static_cast<std::size_t>(kMaxParseDepth - 1));
}

TEST(MathCommands, TheTableIsConsistent) {
    std::set<std::string_view> names;
    for (const auto& c : all_commands()) {
        EXPECT_TRUE(names.insert(c.name).second) << "twice: " << c.name;
        EXPECT_EQ(find_command(c.name), &c) << c.name;
        if (c.flags & kLatexArgument) {
            EXPECT_TRUE(c.flags & kLatex) << c.name;
        }
        bool symbol = c.role == Role::Identifier || c.role == Role::Operator;
        if (symbol || (c.flags & kDelimiter) || c.role == Role::Accent) {
            EXPECT_NE(c.code, 0u) << c.name;
        }
        if (c.role == Role::Function || c.role == Role::Space || c.role == Role::Big) {
            EXPECT_FALSE(c.detail.empty()) << c.name;
        }
    }
    EXPECT_EQ(find_command("nosuchcommand"), nullptr);
}

TEST(MathLint, FindsCommandsThatLostTheirBackslash) {
    auto found = find_bare_tex_commands("\x08" "eta + \\text{theta} + \\alpha + log x + rac{1}{2}");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].word, "eta");
    EXPECT_EQ(found[0].meant, (std::vector<std::string>{"\\eta", "\\beta"}));
    EXPECT_EQ(found[1].word, "rac");
    EXPECT_EQ(found[1].meant, (std::vector<std::string>{"\\frac"}));
}

// ---- Properties ----------------------------------------------------------------------

// Formula-shaped text: pieces of TeX that combine into odd shapes.
rc::Gen<std::string> formula_like() {
    static const std::vector<std::string> kPieces{
        "x", "2", "0.5", "+", "(", ")", "[", "]", "|", " ", "\t", "'", "^", "_", "{", "}", "\\alpha", "\\frac",
        "\\sqrt", "\\sqrt[", "\\left(", "\\right)", "\\left", "\\right", "\\text{a b}", "\\text", "\\mathbb",
        "\\mathrm{ab}", "\\hat", "\\sum", "\\limits", "\\log", "\\,", "·", "²", "α", "\\{", "\\|", "\\bigl(", "\\big",
        "\\operatorname*{x}", "\\overset", "\\href{u}", "\\unknown", "\\", "&", "%", "~", "\\text{\\_}", "\x01", "\xC3"};
    return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kPieces)),
                        [](const std::vector<std::string>& parts) {
                            std::string out;
                            for (const auto& p : parts) out += p;
                            return out;
                        });
}

// Every node's span lies in the source and inside its parent's.
void check_spans(const Node& node, std::size_t lo, std::size_t hi) {
    RC_ASSERT(node.begin <= node.end);
    RC_ASSERT(node.begin >= lo);
    RC_ASSERT(node.end <= hi);
    if (node.kind == Kind::Text) RC_ASSERT(node.text_begin + node.text.size() <= hi);
    if (node.kind == Kind::Scripts) RC_ASSERT(node.children.size() == 3u);
    for (const auto& child : node.children)
        if (child.kind != Kind::None) check_spans(child, node.begin, node.end);
}

void check_parser_and_walkers(const std::string& tex) {
    Parsed p = parse(tex);
    if (p.ok()) {
        check_spans(p.formula, 0, tex.size());
    } else {
        RC_ASSERT(p.error_offset <= tex.size());
    }
    // Every walker is total, and none accepts what does not parse.
    auto latex = latex_backend::math::check(tex);
    auto mathml = epub_backend::tex_to_mathml(tex);
    auto mathjax = anki_backend::mathjax_formula(tex);
    find_bare_tex_commands(tex);
    RC_ASSERT(latex.ok || !latex.reason.empty());
    RC_ASSERT(mathml.ok() || mathml.presentation.empty());
    RC_ASSERT(mathjax.ok || !mathjax.reason.empty());
    if (!p.ok()) RC_ASSERT(!latex.ok && !mathml.ok() && !mathjax.ok);
    if (latex.ok) RC_ASSERT(latex_backend::math::unwrap(latex.tex) == tex);
}

TEST(MathParser, NeverFailsHardOnArbitraryBytes) {
    testing::check_property("math parser on bytes", 1500, [](const std::vector<char>& bytes) {
        check_parser_and_walkers(std::string(bytes.begin(), bytes.end()));
    });
}

TEST(MathParser, EveryWalkerIsTotalOnFormulaShapedText) {
    testing::check_property("math walkers on formula-like text", 1500, [] {
        check_parser_and_walkers(*formula_like());
    });
    testing::check_property("math walkers on hostile text", 500, [] {
        check_parser_and_walkers(*testing::hostile_string());
    });
}

}  // namespace
}  // namespace glossc::math
