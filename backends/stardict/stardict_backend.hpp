// The StarDict backend (out/stardict/): the glossary as a StarDict
// dictionary for pop-up lookup in KOReader, GoldenDict, sdcv and the other
// programs that read StarDict (copy the folder into ~/.stardict/dic/ or
// KOReader's data/dict/), and a reader of our own dictionaries.
//
// ---- The files -----------------------------------------------------------------
//
// Four files, named as the StarDict format wants (one base name):
//   glossary.ifo       the description, below
//   glossary.idx       one entry per concept: its word, NUL, then the
//                      article's offset and size in the uncompressed .dict
//                      (32-bit big-endian each)
//   glossary.syn       one entry per other name: the word, NUL, the index of
//                      the concept's entry in the .idx (32-bit big-endian);
//                      left out when no concept has another name (the
//                      format makes it optional)
//   glossary.dict.dz   the articles back to back, in index order, compressed
//                      with dictzip (dictzip.hpp: random access by chunks;
//                      gzip -dc reads it too)
//
// The .ifo, every line ending in "\n":
//   StarDict's dict ifo file
//   version=3.0.0
//   bookname=TITLE
//   wordcount=N              entries of the .idx
//   synwordcount=M           entries of the .syn (only with a .syn)
//   idxfilesize=BYTES        the .idx's size
//   sametypesequence=m
//   description=Edition: 2026-11-23<br>Language: en<br>Sources: AI/ML Termbase <https://...>; Topic List
//   date=2026.11.24          the build's timestamp (RenderContext, from SOURCE_DATE_EPOCH), UTC
// Values are escaped as article text is (below); a space or tab at either
// end is escaped too, since StarDict trims them. In the description "<" and
// ";" are escaped in values, so "<br>" separates the parts and the first
// "<" written as itself in a source opens its URL (parts with nothing to
// show are left out, and the description when all are).
//
// ---- Words and their order ---------------------------------------------------------
//
// A concept is indexed under its headword, one entry per concept: two
// concepts with the same headword are two entries with the same word, as the
// format allows (GoldenDict, KOReader and sdcv from 0.5.3 on show both
// articles; Debian 12's sdcv 0.5.2 shows one article per lookup: the first
// entry, or a synonym's concept, since it looks in the .syn first). Every
// other name of the concept (aliases, abbreviations, expansions, hidden
// search forms; format::synonym_words) is a .syn entry pointing to it, each
// (word, entry) pair once, so that a lookup of any name finds the article.
//
// A name becomes a word (format::word_of) with its control characters (line
// breaks, tabs, NUL, C1 controls, U+2028/U+2029) and runs of spaces made
// one space, none at the ends, and cut at a character boundary to 255 bytes
// (StarDict's strlen(word) < 256), with a warning [stardict-name-shortened].
// A name with nothing left cannot be looked up: an alias is left out of the
// .syn, a headword is indexed under the concept's id (which is ASCII), each
// with a warning [stardict-name-unusable]. The article always shows the
// names whole.
//
// Both files are sorted as StarDict requires (stardict_strcmp:
// g_ascii_strcasecmp, then strcmp); entries with the same word keep the
// glossary's order, and synonyms with the same word are ordered by entry.
//
// ---- The article: plain text ("m") -------------------------------------------
//
// sametypesequence "m", plain UTF-8 text: every program that reads StarDict
// shows it as it is, sdcv included, whose Debian version (0.5.2) has no case
// for HTML ("h") data and prints its bytes as garbage. Plain text needs no
// markup a viewer may not support, and math stays readable as the TeX
// source between dollars ("$\sqrt{d_k}$"), as in the text edition. Lines
// are never wrapped (the viewer wraps them to its width); a line's
// indentation says what it belongs to.
//
//   Headword: THE HEADWORD WHOLE        only when the index word is not the headword
//   Also: Key-Value Cache; KV caching   the other names (the text backend's shown_aliases)
//   Category: Inference & Serving       "Categories: a; b" for several
//   From AI/ML Termbase (truncated):    a definition, by its source's title and its flags
//     the summary
//     the body's blocks
//     Details: the first paragraph of the details
//     Example: ...
//   From Topic List:
//     ...
//   See also: PagedAttention; GQA       related concepts, by headword
//   Reference: Attention Is All You Need
//     Authors: Vaswani et al.
//     Venue: ...
//     arXiv: 1706.03762
//     URL: https://...
//
// Parts with nothing to show are left out; the article has no line break
// after its last line. Rich text is shown as the text edition shows it
// (text_backend::format::plain: $TeX$, `code`, *emph*, **strong**, "text
// <url>"). A definition's blocks stand in column 2 (format::kContentIndent):
//
//   block      = paragraph | list | quote | code | math | table
//   paragraph  = one line
//   list       = items with one marker symbol: "-" or "*" (bullets), "N." or
//                "N)" (numbered from the list's start); a list right after a
//                list of the same kind takes the other symbol
//   item       = marker [" " first paragraph], then its other blocks in the
//                column of that paragraph (marker's width + 1 deeper)
//   quote      = ">" [" " first paragraph], its other blocks 2 deeper
//   code       = "```" language, its lines, "```"      (fences and lines in the block's column)
//   math       = "$$", the TeX source's lines, "$$"
//   table      = "| a | b |" header, "|---|---|" rule, "| c | d |" rows
//
// The summary is the first line under "From" (written as "\<>" when it is
// empty and a body follows); "Details:" and "Example:" lead their first
// paragraph (alone on their line when the first block is no paragraph) and
// their other blocks follow in column 2 up to the next keyword.
//
// Escapes, "\<...>" as in the text edition (TeX never writes "\<"):
//   \<n> \<r>          line feed, carriage return (a tab is itself)
//   \<U+HEX>           other control characters (C0, DEL, C1), U+2028/U+2029
//   \<sp> \<t>         a space or tab at the start of a line (indentation),
//                      and at either end of an .ifo value
//   \<;> \<,> \<(> \<)> \<|> \<<> \<`> \<$>
//                      a character that would be structure where it stands:
//                      ";" in Also/Category/See also items, "," "(" ")" in
//                      flags, the ")" ending a source's title, "|" in table
//                      cells, "<" and ";" in the description, the first
//                      character of a code line that is the closing fence
//   \<\>               a backslash before "<" or ending a value
//   \<>                nothing: stands for an empty value, and protects a
//                      paragraph that would read as a block or a keyword
// Any other backslash is itself.
//
// ---- What the dictionary carries: project() ------------------------------------
//
// project(ir) is exactly what read(write(ir)) gives back:
//  * glossary: title, edition, language, sources as readers see them
//    (sources::reader_view: the title, also as id, and the URL); not the
//    categories' list or the diagnostics;
//  * concepts in index order, each: no id (a dictionary shows none);
//    headword; labels: the shown aliases (kind variant, no sources), then the
//    words of the .syn that no alias gives (the hidden search forms, kind
//    hidden, as words: cleaned up and cut as above), in the .syn's order;
//    categories by label (an id no category has by itself); definitions
//    (source as its title, line 0, the flags readers see (sources::reader_flags), the summary and every paragraph
//    and table cell flattened to its plain text, the blocks' structure, code
//    and math as they are: text_backend::format::flattened); related by
//    headword (an id no concept has by itself); references; not provenance
//    or extras.
#pragma once

#include <string_view>

#include "backend.hpp"

namespace glossc::stardict_backend {

// The dictionary's four files (backend.hpp: a folder backend).
void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output);
ir::Glossary read(std::string_view bytes);
ir::Glossary project(const ir::Glossary& glossary);

}  // namespace glossc::stardict_backend
