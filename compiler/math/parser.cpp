// The TeX math parser (tree.hpp): recursive descent over tokens. A formula
// is a row of items; an item is an atom (a character, a group {...} or a
// command with its arguments) followed by its scripts; an argument is a
// group or a single token (a command with its own arguments).
#include <algorithm>
#include <cstdio>
#include <utility>

#include <utf8proc.h>

#include "math/tree.hpp"

namespace glossc::math {

namespace {

// Thrown where the formula cannot parse; caught in parse().
struct Failure {
    std::size_t offset;
    std::string message;
};

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class Parser {
public:
    explicit Parser(std::string_view tex) : tex_(tex) {}

    Node formula() { return parse_row(End::Input, 0); }

private:
    enum class End { Input, Brace, Right, Bracket };

    struct Token {
        enum class Kind { End, Char, Command } kind = Kind::End;
        char32_t ch = 0;        // Char
        std::string command;    // Command: the name without the backslash
        std::size_t begin = 0;  // where the token starts (after white space)
        std::size_t next = 0;   // position after it
    };

    std::string_view tex_;
    std::size_t pos_ = 0;
    int depth_ = 0;

    [[noreturn]] static void fail(std::size_t offset, std::string message) {
        throw Failure{offset, std::move(message)};
    }

    // Depth of nested rows and arguments, bounded.
    class Nesting {
    public:
        Nesting(int& depth, std::size_t at) : depth_(depth) {
            if (++depth_ > kMaxParseDepth) fail(at, "nested too deeply");
        }
        ~Nesting() { --depth_; }
        Nesting(const Nesting&) = delete;
        Nesting& operator=(const Nesting&) = delete;

    private:
        int& depth_;
    };

    std::pair<char32_t, std::size_t> code_point_at(std::size_t at) const {
        CodePoint cp = math::code_point_at(tex_, at);
        if (cp.length == 0) fail(at, "invalid UTF-8");
        return {cp.code, cp.length};
    }

    // The next token after white space (which math mode ignores).
    Token peek() const {
        std::size_t at = pos_;
        while (at < tex_.size() && is_space(static_cast<unsigned char>(tex_[at]))) ++at;
        Token token;
        token.begin = token.next = at;
        if (at >= tex_.size()) return token;
        if (tex_[at] != '\\') {
            auto [cp, length] = code_point_at(at);
            token.kind = Token::Kind::Char;
            token.ch = cp;
            token.next = at + length;
            return token;
        }
        token.kind = Token::Kind::Command;
        std::size_t start = at + 1;
        if (start >= tex_.size()) fail(at, "a lone backslash at the end");
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

    static Node leaf(Node::Kind kind, const Token& t) {
        Node node;
        node.kind = kind;
        node.begin = t.begin;
        node.end = t.next;
        node.code = t.ch;
        if (kind == Node::Kind::Command) {
            node.name = t.command;
            node.info = find_command(t.command);
        }
        return node;
    }

    // A row of items up to `end`, which is consumed; `begin`: where the row
    // starts in the source (its opening brace).
    Node parse_row(End end, std::size_t begin) {
        Nesting nesting(depth_, begin);
        Node row;
        row.kind = Node::Kind::Group;
        row.begin = begin;
        for (;;) {
            Token t = peek();
            if (t.kind == Token::Kind::End) {
                if (end == End::Input) {
                    pos_ = tex_.size();
                    break;
                }
                fail(t.begin, end == End::Right ? "\\left without \\right" : "a { or [ is not closed");
            }
            if (t.kind == Token::Kind::Char && t.ch == '}') {
                if (end != End::Brace) fail(t.begin, "unbalanced }");
                pos_ = t.next;
                break;
            }
            if (end == End::Bracket && t.kind == Token::Kind::Char && t.ch == ']') {
                pos_ = t.next;
                break;
            }
            if (t.kind == Token::Kind::Command && t.command == "right") {
                if (end != End::Right) fail(t.begin, "\\right without \\left");
                pos_ = t.next;
                break;
            }
            row.children.push_back(parse_scripts(parse_atom()));
        }
        row.end = pos_;
        return row;
    }

    // One atom without its scripts.
    Node parse_atom() {
        Token t = peek();
        if (t.kind == Token::Kind::Command) {
            pos_ = t.next;
            return parse_command(t);
        }
        if (t.ch == '{') {
            pos_ = t.next;
            return parse_row(End::Brace, t.begin);
        }
        // A script or prime with nothing before it applies to an empty base.
        if (t.ch == '^' || t.ch == '_' || t.ch == '\'') {
            Node none;
            none.begin = none.end = t.begin;
            return none;
        }
        pos_ = t.next;
        return math_char(t);
    }

    // A character in math (not in text, not a delimiter).
    static Node math_char(const Token& t) {
        char32_t c = t.ch;
        if ((c < 0x20 && !is_space(c)) || c == 0x7F) fail(t.begin, "control character " + code_point_name(c));
        switch (c) {
            case '&': fail(t.begin, "alignment (&)");
            case '#': fail(t.begin, "a macro parameter (#)");
            case '$': fail(t.begin, "a $ inside math");
            case '%': fail(t.begin, "a TeX comment (%)");
            case '}': fail(t.begin, "unbalanced }");
            default: return leaf(Node::Kind::Char, t);
        }
    }

    // Sub/superscripts, primes and \limits after `base`.
    Node parse_scripts(Node base) {
        Node scripts;
        scripts.kind = Node::Kind::Scripts;
        scripts.begin = base.begin;
        scripts.children.resize(3);
        scripts.children[0] = std::move(base);
        bool any = false;
        std::size_t prime_end = std::string_view::npos;
        for (;;) {
            Token t = peek();
            if (t.kind == Token::Kind::Command && (t.command == "limits" || t.command == "nolimits")) {
                pos_ = t.next;
                scripts.limits = any = true;
                continue;
            }
            if (t.kind != Token::Kind::Char) break;
            if (t.ch == '\'') {
                if (scripts.children[2].kind != Node::Kind::None) fail(t.begin, "a prime after a superscript");
                ++scripts.primes;
                if (t.begin != prime_end) ++scripts.prime_runs;
                prime_end = t.next;
                pos_ = t.next;
            } else if (t.ch == '^' || t.ch == '_') {
                Node& slot = scripts.children[t.ch == '^' ? 2 : 1];
                if (slot.kind != Node::Kind::None)
                    fail(t.begin, t.ch == '^' ? "double superscript" : "double subscript");
                pos_ = t.next;
                slot = parse_argument();
            } else {
                break;
            }
            any = true;
        }
        if (!any) return std::move(scripts.children[0]);
        scripts.end = pos_;
        return scripts;
    }

    // An argument: a group, a single token ("x^23" is x^{2}3), or a command
    // with its own arguments (n_\text{layers}).
    Node parse_argument() {
        Token t = peek();
        Nesting nesting(depth_, t.begin);
        if (t.kind == Token::Kind::End) fail(t.begin, "a missing argument");
        pos_ = t.next;
        if (t.kind == Token::Kind::Command) return parse_command(t);
        if (t.ch == '{') return parse_row(End::Brace, t.begin);
        if (t.ch == '^' || t.ch == '_' || t.ch == '\'') fail(t.begin, "a missing argument");
        return math_char(t);
    }

    Node parse_command(const Token& t) {
        Node node = leaf(Node::Kind::Command, t);
        if (!node.info) return node;
        auto apply = [&](std::vector<Node> children) {
            node.kind = Node::Kind::Apply;
            node.children = std::move(children);
            node.end = pos_;
            return std::move(node);
        };
        switch (node.info->role) {
            case Role::Accent:
            case Role::Font: return apply({parse_argument()});
            case Role::Fraction:
            case Role::Binomial:
            case Role::Stack: {
                Node first = parse_argument();
                return apply({std::move(first), parse_argument()});
            }
            case Role::Root: {
                if (Token open = peek(); open.kind == Token::Kind::Char && open.ch == '[') {
                    pos_ = open.next;
                    Node index = parse_row(End::Bracket, open.begin);
                    return apply({parse_argument(), std::move(index)});
                }
                return apply({parse_argument()});
            }
            case Role::Left: {
                Node open = delimiter();
                Node body = parse_row(End::Right, pos_);
                return apply({std::move(open), std::move(body), delimiter()});
            }
            case Role::Right: fail(t.begin, "\\right without \\left");
            case Role::Big: return apply({delimiter()});
            case Role::OperatorName:
                if (at_char('*')) {
                    pos_ = peek().next;
                    node.star = true;
                }
                [[fallthrough]];
            case Role::Text: {
                node.kind = Node::Kind::Text;
                text_argument(node);
                node.end = pos_;
                return node;
            }
            default: return node;  // symbols, functions, spaces, styles
        }
    }

    // The token after \left, \right or \bigl, whatever it is: the walkers
    // know which delimiters they draw.
    Node delimiter() {
        Token t = peek();
        if (t.kind == Token::Kind::End) fail(t.begin, "a missing delimiter");
        pos_ = t.next;
        return leaf(t.kind == Token::Kind::Char ? Node::Kind::Char : Node::Kind::Command, t);
    }

    // The argument of \text and \operatorname, as written: braces matched,
    // a backslash taking the character after it along.
    void text_argument(Node& node) {
        Token t = peek();
        if (t.kind == Token::Kind::End) fail(t.begin, "a missing argument");
        pos_ = t.next;
        if (t.kind == Token::Kind::Command) fail(t.begin, "\\" + t.command + " as a text argument");
        node.text_begin = t.begin;
        if (t.ch != '{') {
            node.text = std::string(tex_.substr(t.begin, t.next - t.begin));
            return;
        }
        node.braced = true;
        node.text_begin = t.next;
        int braces = 1;
        while (pos_ < tex_.size()) {
            std::size_t at = pos_;
            auto [c, length] = code_point_at(at);
            pos_ += length;
            if (c == '\\') {
                if (pos_ >= tex_.size()) break;
                pos_ += code_point_at(pos_).second;
            } else if (c == '{') {
                ++braces;
            } else if (c == '}' && --braces == 0) {
                node.text = std::string(tex_.substr(node.text_begin, at - node.text_begin));
                return;
            }
        }
        fail(tex_.size(), "a { is not closed");
    }
};

}  // namespace

Parsed parse(std::string_view tex) {
    Parsed parsed;
    try {
        parsed.formula = Parser(tex).formula();
    } catch (const Failure& failure) {
        parsed.formula = Node{};
        parsed.error = failure.message;
        parsed.error_offset = failure.offset;
    }
    return parsed;
}

CodePoint code_point_at(std::string_view s, std::size_t at) {
    utf8proc_int32_t cp = -1;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + at),
                              static_cast<utf8proc_ssize_t>(s.size() - at), &cp);
    if (n <= 0 || cp < 0) return {};
    return {static_cast<char32_t>(cp), static_cast<std::size_t>(n)};
}

std::string code_point_name(char32_t code) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code));
    return buffer;
}

bool is_invisible(char32_t code) {
    auto cp = static_cast<utf8proc_int32_t>(code);
    switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_CC:
        case UTF8PROC_CATEGORY_CF:
        case UTF8PROC_CATEGORY_CN:
        case UTF8PROC_CATEGORY_CO:
        case UTF8PROC_CATEGORY_CS:
        case UTF8PROC_CATEGORY_ZL:
        case UTF8PROC_CATEGORY_ZP: return true;
        default: return utf8proc_get_property(cp)->ignorable;
    }
}

std::string splice(std::string_view source, std::vector<Splice> splices) {
    std::sort(splices.begin(), splices.end(), [](const Splice& a, const Splice& b) { return a.begin < b.begin; });
    std::string out;
    std::size_t at = 0;
    for (auto& s : splices) {
        out.append(source.substr(at, s.begin - at));
        out += s.replacement;
        at = s.end;
    }
    out.append(source.substr(at));
    return out;
}

}  // namespace glossc::math
