#include "text/inline_math.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "text/lines.hpp"

namespace glossc::text {

void append_text(ir::RichText& out, std::string_view s) {
    if (s.empty()) return;
    if (!out.empty() && out.back().kind == ir::InlineKind::Text) {
        out.back().text.append(s);
    } else {
        out.push_back(ir::text(std::string(s)));
    }
}

namespace {

// True when `tex` reads like a formula rather than a number ("5-"): it has
// a command, a script or a group.
bool looks_like_formula(std::string_view tex) { return tex.find_first_of("\\^_{") != std::string_view::npos; }

// True when `tex` holds a run of prose: three words of two or more letters
// in a row, outside braces ("11008 = 135M vs Attention: 4" is two formulas'
// worth of text paired wrongly; "\text{if the value}" is not).
bool holds_prose(std::string_view tex) {
    int depth = 0, words = 0;
    std::size_t i = 0;
    while (i < tex.size()) {
        char c = tex[i];
        if (c == '{') ++depth;
        if (c == '}' && depth > 0) --depth;
        if (c == '\\') {  // a command name is no word
            ++i;
            while (i < tex.size() && std::isalpha(static_cast<unsigned char>(tex[i]))) ++i;
            words = 0;
            continue;
        }
        if (depth == 0 && std::isalpha(static_cast<unsigned char>(c))) {
            std::size_t end = i;
            while (end < tex.size() && std::isalpha(static_cast<unsigned char>(tex[end]))) ++end;
            bool spaced = end == tex.size() || tex[end] == ' ' || tex[end] == ',' || tex[end] == ':';
            words = end - i >= 2 && spaced ? words + 1 : 0;
            if (words >= 3) return true;
            i = end;
            continue;
        }
        if (c != ' ' && c != ',' && c != ':') words = 0;
        ++i;
    }
    return false;
}

}  // namespace

std::size_t find_dollar_close(std::string_view s, std::size_t open) {
    if (open + 1 >= s.size()) return std::string_view::npos;
    char first = s[open + 1];
    if (first == ' ' || first == '\t' || first == '$') return std::string_view::npos;
    for (std::size_t i = open + 1; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] != '$') continue;
        // The next "$" closes, as in TeX; the pair is no formula when it is
        // a price or prose: a space before the closing "$", a digit after a
        // closing "$" of a plain number ("$5-$10"; "3$\times$4" is math),
        // or a run of words between.
        std::string_view tex = s.substr(open + 1, i - open - 1);
        if (s[i - 1] == ' ' || s[i - 1] == '\t') return std::string_view::npos;
        if (i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])) && !looks_like_formula(tex))
            return std::string_view::npos;
        if (holds_prose(tex)) return std::string_view::npos;
        return i;
    }
    return std::string_view::npos;
}

namespace {

// ---- Repairs of TeX written into prose ----------------------------------------

// The TeX between two formulas when it is a piece of one formula the source
// split with stray dollars: "$O(n$\\times$W)$" gives "O(n", "\\times", "W)".
// It must hold a command, or the formula before it must leave a parenthesis
// open ("$O($n^2$)$"), and hold nothing that reads as prose (a word of three
// letters or more outside a command).
bool is_formula_piece(std::string_view between, std::string_view before) {
    bool command = false;
    for (std::size_t i = 0; i < between.size();) {
        unsigned char c = static_cast<unsigned char>(between[i]);
        if (c == '\\') {
            std::size_t end = i + 1;
            while (end < between.size() && std::isalpha(static_cast<unsigned char>(between[end]))) ++end;
            command = command || end > i + 1;
            i = std::max(end, i + 2);
            continue;
        }
        if (std::isalpha(c)) {
            std::size_t end = i;
            while (end < between.size() && std::isalpha(static_cast<unsigned char>(between[end]))) ++end;
            if (end - i >= 3) return false;
            i = end;
            continue;
        }
        if (c >= 0x80 || std::string_view(" 0123456789^_{}()[]+-*/=<>,.|'!").find(static_cast<char>(c)) == std::string_view::npos)
            return false;
        ++i;
    }
    auto count = [&](char ch) { return std::count(before.begin(), before.end(), ch); };
    bool open = count('(') > count(')') || count('[') > count(']');
    return (command || open) && !trim(between).empty();
}

// Joins formula, piece, formula into one formula where is_formula_piece says
// the source split it ("O(n \\times W)").
void join_split_formulas(ir::RichText& text) {
    for (std::size_t i = 0; i + 2 < text.size();) {
        ir::Inline& left = text[i];
        const ir::Inline& middle = text[i + 1];
        const ir::Inline& right = text[i + 2];
        if (left.kind != ir::InlineKind::Math || middle.kind != ir::InlineKind::Text ||
            right.kind != ir::InlineKind::Math || !is_formula_piece(middle.text, left.text)) {
            ++i;
            continue;
        }
        left.text = left.text + " " + std::string(trim(middle.text)) + " " + right.text;
        text.erase(text.begin() + static_cast<std::ptrdiff_t>(i) + 1, text.begin() + static_cast<std::ptrdiff_t>(i) + 3);
    }
}

// The argument of a text command, its escapes undone ("\\_" -> "_",
// "\\textbackslash" -> "\\"); nullopt unless the braces balance and only
// escapes are inside.
std::optional<std::string> text_argument(std::string_view s, std::size_t open, std::size_t& end) {
    std::string out;
    for (std::size_t i = open + 1; i < s.size(); ++i) {
        char c = s[i];
        if (c == '}') {
            end = i + 1;
            return out;
        }
        if (c == '{') return std::nullopt;
        if (c != '\\') {
            out += c;
            continue;
        }
        std::string_view rest = s.substr(i + 1);
        if (rest.starts_with("textbackslash")) {
            out += '\\';
            i += 13;
            if (i + 1 < s.size() && s[i + 1] == ' ') ++i;
        } else if (!rest.empty() && std::string_view("_{}%&#$").find(rest[0]) != std::string_view::npos) {
            out += rest[0];
            ++i;
        } else {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// TeX's text commands written in prose ("\\texttt{budget\\_tokens}",
// "\\textbf{not}") as the inline nodes they mean.
ir::RichText with_text_commands(const ir::RichText& text) {
    static constexpr std::pair<std::string_view, ir::InlineKind> kCommands[] = {
        {"\\texttt{", ir::InlineKind::Code}, {"\\textbf{", ir::InlineKind::Strong},
        {"\\textit{", ir::InlineKind::Emph}, {"\\emph{", ir::InlineKind::Emph}};
    ir::RichText out;
    for (const auto& node : text) {
        if (node.kind != ir::InlineKind::Text || node.text.find('\\') == std::string::npos) {
            out.push_back(node);
            continue;
        }
        std::string_view s = node.text;
        std::size_t plain = 0;
        for (std::size_t i = s.find('\\'); i != std::string_view::npos; i = s.find('\\', i + 1)) {
            for (const auto& [name, kind] : kCommands) {
                std::size_t end = 0;
                std::optional<std::string> argument;
                if (!s.substr(i).starts_with(name) || !(argument = text_argument(s, i + name.size() - 1, end))) continue;
                append_text(out, s.substr(plain, i - plain));
                if (kind == ir::InlineKind::Code) {
                    out.push_back(ir::code(std::move(*argument)));
                } else {
                    ir::RichText inner;
                    append_text(inner, *argument);
                    out.push_back(kind == ir::InlineKind::Strong ? ir::strong(std::move(inner)) : ir::emph(std::move(inner)));
                }
                plain = end;
                i = end - 1;
                break;
            }
        }
        append_text(out, s.substr(plain));
    }
    return out;
}

}  // namespace

ir::RichText parse_inline_math(std::string_view s, MathDelimiters d) {
    ir::RichText out;
    std::size_t plain_start = 0;
    std::size_t i = 0;
    auto flush = [&](std::size_t end) { append_text(out, s.substr(plain_start, end - plain_start)); };
    bool no_paren_close = false, no_bracket_close = false;
    while (i < s.size()) {
        if (d.dollar && s[i] == '$') {
            std::size_t close = find_dollar_close(s, i);
            if (close != std::string_view::npos) {
                flush(i);
                out.push_back(ir::math(std::string(s.substr(i + 1, close - i - 1))));
                i = close + 1;
                plain_start = i;
                continue;
            }
        }
        if (s[i] == '\\' && i + 1 < s.size() && ((d.paren && s[i + 1] == '(') || (d.bracket && s[i + 1] == '['))) {
            bool paren = s[i + 1] == '(';
            std::string_view closer = paren ? "\\)" : "\\]";
            // Once a closer is missing after some point it is missing after
            // every later one: not searched again, so a text of openers
            // stays linear.
            bool& missing = paren ? no_paren_close : no_bracket_close;
            std::size_t close = missing ? std::string_view::npos : s.find(closer, i + 2);
            missing = close == std::string_view::npos;
            if (close != std::string_view::npos) {
                flush(i);
                std::string_view tex = s.substr(i + 2, close - i - 2);
                // Delimiter padding ("\( x \)") is not part of the formula.
                while (!tex.empty() && tex.front() == ' ') tex.remove_prefix(1);
                while (!tex.empty() && tex.back() == ' ') tex.remove_suffix(1);
                out.push_back(ir::math(std::string(tex)));
                i = close + 2;
                plain_start = i;
                continue;
            }
        }
        ++i;
    }
    flush(s.size());
    if (d.dollar) {
        join_split_formulas(out);
        // Rebuilt only when a text node holds a backslash: most prose has none.
        if (std::any_of(out.begin(), out.end(), [](const ir::Inline& node) {
                return node.kind == ir::InlineKind::Text && node.text.find('\\') != std::string::npos;
            }))
            out = with_text_commands(out);
    }
    return out;
}

ir::RichText parse_prose(std::string_view s, MathDelimiters delimiters) {
    return parse_inline_math(collapse_whitespace(s), delimiters);
}

std::string plain_text(const ir::RichText& text, std::string_view math_open, std::string_view math_close) {
    std::string out;
    for (const auto& node : text) {
        switch (node.kind) {
            case ir::InlineKind::Text:
            case ir::InlineKind::Code: out += node.text; break;
            case ir::InlineKind::Math:
                out += math_open;
                out += node.text;
                out += math_close;
                break;
            default: out += plain_text(node.children, math_open, math_close); break;
        }
    }
    return out;
}

std::string plain_text(const ir::Blocks& blocks, std::string_view math_open, std::string_view math_close) {
    std::string out;
    auto add = [&](std::string piece) {
        if (piece.empty()) return;
        if (!out.empty()) out += ' ';
        out += piece;
    };
    for (const auto& block : blocks) {
        switch (block.kind) {
            case ir::BlockKind::Paragraph: add(plain_text(block.text, math_open, math_close)); break;
            case ir::BlockKind::Code: add(block.literal); break;
            case ir::BlockKind::DisplayMath:
                add(std::string(math_open) + block.literal + std::string(math_close));
                break;
            case ir::BlockKind::BulletList:
            case ir::BlockKind::OrderedList:
            case ir::BlockKind::Quote:
                for (const auto& item : block.items) add(plain_text(item, math_open, math_close));
                break;
            case ir::BlockKind::Table:
                for (const auto& row : block.rows)
                    for (const auto& cell : row) add(plain_text(cell, math_open, math_close));
                break;
        }
    }
    return out;
}

void append_paragraph(ir::RichText& to, const ir::RichText& more) {
    if (more.empty()) return;
    if (!to.empty()) append_text(to, " ");
    for (const auto& node : more) {
        if (node.kind == ir::InlineKind::Text) {
            append_text(to, node.text);
        } else {
            to.push_back(node);
        }
    }
}

ir::RichText flatten(const ir::Blocks& blocks) {
    ir::RichText out;
    auto append = [&out](const ir::RichText& more) { append_paragraph(out, more); };
    for (const auto& block : blocks) {
        switch (block.kind) {
            case ir::BlockKind::Paragraph: append(block.text); break;
            case ir::BlockKind::Code: append({ir::code(collapse_whitespace(block.literal))}); break;
            case ir::BlockKind::DisplayMath: append({ir::math(block.literal)}); break;
            case ir::BlockKind::BulletList:
            case ir::BlockKind::OrderedList:
            case ir::BlockKind::Quote:
                for (const auto& item : block.items) append(flatten(item));
                break;
            case ir::BlockKind::Table:
                for (const auto& row : block.rows)
                    for (const auto& cell : row) append(cell);
                break;
        }
    }
    return out;
}

}  // namespace glossc::text
