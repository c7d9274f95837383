// A definition's blocks with every kind of block, for the tests of the
// outputs that show blocks (the EPUB and the Anki deck): a paragraph with a
// formula, a nested list, a list starting at 3, code with markup characters,
// "]]>" and leading spaces, a displayed formula every output takes and one
// that `refused` names (each output refuses other TeX), a quote and a table.
#pragma once

#include <string>

#include "ir/ir.hpp"

namespace glossc::testing {

ir::Blocks every_kind_of_block(std::string refused);

}  // namespace glossc::testing
