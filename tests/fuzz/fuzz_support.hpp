// What every fuzz target shares: the seed manifest (so targets run with the
// options the real build uses) and the checks that turn a silent loss into
// a finding.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "diagnostics/diagnostics.hpp"
#include "manifest/manifest.hpp"
#include "merge/merge.hpp"

namespace glossc::fuzz {

// The seed manifest (sources/glossary.toml), parsed once.
const Manifest& seed_manifest();

// Merges the sources and checks the accounting invariant: each entry a
// reader produced is in exactly one concept's provenance. A violation
// aborts, which libFuzzer records as a crash with the input that caused it.
// (Backends are not run: they see only IR, which their own property tests
// generate, and rendering would halve the executions per second.)
void merge_and_check(const Manifest& manifest, const std::vector<SourceEntries>& sources,
                            const merge::MergeData& data);

[[noreturn]] inline void finding(const std::string& what) {
    std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
    std::abort();
}

}  // namespace glossc::fuzz
