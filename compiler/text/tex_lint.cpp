#include "text/tex_lint.hpp"

#include <algorithm>
#include <iterator>
#include <cctype>

#include "text/braces.hpp"

namespace glossc::text {

namespace {

// Command names whose letters are never meant as a product of variables or
// as a word in a formula. Names people also write bare on purpose ("log",
// "max", "sim", "vec", "top") are left out: a bare "log" is a style choice,
// not a lost backslash.
constexpr std::string_view kCommandNames[] = {
    // Greek letters
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
    "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma", "tau", "upsilon",
    "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon",
    "Phi", "Psi", "Omega",
    // Symbols, accents and layout commands
    "nabla", "partial", "infty", "cdot", "cdots", "ldots", "approx", "leq", "geq", "neq", "times", "frac",
    "sqrt", "tilde", "leftarrow", "rightarrow", "Rightarrow", "mapsto", "propto", "mathcal", "mathbb", "mathbf",
    "mathrm", "operatorname", "text", "odot", "otimes"};

// Commands whose braced argument is text, not math.
constexpr std::string_view kTextArgumentCommands[] = {"text",   "operatorname", "mathrm", "textrm",
                                                      "textbf", "textit",       "mbox"};

// First letters of the string escapes that eat a backslash and the letter after it.
constexpr std::string_view kEscapeLetters = "bfnrtv";

bool is_command_name(std::string_view word) {
    return std::find(std::begin(kCommandNames), std::end(kCommandNames), word) != std::end(kCommandNames);
}

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Where the braced argument starting at `open` ends: past its matching '}'
// (the end of the text when it never closes).
std::size_t skip_braced(std::string_view tex, std::size_t open) {
    std::size_t close = matching_brace(tex, open);
    return close == std::string_view::npos ? tex.size() : close + 1;
}

}  // namespace

std::vector<BareTexCommand> find_bare_tex_commands(std::string_view tex) {
    std::vector<BareTexCommand> found;
    std::size_t i = 0;
    while (i < tex.size()) {
        if (tex[i] == '\\') {
            std::size_t name_end = i + 1;
            while (name_end < tex.size() && is_letter(tex[name_end])) ++name_end;
            std::string_view name = tex.substr(i + 1, name_end - i - 1);
            i = std::max(name_end, i + 2);  // a command, or an escaped symbol ("\{", "\|")
            bool text_argument = std::find(std::begin(kTextArgumentCommands), std::end(kTextArgumentCommands), name) !=
                                 std::end(kTextArgumentCommands);
            if (text_argument && name_end < tex.size() && tex[name_end] == '{') i = skip_braced(tex, name_end);
            continue;
        }
        if (!is_letter(tex[i])) {
            ++i;
            continue;
        }
        std::size_t word_end = i;
        while (word_end < tex.size() && is_letter(tex[word_end])) ++word_end;
        std::string word(tex.substr(i, word_end - i));
        i = word_end;
        if (word.size() < 2) continue;  // single letters are variables
        BareTexCommand bare{word, {}};
        if (is_command_name(word)) bare.meant.push_back("\\" + word);
        for (char escape : kEscapeLetters)
            if (is_command_name(std::string(1, escape) + word))
                bare.meant.push_back("\\" + std::string(1, escape) + word);
        if (!bare.meant.empty()) found.push_back(std::move(bare));
    }
    return found;
}

}  // namespace glossc::text
