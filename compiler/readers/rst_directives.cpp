// The reStructuredText directives the reader knows (rst_directives.hpp), in
// a file of their own: a table to extend, apart from the parsing code.
#include "readers/rst_directives.hpp"

namespace glossc::readers::rst {

namespace {

const DirectiveInfo kDirectives[] = {
    {"note", Treatment::Prose, Argument::Content, "Note"},
    {"warning", Treatment::Prose, Argument::Content, "Warning"},
    {"tip", Treatment::Prose, Argument::Content, "Tip"},
    {"hint", Treatment::Prose, Argument::Content, "Hint"},
    {"important", Treatment::Prose, Argument::Content, "Important"},
    {"caution", Treatment::Prose, Argument::Content, "Caution"},
    {"danger", Treatment::Prose, Argument::Content, "Danger"},
    {"error", Treatment::Prose, Argument::Content, "Error"},
    {"attention", Treatment::Prose, Argument::Content, "Attention"},
    {"todo", Treatment::Prose, Argument::Content, "Todo"},
    {"seealso", Treatment::Prose, Argument::Content, "See also"},
    {"admonition", Treatment::Prose, Argument::Prefix, ""},
    {"versionadded", Treatment::Prose, Argument::Prefix, "New in version"},
    {"versionchanged", Treatment::Prose, Argument::Prefix, "Changed in version"},
    {"deprecated", Treatment::Prose, Argument::Prefix, "Deprecated since version"},
    {"epigraph", Treatment::Prose, Argument::Content, ""},
    {"highlights", Treatment::Prose, Argument::Content, ""},
    {"pull-quote", Treatment::Prose, Argument::Content, ""},
    {"compound", Treatment::Prose, Argument::Content, ""},
    {"hlist", Treatment::Prose, Argument::Content, ""},
    {"line-block", Treatment::Prose, Argument::Content, ""},
    {"figure", Treatment::Prose, Argument::Ignored, ""},  // the argument is the image; the content its caption
    {"only", Treatment::Prose, Argument::Ignored, ""},
    {"container", Treatment::Prose, Argument::Ignored, ""},
    {"class", Treatment::Prose, Argument::Ignored, ""},
    {"glossary", Treatment::Glossary, Argument::Ignored, ""},
    {"code-block", Treatment::Code, Argument::Ignored, ""},
    {"code", Treatment::Code, Argument::Ignored, ""},
    {"sourcecode", Treatment::Code, Argument::Ignored, ""},
    {"parsed-literal", Treatment::Code, Argument::Ignored, ""},
    {"doctest", Treatment::Code, Argument::Ignored, ""},
    {"testcode", Treatment::Code, Argument::Ignored, ""},
    {"testoutput", Treatment::Code, Argument::Ignored, ""},
    {"productionlist", Treatment::Code, Argument::Content, ""},
    {"math", Treatment::Math, Argument::Content, ""},
    {"raw", Treatment::NotRead, Argument::Ignored, ""},
    {"include", Treatment::NotRead, Argument::Ignored, ""},
    {"literalinclude", Treatment::NotRead, Argument::Ignored, ""},
    {"image", Treatment::NoText, Argument::Ignored, ""},
    {"toctree", Treatment::NoText, Argument::Ignored, ""},
    {"index", Treatment::NoText, Argument::Ignored, ""},
    {"highlight", Treatment::NoText, Argument::Ignored, ""},
    {"default-role", Treatment::NoText, Argument::Ignored, ""},
    {"role", Treatment::NoText, Argument::Ignored, ""},
    {"meta", Treatment::NoText, Argument::Ignored, ""},
    {"contents", Treatment::NoText, Argument::Ignored, ""},
    {"sectnum", Treatment::NoText, Argument::Ignored, ""},
    {"section-numbering", Treatment::NoText, Argument::Ignored, ""},
    {"header", Treatment::NoText, Argument::Ignored, ""},
    {"footer", Treatment::NoText, Argument::Ignored, ""},
    {"target-notes", Treatment::NoText, Argument::Ignored, ""},
    {"title", Treatment::NoText, Argument::Ignored, ""},
    {"tabularcolumns", Treatment::NoText, Argument::Ignored, ""},
    {"currentmodule", Treatment::NoText, Argument::Ignored, ""},
    {"module", Treatment::NoText, Argument::Ignored, ""},
    {"codeauthor", Treatment::NoText, Argument::Ignored, ""},
    {"sectionauthor", Treatment::NoText, Argument::Ignored, ""},
    {"moduleauthor", Treatment::NoText, Argument::Ignored, ""},
    {"graphviz", Treatment::NoText, Argument::Ignored, ""},
    {"digraph", Treatment::NoText, Argument::Ignored, ""},
    {"plot", Treatment::NoText, Argument::Ignored, ""},
    {"mermaid", Treatment::NoText, Argument::Ignored, ""},
    {"autosummary", Treatment::NoText, Argument::Ignored, ""},
};

// Any other directive keeps its text: an unknown one may well be prose
// (a Sphinx extension's "tabs", a domain's "py:function"); its argument is a
// paragraph of its own.
const DirectiveInfo kUnknownDirective{"", Treatment::Prose, Argument::Paragraph, ""};
// autodoc's directives ("automodule", "autoclass") pull their text from code.
const DirectiveInfo kAutodoc{"", Treatment::NoText, Argument::Ignored, ""};

}  // namespace

const DirectiveInfo& directive_info(std::string_view name) {
    for (const auto& info : kDirectives)
        if (info.name == name) return info;
    // Domain prefixes: "py:module", "std:glossary" (never "py:function", prose).
    if (auto colon = name.rfind(':'); colon != std::string_view::npos) {
        std::string_view bare = name.substr(colon + 1);
        for (const auto& info : kDirectives)
            if (info.name == bare && info.treatment != Treatment::Prose) return info;
    }
    if (name.starts_with("auto")) return kAutodoc;
    return kUnknownDirective;
}

}  // namespace glossc::readers::rst
