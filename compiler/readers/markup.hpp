// The markup of a record source's fields (a CSV/TSV cell, a JSON string):
// plain text, Markdown or HTML. Glossaries kept as data often hold their
// definitions in Markdown ("**bold**", "[links](…)", "\" line breaks) or
// HTML ("<p>", "<b>"), and printing that raw in every output is wrong.
//
// The source option `markup = "markdown" | "html" | "text"` says which; when
// it is not given the markup is sniffed from the source's prose values
// (definition, summary, body, details, example), conservatively: plain prose
// with a stray "*" or "_" ("p_value", "a*b") stays text. A sniffed Markdown
// or HTML is said in a note ("markup-sniffed").
//
// Then prose is read with the Markdown or HTML reader's parser (paragraphs
// kept apart), names lose their emphasis markers ("**RAG**" -> RAG), and
// character entities ("&mdash;", "&#8212;") are decoded in every mode.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "readers/options.hpp"
#include "readers/reader.hpp"

namespace glossc::generic {

enum class Markup : std::uint8_t { Text, Markdown, Html };

std::string_view to_string(Markup markup);

// The `markup` option: the markup given, or nullopt to sniff it. A value
// other than "markdown", "html" or "text" is an error ("reader-bad-option")
// and clears `ok`.
std::optional<Markup> markup_option(const SourceSpec& spec, ReaderOptions& options, DiagnosticSink& sink, bool& ok);

// Text with its character entities decoded: the named ones of HTML
// ("&mdash;", "&amp;") and numeric ones ("&#8212;", "&#x2014;"). Anything
// else with an "&" (AT&T, "&foo;") is kept as written.
std::string decode_entities(std::string_view text);

// How the fields of one source are read. Built in two passes: every prose
// value is looked at first (`look`), then `settle` decides the markup, and
// the source's records are read with it (RecordBuilder).
class FieldMarkup {
public:
    // Values already read from a marked-up document (an HTML or Markdown
    // table's cells): taken as written.
    FieldMarkup() = default;

    // One prose value of the source, for sniffing and for the Markdown
    // reference definitions ("[1]: https://…") the source gives.
    void look(std::string_view prose);

    // The markup `given`, or the one sniffed (said in a note when it is not
    // plain text). Values are then read as a record source writes them.
    void settle(const SourceSpec& spec, std::optional<Markup> given, DiagnosticSink& sink);

    Markup markup() const { return markup_; }

    // A prose value's blocks (paragraphs parted by blank lines, or the
    // markup's blocks: lists, code, ...); markup that cannot be parsed is
    // read as plain text.
    ir::Blocks blocks(std::string_view value) const;

    // A name (a term, an alias, a category): plain text, entities decoded,
    // markup taken off ("**RAG**" -> "RAG").
    std::string name(std::string_view value) const;

    // A value that shows markup, parsed (a reference "[Title](url)"); nullopt
    // for one in plain text.
    std::optional<ir::RichText> marked_up(std::string_view value) const;

private:
    std::string with_references(std::string_view value) const;

    Markup markup_ = Markup::Text;
    bool as_written_ = true;  // values are already plain text
    std::size_t values_ = 0;  // non-blank prose values looked at
    std::size_t markdown_values_ = 0;
    std::size_t html_values_ = 0;
    // Markdown link reference definitions of the whole source, by label
    // (lower case): a value may use "[\[1\]][1]" defined in another value.
    std::map<std::string, std::string, std::less<>> references_;
};

}  // namespace glossc::generic
