// libFuzzer target for the editors' taxonomy and spelling files
// (sources/taxonomy.toml, sources/spelling.toml). The first byte picks the
// file (even: taxonomy, odd: spelling), the rest is its text: any text gives
// diagnostics or the data, never a crash; data it accepts is used the way
// the merge uses it (category lookups, distance, spelling folds).
#include <cstdint>
#include <set>
#include <string_view>

#include "fuzz_support.hpp"
#include "merge/merge_data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool spelling = data[0] % 2 == 1;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    glossc::DiagnosticSink sink;
    if (spelling) {
        auto map = glossc::merge::parse_spelling(text, "fuzz/spelling.toml", sink);
        if (map) {
            for (const auto& [from, to] : map->words) (void)glossc::merge::make_keys(from + " " + to, *map);
            (void)glossc::merge::make_keys("optimisation of the normalised colour models", *map);
        }
    } else if (auto taxonomy = glossc::merge::parse_taxonomy(text, "fuzz/taxonomy.toml", sink)) {
        if (taxonomy->empty()) glossc::fuzz::finding("a taxonomy without categories accepted");
        std::set<std::string> ids;
        for (const auto& c : taxonomy->categories) ids.insert(c.id);
        for (const auto& c : taxonomy->categories) {
            (void)taxonomy->map("termbase", c.label);
            (void)taxonomy->map("section-glossary", "\xC2\xA7" "1 \xC2\xB7 " + c.label);
        }
        for (const auto& [name, id] : taxonomy->names) (void)taxonomy->map("any", name);
        (void)taxonomy->distant(ids, {taxonomy->fallback});
    }
    for (const auto& d : sink.all()) (void)glossc::format_diagnostic(d);
    return 0;
}
