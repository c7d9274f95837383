// UTF-8 checks and repairs (on top of utf8proc), written once for every reader.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::text {

// Byte offset of the first invalid UTF-8 sequence (overlong forms and
// surrogates included), or nullopt when the whole string is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// The string with every invalid sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s);

// 1-based line and column (in code points) of a byte offset.
struct LineColumn {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};
LineColumn line_column_at(std::string_view document, std::size_t offset);

// Appends the UTF-8 bytes of a code point, as utf8proc encodes it (nothing
// for a value past U+10FFFF). The one encoder for readers and backends.
void append_utf8(std::string& out, char32_t code_point);

// Number of code points; invalid bytes count one each.
std::size_t count_code_points(std::string_view s);

// True when `token` is a pictograph such as an emoji: at least one symbol
// code point (Unicode category So), and otherwise only marks, variation
// selectors and joiners ("🏗️" is U+1F3D7 U+FE0F). Scraped pages put icons
// before labels; readers use this to recognise them.
bool is_pictograph(std::string_view token);

}  // namespace glossc::text
