#include "ir/alias_index.hpp"

#include <algorithm>

#include "merge/normalize.hpp"

namespace glossc::ir {

namespace {

// The matching key of a name; a name with no letters or digits is its own key.
std::string key_of(std::string_view name) {
    static const merge::SpellingMap kNoSpelling;
    std::string key = merge::exact_key(name, kNoSpelling);
    return key.empty() ? std::string(name) : key;
}

}  // namespace

AliasIndex::AliasIndex(const Glossary& glossary) {
    auto add = [this](const std::string& text, const std::string& id, bool headword) {
        auto [it, inserted] = by_key_.emplace(key_of(text), Alias{text, {}, {}});
        auto& ids = it->second.concept_ids;
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        auto& heads = it->second.headword_of;
        if (headword && std::find(heads.begin(), heads.end(), id) == heads.end()) heads.push_back(id);
    };
    for (const auto& c : glossary.concepts) {
        add(c.headword, c.id, true);
        for (const auto& label : c.labels) add(label.text, c.id, false);
    }
}

std::vector<std::string> AliasIndex::resolve(std::string_view name) const {
    auto it = by_key_.find(key_of(name));
    return it == by_key_.end() ? std::vector<std::string>{} : it->second.concept_ids;
}

std::vector<AliasIndex::Alias> AliasIndex::aliases() const {
    std::vector<Alias> out;
    out.reserve(by_key_.size());
    for (const auto& [key, alias] : by_key_) out.push_back(alias);
    return out;
}

}  // namespace glossc::ir
