// Alias resolution over a glossary: every name (headword or label) -> the
// concept(s) it names. A name shared by homonyms resolves to all of them and
// is marked ambiguous, so an index or a lookup can say "see RAFT (…) or RAFT
// (…)". Names match as the merge matches them (its exact key: case, marks,
// dashes and plurals folded; merge/normalize.hpp). It reads only the IR, so
// a backend uses it (the EPUB's index of names) as the tests do.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace glossc::ir {

class AliasIndex {
public:
    explicit AliasIndex(const Glossary& glossary);

    // Ids of the concepts `name` names (matched by key, so case and dashes do
    // not matter); empty when none.
    std::vector<std::string> resolve(std::string_view name) const;
    bool ambiguous(std::string_view name) const { return resolve(name).size() > 1; }

    struct Alias {
        std::string text;                      // as first printed
        std::vector<std::string> concept_ids;  // in glossary order
        std::vector<std::string> headword_of;  // those whose headword it is (an index links these, never "see")
    };
    // Every distinct name, sorted by key.
    std::vector<Alias> aliases() const;

private:
    std::map<std::string, Alias> by_key_;
};

}  // namespace glossc::ir
