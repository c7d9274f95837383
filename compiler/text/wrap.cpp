#include "text/wrap.hpp"

#include <algorithm>

#include <utf8proc.h>

namespace glossc::text {

namespace {

// Decodes the code point at s[i] and advances i; an invalid byte is U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0 || cp < 0) {
        ++i;
        return 0xFFFD;
    }
    i += static_cast<std::size_t>(n);
    return static_cast<char32_t>(cp);
}

}  // namespace

int code_point_width(char32_t cp) {
    if (cp > 0x10FFFF) return 1;
    return utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
}

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            width += static_cast<unsigned char>(s[i]) >= 0x20 && s[i] != 0x7F;
            ++i;
            continue;
        }
        width += static_cast<std::size_t>(code_point_width(next_code_point(s, i)));
    }
    return width;
}

void WrapWords::add_word(std::string_view word) {
    start_word();
    bool has_unit = false;
    for (std::size_t i = 0; i < word.size();) {
        std::size_t start = i;
        char32_t cp = next_code_point(word, i);
        if (code_point_width(cp) == 0 && has_unit) {
            extend_unit(word.substr(start, i - start));
        } else {
            add_unit(word.substr(start, i - start));
            has_unit = true;
        }
    }
}

void WrapWords::prepend_unit(std::string_view unit) {
    if (empty()) {
        add_unit(unit);
        return;
    }
    bytes_.insert(0, unit);
    for (auto& end : word_ends_) end += unit.size();
    for (auto& span : long_units_) {
        span.begin += unit.size();
        span.end += unit.size();
    }
    if (unit.size() > 1) long_units_.insert(long_units_.begin(), Span{0, unit.size()});
}

std::vector<std::string_view> WrapWords::units(std::size_t w) const {
    const std::size_t begin = w == 0 ? 0 : word_ends_[w - 1], end = word_ends_[w];
    auto next = std::lower_bound(long_units_.begin(), long_units_.end(), begin,
                                 [](const Span& span, std::size_t at) { return span.begin < at; });
    std::vector<std::string_view> out;
    for (std::size_t at = begin; at < end;) {
        std::size_t to = next != long_units_.end() && next->begin == at ? (next++)->end : at + 1;
        out.push_back(std::string_view(bytes_).substr(at, to - at));
        at = to;
    }
    return out;
}

std::vector<std::string> wrap(const WrapWords& words, const WrapStyle& style) {
    std::vector<std::string> lines;
    std::string line(style.indent, ' ');
    std::size_t used = style.indent;  // columns on `line`
    bool has_word = false;            // `line` holds more than indentation
    auto next_line = [&] {
        lines.push_back(std::move(line));
        line.assign(style.hanging, ' ');
        used = style.hanging;
        has_word = false;
    };
    const std::size_t mark_width = display_width(style.break_mark);
    for (std::size_t w = 0; w < words.size(); ++w) {
        std::string_view word = words.word(w);
        // Units hold whole code points, so a word's width is its units' widths added up.
        std::size_t width = display_width(word);
        if (has_word) {
            if (used + 1 + width <= style.width) {
                line += ' ';
                line += word;
                used += 1 + width;
                continue;
            }
            next_line();
        }
        if (used + width <= style.width) {
            line += word;
            used += width;
            has_word = true;
            continue;
        }
        // Wider than a whole line: the one case where a word is broken.
        bool unit_on_line = false;
        for (std::string_view unit : words.units(w)) {
            std::size_t unit_width = display_width(unit);
            if (unit_on_line && used + unit_width + mark_width > style.width) {
                line += style.break_mark;
                next_line();
            }
            line += unit;
            used += unit_width;
            unit_on_line = true;
        }
        has_word = true;
    }
    lines.push_back(std::move(line));
    return lines;
}

}  // namespace glossc::text
