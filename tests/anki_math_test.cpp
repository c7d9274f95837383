// backends/anki/anki_math: which formulas go to Anki's MathJax, and as what.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "anki/anki_math.hpp"

namespace glossc::anki_backend {
namespace {

TEST(AnkiMath, PassesTheFormulasGlossariesUseUnchanged) {
    for (std::string tex : {"x^2", "\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V",
                            "\\sum\\limits_{i=1}^{n} x_i", "\\mathbb{R}^{d \\times d}", "\\hat{y}", "f''(x)",
                            "\\binom{n}{k}", "\\bigl( x \\bigr)", "\\operatorname{arg\\,max}_\\theta", "a·b",
                            "\\overset{!}{=}", "x \\setminus y", "\\left\\langle a \\right.", "\\text{\\$5}", ""}) {
        auto formula = mathjax_formula(tex);
        EXPECT_TRUE(formula.ok) << tex << ": " << formula.reason;
        EXPECT_EQ(formula.tex, tex);
    }
}

TEST(AnkiMath, TextLosesTheEscapesMathJaxWouldPrint) {
    auto formula = mathjax_formula("2 n_\\text{kv\\_heads} \\text{50\\% of \\#1 \\& co}");
    ASSERT_TRUE(formula.ok) << formula.reason;
    EXPECT_EQ(formula.tex, "2 n_\\text{kv_heads} \\text{50% of #1 & co}");
}

TEST(AnkiMath, RefusesActiveContent) {
    for (std::string tex : {"\\href{javascript:alert(1)}{x}", "\\url{http://example.com}", "\\class{big}{x}",
                            "\\cssId{a}{x}", "\\style{color:red}{x}", "\\htmlClass{a}{x}", "\\htmlData{a=b}{x}",
                            "\\dataAttr{a}{x}", "\\require{html}", "\\unicode{x41}", "\\def\\x{y}",
                            "\\newcommand{\\x}{y}", "\\let\\a\\b"}) {
        auto formula = mathjax_formula(tex);
        EXPECT_FALSE(formula.ok) << tex;
        EXPECT_NE(formula.reason.find("active content"), std::string::npos) << tex << ": " << formula.reason;
        EXPECT_TRUE(formula.tex.empty());
    }
}

TEST(AnkiMath, RefusesWhatMathJaxWouldNotRender) {
    for (std::string tex : {"\\unknownmacro", "\\begin{pmatrix}a\\end{pmatrix}", "a & b", "50%", "{x", "x}",
                            "x^2^3", "x\\) <b>", "\\(x", "\\text{a \\alpha}", "\\text{$x$}", "x\\limits^2",
                            "x' '", "\\left{ x \\right)", "\\text^", "\\bm{x}",
                            "\\coloneqq", "a\x01", "\\text{\xE2\x80\xAE}", "\\mathbb{\xFF}"}) {
        auto formula = mathjax_formula(tex);
        EXPECT_FALSE(formula.ok) << tex << " -> " << formula.tex;
        EXPECT_FALSE(formula.reason.empty()) << tex;
    }
    EXPECT_NE(mathjax_formula("x + \\unknownmacro").reason.find("\\unknownmacro"), std::string::npos);
    EXPECT_NE(mathjax_formula("a & b").reason.find("at byte 2"), std::string::npos);
}

}  // namespace
}  // namespace glossc::anki_backend
