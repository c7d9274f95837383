#include "text/json_scan.hpp"

#include <algorithm>
#include <unordered_map>

#include "text/line_index.hpp"
#include "text/utf8.hpp"

namespace glossc::text {

JsonScan scan_json(std::string_view s, std::size_t max_depth) {
    JsonScan out;
    // One frame per open container; objects remember their keys (as raw
    // text: two spellings of one key through escapes are not caught, which
    // nobody writes by accident).
    struct Frame {
        bool object = false;
        std::unordered_map<std::string_view, std::size_t> keys;
    };
    std::vector<Frame> stack;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '[' || c == '{') {
            if (stack.size() >= max_depth) {
                out.too_deep_at = i;
                return out;
            }
            stack.push_back(Frame{c == '{', {}});
        } else if (c == ']' || c == '}') {
            if (!stack.empty()) stack.pop_back();
        } else if (c == '"') {
            std::size_t start = i + 1, end = start;
            while (end < s.size() && s[end] != '"') end += s[end] == '\\' ? 2 : 1;
            if (end >= s.size()) return out;  // unterminated string: the parser says so
            i = end;
            if (stack.empty() || !stack.back().object) continue;
            std::size_t after = end + 1;
            while (after < s.size() && (s[after] == ' ' || s[after] == '\t' || s[after] == '\n' || s[after] == '\r'))
                ++after;
            if (after >= s.size() || s[after] != ':') continue;  // a value, not a key
            auto key = s.substr(start, end - start);
            auto [it, inserted] = stack.back().keys.emplace(key, start - 1);
            if (!inserted) out.duplicates.push_back({std::string(key), it->second, start - 1});
        }
    }
    return out;
}

bool check_json_structure(std::string_view document, const std::string& display_path, DiagnosticSink& sink) {
    JsonScan scan = scan_json(document);
    if (scan.duplicates.empty() && !scan.too_deep_at) return true;
    LineIndex lines(document);
    for (const auto& d : scan.duplicates) {
        auto at = lines.at(d.again);
        sink.warning(Location{display_path, at.line, at.column}, "json-duplicate-key",
                     "'" + d.key + "' appears again in the same object (first at line " +
                         std::to_string(lines.line_of(d.first)) + "); only this last one is read");
    }
    if (scan.too_deep_at) {
        auto at = lines.at(*scan.too_deep_at);
        sink.error(Location{display_path, at.line, at.column}, "json-too-deep",
                   "JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep; the file is not read");
        return false;
    }
    return true;
}

JsonTokenCursor::JsonTokenCursor(std::string_view document) : document_(document) {
    if (document_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a byte order mark, which the parser skips too
}

std::size_t JsonTokenCursor::next() {
    const std::string_view s = document_;
    auto between_tokens = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'; };
    while (pos_ < s.size() && between_tokens(s[pos_])) ++pos_;
    const std::size_t start = pos_;
    if (pos_ >= s.size()) return start;
    const char c = s[pos_];
    if (c == '"') {
        ++pos_;
        while (pos_ < s.size() && s[pos_] != '"') pos_ += s[pos_] == '\\' ? 2 : 1;
        pos_ = std::min(pos_ + 1, s.size());
    } else if (c == '{' || c == '}' || c == '[' || c == ']') {
        ++pos_;
    } else {  // a number, true, false or null: up to the next delimiter
        while (pos_ < s.size() && !between_tokens(s[pos_]) && s[pos_] != '}' && s[pos_] != ']') ++pos_;
    }
    return start;
}

bool dumps_verbatim(std::string_view s) {
    bool ascii = true;
    for (char c : s) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || c == '"' || c == '\\') return false;
        ascii = ascii && byte < 0x80;
    }
    return ascii || !find_invalid_utf8(s);
}

void report_json_error(const nlohmann::json::exception& error, std::string_view document,
                       const std::string& display_path, DiagnosticSink& sink) {
    Location where{display_path};
    if (const auto* syntax = dynamic_cast<const nlohmann::json::parse_error*>(&error)) {
        auto at = LineIndex(document).at(syntax->byte > 0 ? syntax->byte - 1 : 0);
        where.line = at.line;
        where.column = at.column;
    }
    std::string message = error.what();
    if (auto colon = message.rfind(": "); colon != std::string::npos) message = message.substr(colon + 2);
    sink.error(where, "json-syntax", "invalid JSON: " + message);
}

}  // namespace glossc::text
