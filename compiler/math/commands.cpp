// The command table. Which outputs accept a row is what each of them
// accepted before the shared layer: the LaTeX allow-list is what LuaLaTeX
// with amsmath and unicode-math typesets, the MathML set what the EPUB's
// converter maps, the MathJax set what MathJax 3 renders with its base and
// ams packages (the Anki deck loads no other).
#include "math/commands.hpp"

#include <algorithm>
#include <vector>

namespace glossc::math {

namespace {

using R = Role;
constexpr Role Id = Role::Identifier, Op = Role::Operator, Fn = Role::Function, Sp = Role::Space;
// Shorthands for the usual combinations of outputs.
constexpr std::uint16_t kAll = kLatex | kLatexArgument | kMathml | kMathJax;  // a symbol every output has
constexpr std::uint16_t kAtom = kLatex | kMathml | kMathJax;                  // ... never an unbraced argument
constexpr std::uint16_t kTex = kLatex | kLatexArgument | kMathJax;            // LaTeX and MathJax, not MathML
constexpr std::uint16_t kWeb = kMathml | kMathJax;                            // MathML and MathJax, not LaTeX
constexpr std::uint16_t kBare = kLintBare;

constexpr CommandInfo kCommands[] = {
    // Greek: lower case italic, upper case upright
    {"alpha", Id, kAll | kBare, 0x3B1}, {"beta", Id, kAll | kBare, 0x3B2}, {"gamma", Id, kAll | kBare, 0x3B3},
    {"delta", Id, kAll | kBare, 0x3B4}, {"epsilon", Id, kAll | kBare, 0x3F5}, {"varepsilon", Id, kAll | kBare, 0x3B5},
    {"zeta", Id, kAll | kBare, 0x3B6}, {"eta", Id, kAll | kBare, 0x3B7}, {"theta", Id, kAll | kBare, 0x3B8},
    {"vartheta", Id, kAll | kBare, 0x3D1}, {"iota", Id, kAll | kBare, 0x3B9}, {"kappa", Id, kAll | kBare, 0x3BA},
    {"varkappa", Id, kTex, 0x3F0}, {"lambda", Id, kAll | kBare, 0x3BB}, {"mu", Id, kAll | kBare, 0x3BC},
    {"nu", Id, kAll | kBare, 0x3BD}, {"xi", Id, kAll | kBare, 0x3BE}, {"omicron", Id, kMathml, 0x3BF},
    {"pi", Id, kAll | kBare, 0x3C0}, {"varpi", Id, kAll | kBare, 0x3D6}, {"rho", Id, kAll | kBare, 0x3C1},
    {"varrho", Id, kAll | kBare, 0x3F1}, {"sigma", Id, kAll | kBare, 0x3C3}, {"varsigma", Id, kAll | kBare, 0x3C2},
    {"tau", Id, kAll | kBare, 0x3C4}, {"upsilon", Id, kAll | kBare, 0x3C5}, {"phi", Id, kAll | kBare, 0x3D5},
    {"varphi", Id, kAll | kBare, 0x3C6}, {"chi", Id, kAll | kBare, 0x3C7}, {"psi", Id, kAll | kBare, 0x3C8},
    {"omega", Id, kAll | kBare, 0x3C9}, {"Gamma", Id, kAll | kBare | kUpright, 0x393},
    {"Delta", Id, kAll | kBare | kUpright, 0x394}, {"Theta", Id, kAll | kBare | kUpright, 0x398},
    {"Lambda", Id, kAll | kBare | kUpright, 0x39B}, {"Xi", Id, kAll | kBare | kUpright, 0x39E},
    {"Pi", Id, kAll | kBare | kUpright, 0x3A0}, {"Sigma", Id, kAll | kBare | kUpright, 0x3A3},
    {"Upsilon", Id, kAll | kBare | kUpright, 0x3A5}, {"Phi", Id, kAll | kBare | kUpright, 0x3A6},
    {"Psi", Id, kAll | kBare | kUpright, 0x3A8}, {"Omega", Id, kAll | kBare | kUpright, 0x3A9},
    // letter-like
    {"ell", Id, kAll, 0x2113}, {"hbar", Id, kAll, 0x210F}, {"imath", Id, kAll, 0x131}, {"jmath", Id, kAll, 0x237},
    {"aleph", Id, kAll, 0x2135}, {"Re", Id, kAll, 0x211C}, {"Im", Id, kAll, 0x2111}, {"wp", Id, kAll, 0x2118},
    {"partial", Id, kAll | kBare, 0x2202}, {"nabla", Id, kAll | kBare, 0x2207}, {"infty", Id, kAll | kBare, 0x221E},
    {"emptyset", Id, kAll, 0x2205}, {"varnothing", Id, kAll, 0x2205}, {"top", Id, kAll, 0x22A4},
    {"bot", Id, kAll, 0x22A5}, {"prime", Op, kAll, 0x2032}, {"angle", Id, kTex, 0x2220},
    {"triangle", Id, kTex, 0x25B3}, {"surd", Op, kTex, 0x221A}, {"flat", Id, kTex, 0x266D},
    {"sharp", Id, kTex, 0x266F}, {"natural", Id, kTex, 0x266E},
    // binary operators
    {"pm", Op, kAll, 0xB1}, {"mp", Op, kAll, 0x2213}, {"times", Op, kAll | kBare, 0xD7}, {"div", Op, kAll, 0xF7},
    {"cdot", Op, kAll | kBare, 0x22C5}, {"ast", Op, kAll, 0x2217}, {"star", Op, kAll, 0x22C6},
    {"circ", Op, kAll, 0x2218}, {"bullet", Op, kAll, 0x2219}, {"oplus", Op, kAll, 0x2295},
    {"ominus", Op, kAll, 0x2296}, {"otimes", Op, kAll | kBare, 0x2297}, {"oslash", Op, kTex, 0x2298},
    {"odot", Op, kAll | kBare, 0x2299}, {"cap", Op, kAll, 0x2229}, {"cup", Op, kAll, 0x222A},
    {"sqcap", Op, kTex, 0x2293}, {"sqcup", Op, kTex, 0x2294}, {"setminus", Op, kWeb, 0x2216},
    {"wedge", Op, kAll, 0x2227}, {"vee", Op, kAll, 0x2228}, {"land", Op, kAll, 0x2227}, {"lor", Op, kAll, 0x2228},
    {"wr", Op, kTex, 0x2240}, {"diamond", Op, kTex, 0x22C4}, {"dagger", Op, kTex, 0x2020},
    {"ddagger", Op, kTex, 0x2021}, {"amalg", Op, kTex, 0x2A3F}, {"uplus", Op, kTex, 0x228E},
    // relations
    {"leq", Op, kAll | kBare, 0x2264}, {"le", Op, kAll, 0x2264}, {"geq", Op, kAll | kBare, 0x2265},
    {"ge", Op, kAll, 0x2265}, {"neq", Op, kAll | kBare, 0x2260}, {"ne", Op, kAll, 0x2260},
    {"equiv", Op, kAll, 0x2261}, {"approx", Op, kAll | kBare, 0x2248}, {"sim", Op, kAll, 0x223C},
    {"simeq", Op, kAll, 0x2243}, {"cong", Op, kAll, 0x2245}, {"propto", Op, kAll | kBare, 0x221D},
    {"lesssim", Op, kWeb, 0x2272}, {"gtrsim", Op, kWeb, 0x2273}, {"triangleq", Op, kWeb, 0x225C},
    {"coloneqq", Op, kMathml, 0x2254}, {"in", Op, kAll, 0x2208}, {"notin", Op, kAll, 0x2209},
    {"ni", Op, kAll, 0x220B}, {"subset", Op, kAll, 0x2282}, {"subseteq", Op, kAll, 0x2286},
    {"supset", Op, kAll, 0x2283}, {"supseteq", Op, kAll, 0x2287}, {"sqsubseteq", Op, kTex, 0x2291},
    {"sqsupseteq", Op, kTex, 0x2292}, {"ll", Op, kAll, 0x226A}, {"gg", Op, kAll, 0x226B}, {"prec", Op, kTex, 0x227A},
    {"succ", Op, kTex, 0x227B}, {"preceq", Op, kTex, 0x2AAF}, {"succeq", Op, kTex, 0x2AB0},
    {"perp", Op, kAll, 0x27C2}, {"parallel", Op, kAll, 0x2225}, {"mid", Op, kAll, 0x2223}, {"nmid", Op, kTex, 0x2224},
    {"models", Op, kTex, 0x22A7}, {"vdash", Op, kTex, 0x22A2}, {"dashv", Op, kTex, 0x22A3},
    {"asymp", Op, kTex, 0x224D}, {"doteq", Op, kTex, 0x2250}, {"bowtie", Op, kTex, 0x22C8}, {"colon", Op, kWeb, ':'},
    // arrows
    {"to", Op, kAll, 0x2192}, {"gets", Op, kAll, 0x2190}, {"rightarrow", Op, kAll | kBare, 0x2192},
    {"leftarrow", Op, kAll | kBare, 0x2190}, {"Rightarrow", Op, kAll | kBare, 0x21D2},
    {"Leftarrow", Op, kAll, 0x21D0}, {"leftrightarrow", Op, kAll, 0x2194}, {"Leftrightarrow", Op, kAll, 0x21D4},
    {"longrightarrow", Op, kAll, 0x27F6}, {"longleftarrow", Op, kAll, 0x27F5}, {"Longrightarrow", Op, kTex, 0x27F9},
    {"Longleftarrow", Op, kTex, 0x27F8}, {"longleftrightarrow", Op, kTex, 0x27F7},
    {"Longleftrightarrow", Op, kTex, 0x27FA}, {"implies", Op, kAtom, 0x27F9}, {"iff", Op, kAtom, 0x27FA},
    {"mapsto", Op, kAll | kBare, 0x21A6}, {"longmapsto", Op, kTex, 0x27FC},
    {"uparrow", Op, kAll | kDelimiter, 0x2191}, {"downarrow", Op, kAll | kDelimiter, 0x2193},
    {"Uparrow", Op, kTex | kDelimiter, 0x21D1}, {"Downarrow", Op, kTex | kDelimiter, 0x21D3},
    {"updownarrow", Op, kTex | kDelimiter, 0x2195}, {"nearrow", Op, kTex, 0x2197}, {"searrow", Op, kTex, 0x2198},
    {"swarrow", Op, kTex, 0x2199}, {"nwarrow", Op, kTex, 0x2196}, {"hookrightarrow", Op, kTex, 0x21AA},
    {"hookleftarrow", Op, kTex, 0x21A9}, {"leftharpoonup", Op, kTex, 0x21BC}, {"rightharpoonup", Op, kTex, 0x21C0},
    {"rightleftharpoons", Op, kTex, 0x21CC},
    // logic
    {"forall", Op, kAll, 0x2200}, {"exists", Op, kAll, 0x2203}, {"nexists", Op, kTex, 0x2204},
    {"neg", Op, kAll, 0xAC}, {"lnot", Op, kAll, 0xAC},
    // big operators
    {"sum", Op, kAll, 0x2211}, {"prod", Op, kAll, 0x220F}, {"coprod", Op, kAll, 0x2210}, {"int", Op, kAll, 0x222B},
    {"iint", Op, kAll, 0x222C}, {"iiint", Op, kTex, 0x222D}, {"oint", Op, kAll, 0x222E}, {"bigcup", Op, kAll, 0x22C3},
    {"bigcap", Op, kAll, 0x22C2}, {"bigoplus", Op, kAll, 0x2A01}, {"bigotimes", Op, kAll, 0x2A02},
    {"bigodot", Op, kTex, 0x2A00}, {"bigvee", Op, kAll, 0x22C1}, {"bigwedge", Op, kAll, 0x22C0},
    {"bigsqcup", Op, kTex, 0x2A06}, {"biguplus", Op, kTex, 0x2A04},
    // delimiters
    {"langle", Op, kAll | kDelimiter, 0x27E8}, {"rangle", Op, kAll | kDelimiter, 0x27E9},
    {"lceil", Op, kAll | kDelimiter, 0x2308}, {"rceil", Op, kAll | kDelimiter, 0x2309},
    {"lfloor", Op, kAll | kDelimiter, 0x230A}, {"rfloor", Op, kAll | kDelimiter, 0x230B},
    {"vert", Op, kAll | kDelimiter, '|'}, {"Vert", Op, kAll | kDelimiter, 0x2016},
    {"lvert", Op, kAll | kDelimiter, '|'}, {"rvert", Op, kAll | kDelimiter, '|'},
    {"lVert", Op, kAll | kDelimiter, 0x2016}, {"rVert", Op, kAll | kDelimiter, 0x2016},
    {"lbrace", Op, kTex, '{'}, {"rbrace", Op, kTex, '}'},
    {"backslash", Op, kAll | kDelimiter, '\\'},
    // dots (macros in LaTeX: never an unbraced argument)
    {"ldots", Op, kAtom | kBare, 0x2026}, {"dots", Op, kAtom, 0x2026}, {"cdots", Op, kAtom | kBare, 0x22EF},
    {"vdots", Op, kAtom, 0x22EE}, {"ddots", Op, kAtom, 0x22F1},
    // control symbols
    {"{", Op, kAtom | kDelimiter, '{'}, {"}", Op, kAtom | kDelimiter, '}'},
    {"|", Op, kAtom | kDelimiter, 0x2016}, {"_", Id, kAtom, '_'},
    {"#", Id, kAtom, '#'}, {"$", Id, kAtom, '$'}, {"%", Id, kAtom, '%'}, {"&", Id, kAtom, '&'},
    // function names
    {"log", Fn, kAtom, 0, "log"}, {"ln", Fn, kAtom, 0, "ln"}, {"lg", Fn, kAtom, 0, "lg"},
    {"exp", Fn, kAtom, 0, "exp"}, {"sin", Fn, kAtom, 0, "sin"}, {"cos", Fn, kAtom, 0, "cos"},
    {"tan", Fn, kAtom, 0, "tan"}, {"cot", Fn, kAtom, 0, "cot"}, {"sec", Fn, kAtom, 0, "sec"},
    {"csc", Fn, kAtom, 0, "csc"}, {"sinh", Fn, kAtom, 0, "sinh"}, {"cosh", Fn, kAtom, 0, "cosh"},
    {"tanh", Fn, kAtom, 0, "tanh"}, {"coth", Fn, kLatex | kMathJax, 0, "coth"}, {"arcsin", Fn, kAtom, 0, "arcsin"},
    {"arccos", Fn, kAtom, 0, "arccos"}, {"arctan", Fn, kAtom, 0, "arctan"}, {"max", Fn, kAtom, 0, "max"},
    {"min", Fn, kAtom, 0, "min"}, {"sup", Fn, kAtom, 0, "sup"}, {"inf", Fn, kAtom, 0, "inf"},
    {"lim", Fn, kAtom, 0, "lim"}, {"limsup", Fn, kAtom, 0, "lim sup"}, {"liminf", Fn, kAtom, 0, "lim inf"},
    {"arg", Fn, kAtom, 0, "arg"}, {"det", Fn, kAtom, 0, "det"}, {"dim", Fn, kAtom, 0, "dim"},
    {"ker", Fn, kAtom, 0, "ker"}, {"deg", Fn, kAtom, 0, "deg"}, {"gcd", Fn, kAtom, 0, "gcd"},
    {"hom", Fn, kAtom, 0, "hom"}, {"Pr", Fn, kAtom, 0, "Pr"},
    // spacing (the width is MathML's)
    {",", Sp, kAtom, 0, "0.1667em"}, {":", Sp, kAtom, 0, "0.2222em"}, {";", Sp, kAtom, 0, "0.2778em"},
    {"!", Sp, kAtom, 0, "-0.1667em"}, {" ", Sp, kAtom, 0, "0.3333em"}, {">", Sp, kWeb, 0, "0.2222em"},
    {"thinspace", Sp, kWeb, 0, "0.1667em"}, {"medspace", Sp, kWeb, 0, "0.2222em"},
    {"thickspace", Sp, kWeb, 0, "0.2778em"}, {"negthinspace", Sp, kWeb, 0, "-0.1667em"},
    {"enspace", Sp, kWeb, 0, "0.5em"}, {"quad", Sp, kAtom, 0, "1em"}, {"qquad", Sp, kAtom, 0, "2em"},
    // style and limit placement: nothing to draw
    {"displaystyle", R::Style, kAtom}, {"textstyle", R::Style, kAtom}, {"scriptstyle", R::Style, kAtom},
    {"scriptscriptstyle", R::Style, kWeb}, {"limits", R::Style, kWeb}, {"nolimits", R::Style, kWeb},
    // accents: the mark
    {"hat", R::Accent, kAtom, '^'}, {"widehat", R::Accent, kAtom, '^'}, {"check", R::Accent, kAtom, 0x2C7},
    {"tilde", R::Accent, kAtom | kBare, 0x2DC}, {"widetilde", R::Accent, kAtom, 0x2DC},
    {"acute", R::Accent, kAtom, 0xB4}, {"grave", R::Accent, kAtom, '`'}, {"dot", R::Accent, kAtom, 0x2D9},
    {"ddot", R::Accent, kAtom, 0xA8}, {"breve", R::Accent, kAtom, 0x2D8}, {"bar", R::Accent, kAtom, 0xAF},
    {"vec", R::Accent, kAtom, 0x2192}, {"mathring", R::Accent, kLatex | kMathJax, 0x2DA},
    {"overline", R::Accent, kAtom, 0x203E}, {"underline", R::Accent, kAtom | kUnder, '_'},
    {"overrightarrow", R::Accent, kWeb, 0x2192},
    // fractions and stacks
    {"frac", R::Fraction, kAtom | kBare}, {"dfrac", R::Fraction, kAtom}, {"tfrac", R::Fraction, kAtom},
    {"cfrac", R::Fraction, kWeb}, {"binom", R::Binomial, kAtom}, {"dbinom", R::Binomial, kAtom},
    {"tbinom", R::Binomial, kAtom}, {"overset", R::Stack, kWeb}, {"stackrel", R::Stack, kWeb},
    {"underset", R::Stack, kWeb | kUnder}, {"sqrt", R::Root, kAtom | kBare},
    // fonts
    {"mathrm", R::Font, kAtom | kLatexScript | kLatexWords | kBare | kLintText, 0, {}, Alphabet::Upright},
    {"mathit", R::Font, kAtom | kLatexScript | kLatexWords, 0, {}, Alphabet::Default},
    {"mathnormal", R::Font, kAtom | kLatexWords, 0, {}, Alphabet::Default},
    {"mathbf", R::Font, kAtom | kLatexScript | kLatexWords | kBare, 0, {}, Alphabet::Bold},
    {"mathsf", R::Font, kAtom | kLatexScript | kLatexWords, 0, {}, Alphabet::SansSerif},
    {"mathtt", R::Font, kAtom | kLatexScript | kLatexWords, 0, {}, Alphabet::Monospace},
    {"mathbb", R::Font, kAtom | kBare, 0, {}, Alphabet::DoubleStruck},
    {"mathfrak", R::Font, kAtom, 0, {}, Alphabet::Fraktur},
    {"mathcal", R::Font, kAtom | kLatexCapitals | kBare, 0, {}, Alphabet::Script},
    {"mathscr", R::Font, kAtom | kLatexCapitals, 0, {}, Alphabet::Script},
    {"boldsymbol", R::Font, kWeb, 0, {}, Alphabet::Bold}, {"bm", R::Font, kMathml, 0, {}, Alphabet::Bold},
    {"operatorname", R::OperatorName, kAtom | kLatexWords | kBare | kLintText},
    // text (the mathvariant is MathML's)
    {"text", R::Text, kAtom | kLatexScript | kBare | kLintText},
    {"textrm", R::Text, kAtom | kLatexScript | kLintText}, {"textnormal", R::Text, kAtom | kLatexScript},
    {"textup", R::Text, kMathml}, {"textbf", R::Text, kAtom | kLatexScript | kLintText, 0, "bold"},
    {"textit", R::Text, kAtom | kLatexScript | kLintText, 0, "italic"}, {"textsl", R::Text, kMathml, 0, "italic"},
    {"texttt", R::Text, kAtom | kLatexScript, 0, "monospace"},
    {"textsf", R::Text, kAtom | kLatexScript, 0, "sans-serif"}, {"mbox", R::Text, kAtom | kLintText},
    // delimiters around a formula part
    {"left", R::Left, kAtom}, {"right", R::Right, kAtom}, {"big", R::Big, kAtom, 0, "1.2em"},
    {"bigl", R::Big, kAtom, 0, "1.2em"}, {"bigr", R::Big, kAtom, 0, "1.2em"}, {"bigm", R::Big, kAtom, 0, "1.2em"},
    {"Big", R::Big, kAtom, 0, "1.623em"}, {"Bigl", R::Big, kAtom, 0, "1.623em"},
    {"Bigr", R::Big, kAtom, 0, "1.623em"}, {"Bigm", R::Big, kAtom, 0, "1.623em"},
    {"bigg", R::Big, kAtom, 0, "2.047em"}, {"biggl", R::Big, kAtom, 0, "2.047em"},
    {"biggr", R::Big, kAtom, 0, "2.047em"}, {"biggm", R::Big, kAtom, 0, "2.047em"},
    {"Bigg", R::Big, kAtom, 0, "2.470em"}, {"Biggl", R::Big, kAtom, 0, "2.470em"},
    {"Biggr", R::Big, kAtom, 0, "2.470em"}, {"Biggm", R::Big, kAtom, 0, "2.470em"},
};

}  // namespace

const CommandInfo* find_command(std::string_view name) {
    // Sorted once by name, for a binary search.
    static const std::vector<const CommandInfo*> kByName = [] {
        std::vector<const CommandInfo*> out;
        for (const auto& command : kCommands) out.push_back(&command);
        std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
        return out;
    }();
    auto it = std::lower_bound(kByName.begin(), kByName.end(), name,
                               [](const CommandInfo* c, std::string_view n) { return c->name < n; });
    return it != kByName.end() && (*it)->name == name ? *it : nullptr;
}

std::span<const CommandInfo> all_commands() { return kCommands; }

}  // namespace glossc::math
