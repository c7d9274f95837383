// libFuzzer target for the editors' merge overrides (sources/overrides.toml):
// parsed, then applied to a merge of a few entries whose keys the seed
// overrides name, so that odd overrides reach the merge's override logic.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "readers/sanitize.hpp"

namespace {

// Entries named "md:..." for overrides to point at: two sources, so that
// same_as / not_same_as can join and split across them.
std::vector<glossc::SourceEntries> sample_sources() {
    std::vector<glossc::SourceEntries> sources;
    const char* documents[] = {
        "## KV cache\n\nStores keys and values of past tokens.\n\n## Attention\n\nWeights tokens.\n\n"
        "## Temperature\n\nScales logits before softmax.\n",
        "## Key-value cache\n\nA cache of attention keys and values.\n\n## Self-attention\n\nAttention of a "
        "sequence to itself.\n\n## Softmax temperature\n\nDivides logits.\n"};
    const char* ids[] = {"md", "notes"};
    for (int i = 0; i < 2; ++i) {
        glossc::SourceSpec spec;
        spec.id = ids[i];
        spec.file = spec.display_path = std::string(ids[i]) + ".md";
        spec.format = "markdown";
        spec.priority = 10 - i;
        glossc::DiagnosticSink sink;
        sources.push_back({spec, glossc::read_document(spec, documents[i], sink)});
    }
    return sources;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<glossc::SourceEntries> sources = sample_sources();
    static const glossc::Manifest manifest = [] {
        glossc::Manifest m = glossc::fuzz::seed_manifest();
        m.sources.clear();
        for (const auto& s : sources) m.sources.push_back(s.spec);
        return m;
    }();
    glossc::DiagnosticSink sink;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto overrides = glossc::merge::parse_overrides(text, "fuzz/overrides.toml", sink);
    if (!overrides) return 0;
    glossc::merge::MergeData merge_data{};
    merge_data.overrides = std::move(*overrides);
    glossc::fuzz::merge_and_check(manifest, sources, merge_data);
    return 0;
}
