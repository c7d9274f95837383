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
//   Categories:
//     Attention & Position [attention]
//
//   == A ==
//
//   attention [attention]
//     Aliases: attn (abbreviation); self-attention (variant)
//     Category: Attention & Position
//     From termbase, line 12:
//       Lets each token weigh every other token of the sequence.
//       Each position builds a query, compares it with every key and mixes
//         the values by the softmax of the scores.
//       Details: $\mathrm{softmax}(QK^\top/\sqrt{d})V$
//     See also: transformer; KV cache
//     Reference: Attention Is All You Need
//       Authors: Vaswani et al.
//       arXiv: 1706.03762
//
// ---- Grammar ------------------------------------------------------------------
//
// UTF-8, lines end with "\n", no tabs, no trailing spaces. Blank lines are
// only for the eye. A *paragraph* is a line and the lines continuing it: a
// paragraph starting in column 0 continues on lines indented 4, one starting
// in column 2 or 4 on lines indented 6. Lines are at most 78 columns wide
// (display width); a paragraph breaks only at a space, so joining its lines
// with one space gives it back, except that a word wider than a whole line is
// broken with a "\" ending the line, joined with nothing.
//
//   document   = title underline [header] *section
//   title      = paragraph at 0                     the glossary's title
//   underline  = "=" *"="                           display width of the title's first line
//   header     = ["Edition: " text] ["Language: " text] ["Categories:" *category]
//   category   = paragraph at 2: name-id            one per glossary category, in IR order
//   section    = "== " letter " ==" 1*concept        letter: "#" for headwords not starting with a letter
//   concept    = headword *field
//   headword   = paragraph at 0: name-id            the concept's headword and id
//   field      = (at 2)  "Aliases: " alias *("; " alias)
//              | (at 2)  ("Category: " | "Categories: ") item *("; " item)
//              | (at 2)  "From " source [", line " digits] [" (" flag *(", " flag) ")"] ":"
//                        [summary [body]] ["Details: " text] ["Example: " text]   (these at 4)
//              | (at 2)  "See also: " item *("; " item)
//              | (at 2)  "Reference:" [" " title] ["Authors: " text] ["Venue: " text]
//                        ["arXiv: " text] ["URL: " text]                        (these at 4)
//   name-id    = [text " "] "[" id "]"              the last unescaped "[" opens the id
//   alias      = [text " "] "(" kind ")"            kind: preferred abbreviation expansion variant hidden
//   item       = text | [text " "] "[" id "]"       see below
//   summary    = paragraph at 4 (not a keyword)     then body: the first and second such paragraph
//
// Concepts are sorted by headword: by section ("#" first, then letters in
// code point order; a letter's section is its base letter, upper-cased:
// "école" is under "E"), then case- and accent-insensitively, then by the
// exact headword, then by id (backends/common/headword_order.hpp, the order
// every lettered backend shares).
//
// An `item` names a concept (See also) by its headword or a category by its
// label. The "[id]" is left out when the name alone is unambiguous: exactly
// one concept (category) has it and it is the one meant. Otherwise the reader
// takes the id and ignores the name (an id with no concept shows as "[id]").
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
//   \<;> \<[> \<,> \<(> \<)>
//                     a character that would be structure where it stands:
//                     ";" and "[" in items, ";" in aliases, "[" in ids,
//                     "," "(" ")" in sources and flags
//   \<\>              a backslash that would read as an escape or as the
//                     break mark: one before "<", or last in a word
//   \<>               nothing: put before a summary or body that would
//                     otherwise read as a keyword (as troff's \&), and
//                     standing for an empty summary before a body, an empty
//                     title or an empty source
//   "\" at line end   the word goes on on the next line
// Any other backslash is itself. The reader accepts "\<c>" for any ASCII
// punctuation c.
//
// ---- What the format carries: project() -------------------------------------
//
// project(ir) is exactly what read(write(ir)) gives back:
//  * glossary: title, language, edition, categories; not sources or
//    diagnostics (definitions name their source by id);
//  * concepts, in the order above: id, headword, labels without their
//    sources (and without a preferred label that only repeats the headword:
//    the headword line says it), categories, definitions (source, line,
//    flags and the four rich texts flattened), related, references; not
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
