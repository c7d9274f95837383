// Shared by the generic readers (html, markdown, csv/tsv, json): sources an
// editor adds without code, whose layout is a common convention rather than
// one site's quirks. A generic reader fills a `Draft` per entry (the term as
// printed, other names, prose paragraphs, fields) and `finish` turns it into
// an Entry the same way for every format:
//
//   - the printed term is split into names (split_headword), every alias
//     typed against the headword (label_kind_for);
//   - prose blocks: a first paragraph is the summary, the rest (paragraphs,
//     lists, code, display math, quotes, tables) the body;
//   - labelled paragraphs are fields, not prose (case-insensitive, at the
//     start of a paragraph):
//       "Also known as …", "Also called …", "A.k.a. …", "Aliases: …",
//       "Synonyms: …", "Abbreviation: …"      -> names (split on , ; | and " or ");
//                                                when more follows the names ("Also
//                                                called the response variable or
//                                                “y,” the dependent variable is …"),
//                                                the rest is prose (opening_names)
//       "Example: …", "Examples: …"            -> the example (with the lists,
//                                                code and formulas right after it)
//       "See also: …", "Related: …"            -> related entries of the same source
//       "Category: …", "Categories: …"         -> the source's categories
//   - a definition that only spells out an abbreviated term ("GPU: Graphics
//     Processing Unit") also gives that expansion as a name;
//   - an entry with no term is an error and is skipped ("entry-no-name"); one
//     with no definition is a warning ("entry-no-definition").
//
// `add_entries` finishes a reader's drafts and counts their layouts for the
// "read N entries" note (Draft::layout).
//
// `resolve_related` then turns related names into the keys of the entries
// they name; a name no entry has is reported and kept as an extra.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "readers/reader.hpp"

namespace glossc::generic {

struct Draft {
    std::string printed;                  // the term exactly as the source prints it
    std::string key;                      // the source's id for the entry, when it has one
    std::uint32_t line = 0;
    std::vector<std::string> aliases;     // other names as printed (each may be packed: "KV cache (KVC)")
    ir::Blocks blocks;                    // prose in source order; labelled paragraphs are picked out
    ir::RichText summary;                 // fields a record source names explicitly
    ir::Blocks body, details, example;
    std::vector<std::string> categories;
    std::vector<std::string> related;     // names or keys of other entries of the same source
    std::vector<ir::Reference> references;
    std::vector<ir::Extra> extras;        // source filled by finish
    std::string context;                  // what the entry holds, quoted when it has no term
    // The layout the entry was read from, as the "read N entries" note
    // names it ("heading sections", "bold-term paragraphs", "bullets",
    // "table rows", ...): always a string literal.
    std::string_view layout;
};

// The entry a draft describes; nullopt (and an error) when it has no term.
std::optional<Entry> finish(const SourceSpec& spec, Draft draft, DiagnosticSink& sink);

// The spec a marked-up field's value is read under (markdown_blocks,
// html_blocks): no file, the reader's defaults.
SourceSpec fragment_spec(std::string format);

// Every draft finished into `result.entries` (in order), their layouts
// counted into `result.layout`, then related names resolved: the one way a
// generic reader ends.
void add_entries(const SourceSpec& spec, std::vector<Draft> drafts, ReaderResult& result, DiagnosticSink& sink);

// Related names -> keys of the entries (same source) they name, matched by
// key, headword or label, ignoring case. Unknown names are reported
// ("related-unknown") and kept as an extra "related".
void resolve_related(const SourceSpec& spec, std::vector<Entry>& entries, DiagnosticSink& sink);

// ---- Rich text -----------------------------------------------------------------

// Canonical rich text from loosely built text: white space runs (newlines,
// no-break spaces) collapsed to one space across node boundaries and trimmed
// at both ends, adjacent Text nodes merged, empty nodes dropped; then `$..$`,
// `\(..\)` and `\[..\]` in Text nodes become Math nodes.
void tidy(ir::RichText& text, bool parse_math = true);

// The first paragraph of `blocks` when they open with one (a "**Term**:
// definition" item), else nullptr.
ir::RichText* first_paragraph(ir::Blocks& blocks);

// Plain text of rich text, math as $TeX$ (for names and messages).
std::string plain(const ir::RichText& text);

// Removes the first `count` characters of plain text (as `plain` counts
// them) from the front of rich text, then leading white space.
void drop_prefix(ir::RichText& text, std::size_t count);

// ---- Values ----------------------------------------------------------------------

// A list written in one cell: "KV cache; key-value cache" or "a | b".
std::vector<std::string> split_list(std::string_view s);

// A reference from one value: a URL (http(s)://, www., doi:) or a citation
// title (an "arXiv:NNNN.NNNNN" in it fills `arxiv`).
ir::Reference reference_from(std::string_view value);

// "**Term**: definition" as rich text: a paragraph opening with strong text
// followed by ":" (also inside the strong text, or "." there: "**Term.**
// definition"), "—", "–" or " - ". A
// parenthesis between the two is part of the printed term ("**KV cache**
// (KVC): …" -> "KV cache (KVC)"). Returns the printed term and the rest.
std::optional<std::pair<std::string, ir::RichText>> split_bold_term(const ir::RichText& paragraph);

// "Term: definition" in plain text, as a list item of a glossary prints it
// ("- Epoch: one pass over the data", "- Parameters:" with the definition
// below): the term is the text before the first ": " (or a spaced "—" or
// "–"), when it is short enough to be a name (at most six words, no
// sentence punctuation, no URL). Returns the term and the rest.
std::optional<std::pair<std::string, ir::RichText>> split_plain_term(const ir::RichText& paragraph);

// True when `term` is short enough to be a name: the test split_bold_term
// and split_plain_term apply (`max_words` words at most).
bool name_sized(std::string_view term, std::size_t max_words);

// A term as printed, tidied for use as a name: white space collapsed, a
// trailing ":" and heading permalink marks ("¶", "#", "§") removed.
std::string clean_term(std::string_view printed);

// A single letter or letter range ("A", "A–C"): an alphabetical index heading.
bool is_index_letter(std::string_view title);

}  // namespace glossc::generic
