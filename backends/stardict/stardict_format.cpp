// What the StarDict backend's writer, reader and project() share
// (stardict_format.hpp).
#include "stardict/stardict_format.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "backend.hpp"
#include "parallel/parallel.hpp"
#include "text/utf8.hpp"

namespace glossc::stardict_backend::format {

namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Bytes of a character that a word cannot hold and an article writes as an
// escape: C0 controls (NUL, line breaks, tab...), DEL, C1 controls and
// U+2028/U+2029 (line and paragraph separators, which viewers may break a
// line at). 0 when s[i] starts no such character.
std::size_t control_at(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x20 || b == 0x7F) return 1;
    auto next = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
    if (b == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) return 2;
    if (b == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)) return 3;
    return 0;
}

// The code point of a control_at() character of `bytes` bytes.
unsigned control_code_point(std::string_view s, std::size_t i, std::size_t bytes) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(s[i + k])); };
    if (bytes == 1) return b(0);
    if (bytes == 2) return b(1);  // U+0080..U+009F is C2 80..C2 9F
    return 0x2000 + (b(2) - 0x80);  // U+2028/U+2029 is E2 80 A8/A9
}

}  // namespace

int compare(std::string_view a, std::string_view b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(ascii_lower(a[i]));
        const auto y = static_cast<unsigned char>(ascii_lower(b[i]));
        if (x != y) return x < y ? -1 : 1;
    }
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    // Equal but for ASCII case: strcmp, which compares bytes as unsigned
    // (as std::char_traits<char> does).
    const int exact = a.compare(b);
    return exact < 0 ? -1 : (exact > 0 ? 1 : 0);
}

Word word_of(std::string_view name) {
    Word out;
    bool space = false;  // a space is owed before the next character
    for (std::size_t i = 0; i < name.size();) {
        std::size_t control = control_at(name, i);
        if (control > 0 || name[i] == ' ') {
            space = !out.text.empty();
            i += control > 0 ? control : 1;
            continue;
        }
        if (space) out.text += ' ';
        space = false;
        out.text += name[i++];
    }
    if (out.text.size() > kMaxWordBytes) {
        // Cut before the character the limit falls in (UTF-8 continuation
        // bytes are 10xxxxxx), and before a space the cut leaves at the end.
        std::size_t cut = kMaxWordBytes;
        while (cut > 0 && (static_cast<unsigned char>(out.text[cut]) & 0xC0) == 0x80) --cut;
        while (cut > 0 && out.text[cut - 1] == ' ') --cut;
        out.text.resize(cut);
        out.shortened = true;
    }
    return out;
}

std::vector<Entry> entries(const ir::Glossary& glossary) {
    std::vector<Entry> out(glossary.concepts.size());
    parallel::for_each_index(out.size(), [&](std::size_t i) {
        const ir::Concept& c = glossary.concepts[i];
        Word word = word_of(c.headword);
        Entry& entry = out[i];
        entry.concept_index = i;
        entry.shortened = word.shortened;
        if (word.text.empty()) {
            entry.unusable = true;
            word = word_of(c.id);
            if (word.text.empty()) word.text = kNoWord;
        }
        entry.word = std::move(word.text);
    });
    parallel::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return word_less(a.word, b.word); });
    return out;
}

std::vector<std::string> synonym_words(const ir::Concept& concept_, std::string_view word) {
    std::vector<std::string> out;
    for (const auto& label : concept_.labels) {
        std::string synonym = word_of(label.text).text;
        if (synonym.empty() || synonym == word) continue;
        if (std::find(out.begin(), out.end(), synonym) == out.end()) out.push_back(std::move(synonym));
    }
    return out;
}

Names::Names(const ir::Glossary& glossary) {
    for (const auto& c : glossary.concepts) concepts_.emplace(c.id, &c.headword);
    for (const auto& c : glossary.categories) categories_.emplace(c.id, &c.label);
}

const std::string& Names::concept_(const std::string& id) const {
    auto it = concepts_.find(id);
    return it == concepts_.end() ? id : *it->second;
}

const std::string& Names::category(const std::string& id) const {
    auto it = categories_.find(id);
    return it == categories_.end() ? id : *it->second;
}

void escape(std::string& out, std::string_view s, std::string_view specials, unsigned edges) {
    std::size_t run = 0;  // start of the characters not yet copied
    auto replace = [&](std::size_t i, std::size_t bytes, std::string_view with) {
        out.append(s.substr(run, i - run));
        out += with;
        run = i + bytes;
    };
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        const bool edge = (i == 0 && (edges & kLineStart)) || (i + 1 == s.size() && (edges & kLineEnd));
        if (c == '\\') {
            // TeX keeps its backslashes; only one that would start an
            // escape, or could with what follows the value, is escaped.
            if (i + 1 == s.size() || s[i + 1] == '<') replace(i, 1, "\\<\\>");
            ++i;
        } else if (c == '\n') {
            replace(i++, 1, "\\<n>");
        } else if (c == '\r') {
            replace(i++, 1, "\\<r>");
        } else if (edge && (c == ' ' || c == '\t')) {
            replace(i++, 1, c == ' ' ? "\\<sp>" : "\\<t>");
        } else if (std::size_t control = c == '\t' ? 0 : control_at(s, i); control > 0) {
            char buffer[16];
            std::snprintf(buffer, sizeof buffer, "\\<U+%X>", control_code_point(s, i, control));
            replace(i, control, buffer);
            i += control;
        } else if (static_cast<unsigned char>(c) < 0x80 && specials.find(c) != std::string_view::npos) {
            const char escaped[] = {'\\', '<', c, '>'};
            replace(i++, 1, std::string_view(escaped, 4));
        } else {
            ++i;
        }
    }
    out.append(s.substr(run));
}

void slot(std::string& out, std::string_view s, std::string_view specials, unsigned edges) {
    if (s.empty()) {
        out += "\\<>";
        return;
    }
    escape(out, s, specials, edges);
}

bool Unescaped::starts_with(std::string_view prefix) const {
    if (prefix.size() > text.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (at(i) != prefix[i]) return false;
    return true;
}

Unescaped Unescaped::sub(std::size_t from, std::size_t to) const {
    Unescaped out;
    from = std::min(from, text.size());
    to = std::min(to, text.size());
    if (to < from) to = from;
    out.text = text.substr(from, to - from);
    out.literal = literal.substr(from, to - from);
    return out;
}

std::vector<Unescaped> Unescaped::split(char separator) const {
    std::vector<Unescaped> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (at(i) != separator) continue;
        out.push_back(sub(start, i));
        start = at(i + 1) == ' ' ? i + 2 : i + 1;
        i = start - 1;
    }
    out.push_back(sub(start));
    return out;
}

Unescaped unescape(std::string_view written, std::string_view where) {
    Unescaped out;
    out.text.reserve(written.size());
    out.literal.reserve(written.size());
    out.is_protected = written.starts_with("\\<>");
    auto add = [&out](std::string_view bytes, char literal) {
        out.text += bytes;
        out.literal.append(bytes.size(), literal);
    };
    for (std::size_t i = 0; i < written.size();) {
        if (written[i] != '\\' || i + 1 >= written.size() || written[i + 1] != '<') {
            // A run of characters written as themselves.
            std::size_t end = written.find('\\', i + 1);
            while (end != std::string_view::npos && (end + 1 >= written.size() || written[end + 1] != '<'))
                end = written.find('\\', end + 1);
            end = std::min(end, written.size());
            add(written.substr(i, end - i), '1');
            i = end;
            continue;
        }
        // "\<" + name + ">"; a name is never ">" itself, so the first ">"
        // after the first character of the name ends it.
        std::size_t close = i + 2 < written.size() && written[i + 2] == '>' ? i + 2 : written.find('>', i + 3);
        if (close == std::string_view::npos)
            throw BackendReadError(std::string(where) + ": unterminated escape");
        std::string_view name = written.substr(i + 2, close - i - 2);
        i = close + 1;
        if (name.empty()) continue;
        if (name == "sp") {
            add(" ", '0');
        } else if (name == "n") {
            add("\n", '0');
        } else if (name == "r") {
            add("\r", '0');
        } else if (name == "t") {
            add("\t", '0');
        } else if (name.size() > 2 && name.starts_with("U+")) {
            unsigned code_point = 0;
            auto [end, error] = std::from_chars(name.data() + 2, name.data() + name.size(), code_point, 16);
            if (error != std::errc() || end != name.data() + name.size() || code_point > 0x10FFFF)
                throw BackendReadError(std::string(where) + ": bad escape \\<" + std::string(name) + ">");
            std::string bytes;
            text::append_utf8(bytes, static_cast<char32_t>(code_point));
            if (code_point == 0) bytes.assign(1, '\0');
            add(bytes, '0');
        } else if (name.size() == 1 && name[0] > ' ' && name[0] < 0x7F &&
                   !(name[0] >= '0' && name[0] <= '9') && !(name[0] >= 'A' && name[0] <= 'Z') &&
                   !(name[0] >= 'a' && name[0] <= 'z')) {
            add(name, '0');  // ASCII punctuation: "\<;>", "\<\>"...
        } else {
            throw BackendReadError(std::string(where) + ": unknown escape \\<" + std::string(name) + ">");
        }
    }
    return out;
}

namespace {

// line_start over any view of a line's characters: `at(i)` is byte i when
// it was written as itself, else '\0'.
// The text edition's block markers (text_backend::format::block_start), with
// one difference: a math fence is "$$" alone on its line, and "$$ x" is
// prose. Then, where `keywords`, "Details:" and "Example:".
template <typename At>
LineStart classify(std::size_t size, At at, bool keywords) {
    using Text = text_backend::format::Opens;
    const auto block = text_backend::format::block_start(size, at);
    switch (block.opens) {
        case Text::Paragraph: break;
        case Text::Bullet: return {Opens::Bullet, block.marker};
        case Text::Ordered: return {Opens::Ordered, block.marker};
        case Text::Quote: return {Opens::Quote, block.marker};
        case Text::Row: return {Opens::Row, block.marker};
        case Text::CodeFence: return {Opens::CodeFence, block.marker};
        case Text::MathFence: return size == kMathFence.size() ? LineStart{Opens::MathFence, block.marker} : LineStart{};
    }
    auto word_ends = [&](std::size_t i) { return i >= size || at(i) == ' '; };
    if (keywords) {
        for (std::string_view keyword : {kDetails, kExample}) {
            bool same = size >= keyword.size();
            for (std::size_t i = 0; same && i < keyword.size(); ++i) same = at(i) == keyword[i];
            if (same && word_ends(keyword.size())) return {Opens::Keyword, keyword.size()};
        }
    }
    return {};
}

}  // namespace

LineStart line_start(const Unescaped& line, bool keywords) {
    if (line.is_protected) return {};
    return classify(line.size(), [&line](std::size_t i) { return line.at(i); }, keywords);
}

LineStart written_line_start(std::string_view written, bool keywords) {
    return classify(written.size(), [written](std::size_t i) { return i < written.size() ? written[i] : '\0'; },
                    keywords);
}

void append_be32(std::string& out, std::uint32_t value) {
    const char bytes[] = {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
                          static_cast<char>(value)};
    out.append(bytes, 4);
}

std::uint32_t read_be32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

}  // namespace glossc::stardict_backend::format
