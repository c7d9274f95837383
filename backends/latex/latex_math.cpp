// The math allow-list (latex_math.hpp): a walk of the math layer's tree
// (math/tree.hpp) against a grammar that LuaLaTeX with amsmath and
// unicode-math typesets without an error. Which commands are allowed is in
// the layer's table (kLatex and its companions in math/commands.hpp); the
// shapes they may take are here.
#include "latex/latex_math.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

#include <utf8proc.h>

#include "math/tree.hpp"

namespace glossc::latex_backend::math {

namespace {

using glossc::math::CommandInfo;
using glossc::math::Node;
using glossc::math::Role;
namespace m = glossc::math;

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
    if (m::is_invisible(cp)) return CharUse::Rejected;
    // Primes are superscripts in unicode-math: never raw.
    if ((cp >= 0x2032 && cp <= 0x2037) || cp == 0x2057) return CharUse::Wrapped;
    // What unicode-math gives a math code: math symbols, Greek, letter-like
    // symbols and the math alphabets. Anything else (even "é") would be
    // looked up in a legacy TeX font.
    bool mathy = utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_SM ||
                 (cp >= 0x391 && cp <= 0x3F5) || (cp >= 0x2100 && cp <= 0x214F) || (cp >= 0x1D400 && cp <= 0x1D7FF);
    return mathy && in_math_font(cp) ? CharUse::Raw : CharUse::Wrapped;
}

bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool one_of(std::string_view set, char32_t c) { return c < 0x80 && set.find(static_cast<char>(c)) != std::string_view::npos; }

constexpr std::string_view kAtomPunctuation = "+-*=<>|/.,;:!?()[]";
constexpr std::string_view kArgPunctuation = "+-*=<>|/.,;:!?";

bool has(const CommandInfo* info, std::uint16_t flag) { return info && (info->flags & flag); }

class Checker {
public:
    explicit Checker(std::string_view s) : s_(s) {}

    Checked run() {
        bool ok = controls_free() && parsed() && list(formula_);
        if (ok) return {true, m::splice(s_, std::move(wraps_)), {}};
        return {false, {}, reason_.empty() ? "not a formula the LaTeX edition can typeset" : reason_};
    }

private:
    // TeX allows 255 nested groups; formulas need a few.
    static constexpr int kMaxDepth = 40;

    bool fail(std::string reason) {
        if (reason_.empty()) reason_ = std::move(reason);
        return false;
    }
    static std::string quoted(char32_t c) {
        std::string out = "'";
        out += static_cast<char>(c);
        return out + "'";
    }
    static std::string not_allowed(const Node& command) {
        return "\\" + command.name + " is not in the math allow-list";
    }

    // Tabs, line breaks and other controls are never part of a typeset formula.
    bool controls_free() {
        for (char c : s_)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                return fail(quoted(static_cast<unsigned char>(c)) + " is not allowed in math");
        return true;
    }

    bool parsed() {
        auto parsed = m::parse(s_);
        if (!parsed.ok()) return fail(parsed.error);
        formula_ = std::move(parsed.formula);
        return true;
    }

    bool enter() { return ++depth_ <= kMaxDepth || fail("groups nested too deeply"); }

    bool list(const Node& row) {
        for (const auto& item : row.children)
            if (!this->item(item)) return false;
        return true;
    }

    // An atom (or nothing) with its scripts; ' (primes) count as the superscript.
    bool item(const Node& node) {
        if (node.kind != Node::Kind::Scripts) return atom(node);
        if (node.limits) return fail("\\limits is not in the math allow-list");
        if (node.primes > 0 && node.sup().kind != Node::Kind::None)
            return fail("a superscript after a prime (double superscript)");
        if (node.prime_runs > 1) return fail("a prime after a superscript (double superscript)");
        if (node.base().kind != Node::Kind::None && !atom(node.base())) return false;
        for (const Node* script : {&node.sub(), &node.sup()})
            if (script->kind != Node::Kind::None && !argument(*script, true)) return false;
        return true;
    }

    bool group(const Node& node) {
        if (!enter() || !list(node)) return false;
        --depth_;
        return true;
    }

    // One non-ASCII character in math. Wrapped in \gcmtext unless the math
    // font has it; `unbraced`: it is the argument of a command, where a
    // \gcmtext{} would not be one argument.
    bool non_ascii(const Node& node, bool unbraced) {
        auto use = classify(node.code);
        if (use == CharUse::Rejected) return fail("the character " + m::code_point_name(node.code) + " cannot be printed");
        if (use == CharUse::Raw) return true;
        if (unbraced) return fail("the character " + m::code_point_name(node.code) + " as an argument needs braces around it");
        std::string bytes(s_.substr(node.begin, node.end - node.begin));
        wraps_.push_back({node.begin, node.end, "\\gcmtext{" + bytes + "}"});
        return true;
    }

    bool atom(const Node& node) {
        switch (node.kind) {
            case Node::Kind::Group: return group(node);
            case Node::Kind::Char:
                if (is_letter(node.code) || is_digit(node.code) || one_of(kAtomPunctuation, node.code)) return true;
                if (node.code >= 0x80) return non_ascii(node, false);
                return fail(quoted(node.code) + " is not allowed in math");
            case Node::Kind::Command: return has(node.info, m::kLatex) || fail(not_allowed(node));
            case Node::Kind::Text: return text_command(node);
            case Node::Kind::Apply: return structure(node);
            default: return fail("not a formula the LaTeX edition can typeset");
        }
    }

    // The argument of a script (`script`), a fraction, a root or an accent.
    // A script is read after expansion, so it may also be \text{...} or
    // \mathrm{...}; a command's argument is one token or a group.
    bool argument(const Node& node, bool script) {
        switch (node.kind) {
            case Node::Kind::Group: return group(node);
            case Node::Kind::Char:
                if (is_letter(node.code) || is_digit(node.code) || one_of(kArgPunctuation, node.code)) return true;
                if (node.code >= 0x80) return non_ascii(node, !script);
                return fail(quoted(node.code) + " as an argument");
            case Node::Kind::Command:
                if (has(node.info, m::kLatexArgument)) return true;
                break;
            case Node::Kind::Text:
            case Node::Kind::Apply:
                if (script && has(node.info, m::kLatexScript)) return atom(node);
                break;
            default: break;
        }
        return fail("\\" + node.name + " as an argument needs braces around it");
    }

    // Commands with arguments.
    bool structure(const Node& node) {
        if (!has(node.info, m::kLatex)) return fail(not_allowed(node));
        const auto& args = node.children;
        switch (node.info->role) {
            case Role::Fraction:
            case Role::Binomial: return argument(args[0], false) && argument(args[1], false);
            case Role::Accent: return argument(args[0], false);
            case Role::Root:
                if (args.size() == 2) {
                    for (const auto& item : args[1].children)
                        if (item.nucleus().is_char('['))
                            return fail("a bracket inside the optional argument of \\sqrt");
                    if (!group(args[1])) return false;
                }
                return argument(args[0], false);
            case Role::Font: {
                const Node& arg = args[0];
                if (arg.kind == Node::Kind::Group)
                    return letters(node, s_.substr(arg.begin + 1, arg.end - arg.begin - 2));
                if (arg.kind == Node::Kind::Char && is_letter(arg.code) && letter_allowed(node.info, arg.code))
                    return true;
                return fail("\\" + node.name + " needs a braced argument of letters");
            }
            case Role::Left:
                if (!enter() || !delimiter(args[0], true) || !list(args[1])) return false;
                --depth_;
                return delimiter(args[2], true);
            case Role::Big: return delimiter(args[0], false);
            default: return fail(not_allowed(node));
        }
    }

    // What an alphabet's argument may hold: capitals (and, unless it is a
    // capitals-only alphabet, small letters and digits) and spaces; the
    // word alphabets also - . , / \, \_.
    static bool letter_allowed(const CommandInfo* info, char32_t ch) {
        if (ch >= 'A' && ch <= 'Z') return true;
        if (info->flags & m::kLatexCapitals) return ch == ' ';
        bool words = info->flags & m::kLatexWords;
        return (ch >= 'a' && ch <= 'z') || is_digit(ch) || ch == ' ' || (words && one_of("-.,/", ch));
    }

    bool letters(const Node& command, std::string_view inside) {
        bool words = command.info->flags & m::kLatexWords;
        for (std::size_t i = 0; i < inside.size(); ++i) {
            char ch = inside[i];
            if (ch == '\\' && words && i + 1 < inside.size() && (inside[i + 1] == ',' || inside[i + 1] == '_')) {
                ++i;
                continue;
            }
            if (!letter_allowed(command.info, static_cast<unsigned char>(ch)))
                return fail("\\" + command.name + " of something other than letters");
        }
        return true;
    }

    // \text and friends: braced, in text mode, so only characters that
    // print as themselves, the escapes \_ \% \# \& \$ \{ \} and nested
    // braces; \operatorname is a word alphabet.
    bool text_command(const Node& node) {
        if (!has(node.info, m::kLatex)) return fail(not_allowed(node));
        if (node.info->role == Role::OperatorName) {
            if (node.star) return fail("\\operatorname needs a braced argument of letters");
            if (node.braced) return letters(node, node.text);
            char32_t ch = static_cast<unsigned char>(node.text[0]);
            if (is_letter(ch) && letter_allowed(node.info, ch)) return true;
            return fail("\\operatorname needs a braced argument of letters");
        }
        if (!node.braced) return fail("\\" + node.name + " without a braced argument");
        int depth = 1;
        std::string_view text = node.text;
        for (std::size_t i = 0; i < text.size(); ++i) {
            unsigned char ch = static_cast<unsigned char>(text[i]);
            if (ch == '{') {
                if (++depth > kMaxDepth) return fail("groups nested too deeply");
            } else if (ch == '}') {
                --depth;
            } else if (ch == '\\') {
                if (i + 1 >= text.size() || !one_of("_%#&${}", static_cast<unsigned char>(text[i + 1])))
                    return fail("a command is not allowed in \\text");
                ++i;
            } else if (ch >= 0x80) {
                auto cp = m::code_point_at(text, i);
                if (classify(cp.code) == CharUse::Rejected)
                    return fail("the character " + m::code_point_name(cp.code) + " cannot be printed");
                i += cp.length - 1;
            } else if (one_of("$&#^_%~", ch)) {
                return fail(quoted(ch) + " is not allowed in \\text");
            }
        }
        return true;
    }

    bool delimiter(const Node& node, bool allow_null) {
        if (node.kind == Node::Kind::Char && (one_of("()[]|/", node.code) || (allow_null && node.code == '.')))
            return true;
        if (node.kind == Node::Kind::Command && has(node.info, m::kDelimiter) && has(node.info, m::kLatex)) return true;
        return fail("not a delimiter after \\left, \\right or \\big");
    }

    std::string_view s_;
    Node formula_;
    int depth_ = 0;
    std::vector<m::Splice> wraps_;
    std::string reason_;
};

std::vector<std::string_view> collect_words() {
    std::vector<std::string_view> out;
    for (const auto& command : m::all_commands())
        if ((command.flags & m::kLatex) && is_letter(static_cast<unsigned char>(command.name[0])))
            out.push_back(command.name);
    std::sort(out.begin(), out.end());
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
