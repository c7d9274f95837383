// The text backend's writer of a definition's content: the summary, then
// the body, details and example as blocks (text_backend.hpp, "Blocks").
// (Internal to backends/text.)
#pragma once

#include <string>

#include "ir/ir.hpp"

namespace glossc::text_backend {

// Appends what stands under a definition's "From ...:" line.
void write_definition_content(std::string& out, const ir::Definition& d);

}  // namespace glossc::text_backend
