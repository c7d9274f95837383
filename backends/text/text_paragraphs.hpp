// The text backend's reader, first step: lines -> paragraphs (indentation,
// continuation lines, escapes undone), fenced code and display math read
// line by line as they are. (Internal to backends/text; the format is
// described in text_backend.hpp.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::text_backend {

[[noreturn]] void fail(std::size_t line, const std::string& message);

// One paragraph with its escapes undone. `literal` marks, byte by byte, what
// was written as itself and so may be structure; an escaped character never
// is ("\<;>" is a semicolon in a name, ";" separates names).
struct Para {
    enum class Kind { Prose, Code, Math };  // Code and Math: a fenced block, `text` its lines

    std::size_t line = 0;  // where it starts, 1-based
    std::size_t indent = 0;
    bool is_protected = false;  // starts with \<>, so it is no keyword and opens no block
    std::string text;
    std::string literal;  // '1' or '0' for each byte of text
    Kind kind = Kind::Prose;
    std::string language;  // a code block's

    std::size_t size() const { return text.size(); }
    bool lit_at(std::size_t i, char c) const { return i < text.size() && text[i] == c && literal[i] == '1'; }
    // Byte i when it was written as itself, else '\0' (format::block_start).
    char literal_at(std::size_t i) const { return i < text.size() && literal[i] == '1' ? text[i] : '\0'; }

    Para sub(std::size_t from, std::size_t to = std::string::npos) const;

    // Starts with `keyword`, written literally and followed by a space or the end.
    bool is(std::string_view keyword) const;

    // What follows "keyword " (nothing for a bare keyword).
    Para after(std::string_view keyword) const {
        return size() == keyword.size() ? sub(size()) : sub(keyword.size() + 1);
    }

    std::size_t find_last(char c) const;

    // Splits at every literal `c` followed by a literal space ("; ", ", ").
    std::vector<Para> split(char c) const;
};

// The document's paragraphs, in order. Throws BackendReadError (with the
// line) on what the writer never writes.
std::vector<Para> paragraphs(std::string_view bytes);

}  // namespace glossc::text_backend
