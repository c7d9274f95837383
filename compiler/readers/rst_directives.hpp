// What the reStructuredText reader does with each directive: whether its
// content is prose, code, math, a glossary or nothing, and what its argument
// is. One table, asked by the block pass (how to read a directive's body)
// and by the reader proper (what the body gives an entry).
#pragma once

#include <string_view>

namespace glossc::readers::rst {

enum class Treatment {
    Prose,     // its content is text of the definition
    Code,      // a Code paragraph
    Math,      // a Math paragraph
    Glossary,  // Sphinx's glossary
    NoText,    // dropped: nothing an entry could say (an image, a toctree)
    NotRead,   // dropped with a warning: its text is not this file's (raw, include)
};

enum class Argument {
    Content,    // the directive line holds the first line of content
    Prefix,     // a title said before the content ("admonition:: Title")
    Paragraph,  // text of its own ("rubric:: References")
    Ignored,    // a path, a language, a condition
};

struct DirectiveInfo {
    std::string_view name;
    Treatment treatment;
    Argument argument;
    std::string_view prefix;  // said before the content, as the rendered page shows it
};

// The directive named `name` (lower case; a domain prefix such as "py:" or
// "std:" allowed); an unknown one is prose with a paragraph argument.
const DirectiveInfo& directive_info(std::string_view name);

}  // namespace glossc::readers::rst
