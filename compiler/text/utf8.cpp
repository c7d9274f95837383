#include "text/utf8.hpp"

#include <utf8proc.h>

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

std::size_t count_code_points(std::string_view s) {
    std::size_t count = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

LineColumn line_column_at(std::string_view doc, std::size_t offset) {
    if (offset > doc.size()) offset = doc.size();
    LineColumn at;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (doc[i] == '\n' || (doc[i] == '\r' && (i + 1 >= doc.size() || doc[i + 1] != '\n'))) {
            ++at.line;
            line_start = i + 1;
        }
    }
    at.column = static_cast<std::uint32_t>(count_code_points(doc.substr(line_start, offset - line_start)) + 1);
    return at;
}

}  // namespace glossc::text
