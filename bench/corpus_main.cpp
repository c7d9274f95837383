// glossc-corpus: writes a synthetic corpus for benchmarks (bench/corpus.hpp).
//   glossc-corpus --entries N [--seed S] --out DIR
#include <cstdio>
#include <exception>
#include <string>

#include "corpus.hpp"

int main(int argc, char** argv) {
    glossc::bench::CorpusOptions options;
    try {
        for (int i = 1; i < argc; ++i) {
            std::string arg = argv[i];
            if (arg == "--entries" && i + 1 < argc) options.entries = std::stoull(argv[++i]);
            else if (arg == "--seed" && i + 1 < argc) options.seed = std::stoull(argv[++i]);
            else if (arg == "--out" && i + 1 < argc) options.out = argv[++i];
            else throw std::invalid_argument(arg);
        }
    } catch (const std::exception&) {
        std::fprintf(stderr, "usage: glossc-corpus --entries N [--seed S] --out DIR\n");
        return 2;
    }
    if (options.out.empty()) {
        std::fprintf(stderr, "usage: glossc-corpus --entries N [--seed S] --out DIR\n");
        return 2;
    }
    try {
        auto summary = glossc::bench::write_corpus(options);
        std::fprintf(stderr, "glossc-corpus: %zu entries, %zu concepts (%zu in two or more sources) in %s\n",
                     summary.entries, summary.concepts, summary.shared_concepts, options.out.string().c_str());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "glossc-corpus: error: %s\n", error.what());
        return 2;
    }
    return 0;
}
