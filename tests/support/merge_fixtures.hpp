// Small hand-made sources for merge tests.
#pragma once

#include <string>
#include <vector>

#include "merge/merge.hpp"
#include "text/inline_math.hpp"

namespace glossc::testing {

inline Entry make_entry(std::string key, std::string summary, std::vector<ir::Label> labels = {},
                        std::vector<std::string> categories = {}) {
    Entry e;
    e.key = key;
    e.headword = key;
    e.line = 1;
    e.labels = std::move(labels);
    e.categories = std::move(categories);
    e.definition.summary = text::parse_inline_math(summary);
    return e;
}

inline SourceEntries make_source(std::string id, std::int64_t priority, std::vector<Entry> entries) {
    SourceEntries s;
    s.spec.id = id;
    s.spec.file = id + ".txt";
    s.spec.display_path = "sources/" + id + ".txt";
    s.spec.format = "test";
    s.spec.priority = priority;
    std::uint32_t line = 1;
    for (auto& e : entries) {
        e.line = line++;
        e.definition.source = id;
        e.definition.line = e.line;
    }
    s.result.entries = std::move(entries);
    return s;
}

inline merge::MergeResult merge_all(const std::vector<SourceEntries>& sources, const merge::MergeData& data = {}) {
    Manifest manifest;
    manifest.title = "T";
    DiagnosticSink sink;
    return merge::merge_sources(manifest, sources, data, 0, sink);
}

}  // namespace glossc::testing
