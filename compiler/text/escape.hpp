// Escaping for markup targets, written once for every writer.
#pragma once

#include <string>
#include <string_view>

namespace glossc::text {

// Appends `s` with &, <, >, " and ' as entities (as escape_html), and any
// other character c as extra(c) when that is not null: a writer's own
// escapes in the same pass, without a second pass over a copy.
template <typename Extra>
void append_escaped_html(std::string& out, std::string_view s, Extra extra) {
    // Characters that need no escape are copied a run at a time.
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
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
