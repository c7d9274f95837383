// Escaping for markup targets, written once for every writer.
#pragma once

#include <string>
#include <string_view>

namespace glossc::text {

// &, <, >, " and ' as entities: safe in HTML/XML text and attribute values.
std::string escape_html(std::string_view s);

}  // namespace glossc::text
