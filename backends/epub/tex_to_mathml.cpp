// TeX math to Presentation MathML: a walk of the math layer's tree
// (math/tree.hpp) that builds a small MathML tree and prints it. What each
// command draws is in the layer's table (math/commands.hpp: the character,
// the space width, the text variant); which rows MathML renders is its
// kMathml flag.
#include "epub/tex_to_mathml.hpp"

#include <optional>
#include <utility>
#include <vector>

#include <utf8proc.h>

#include "math/tree.hpp"
#include "text/escape.hpp"
#include "text/utf8.hpp"

namespace glossc::epub_backend {

namespace {

using math::Alphabet;
using math::Node;
using math::Role;

// ---- The MathML tree ---------------------------------------------------------

struct Element {
    std::string tag;   // mi, mn, mo, mtext, mspace, mrow, msub, mfrac, ...
    std::string text;  // content of token elements
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<Element> children;
};

using Attributes = std::vector<std::pair<std::string, std::string>>;

Element token(std::string tag, std::string text, Attributes attributes = {}) {
    return Element{std::move(tag), std::move(text), std::move(attributes), {}};
}

Element element(std::string tag, std::vector<Element> children, Attributes attributes = {}) {
    return Element{std::move(tag), {}, std::move(attributes), std::move(children)};
}

// A row; a row of one is that one element (every script, fraction part and
// the <semantics> child must be exactly one element, which either is).
Element row(std::vector<Element> children) {
    if (children.size() == 1) return std::move(children.front());
    return element("mrow", std::move(children));
}

Element space(std::string width) { return token("mspace", {}, {{"width", std::move(width)}}); }

void print(const Element& node, std::string& out) {
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

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// A one-letter <mi> is italic by default, a longer one upright.
Element upright_identifier(std::string name) {
    if (math::code_point_at(name, 0).length == name.size())
        return token("mi", std::move(name), {{"mathvariant", "normal"}});
    return token("mi", std::move(name));
}

// Thrown when the formula leaves what MathML renders; caught in tex_to_mathml.
struct Unsupported {
    std::string reason;
};

class Converter {
public:
    Element convert(const Node& formula) { return group(formula); }

private:
    static constexpr int kMaxDepth = 50;  // rows and arguments, as the parser counts them

    int depth_ = 0;
    Alphabet alphabet_ = Alphabet::Default;

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

    static bool renders(const Node& node) { return node.info && (node.info->flags & math::kMathml); }

    // A row. Digits with at most one decimal point between digits are one
    // number ("0.0796"), letters in \mathrm one upright word ("softmax"),
    // when they are written together; scripts go on the whole run.
    Element group(const Node& node) {
        Nesting nesting(depth_);
        const auto& items = node.children;
        std::vector<Element> out;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Node& first = items[i].nucleus();
            bool number = alphabet_ == Alphabet::Default && first.kind == Node::Kind::Char && is_digit(first.code);
            bool word = alphabet_ == Alphabet::Upright && first.kind == Node::Kind::Char && is_ascii_letter(first.code);
            if (!number && !word) {
                out.push_back(item(items[i]));
                continue;
            }
            auto takes = [&](std::size_t j, bool (*accept)(char32_t)) {
                return j < items.size() && items[j - 1].kind == Node::Kind::Char &&
                       items[j].nucleus().kind == Node::Kind::Char && accept(items[j].nucleus().code) &&
                       items[j].begin == items[j - 1].end;
            };
            auto accept = number ? is_digit : is_ascii_letter;
            std::string run = utf8(first.code);
            std::size_t j = i;
            while (takes(j + 1, accept)) run += utf8(items[++j].nucleus().code);
            if (number && takes(j + 1, [](char32_t c) { return c == '.'; }) &&
                items[j + 1].kind == Node::Kind::Char && takes(j + 2, is_digit)) {
                run += '.';
                ++j;
                while (takes(j + 1, is_digit)) run += utf8(items[++j].nucleus().code);
            }
            Element base = number ? token("mn", run) : upright_identifier(run);
            out.push_back(items[j].kind == Node::Kind::Scripts ? scripts(items[j], std::move(base)) : std::move(base));
            i = j;
        }
        return row(std::move(out));
    }

    Element item(const Node& node) {
        if (node.kind != Node::Kind::Scripts) return atom(node);
        return scripts(node, node.base().kind == Node::Kind::None ? row({}) : atom(node.base()));
    }

    Element scripts(const Node& node, Element base) {
        std::optional<Element> sub, sup;
        if (node.sub().kind != Node::Kind::None) sub = argument(node.sub());
        if (node.sup().kind != Node::Kind::None) sup = argument(node.sup());
        if (node.primes > 0) {
            std::string primes;
            for (std::uint32_t i = 0; i < node.primes; ++i) primes += utf8(0x2032);
            sup = sup ? row({token("mo", primes), std::move(*sup)}) : token("mo", primes);
        }
        if (sub && sup) return element("msubsup", {std::move(base), std::move(*sub), std::move(*sup)});
        if (sub) return element("msub", {std::move(base), std::move(*sub)});
        if (sup) return element("msup", {std::move(base), std::move(*sup)});
        return base;
    }

    // An argument: a group, a single character, or a command with its own arguments.
    Element argument(const Node& node) {
        Nesting nesting(depth_);
        return atom(node);
    }

    Element atom(const Node& node) {
        switch (node.kind) {
            case Node::Kind::Group: return group(node);
            case Node::Kind::Char: return character(node.code);
            case Node::Kind::Command: return command(node);
            case Node::Kind::Text: return text_command(node);
            case Node::Kind::Apply: return structure(node);
            default: return row({});
        }
    }

    Element character(char32_t c) {
        if (c == '~') return space("0.3333em");
        if (c == '-') return token("mo", utf8(0x2212));  // the minus sign, not the hyphen
        if (c < 0x80) {
            char ascii = static_cast<char>(c);
            if (is_digit(c)) {
                auto styled = math::in_alphabet(alphabet_, ascii);
                return token("mn", styled ? utf8(*styled) : std::string(1, ascii));
            }
            if (is_ascii_letter(c)) {
                if (alphabet_ == Alphabet::Upright) return upright_identifier(std::string(1, ascii));
                auto styled = math::in_alphabet(alphabet_, ascii);
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
            default: throw Unsupported{"character " + math::code_point_name(c)};
        }
    }

    // Symbols, function names, spaces and style changes.
    Element command(const Node& node) {
        if (!renders(node)) throw Unsupported{"unknown command \\" + node.name};
        const auto& info = *node.info;
        switch (info.role) {
            case Role::Identifier:
                if (info.flags & math::kUpright) return token("mi", utf8(info.code), {{"mathvariant", "normal"}});
                return token("mi", utf8(info.code));
            case Role::Operator: return token("mo", utf8(info.code));
            case Role::Function: return token("mi", std::string(info.detail));
            case Role::Space: return space(std::string(info.detail));
            default: return row({});  // style and limit placement: nothing to draw
        }
    }

    Element structure(const Node& node) {
        if (!renders(node)) throw Unsupported{"unknown command \\" + node.name};
        const auto& info = *node.info;
        const auto& args = node.children;
        switch (info.role) {
            case Role::Accent: {
                Element base = argument(args[0]);
                Element mark = token("mo", utf8(info.code));
                if (info.flags & math::kUnder)
                    return element("munder", {std::move(base), std::move(mark)}, {{"accentunder", "true"}});
                return element("mover", {std::move(base), std::move(mark)}, {{"accent", "true"}});
            }
            case Role::Font: {
                Alphabet outer = alphabet_;
                alphabet_ = info.alphabet;
                Element styled = argument(args[0]);
                alphabet_ = outer;
                return styled;
            }
            case Role::Fraction: {
                Element numerator = argument(args[0]);
                return element("mfrac", {std::move(numerator), argument(args[1])});
            }
            case Role::Binomial: {
                Element top = argument(args[0]);
                Element fraction = element("mfrac", {std::move(top), argument(args[1])}, {{"linethickness", "0"}});
                return element("mrow", {token("mo", "("), std::move(fraction), token("mo", ")")});
            }
            case Role::Stack: {
                Element script = argument(args[0]);
                Element base = argument(args[1]);
                return element(info.flags & math::kUnder ? "munder" : "mover", {std::move(base), std::move(script)});
            }
            case Role::Root:
                if (args.size() == 2) {
                    Element index = group(args[1]);
                    return element("mroot", {argument(args[0]), std::move(index)});
                }
                return element("msqrt", {argument(args[0])});
            case Role::Left: {
                std::vector<Element> items;
                Attributes fence{{"fence", "true"}, {"stretchy", "true"}};
                if (std::string open = delimiter(args[0]); !open.empty()) items.push_back(token("mo", open, fence));
                items.push_back(group(args[1]));
                if (std::string close = delimiter(args[2]); !close.empty()) items.push_back(token("mo", close, fence));
                return element("mrow", std::move(items));
            }
            case Role::Big: {
                std::string size(info.detail);
                return token("mo", delimiter(args[0]), {{"minsize", size}, {"maxsize", size}});
            }
            default: throw Unsupported{"unknown command \\" + node.name};
        }
    }

    // A delimiter after \left, \right or \bigl: its character, "" for ".".
    static std::string delimiter(const Node& node) {
        if (node.kind == Node::Kind::Char) {
            switch (node.code) {
                case '.': return "";
                case '(': case ')': case '[': case ']': case '|': case '/': return utf8(node.code);
                case '<': return utf8(0x27E8);
                case '>': return utf8(0x27E9);
                default: break;
            }
        } else if (renders(node) && (node.info->flags & math::kDelimiter)) {
            return utf8(node.info->code);
        }
        throw Unsupported{"a missing or unknown delimiter"};
    }

    // \text and its relatives (<mtext>), \operatorname (an upright identifier).
    Element text_command(const Node& node) {
        if (!renders(node)) throw Unsupported{"unknown command \\" + node.name};
        std::string content = node.braced ? text_content(node.text) : node.text;
        if (node.info->role == Role::OperatorName) return upright_identifier(std::move(content));
        Attributes attributes;
        if (!node.info->detail.empty()) attributes.emplace_back("mathvariant", node.info->detail);
        return token("mtext", std::move(content), std::move(attributes));
    }

    // A braced text argument: white space kept (as one space; no-break at
    // the ends, where MathML would trim it), escaped specials unescaped,
    // nested braces dropped.
    static std::string text_content(std::string_view text) {
        std::string out;
        bool pending_space = false;
        auto add = [&](std::string_view piece) {
            if (pending_space) out += out.empty() ? utf8(0xA0) : " ";
            pending_space = false;
            out += piece;
        };
        std::size_t at = 0;
        auto next = [&]() {
            auto cp = math::code_point_at(text, at);  // the parser checked the UTF-8
            at += cp.length;
            return cp.code;
        };
        while (at < text.size()) {
            char32_t c = next();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pending_space = true;
            } else if (c == '{' || c == '}') {
                // grouping only
            } else if (c == '\\') {
                char32_t escaped = next();
                static const std::u32string_view kEscapable = U"_%&#${} ";
                if (kEscapable.find(escaped) == std::u32string_view::npos) throw Unsupported{"a command inside \\text"};
                add(utf8(escaped));
            } else if (c == '$') {
                throw Unsupported{"math inside \\text"};
            } else if (c < 0x20 || c == 0x7F) {
                throw Unsupported{"control character " + math::code_point_name(c)};
            } else {
                add(utf8(c));
            }
        }
        if (pending_space) out += utf8(0xA0);
        return out;
    }
};

}  // namespace

MathConversion tex_to_mathml(std::string_view tex) {
    MathConversion result;
    math::Parsed parsed = math::parse(tex);
    if (!parsed.ok()) {
        result.error = parsed.error;
        return result;
    }
    try {
        Element tree = Converter().convert(parsed.formula);
        print(tree, result.presentation);
    } catch (const Unsupported& unsupported) {
        result.presentation.clear();
        result.error = unsupported.reason;
    }
    return result;
}

}  // namespace glossc::epub_backend
