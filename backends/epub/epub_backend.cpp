// The EPUB backend's project() and math_fallbacks(): what the book carries
// (epub_backend.hpp), computed from the IR without writing the book.
#include "epub/epub_backend.hpp"

#include "common/headword_order.hpp"
#include "epub/epub_format.hpp"
#include "epub/tex_to_mathml.hpp"

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

// Every Math node in `text`, depth first.
void collect_math(const ir::RichText& text, std::vector<const ir::Inline*>& out) {
    for (const auto& node : text) {
        if (node.kind == ir::InlineKind::Math) out.push_back(&node);
        collect_math(node.children, out);
    }
}

}  // namespace

ir::Glossary project(const ir::Glossary& glossary) {
    ir::Glossary out;
    out.title = f::visible(glossary.title);
    out.language = f::book_language(glossary.language);
    out.edition = f::visible(glossary.edition);
    for (const auto& category : glossary.categories)
        out.categories.push_back({f::visible(category.id), f::visible(category.label)});
    for (std::size_t index : order::concept_order(glossary.concepts)) {
        const ir::Concept& c = glossary.concepts[index];
        ir::Concept p;
        p.id = f::visible(c.id);
        p.headword = f::visible(c.headword);
        for (const auto& label : c.labels)
            if (!f::repeats_headword(label, c)) p.labels.push_back({f::visible(label.text), label.kind, {}});
        p.categories = visible(c.categories);
        for (const auto& d : c.definitions) {
            ir::Definition def;
            def.source = f::visible(d.source);
            def.line = d.line;
            def.summary = visible(d.summary);
            def.body = visible(d.body);
            def.details = visible(d.details);
            def.example = visible(d.example);
            def.flags = visible(d.flags);
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
            std::vector<const ir::Inline*> formulas;
            for (const auto* text : {&d.summary, &d.body, &d.details, &d.example}) collect_math(*text, formulas);
            // Diagnostics point at the source file, as the readers' do.
            std::string file = d.source;
            for (const auto& source : glossary.sources)
                if (source.id == d.source) file = source.file;
            for (const auto* formula : formulas) {
                MathConversion converted = tex_to_mathml(formula->text);
                if (converted.ok()) continue;
                out.push_back({ir::Severity::Warning, file, d.line, 0, "epub-math-fallback",
                               "formula '" + formula->text + "' in '" + c.headword +
                                   "' is shown as TeX source in the EPUB: " + converted.error});
            }
        }
    return out;
}

}  // namespace glossc::epub_backend
