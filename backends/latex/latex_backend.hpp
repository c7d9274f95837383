// The LaTeX backend (out/glossary.tex): the print edition, for LuaLaTeX, and
// a reader of our own .tex. `glossc build --formats latex --pdf` also compiles
// it to out/glossary.pdf (latex_pdf.hpp).
//
// ---- The document ---------------------------------------------------------------
//
// One self-contained file: the preamble (article class, fontspec, unicode-math,
// multicol, fancyhdr, hyperref; Noto fonts with luaotfload fallbacks) defines
// the \gc... macros, and the body is nothing but calls of them:
//
//   %% glossc-latex 1                                      line 1, always
//   ...preamble...
//   \begin{document}
//   \begin{gctitlepage}{TITLE}{LANGUAGE}{EDITION}{CONCEPT COUNT}
//   \gcsource{TITLE}{URL}                                  each source, IR order
//   \end{gctitlepage}
//   \begin{gcglossary}                                     when there are concepts
//   \gcletter{N}{LETTER}                                   a letter heading
//   \begin{gcentry}{KEY}{ID}{HEADWORD}{HEAD}               each concept, sorted
//   \gcalias{KIND}{TEXT} or \gcquietalias{KIND}{TEXT}      each label, IR order
//   \gccategory{ID}{SHOWN}                                 each category id
//   \begin{gcdef}{TITLE}                                   each definition: its source's title
//   \gcsummary{RICH}                                       when not empty
//   \gcbody{RICH} \gcdetails{RICH} \gcexample{RICH}        a field that is one paragraph,
//   \begin{gcbodyblocks} BLOCKS \end{gcbodyblocks}         any other non-empty field
//                                  (gcdetailsblocks, gcexampleblocks alike; see Blocks)
//   \gcflag{TEXT}                                          each flag
//   \end{gcdef}
//   \gcsee{KEY}{ID}{SHOWN}                                 each related id ("see")
//   \gcreference{TITLE}{AUTHORS}{VENUE}{ARXIV}{URL}        each reference
//   \end{gcentry}
//   \end{gcglossary}
//   \begin{gcaliasindex} \gcindexalias{TEXT}{KEY}{HEADWORD}... \end{gcaliasindex}
//   \begin{gccategoryindex}
//   \begin{gcindexcategory}{ID}{LABEL} \gcindexconcept{KEY}{HEADWORD}... \end{gcindexcategory}
//   \end{gccategoryindex}
//   \end{document}
//
// Every macro call starts a line; an argument may go on over several lines
// (the writer wraps long lines at single spaces, and a line end inside an
// argument stands for one space). Concepts are sorted as in the other
// backends (common/headword_order.hpp); the letter headings, HEAD (the
// headword as the running heads show it, cut at 32 characters), SHOWN and
// HEADWORD in references, and both indexes are derived from the entries.
// KEY is the concept's \label: "gc:" + id for ids of [A-Za-z0-9-], else
// "gcx:" + the id's bytes in hex; empty in \gcsee, \gcref when no concept has
// that id (the reference is then printed without a page). The running heads
// show the first and the last headword of each page (LaTeX's \markboth marks,
// which multicol keeps), and "see" entries and both indexes give page numbers
// (\label/\pageref, links with hyperref).
//
// Readers see sources as the manifest titles them, never by id, file or
// line (editors' facts, in the JSON): the title page's verso lists each
// source's title (and its URL, linked, when it has one), and a definition
// ends with its source's title in small caps, "— AI/ML Termbase (truncated)"
// with its flags. An entry prints its other names without their kinds
// ("also attn, KV cache"); KIND is only for the reader. A label is written
// \gcquietalias, carried but not printed (nor in the index of names), when
// it is the headword again, a hidden label (a search form, such as a
// misspelling) or a name the entry printed already.
//
// ---- Values ---------------------------------------------------------------------
//
// TEXT is escaped text: escape_text() below, the one escaping function,
// maps every character TeX treats specially to a command that prints it:
//   \ { } $ & # % _ ^ ~   ->  \textbackslash{} \{ \} \$ \& \# \% \_
//                              \textasciicircum{} \textasciitilde{}
//   control characters (C0, DEL, C1), U+2028/9, unassigned and private-use
//   code points (no font has a glyph for them)
//                         ->  \gcchar{HEX}{SHOWN}: printed visibly, as the
//                              control picture (U+2409 for a tab) or as
//                              "⟨U+0085⟩"
//   default-ignorable code points (variation selectors, bidi controls, zero
//   width space, soft hyphen...) except ZWJ and ZWNJ
//                         ->  \gcinvisible{HEX}: prints nothing (fonts lack
//                              most of them and would print a box)
// Every other character is itself, so nothing in a value can be a command,
// a comment, a parameter, an alignment tab, math, a ^^ escape or a brace of
// the document: "\input{/etc/hostname}", "\write18{x}", "^^5c", "%" and
// unbalanced braces print literally. Fonts have TeX ligatures off, so "--",
// "''" and "<<" print as they are.
//
// RICH is rich text: escaped text and these macros, nested as the IR nests:
//   \gcemph{RICH} \gcstrong{RICH} \gccode{TEXT}
//   \gclink{URL}{RICH}       a link (URL: TEXT of a URL safe to hand to hyperref;
//   \gclinktext{URL}{RICH}   otherwise printed but not clickable)
//   \gcref{KEY}{ID}{RICH}    a reference to a concept
//   \gcmath{TEX}             math that passed the allow-list (latex_math.hpp):
//                            the TeX source as it is, except that characters
//                            the math font lacks are wrapped in \gcmtext{c}
//   \gcmathtext{TEXT}        math that did not: printed as "$TEX$" text
// ARXIV is empty, \gcarxiv{TEXT} (linked) or \gcarxivtext{TEXT}; URL is
// empty, \gcurl{TEXT} (linked: a URL linkable_url() accepts, its escapes
// expanded to the characters for hyperref) or \gcurltext{TEXT} (printed
// only: one with a space, a backslash, a brace, ^ " < > ` or non-ASCII).
//
// ---- Blocks -------------------------------------------------------------------------
//
// BLOCKS is a sequence of these, each starting a line, indented by two
// spaces a level inside the block that holds it (the reader skips them):
//   \gcpar{RICH}                                  a paragraph
//   \begin{gcbullets} ITEM... \end{gcbullets}     a bullet list; ITEM is \gcitem, then BLOCKS
//   \begin{gcnumbers}{START} ITEM... \end{gcnumbers}
//                                                 a numbered list; ITEM is \gcnumitem{N}, then
//                                                 BLOCKS, N counting from START
//   \begin{gccodeblock}{LANGUAGE} \gcline{CODE}... \end{gccodeblock}
//                                                 a code block, one \gcline a line; LANGUAGE is TEXT
//   \gcdisplaymath{TEX}                           a display formula that passed the allow-list
//   \begin{gcmathcode} \gcline{CODE}... \end{gcmathcode}
//                                                 one that did not: printed as code, and reported
//                                                 ("latex-math-rejected")
//   \begin{gcquote} BLOCKS \end{gcquote}          a quote
//   \begin{gctable}{COLUMNS} ROW... \end{gctable} a table (a grid the column's width), or
//   \begin{gcwidetable}{COLUMNS} ROW... \end{gcwidetable}
//                                                 one whose longest words do not fit a grid's
//                                                 columns: each row printed as "heading: cell" lines;
//                                                 ROW is \gchead{CELLS} (the first) or \gcrow{CELLS},
//                                                 CELLS is \gccell{RICH}..., at most COLUMNS
// CODE is TEXT with each space written "\ " (escape_code_line in
// latex_format.hpp), so that indentation prints; a tab prints as four
// spaces. No verbatim environment is used: code is escaped text like any
// other, so "\end{verbatim}" or "\end{gccodeblock}" in it prints literally.
// Lists, quotes and code indent by \leftskip rather than LaTeX's list
// environments, so that lists nest deeper than LaTeX's six levels; display
// formulas wider than the column are scaled down to it. The preamble has
// these macros only when the body uses them.
//
// Nothing may stick out of its column or part a headword from its text:
// long words, URLs and headwords break (the preamble's Lua: after / . _ and
// the like, after a hyphen in a long run, every 20 characters), inline math
// after its commas as well as its operators, tables fit or become records,
// display formulas wrap or shrink; a headword's paragraph is kept whole and
// with the first line of its first definition. The seed PDF test fails on
// any overfull box, and on a column that starts with a first definition
// (tests/latex_backend_test.cpp).
//
// ---- What the format carries: project() -------------------------------------------
//
// project(ir) is exactly what read(write(ir)) gives back:
//  * glossary: title, language, edition, sources as readers see them
//    (sources::reader_view, common/source_titles.hpp: the title, also as
//    the id, and the URL), categories; not diagnostics;
//  * concepts, in the printed order: id, headword, labels (with their kinds,
//    unprinted arguments) without their sources, categories, definitions
//    (source as its title, line 0, the flags readers see (sources::reader_flags), the summary and the blocks of
//    body, details and example as they are), related, references; not
//    provenance or extras;
//  * rich text and every string are kept exactly: control characters, code
//    points without a glyph and invisible code points are printed as visible
//    replacements or nothing (see Values) but written so that they read back.
#pragma once

#include <string>
#include <string_view>

#include "backend.hpp"

namespace glossc::latex_backend {

// The document (backend.hpp): made whole, since its preamble depends on the
// body (the PDF id), and handed on in a few pieces. Formulas the edition
// prints as text (inline) or code (display) because they are not made of
// allow-listed math (latex_math.hpp) are reported, one warning each
// ("latex-math-rejected") at the line of the .tex that holds them.
void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output);
ir::Glossary read(std::string_view bytes);
ir::Glossary project(const ir::Glossary& glossary);

// The escaping function (see Values above).
std::string escape_text(std::string_view text);

}  // namespace glossc::latex_backend
