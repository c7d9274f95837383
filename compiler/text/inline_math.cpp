#include "text/inline_math.hpp"

#include <cctype>

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

// Finds the closing "$" of an inline formula opened at `open`. A "$" that is
// followed by white space or a digit-only amount ("$5 and $10") does not open
// math, as in Pandoc's tex_math_dollars rule.
std::size_t find_dollar_close(std::string_view s, std::size_t open) {
    if (open + 1 >= s.size()) return std::string_view::npos;
    char first = s[open + 1];
    if (first == ' ' || first == '$') return std::string_view::npos;
    for (std::size_t i = open + 1; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] == '$') {
            if (s[i - 1] == ' ') return std::string_view::npos;
            if (i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))
                return std::string_view::npos;
            return i;
        }
    }
    return std::string_view::npos;
}

}  // namespace

ir::RichText parse_inline_math(std::string_view s, MathDelimiters d) {
    ir::RichText out;
    std::size_t plain_start = 0;
    std::size_t i = 0;
    auto flush = [&](std::size_t end) { append_text(out, s.substr(plain_start, end - plain_start)); };
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
            std::string_view closer = s[i + 1] == '(' ? "\\)" : "\\]";
            std::size_t close = s.find(closer, i + 2);
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

}  // namespace glossc::text
