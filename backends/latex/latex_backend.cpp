// project(): the part of the IR the LaTeX edition carries (latex_backend.hpp).
#include "latex/latex_backend.hpp"

#include "common/headword_order.hpp"
#include "common/source_titles.hpp"

namespace glossc::latex_backend {

ir::Glossary project(const ir::Glossary& glossary) {
    ir::Glossary out = sources::reader_front_matter(glossary);
    out.categories = glossary.categories;
    const sources::Titles titles(glossary);
    for (std::size_t index : order::concept_order(glossary.concepts)) {
        const ir::Concept& c = glossary.concepts[index];
        ir::Concept p;
        p.id = c.id;
        p.headword = c.headword;
        for (const auto& label : c.labels) p.labels.push_back({label.text, label.kind, {}});
        p.categories = c.categories;
        p.definitions = c.definitions;
        for (auto& d : p.definitions) sources::to_reader_view(d, titles);
        p.related = c.related;
        p.references = c.references;
        out.concepts.push_back(std::move(p));
    }
    return out;
}

}  // namespace glossc::latex_backend
