// libFuzzer target for one reader (GLOSSC_FUZZ_FORMAT, one binary per row of
// compiler/readers/registry.cpp): arbitrary bytes go the way a source file
// goes in a build (sanitize, read, limits, merge).
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "readers/sanitize.hpp"

namespace {

glossc::SourceSpec spec_for_format() {
    // The seed manifest's options for this format when a seed source uses it
    // (page chrome, categories), else the reader's defaults.
    for (const auto& source : glossc::fuzz::seed_manifest().sources)
        if (source.format == GLOSSC_FUZZ_FORMAT) return source;
    glossc::SourceSpec spec;
    spec.id = "fuzz";
    spec.file = spec.display_path = "fuzz-input";
    spec.format = GLOSSC_FUZZ_FORMAT;
    return spec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const glossc::SourceSpec spec = spec_for_format();
    static const glossc::merge::MergeData merge_data{};
    static const glossc::Manifest manifest = [] {
        glossc::Manifest m = glossc::fuzz::seed_manifest();
        m.sources = {spec};
        return m;
    }();
    glossc::DiagnosticSink sink;
    std::vector<glossc::SourceEntries> sources;
    sources.push_back({spec, glossc::read_document(spec, std::string(reinterpret_cast<const char*>(data), size), sink)});
    glossc::fuzz::merge_and_check(manifest, sources, merge_data);
    return 0;
}
