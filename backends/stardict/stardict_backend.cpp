// The StarDict backend's project(): what its reader gives back
// (stardict_backend.hpp, "What the dictionary carries").
#include <algorithm>

#include "common/source_titles.hpp"
#include "stardict/stardict_backend.hpp"
#include "stardict/stardict_format.hpp"
#include "text/text_format.hpp"

namespace glossc::stardict_backend {

namespace f = format;
namespace plain = text_backend::format;

ir::Glossary project(const ir::Glossary& glossary) {
    ir::Glossary out = sources::reader_front_matter(glossary);
    const sources::Titles titles(glossary);
    const f::Names names(glossary);
    for (const f::Entry& entry : f::entries(glossary)) {
        const ir::Concept& c = glossary.concepts[entry.concept_index];
        ir::Concept p;
        p.headword = c.headword;
        std::vector<std::string> shown_words;
        for (auto& alias : plain::shown_aliases(c)) {
            shown_words.push_back(f::word_of(alias).text);
            p.labels.push_back({std::move(alias), ir::LabelKind::Variant, {}});
        }
        // Hidden labels come back from the .syn file: as words, in its order,
        // those no alias of the article gives.
        std::vector<std::string> synonyms = f::synonym_words(c, entry.word);
        std::sort(synonyms.begin(), synonyms.end(), f::word_less);
        for (auto& word : synonyms)
            if (std::find(shown_words.begin(), shown_words.end(), word) == shown_words.end())
                p.labels.push_back({std::move(word), ir::LabelKind::Hidden, {}});
        for (const auto& id : c.categories) p.categories.push_back(names.category(id));
        for (const auto& d : c.definitions) p.definitions.push_back(plain::flattened(d, titles));
        for (const auto& id : c.related) p.related.push_back(names.concept_(id));
        p.references = c.references;
        out.concepts.push_back(std::move(p));
    }
    return out;
}

}  // namespace glossc::stardict_backend
