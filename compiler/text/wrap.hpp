// Word wrapping by display width, written once. Terminals count columns, not
// bytes or code points: a CJK character or an emoji takes two, a combining
// mark none (utf8proc_charwidth decides).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::text {

// Columns a terminal gives one code point: 0 for combining marks and other
// zero-width code points, 2 for East Asian wide characters and emoji, else 1.
// Control characters count 0: a writer escapes them before measuring.
int code_point_width(char32_t cp);

// Columns of UTF-8 text; an invalid byte counts 1 (terminals show U+FFFD).
std::size_t display_width(std::string_view utf8);

// A word as the wrapper sees it: the units it may be broken between when it
// alone is wider than a line. A unit is never split, so a caller makes each
// escape sequence or character-with-its-combining-marks one unit.
using WrapWord = std::vector<std::string>;

// Plain UTF-8 as units: each code point with the zero-width code points that
// follow it, so that no line of a broken word starts with a combining mark.
WrapWord split_units(std::string_view word);

struct WrapStyle {
    std::size_t width = 78;   // columns, indentation included
    std::size_t indent = 0;   // spaces before the first line
    std::size_t hanging = 0;  // spaces before every following line
    std::string break_mark;   // ends each line on which a too-long word was broken
};

// Greedy filling: words are separated by one space and lines are broken only
// between words, except that a word wider than a whole line is broken between
// its units, each broken line ending with `break_mark` (so that a reader can
// rejoin lines: a plain line end stands for one space, a break mark for
// nothing). Returns the lines with their indentation, without line ends. A
// line is wider than style.width only when one unit with the indentation and
// the break mark is.
std::vector<std::string> wrap(const std::vector<WrapWord>& words, const WrapStyle& style);

}  // namespace glossc::text
