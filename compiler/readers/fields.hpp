// Record-shaped sources (a CSV/TSV row, a JSON object, an HTML or Markdown
// table row): which of the source's columns or fields holds which part of an
// entry. Shared by the generic readers; the names an editor writes in
// `[source.options.columns]` (tables) or `[source.options.fields]` (JSON) are
// the ones below.
//
//   field       what it fills                     default column / field names
//   id          the entry's key                   id, key, slug, identifier
//   term        the headword (split into names)   term, name, title, headword, word, label, concept
//   aliases     other names (";" or "|" lists)    aliases, alias, synonyms, synonym, also known as, aka,
//                                                 other names, abbreviation(s), acronym(s), variants
//   definition  first paragraph -> summary,       definition, description, desc, meaning, gloss,
//               the rest -> body                  explanation
//   summary     the short definition              summary, short definition, oneliner, one-liner, short
//   body        the longer explanation            body, long definition, long description
//   details     technical details                 details, fundamentals, technical details, formula
//   example     a usage example                   example, examples, usage
//   category    the source's categories           category, categories, topic, topics, section, domain
//   related     related entries (by name or id)   related, see also, related terms, cross references
//   url         a reference URL                   url, source url, link, href, uri, website
//   reference   a reference (URL or citation)     reference, references, source, sources, citation,
//                                                 citations, paper, papers, further reading
//
// Names are matched ignoring case, and " ", "-" and "_" are the same. A
// mapped field takes exactly the names given; for the others the first
// default name present wins (in the order above), and further columns with
// a default name of the same field are extras. Every column no field takes
// is kept as an extra (key = the column name as printed): nothing is dropped.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "readers/generic.hpp"
#include "readers/markup.hpp"

namespace glossc::generic {

enum class Field : std::uint8_t {
    Id, Term, Aliases, Definition, Summary, Body, Details, Example, Category, Related, Url, Reference
};
inline constexpr std::size_t kFieldCount = 12;

std::string_view to_string(Field field);

// Definition, summary, body, details, example: the fields holding prose
// (read with the source's markup), as opposed to names, lists and links.
bool is_prose(Field field);

// "Source URL" -> "source_url".
std::string normalize_name(std::string_view name);

class FieldMap {
public:
    // The defaults, with the mapping in the option table `option` of the
    // source ("columns" or "fields"): field name -> a name or a list of
    // names. A bad table is reported; `ok()` is then false.
    FieldMap(const SourceSpec& spec, DiagnosticSink& sink, std::string_view option);
    FieldMap() = default;  // defaults only

    bool ok() const { return ok_; }

    // For each of `names` (a header row, an object's members, in order): the
    // field it fills, or nullopt for an extra.
    std::vector<std::optional<Field>> assign(const std::vector<std::string>& names) const;

    // Names the option mapped `field` to (empty when it was not mapped).
    const std::vector<std::string>& mapped(Field field) const { return mapped_[static_cast<std::size_t>(field)]; }

    // "term (mapped to 'Begriff')" or "term (one of: term, name, ...)" for messages.
    std::string describe(Field field) const;

private:
    std::array<std::vector<std::string>, kFieldCount> mapped_;  // normalized
    std::array<std::vector<std::string>, kFieldCount> printed_;
    bool ok_ = true;
};

// Builds a Draft from a record's values, field by field.
class RecordBuilder {
public:
    // `markup` reads the values given to `add` (a CSV/JSON source's, settled
    // for the whole source); by default they are plain text as written.
    explicit RecordBuilder(std::uint32_t line, const FieldMarkup& markup = kAsWritten) : markup_(markup) {
        draft_.line = line;
    }

    // A value as the source writes it (a CSV cell, a JSON string): lists are
    // split on ";" or "|", names lose their markup, prose is read with the
    // markup (paragraphs apart; math parsed).
    void add(Field field, std::string_view value);
    // Prose with markup already parsed (an HTML or Markdown table cell).
    void add_rich(Field field, ir::RichText value);
    void add_reference(ir::Reference reference);
    void add_extra(std::string key, std::string value);

    // The draft; a lone citation and a lone URL become one reference.
    Draft take();

private:
    static const FieldMarkup kAsWritten;

    // Prose already parsed, to the field it fills.
    void add_paragraph(Field field, ir::RichText paragraph);
    // A block of prose (a paragraph, a list, code ...), to the field it fills.
    void add_block(Field field, ir::Block block);
    // A name, list or link field's value as plain text.
    void add_plain(Field field, std::string_view value);

    Draft draft_;
    const FieldMarkup& markup_;
};

// ---- Tables in documents (HTML, Markdown) -------------------------------------------

// A table as a document reader sees it: the header row's cell texts, then
// each row's cells as rich text with the row's line.
struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<ir::RichText>> rows;
    std::vector<std::uint32_t> lines;  // one per row
};

struct TableReading {
    // The field of each column when the rows are glossary entries; empty
    // when they are not (the table is text of the document).
    std::vector<std::optional<Field>> fields;
    bool entries = false;
    // A column of terms was found, but the rows look like data (or nothing
    // defines the terms): worth a warning where the table stands alone.
    bool refused_terms = false;
};

// Whether a table lists glossary entries, the way a reader decides it: a
// column names terms by its header (or by the `columns` mapping); or the
// first column holds acronyms, names or words ("Acronym", "Name", …) beside
// a definition column; or, with two unnamed columns, short names beside
// prose ("| Jargon | Plain English |"). Unless the editor mapped the term
// column, a glossary table also names, defines or explains its terms, and
// its terms (or most of its cells) are not numbers: "| Name | Age |" and a
// table of results are data.
TableReading read_table_header(const FieldMap& columns, const Table& table);

// The rows of a glossary table as drafts (layout "table rows"); an empty row
// is skipped, cells of no field are extras named by their header.
std::vector<Draft> table_drafts(const Table& table, const std::vector<std::optional<Field>>& fields);

// A cell of data rather than prose: a number, a percentage, a date, a time
// ("1999", "2.5e-3", "45%", "2020-01-01", "12:30").
bool is_number(std::string_view cell);

}  // namespace glossc::generic
