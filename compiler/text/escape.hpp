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
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if (const char* replacement = extra(c)) {
                    out += replacement;
                } else {
                    out += c;
                }
        }
    }
}

// &, <, >, " and ' as entities: safe in HTML/XML text and attribute values.
std::string escape_html(std::string_view s);

}  // namespace glossc::text
