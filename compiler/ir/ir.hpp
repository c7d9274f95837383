// The glossary IR: the one data model every reader feeds and every backend
// renders. Plain value types with equality, so property tests can compare a
// glossary with what a backend's reader gives back.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::ir {

// ---- Rich inline text ------------------------------------------------------
//
// A small inline tree in the style of cmark's nodes: one struct with a kind.
// Canonical shapes (backends and property generators rely on them):
//   Text, Math, Code   -> `text` holds the content (Math: TeX source without
//                         delimiters); `target` and `children` are empty.
//   Emph, Strong       -> `children` only.
//   Link               -> `target` is the URL, `children` the link text.
//   Ref                -> `target` is a concept id, `children` the shown text.
enum class InlineKind : std::uint8_t { Text, Math, Code, Emph, Strong, Link, Ref };

struct Inline {
    InlineKind kind = InlineKind::Text;
    std::string text;
    std::string target;
    std::vector<Inline> children;

    friend bool operator==(const Inline&, const Inline&) = default;
};

using RichText = std::vector<Inline>;

Inline text(std::string s);
Inline math(std::string tex);
Inline code(std::string s);
Inline emph(RichText children);
Inline strong(RichText children);
Inline link(std::string url, RichText children);
Inline ref(std::string concept_id, RichText children);

std::string_view to_string(InlineKind kind);
bool parse_inline_kind(std::string_view name, InlineKind& out);

// ---- Blocks ----------------------------------------------------------------
//
// A definition's body is a list of blocks above the inline level, as in
// pandoc's AST (Block above Inline) and cmark's node tree. Canonical shapes
// (backends, their readers and the property generators rely on them):
//   Paragraph     -> `text` only, not empty.
//   BulletList,
//   OrderedList   -> `items`, at least one, each a non-empty list of blocks;
//                    OrderedList also `start` (the first number, >= 1).
//   Code          -> `literal` holds the lines joined by '\n' (no final line
//                    break, not empty), `language` the info string ("python").
//   DisplayMath   -> `literal` holds the TeX source, without delimiters.
//   Quote         -> `items` holds exactly one non-empty list of blocks.
//   Table         -> `rows`, at least one; the first row is the header; every
//                    row has the same number (>= 1) of cells.
// Other members are empty (`start` is 1) when a kind does not use them.
enum class BlockKind : std::uint8_t { Paragraph, BulletList, OrderedList, Code, DisplayMath, Quote, Table };

struct Block;
using Blocks = std::vector<Block>;

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    RichText text;
    std::string literal;
    std::string language;
    std::uint32_t start = 1;
    std::vector<Blocks> items;
    std::vector<std::vector<RichText>> rows;

    friend bool operator==(const Block&, const Block&) = default;
};

Block paragraph(RichText text);
Block bullet_list(std::vector<Blocks> items);
Block ordered_list(std::vector<Blocks> items, std::uint32_t start = 1);
Block code_block(std::string lines, std::string language = {});
Block display_math(std::string tex);
Block quote(Blocks blocks);
Block table(std::vector<std::vector<RichText>> rows);

// The usual case of a body: one paragraph, or nothing when `text` is empty.
Blocks paragraphs(RichText text);

std::string_view to_string(BlockKind kind);
bool parse_block_kind(std::string_view name, BlockKind& out);

// ---- Names -----------------------------------------------------------------

enum class LabelKind : std::uint8_t { Preferred, Abbreviation, Expansion, Variant, Hidden };

std::string_view to_string(LabelKind kind);
bool parse_label_kind(std::string_view name, LabelKind& out);

struct Label {
    std::string text;
    LabelKind kind = LabelKind::Variant;
    std::vector<std::string> sources;  // ids of the sources that use this name

    friend bool operator==(const Label&, const Label&) = default;
};

// ---- Content ---------------------------------------------------------------

struct Definition {
    std::string source;         // source id
    std::uint32_t line = 0;     // line in that source (1-based; 0 = unknown)
    RichText summary;           // the short, one-line definition
    Blocks body;                // the longer explanation
    Blocks details;             // technical fundamentals (formulas, mechanics)
    Blocks example;             // a usage example
    std::vector<std::string> flags;  // e.g. "truncated", "recovered"

    friend bool operator==(const Definition&, const Definition&) = default;
};

struct Reference {
    std::string title;
    std::string authors;
    std::string venue;
    std::string arxiv;
    std::string url;

    friend bool operator==(const Reference&, const Reference&) = default;
};

struct Provenance {
    std::string source;  // source id
    std::string file;    // file as named in the manifest
    std::string key;     // headword (or entry id) exactly as the source prints it
    std::uint32_t line = 0;

    friend bool operator==(const Provenance&, const Provenance&) = default;
};

// Source-specific facts that have no field of their own ("introduced in §23",
// "seen in", "verified date").
struct Extra {
    std::string source;
    std::string key;
    std::string value;

    friend bool operator==(const Extra&, const Extra&) = default;
};

struct Concept {
    std::string id;        // stable ASCII slug, unique, never reused
    std::string headword;
    std::vector<Label> labels;
    std::vector<std::string> categories;  // unified category ids
    std::vector<Definition> definitions;
    std::vector<std::string> related;     // concept ids
    std::vector<Reference> references;
    std::vector<Provenance> provenance;
    std::vector<Extra> extras;

    friend bool operator==(const Concept&, const Concept&) = default;
};

struct Category {
    std::string id;
    std::string label;

    friend bool operator==(const Category&, const Category&) = default;
};

struct Source {
    std::string id;
    std::string file;
    std::string format;
    std::int64_t priority = 0;
    std::uint32_t entries = 0;  // entries the reader produced
    // What readers of the editions see instead of the id and file: the
    // manifest's `title` (the id when it gives none) and optional `url`.
    std::string title;
    std::string url;

    friend bool operator==(const Source&, const Source&) = default;
};

enum class Severity : std::uint8_t { Note, Warning, Error };

std::string_view to_string(Severity severity);
bool parse_severity(std::string_view name, Severity& out);

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;
    std::uint32_t line = 0;    // 0 = the whole file
    std::uint32_t column = 0;  // 0 = the whole line
    std::string code;          // stable kebab-case code, e.g. "manifest-unknown-format"
    std::string message;

    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

struct Glossary {
    std::string title;
    std::string language;
    std::string edition;  // YYYY-MM-DD
    std::vector<Source> sources;
    std::vector<Category> categories;
    std::vector<Concept> concepts;
    std::vector<Diagnostic> diagnostics;

    friend bool operator==(const Glossary&, const Glossary&) = default;
};

}  // namespace glossc::ir
