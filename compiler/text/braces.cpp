#include "text/braces.hpp"

namespace glossc::text {

std::size_t matching_brace(std::string_view tex, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < tex.size(); ++i) {
        if (tex[i] == '\\') {
            ++i;
        } else if (tex[i] == '{') {
            ++depth;
        } else if (tex[i] == '}' && --depth == 0) {
            return i;
        }
    }
    return std::string_view::npos;
}

}  // namespace glossc::text
