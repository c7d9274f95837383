#include "text/scrape_damage.hpp"

#include <algorithm>

#include "text/lines.hpp"

namespace glossc::text {

bool ends_with_ellipsis(std::string_view s) {
    s = trim(s);
    return ends_with(s, "...") || ends_with(s, "\xE2\x80\xA6");  // U+2026
}

bool looks_cut_off(std::string_view s) {
    s = trim(s);
    if (s.empty() || ends_with_ellipsis(s)) return true;
    // Closing quotes and brackets may follow the full stop ("... (all examples).").
    static constexpr std::string_view kMultiByteClosers[] = {
        "\xE2\x80\x9D",  // ” U+201D
        "\xE2\x80\x99",  // ’ U+2019
        "\xC2\xBB",      // » U+00BB
        "\xE3\x80\x82",  // 。 U+3002
    };
    for (auto closer : kMultiByteClosers)
        if (ends_with(s, closer)) return false;
    switch (s.back()) {
        case '.':
        case '!':
        case '?':
        case ')':
        case ']':
        case '"':
        case '\'': return false;
        default: return true;
    }
}

std::span<const std::string_view> default_css_class_prefixes() {
    static constexpr std::string_view kPrefixes[] = {
        "text",    "bg",      "border", "rounded", "underline", "p",    "px",     "py",      "pt",    "pb",
        "pl",      "pr",      "m",      "mx",      "my",        "mt",   "mb",     "ml",      "mr",    "flex",
        "grid",    "gap",     "font",   "w",       "h",         "min",  "max",    "shadow",  "ring",  "items",
        "justify", "space",   "hover",  "focus",   "leading",   "tracking", "inline", "block", "hidden", "opacity",
    };
    return kPrefixes;
}

namespace {

bool is_css_class_name(std::string_view token, std::span<const std::string_view> prefixes) {
    for (auto prefix : prefixes) {
        if (token == prefix) return true;
        if (token.size() > prefix.size() + 1 && starts_with(token, prefix) && token[prefix.size()] == '-') {
            // The rest is lower-case letters, digits, '-', '/', '.' ("underline-offset-2", "w-1/2").
            bool plain = true;
            for (char c : token.substr(prefix.size() + 1))
                plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '.');
            if (plain) return true;
        }
    }
    return false;
}

}  // namespace

std::optional<CssClassRun> find_css_class_run(std::string_view s, std::span<const std::string_view> prefixes,
                                              std::size_t min_run) {
    std::optional<CssClassRun> run;
    std::size_t run_length = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t begin = s.find_first_not_of(' ', i);
        if (begin == std::string_view::npos) break;
        std::size_t end = std::min(s.find(' ', begin), s.size());
        i = end;
        if (!is_css_class_name(s.substr(begin, end - begin), prefixes)) {
            if (run_length >= min_run) return run;
            run_length = 0;
            continue;
        }
        if (run_length++ == 0) run = CssClassRun{begin, end};
        run->end = end;
    }
    if (run_length >= min_run) return run;
    return std::nullopt;
}

}  // namespace glossc::text
