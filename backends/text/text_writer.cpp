// The text backend's writer: the IR as a wrapped, sectioned plain-text
// glossary (the format is described in text_backend.hpp).
#include <algorithm>
#include <unordered_map>
#include <utility>

#include "common/headword_order.hpp"
#include "common/source_titles.hpp"
#include "parallel/parallel.hpp"
#include "text/text_backend.hpp"
#include "text/text_block_writer.hpp"
#include "text/text_format.hpp"
#include "text/text_units.hpp"
#include "text/wrap.hpp"

namespace glossc::text_backend {

namespace {

namespace f = format;

class Writer {
public:
    explicit Writer(const ir::Glossary& g) : g_(g), titles_(g) {
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
    void write_header(std::string& out) const {
        auto lines = emit(out, Paragraph().slot(g_.title), 0);
        out += std::string(std::clamp<std::size_t>(text::display_width(lines.front()), 1, kWidth), '=');
        out += '\n';
        if (!g_.edition.empty() || !g_.language.empty() || !g_.sources.empty() || !g_.categories.empty()) out += '\n';
        labelled(out, f::kEdition, g_.edition, 0);
        labelled(out, f::kLanguage, g_.language, 0);
        if (!g_.sources.empty()) {
            emit(out, Paragraph().lit(f::kSources), 0);
            for (const auto& s : g_.sources) {
                // "Title <url>": only the "<" opening the URL is written as
                // itself, so the reader finds it whatever the title holds.
                const ir::Source shown = sources::reader_view(s);
                Paragraph p;
                p.slot(shown.title, f::kTitleSpecials);
                if (!shown.url.empty()) p.lit(" <").value(shown.url).lit(">");
                emit(out, p, 2);
            }
        }
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
        for (const auto& alias : f::shown_aliases(c))
            aliases.lit(aliases.empty() ? f::kAlsoCalled : ";").lit(" ").slot(alias, f::kAliasSpecials);
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

    // "From Title (flags):", the source by the title readers know it by.
    void write_definition(std::string& out, const ir::Definition& d) const {
        Paragraph header;
        header.lit(f::kFrom).lit(" ").slot(titles_.of(d.source), {}, f::kFromTitleLast);
        const auto flags = sources::reader_flags(d.flags);
        for (std::size_t i = 0; i < flags.size(); ++i) header.lit(i == 0 ? " (" : ", ").slot(flags[i], f::kFlagSpecials);
        if (!flags.empty()) header.lit(")");
        header.lit(":");
        emit(out, header, 2);

        write_definition_content(out, d);
    }

    // "Keyword: value", left out when the value is empty.
    static void labelled(std::string& out, std::string_view keyword, const std::string& value, std::size_t indent) {
        if (!value.empty()) emit(out, Paragraph().lit(keyword).lit(" ").value(value), indent);
    }

    const ir::Glossary& g_;
    const sources::Titles titles_;
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
