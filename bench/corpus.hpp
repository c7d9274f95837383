// A synthetic glossary corpus for benchmarks: N entries spread over sources
// in the seed formats (two JSON termbases, an AI-dictionary page, a section
// glossary, a topic list), with a manifest, and the same glossary as one
// Markdown definition list for pandoc. Deterministic for a seed: the bytes
// depend only on (entries, seed).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace glossc::bench {

struct CorpusOptions {
    std::size_t entries = 1000;
    std::uint64_t seed = 1;
    std::filesystem::path out;  // created if missing; glossary.toml, the sources and glossary.md go here
};

struct CorpusSummary {
    std::size_t concepts = 0;
    std::size_t entries = 0;
    std::size_t shared_concepts = 0;  // concepts in two or more sources
};

// Throws std::runtime_error when a file cannot be written.
CorpusSummary write_corpus(const CorpusOptions& options);

}  // namespace glossc::bench
