// Merge quality against hand-made gold labels: pairwise precision and recall
// over the labelled entries (the measure entity-resolution work reports).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostics.hpp"
#include "ir/ir.hpp"

namespace glossc::merge {

struct GoldLabels {
    std::vector<std::vector<std::string>> concepts;            // "source:key" groups that are one concept
    std::vector<std::pair<std::string, std::string>> apart;   // pairs that must stay apart
};

std::optional<GoldLabels> load_gold_labels(const std::filesystem::path& path, DiagnosticSink& sink);

struct QualityFigures {
    std::size_t entries = 0;           // labelled entries found in the glossary
    std::size_t missing = 0;           // labelled entries the glossary does not have
    std::size_t gold_pairs = 0;        // pairs gold puts together
    std::size_t system_pairs = 0;      // pairs the merge puts together (among labelled entries)
    std::size_t true_pairs = 0;        // both
    std::size_t apart_violations = 0;  // must-stay-apart pairs the merge joined
    double precision() const { return system_pairs ? double(true_pairs) / double(system_pairs) : 1.0; }
    double recall() const { return gold_pairs ? double(true_pairs) / double(gold_pairs) : 1.0; }
    std::vector<std::string> false_merges;  // "a + b" lines, for the editor
    std::vector<std::string> missed_merges;
};

QualityFigures measure_quality(const ir::Glossary& glossary, const GoldLabels& gold);

}  // namespace glossc::merge
