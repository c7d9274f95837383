// glossc-merge-quality: pairwise precision and recall of the merge on the
// seed sources against the hand-made gold labels (tests/data/merge_gold.toml).
//   build/glossc-merge-quality [--manifest sources/glossary.toml] [--gold tests/data/merge_gold.toml] [-v]
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>

#include "driver/driver.hpp"
#include "merge/quality.hpp"

int main(int argc, char** argv) {
    std::string manifest = "sources/glossary.toml", gold_path = "tests/data/merge_gold.toml";
    bool verbose = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--manifest" && i + 1 < argc) manifest = argv[++i];
        else if (arg == "--gold" && i + 1 < argc) gold_path = argv[++i];
        else if (arg == "-v") verbose = true;
        else {
            std::cerr << "usage: glossc-merge-quality [--manifest FILE] [--gold FILE] [-v]\n";
            return 2;
        }
    }
    std::ostringstream diagnostics;
    auto compiled = glossc::compile(glossc::CompileRequest{manifest, {}}, diagnostics);
    glossc::DiagnosticSink sink;
    auto gold = glossc::merge::load_gold_labels(gold_path, sink);
    if (!compiled.glossary || !gold) {
        std::cerr << diagnostics.str();
        for (const auto& d : sink.all()) std::cerr << glossc::format_diagnostic(d) << '\n';
        return 1;
    }
    auto f = glossc::merge::measure_quality(*compiled.glossary, *gold);
    std::printf("gold: %zu concept groups, %zu must-stay-apart pairs; %zu labelled entries found, %zu missing\n",
                gold->concepts.size(), gold->apart.size(), f.entries, f.missing);
    std::printf("pairs: gold %zu, merged %zu, correct %zu\n", f.gold_pairs, f.system_pairs, f.true_pairs);
    std::printf("pairwise precision %.4f  recall %.4f  must-stay-apart violations %zu\n", f.precision(), f.recall(),
                f.apart_violations);
    if (verbose) {
        for (const auto& line : f.false_merges) std::printf("  false merge: %s\n", line.c_str());
        for (const auto& line : f.missed_merges) std::printf("  missed:      %s\n", line.c_str());
    }
    return 0;
}
