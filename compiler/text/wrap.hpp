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

// The words of a paragraph as the wrapper sees them. Each word is a run of
// units: the places it may be broken between when it alone is wider than a
// line. A unit is never split, so a caller makes each escape sequence or
// character-with-its-combining-marks one unit.
//
// Stored flat (every unit's bytes back to back, with where each unit and
// each word ends) rather than as a string per unit: that was an allocation
// per character, and the text backend's largest cost.
class WrapWords {
public:
    // Starts a word; units are added to the last word started.
    void start_word() { word_ends_.push_back(unit_ends_.size()); }

    // Adds a unit to the last word (starting one when there is none).
    void add_unit(std::string_view unit) {
        if (word_ends_.empty()) start_word();
        bytes_ += unit;
        unit_ends_.push_back(bytes_.size());
        ++word_ends_.back();
    }

    // Appends bytes to the last unit (a combining mark stays with its
    // character). There must be a unit.
    void extend_unit(std::string_view bytes) {
        bytes_ += bytes;
        unit_ends_.back() = bytes_.size();
    }

    // Adds a word of plain UTF-8, as units: each code point with the
    // zero-width code points that follow it, so that no line of a broken
    // word starts with a combining mark.
    void add_word(std::string_view word);

    // Puts a unit in front of the first word (starting one when there is none).
    void prepend_unit(std::string_view unit);

    std::size_t size() const { return word_ends_.size(); }
    bool empty() const { return word_ends_.empty(); }
    // Word `w`'s units are the indices [first_unit(w), end_unit(w)).
    std::size_t first_unit(std::size_t w) const { return w == 0 ? 0 : word_ends_[w - 1]; }
    std::size_t end_unit(std::size_t w) const { return word_ends_[w]; }
    std::string_view unit(std::size_t u) const { return span(u, u + 1); }
    // A word's bytes: its units, back to back.
    std::string_view word(std::size_t w) const { return span(first_unit(w), end_unit(w)); }

private:
    // The bytes of units [first, end).
    std::string_view span(std::size_t first, std::size_t end) const {
        std::size_t from = first == 0 ? 0 : unit_ends_[first - 1];
        std::size_t to = end == 0 ? 0 : unit_ends_[end - 1];
        return std::string_view(bytes_).substr(from, to - from);
    }

    std::string bytes_;
    std::vector<std::size_t> unit_ends_;  // where each unit ends in bytes_
    std::vector<std::size_t> word_ends_;  // how many units there are up to the end of each word
};

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
std::vector<std::string> wrap(const WrapWords& words, const WrapStyle& style);

}  // namespace glossc::text
