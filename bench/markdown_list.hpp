// One item of a Markdown definition list (pandoc's `definition_lists`
// extension): the term, its other names, then one ":" block per definition.
// Written once for the corpus generator and the seed benchmark, so that
// pandoc converts the same shape of document in both.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace glossc::bench {

inline void write_definition_item(std::ostream& out, const std::string& term, const std::vector<std::string>& aliases,
                                  const std::vector<std::string>& definitions) {
    out << term;
    if (!aliases.empty()) {
        out << " (";
        for (std::size_t i = 0; i < aliases.size(); ++i) out << (i ? ", " : "") << aliases[i];
        out << ')';
    }
    out << "\n\n";
    for (const auto& definition : definitions) out << ":   " << definition << "\n\n";
}

}  // namespace glossc::bench
