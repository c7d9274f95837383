#include "text/utf8.hpp"

#include <algorithm>

#include <utf8proc.h>

#include "text/line_index.hpp"

namespace glossc::text {

namespace {
// Length of the valid sequence at s[i], or a negative utf8proc error.
utf8proc_ssize_t next_code_point(std::string_view s, std::size_t i, utf8proc_int32_t& cp) {
    return utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
}
}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        utf8proc_int32_t cp = 0;
        auto n = next_code_point(s, i, cp);
        if (n <= 0 || cp < 0) return i;
        i += static_cast<std::size_t>(n);
    }
    return std::nullopt;
}

std::string repair_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            out += s[i++];
            continue;
        }
        utf8proc_int32_t cp = 0;
        auto n = next_code_point(s, i, cp);
        if (n <= 0 || cp < 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, static_cast<std::size_t>(n)));
            i += static_cast<std::size_t>(n);
        }
    }
    return out;
}

void append_utf8(std::string& out, char32_t code_point) {
    utf8proc_uint8_t bytes[4];
    auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), bytes);
    out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

std::size_t count_code_points(std::string_view s) {
    std::size_t count = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

bool is_pictograph(std::string_view token) {
    bool has_symbol = false;
    for (std::size_t i = 0; i < token.size();) {
        utf8proc_int32_t cp = 0;
        auto n = next_code_point(token, i, cp);
        if (n <= 0 || cp < 0) return false;
        i += static_cast<std::size_t>(n);
        switch (utf8proc_category(cp)) {
            case UTF8PROC_CATEGORY_SO: has_symbol = true; break;
            case UTF8PROC_CATEGORY_MN:  // variation selectors (U+FE0F)
            case UTF8PROC_CATEGORY_ME:  // enclosing keycap
            case UTF8PROC_CATEGORY_CF:  // zero-width joiner (U+200D)
            case UTF8PROC_CATEGORY_SK: break;  // skin-tone modifiers (U+1F3FB..)
            default: return false;
        }
    }
    return has_symbol;
}

LineColumn line_column_at(std::string_view doc, std::size_t offset) { return LineIndex(doc).at(offset); }

}  // namespace glossc::text
