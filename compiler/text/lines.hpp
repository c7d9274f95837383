// Line-level access to source documents, written once for every reader.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::text {

struct Line {
    std::string_view text;     // without the line terminator
    std::uint32_t number = 0;  // 1-based
};

// Splits a document into lines. A leading UTF-8 BOM is skipped; "\r\n",
// "\n" and a lone "\r" all end a line, so files saved on any platform give
// the same line numbers an editor shows.
std::vector<Line> split_lines(std::string_view document);

// The lines that hold text, each trimmed (see `trim`); blank lines are left
// out but every line keeps its number in the whole document.
std::vector<Line> non_blank_lines(std::string_view document);

// Strips ASCII white space and U+00A0 (no-break space, common in scrapes).
std::string_view trim(std::string_view s);

// Inline, so that a literal prefix or suffix is compared without a call:
// the merge tests the suffixes of every word of every definition.
inline bool starts_with(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }
inline bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// Replaces runs of white space (including newlines) by one space and trims.
std::string collapse_whitespace(std::string_view s);

// Number of words: runs of characters other than spaces and tabs.
std::size_t count_words(std::string_view s);

// The start of a line for quoting in a diagnostic message: at most
// `max_code_points` code points (cut on a code point boundary), with "…"
// appended when something was cut.
std::string excerpt(std::string_view s, std::size_t max_code_points = 60);

}  // namespace glossc::text
