// The text backend's escaping writer side (text_units.hpp).
#include "text/text_units.hpp"

#include <algorithm>
#include <cstdio>

#include <utf8proc.h>

#include "text/text_backend.hpp"
#include "text/text_format.hpp"

namespace glossc::text_backend {

namespace {

namespace f = format;

// Code points written as \<U+HEX>: controls, and those that would break the
// line (U+2028/9), silently reorder what the terminal shows (bidi controls)
// or be taken for a byte order mark.
bool needs_code_escape(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0xFEFF;
}

// The escape a code point needs wherever it stands (a control character, a
// line or paragraph separator...), or nothing.
std::string_view fixed_escape(char32_t cp, char (&buffer)[16]) {
    if (cp == '\n') return "\\<n>";
    if (cp == '\t') return "\\<t>";
    if (cp == '\r') return "\\<r>";
    if (!needs_code_escape(cp)) return {};
    std::snprintf(buffer, sizeof buffer, "\\<U+%X>", static_cast<unsigned>(cp));
    return buffer;
}

// The code point at s[i], advancing i; a stray byte is U+FFFD (invalid UTF-8
// cannot come from the readers, which the driver repairs; as in the JSON
// backend). `bytes` is what to write for it.
char32_t next_code_point(std::string_view s, std::size_t& i, std::string_view& bytes) {
    const std::size_t start = i;
    // ASCII needs no decoding.
    utf8proc_ssize_t n = 1;
    utf8proc_int32_t decoded = static_cast<unsigned char>(s[i]);
    if (decoded >= 0x80)
        n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                             static_cast<utf8proc_ssize_t>(s.size() - i), &decoded);
    i += n > 0 ? static_cast<std::size_t>(n) : 1;
    bool valid = n > 0 && decoded >= 0;
    bytes = valid ? s.substr(start, i - start) : std::string_view("\xEF\xBF\xBD");
    return valid ? static_cast<char32_t>(decoded) : 0xFFFD;
}

// "\<c>" for an ASCII character.
std::string punct_escape(char c) { return std::string("\\<") + c + '>'; }

}  // namespace

Paragraph& Paragraph::lit(std::string_view ascii) {
    for (std::size_t i = 0; i < ascii.size();) {
        if (ascii[i] == ' ') {
            separate();
            ++i;
            continue;
        }
        const std::size_t end = std::min(ascii.find(' ', i), ascii.size());
        byte_units(ascii.substr(i, end - i));
        i = end;
    }
    return *this;
}

Paragraph& Paragraph::value(std::string_view s, std::string_view specials, std::string_view last_specials) {
    return escaped(s, specials, last_specials, false);
}

Paragraph& Paragraph::word(std::string_view s) { return escaped(s, {}, {}, true); }

Paragraph& Paragraph::escaped(std::string_view s, std::string_view specials, std::string_view last_specials,
                              bool one_word) {
    // A last character that is structure there is left to the escaping
    // below: the plain runs stop before it.
    const bool escape_last = !s.empty() && last_specials.find(s.back()) != std::string_view::npos;
    const std::size_t plain_end = s.size() - (escape_last ? 1 : 0);
    // Printable ASCII that is neither a backslash nor special here is
    // written as it is, one unit per character: nearly all of the text,
    // taken a run at a time.
    auto plain = [specials](char c) {
        return c > ' ' && c < 0x7F && c != '\\' && specials.find(c) == std::string_view::npos;
    };
    for (std::size_t i = 0; i < s.size();) {
        if (i < plain_end && plain(s[i])) {
            const auto end = static_cast<std::size_t>(
                std::find_if_not(s.begin() + i, s.begin() + plain_end, plain) - s.begin());
            byte_units(s.substr(i, end - i));
            i = end;
            continue;
        }
        const std::size_t start = i;
        std::string_view bytes;
        const char32_t cp = next_code_point(s, i, bytes);
        char buffer[16];
        if (cp == ' ') {
            // Lines break at single spaces between non-spaces only; every
            // other space is visible, so wrapping loses none.
            bool single = !one_word && start > 0 && s[start - 1] != ' ' && i < s.size() && s[i] != ' ';
            if (single) {
                separate();
            } else {
                unit("\\<sp>");
            }
        } else if (cp == '\\') {
            // TeX source keeps its backslashes as they are; only one that
            // could be read as an escape ("\<") or as the break mark at
            // a line end (a word's last character) is escaped.
            bool ambiguous = i == s.size() || s[i] == ' ' || s[i] == '<';
            unit(ambiguous ? "\\<\\>" : "\\");
        } else if (std::string_view escape = fixed_escape(cp, buffer); !escape.empty()) {
            unit(escape);
        } else if (cp < 0x80 && (specials.find(static_cast<char>(cp)) != std::string_view::npos ||
                                 (escape_last && i == s.size()))) {
            unit(punct_escape(static_cast<char>(cp)));
        } else if (cp >= 0x80 && text::code_point_width(cp) == 0 && !fresh_ && !words_.empty()) {
            // A combining mark stays with its character when a long word is broken.
            words_.extend_unit(bytes);
        } else {
            unit(bytes);
        }
    }
    return *this;
}

Paragraph& Paragraph::slot(std::string_view s, std::string_view specials, std::string_view last_specials) {
    if (s.empty()) return lit("\\<>");
    return value(s, specials, last_specials);
}

std::string Paragraph::joined() const {
    std::string out;
    for (std::size_t w = 0; w < words_.size(); ++w) {
        if (!out.empty()) out += ' ';
        out += words_.word(w);
    }
    return out;
}

Paragraph& Paragraph::protect(std::initializer_list<std::string_view> prefixes, bool blocks) {
    std::string text = joined();
    bool needed = words_.empty();
    for (auto prefix : prefixes) needed = needed || text.starts_with(prefix);
    // What is written as itself is what the reader may take for structure.
    auto at = [&text](std::size_t i) { return i < text.size() ? text[i] : '\0'; };
    needed = needed || (blocks && f::block_start(text.size(), at).opens != f::Opens::Paragraph);
    if (!needed) return *this;
    words_.prepend_unit("\\<>");
    return *this;
}

std::vector<std::string> emit(std::string& out, const Paragraph& p, std::size_t indent) {
    auto lines = text::wrap(p.words(), {kWidth, indent, f::continuation_indent(indent), "\\"});
    for (const auto& line : lines) {
        out += line;
        out += '\n';
    }
    return lines;
}

void emit_literal_line(std::string& out, std::string_view line, std::string_view closer, std::size_t indent) {
    if (line.empty()) {  // a blank line, without trailing spaces
        out += '\n';
        return;
    }
    text::WrapWords words;
    words.start_word();
    const bool closes = line == closer;
    for (std::size_t i = 0; i < line.size();) {
        const std::size_t start = i;
        std::string_view bytes;
        const char32_t cp = next_code_point(line, i, bytes);
        char buffer[16];
        if (start == 0 && closes) {
            words.add_unit(punct_escape(line[0]));  // a line that would close the block
        } else if (cp == ' ') {
            words.add_unit(i == line.size() ? "\\<sp>" : " ");  // no line ends with a space
        } else if (cp == '\\') {
            bool ambiguous = i == line.size() || line[i] == '<';
            words.add_unit(ambiguous ? "\\<\\>" : "\\");
        } else if (std::string_view escape = fixed_escape(cp, buffer); !escape.empty()) {
            words.add_unit(escape);
        } else if (cp >= 0x80 && text::code_point_width(cp) == 0 && start > 0) {
            words.extend_unit(bytes);  // a combining mark stays with its character
        } else {
            words.add_unit(bytes);
        }
    }
    // Pieces of a broken line start at `indent` too: the reader strips
    // exactly `indent` spaces, so a piece's own leading spaces come back.
    for (const auto& piece : text::wrap(words, {kWidth, indent, indent, "\\"})) {
        out += piece;
        out += '\n';
    }
}

}  // namespace glossc::text_backend
