// Checks on TeX math that readers pass on as diagnostics. Scraped formulas
// lose backslashes: "\beta" written into a JSON or C string becomes a
// backspace and "eta", "\theta" a tab and "heta", "\frac" a form feed and
// "rac". What is left is a bare command name that TeX would typeset as
// letters. A scan of the source, not a walk of the tree: such formulas are
// often broken in other ways too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace glossc::math {

struct BareTexCommand {
    std::string word;                // as it stands in the formula: "eta"
    std::vector<std::string> meant;  // commands it may have been: "\eta", "\beta"
};

// Letter runs in `tex` that are not part of a command ("\nabla"), not inside
// the text argument of \text{}, \operatorname{}, \mathrm{} and the like, and
// that are either a TeX command name whose letters are never a plain word
// (Greek letters, "nabla", "frac", ...: kLintBare in commands.cpp) or such a
// name minus the first letter of a string escape (\b \f \n \r \t \v).
std::vector<BareTexCommand> find_bare_tex_commands(std::string_view tex);

}  // namespace glossc::math

// The readers' name for it.
namespace glossc::text {
using math::BareTexCommand;
using math::find_bare_tex_commands;
}  // namespace glossc::text
