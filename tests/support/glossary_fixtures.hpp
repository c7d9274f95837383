// Pieces of the small glossaries the backend tests build by hand.
#pragma once

#include <string>
#include <vector>

#include "ir/ir.hpp"

namespace glossc::testing {

inline ir::Concept make_concept(std::string id, std::string headword) {
    ir::Concept c;
    c.id = std::move(id);
    c.headword = std::move(headword);
    return c;
}

// Two sources with titles, one with a URL: what the readers' editions show
// instead of ids, files and lines.
inline std::vector<ir::Source> titled_sources() {
    return {{"termbase", "sources/termbase.json", "termbase-json", 50, 1, "AI/ML Termbase",
             "https://example.org/termbase"},
            {"topics", "sources/topics.txt", "topic-list", 20, 0, "Topic List", ""}};
}

}  // namespace glossc::testing
