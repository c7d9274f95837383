// Escaping for markup targets, written once for every writer.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace glossc::text {

// Appends `s` with &, <, >, " and ' as entities (as escape_html), and any
// other character c as extra(c) when that is not null: a writer's own
// escapes in the same pass, without a second pass over a copy. extra is only
// asked about ASCII punctuation and control characters: letters, digits,
// spaces and the bytes of non-ASCII characters are always kept.
template <typename Extra>
void append_escaped_html(std::string& out, std::string_view s, Extra extra) {
    // Characters that need no escape are copied a run at a time; most are
    // passed over by one table lookup.
    static constexpr auto kKept = [] {
        std::array<bool, 256> kept{};
        for (int c = 0; c < 256; ++c)
            kept[c] = c >= 0x80 || c == ' ' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        return kept;
    }();
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (kKept[static_cast<unsigned char>(s[i])]) continue;
        const char* replacement = nullptr;
        switch (s[i]) {
            case '&': replacement = "&amp;"; break;
            case '<': replacement = "&lt;"; break;
            case '>': replacement = "&gt;"; break;
            case '"': replacement = "&quot;"; break;
            case '\'': replacement = "&#39;"; break;
            default: replacement = extra(s[i]);
        }
        if (!replacement) continue;
        out.append(s.substr(run, i - run));
        out += replacement;
        run = i + 1;
    }
    out.append(s.substr(run));
}

// &, <, >, " and ' as entities: safe in HTML/XML text and attribute values.
std::string escape_html(std::string_view s);

}  // namespace glossc::text
