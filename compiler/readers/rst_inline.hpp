// Inline markup of the reStructuredText reader: one paragraph's text (roles,
// references, emphasis, literals, substitutions, URLs) to rich text, by
// docutils' recognition rules. Separate from the block pass (rst_blocks.hpp)
// and the reader (rst.cpp): it sees one string, never lines or entries.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ir/ir.hpp"
#include "readers/generic.hpp"

namespace glossc::readers::rst {

// What inline markup refers to, collected from the whole document first:
// targets may come after the text that uses them.
struct Targets {
    std::map<std::string, std::string> urls;           // named hyperlink targets
    std::map<std::string, std::string> substitutions;  // |name| -> replace:: text
    struct Label {
        std::string name;   // what the label stands above: an entry's term, a title
        bool entry = false;
    };
    std::map<std::string, Label> labels;

    const std::string* url(std::string_view name) const;
};

struct InlineText {
    ir::RichText text;
    std::optional<std::size_t> unclosed;  // offset of the first start-string left unclosed, if any
};

// The rich text of `s`. `targets` null: roles are not resolved (a term's own
// name). `into`, when given, receives the related entries that :term: and
// :ref: name.
InlineText parse_inline(std::string_view s, const Targets* targets, generic::Draft* into);

}  // namespace glossc::readers::rst
