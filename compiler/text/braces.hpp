// TeX brace matching, written once for the TeX lint of the readers and the
// LaTeX backend's reader of its own output.
#pragma once

#include <cstddef>
#include <string_view>

namespace glossc::text {

// The index of the '}' that closes the group opening at tex[open] == '{', or
// npos when it never closes. A backslash escapes the character after it, so
// `\{` and `\}` do not count.
std::size_t matching_brace(std::string_view tex, std::size_t open);

}  // namespace glossc::text
