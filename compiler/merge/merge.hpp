// From the entries of every source to one glossary: one concept per meaning.
#pragma once

#include <vector>

#include "diagnostics/diagnostics.hpp"
#include "ir/ir.hpp"
#include "manifest/manifest.hpp"
#include "readers/reader.hpp"

namespace glossc {

struct SourceEntries {
    SourceSpec spec;
    ReaderResult result;
};

// Builds the glossary IR from every source's entries. Diagnostics about the
// merge go to `sink`; the caller puts all diagnostics into the glossary.
ir::Glossary build_glossary(const Manifest& manifest, const std::vector<SourceEntries>& sources,
                            DiagnosticSink& sink);

}  // namespace glossc
