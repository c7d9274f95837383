#include "fuzz_support.hpp"

#include <map>

namespace glossc::fuzz {

const Manifest& seed_manifest() {
    static const Manifest manifest = [] {
        DiagnosticSink sink;
        auto loaded = load_manifest(GLOSSC_SOURCE_DIR "/sources/glossary.toml", sink);
        if (!loaded) finding("the seed manifest does not load");
        return *loaded;
    }();
    return manifest;
}

void merge_and_check(const Manifest& manifest, const std::vector<SourceEntries>& sources,
                            const merge::MergeData& data) {
    DiagnosticSink sink;
    auto merged = merge::merge_sources(manifest, sources, data, 0, sink);
    std::map<std::pair<std::string, std::string>, int> balance;  // (source, key) -> entries - provenance
    for (const auto& source : sources)
        for (const auto& entry : source.result.entries) ++balance[{source.spec.id, entry.key}];
    for (const auto& c : merged.glossary.concepts)
        for (const auto& p : c.provenance) --balance[{p.source, p.key}];
    for (const auto& [entry, count] : balance)
        if (count != 0)
            finding("entry " + entry.first + ":" + entry.second + " is in " + std::to_string(-count) +
                    " more concepts than it was read");
}

}  // namespace glossc::fuzz
