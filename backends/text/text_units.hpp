// What the text backend's writer writes values as: escaped units for the
// wrapper (compiler/text/wrap.hpp), so that every character comes back
// (the escapes are described in text_backend.hpp).
// (Internal to backends/text.)
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "text/wrap.hpp"

namespace glossc::text_backend {

// One paragraph being built, as the words the wrapper fills lines with.
// Structure is added with lit(), content with value(), which escapes it.
class Paragraph {
public:
    // Structural ASCII text; a space in it separates words.
    Paragraph& lit(std::string_view ascii);

    // Content, escaped so that it reads back exactly; `specials` are the
    // characters that are structure where it stands, `last_specials` those
    // that are structure only as its last character (a title's ")" before
    // a From line's flags).
    Paragraph& value(std::string_view s, std::string_view specials = {}, std::string_view last_specials = {});

    // Content kept on one word: every space in it is escaped (a code
    // block's language, which must stay on its fence line).
    Paragraph& word(std::string_view s);

    // A value where an empty one would leave no trace (a title, a source).
    Paragraph& slot(std::string_view s, std::string_view specials = {}, std::string_view last_specials = {});

    // The paragraph as the reader will see it, before wrapping.
    std::string joined() const;

    // Puts \<> in front of an empty paragraph, of one that would start like
    // one of `prefixes` (a keyword) or, with `blocks`, of one that would
    // open a block (a list item, a fence, a table row).
    Paragraph& protect(std::initializer_list<std::string_view> prefixes, bool blocks = true);

    bool empty() const { return words_.empty(); }
    const text::WrapWords& words() const { return words_; }

private:
    Paragraph& escaped(std::string_view s, std::string_view specials, std::string_view last_specials, bool one_word);
    void separate() { fresh_ = true; }
    void unit(std::string_view u) {
        if (fresh_ || words_.empty()) words_.start_word();
        fresh_ = false;
        words_.add_unit(u);
    }
    // Characters of one byte each, each its own unit.
    void byte_units(std::string_view run) {
        if (fresh_ || words_.empty()) words_.start_word();
        fresh_ = false;
        words_.add_byte_units(run);
    }

    text::WrapWords words_;
    bool fresh_ = true;  // the next unit starts a new word
};

// Wraps `p` at `indent` (its following lines at the continuation indent) and
// appends the lines to `out`; returns them.
std::vector<std::string> emit(std::string& out, const Paragraph& p, std::size_t indent);

// Appends one line of a code block or of display math at `indent`, as it is:
// never re-wrapped, escaped only where the format needs it (a control
// character, a backslash that would read as an escape or a break mark, a
// space ending the line, a line equal to the block's `closer`); a line too
// wide for the page is broken with the break mark, its pieces at `indent`.
void emit_literal_line(std::string& out, std::string_view line, std::string_view closer, std::size_t indent);

}  // namespace glossc::text_backend
