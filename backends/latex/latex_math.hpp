// Math in the LaTeX edition: only formulas made of allow-listed TeX are
// typeset; anything else is printed as text (and reported as a warning).
//
// The allow-list is a grammar, not just a list of names, because a wrong
// shape of allowed commands stops LuaLaTeX as surely as a forbidden one
// ("x^2^3", "\frac{a}", "\left(" without "\right"). A formula is accepted when
// it is a sequence of:
//   atoms       ASCII letters and digits, + - * = < > | / . , ; : ! ? ( ) [ ],
//               spaces, non-ASCII letters, digits and math symbols (what the
//               math font lacks is set in the text font: \gcmtext{c}),
//               symbol commands (\alpha, \cdot, \to, \sum, \langle ...),
//               function names (\log, \max ...), spacing (\, \; \quad ...),
//               \{ \} \| \_ \% \# \& \$
//   groups      {...}
//   scripts     ^ARG and _ARG at most once each per atom; ' (primes) counts
//               as the superscript. ARG is a group, one ASCII letter, digit
//               or operator, a symbol command or one non-ASCII math character
//   commands    \frac \dfrac \tfrac \binom \dbinom \tbinom ARG ARG;
//               \sqrt[OPTIONAL] ARG; accents (\hat \bar \tilde \vec \dot
//               \ddot \overline ...) ARG; \mathrm \mathbf \mathit \mathsf
//               \mathtt \mathnormal \operatorname{letters, digits, spaces, - . , /};
//               \mathbb \mathfrak{letters, digits}; \mathcal \mathscr{capitals};
//               \text \textrm \textit \textbf \textsf \texttt \textnormal
//               \mbox{text: no $ & # ^ _ % ~ \ except \_ \% \# \& \$ \{ \}};
//               \left D ... \right D and \bigl D, \Bigr D ... with a delimiter D
// Control characters, unassigned code points and every other command
// (\input, \def, \catcode, \directlua, \write...) reject the formula, as do
// ", #, $, %, &, ~, ` and unbalanced braces.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace glossc::latex_backend::math {

struct Checked {
    bool ok = false;
    std::string tex;     // when ok: what \gcmath{} holds (the source, \gcmtext-wrapped where needed)
    std::string reason;  // when not ok: why, for the warning
};

Checked check(std::string_view source);

// The inverse of the wrapping in Checked::tex (the reader's side).
std::string unwrap(std::string_view written);

// Every allow-listed control word, for tests (each must typeset).
std::span<const std::string_view> allowed_words();

}  // namespace glossc::latex_backend::math
