// Math in the Anki deck: formulas are written as <span class="math">\(TEX\)</span>
// for Anki's MathJax 3 (base and ams packages). A formula goes there only
// when MathJax renders it and it carries no active content: no links
// (\href, \url), no styling hooks (\class, \cssId, \style, \html...,
// \data...), no loading (\require), no raw characters (\unicode), no macro
// definitions (\def, \newcommand, \let), and no command MathJax does not
// know. Anything else is shown as text by the caller.
//
// The walk is over the math layer's tree (math/tree.hpp); which commands
// MathJax renders is the kMathJax flag of math/commands.hpp.
#pragma once

#include <string>
#include <string_view>

namespace glossc::anki_backend {

struct MathJaxFormula {
    bool ok = false;
    std::string tex;     // when ok: what goes between \( and \) (before HTML escaping)
    std::string reason;  // when not ok: why
};

// `tex` is an IR Math node's source, without delimiters. The TeX given back
// is the source, except that text arguments lose the escapes MathJax would
// print ("\text{seq\_len}" becomes "\text{seq_len}": MathJax 3 shows text
// literally, only \$ \{ \} are escapes there).
MathJaxFormula mathjax_formula(std::string_view tex);

}  // namespace glossc::anki_backend
