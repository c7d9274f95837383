// The EPUB backend's project() and math_fallbacks(): what the book carries
// (epub_backend.hpp), computed from the IR without writing the book.
#include "epub/epub_backend.hpp"

#include "common/headword_order.hpp"
#include "common/source_titles.hpp"
#include "epub/epub_format.hpp"
#include "epub/tex_to_mathml.hpp"
#include "text/html_render.hpp"

namespace glossc::epub_backend {

namespace {

namespace f = format;

ir::RichText visible(const ir::RichText& text) {
    ir::RichText out;
    out.reserve(text.size());
    for (const auto& node : text) {
        ir::Inline mapped = node;
        mapped.text = f::visible(node.text);
        mapped.target = f::visible(node.target);
        mapped.children = visible(node.children);
        out.push_back(std::move(mapped));
    }
    return out;
}

std::vector<std::string> visible(const std::vector<std::string>& strings) {
    std::vector<std::string> out;
    out.reserve(strings.size());
    for (const auto& s : strings) out.push_back(f::visible(s));
    return out;
}

// A definition's field as the book gives it back: a field of one paragraph is
// written as a <p> of rich text, read back as that paragraph or, when it
// shows nothing, as no block; any other field keeps its blocks.
ir::Blocks visible_field(const ir::Blocks& blocks) {
    if (text::is_inline_flow(blocks)) return ir::paragraphs(blocks.empty() ? ir::RichText{} : visible(blocks[0].text));
    return text::map_blocks(
        blocks, [](const ir::RichText& run) { return visible(run); },
        [](const ir::Block& leaf) {
            ir::Block mapped = leaf;
            mapped.literal = f::visible(leaf.literal);
            mapped.language = f::visible(leaf.language);
            return mapped;
        });
}

}  // namespace

ir::Glossary project(const ir::Glossary& glossary) {
    ir::Glossary out;
    out.title = f::visible(glossary.title);
    out.language = f::book_language(glossary.language);
    out.edition = f::visible(glossary.edition);
    for (const auto& category : glossary.categories)
        out.categories.push_back({f::visible(category.id), f::visible(category.label)});
    for (const auto& source : glossary.sources) {
        ir::Source shown = sources::reader_view(source);
        shown.id = shown.title = f::visible(shown.title);
        shown.url = f::visible(shown.url);
        out.sources.push_back(std::move(shown));
    }
    const sources::Titles titles(glossary);
    for (std::size_t index : order::concept_order(glossary.concepts)) {
        const ir::Concept& c = glossary.concepts[index];
        ir::Concept p;
        p.id = f::visible(c.id);
        p.headword = f::visible(c.headword);
        // The names shown, then the hidden ones (a paragraph of their own).
        for (bool hidden : {false, true})
            for (const auto& label : c.labels)
                if (!f::repeats_headword(label, c) && (label.kind == ir::LabelKind::Hidden) == hidden)
                    p.labels.push_back({f::visible(label.text), label.kind, {}});
        p.categories = visible(c.categories);
        for (const auto& d : c.definitions) {
            ir::Definition def;
            def.source = d.source;
            sources::to_reader_view(def, titles);
            def.source = f::visible(def.source);
            def.summary = visible(d.summary);
            def.body = visible_field(d.body);
            def.details = visible_field(d.details);
            def.example = visible_field(d.example);
            def.flags = visible(sources::reader_flags(d.flags));
            p.definitions.push_back(std::move(def));
        }
        p.related = visible(c.related);
        for (const auto& r : c.references)
            p.references.push_back({f::visible(r.title), f::visible(r.authors), f::visible(r.venue),
                                    f::visible(r.arxiv), f::visible(r.url)});
        out.concepts.push_back(std::move(p));
    }
    return out;
}

std::vector<ir::Diagnostic> math_fallbacks(const ir::Glossary& glossary) {
    std::vector<ir::Diagnostic> out;
    for (const auto& c : glossary.concepts)
        for (const auto& d : c.definitions) {
            // Diagnostics point at the source file, as the readers' do.
            std::string file = d.source;
            for (const auto& source : glossary.sources)
                if (source.id == d.source) file = source.file;
            auto check = [&](std::string_view tex, bool) {
                MathConversion converted = tex_to_mathml(tex);
                if (converted.ok()) return;
                out.push_back({ir::Severity::Warning, file, d.line, 0, "epub-math-fallback",
                               "formula '" + std::string(tex) + "' in '" + c.headword +
                                   "' is shown as TeX source in the EPUB: " + converted.error});
            };
            text::for_each_formula(d.summary, check);
            for (const ir::Blocks* field : {&d.body, &d.details, &d.example}) text::for_each_formula(*field, check);
        }
    return out;
}

}  // namespace glossc::epub_backend
