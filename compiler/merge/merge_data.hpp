// The editors' data the merge reads (all under sources/, named in the
// manifest): the unified taxonomy, the spelling map, merge overrides and
// the ledger.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostics.hpp"
#include "ir/ir.hpp"
#include "manifest/manifest.hpp"
#include "merge/ledger.hpp"
#include "merge/normalize.hpp"

namespace glossc::merge {

struct Taxonomy {
    std::vector<ir::Category> categories;
    std::string fallback;                               // category of concepts that map to nothing
    std::map<std::string, std::string> names;           // folded source category name -> unified id
    std::map<std::string, std::map<std::string, std::string>> per_source;  // source id -> (name -> id)
    std::set<std::string> uninformative;                // ids that say nothing about meaning
    std::set<std::pair<std::string, std::string>> near;  // related category pairs, both orders

    bool empty() const { return categories.empty(); }
    // The unified id for a source's category name, if mapped. Section names
    // like "§23 · GRPO & DeepSeek-R1" are looked up by their title.
    std::optional<std::string> map(const std::string& source_id, const std::string& name) const;

    // True when both sets hold informative categories and none of a's is the
    // same as or near to one of b's: the two entries are about different topics.
    bool distant(const std::set<std::string>& a, const std::set<std::string>& b) const;
};

// An entry named by an editor: "source-id:key" (the key as the source prints it).
struct EntryName {
    std::string source;
    std::string key;
    Location where;
};

struct Overrides {
    struct Group {
        std::vector<EntryName> entries;
        Location where;
    };
    struct Headword {
        EntryName entry;
        std::string headword;
    };
    struct Categories {
        EntryName entry;
        std::vector<std::string> categories;
    };
    std::vector<Group> same_as;
    std::vector<Group> not_same_as;
    std::vector<Headword> headwords;
    std::vector<Categories> categories;
};

std::optional<Taxonomy> load_taxonomy(const std::filesystem::path& path, DiagnosticSink& sink);
std::optional<SpellingMap> load_spelling(const std::filesystem::path& path, DiagnosticSink& sink);
std::optional<Overrides> load_overrides(const std::filesystem::path& path, DiagnosticSink& sink);
// The same from text already read (`file` is what diagnostics print).
std::optional<Taxonomy> parse_taxonomy(std::string_view text, const std::string& file, DiagnosticSink& sink);
std::optional<SpellingMap> parse_spelling(std::string_view text, const std::string& file, DiagnosticSink& sink);
std::optional<Overrides> parse_overrides(std::string_view text, const std::string& file, DiagnosticSink& sink);

struct MergeData {
    std::optional<Taxonomy> taxonomy;
    SpellingMap spelling;
    Overrides overrides;
    Ledger ledger;
};

// Loads taxonomy, spelling map, overrides and ledger named in the manifest
// (each optional). Returns nullopt when any of them has errors.
std::optional<MergeData> load_merge_data(const Manifest& manifest, DiagnosticSink& sink);

}  // namespace glossc::merge
