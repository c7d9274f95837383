// Interim merge: one concept per entry (the real merge is issue 4). It already
// gives every concept a unique slug id, provenance, and related ids resolved
// within each source.
#include "merge/merge.hpp"

#include <map>
#include <set>

#include "text/slug.hpp"

namespace glossc {

ir::Glossary build_glossary(const Manifest& manifest, const std::vector<SourceEntries>& sources,
                            DiagnosticSink&) {
    ir::Glossary glossary;
    glossary.title = manifest.title;
    glossary.language = manifest.language;
    std::set<std::string> taken_ids;
    std::set<std::string> category_ids;
    for (const auto& source : sources) {
        glossary.sources.push_back(ir::Source{source.spec.id, source.spec.file, source.spec.format,
                                              source.spec.priority,
                                              static_cast<std::uint32_t>(source.result.entries.size())});
        for (const auto& category : source.result.declared_categories)
            if (category_ids.insert(category.id).second) glossary.categories.push_back(category);
        std::map<std::string, std::string> id_of_key;
        std::size_t first = glossary.concepts.size();
        for (const auto& entry : source.result.entries) {
            ir::Concept concept_;
            std::string base = text::slugify(entry.headword);
            concept_.id = base;
            for (int n = 2; !taken_ids.insert(concept_.id).second; ++n) concept_.id = base + "-" + std::to_string(n);
            id_of_key[entry.key] = concept_.id;
            concept_.headword = entry.headword;
            concept_.labels.push_back({entry.headword, ir::LabelKind::Preferred, {source.spec.id}});
            for (auto label : entry.labels) {
                label.sources = {source.spec.id};
                concept_.labels.push_back(std::move(label));
            }
            concept_.categories = entry.categories;
            for (const auto& category : entry.categories)
                if (category_ids.insert(category).second) glossary.categories.push_back({category, category});
            concept_.definitions.push_back(entry.definition);
            concept_.references = entry.references;
            concept_.provenance.push_back({source.spec.id, source.spec.file, entry.key, entry.line});
            concept_.extras = entry.extras;
            glossary.concepts.push_back(std::move(concept_));
        }
        for (std::size_t i = 0; i < source.result.entries.size(); ++i)
            for (const auto& key : source.result.entries[i].related)
                if (auto it = id_of_key.find(key); it != id_of_key.end())
                    glossary.concepts[first + i].related.push_back(it->second);
    }
    return glossary;
}

}  // namespace glossc
