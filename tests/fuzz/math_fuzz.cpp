// libFuzzer target for the math layer: the parser and every walker on the
// input as a formula. A walker that accepts what does not parse, or a LaTeX
// formula that does not read back, is a finding.
#include <cstdint>
#include <string>

#include "anki/anki_math.hpp"
#include "epub/tex_to_mathml.hpp"
#include "fuzz_support.hpp"
#include "latex/latex_math.hpp"
#include "math/tex_lint.hpp"
#include "math/tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string tex(reinterpret_cast<const char*>(data), size);
    bool parses = glossc::math::parse(tex).ok();
    auto latex = glossc::latex_backend::math::check(tex);
    auto mathml = glossc::epub_backend::tex_to_mathml(tex);
    auto mathjax = glossc::anki_backend::mathjax_formula(tex);
    glossc::math::find_bare_tex_commands(tex);
    if (!parses && (latex.ok || mathml.ok() || mathjax.ok)) glossc::fuzz::finding("a walker accepted what does not parse");
    if (latex.ok && glossc::latex_backend::math::unwrap(latex.tex) != tex) glossc::fuzz::finding("LaTeX math does not read back");
    return 0;
}
