// libFuzzer target for the ledger (sources/ledger.json): any bytes give
// diagnostics or a ledger, never a crash. A ledger it accepts must keep
// every rule the loader checks (so a merge can trust it), read back the
// same after the writer writes it, and give a merge of a few entries
// unique ids that no retired id takes.
#include <cstdint>
#include <set>
#include <string_view>
#include <unordered_map>

#include "fuzz_support.hpp"
#include "merge/ledger.hpp"
#include "readers/sanitize.hpp"
#include "text/slug.hpp"

namespace {

// Entries whose refs ("md:KV cache", ...) the seed corpus's ledgers pin.
std::vector<glossc::SourceEntries> sample_sources() {
    glossc::SourceSpec spec;
    spec.id = "md";
    spec.file = spec.display_path = "md.md";
    spec.format = "markdown";
    spec.priority = 10;
    glossc::DiagnosticSink sink;
    std::vector<glossc::SourceEntries> sources;
    sources.push_back({spec, glossc::read_document(spec,
                                                   "## KV cache\n\nStores keys and values of past tokens.\n\n"
                                                   "## Ablation\n\nRemoving a part to measure its effect.\n\n"
                                                   "## Accelerate\n\nA library that runs training anywhere.\n",
                                                   sink)});
    return sources;
}

void check_rules(const glossc::merge::Ledger& ledger) {
    using glossc::fuzz::finding;
    std::set<std::string> ids, entries;
    for (const auto& c : ledger.concepts) {
        if (!glossc::text::is_slug(c.id)) finding("accepted an id that is no slug: " + c.id);
        if (!ids.insert(c.id).second) finding("accepted one id on two concepts: " + c.id);
        if (c.modified < 0 || c.modified > glossc::merge::kLastModified)
            finding("accepted modified = " + std::to_string(c.modified));
        for (const auto& e : c.entries)
            if (!entries.insert(e).second) finding("accepted an entry pinned twice: " + e);
    }
    std::set<std::string> retired;
    for (const auto& id : ledger.retired) {
        if (!glossc::text::is_slug(id)) finding("accepted a retired id that is no slug: " + id);
        if (!retired.insert(id).second) finding("accepted a retired id twice: " + id);
        if (ids.count(id)) finding("accepted an id both retired and a concept's: " + id);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using glossc::fuzz::finding;
    static const std::vector<glossc::SourceEntries> sources = sample_sources();
    static const glossc::Manifest manifest = [] {
        glossc::Manifest m = glossc::fuzz::seed_manifest();
        m.sources.clear();
        for (const auto& s : sources) m.sources.push_back(s.spec);
        return m;
    }();
    glossc::DiagnosticSink sink;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto ledger = glossc::merge::parse_ledger(text, "fuzz/ledger.json", sink);
    for (const auto& d : sink.all()) (void)glossc::format_diagnostic(d);
    if (!ledger) {
        if (!sink.has_errors()) finding("a ledger refused without an error");
        return 0;
    }
    if (sink.has_errors()) finding("a ledger accepted with errors");
    check_rules(*ledger);

    glossc::DiagnosticSink again;
    auto reread = glossc::merge::parse_ledger(glossc::merge::serialize_ledger(*ledger), "fuzz/written.json", again);
    if (!reread || !(*reread == *ledger)) finding("the ledger as written does not read back the same");

    glossc::merge::MergeData merge_data{};
    merge_data.ledger = std::move(*ledger);
    glossc::DiagnosticSink merged_sink;
    auto merged = glossc::merge::merge_sources(manifest, sources, merge_data, 0, merged_sink);
    std::set<std::string> given;
    std::set<std::string> retired(merge_data.ledger.retired.begin(), merge_data.ledger.retired.end());
    for (const auto& c : merged.glossary.concepts) {
        if (!given.insert(c.id).second) finding("two concepts with the id " + c.id);
        if (retired.count(c.id)) finding("a retired id given again: " + c.id);
    }
    return 0;
}
