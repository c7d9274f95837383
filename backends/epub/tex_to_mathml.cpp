// A recursive-descent reader of TeX math that builds a small MathML tree and
// prints it. TeX's grammar for the subset in tex_to_mathml.hpp: a formula is
// a row of atoms; an atom is a token, a group {...} or a command with its
// arguments, followed by any sub/superscripts; an argument is a group or a
// single token.
#include "epub/tex_to_mathml.hpp"

#include <cstdio>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <utf8proc.h>

#include "text/escape.hpp"
#include "text/utf8.hpp"

namespace glossc::epub_backend {

namespace {

// ---- The MathML tree ---------------------------------------------------------

struct Node {
    std::string tag;   // mi, mn, mo, mtext, mspace, mrow, msub, mfrac, ...
    std::string text;  // content of token elements
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<Node> children;
};

Node token(std::string tag, std::string text, std::vector<std::pair<std::string, std::string>> attributes = {}) {
    return Node{std::move(tag), std::move(text), std::move(attributes), {}};
}

Node element(std::string tag, std::vector<Node> children,
             std::vector<std::pair<std::string, std::string>> attributes = {}) {
    return Node{std::move(tag), {}, std::move(attributes), std::move(children)};
}

// A row; a row of one is that one element (every script, fraction part and
// the <semantics> child must be exactly one element, which either is).
Node row(std::vector<Node> children) {
    if (children.size() == 1) return std::move(children.front());
    return element("mrow", std::move(children));
}

Node space(std::string width) { return token("mspace", {}, {{"width", std::move(width)}}); }

void print(const Node& node, std::string& out) {
    out += '<';
    out += node.tag;
    for (const auto& [name, value] : node.attributes) out += " " + name + "=\"" + text::escape_html(value) + "\"";
    if (node.text.empty() && node.children.empty()) {
        out += "/>";
        return;
    }
    out += '>';
    out += text::escape_html(node.text);
    for (const auto& child : node.children) print(child, out);
    out += "</" + node.tag + ">";
}

std::string utf8(char32_t cp) {
    std::string out;
    text::append_utf8(out, cp);
    return out;
}

// ---- What the commands mean ---------------------------------------------------

// Font alphabets. Letters become the Unicode mathematical alphanumeric
// symbols rather than mathvariant attributes: EPUB reading systems render
// those characters everywhere, mathvariant only in some.
enum class Alphabet { Default, Upright, Bold, Script, DoubleStruck, Fraktur, SansSerif, Monospace };

struct AlphabetStart {
    char32_t upper = 0, lower = 0, digit = 0;  // 0: the alphabet has no such letters
};

AlphabetStart alphabet_start(Alphabet alphabet) {
    switch (alphabet) {
        case Alphabet::Bold: return {0x1D400, 0x1D41A, 0x1D7CE};
        case Alphabet::Script: return {0x1D49C, 0x1D4B6, 0};
        case Alphabet::DoubleStruck: return {0x1D538, 0x1D552, 0x1D7D8};
        case Alphabet::Fraktur: return {0x1D504, 0x1D51E, 0};
        case Alphabet::SansSerif: return {0x1D5A0, 0x1D5BA, 0x1D7E2};
        case Alphabet::Monospace: return {0x1D670, 0x1D68A, 0x1D7F6};
        default: return {};
    }
}

// Letters that were in Unicode before the mathematical alphabets: their slots
// in those blocks are unassigned.
const std::map<std::pair<Alphabet, char>, char32_t>& alphabet_exceptions() {
    static const std::map<std::pair<Alphabet, char>, char32_t> kExceptions{
        {{Alphabet::Script, 'B'}, 0x212C},       {{Alphabet::Script, 'E'}, 0x2130},
        {{Alphabet::Script, 'F'}, 0x2131},       {{Alphabet::Script, 'H'}, 0x210B},
        {{Alphabet::Script, 'I'}, 0x2110},       {{Alphabet::Script, 'L'}, 0x2112},
        {{Alphabet::Script, 'M'}, 0x2133},       {{Alphabet::Script, 'R'}, 0x211B},
        {{Alphabet::Script, 'e'}, 0x212F},       {{Alphabet::Script, 'g'}, 0x210A},
        {{Alphabet::Script, 'o'}, 0x2134},       {{Alphabet::Fraktur, 'C'}, 0x212D},
        {{Alphabet::Fraktur, 'H'}, 0x210C},      {{Alphabet::Fraktur, 'I'}, 0x2111},
        {{Alphabet::Fraktur, 'R'}, 0x211C},      {{Alphabet::Fraktur, 'Z'}, 0x2128},
        {{Alphabet::DoubleStruck, 'C'}, 0x2102}, {{Alphabet::DoubleStruck, 'H'}, 0x210D},
        {{Alphabet::DoubleStruck, 'N'}, 0x2115}, {{Alphabet::DoubleStruck, 'P'}, 0x2119},
        {{Alphabet::DoubleStruck, 'Q'}, 0x211A}, {{Alphabet::DoubleStruck, 'R'}, 0x211D},
        {{Alphabet::DoubleStruck, 'Z'}, 0x2124},
    };
    return kExceptions;
}

// An ASCII letter or digit in `alphabet`; nullopt when it has no such character.
std::optional<char32_t> in_alphabet(Alphabet alphabet, char c) {
    if (auto it = alphabet_exceptions().find({alphabet, c}); it != alphabet_exceptions().end()) return it->second;
    AlphabetStart start = alphabet_start(alphabet);
    if (c >= 'A' && c <= 'Z' && start.upper) return start.upper + static_cast<char32_t>(c - 'A');
    if (c >= 'a' && c <= 'z' && start.lower) return start.lower + static_cast<char32_t>(c - 'a');
    if (c >= '0' && c <= '9' && start.digit) return start.digit + static_cast<char32_t>(c - '0');
    return std::nullopt;
}

const std::map<std::string_view, Alphabet>& alphabet_commands() {
    static const std::map<std::string_view, Alphabet> kCommands{
        {"mathbf", Alphabet::Bold},          {"boldsymbol", Alphabet::Bold},   {"bm", Alphabet::Bold},
        {"mathcal", Alphabet::Script},       {"mathscr", Alphabet::Script},    {"mathbb", Alphabet::DoubleStruck},
        {"mathfrak", Alphabet::Fraktur},     {"mathsf", Alphabet::SansSerif},  {"mathtt", Alphabet::Monospace},
        {"mathrm", Alphabet::Upright},       {"mathit", Alphabet::Default},    {"mathnormal", Alphabet::Default},
    };
    return kCommands;
}

// Greek letters: lower case italic (TeX's default), upper case upright.
const std::map<std::string_view, char32_t>& greek() {
    static const std::map<std::string_view, char32_t> kGreek{
        {"alpha", 0x3B1},   {"beta", 0x3B2},     {"gamma", 0x3B3},   {"delta", 0x3B4},    {"epsilon", 0x3F5},
        {"varepsilon", 0x3B5}, {"zeta", 0x3B6},  {"eta", 0x3B7},     {"theta", 0x3B8},    {"vartheta", 0x3D1},
        {"iota", 0x3B9},    {"kappa", 0x3BA},    {"lambda", 0x3BB},  {"mu", 0x3BC},       {"nu", 0x3BD},
        {"xi", 0x3BE},      {"omicron", 0x3BF},  {"pi", 0x3C0},      {"varpi", 0x3D6},    {"rho", 0x3C1},
        {"varrho", 0x3F1},  {"sigma", 0x3C3},    {"varsigma", 0x3C2}, {"tau", 0x3C4},     {"upsilon", 0x3C5},
        {"phi", 0x3D5},     {"varphi", 0x3C6},   {"chi", 0x3C7},     {"psi", 0x3C8},      {"omega", 0x3C9},
        {"Gamma", 0x393},   {"Delta", 0x394},    {"Theta", 0x398},   {"Lambda", 0x39B},   {"Xi", 0x39E},
        {"Pi", 0x3A0},      {"Sigma", 0x3A3},    {"Upsilon", 0x3A5}, {"Phi", 0x3A6},      {"Psi", 0x3A8},
        {"Omega", 0x3A9},
    };
    return kGreek;
}

// Symbols that are identifiers (ordinary atoms in TeX).
const std::map<std::string_view, char32_t>& identifiers() {
    static const std::map<std::string_view, char32_t> kIdentifiers{
        {"ell", 0x2113},   {"infty", 0x221E}, {"nabla", 0x2207},     {"partial", 0x2202}, {"hbar", 0x210F},
        {"emptyset", 0x2205}, {"varnothing", 0x2205}, {"top", 0x22A4}, {"bot", 0x22A5},   {"aleph", 0x2135},
        {"Re", 0x211C},    {"Im", 0x2111},    {"wp", 0x2118},        {"imath", 0x131},    {"jmath", 0x237},
        {"_", '_'},        {"#", '#'},        {"$", '$'},            {"%", '%'},          {"&", '&'},
    };
    return kIdentifiers;
}

// Operators, relations, arrows, delimiters, dots and big operators: <mo>.
// (The MathML operator dictionary gives each its spacing and, for \sum and
// friends, its large size.)
const std::map<std::string_view, char32_t>& operators() {
    static const std::map<std::string_view, char32_t> kOperators{
        {"cdot", 0x22C5},       {"times", 0xD7},          {"div", 0xF7},            {"pm", 0xB1},
        {"mp", 0x2213},         {"ast", 0x2217},          {"star", 0x22C6},         {"circ", 0x2218},
        {"bullet", 0x2219},     {"oplus", 0x2295},        {"ominus", 0x2296},       {"otimes", 0x2297},
        {"odot", 0x2299},       {"cup", 0x222A},          {"cap", 0x2229},          {"setminus", 0x2216},
        {"wedge", 0x2227},      {"land", 0x2227},         {"vee", 0x2228},          {"lor", 0x2228},
        {"neg", 0xAC},          {"lnot", 0xAC},           {"leq", 0x2264},          {"le", 0x2264},
        {"geq", 0x2265},        {"ge", 0x2265},           {"neq", 0x2260},          {"ne", 0x2260},
        {"approx", 0x2248},     {"sim", 0x223C},          {"simeq", 0x2243},        {"cong", 0x2245},
        {"equiv", 0x2261},      {"propto", 0x221D},       {"ll", 0x226A},           {"gg", 0x226B},
        {"lesssim", 0x2272},    {"gtrsim", 0x2273},       {"triangleq", 0x225C},    {"coloneqq", 0x2254},
        {"in", 0x2208},         {"notin", 0x2209},        {"ni", 0x220B},           {"subset", 0x2282},
        {"supset", 0x2283},     {"subseteq", 0x2286},     {"supseteq", 0x2287},     {"mid", 0x2223},
        {"parallel", 0x2225},   {"perp", 0x27C2},         {"to", 0x2192},           {"rightarrow", 0x2192},
        {"leftarrow", 0x2190},  {"gets", 0x2190},         {"leftrightarrow", 0x2194}, {"Rightarrow", 0x21D2},
        {"Leftarrow", 0x21D0},  {"Leftrightarrow", 0x21D4}, {"implies", 0x27F9},    {"iff", 0x27FA},
        {"mapsto", 0x21A6},     {"longrightarrow", 0x27F6}, {"longleftarrow", 0x27F5}, {"uparrow", 0x2191},
        {"downarrow", 0x2193},  {"forall", 0x2200},       {"exists", 0x2203},       {"ldots", 0x2026},
        {"dots", 0x2026},       {"cdots", 0x22EF},        {"vdots", 0x22EE},        {"ddots", 0x22F1},
        {"colon", ':'},         {"vert", '|'},            {"Vert", 0x2016},         {"|", 0x2016},
        {"lvert", '|'},         {"rvert", '|'},           {"lVert", 0x2016},        {"rVert", 0x2016},
        {"langle", 0x27E8},     {"rangle", 0x27E9},       {"lfloor", 0x230A},       {"rfloor", 0x230B},
        {"lceil", 0x2308},      {"rceil", 0x2309},        {"{", '{'},               {"}", '}'},
        {"backslash", '\\'},    {"prime", 0x2032},        {"sum", 0x2211},          {"prod", 0x220F},
        {"coprod", 0x2210},     {"int", 0x222B},          {"iint", 0x222C},         {"oint", 0x222E},
        {"bigcup", 0x22C3},     {"bigcap", 0x22C2},       {"bigoplus", 0x2A01},     {"bigotimes", 0x2A02},
        {"bigvee", 0x22C1},     {"bigwedge", 0x22C0},
    };
    return kOperators;
}

// Function names, set upright as TeX does (\log, \max ...).
const std::map<std::string_view, std::string_view>& functions() {
    static const std::map<std::string_view, std::string_view> kFunctions{
        {"log", "log"},     {"ln", "ln"},       {"lg", "lg"},       {"exp", "exp"},     {"sin", "sin"},
        {"cos", "cos"},     {"tan", "tan"},     {"sec", "sec"},     {"csc", "csc"},     {"cot", "cot"},
        {"sinh", "sinh"},   {"cosh", "cosh"},   {"tanh", "tanh"},   {"arcsin", "arcsin"}, {"arccos", "arccos"},
        {"arctan", "arctan"}, {"max", "max"},   {"min", "min"},     {"sup", "sup"},     {"inf", "inf"},
        {"lim", "lim"},     {"liminf", "lim inf"}, {"limsup", "lim sup"}, {"arg", "arg"}, {"det", "det"},
        {"dim", "dim"},     {"ker", "ker"},     {"deg", "deg"},     {"gcd", "gcd"},     {"hom", "hom"},
        {"Pr", "Pr"},
    };
    return kFunctions;
}

// Accents over (or, for \underline, under) their argument.
struct Accent {
    char32_t mark;
    bool under = false;
};

const std::map<std::string_view, Accent>& accents() {
    static const std::map<std::string_view, Accent> kAccents{
        {"hat", {'^'}},       {"widehat", {'^'}},      {"bar", {0xAF}},     {"overline", {0x203E}},
        {"tilde", {0x2DC}},   {"widetilde", {0x2DC}},  {"vec", {0x2192}},   {"overrightarrow", {0x2192}},
        {"dot", {0x2D9}},     {"ddot", {0xA8}},        {"check", {0x2C7}},  {"breve", {0x2D8}},
        {"acute", {0xB4}},    {"grave", {'`'}},        {"underline", {'_', true}},
    };
    return kAccents;
}

// Spacing commands and their widths.
const std::map<std::string_view, std::string_view>& spaces() {
    static const std::map<std::string_view, std::string_view> kSpaces{
        {",", "0.1667em"},  {"thinspace", "0.1667em"}, {":", "0.2222em"}, {">", "0.2222em"},
        {"medspace", "0.2222em"}, {";", "0.2778em"},  {"thickspace", "0.2778em"}, {"!", "-0.1667em"},
        {"negthinspace", "-0.1667em"}, {" ", "0.3333em"}, {"enspace", "0.5em"}, {"quad", "1em"},
        {"qquad", "2em"},
    };
    return kSpaces;
}

// \text and its relatives: the argument is text, not math.
const std::map<std::string_view, std::string_view>& text_commands() {
    static const std::map<std::string_view, std::string_view> kText{  // command -> mathvariant ("" = normal)
        {"text", ""},       {"textrm", ""},           {"textnormal", ""}, {"mbox", ""},
        {"textup", ""},     {"textbf", "bold"},       {"textit", "italic"}, {"textsl", "italic"},
        {"texttt", "monospace"}, {"textsf", "sans-serif"},
    };
    return kText;
}

// Sizes of \big( and friends (as MathJax sets them).
const std::map<std::string_view, std::string_view>& big_delimiters() {
    static const std::map<std::string_view, std::string_view> kBig{
        {"big", "1.2em"},    {"bigl", "1.2em"},    {"bigr", "1.2em"},    {"bigm", "1.2em"},
        {"Big", "1.623em"},  {"Bigl", "1.623em"},  {"Bigr", "1.623em"},  {"Bigm", "1.623em"},
        {"bigg", "2.047em"}, {"biggl", "2.047em"}, {"biggr", "2.047em"}, {"biggm", "2.047em"},
        {"Bigg", "2.470em"}, {"Biggl", "2.470em"}, {"Biggr", "2.470em"}, {"Biggm", "2.470em"},
    };
    return kBig;
}

// Commands that only change TeX's style or limit placement: nothing to draw.
bool ignored(std::string_view command) {
    return command == "displaystyle" || command == "textstyle" || command == "scriptstyle" ||
           command == "scriptscriptstyle" || command == "limits" || command == "nolimits";
}

// ---- The reader ------------------------------------------------------------------

// Thrown when the formula leaves the supported subset; caught in tex_to_mathml.
struct Unsupported {
    std::string reason;
};

std::string hex(char32_t cp) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
    return buffer;
}

class Converter {
public:
    explicit Converter(std::string_view tex) : tex_(tex) {}

    Node convert() { return parse_row(End::Input); }

private:
    static constexpr int kMaxDepth = 50;  // hostile input nests braces thousands deep

    enum class End { Input, Brace, Right, Bracket };

    struct Token {
        enum class Kind { End, Char, Command } kind = Kind::End;
        char32_t ch = 0;       // Char
        std::string command;   // Command: the name without the backslash
        std::size_t next = 0;  // position after the token
    };

    std::string_view tex_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    Alphabet alphabet_ = Alphabet::Default;

    // Depth of nested rows and arguments, bounded.
    class Nesting {
    public:
        explicit Nesting(int& depth) : depth_(depth) {
            if (++depth_ > kMaxDepth) throw Unsupported{"nested too deeply"};
        }
        ~Nesting() { --depth_; }
        Nesting(const Nesting&) = delete;
        Nesting& operator=(const Nesting&) = delete;

    private:
        int& depth_;
    };

    // The code point at `at` and its length; throws on invalid UTF-8.
    std::pair<char32_t, std::size_t> code_point_at(std::size_t at) const {
        utf8proc_int32_t cp = -1;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(tex_.data() + at),
                                  static_cast<utf8proc_ssize_t>(tex_.size() - at), &cp);
        if (n <= 0 || cp < 0) throw Unsupported{"invalid UTF-8"};
        return {static_cast<char32_t>(cp), static_cast<std::size_t>(n)};
    }

    static bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    static bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    static bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

    // The next token after white space (which math mode ignores).
    Token peek() const {
        std::size_t at = pos_;
        while (at < tex_.size() && is_space(static_cast<unsigned char>(tex_[at]))) ++at;
        Token token;
        if (at >= tex_.size()) {
            token.next = at;
            return token;
        }
        if (tex_[at] != '\\') {
            auto [cp, length] = code_point_at(at);
            token.kind = Token::Kind::Char;
            token.ch = cp;
            token.next = at + length;
            return token;
        }
        token.kind = Token::Kind::Command;
        std::size_t start = at + 1;
        if (start >= tex_.size()) throw Unsupported{"a lone backslash at the end"};
        std::size_t end = start;
        while (end < tex_.size() && is_ascii_letter(static_cast<unsigned char>(tex_[end]))) ++end;
        if (end == start) end = start + code_point_at(start).second;  // \, \{ \| ...
        token.command = std::string(tex_.substr(start, end - start));
        token.next = end;
        return token;
    }

    bool at_char(char32_t c) const {
        Token t = peek();
        return t.kind == Token::Kind::Char && t.ch == c;
    }

    // A row of atoms up to `end`, which is consumed.
    Node parse_row(End end) {
        Nesting nesting(depth_);
        std::vector<Node> items;
        for (;;) {
            Token t = peek();
            if (t.kind == Token::Kind::End) {
                if (end == End::Input) break;
                throw Unsupported{end == End::Right ? "\\left without \\right" : "a { or [ is not closed"};
            }
            if (t.kind == Token::Kind::Char && t.ch == '}') {
                if (end != End::Brace) throw Unsupported{"unbalanced }"};
                pos_ = t.next;
                break;
            }
            if (end == End::Bracket && t.kind == Token::Kind::Char && t.ch == ']') {
                pos_ = t.next;
                break;
            }
            if (t.kind == Token::Kind::Command && t.command == "right") {
                if (end != End::Right) throw Unsupported{"\\right without \\left"};
                pos_ = t.next;
                break;
            }
            items.push_back(parse_scripts(parse_atom()));
        }
        return row(std::move(items));
    }

    // One atom without its scripts.
    Node parse_atom() {
        Token t = peek();
        if (t.kind == Token::Kind::Command) {
            pos_ = t.next;
            return parse_command(t.command);
        }
        char32_t c = t.ch;
        if (c == '{') {
            pos_ = t.next;
            return parse_row(End::Brace);
        }
        // A script or prime with nothing before it applies to an empty base.
        if (c == '^' || c == '_' || c == '\'') return row({});
        std::size_t start = t.next - 1;  // an ASCII character is one byte
        if (is_digit(c) && alphabet_ == Alphabet::Default) return parse_number(start);
        if (is_ascii_letter(c) && alphabet_ == Alphabet::Upright) return parse_upright_word(start);
        pos_ = t.next;
        return character(c);
    }

    // Digits with at most one decimal point between digits: "0.0796".
    Node parse_number(std::size_t start) {
        std::size_t end = start;
        while (end < tex_.size() && is_digit(static_cast<unsigned char>(tex_[end]))) ++end;
        if (end + 1 < tex_.size() && tex_[end] == '.' && is_digit(static_cast<unsigned char>(tex_[end + 1]))) {
            ++end;
            while (end < tex_.size() && is_digit(static_cast<unsigned char>(tex_[end]))) ++end;
        }
        pos_ = end;
        return token("mn", std::string(tex_.substr(start, end - start)));
    }

    // Letters in \mathrm: one upright identifier, as "softmax" in \mathrm{softmax}.
    Node parse_upright_word(std::size_t start) {
        std::size_t end = start;
        while (end < tex_.size() && is_ascii_letter(static_cast<unsigned char>(tex_[end]))) ++end;
        pos_ = end;
        return upright_identifier(std::string(tex_.substr(start, end - start)));
    }

    static Node upright_identifier(std::string name) {
        // A one-letter <mi> is italic by default, a longer one upright.
        utf8proc_int32_t first = 0;
        if (utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                             static_cast<utf8proc_ssize_t>(name.size()), &first) ==
            static_cast<utf8proc_ssize_t>(name.size()))
            return token("mi", std::move(name), {{"mathvariant", "normal"}});
        return token("mi", std::move(name));
    }

    Node character(char32_t c) {
        if (c < 0x20 || c == 0x7F) throw Unsupported{"control character " + hex(c)};
        switch (c) {
            case '&': throw Unsupported{"alignment (&)"};
            case '#': throw Unsupported{"a macro parameter (#)"};
            case '$': throw Unsupported{"a $ inside math"};
            case '%': throw Unsupported{"a TeX comment (%)"};
            case '}': throw Unsupported{"unbalanced }"};
            case '~': return space("0.3333em");
            case '-': return token("mo", utf8(0x2212));  // the minus sign, not the hyphen
            default: break;
        }
        if (c < 0x80) {
            char ascii = static_cast<char>(c);
            if (is_digit(c)) {
                auto styled = in_alphabet(alphabet_, ascii);
                return token("mn", styled ? utf8(*styled) : std::string(1, ascii));
            }
            if (is_ascii_letter(c)) {
                if (alphabet_ == Alphabet::Upright) return upright_identifier(std::string(1, ascii));
                auto styled = in_alphabet(alphabet_, ascii);
                return token("mi", styled ? utf8(*styled) : std::string(1, ascii));
            }
            return token("mo", std::string(1, ascii));
        }
        switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
            case UTF8PROC_CATEGORY_LU:
            case UTF8PROC_CATEGORY_LL:
            case UTF8PROC_CATEGORY_LT:
            case UTF8PROC_CATEGORY_LM:
            case UTF8PROC_CATEGORY_LO: return token("mi", utf8(c));
            case UTF8PROC_CATEGORY_ND:
            case UTF8PROC_CATEGORY_NL:
            case UTF8PROC_CATEGORY_NO: return token("mn", utf8(c));
            case UTF8PROC_CATEGORY_PC:
            case UTF8PROC_CATEGORY_PD:
            case UTF8PROC_CATEGORY_PS:
            case UTF8PROC_CATEGORY_PE:
            case UTF8PROC_CATEGORY_PI:
            case UTF8PROC_CATEGORY_PF:
            case UTF8PROC_CATEGORY_PO:
            case UTF8PROC_CATEGORY_SM:
            case UTF8PROC_CATEGORY_SC:
            case UTF8PROC_CATEGORY_SK:
            case UTF8PROC_CATEGORY_SO: return token("mo", utf8(c));
            default: throw Unsupported{"character " + hex(c)};
        }
    }

    // Sub/superscripts and primes after `base`.
    Node parse_scripts(Node base) {
        std::optional<Node> sub, sup;
        std::string primes;
        for (;;) {
            Token t = peek();
            if (t.kind == Token::Kind::Command && (t.command == "limits" || t.command == "nolimits")) {
                pos_ = t.next;  // limits are placed as scripts either way
                continue;
            }
            if (t.kind != Token::Kind::Char) break;
            if (t.ch == '\'') {
                if (sup) throw Unsupported{"a prime after a superscript"};
                primes += utf8(0x2032);
            } else if (t.ch == '^') {
                if (sup) throw Unsupported{"double superscript"};
                pos_ = t.next;
                sup = parse_argument();
                continue;
            } else if (t.ch == '_') {
                if (sub) throw Unsupported{"double subscript"};
                pos_ = t.next;
                sub = parse_argument();
                continue;
            } else {
                break;
            }
            pos_ = t.next;
        }
        if (!primes.empty()) sup = sup ? row({token("mo", primes), std::move(*sup)}) : token("mo", primes);
        if (sub && sup) return element("msubsup", {std::move(base), std::move(*sub), std::move(*sup)});
        if (sub) return element("msub", {std::move(base), std::move(*sub)});
        if (sup) return element("msup", {std::move(base), std::move(*sup)});
        return base;
    }

    // An argument: a group, or a single token ("x^23" is x^{2}3), or a
    // command with its own arguments (n_\text{layers}).
    Node parse_argument() {
        Nesting nesting(depth_);
        Token t = peek();
        if (t.kind == Token::Kind::End) throw Unsupported{"a missing argument"};
        pos_ = t.next;
        if (t.kind == Token::Kind::Command) return parse_command(t.command);
        if (t.ch == '{') return parse_row(End::Brace);
        if (t.ch == '^' || t.ch == '_' || t.ch == '\'') throw Unsupported{"a missing argument"};
        return character(t.ch);
    }

    Node parse_command(const std::string& name) {
        if (auto it = greek().find(name); it != greek().end()) {
            bool upper = name[0] >= 'A' && name[0] <= 'Z';
            return upper ? token("mi", utf8(it->second), {{"mathvariant", "normal"}}) : token("mi", utf8(it->second));
        }
        if (auto it = identifiers().find(name); it != identifiers().end()) return token("mi", utf8(it->second));
        if (auto it = operators().find(name); it != operators().end()) return token("mo", utf8(it->second));
        if (auto it = functions().find(name); it != functions().end()) return token("mi", std::string(it->second));
        if (auto it = spaces().find(name); it != spaces().end()) return space(std::string(it->second));
        if (auto it = accents().find(name); it != accents().end()) {
            Node mark = token("mo", utf8(it->second.mark));
            if (it->second.under) return element("munder", {parse_argument(), std::move(mark)}, {{"accentunder", "true"}});
            return element("mover", {parse_argument(), std::move(mark)}, {{"accent", "true"}});
        }
        if (auto it = alphabet_commands().find(name); it != alphabet_commands().end()) {
            Alphabet outer = alphabet_;
            alphabet_ = it->second;
            Node argument = parse_argument();
            alphabet_ = outer;
            return argument;
        }
        if (auto it = text_commands().find(name); it != text_commands().end()) {
            std::vector<std::pair<std::string, std::string>> attributes;
            if (!it->second.empty()) attributes.emplace_back("mathvariant", it->second);
            return token("mtext", text_argument(), std::move(attributes));
        }
        if (auto it = big_delimiters().find(name); it != big_delimiters().end()) {
            std::string size(it->second);
            return token("mo", delimiter(), {{"minsize", size}, {"maxsize", size}});
        }
        if (name == "frac" || name == "dfrac" || name == "tfrac" || name == "cfrac") {
            Node numerator = parse_argument();
            return element("mfrac", {std::move(numerator), parse_argument()});
        }
        if (name == "binom" || name == "dbinom" || name == "tbinom") {
            Node top = parse_argument();
            Node fraction = element("mfrac", {std::move(top), parse_argument()}, {{"linethickness", "0"}});
            return element("mrow", {token("mo", "("), std::move(fraction), token("mo", ")")});
        }
        if (name == "sqrt") {
            if (at_char('[')) {
                pos_ = peek().next;
                Node index = parse_row(End::Bracket);
                return element("mroot", {parse_argument(), std::move(index)});
            }
            return element("msqrt", {parse_argument()});
        }
        if (name == "left") {
            std::vector<Node> items;
            if (std::string open = delimiter(); !open.empty())
                items.push_back(token("mo", open, {{"fence", "true"}, {"stretchy", "true"}}));
            items.push_back(parse_row(End::Right));
            if (std::string close = delimiter(); !close.empty())
                items.push_back(token("mo", close, {{"fence", "true"}, {"stretchy", "true"}}));
            return element("mrow", std::move(items));
        }
        if (name == "operatorname") {
            if (at_char('*')) pos_ = peek().next;
            return upright_identifier(text_argument());
        }
        if (name == "overset" || name == "stackrel" || name == "underset") {
            Node script = parse_argument();
            Node base = parse_argument();
            return element(name == "underset" ? "munder" : "mover", {std::move(base), std::move(script)});
        }
        if (ignored(name)) return row({});
        throw Unsupported{"unknown command \\" + name};
    }

    // A delimiter after \left, \right or \bigl: its character, "" for ".".
    std::string delimiter() {
        Token t = peek();
        pos_ = t.next;
        if (t.kind == Token::Kind::Char) {
            switch (t.ch) {
                case '.': return "";
                case '(': case ')': case '[': case ']': case '|': case '/': return utf8(t.ch);
                case '<': return utf8(0x27E8);
                case '>': return utf8(0x27E9);
                default: break;
            }
        } else if (t.kind == Token::Kind::Command) {
            static const std::vector<std::string_view> kDelimiters{
                "{", "}", "|", "langle", "rangle", "lvert", "rvert", "lVert", "rVert", "vert", "Vert",
                "lfloor", "rfloor", "lceil", "rceil", "backslash", "uparrow", "downarrow"};
            for (auto d : kDelimiters)
                if (t.command == d) return utf8(operators().at(d));
        }
        throw Unsupported{"a missing or unknown delimiter"};
    }

    // The argument of \text and \operatorname, read as text: white space
    // kept (as one space; no-break at the ends, where MathML would trim it),
    // escaped specials unescaped, nested braces dropped.
    std::string text_argument() {
        Token t = peek();
        if (t.kind == Token::Kind::End) throw Unsupported{"a missing argument"};
        pos_ = t.next;
        if (t.kind == Token::Kind::Command) throw Unsupported{"\\" + t.command + " as a text argument"};
        if (t.ch != '{') return utf8(t.ch);
        std::string out;
        int braces = 1;
        bool pending_space = false;
        auto add = [&](std::string_view piece) {
            if (pending_space) out += out.empty() ? utf8(0xA0) : " ";
            pending_space = false;
            out += piece;
        };
        while (pos_ < tex_.size()) {
            auto [c, length] = code_point_at(pos_);
            pos_ += length;
            if (is_space(c)) {
                pending_space = true;
            } else if (c == '{') {
                ++braces;
            } else if (c == '}') {
                if (--braces == 0) {
                    if (pending_space) out += utf8(0xA0);
                    return out;
                }
            } else if (c == '\\') {
                if (pos_ >= tex_.size()) break;
                auto [escaped, escaped_length] = code_point_at(pos_);
                static const std::u32string_view kEscapable = U"_%&#${} ";
                if (kEscapable.find(escaped) == std::u32string_view::npos)
                    throw Unsupported{"a command inside \\text"};
                pos_ += escaped_length;
                add(utf8(escaped));
            } else if (c == '$') {
                throw Unsupported{"math inside \\text"};
            } else if (c < 0x20 || c == 0x7F) {
                throw Unsupported{"control character " + hex(c)};
            } else {
                add(utf8(c));
            }
        }
        throw Unsupported{"a { is not closed"};
    }
};

}  // namespace

MathConversion tex_to_mathml(std::string_view tex) {
    MathConversion result;
    try {
        Node tree = Converter(tex).convert();
        print(tree, result.presentation);
    } catch (const Unsupported& unsupported) {
        result.presentation.clear();
        result.error = unsupported.reason;
    }
    return result;
}

}  // namespace glossc::epub_backend
