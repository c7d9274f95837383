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
// Stored flat: every word's bytes back to back, where each word ends, and
// where each unit of more than one byte lies. A unit of one byte (nearly
// every character of Latin text) is recorded by nothing at all: a string,
// or even an offset, per character was the text backend's largest cost.
class WrapWords {
public:
    // Starts a word; units are added to the last word started.
    void start_word() { word_ends_.push_back(bytes_.size()); }

    // Adds a unit to the last word (starting one when there is none).
    void add_unit(std::string_view unit) {
        if (word_ends_.empty()) start_word();
        if (unit.size() > 1) long_units_.push_back({bytes_.size(), bytes_.size() + unit.size()});
        bytes_ += unit;
        word_ends_.back() = bytes_.size();
    }

    // Adds each byte of `run` as a unit of its own (ASCII text).
    void add_byte_units(std::string_view run) {
        if (word_ends_.empty()) start_word();
        bytes_ += run;
        word_ends_.back() = bytes_.size();
    }

    // Appends bytes to the last word's last unit (a combining mark stays
    // with its character); a word without a unit yet gets them as its first.
    void extend_unit(std::string_view bytes) {
        const std::size_t word_begin = word_ends_.size() < 2 ? 0 : word_ends_[word_ends_.size() - 2];
        if (word_ends_.empty() || bytes_.size() == word_begin) {
            add_unit(bytes);
            return;
        }
        if (long_units_.empty() || long_units_.back().end != bytes_.size())
            long_units_.push_back({bytes_.size() - 1, bytes_.size()});  // the last unit was one byte
        bytes_ += bytes;
        long_units_.back().end = bytes_.size();
        word_ends_.back() = bytes_.size();
    }

    // Adds a word of plain UTF-8, as units: each code point with the
    // zero-width code points that follow it, so that no line of a broken
    // word starts with a combining mark.
    void add_word(std::string_view word);

    // Puts a unit in front of the first word (starting one when there is none).
    void prepend_unit(std::string_view unit);

    std::size_t size() const { return word_ends_.size(); }
    bool empty() const { return word_ends_.empty(); }
    // A word's bytes: its units, back to back.
    std::string_view word(std::size_t w) const {
        const std::size_t begin = w == 0 ? 0 : word_ends_[w - 1];
        return std::string_view(bytes_).substr(begin, word_ends_[w] - begin);
    }
    // A word's units, in order.
    std::vector<std::string_view> units(std::size_t w) const;

private:
    struct Span {
        std::size_t begin, end;  // in bytes_
    };
    std::string bytes_;
    std::vector<std::size_t> word_ends_;  // where each word ends in bytes_
    std::vector<Span> long_units_;        // the units of more than one byte, in order
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
