// The EPUB's two back-matter pages, as the content of their <body> (the
// writer puts the XHTML document around them):
//
//   index.xhtml        every name -> its concept, by letter
//   categories.xhtml   every category -> its concepts, in book order
//
// Both are long (a thousand names, eight hundred category members on the
// seeds) and a reading system has no scroll bar to drag, so each opens with a
// jump list: a <nav class="jump"> of links to its sections (the letters of
// the index; the categories, with how many concepts each holds).
//
//   <nav class="jump" aria-label="Letters"><ul class="jump">
//   <li><a href="#letter-symbols">Symbols and numbers</a></li> <li><a href="#letter-a">A</a></li> ...
//   </ul></nav>
//   <h2 id="letter-a">A</h2>
//   <ul class="index">
//   <li><a href="glossary-a.xhtml#attention">Attention</a></li>            a headword
//   <li>attn, <i>see</i> <a href="glossary-a.xhtml#attention">Attention</a></li>
//   <li><a href="…#autoresearch">AutoResearch</a>; <i>see also</i> <a href="…#research">Research</a></li>
//   </ul>
//
// An index line never sends a reader to the name they are reading: a name
// that is its concept's headword links to it (and says "see also" for the
// other concepts it names), and a name that differs from that headword only
// in case, spaces or punctuation ("Finetuning" beside "Fine-Tuning") is no
// line of its own, since the headword's line sits next to it.
//
// Neither page is read back (epub_backend.hpp's project()): the categories'
// sections are, by their class and id, and the jump list carries neither.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "epub/epub_inline.hpp"
#include "ir/ir.hpp"

namespace glossc::epub_backend {

// A letter section's name, as headings and the table of contents show it:
// "Symbols and numbers" for "#", else the letter.
std::string section_name(std::string_view letter);

// The body of index.xhtml.
std::string index_body(const ir::Glossary& glossary, const ConceptTargets& concepts);

// The body of categories.xhtml; `book_order` lists the concepts' indices in
// the order of the book.
std::string categories_body(const ir::Glossary& glossary, const std::vector<std::size_t>& book_order,
                            const ConceptTargets& concepts);

}  // namespace glossc::epub_backend
