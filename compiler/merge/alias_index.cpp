#include "merge/alias_index.hpp"

#include <algorithm>

namespace glossc::merge {

AliasIndex::AliasIndex(const ir::Glossary& glossary, const SpellingMap& spelling) : spelling_(spelling) {
    auto add = [this](const std::string& text, const std::string& id) {
        std::string key = exact_key(text, spelling_);
        if (key.empty()) key = text;  // names with no letters or digits still resolve
        auto [it, inserted] = by_key_.emplace(key, Alias{text, {}});
        auto& ids = it->second.concept_ids;
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    };
    for (const auto& c : glossary.concepts) {
        add(c.headword, c.id);
        for (const auto& label : c.labels) add(label.text, c.id);
    }
}

std::vector<std::string> AliasIndex::resolve(std::string_view name) const {
    std::string key = exact_key(name, spelling_);
    if (key.empty()) key = std::string(name);
    auto it = by_key_.find(key);
    return it == by_key_.end() ? std::vector<std::string>{} : it->second.concept_ids;
}

std::vector<AliasIndex::Alias> AliasIndex::aliases() const {
    std::vector<Alias> out;
    out.reserve(by_key_.size());
    for (const auto& [key, alias] : by_key_) out.push_back(alias);
    return out;
}

}  // namespace glossc::merge
