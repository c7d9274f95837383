// TeX math to Presentation MathML, for the EPUB backend: our own converter
// for the TeX that glossaries write inline, so the book needs no script (no
// MathJax) and no tool outside the build. A walker of the math layer's tree
// (math/tree.hpp); the commands and their characters are in its table.
//
// What it converts: letters, digits, operators and delimiters; sub- and
// superscripts and primes (x_i, x^2, H^{-1}_{:,q}, h''); groups; Greek
// letters; \frac \dfrac \tfrac \binom \sqrt (with an index); \text and its
// relatives (\textbf \textit \texttt \textsf \mbox \operatorname); font
// alphabets (\mathbf \mathcal \mathbb \mathrm \mathsf \mathtt \mathfrak
// \mathit \boldsymbol) as the Unicode mathematical alphabets; function names
// (\log \exp \max \min \sin ...); big operators (\sum \prod \int ...);
// relations, arrows and binary operators (\leq \approx \propto \in \cdot
// \times \to \nabla \partial \| ...); accents (\hat \bar \tilde \vec \dot
// \overline ...); \left ... \right and \bigl( \bigr) style delimiters;
// \overset \underset \stackrel; spacing (\, \; \: \! \quad ~).
//
// What it refuses (the caller shows the TeX source instead): environments,
// alignment (&, \\), unknown commands, TeX comments (%), unbalanced braces,
// double scripts, control characters and invalid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace glossc::epub_backend {

struct MathConversion {
    std::string presentation;  // one MathML element (no <math> wrapper), when converted
    std::string error;         // why the formula was not converted; empty on success

    bool ok() const { return error.empty(); }
};

// Converts `tex` (an IR Math node's source, without delimiters). The MathML
// is in the default namespace of the enclosing <math> element and uses no
// named entities.
MathConversion tex_to_mathml(std::string_view tex);

}  // namespace glossc::epub_backend
