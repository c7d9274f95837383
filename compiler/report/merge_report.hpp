// The merge report for editors (`glossc report`) and `glossc explain TERM`:
// why entries were merged or kept apart, with the evidence.
#pragma once

#include <string>
#include <string_view>

#include "ir/ir.hpp"
#include "merge/merge.hpp"

namespace glossc::report {

enum class Format { Html, Markdown, Text };

// The whole report: counts per source, every multi-source concept with its
// labels and where each came from, every homonym split and near miss.
// HTML is one self-contained page (inline CSS, no external assets).
std::string merge_report(const ir::Glossary& glossary, const merge::MergeTrace& trace, Format format);

// Which entries formed the concept(s) TERM names, and why; empty when no
// concept has such a name.
std::string explain(const ir::Glossary& glossary, const merge::MergeTrace& trace, std::string_view term);

}  // namespace glossc::report
