// The text backend's reader of a definition's content: the paragraphs under
// its "From ...:" line back into the summary and the body, details and
// example as blocks (text_backend.hpp, "Blocks").
// (Internal to backends/text.)
#pragma once

#include <cstddef>
#include <vector>

#include "ir/ir.hpp"
#include "text/text_paragraphs.hpp"

namespace glossc::text_backend {

// Reads the paragraphs from `first` on that stand at the content's column or
// deeper into `d`; returns the index of the paragraph after them.
std::size_t read_definition_content(const std::vector<Para>& ps, std::size_t first, ir::Definition& d);

}  // namespace glossc::text_backend
