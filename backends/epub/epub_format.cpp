#include "epub/epub_format.hpp"

#include <cstdio>

#include <utf8proc.h>

#include "text/escape.hpp"
#include "text/utf8.hpp"

namespace glossc::epub_backend::format {

namespace {

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The suffix shared by a section's file name and manifest id.
std::string section_key(std::string_view section) {
    if (section == "#") return "symbols";
    if (section.size() == 1 && is_ascii_alnum(section[0]))
        return std::string(1, static_cast<char>(section[0] | 0x20));  // ASCII lower case
    utf8proc_int32_t cp = 0;
    utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(section.data()),
                     static_cast<utf8proc_ssize_t>(section.size()), &cp);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "u%04x", static_cast<unsigned>(cp < 0 ? 0xFFFD : cp));
    return buffer;
}

}  // namespace

std::string section_file(std::string_view section) { return "glossary-" + section_key(section) + ".xhtml"; }
std::string section_item_id(std::string_view section) { return "g-" + section_key(section); }
std::string section_anchor(std::string_view section) { return "letter-" + section_key(section); }

std::string visible(std::string_view s) {
    std::string valid = text::repair_utf8(s);
    std::string out;
    out.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size(); ++i) {
        auto c = static_cast<unsigned char>(valid[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            // U+2400 + c, encoded: E2 90 80+c.
            out += "\xE2\x90";
            out += static_cast<char>(0x80 + c);
        } else if (c == 0xEF && i + 2 < valid.size() && static_cast<unsigned char>(valid[i + 1]) == 0xBF &&
                   (static_cast<unsigned char>(valid[i + 2]) == 0xBE ||
                    static_cast<unsigned char>(valid[i + 2]) == 0xBF)) {
            out += "\xEF\xBF\xBD";  // U+FFFE, U+FFFF are not XML characters
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

namespace {

// text::escape_html, and a carriage return; in attributes also tab and line
// feed. (One pass: escape_html and a second pass over its output cost two
// copies of every value.)
void append_escaped(std::string& out, std::string_view s, bool attribute) {
    text::append_escaped_html(out, s, [attribute](char c) -> const char* {
        switch (c) {
            case '\r': return "&#13;";
            case '\t': return attribute ? "&#9;" : nullptr;
            case '\n': return attribute ? "&#10;" : nullptr;
            default: return nullptr;
        }
    });
}

// True when visible(s) is s itself: ASCII without C0 controls other than
// tab, line feed and carriage return. Nearly every value is, and skips
// visible()'s copies.
bool already_visible(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) return false;
    return true;
}

void append_visible_escaped(std::string& out, std::string_view s, bool attribute) {
    if (already_visible(s)) {
        append_escaped(out, s, attribute);
    } else {
        append_escaped(out, visible(s), attribute);
    }
}

std::string escaped(std::string_view s, bool attribute) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    append_visible_escaped(out, s, attribute);
    return out;
}

}  // namespace

std::string xml_text(std::string_view s) { return escaped(s, false); }

void append_xml_text(std::string& out, std::string_view s) { append_visible_escaped(out, s, false); }

std::string xml_attribute(std::string_view s) { return escaped(s, true); }

std::string book_language(std::string_view language) {
    // BCP 47 in outline: a 2-8 letter primary subtag, then 1-8 alphanumeric subtags.
    std::size_t i = 0;
    while (i < language.size() && is_ascii_alnum(language[i]) && !(language[i] >= '0' && language[i] <= '9')) ++i;
    bool ok = i >= 2 && i <= 8;
    while (ok && i < language.size()) {
        if (language[i] != '-') {
            ok = false;
            break;
        }
        std::size_t start = ++i;
        while (i < language.size() && is_ascii_alnum(language[i])) ++i;
        ok = i - start >= 1 && i - start <= 8;
    }
    return ok ? std::string(language) : std::string("und");
}

std::string anchor(std::string_view id) {
    bool plain = !id.empty() && id[0] != '_';
    for (char c : id) plain = plain && (is_ascii_alnum(c) || c == '-' || c == '.' || c == '_');
    if (plain) return std::string(id);
    std::string out = "_";
    for (unsigned char c : id) {
        char buffer[3];
        std::snprintf(buffer, sizeof buffer, "%02x", c);
        out += buffer;
    }
    return out;
}

std::optional<std::string> id_of_anchor(std::string_view anchor) {
    if (anchor.empty()) return std::nullopt;
    if (anchor[0] != '_') return std::string(anchor);
    std::string_view digits = anchor.substr(1);
    if (digits.size() % 2 != 0) return std::nullopt;
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::string id;
    for (std::size_t i = 0; i < digits.size(); i += 2) {
        int high = value(digits[i]), low = value(digits[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        id += static_cast<char>(high * 16 + low);
    }
    return id;
}

bool repeats_headword(const ir::Label& label, const ir::Concept& concept_) {
    return label.kind == ir::LabelKind::Preferred && label.text == concept_.headword;
}

}  // namespace glossc::epub_backend::format
