// The math allow-list (latex_math.hpp): a recursive-descent check of a
// formula against a grammar that LuaLaTeX with amsmath and unicode-math
// typesets without an error.
#include "latex/latex_math.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <vector>
#include <iterator>

#include <utf8proc.h>

namespace glossc::latex_backend::math {

namespace {

// Symbol commands: a single math character each (\Umathchardef in
// unicode-math), so also allowed as an unbraced script or argument.
constexpr std::string_view kSymbols[] = {
    // Greek
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
    "varkappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma", "tau", "upsilon",
    "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon",
    "Phi", "Psi", "Omega",
    // letter-like
    "ell", "hbar", "imath", "jmath", "aleph", "Re", "Im", "wp", "partial", "nabla", "infty", "emptyset",
    "varnothing", "prime", "top", "bot", "angle", "triangle", "surd", "flat", "sharp", "natural",
    // binary operators
    "pm", "mp", "times", "div", "cdot", "ast", "star", "circ", "bullet", "oplus", "ominus", "otimes", "oslash",
    "odot", "cap", "cup", "sqcap", "sqcup", "wedge", "vee", "land", "lor", "wr", "diamond", "dagger",
    "ddagger", "amalg", "uplus",
    // relations
    "leq", "le", "geq", "ge", "neq", "ne", "equiv", "approx", "sim", "simeq", "cong", "propto", "in", "notin", "ni",
    "subset", "subseteq", "supset", "supseteq", "sqsubseteq", "sqsupseteq", "ll", "gg", "prec", "succ", "preceq",
    "succeq", "perp", "parallel", "mid", "nmid", "models", "vdash", "dashv", "asymp", "doteq", "bowtie",
    // arrows
    "to", "gets", "rightarrow", "leftarrow", "Rightarrow", "Leftarrow", "leftrightarrow", "Leftrightarrow",
    "longrightarrow", "longleftarrow", "Longrightarrow", "Longleftarrow", "longleftrightarrow",
    "Longleftrightarrow", "mapsto", "longmapsto", "uparrow", "downarrow", "Uparrow", "Downarrow", "updownarrow",
    "nearrow", "searrow", "swarrow", "nwarrow", "hookrightarrow", "hookleftarrow", "leftharpoonup",
    "rightharpoonup", "rightleftharpoons",
    // logic
    "forall", "exists", "nexists", "neg", "lnot",
    // big operators
    "sum", "prod", "coprod", "int", "iint", "iiint", "oint", "bigcup", "bigcap", "bigoplus", "bigotimes",
    "bigodot", "bigvee", "bigwedge", "bigsqcup", "biguplus",
    // delimiters as symbols
    "langle", "rangle", "lceil", "rceil", "lfloor", "rfloor", "vert", "Vert", "lvert", "rvert", "lVert", "rVert",
    "lbrace", "rbrace", "backslash"};

// Nullary commands that are macros (several tokens): atoms, but never an
// unbraced argument.
constexpr std::string_view kSymbolMacros[] = {"implies", "iff", "ldots", "cdots", "vdots", "ddots", "dots"};

// Function names: atoms that take scripts ("\max_i"), never an unbraced argument.
constexpr std::string_view kFunctions[] = {"log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc",
                                           "sinh", "cosh", "tanh", "coth", "arcsin", "arccos", "arctan", "max",
                                           "min", "sup", "inf", "lim", "limsup", "liminf", "arg", "det", "dim",
                                           "ker", "deg", "gcd", "hom", "Pr"};

// Spacing and style: items of a list, never an argument.
constexpr std::string_view kSpacing[] = {"quad", "qquad", "displaystyle", "textstyle", "scriptstyle"};

constexpr std::string_view kAccents[] = {"hat",  "widehat", "check", "tilde", "widetilde", "acute",    "grave",
                                         "dot",  "ddot",    "breve", "bar",   "vec",       "mathring", "overline",
                                         "underline"};
constexpr std::string_view kFractions[] = {"frac", "dfrac", "tfrac", "binom", "dbinom", "tbinom"};
// Alphabets and the characters their argument may hold.
constexpr std::string_view kWordAlphabets[] = {"mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathnormal",
                                               "operatorname"};
constexpr std::string_view kLetterAlphabets[] = {"mathbb", "mathfrak"};
constexpr std::string_view kCapitalAlphabets[] = {"mathcal", "mathscr"};
constexpr std::string_view kTextCommands[] = {"text", "textrm", "textit", "textbf", "textsf", "texttt",
                                              "textnormal", "mbox"};
// What may stand unbraced after ^ or _ besides a symbol (these expand to a group).
constexpr std::string_view kScriptTextCommands[] = {"text", "textrm", "textit", "textbf", "textsf", "texttt",
                                                    "textnormal"};
constexpr std::string_view kScriptAlphabets[] = {"mathrm", "mathit", "mathbf", "mathsf", "mathtt"};
constexpr std::string_view kSizedDelimiters[] = {"big",  "Big",  "bigg",  "Bigg",  "bigl",  "bigr",
                                                 "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
                                                 "bigm", "Bigm", "biggm", "Biggm"};
constexpr std::string_view kDelimiterWords[] = {"langle", "rangle", "lceil",   "rceil",     "lfloor",
                                                "rfloor", "vert",   "Vert",    "lvert",     "rvert",
                                                "lVert",  "rVert",  "uparrow", "downarrow", "Uparrow",
                                                "Downarrow", "updownarrow", "backslash"};

template <std::size_t N>
bool in(const std::string_view (&table)[N], std::string_view word) {
    return std::find(std::begin(table), std::end(table), word) != std::end(table);
}

// The code points Latin Modern Math (the math font) has, above ASCII.
struct Range {
    char32_t lo, hi;
};
constexpr Range kMathFont[] = {
    {0xA0, 0xAC}, {0xAE, 0xB1}, {0xB4, 0xB8}, {0xBA, 0xBB}, {0xBF, 0x107}, {0x10C, 0x110}, {0x112, 0x113},
    {0x116, 0x11B}, {0x11E, 0x11F}, {0x122, 0x123}, {0x128, 0x12B}, {0x12E, 0x133}, {0x136, 0x137}, {0x139, 0x13E},
    {0x141, 0x148}, {0x14A, 0x14D}, {0x150, 0x15B}, {0x15E, 0x165}, {0x168, 0x16B}, {0x16E, 0x173}, {0x178, 0x17F},
    {0x1A0, 0x1A1}, {0x1AF, 0x1B0}, {0x218, 0x21B}, {0x237, 0x237}, {0x391, 0x3A1}, {0x3A3, 0x3A9}, {0x3B1, 0x3C9},
    {0x3D1, 0x3D1}, {0x3D5, 0x3D6}, {0x3F0, 0x3F1}, {0x3F4, 0x3F5}, {0x1EA0, 0x1EF9}, {0x2102, 0x2103},
    {0x2107, 0x2107}, {0x2109, 0x2109}, {0x210B, 0x2113}, {0x2115, 0x211E}, {0x2120, 0x2120}, {0x2122, 0x2122},
    {0x2124, 0x2124}, {0x2126, 0x2128}, {0x212A, 0x212E}, {0x2130, 0x2131}, {0x2133, 0x2133}, {0x2135, 0x2138},
    {0x213C, 0x2140}, {0x2145, 0x2149}, {0x2190, 0x219B}, {0x219E, 0x21A7}, {0x21A9, 0x21AE}, {0x21B0, 0x21B7},
    {0x21BA, 0x21DD}, {0x21E6, 0x21E9}, {0x21F3, 0x21F3}, {0x21F5, 0x21F6}, {0x2200, 0x221A}, {0x221D, 0x22AF},
    {0x22B2, 0x22D3}, {0x22D5, 0x22F1}, {0x2300, 0x2300}, {0x2305, 0x2306}, {0x2308, 0x230B}, {0x2310, 0x2310},
    {0x2319, 0x2319}, {0x231C, 0x2323}, {0x25A0, 0x25A1}, {0x25AA, 0x25AD}, {0x25B2, 0x25B3}, {0x25B6, 0x25B7},
    {0x25BC, 0x25BD}, {0x25C0, 0x25C1}, {0x25CA, 0x25CB}, {0x25CF, 0x25CF}, {0x25E6, 0x25E6}, {0x25EF, 0x25EF},
    {0x2660, 0x2667}, {0x266D, 0x266F}, {0x27C2, 0x27C2}, {0x27D8, 0x27DE}, {0x27E0, 0x27E3}, {0x27F4, 0x27FF},
    {0x2906, 0x2907}, {0x2A00, 0x2A06}, {0x2A09, 0x2A09}, {0x2A0C, 0x2A0C}, {0x2A11, 0x2A11}, {0x2A2F, 0x2A2F},
    {0x2A3F, 0x2A3F}, {0x2A7D, 0x2A7E}, {0x2A85, 0x2A8C}, {0x2A95, 0x2A96}, {0x2AAF, 0x2AB0}, {0x1D400, 0x1D454},
    {0x1D456, 0x1D49C}, {0x1D49E, 0x1D49F}, {0x1D4A2, 0x1D4A2}, {0x1D4A5, 0x1D4A6}, {0x1D4A9, 0x1D4AC},
    {0x1D4AE, 0x1D4B5}, {0x1D4D0, 0x1D4E9}, {0x1D504, 0x1D505}, {0x1D507, 0x1D50A}, {0x1D50D, 0x1D514},
    {0x1D516, 0x1D51C}, {0x1D51E, 0x1D539}, {0x1D53B, 0x1D53E}, {0x1D540, 0x1D544}, {0x1D546, 0x1D546},
    {0x1D54A, 0x1D550}, {0x1D552, 0x1D6A5}, {0x1D6A8, 0x1D7C9}, {0x1D7CE, 0x1D7FF}};

bool in_math_font(char32_t cp) {
    return std::any_of(std::begin(kMathFont), std::end(kMathFont),
                       [cp](const Range& r) { return cp >= r.lo && cp <= r.hi; });
}

// What a non-ASCII character is in a formula.
enum class CharUse { Raw, Wrapped, Rejected };

CharUse classify(char32_t cp) {
    auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    switch (category) {
        case UTF8PROC_CATEGORY_CC:
        case UTF8PROC_CATEGORY_CF:
        case UTF8PROC_CATEGORY_CN:
        case UTF8PROC_CATEGORY_CO:
        case UTF8PROC_CATEGORY_CS:
        case UTF8PROC_CATEGORY_ZL:
        case UTF8PROC_CATEGORY_ZP: return CharUse::Rejected;
        default: break;
    }
    if (utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->ignorable) return CharUse::Rejected;
    // Primes are superscripts in unicode-math: never raw.
    if ((cp >= 0x2032 && cp <= 0x2037) || cp == 0x2057) return CharUse::Wrapped;
    // What unicode-math gives a math code: math symbols, Greek, letter-like
    // symbols and the math alphabets. Anything else (even "é") would be
    // looked up in a legacy TeX font.
    bool mathy = category == UTF8PROC_CATEGORY_SM || (cp >= 0x391 && cp <= 0x3F5) || (cp >= 0x2100 && cp <= 0x214F) ||
                 (cp >= 0x1D400 && cp <= 0x1D7FF);
    return mathy && in_math_font(cp) ? CharUse::Raw : CharUse::Wrapped;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kAtomPunctuation = "+-*=<>|/.,;:!?()[]";
constexpr std::string_view kArgPunctuation = "+-*=<>|/.,;:!?";
constexpr std::string_view kControlSymbols = "{}|_%#&$";  // \{ ... as atoms
constexpr std::string_view kSpacingSymbols = ",;:! ";     // \, \; \: \! "\ "

class Checker {
public:
    explicit Checker(std::string_view s) : s_(s) {}

    Checked run() {
        bool ok = list(Stop::End) && at_end();
        if (ok) return {true, std::move(out_), {}};
        return {false, {}, reason_.empty() ? "not a formula the LaTeX edition can typeset" : reason_};
    }

private:
    enum class Stop { End, Brace, Bracket, Right };

    bool fail(std::string reason) {
        if (reason_.empty()) reason_ = std::move(reason);
        return false;
    }
    bool at_end() const { return i_ >= s_.size(); }
    char peek() const { return at_end() ? '\0' : s_[i_]; }

    void skip_spaces() {
        while (!at_end() && s_[i_] == ' ') out_ += s_[i_++];
    }

    // The control word or symbol at i_ (which is a backslash), without consuming it.
    std::string_view command_at(std::size_t at) const {
        std::size_t end = at + 1;
        if (end >= s_.size()) return {};
        if (!is_letter(s_[end])) return s_.substr(at + 1, 1);
        while (end < s_.size() && is_letter(s_[end])) ++end;
        return s_.substr(at + 1, end - at - 1);
    }

    void take_command(std::string_view name) {
        out_ += '\\';
        out_ += name;
        i_ += 1 + name.size();
    }

    // One UTF-8 character at i_ (which is not ASCII). Wrapped in \gcmtext
    // unless it is text or the math font has it; `unbraced`: it is the
    // argument of a command, where a \gcmtext{} would not be one argument.
    bool non_ascii(bool as_text, bool unbraced = false) {
        utf8proc_int32_t cp = -1;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s_.data() + i_),
                                  static_cast<utf8proc_ssize_t>(s_.size() - i_), &cp);
        if (n <= 0 || cp < 0) return fail("invalid UTF-8");
        std::string_view bytes = s_.substr(i_, static_cast<std::size_t>(n));
        auto use = classify(static_cast<char32_t>(cp));
        if (use == CharUse::Rejected) return fail("the character " + code_point_name(cp) + " cannot be printed");
        if (!as_text && use == CharUse::Wrapped && unbraced)
            return fail("the character " + code_point_name(cp) + " as an argument needs braces around it");
        i_ += static_cast<std::size_t>(n);
        if (as_text || use == CharUse::Raw) {
            out_ += bytes;
        } else {
            out_ += "\\gcmtext{";
            out_ += bytes;
            out_ += '}';
        }
        return true;
    }

    static std::string code_point_name(utf8proc_int32_t cp) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
        return buffer;
    }

    // A list of items up to the stop (not consumed).
    bool list(Stop stop) {
        while (true) {
            skip_spaces();
            if (at_end()) {
                if (stop == Stop::End) return true;
                return fail(stop == Stop::Right ? "\\left without \\right" : "unbalanced braces or brackets");
            }
            char c = peek();
            if (c == '}') return stop == Stop::Brace ? true : fail("unbalanced braces");
            if (c == ']' && stop == Stop::Bracket) return true;
            if (c == '[' && stop == Stop::Bracket) return fail("a bracket inside the optional argument of \\sqrt");
            if (c == '\\' && command_at(i_) == "right") {
                return stop == Stop::Right ? true : fail("\\right without \\left");
            }
            if (!item()) return false;
        }
    }

    // An atom (or nothing) followed by its scripts.
    bool item() {
        bool takes_scripts = true;
        char c = peek();
        if (c == '^' || c == '_' || c == '\'') {
            // scripts on an empty nucleus
        } else if (!atom(takes_scripts)) {
            return false;
        }
        if (!takes_scripts) return true;
        return scripts();
    }

    bool scripts() {
        bool sup = false, sub = false;
        while (true) {
            skip_spaces();
            char c = peek();
            if (c == '\'') {
                if (sup) return fail("a prime after a superscript (double superscript)");
                while (peek() == '\'') out_ += s_[i_++];
                sup = true;
            } else if (c == '^') {
                if (sup) return fail("double superscript");
                out_ += s_[i_++];
                if (!argument(true)) return false;
                sup = true;
            } else if (c == '_') {
                if (sub) return fail("double subscript");
                out_ += s_[i_++];
                if (!argument(true)) return false;
                sub = true;
            } else {
                return true;
            }
        }
    }

    // TeX allows 255 nested groups; formulas need a few.
    static constexpr int kMaxDepth = 40;

    bool enter() {
        if (++depth_ > kMaxDepth) return fail("groups nested too deeply");
        return true;
    }

    bool group() {  // at '{'
        if (!enter()) return false;
        out_ += s_[i_++];
        if (!list(Stop::Brace)) return false;
        out_ += s_[i_++];  // '}'
        --depth_;
        return true;
    }

    // The argument of a script (`script`), a fraction, a root or an accent.
    // A script is read after expansion, so it may also be \text{...} or
    // \mathrm{...}; a command's argument is one token or a group.
    bool argument(bool script = false) {
        skip_spaces();
        if (at_end()) return fail("a script or command without its argument");
        char c = s_[i_];
        if (c == '{') return group();
        if (is_letter(c) || is_digit(c) || kArgPunctuation.find(c) != std::string_view::npos) {
            out_ += s_[i_++];
            return true;
        }
        if (static_cast<unsigned char>(c) >= 0x80) return non_ascii(false, !script);
        if (c == '\\') {
            std::string_view name = command_at(i_);
            if (in(kSymbols, name)) {
                take_command(name);
                return true;
            }
            if (script && in(kScriptTextCommands, name)) {
                take_command(name);
                skip_spaces();
                if (peek() != '{') return fail("\\" + std::string(name) + " without a braced argument");
                return text_group();
            }
            if (script && in(kScriptAlphabets, name)) return alphabet(name, "-.,/", true);
            return fail(name.empty() ? "a lone backslash"
                                     : "\\" + std::string(name) + " as an argument needs braces around it");
        }
        return fail(std::string("'") + c + "' as an argument");
    }

    bool atom(bool& takes_scripts) {
        char c = peek();
        if (c == '{') return group();
        if (is_letter(c) || is_digit(c) || kAtomPunctuation.find(c) != std::string_view::npos) {
            out_ += s_[i_++];
            return true;
        }
        if (static_cast<unsigned char>(c) >= 0x80) return non_ascii(false);
        if (c != '\\') return fail(std::string("'") + c + "' is not allowed in math");
        std::string_view name = command_at(i_);
        if (name.empty()) return fail("a lone backslash");
        if (name.size() == 1 && !is_letter(name[0])) {
            if (kControlSymbols.find(name[0]) != std::string_view::npos) {
                take_command(name);
                return true;
            }
            if (kSpacingSymbols.find(name[0]) != std::string_view::npos) {
                take_command(name);
                takes_scripts = false;
                return true;
            }
            return fail("\\" + std::string(name) + " is not in the math allow-list");
        }
        if (in(kSymbols, name) || in(kSymbolMacros, name) || in(kFunctions, name)) {
            take_command(name);
            return true;
        }
        if (in(kSpacing, name)) {
            take_command(name);
            takes_scripts = false;
            return true;
        }
        if (in(kFractions, name)) {
            take_command(name);
            return argument() && argument();
        }
        if (name == "sqrt") {
            take_command(name);
            skip_spaces();
            if (peek() == '[') {
                if (!enter()) return false;
                out_ += s_[i_++];
                if (!list(Stop::Bracket)) return false;
                out_ += s_[i_++];  // ']'
                --depth_;
            }
            return argument();
        }
        if (in(kAccents, name)) {
            take_command(name);
            return argument();
        }
        if (in(kWordAlphabets, name)) return alphabet(name, "-.,/", true);
        if (in(kLetterAlphabets, name)) return alphabet(name, "", true);
        if (in(kCapitalAlphabets, name)) return alphabet(name, "", false);
        if (in(kTextCommands, name)) {
            take_command(name);
            skip_spaces();
            if (peek() != '{') return fail("\\" + std::string(name) + " without a braced argument");
            return text_group();
        }
        if (name == "left") {
            take_command(name);
            if (!enter() || !delimiter(true)) return false;
            if (!list(Stop::Right)) return false;
            take_command("right");
            --depth_;
            return delimiter(true);
        }
        if (in(kSizedDelimiters, name)) {
            take_command(name);
            return delimiter(false);
        }
        return fail("\\" + std::string(name) + " is not in the math allow-list");
    }

    // {letters...} after an alphabet command: letters and digits (lowercase
    // only when `lower`), spaces and `extra` characters; for the word
    // alphabets also \, and \_.
    bool alphabet(std::string_view name, std::string_view extra, bool lower) {
        take_command(name);
        skip_spaces();
        auto allowed = [&](char ch) {
            if (ch >= 'A' && ch <= 'Z') return true;
            if (!lower) return ch == ' ';
            return (ch >= 'a' && ch <= 'z') || is_digit(ch) || ch == ' ' || extra.find(ch) != std::string_view::npos;
        };
        if (peek() != '{') {
            if (!at_end() && is_letter(peek()) && allowed(peek())) {
                out_ += s_[i_++];
                return true;
            }
            return fail("\\" + std::string(name) + " needs a braced argument of letters");
        }
        out_ += s_[i_++];
        while (!at_end() && s_[i_] != '}') {
            char ch = s_[i_];
            if (ch == '\\' && !extra.empty() && i_ + 1 < s_.size() && (s_[i_ + 1] == ',' || s_[i_ + 1] == '_')) {
                out_ += s_.substr(i_, 2);
                i_ += 2;
                continue;
            }
            if (!allowed(ch)) return fail("\\" + std::string(name) + " of something other than letters");
            out_ += s_[i_++];
        }
        if (at_end()) return fail("unbalanced braces");
        out_ += s_[i_++];
        return true;
    }

    // {text} after \text and friends: text mode, so only characters that
    // print as themselves, the escapes \_ \% \# \& \$ \{ \} and nested braces.
    bool text_group() {
        int depth = 0;
        while (true) {
            if (at_end()) return fail("unbalanced braces");
            char ch = s_[i_];
            if (ch == '{') {
                if (++depth > kMaxDepth) return fail("groups nested too deeply");
                out_ += s_[i_++];
            } else if (ch == '}') {
                out_ += s_[i_++];
                if (--depth == 0) return true;
            } else if (ch == '\\') {
                if (i_ + 1 < s_.size() && std::string_view("_%#&${}").find(s_[i_ + 1]) != std::string_view::npos) {
                    out_ += s_.substr(i_, 2);
                    i_ += 2;
                } else {
                    std::string_view name = command_at(i_);
                    return fail(name.empty() ? "a lone backslash"
                                             : "\\" + std::string(name) + " is not allowed in \\text");
                }
            } else if (static_cast<unsigned char>(ch) >= 0x80) {
                if (!non_ascii(true)) return false;
            } else if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F ||
                       std::string_view("$&#^_%~").find(ch) != std::string_view::npos) {
                return fail(std::string("'") + ch + "' is not allowed in \\text");
            } else {
                out_ += s_[i_++];
            }
        }
    }

    bool delimiter(bool allow_null) {
        skip_spaces();
        if (at_end()) return fail("a delimiter is missing");
        char c = s_[i_];
        if (std::string_view("()[]|/").find(c) != std::string_view::npos || (allow_null && c == '.')) {
            out_ += s_[i_++];
            return true;
        }
        if (c == '\\') {
            std::string_view name = command_at(i_);
            if (name == "{" || name == "}" || name == "|" || in(kDelimiterWords, name)) {
                take_command(name);
                return true;
            }
        }
        return fail("not a delimiter after \\left, \\right or \\big");
    }

    std::string_view s_;
    std::size_t i_ = 0;
    int depth_ = 0;
    std::string out_;
    std::string reason_;
};

std::vector<std::string_view> collect_words() {
    std::vector<std::string_view> out;
    auto add = [&out](const auto& table) { out.insert(out.end(), std::begin(table), std::end(table)); };
    add(kSymbols);
    add(kSymbolMacros);
    add(kFunctions);
    add(kSpacing);
    add(kAccents);
    add(kFractions);
    add(kWordAlphabets);
    add(kLetterAlphabets);
    add(kCapitalAlphabets);
    add(kTextCommands);
    add(kSizedDelimiters);
    out.push_back("sqrt");
    out.push_back("left");
    out.push_back("right");
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

Checked check(std::string_view source) { return Checker(source).run(); }

std::string unwrap(std::string_view written) {
    static constexpr std::string_view kWrap = "\\gcmtext{";
    std::string out;
    std::size_t i = 0;
    while (i < written.size()) {
        std::size_t at = written.find(kWrap, i);
        if (at == std::string_view::npos) break;
        std::size_t close = written.find('}', at + kWrap.size());
        if (close == std::string_view::npos) break;
        out.append(written.substr(i, at - i));
        out.append(written.substr(at + kWrap.size(), close - at - kWrap.size()));
        i = close + 1;
    }
    out.append(written.substr(i));
    return out;
}

std::span<const std::string_view> allowed_words() {
    static const std::vector<std::string_view> kWords = collect_words();
    return kWords;
}

}  // namespace glossc::latex_backend::math
