#include "text/escape.hpp"

namespace glossc::text {

std::string escape_html(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    append_escaped_html(out, s, [](char) -> const char* { return nullptr; });
    return out;
}

}  // namespace glossc::text
