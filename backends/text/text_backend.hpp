// The plain-text backend (out/glossary.txt): the glossary for people reading
// it in a terminal, with less or with grep, and a reader that parses it back.
//
// What it looks like:
//
//   AI/ML Glossary
//   ==============
//
//   Edition: 2026-11-23
//   Language: en
//   Sources:
//     AI/ML Termbase <https://example.org/termbase>
//     Topic List
//   Categories:
//     Attention & Position [attention]
//
//   == A ==
//
//   attention [attention]
//     Also called: attn; self-attention
//     Category: Attention & Position
//     From AI/ML Termbase:
//       Lets each token weigh every other token of the sequence.
//       Each position builds a query, compares it with every key and mixes
//         the values by the softmax of the scores.
//       Details: $\mathrm{softmax}(QK^\top/\sqrt{d})V$, where
//       - $Q$, $K$, $V$ are the queries, keys and values;
//       - $d$ is the key dimension.
//       Example:
//       ```python
//       F.scaled_dot_product_attention(q, k, v)
//       ```
//     See also: transformer; KV cache
//     Reference: Attention Is All You Need
//       Authors: Vaswani et al.
//       arXiv: 1706.03762
//
// ---- Grammar ------------------------------------------------------------------
//
// UTF-8, lines end with "\n", no tabs, no trailing spaces. Blank lines are
// only for the eye (except inside a fenced block, below). A *paragraph* is a
// line and the lines continuing it: paragraphs start in column 0, 2 or a
// multiple of 4; one starting in column 0 continues on lines indented 4, one
// starting in column c >= 2 on lines indented max(c, 4) + 2 (6 after 2 and 4,
// 10 after 8...), a column no paragraph can start in after it. Lines are at
// most 78 columns wide (display width; only blocks nested some 17 levels
// deep cannot keep this); a paragraph breaks only at a space, so joining
// its lines with one space gives it back, except that a word wider than a
// whole line is broken with a "\" ending the line, joined with nothing.
//
//   document   = title underline [header] *section
//   title      = paragraph at 0                     the glossary's title
//   underline  = "=" *"="                           display width of the title's first line
//   header     = ["Edition: " text] ["Language: " text] ["Sources:" *source] ["Categories:" *category]
//   source     = paragraph at 2: title [" <" url ">"]
//                                                   one per glossary source, in IR order: its title
//                                                   (every "<" in it escaped, so the first literal
//                                                   "<" opens the URL) and its URL when it has one
//   category   = paragraph at 2: name-id            one per glossary category, in IR order
//   section    = "== " letter " ==" 1*concept        letter: "#" for headwords not starting with a letter
//   concept    = headword *field
//   headword   = paragraph at 0: name-id            the concept's headword and id
//   field      = (at 2)  "Also called: " alias *("; " alias)
//              | (at 2)  ("Category: " | "Categories: ") item *("; " item)
//              | (at 2)  "From " title [" (" flag *(", " flag) ")"] ":"
//                        [summary *block] [details] [example]       (at 4: see "Blocks")
//              | (at 2)  "See also: " item *("; " item)
//              | (at 2)  "Reference:" [" " title] ["Authors: " text] ["Venue: " text]
//                        ["arXiv: " text] ["URL: " text]                        (these at 4)
//   name-id    = [text " "] "[" id "]"              the last unescaped "[" opens the id
//   alias      = text                               a name; ";" in it escaped
//   item       = text | [text " "] "[" id "]"       see below
//   summary    = paragraph at 4                     the first paragraph; the blocks after it are the body
//   details    = "Details:" [" " text] *block         at 4; the text is the first paragraph
//   example    = "Example:" [" " text] *block         at 4; likewise
//
// Concepts are sorted by headword: by section ("#" first, then letters in
// code point order; a letter's section is its base letter, upper-cased:
// "école" is under "E"), then case- and accent-insensitively, then by the
// exact headword, then by id (backends/common/headword_order.hpp, the order
// every lettered backend shares).
//
// A definition names its source by the title readers know it by (the
// manifest's `title`), never by id, file or line: those are editors' facts
// (the JSON has them). The title in a From line is escaped only where it
// would be structure: a ")" that ends it, which would read as the end of
// the flags ("From Notes (2024\<)>:"); the last literal ":" ends the line.
//
// "Also called:" lists the concept's other names, each once, without their
// kinds: not the headword, and not hidden labels (search forms such as
// misspellings, no names to call it by).
//
// An `item` names a concept (See also) by its headword or a category by its
// label. The "[id]" is left out when the name alone is unambiguous: exactly
// one concept (category) has it and it is the one meant. Otherwise the reader
// takes the id and ignores the name (an id with no concept shows as "[id]").
//
// ---- Blocks -------------------------------------------------------------------
//
// A definition's body, details and example are blocks (ir::Block), written
// at the definition's column, 4, one after another. A block's own nested
// blocks (an item's further blocks, a nested list, a quote's blocks after
// its first paragraph) start 4 columns deeper than the block, so a block
// starts at a multiple of 4 and every continuation line at a multiple of 4
// plus 2: the indentation alone says what belongs to what.
//
//   block      = paragraph | list | code | math | quote | table
//   paragraph  = text at c                          protected (\<>) when it would start like a
//                                                   marker below, or at 4 like a keyword
//   list       = 1*item                             items at c with the same marker symbol
//   item       = marker [" " text] *block(at c + 4) marker: "-" or "*" (bullet list), N "." or
//                                                   N ")" (ordered list, numbered from its start)
//   quote      = ">" [" " text] *block(at c + 4)
//   code       = "```" language  lines  "```"      fences at c; every space of the language is
//                                                   escaped, so the fence line is one word
//   math       = "$$"  lines  "$$"                  fences at c; the TeX source's lines
//   table      = row rule *row                      one paragraph each, at c
//   row        = "|" 1*(" " cell " |")              an empty cell is "\<>"; "|" in a cell "\<|>"
//   rule       = "|" 1*"---|"                       one "---|" per column; one word, broken with
//                                                   "\" when the table has too many columns
//
// The text after a marker (or after "Details:"/"Example:") is the item's
// first paragraph, whatever it starts like ("\<>" when it is empty); an item
// whose first block is no paragraph has its marker alone on its line ("-",
// "3.", ">", "Details:") and every block below it (an item's at c + 4;
// Details' and Example's at 4, up to the next keyword).
// Two lists in a row would read as one list: the second takes the other
// marker ("*" after "-", "1)" after "1.", alternating), as in CommonMark.
// Two tables in a row are told apart by the rule under each header. The
// summary is always written when there is a body ("\<>" when it is empty),
// so the first block under "From" is a paragraph, the summary.
//
// Fenced blocks (code, display math) are the one place where lines are taken
// as they are: after the fence line, each line is a line of the block with
// exactly c spaces (its indentation) taken off, up to the closing fence: c
// spaces and "```" (or "$$") alone. Its lines are never wrapped; the escapes
// below apply, but only where needed: a control character (a tab is
// "\<t>"), a backslash before "<" or ending the line, a space ending the line
// ("\<sp>"), the first character of a line that would read as the closing
// fence ("\<`>``"). A blank line is an empty line of the block. A line too
// wide for the page is broken with the "\" break mark, each piece on its own
// line at c, joined with nothing (a closing fence never follows a break
// mark). An empty literal has no line between its fences.
//
//   - one
//       - one.a                a nested list, 4 deeper than its item
//   - two
//       two, further           the item's second paragraph
//   3. third                   an ordered list starting at 3
//   > quoted
//   ```python
//   def f(x):
//       return x \<sp>         a code line ending in two spaces
//   ```
//   | term | meaning |
//   |---|---|
//   | a \<|> b | \<> |
//
// ---- Escapes --------------------------------------------------------------------
//
// Every value (text, names, ids, sources, flags) is written so that no content
// can look like structure and every character comes back. Escapes have the
// form "\<...>", which TeX source does not use, so math keeps its
// backslashes as they are ("$\sqrt{d_k}$"):
//   \<n> \<t> \<r>    line feed, tab, carriage return
//   \<sp>             a space that is not a single space between two
//                     non-spaces (leading, trailing, in a run): wrapping
//                     breaks lines at single spaces only, so it loses none
//   \<U+HEX>          other control characters (C0, DEL, C1), U+2028/9, bidi
//                     controls (they would break or reorder the terminal's
//                     line) and U+FEFF
//   \<;> \<[> \<,> \<(> \<)> \<|> \<<>
//                     a character that would be structure where it stands:
//                     ";" and "[" in items, ";" in aliases, "[" in ids,
//                     "," "(" ")" in flags, a title's last ")" in a From
//                     line, "<" in the Sources list's titles, "|" in table
//                     cells
//   \<\>              a backslash that would read as an escape or as the
//                     break mark: one before "<", or last in a word
//   \<>               nothing: put before a paragraph that would otherwise
//                     read as a keyword or open a block (as troff's \&), and
//                     standing for an empty summary before a body, an empty
//                     paragraph or cell, an empty title or alias
//   "\" at line end   the word goes on on the next line
// Any other backslash is itself. The reader accepts "\<c>" for any ASCII
// punctuation c.
//
// ---- What the format carries: project() -------------------------------------
//
// project(ir) is exactly what read(write(ir)) gives back:
//  * glossary: title, language, edition, sources as readers see them
//    (sources::reader_view, common/source_titles.hpp: the title, also as
//    the id, and the URL; not file, format, priority or entry count),
//    categories; not diagnostics;
//  * concepts, in the order above: id, headword, labels as "Also called:"
//    shows them (format::shown_aliases: each name once, not the headword,
//    no hidden label), every one of kind `variant` (the text shows no kinds)
//    and without its sources, categories, definitions (source as its title,
//    line 0, the flags readers see (sources::reader_flags), the summary flattened, the body, details and example as the same
//    blocks with every paragraph and table cell flattened, code and display
//    math as they are, code with its language), related, references; not
//    provenance or extras;
//  * rich text is flattened to one Text node (none when empty) of its plain
//    rendering: Text as is, Math as its TeX source between "$" and "$",
//    Code between backquotes, Emph as *x*, Strong as **x**, Link as
//    "x <url>" ("<url>" when the text is the URL or empty), Ref as its text.
//    Whitespace is kept as it is: the escapes make wrapping lossless.
#pragma once

#include <string>
#include <string_view>

#include "backend.hpp"

namespace glossc::text_backend {

inline constexpr std::size_t kWidth = 78;  // columns

// The document, a batch of concepts at a time (backend.hpp).
void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output);
ir::Glossary read(std::string_view bytes);
ir::Glossary project(const ir::Glossary& glossary);

}  // namespace glossc::text_backend
