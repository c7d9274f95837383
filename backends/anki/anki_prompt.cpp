#include "anki/anki_prompt.hpp"

#include <algorithm>

#include "anki/anki_html.hpp"

namespace glossc::anki_backend {

namespace {

// The code point that starts at s[i] (a lead byte), without validation: the
// text is valid UTF-8 (readers/sanitize.hpp).
char32_t code_point_at(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    unsigned lead = byte(i);
    if (lead < 0x80) return lead;
    if (lead < 0xE0) return ((lead & 0x1F) << 6) | (byte(i + 1) & 0x3F);
    if (lead < 0xF0) return ((lead & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
    return ((lead & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) | ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F);
}

// A letter or a digit, for the ends of a word. Beyond ASCII, everything but
// the punctuation that sits next to words in prose (Latin-1 signs, dashes
// and quotes, arrows and operators, CJK punctuation): no Unicode tables for
// a test of word ends.
bool is_word(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if ((c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7) return false;
    if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x2190 && c <= 0x22FF) || (c >= 0x3000 && c <= 0x303F)) return false;
    return true;
}

bool word_before(std::string_view s, std::size_t i) {
    if (i == 0) return false;
    std::size_t k = i - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    return is_word(code_point_at(s, k));
}

bool word_at(std::string_view s, std::size_t i) { return i < s.size() && is_word(code_point_at(s, i)); }

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool separator(char c) { return c == ' ' || c == '-'; }

// Where `name` ends when it is written at s[i] (without case, a space or a
// hyphen alike), or npos.
std::size_t name_end(std::string_view s, std::size_t i, std::string_view name) {
    if (s.size() - i < name.size()) return std::string_view::npos;
    for (std::size_t k = 0; k < name.size(); ++k) {
        char a = fold(s[i + k]), b = fold(name[k]);
        if (a != b && !(separator(a) && separator(b))) return std::string_view::npos;
    }
    return i + name.size();
}

// The end of the masked run when `name` is written at s[i] as a whole
// word, with a plural or possessive ending; npos when it is not.
std::size_t whole_word_end(std::string_view s, std::size_t i, std::string_view name) {
    if (name.empty() || (word_at(name, 0) && word_before(s, i))) return std::string_view::npos;
    std::size_t end = name_end(s, i, name);
    if (end == std::string_view::npos) return end;
    if (!word_before(name, name.size())) return end;  // ends in punctuation: no word end to check
    static constexpr std::string_view kEndings[] = {"'s", "\xE2\x80\x99s", "s'", "es", "s", ""};
    for (std::string_view ending : kEndings) {
        std::size_t with = name_end(s, end, ending);
        if (with != std::string_view::npos && !word_at(s, with)) return with;
    }
    return std::string_view::npos;
}

// The names masked in a copy of `text`, node by node; formulas are kept.
void mask_nodes(ir::RichText& text, const std::vector<std::string>& names) {
    for (auto& node : text) {
        if (node.kind == ir::InlineKind::Text || node.kind == ir::InlineKind::Code) node.text = mask_names(node.text, names);
        mask_nodes(node.children, names);
    }
}

}  // namespace

std::string mask_names(std::string_view text, const std::vector<std::string>& names) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t end = std::string_view::npos;
        // A name starts a word or is not a word at all: no need to try inside one.
        for (const auto& name : names)
            if ((end = whole_word_end(text, i, name)) != std::string_view::npos) break;
        if (end != std::string_view::npos) {
            out += kMask;
            i = end;
            continue;
        }
        // One code point on (its continuation bytes are never a name's start).
        do out += text[i++];
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80);
    }
    return out;
}

std::vector<std::string> names_to_mask(const ir::Concept& c) {
    std::vector<std::string> names{c.headword};
    for (const auto& label : c.labels) names.push_back(label.text);
    const std::size_t given = names.size();
    for (std::size_t i = 0; i < given; ++i) {
        const std::string& name = names[i];
        std::size_t open = name.rfind(" (");
        if (open == std::string::npos || name.back() != ')') continue;
        std::string bare = name.substr(0, open);
        if (bare.size() >= 2) names.push_back(std::move(bare));
    }
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (!names.empty() && names.back().empty()) names.pop_back();
    return names;
}

ir::RichText reverse_prompt(const ir::Concept& c) {
    const ir::RichText* chosen = nullptr;
    for (const auto& d : c.definitions)
        if (!shows_nothing(d.summary)) {
            chosen = &d.summary;
            break;
        }
    for (std::size_t i = 0; !chosen && i < c.definitions.size(); ++i) {
        const ir::Blocks& body = c.definitions[i].body;
        if (!body.empty() && body.front().kind == ir::BlockKind::Paragraph && !shows_nothing(body.front().text))
            chosen = &body.front().text;
    }
    if (!chosen) return {};
    ir::RichText prompt = *chosen;
    mask_nodes(prompt, names_to_mask(c));
    return prompt;
}

}  // namespace glossc::anki_backend
