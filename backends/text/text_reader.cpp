// The text backend's reader: parses what the writer writes back into the IR
// (the format is described in text_backend.hpp). It works in two steps:
// lines -> paragraphs (indentation, continuation lines, escapes undone), then
// paragraphs -> glossary, by where each paragraph stands and its keyword.
#include <cctype>
#include <charconv>
#include <iterator>
#include <optional>
#include <utility>

#include "text/text_backend.hpp"
#include "text/text_format.hpp"
#include "text/utf8.hpp"

namespace glossc::text_backend {

namespace {

namespace f = format;

[[noreturn]] void fail(std::size_t line, const std::string& message) {
    throw BackendReadError("glossary.txt:" + std::to_string(line) + ": " + message);
}

// One paragraph with its escapes undone. `literal` marks, byte by byte, what
// was written as itself and so may be structure; an escaped character never
// is ("\<;>" is a semicolon in a name, ";" separates names).
struct Para {
    std::size_t line = 0;  // where it starts, 1-based
    std::size_t indent = 0;
    bool is_protected = false;  // starts with \<>, so it is no keyword
    std::string text;
    std::string literal;  // '1' or '0' for each byte of text

    std::size_t size() const { return text.size(); }
    bool lit_at(std::size_t i, char c) const { return i < text.size() && text[i] == c && literal[i] == '1'; }

    Para sub(std::size_t from, std::size_t to = std::string::npos) const {
        Para out{line, indent, false, text.substr(from, to == std::string::npos ? to : to - from), {}};
        out.literal = literal.substr(from, out.text.size());
        return out;
    }

    // Starts with `keyword`, written literally and followed by a space or the end.
    bool is(std::string_view keyword) const {
        if (is_protected || !text.starts_with(keyword)) return false;
        for (std::size_t i = 0; i < keyword.size(); ++i)
            if (literal[i] != '1') return false;
        return size() == keyword.size() || lit_at(keyword.size(), ' ');
    }

    // What follows "keyword " (nothing for a bare keyword).
    Para after(std::string_view keyword) const {
        return size() == keyword.size() ? sub(size()) : sub(keyword.size() + 1);
    }

    std::size_t find_last(char c) const {
        for (std::size_t i = size(); i-- > 0;)
            if (lit_at(i, c)) return i;
        return std::string::npos;
    }

    // Splits at every literal `c` followed by a literal space ("; ", ", ").
    std::vector<Para> split(char c) const {
        std::vector<Para> out;
        std::size_t start = 0;
        for (std::size_t i = 0; i < size(); ++i) {
            if (!lit_at(i, c)) continue;
            if (!lit_at(i + 1, ' ')) fail(line, std::string("expected a space after '") + c + "'");
            out.push_back(sub(start, i));
            start = i + 2;
            ++i;
        }
        out.push_back(sub(start));
        return out;
    }
};

// Appends one line's content to `p`, undoing escapes. Returns true when the
// line ends with the break mark (the word goes on without a space).
bool decode_line(std::string_view s, std::size_t line, Para& p, bool paragraph_start) {
    auto put = [&p](std::string_view bytes, bool literal) {
        p.text += bytes;
        p.literal.append(bytes.size(), literal ? '1' : '0');
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) fail(line, "raw control character (the writer escapes them)");
        if (c != '\\') {
            put(s.substr(i, 1), true);
            continue;
        }
        if (i + 1 == s.size()) return true;
        if (s[i + 1] != '<') {  // a backslash is itself unless it opens "\<...>"
            put("\\", true);
            continue;
        }
        std::size_t close = s.find('>', i + 2);
        if (close == std::string_view::npos) fail(line, "unterminated escape \"\\<\"");
        std::string_view name = s.substr(i + 2, close - i - 2);
        if (name.empty()) {
            if (paragraph_start && i == 0) p.is_protected = true;
        } else if (name == "n") {
            put("\n", false);
        } else if (name == "t") {
            put("\t", false);
        } else if (name == "r") {
            put("\r", false);
        } else if (name == "sp") {
            put(" ", false);
        } else if (name.starts_with("U+")) {
            std::uint32_t cp = 0;
            const char* first = name.data() + 2;
            const char* last = name.data() + name.size();
            if (last - first < 1 || last - first > 6 || std::from_chars(first, last, cp, 16).ptr != last || cp == 0 ||
                cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                fail(line, "bad escape \"\\<" + std::string(name) + ">\"");
            std::string bytes;
            text::append_utf8(bytes, cp);
            put(bytes, false);
        } else if (name.size() == 1 && static_cast<unsigned char>(name[0]) < 0x80 &&
                   std::ispunct(static_cast<unsigned char>(name[0]))) {
            put(name, false);
        } else {
            fail(line, "unknown escape \"\\<" + std::string(name) + ">\"");
        }
        i = close;
    }
    return false;
}

// Lines -> paragraphs. A line continues the paragraph before it when it is
// indented by that paragraph's continuation indent; a blank line ends one.
std::vector<Para> paragraphs(std::string_view bytes) {
    std::vector<Para> out;
    bool open = false;   // the last paragraph may take continuation lines
    bool tight = false;  // its last line ended with the break mark
    std::size_t number = 0;
    for (std::size_t pos = 0; pos < bytes.size();) {
        std::size_t end = bytes.find('\n', pos);
        if (end == std::string_view::npos) end = bytes.size();
        std::string_view line = bytes.substr(pos, end - pos);
        pos = end + 1;
        ++number;
        std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string_view::npos) {
            if (tight) fail(number, "a line ending in '\\' must be continued");
            open = false;
            continue;
        }
        std::string_view content = line.substr(indent);
        if (open && indent == f::continuation_indent(out.back().indent)) {
            if (!tight) {
                out.back().text += ' ';
                out.back().literal += '1';
            }
            tight = decode_line(content, number, out.back(), false);
            continue;
        }
        if (tight) fail(number, "a line ending in '\\' must be continued");
        if (indent != 0 && indent != 2 && indent != 4) fail(number, "unexpected indentation");
        out.push_back(Para{number, indent, false, {}, {}});
        tight = decode_line(content, number, out.back(), true);
        open = true;
    }
    if (tight) fail(number, "a line ending in '\\' must be continued");
    return out;
}

// "text [id]" or "[id]": the last literal "[" opens the id.
struct NameId {
    std::string name;
    std::string id;
};

std::optional<NameId> name_with_id(const Para& p) {
    std::size_t open = p.find_last('[');
    if (open == std::string::npos || !p.lit_at(p.size() - 1, ']') || open + 1 >= p.size()) return std::nullopt;
    if (open > 0 && !p.lit_at(open - 1, ' ')) return std::nullopt;
    return NameId{open == 0 ? std::string() : p.text.substr(0, open - 1), p.text.substr(open + 1, p.size() - open - 2)};
}

NameId require_name_with_id(const Para& p, const char* what) {
    auto parsed = name_with_id(p);
    if (!parsed) fail(p.line, std::string(what) + " must end with its [id]");
    return *parsed;
}

ir::RichText rich(std::string s) {
    if (s.empty()) return {};
    return {ir::text(std::move(s))};
}

// An item of a Category or See also list, resolved once all are read.
struct Item {
    std::size_t line = 0;
    std::string name;
    std::optional<std::string> id;
};

class Reader {
public:
    explicit Reader(std::string_view bytes) : ps_(paragraphs(bytes)) {}

    ir::Glossary run() {
        if (ps_.empty()) fail(1, "empty document: expected the title");
        if (ps_[0].indent != 0) fail(ps_[0].line, "expected the title");
        g_.title = ps_[0].text;
        if (ps_.size() < 2 || !is_underline(ps_[1])) fail(ps_.size() < 2 ? ps_[0].line : ps_[1].line,
                                                          "expected the title's underline of '='");
        std::size_t i = 2;
        for (; i < ps_.size() && !is_heading(ps_[i]); ++i) header(i);
        for (; i < ps_.size(); ++i) body(ps_[i]);
        resolve();
        return std::move(g_);
    }

private:
    static bool is_underline(const Para& p) {
        if (p.indent != 0 || p.size() == 0) return false;
        for (std::size_t i = 0; i < p.size(); ++i)
            if (!p.lit_at(i, '=')) return false;
        return true;
    }

    static bool is_heading(const Para& p) {
        // (A headword line is never one: it ends with "]".)
        if (p.indent != 0 || p.size() < f::kHeadingOpen.size() + f::kHeadingClose.size() + 1)
            return false;
        for (std::size_t i = 0; i < f::kHeadingOpen.size(); ++i)
            if (!p.lit_at(i, f::kHeadingOpen[i])) return false;
        std::size_t close = p.size() - f::kHeadingClose.size();
        for (std::size_t i = 0; i < f::kHeadingClose.size(); ++i)
            if (!p.lit_at(close + i, f::kHeadingClose[i])) return false;
        return true;
    }

    void header(std::size_t& i) {
        const Para& p = ps_[i];
        if (p.indent != 0) fail(p.line, "unexpected indentation in the header");
        if (p.is(f::kEdition)) {
            g_.edition = p.after(f::kEdition).text;
        } else if (p.is(f::kLanguage)) {
            g_.language = p.after(f::kLanguage).text;
        } else if (p.is(f::kCategories) && p.size() == f::kCategories.size()) {
            for (; i + 1 < ps_.size() && ps_[i + 1].indent == 2; ++i) {
                NameId c = require_name_with_id(ps_[i + 1], "a category");
                g_.categories.push_back({c.id, c.name});
            }
        } else {
            fail(p.line, "expected Edition:, Language:, Categories: or a section heading");
        }
    }

    void body(const Para& p) {
        if (p.indent == 0) {
            if (is_heading(p)) return;
            NameId h = require_name_with_id(p, "a headword line");
            g_.concepts.push_back(ir::Concept{});
            g_.concepts.back().id = h.id;
            g_.concepts.back().headword = h.name;
            categories_.emplace_back();
            related_.emplace_back();
            open_ = Open::None;
            return;
        }
        if (g_.concepts.empty()) fail(p.line, "expected a headword line");
        ir::Concept& c = g_.concepts.back();
        if (p.indent == 2) {
            open_ = Open::None;
            if (p.is(f::kAliases)) {
                aliases(p.after(f::kAliases), c);
            } else if (p.is(f::kCategory) || p.is(f::kCategories)) {
                items(p.after(p.is(f::kCategory) ? f::kCategory : f::kCategories), categories_.back());
            } else if (p.is(f::kFrom)) {
                c.definitions.push_back(definition_header(p.after(f::kFrom)));
                open_ = Open::Definition;
                next_field_ = 0;
            } else if (p.is(f::kSeeAlso)) {
                items(p.after(f::kSeeAlso), related_.back());
            } else if (p.is(f::kReference)) {
                c.references.push_back(ir::Reference{p.after(f::kReference).text, {}, {}, {}, {}});
                open_ = Open::Reference;
                next_field_ = 0;
            } else {
                fail(p.line, "expected Aliases:, Category:, From, See also: or Reference:");
            }
            return;
        }
        if (open_ == Open::Definition) {
            definition_field(p, c.definitions.back());
        } else if (open_ == Open::Reference) {
            reference_field(p, c.references.back());
        } else {
            fail(p.line, "unexpected indentation");
        }
    }

    void aliases(const Para& list, ir::Concept& c) {
        for (const Para& alias : list.split(';')) {
            std::size_t open = alias.find_last('(');
            ir::Label label;
            if (open == std::string::npos || (open > 0 && !alias.lit_at(open - 1, ' ')) ||
                !alias.lit_at(alias.size() - 1, ')') ||
                !ir::parse_label_kind(alias.text.substr(open + 1, alias.size() - open - 2), label.kind))
                fail(list.line, "an alias must end with its kind, e.g. \"(abbreviation)\"");
            label.text = open == 0 ? std::string() : alias.text.substr(0, open - 1);
            c.labels.push_back(std::move(label));
        }
    }

    static void items(const Para& list, std::vector<Item>& out) {
        for (const Para& item : list.split(';')) {
            if (item.find_last('[') != std::string::npos) {
                NameId parsed = require_name_with_id(item, "an item with an id");
                out.push_back({list.line, parsed.name, parsed.id});
            } else {
                if (item.size() == 0) fail(list.line, "empty item");
                out.push_back({list.line, item.text, std::nullopt});
            }
        }
    }

    static ir::Definition definition_header(const Para& header) {
        ir::Definition d;
        if (header.size() == 0 || !header.lit_at(header.size() - 1, ':'))
            fail(header.line, "a definition's From line must end with ':'");
        Para rest = header.sub(0, header.size() - 1);
        if (rest.size() > 0 && rest.lit_at(rest.size() - 1, ')')) {
            std::size_t open = rest.find_last('(');
            if (open == std::string::npos || open == 0 || !rest.lit_at(open - 1, ' '))
                fail(header.line, "unbalanced flags in a From line");
            for (const Para& flag : rest.sub(open + 1, rest.size() - 1).split(',')) d.flags.push_back(flag.text);
            rest = rest.sub(0, open - 1);
        }
        for (std::size_t i = 0; i < rest.size(); ++i) {
            if (!rest.lit_at(i, ',')) continue;
            Para line = rest.sub(i + 1);
            std::string expected = " " + std::string(f::kLine) + " ";
            if (!line.text.starts_with(expected) || line.literal.find('0') != std::string::npos)
                fail(header.line, "expected \", line N\" in a From line");
            std::string_view digits = std::string_view(line.text).substr(expected.size());
            auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), d.line);
            if (digits.empty() || error != std::errc() || end != digits.data() + digits.size())
                fail(header.line, "bad line number in a From line");
            rest = rest.sub(0, i);
            break;
        }
        d.source = rest.text;
        return d;
    }

    // The fields of a definition or a reference come in a fixed order, each
    // at most once; `next_field_` is the first one still allowed.
    std::size_t take_field(const Para& p, std::size_t field) {
        if (field < next_field_) fail(p.line, "field out of order or repeated");
        next_field_ = field + 1;
        return field;
    }

    void definition_field(const Para& p, ir::Definition& d) {
        std::size_t field;
        Para value = p;
        if (p.is(f::kDetails)) {
            field = take_field(p, 2);
            value = p.after(f::kDetails);
        } else if (p.is(f::kExample)) {
            field = take_field(p, 3);
            value = p.after(f::kExample);
        } else {
            if (next_field_ > 1) fail(p.line, "a definition has a summary and a body, then Details: and Example:");
            field = take_field(p, next_field_);
        }
        f::rich_field(d, field) = rich(std::move(value.text));
    }

    void reference_field(const Para& p, ir::Reference& r) {
        const std::pair<std::string_view, std::string ir::Reference::*> fields[] = {
            {f::kAuthors, &ir::Reference::authors},
            {f::kVenue, &ir::Reference::venue},
            {f::kArxiv, &ir::Reference::arxiv},
            {f::kUrl, &ir::Reference::url}};
        for (std::size_t i = 0; i < std::size(fields); ++i) {
            if (!p.is(fields[i].first)) continue;
            take_field(p, i);
            r.*fields[i].second = p.after(fields[i].first).text;
            return;
        }
        fail(p.line, "expected Authors:, Venue:, arXiv: or URL:");
    }

    // Names without an [id] stand for the one category (concept) that has them.
    void resolve() {
        for (std::size_t c = 0; c < g_.concepts.size(); ++c) {
            for (const Item& item : categories_[c])
                g_.concepts[c].categories.push_back(resolve(item, g_.categories, &ir::Category::label,
                                                            &ir::Category::id, "category"));
            for (const Item& item : related_[c])
                g_.concepts[c].related.push_back(resolve(item, g_.concepts, &ir::Concept::headword,
                                                         &ir::Concept::id, "concept"));
        }
    }

    template <typename T>
    static std::string resolve(const Item& item, const std::vector<T>& table, std::string T::*name,
                               std::string T::*id, const char* what) {
        if (item.id) return *item.id;
        const T* found = nullptr;
        for (const T& entry : table) {
            if (entry.*name != item.name) continue;
            if (found) fail(item.line, std::string("ambiguous ") + what + " name without [id]: " + item.name);
            found = &entry;
        }
        if (!found) fail(item.line, std::string("unknown ") + what + ": " + item.name);
        return found->*id;
    }

    enum class Open { None, Definition, Reference };  // what indentation 4 belongs to

    std::vector<Para> ps_;
    ir::Glossary g_;
    std::vector<std::vector<Item>> categories_;  // per concept, resolved at the end
    std::vector<std::vector<Item>> related_;
    Open open_ = Open::None;
    std::size_t next_field_ = 0;
};

}  // namespace

ir::Glossary read(std::string_view bytes) { return Reader(bytes).run(); }

}  // namespace glossc::text_backend
