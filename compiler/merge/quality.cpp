#include "merge/quality.hpp"

#include <map>
#include <set>

#include "manifest/toml_file.hpp"

namespace glossc::merge {

std::optional<GoldLabels> load_gold_labels(const std::filesystem::path& path, DiagnosticSink& sink) {
    auto root = load_toml(path, "gold", sink);
    if (!root) return std::nullopt;
    GoldLabels gold;
    auto read_entries = [](const toml::node& node) {
        std::vector<std::string> out;
        if (const toml::table* t = node.as_table())
            if (const toml::array* entries = (*t)["entries"].as_array())
                for (const auto& e : *entries)
                    if (auto s = e.value<std::string>()) out.push_back(*s);
        return out;
    };
    if (const toml::array* concepts = (*root)["concept"].as_array())
        for (const auto& node : *concepts) gold.concepts.push_back(read_entries(node));
    if (const toml::array* apart = (*root)["apart"].as_array())
        for (const auto& node : *apart) {
            auto entries = read_entries(node);
            if (entries.size() == 2) gold.apart.emplace_back(entries[0], entries[1]);
            else sink.error(toml_location(path.generic_string(), node.source()), "gold-bad-apart", "[[apart]] needs exactly two entries");
        }
    return gold;
}

QualityFigures measure_quality(const ir::Glossary& glossary, const GoldLabels& gold) {
    std::map<std::string, std::string> concept_of;  // "source:key" -> concept id
    for (const auto& c : glossary.concepts)
        for (const auto& p : c.provenance) concept_of[p.source + ":" + p.key] = c.id;

    // The universe: every labelled entry; gold groups (singletons for entries
    // named only in [[apart]]).
    std::map<std::string, std::size_t> group_of;
    for (std::size_t g = 0; g < gold.concepts.size(); ++g)
        for (const auto& e : gold.concepts[g]) group_of.emplace(e, g);
    std::size_t next = gold.concepts.size();
    for (const auto& [a, b] : gold.apart)
        for (const auto& e : {a, b})
            if (!group_of.count(e)) group_of.emplace(e, next++);

    QualityFigures figures;
    std::vector<std::pair<std::string, std::size_t>> present;
    for (const auto& [entry, group] : group_of) {
        if (concept_of.count(entry)) present.emplace_back(entry, group);
        else ++figures.missing;
    }
    figures.entries = present.size();
    for (std::size_t i = 0; i < present.size(); ++i) {
        for (std::size_t j = i + 1; j < present.size(); ++j) {
            bool in_gold = present[i].second == present[j].second;
            bool in_system = concept_of[present[i].first] == concept_of[present[j].first];
            figures.gold_pairs += in_gold;
            figures.system_pairs += in_system;
            figures.true_pairs += in_gold && in_system;
            std::string line = present[i].first + " + " + present[j].first;
            if (in_system && !in_gold) figures.false_merges.push_back(line);
            if (in_gold && !in_system) figures.missed_merges.push_back(line);
        }
    }
    for (const auto& [a, b] : gold.apart)
        if (concept_of.count(a) && concept_of.count(b) && concept_of[a] == concept_of[b]) ++figures.apart_violations;
    return figures;
}

}  // namespace glossc::merge
