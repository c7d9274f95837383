// libFuzzer target for the source manifest parser (sources/glossary.toml):
// any text must give diagnostics or a manifest, never a crash; a manifest it
// accepts must also survive source validation.
#include <cstdint>
#include <string_view>

#include "manifest/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    glossc::DiagnosticSink sink;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto manifest = glossc::parse_manifest(text, "fuzz/glossary.toml", sink);
    if (manifest) glossc::validate_sources(*manifest, sink);
    for (const auto& d : sink.all()) (void)glossc::format_diagnostic(d);
    return 0;
}
