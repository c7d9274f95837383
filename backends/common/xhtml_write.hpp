// The parts of an entry that the EPUB's letter files and the web edition's
// pages write alike: names, definitions, "See also", references and the
// sources' list, each in one markup with the class names the shared reader
// looks for (common/xhtml_read.hpp), the few differences in the Dialect of
// the inline policy (common/xhtml_inline.hpp). What surrounds an entry (a
// <dt>/<dd> in the book, an <article> on the site) and its categories (a
// page of their own on the site) stay with each backend.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/xhtml_inline.hpp"
#include "ir/ir.hpp"

namespace glossc::xhtml {

// <span class="`class_name`">value</span>, the value escaped.
std::string span(std::string_view class_name, std::string_view value);

// <p class="`class_name`">, `lead`, the items between separators, </p>.
std::string paragraph(std::string_view class_name, std::string_view lead, const std::vector<std::string>& items,
                      std::string_view separator);

// arXiv identifiers ("2210.17323", "hep-th/9901001") link to their abstract
// page; one that would start the link's path again or climb it is not linked.
bool linkable_arxiv(std::string_view id);

// A concept's other names: a paragraph "Also called: …" and, for hidden
// labels (search forms, misspellings, which are no names to show), a
// paragraph that reading systems and browsers hide. The kind is in an
// attribute, for our reader.
void append_aliases(std::string& out, const ir::Concept& c, const Dialect& dialect);

// "See also: …", each related concept a link to its entry when `concepts`
// has it, its id otherwise; nothing when there is none.
void append_see_also(std::string& out, const std::vector<std::string>& related, const ConceptTargets& concepts,
                     const Dialect& dialect);

// Appends a definition's <div>, attributed to `source_title` after its text,
// as a quotation is; true when a field of it is in blocks (the EPUB's style
// sheet then has their rules).
bool append_definition(std::string& out, const ir::Definition& d, std::string_view source_title, InlinePolicy& rich);

// A reference's paragraph; its links (arXiv, URL) go to other sites.
std::string reference(const ir::Reference& r, const Dialect& dialect);

// A source in the list of sources, as readers see it (sources::reader_view):
// its title, a link when its URL is one an href can hold.
void append_source(std::string& out, const ir::Source& shown, const Dialect& dialect);

}  // namespace glossc::xhtml
