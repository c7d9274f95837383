// The merge report for editors (`glossc report`) and `glossc explain TERM`:
// why entries were merged or kept apart, with the evidence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"
#include "merge/merge.hpp"

namespace glossc::report {

enum class Format { Html, Markdown, Text };

// The whole report: counts per source; every homonym split and near miss
// with both entries' definitions side by side, the pair that blocked a
// refused union, and the same_as / not_same_as tables to paste into
// sources/overrides.toml; possible synonyms the merge never paired
// (synonyms.hpp); every multi-source concept with its labels and each
// entry's definition. HTML is one self-contained page (inline CSS, no
// script, no external assets) with a table of contents, an anchor per
// concept (its id) and per pair, and a filter by source.
// `changes`: what each source this build adds changed (merge.hpp), one
// section each, said as `glossc check --source` says it.
std::string merge_report(const ir::Glossary& glossary, const merge::MergeTrace& trace, Format format,
                         const std::vector<merge::SourceChange>& changes = {});

// "[[same_as]]\nentries = [ \"a:X\", \"b:Y\" ]\n" for table "same_as" or
// "not_same_as": the override naming two entries by their refs, as
// sources/overrides.toml holds it (any quote or backslash escaped).
std::string override_table(std::string_view table, const std::string& ref_a, const std::string& ref_b);

// Which entries formed the concept(s) TERM names, and why; empty when no
// concept has such a name.
std::string explain(const ir::Glossary& glossary, const merge::MergeTrace& trace, std::string_view term);

}  // namespace glossc::report
