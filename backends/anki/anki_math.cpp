// The MathJax walker (anki_math.hpp).
#include "anki/anki_math.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

#include "math/tree.hpp"

namespace glossc::anki_backend {

namespace {

using math::Node;
using math::Role;

// Commands that reach outside the formula (links, styling hooks, loading,
// definitions). MathJax knows them, which is why they are named here: the
// reason says what they are.
constexpr std::string_view kActive[] = {
    "href", "url", "class", "cssId", "style", "require", "unicode", "def", "gdef", "edef", "xdef", "let",
    "futurelet", "newcommand", "renewcommand", "providecommand", "newenvironment", "renewenvironment",
    "DeclareMathOperator", "Newextarrow", "bbox", "mmlToken", "texttip", "mathtip", "toggle"};

bool is_active(std::string_view name) {
    return name.starts_with("html") || name.starts_with("data") ||
           std::find(std::begin(kActive), std::end(kActive), name) != std::end(kActive);
}

// What MathJax shows of a text escape: \$ \{ \} stay escapes, the others
// print their backslash in MathJax's literal text, so they lose it.
constexpr std::string_view kKeptEscapes = "${}";
constexpr std::string_view kDroppedEscapes = "_%&# ";

class Walker {
public:
    explicit Walker(std::string_view source) : source_(source) {}

    MathJaxFormula run() {
        math::Parsed parsed = math::parse(source_);
        if (!parsed.ok())
            return {false, {}, parsed.error + " (at byte " + std::to_string(parsed.error_offset) + ")"};
        if (!group(parsed.formula)) return {false, {}, reason_};
        return {true, math::splice(source_, std::move(edits_)), {}};
    }

private:
    bool fail(std::string reason) {
        reason_ = std::move(reason);
        return false;
    }

    bool refuse(const Node& node) {
        if (is_active(node.name)) return fail("\\" + node.name + " is active content (links, styles, macros)");
        return fail("\\" + node.name + " is not a command MathJax renders here");
    }

    static bool renders(const Node& node) { return node.info && (node.info->flags & math::kMathJax); }

    bool group(const Node& node) {
        return std::all_of(node.children.begin(), node.children.end(), [this](const Node& n) { return item(n); });
    }

    bool item(const Node& node) {
        if (node.kind != Node::Kind::Scripts) return atom(node);
        // TeX's prime is a superscript: a second run of them is a double one.
        if (node.prime_runs > 1) return fail("primes in two places (a double superscript)");
        const Node& base = node.base();
        if (node.limits && !(base.kind == Node::Kind::Command && base.info &&
                             (base.info->role == Role::Operator || base.info->role == Role::Function)))
            return fail("\\limits is allowed only on an operator");
        for (const Node* part : {&base, &node.sub(), &node.sup()})
            if (part->kind != Node::Kind::None && !atom(*part)) return false;
        return true;
    }

    bool atom(const Node& node) {
        switch (node.kind) {
            case Node::Kind::Group: return group(node);
            case Node::Kind::Char:
                return !math::is_invisible(node.code) ||
                       fail("the character " + math::code_point_name(node.code) + " cannot be shown");
            case Node::Kind::Command:
                if (!renders(node)) return refuse(node);
                if (node.info->role == Role::Style && node.name.ends_with("limits"))
                    return fail("\\" + node.name + " is allowed only on an operator");
                return true;
            case Node::Kind::Text: return text(node);
            case Node::Kind::Apply: return structure(node);
            default: return true;
        }
    }

    bool structure(const Node& node) {
        if (!renders(node)) return refuse(node);
        switch (node.info->role) {
            case Role::Left: return delimiter(node.children[0]) && group(node.children[1]) && delimiter(node.children[2]);
            case Role::Big: return delimiter(node.children[0]);
            default:
                return std::all_of(node.children.begin(), node.children.end(), [this](const Node& n) { return atom(n); });
        }
    }

    bool delimiter(const Node& node) {
        constexpr std::string_view kCharacters = "()[]|/.<>";
        if (node.kind == Node::Kind::Char && node.code < 0x80 &&
            kCharacters.find(static_cast<char>(node.code)) != std::string_view::npos)
            return true;
        if (node.kind == Node::Kind::Command && renders(node) && (node.info->flags & math::kDelimiter)) return true;
        return fail("not a delimiter after \\left, \\right or \\big");
    }

    // \text{...}: literal text in MathJax 3. \operatorname{...}: upright
    // math, where \, and \_ are what they are in math.
    bool text(const Node& node) {
        if (!renders(node)) return refuse(node);
        bool operator_name = node.info->role == Role::OperatorName;
        if (!node.braced) {
            char32_t c = static_cast<unsigned char>(node.text[0]);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
            return fail("\\" + node.name + " needs braces around its argument");
        }
        std::string_view text = node.text;
        for (std::size_t i = 0; i < text.size();) {
            auto [c, n] = math::code_point_at(text, i);
            if (c == '$') return fail("math inside \\" + node.name);
            if (math::is_invisible(c) && c != '\t' && c != '\n' && c != '\r')
                return fail("the character " + math::code_point_name(c) + " cannot be shown");
            if (c == '\\') {
                char escaped = i + 1 < text.size() ? text[i + 1] : '\0';
                std::size_t at = node.text_begin + i;
                if (operator_name ? escaped != ',' && escaped != '_' && escaped != ' '
                                  : kKeptEscapes.find(escaped) == std::string_view::npos &&
                                        kDroppedEscapes.find(escaped) == std::string_view::npos)
                    return fail("a command inside \\" + node.name);
                if (!operator_name && kDroppedEscapes.find(escaped) != std::string_view::npos)
                    edits_.push_back({at, at + 2, std::string(1, escaped)});
                n = 2;
            }
            i += n;
        }
        return true;
    }

    std::string_view source_;
    std::vector<math::Splice> edits_;
    std::string reason_;
};

}  // namespace

MathJaxFormula mathjax_formula(std::string_view tex) { return Walker(tex).run(); }

}  // namespace glossc::anki_backend
