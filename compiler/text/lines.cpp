#include "text/lines.hpp"

namespace glossc::text {

std::vector<Line> split_lines(std::string_view doc) {
    if (doc.substr(0, 3) == "\xEF\xBB\xBF") doc.remove_prefix(3);
    std::vector<Line> lines;
    std::uint32_t number = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        char c = doc[i];
        if (c != '\n' && c != '\r') continue;
        lines.push_back(Line{doc.substr(start, i - start), number++});
        if (c == '\r' && i + 1 < doc.size() && doc[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < doc.size()) lines.push_back(Line{doc.substr(start), number});
    return lines;
}

std::vector<Line> non_blank_lines(std::string_view document) {
    std::vector<Line> lines;
    for (const Line& line : split_lines(document))
        if (auto text = trim(line.text); !text.empty()) lines.push_back(Line{text, line.number});
    return lines;
}

namespace {
bool is_space_at(std::string_view s, std::size_t i, std::size_t& width) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        width = 1;
        return true;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        width = 2;
        return true;
    }
    return false;
}
}  // namespace

std::string_view trim(std::string_view s) {
    std::size_t width = 0;
    while (!s.empty() && is_space_at(s, 0, width)) s.remove_prefix(width);
    while (!s.empty()) {
        if (is_space_at(s, s.size() - 1, width)) {
            s.remove_suffix(1);
        } else if (s.size() >= 2 && is_space_at(s, s.size() - 2, width) && width == 2) {
            s.remove_suffix(2);
        } else {
            break;
        }
    }
    return s;
}

std::string collapse_whitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (is_space_at(s, i, width)) {
            pending_space = !out.empty();
            i += width;
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += s[i++];
    }
    return out;
}

std::size_t count_words(std::string_view s) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : s) {
        bool space = c == ' ' || c == '\t';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

std::string excerpt(std::string_view s, std::size_t max_code_points) {
    s = trim(s);
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool starts_code_point = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
        if (starts_code_point && seen++ == max_code_points)
            return std::string(trim(s.substr(0, i))) + "\xE2\x80\xA6";  // U+2026
    }
    return std::string(s);
}

}  // namespace glossc::text
