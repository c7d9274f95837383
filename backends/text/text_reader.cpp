// The text backend's reader: parses what the writer writes back into the IR
// (the format is described in text_backend.hpp). It works in two steps:
// lines -> paragraphs (text_paragraphs.hpp), then paragraphs -> glossary, by
// where each paragraph stands and its keyword; a definition's content is
// read as blocks (text_block_reader.hpp).
#include <iterator>
#include <optional>
#include <utility>

#include "text/text_backend.hpp"
#include "text/text_block_reader.hpp"
#include "text/text_format.hpp"
#include "text/text_paragraphs.hpp"

namespace glossc::text_backend {

namespace {

namespace f = format;

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
        while (i < ps_.size()) i = body(i);
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
        } else if (p.is(f::kSources) && p.size() == f::kSources.size()) {
            for (; i + 1 < ps_.size() && ps_[i + 1].indent == 2; ++i) g_.sources.push_back(source(ps_[i + 1]));
        } else if (p.is(f::kCategories) && p.size() == f::kCategories.size()) {
            for (; i + 1 < ps_.size() && ps_[i + 1].indent == 2; ++i) {
                NameId c = require_name_with_id(ps_[i + 1], "a category");
                g_.categories.push_back({c.id, c.name});
            }
        } else {
            fail(p.line, "expected Edition:, Language:, Sources:, Categories: or a section heading");
        }
    }

    // Reads the paragraph at `i` (a definition: with its content); returns
    // the index of the next one.
    std::size_t body(std::size_t i) {
        const Para& p = ps_[i];
        if (p.indent == 0) {
            if (is_heading(p)) return i + 1;
            NameId h = require_name_with_id(p, "a headword line");
            g_.concepts.push_back(ir::Concept{});
            g_.concepts.back().id = h.id;
            g_.concepts.back().headword = h.name;
            categories_.emplace_back();
            related_.emplace_back();
            reference_open_ = false;
            return i + 1;
        }
        if (g_.concepts.empty()) fail(p.line, "expected a headword line");
        ir::Concept& c = g_.concepts.back();
        if (p.indent == 2) {
            reference_open_ = false;
            if (p.is(f::kAlsoCalled)) {
                for (const Para& alias : p.after(f::kAlsoCalled).split(';'))
                    c.labels.push_back({alias.text, f::kShownAliasKind, {}});
            } else if (p.is(f::kCategory) || p.is(f::kCategories)) {
                items(p.after(p.is(f::kCategory) ? f::kCategory : f::kCategories), categories_.back());
            } else if (p.is(f::kFrom)) {
                c.definitions.push_back(definition_header(p.after(f::kFrom)));
                return read_definition_content(ps_, i + 1, c.definitions.back());
            } else if (p.is(f::kSeeAlso)) {
                items(p.after(f::kSeeAlso), related_.back());
            } else if (p.is(f::kReference)) {
                c.references.push_back(ir::Reference{p.after(f::kReference).text, {}, {}, {}, {}});
                reference_open_ = true;
                next_field_ = 0;
            } else {
                fail(p.line, "expected Also called:, Category:, From, See also: or Reference:");
            }
            return i + 1;
        }
        if (!reference_open_ || p.indent != f::kContentIndent || p.kind != Para::Kind::Prose)
            fail(p.line, "unexpected indentation");
        reference_field(p, c.references.back());
        return i + 1;
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

    // A source of the header's list: "Title" or "Title <url>"; the title's
    // "<" are escaped, so the first literal one opens the URL.
    static ir::Source source(const Para& p) {
        ir::Source s;
        std::size_t open = 0;
        while (open < p.size() && !p.lit_at(open, '<')) ++open;
        if (open == p.size()) {
            s.title = p.text;
        } else {
            if (open == 0 || !p.lit_at(open - 1, ' ') || !p.lit_at(p.size() - 1, '>') || open + 1 == p.size())
                fail(p.line, "a source is its title, then its URL in <...>");
            s.title = p.text.substr(0, open - 1);
            s.url = p.text.substr(open + 1, p.size() - open - 2);
        }
        s.id = s.title;  // the editions know a source by its title (common/source_titles.hpp)
        return s;
    }

    // "From Title (flags):", after "From"; the title's last ")" is escaped,
    // so a literal one ending the line closes the flags.
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
        d.source = rest.text;
        return d;
    }

    // The fields of a reference come in a fixed order, each at most once;
    // `next_field_` is the first one still allowed.
    std::size_t take_field(const Para& p, std::size_t field) {
        if (field < next_field_) fail(p.line, "field out of order or repeated");
        next_field_ = field + 1;
        return field;
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

    std::vector<Para> ps_;
    ir::Glossary g_;
    std::vector<std::vector<Item>> categories_;  // per concept, resolved at the end
    std::vector<std::vector<Item>> related_;
    bool reference_open_ = false;  // indentation 4 belongs to a reference
    std::size_t next_field_ = 0;
};

}  // namespace

ir::Glossary read(std::string_view bytes) { return Reader(bytes).run(); }

}  // namespace glossc::text_backend
