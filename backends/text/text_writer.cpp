// The text backend's writer: the IR as a wrapped, sectioned plain-text
// glossary (the format is described in text_backend.hpp).
#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <unordered_map>
#include <utility>

#include <utf8proc.h>

#include "common/headword_order.hpp"
#include "text/text_backend.hpp"
#include "text/text_format.hpp"
#include "text/wrap.hpp"
#include "parallel/parallel.hpp"

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

// One paragraph being built, as the words the wrapper fills lines with.
// Structure is added with lit(), content with value(), which escapes it.
class Paragraph {
public:
    // Structural ASCII text; a space in it separates words.
    Paragraph& lit(std::string_view ascii) {
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

    // Content, escaped so that it reads back exactly; `specials` are the
    // characters that are structure where it stands.
    Paragraph& value(std::string_view s, std::string_view specials = {}) {
        // Printable ASCII that is neither a backslash nor special here is
        // written as it is, one unit per character: nearly all of the text,
        // taken a run at a time.
        auto plain = [specials](char c) {
            return c > ' ' && c < 0x7F && c != '\\' && specials.find(c) == std::string_view::npos;
        };
        for (std::size_t i = 0; i < s.size();) {
            if (plain(s[i])) {
                const auto end = static_cast<std::size_t>(std::find_if_not(s.begin() + i, s.end(), plain) - s.begin());
                byte_units(s.substr(i, end - i));
                i = end;
                continue;
            }
            std::size_t start = i;
            // ASCII needs no decoding.
            utf8proc_ssize_t n = 1;
            utf8proc_int32_t decoded = static_cast<unsigned char>(s[i]);
            if (decoded >= 0x80)
                n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                     static_cast<utf8proc_ssize_t>(s.size() - i), &decoded);
            // Invalid UTF-8 cannot come from the readers (the driver repairs
            // it); a stray byte is written as U+FFFD, as in the JSON backend.
            char32_t cp = n > 0 && decoded >= 0 ? static_cast<char32_t>(decoded) : 0xFFFD;
            i += n > 0 ? static_cast<std::size_t>(n) : 1;
            if (cp == ' ') {
                // Lines break at single spaces between non-spaces only; every
                // other space is visible, so wrapping loses none.
                bool single = start > 0 && s[start - 1] != ' ' && i < s.size() && s[i] != ' ';
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
            } else if (cp == '\n') {
                unit("\\<n>");
            } else if (cp == '\t') {
                unit("\\<t>");
            } else if (cp == '\r') {
                unit("\\<r>");
            } else if (needs_code_escape(cp)) {
                char buffer[16];
                std::snprintf(buffer, sizeof buffer, "\\<U+%X>", static_cast<unsigned>(cp));
                unit(buffer);
            } else if (cp < 0x80 && specials.find(static_cast<char>(cp)) != std::string_view::npos) {
                const char escape[] = {'\\', '<', static_cast<char>(cp), '>'};
                unit(std::string_view(escape, sizeof escape));
            } else {
                std::string_view bytes = n > 0 ? s.substr(start, i - start) : std::string_view("\xEF\xBF\xBD");
                if (cp >= 0x80 && text::code_point_width(cp) == 0 && !fresh_ && !words_.empty()) {
                    // A combining mark stays with its character when a long word is broken.
                    words_.extend_unit(bytes);
                } else {
                    unit(bytes);
                }
            }
        }
        return *this;
    }

    // A value where an empty one would leave no trace (a title, a source).
    Paragraph& slot(std::string_view s, std::string_view specials = {}) {
        if (s.empty()) return lit("\\<>");
        return value(s, specials);
    }

    // The paragraph as the reader will see it, before wrapping.
    std::string joined() const {
        std::string out;
        for (std::size_t w = 0; w < words_.size(); ++w) {
            if (!out.empty()) out += ' ';
            out += words_.word(w);
        }
        return out;
    }

    // Puts \<> in front of an empty paragraph, or of one that would start
    // like one of `prefixes` (a keyword).
    Paragraph& protect(std::initializer_list<std::string_view> prefixes) {
        std::string text = joined();
        bool needed = words_.empty();
        for (auto prefix : prefixes) needed = needed || text.starts_with(prefix);
        if (!needed) return *this;
        words_.prepend_unit("\\<>");
        return *this;
    }

    bool empty() const { return words_.empty(); }
    const text::WrapWords& words() const { return words_; }

private:
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

class Writer {
public:
    explicit Writer(const ir::Glossary& g) : g_(g) {
        for (const auto& c : g.concepts) {
            ++headword_count_[c.headword];
            concept_by_id_.emplace(c.id, &c);
        }
        for (const auto& c : g.categories) {
            ++label_count_[c.label];
            category_by_id_.emplace(c.id, &c);
        }
    }

    // The document, a batch of concepts at a time: each concept is rendered
    // on its own (on several threads) and the batch handed to the sink in
    // book order, so the text is the same for any number of threads and is
    // never in memory whole.
    void run(const ChunkSink& sink) const {
        std::string out;
        write_header(out);
        sink(out);
        const std::vector<std::size_t> order = order::concept_order(g_.concepts);
        constexpr std::size_t kBatch = 4096;
        std::vector<std::string> rendered;
        for (std::size_t first = 0; first < order.size(); first += kBatch) {
            rendered.assign(std::min(kBatch, order.size() - first), std::string());
            parallel::for_each_index(rendered.size(), [&](std::size_t k) {
                const std::size_t n = first + k;
                const ir::Concept& c = g_.concepts[order[n]];
                std::string& piece = rendered[k];
                // A heading where the section changes from the previous concept's.
                std::string section = order::section_of(c.headword);
                if (n == 0 || section != order::section_of(g_.concepts[order[n - 1]].headword)) {
                    piece += "\n";
                    piece += f::kHeadingOpen;
                    piece += section;
                    piece += f::kHeadingClose;
                    piece += "\n";
                }
                piece += "\n";
                write_concept(piece, c);
            });
            out.clear();
            for (const auto& piece : rendered) out += piece;
            sink(out);
        }
    }

private:
    static std::vector<std::string> emit(std::string& out, const Paragraph& p, std::size_t indent) {
        auto lines = text::wrap(p.words(), {kWidth, indent, f::continuation_indent(indent), "\\"});
        for (const auto& line : lines) {
            out += line;
            out += '\n';
        }
        return lines;
    }

    void write_header(std::string& out) const {
        auto lines = emit(out, Paragraph().slot(g_.title), 0);
        out += std::string(std::clamp<std::size_t>(text::display_width(lines.front()), 1, kWidth), '=');
        out += '\n';
        if (!g_.edition.empty() || !g_.language.empty() || !g_.categories.empty()) out += '\n';
        labelled(out, f::kEdition, g_.edition, 0);
        labelled(out, f::kLanguage, g_.language, 0);
        if (g_.categories.empty()) return;
        emit(out, Paragraph().lit(f::kCategories), 0);
        for (const auto& c : g_.categories) {
            Paragraph p;
            name_with_id(p, c.label, c.id);
            emit(out, p, 2);
        }
    }

    // "text [id]", or "[id]" for an empty text (headwords, category table).
    static void name_with_id(Paragraph& p, const std::string& name, const std::string& id) {
        if (!name.empty()) p.value(name).lit(" ");
        p.lit("[").value(id, f::kIdSpecials).lit("]");
    }

    // A Category / See also item: the name alone when it is unambiguous
    // (exactly one category or concept has it, so it is the one meant).
    static void item(Paragraph& p, const std::string* name, bool unambiguous, const std::string& id) {
        if (name && !name->empty()) {
            p.value(*name, f::kItemSpecials);
            if (unambiguous) return;
            p.lit(" ");
        }
        p.lit("[").value(id, f::kItemSpecials).lit("]");
    }

    void write_concept(std::string& out, const ir::Concept& c) const {
        Paragraph headword;
        name_with_id(headword, c.headword, c.id);
        emit(out, headword, 0);

        Paragraph aliases;
        for (const auto& label : c.labels) {
            if (f::repeats_headword(label, c)) continue;
            aliases.lit(aliases.empty() ? f::kAliases : ";").lit(" ");
            if (!label.text.empty()) aliases.value(label.text, f::kAliasSpecials).lit(" ");
            aliases.lit("(").lit(ir::to_string(label.kind)).lit(")");
        }
        if (!aliases.empty()) emit(out, aliases, 2);

        if (!c.categories.empty()) {
            Paragraph p;
            p.lit(c.categories.size() == 1 ? f::kCategory : f::kCategories);
            for (std::size_t i = 0; i < c.categories.size(); ++i) {
                p.lit(i == 0 ? " " : "; ");
                auto it = category_by_id_.find(c.categories[i]);
                const std::string* label = it == category_by_id_.end() ? nullptr : &it->second->label;
                item(p, label, label && label_count_.at(*label) == 1, c.categories[i]);
            }
            emit(out, p, 2);
        }

        for (const auto& d : c.definitions) write_definition(out, d);

        if (!c.related.empty()) {
            Paragraph p;
            p.lit(f::kSeeAlso);
            for (std::size_t i = 0; i < c.related.size(); ++i) {
                p.lit(i == 0 ? " " : "; ");
                auto it = concept_by_id_.find(c.related[i]);
                const std::string* name = it == concept_by_id_.end() ? nullptr : &it->second->headword;
                item(p, name, name && headword_count_.at(*name) == 1, c.related[i]);
            }
            emit(out, p, 2);
        }

        for (const auto& r : c.references) {
            Paragraph p;
            p.lit(f::kReference);
            if (!r.title.empty()) p.lit(" ").value(r.title);
            emit(out, p, 2);
            labelled(out, f::kAuthors, r.authors, 4);
            labelled(out, f::kVenue, r.venue, 4);
            labelled(out, f::kArxiv, r.arxiv, 4);
            labelled(out, f::kUrl, r.url, 4);
        }
    }

    static void write_definition(std::string& out, const ir::Definition& d) {
        Paragraph header;
        header.lit(f::kFrom).lit(" ").slot(d.source, f::kSourceSpecials);
        if (d.line != 0) header.lit(", ").lit(f::kLine).lit(" ").lit(std::to_string(d.line));
        for (std::size_t i = 0; i < d.flags.size(); ++i)
            header.lit(i == 0 ? " (" : ", ").slot(d.flags[i], f::kSourceSpecials);
        if (!d.flags.empty()) header.lit(")");
        header.lit(":");
        emit(out, header, 2);

        // Summary and body go unlabelled, as in a printed glossary; \<> keeps
        // one that starts like a keyword from reading as one, and stands in
        // for an empty summary before a body.
        auto prose = [](const std::string& text) {
            return Paragraph().value(text).protect({f::kDetails, f::kExample});
        };
        std::string summary = f::plain(d.summary);
        std::string body = f::plain(d.body);
        if (!summary.empty() || !body.empty()) emit(out, prose(summary), 4);
        if (!body.empty()) emit(out, prose(body), 4);
        labelled(out, f::kDetails, f::plain(d.details), 4);
        labelled(out, f::kExample, f::plain(d.example), 4);
    }

    // "Keyword: value", left out when the value is empty.
    static void labelled(std::string& out, std::string_view keyword, const std::string& value, std::size_t indent) {
        if (!value.empty()) emit(out, Paragraph().lit(keyword).lit(" ").value(value), indent);
    }

    const ir::Glossary& g_;
    // Looked up for every Category and See also item, never listed: hashed,
    // keyed by views of the glossary's own strings.
    std::unordered_map<std::string_view, std::size_t> headword_count_;
    std::unordered_map<std::string_view, std::size_t> label_count_;
    std::unordered_map<std::string_view, const ir::Concept*> concept_by_id_;    // the first concept with an id
    std::unordered_map<std::string_view, const ir::Category*> category_by_id_;  // the first category with an id
};

}  // namespace

void stream(const ir::Glossary& glossary, const RenderContext&, BackendOutput& output) {
    Writer(glossary).run(output.write);
}

}  // namespace glossc::text_backend
