// Escaping (the one escaping function, and its inverse for the reader),
// label keys and the other small rules the writer and the reader share.
#include "latex/latex_format.hpp"

#include <algorithm>
#include <cstdio>

#include <utf8proc.h>

#include "latex/latex_backend.hpp"
#include "text/arxiv.hpp"
#include "text/braces.hpp"
#include "text/utf8.hpp"

namespace glossc::latex_backend {

namespace format {

namespace {

std::string hex(char32_t cp) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(cp));
    return buffer;
}

// What a visible replacement shows: the control picture of a C0 control or
// DEL, "⟨U+XXXX⟩" for anything else.
std::string shown(char32_t cp) {
    std::string out;
    if (cp < 0x20) {
        text::append_utf8(out, 0x2400 + cp);
    } else if (cp == 0x7F) {
        text::append_utf8(out, 0x2421);
    } else {
        out = "\u27E8U+" + hex(cp) + "\u27E9";
    }
    return out;
}

[[noreturn]] void fail(const std::string& message) { throw BackendReadError("glossary.tex: " + message); }

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The braced argument starting at s[i] == '{': its content; i moves past it.
std::string_view braced(std::string_view s, std::size_t& i) {
    if (i >= s.size() || s[i] != '{') fail("expected '{' in escaped text");
    std::size_t close = text::matching_brace(s, i);
    if (close == std::string_view::npos) fail("unbalanced braces in escaped text");
    std::string_view content = s.substr(i + 1, close - i - 1);
    i = close + 1;
    return content;
}

char32_t parse_hex(std::string_view digits) {
    if (digits.size() < 4 || digits.size() > 6) fail("bad code point '" + std::string(digits) + "'");
    char32_t value = 0;
    for (char c : digits) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) fail("bad code point '" + std::string(digits) + "'");
        value = value * 16 + static_cast<char32_t>(d);
    }
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) fail("bad code point '" + std::string(digits) + "'");
    return value;
}

}  // namespace

CharClass classify(char32_t cp) {
    // Printable ASCII is plain, the ASCII controls are Cc: no table lookup
    // for most of a glossary's characters.
    if (cp < 0x80) return cp >= 0x20 && cp != 0x7F ? CharClass::Plain : CharClass::Visible;
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
        case UTF8PROC_CATEGORY_CC:
        case UTF8PROC_CATEGORY_CN:
        case UTF8PROC_CATEGORY_CO:
        case UTF8PROC_CATEGORY_CS:
        case UTF8PROC_CATEGORY_ZL:
        case UTF8PROC_CATEGORY_ZP: return CharClass::Visible;
        default: break;
    }
    // Zero-width joiners stay: emoji sequences and scripts need them.
    if (cp != 0x200C && cp != 0x200D && utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->ignorable)
        return CharClass::Invisible;
    return CharClass::Plain;
}

std::string unescape_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == '{' || c == '}') fail("an unescaped brace in escaped text");
        if (c != '\\') {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 >= s.size()) fail("a lone backslash in escaped text");
        char next = s[i + 1];
        if (std::string_view("{}$&#%_").find(next) != std::string_view::npos) {
            out += next;
            i += 2;
            continue;
        }
        std::size_t end = i + 1;
        while (end < s.size() && is_letter(s[end])) ++end;
        std::string_view name = s.substr(i + 1, end - i - 1);
        i = end;
        if (name == "textbackslash" || name == "textasciicircum" || name == "textasciitilde") {
            if (!braced(s, i).empty()) fail("\\" + std::string(name) + " with an argument");
            out += name == "textbackslash" ? '\\' : name == "textasciicircum" ? '^' : '~';
        } else if (name == "gcchar") {
            char32_t cp = parse_hex(braced(s, i));
            braced(s, i);  // what it shows
            text::append_utf8(out, cp);
        } else if (name == "gcinvisible") {
            text::append_utf8(out, parse_hex(braced(s, i)));
        } else {
            fail("unexpected command \\" + std::string(name) + " in escaped text");
        }
    }
    return out;
}

std::string escape_code_line(std::string_view line) {
    std::string out;
    // escape_text() writes a space only for a space of the text.
    for (char c : escape_text(line)) {
        if (c == ' ') out += '\\';
        out += c;
    }
    return out;
}

std::string unescape_code_line(std::string_view s) {
    std::string text;
    text.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ') fail("a bare space in a code line");
        if (s[i] == '\\' && i + 1 < s.size()) {
            if (s[i + 1] == ' ') {
                text += ' ';
            } else {
                text += s.substr(i, 2);  // a control word's first letter or an escaped character
            }
            ++i;
            continue;
        }
        text += s[i];
    }
    return unescape_text(text);
}

std::string label_key(std::string_view id) {
    bool plain = !id.empty();
    for (char c : id) plain = plain && (is_letter(c) || (c >= '0' && c <= '9') || c == '-');
    if (plain) return "gc:" + std::string(id);
    std::string out = "gcx:";
    static constexpr char kDigits[] = "0123456789abcdef";
    for (unsigned char c : id) {
        out += kDigits[c >> 4];
        out += kDigits[c & 15];
    }
    return out;
}

bool linkable_url(std::string_view url) {
    if (url.empty()) return false;
    for (unsigned char c : url)
        if (c <= 0x20 || c >= 0x7F || std::string_view("\\{}^\"<>`").find(static_cast<char>(c)) != std::string_view::npos)
            return false;
    return true;
}

bool linkable_arxiv(std::string_view id) { return text::is_arxiv_id(id); }

bool pdf_language(std::string_view language) {
    if (language.empty() || language.size() > 35) return false;
    for (char c : language)
        if (!(is_letter(c) || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

std::string cut(std::string_view s, std::size_t max) {
    std::size_t i = 0, count = 0;
    while (i < s.size() && count < max) {
        utf8proc_int32_t cp = -1;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
        i += n > 0 ? static_cast<std::size_t>(n) : 1;
        ++count;
    }
    if (i >= s.size()) return std::string(s);
    return std::string(s.substr(0, i)) + "\u2026";
}

}  // namespace format

std::string escape_text(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    // Printable ASCII other than TeX's specials is written as it is: nearly
    // all of a glossary, copied a run at a time.
    auto plain = [](char c) {
        switch (c) {
            case '\\': case '^': case '~': case '{': case '}': case '$': case '&': case '#': case '%': case '_':
                return false;
            default: return c >= 0x20 && c < 0x7F;
        }
    };
    for (std::size_t i = 0; i < s.size();) {
        if (plain(s[i])) {
            const auto end = static_cast<std::size_t>(std::find_if_not(s.begin() + i, s.end(), plain) - s.begin());
            out.append(s, i, end - i);
            i = end;
            continue;
        }
        utf8proc_int32_t decoded = static_cast<unsigned char>(s[i]);
        utf8proc_ssize_t n = 1;  // an ASCII byte is its own code point
        if (decoded >= 0x80)
            n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                 static_cast<utf8proc_ssize_t>(s.size() - i), &decoded);
        // Invalid UTF-8 cannot come from the readers (the driver repairs it);
        // a stray byte is written as U+FFFD, as in the other backends.
        char32_t cp = n > 0 && decoded >= 0 ? static_cast<char32_t>(decoded) : 0xFFFD;
        std::string_view bytes = n > 0 ? s.substr(i, static_cast<std::size_t>(n)) : std::string_view("\xEF\xBF\xBD");
        i += n > 0 ? static_cast<std::size_t>(n) : 1;
        switch (cp) {
            case '\\': out += "\\textbackslash{}"; continue;
            case '^': out += "\\textasciicircum{}"; continue;
            case '~': out += "\\textasciitilde{}"; continue;
            case '{':
            case '}':
            case '$':
            case '&':
            case '#':
            case '%':
            case '_':
                out += '\\';
                out += static_cast<char>(cp);
                continue;
            default: break;
        }
        switch (format::classify(cp)) {
            case format::CharClass::Plain: out += bytes; break;
            case format::CharClass::Visible:
                out += "\\gcchar{" + format::hex(cp) + "}{" + format::shown(cp) + "}";
                break;
            case format::CharClass::Invisible: out += "\\gcinvisible{" + format::hex(cp) + "}"; break;
        }
    }
    return out;
}

}  // namespace glossc::latex_backend
