#include "diagnostics/catalogue.hpp"

#include <algorithm>

namespace glossc {

namespace {

constexpr unsigned E = severity_bit(ir::Severity::Error);
constexpr unsigned W = severity_bit(ir::Severity::Warning);
constexpr unsigned N = severity_bit(ir::Severity::Note);

// Sorted by code (checked below), so that a lookup is a binary search and the
// documentation reads in the order a user looks a code up.
constexpr DiagnosticKind kCatalogue[] = {
    {"active-content-dropped", W, "Raw HTML that is active content (script, style, iframe, object, embed) in a Markdown source is dropped with its content."},
    {"anki-math-refused", W, "A formula Anki's MathJax would not render, or that holds active content, is shown as TeX source in code."},
    {"category-unmapped", W, "A source's category is not in the taxonomy; add it to the taxonomy's `[map]`."},
    {"control-character", W, "Control characters (NUL bytes too) in a source; each is read as U+FFFD."},
    {"csv-extra-column", N, "A CSV column that is no entry field; its values are kept as extras."},
    {"csv-long-record", W, "A CSV record has more fields than the header; the extra ones are kept as extras."},
    {"csv-missing-column", W, "A column named in `[source.options.columns]` is not in the header row."},
    {"csv-no-term-column", E, "The CSV header row has no term column; the file is not read."},
    {"csv-short-record", W, "A CSV record has fewer fields than the header; the missing ones are empty."},
    {"csv-stray-quote", W, "A quote inside an unquoted CSV field; kept as written."},
    {"csv-stray-text", W, "Text after the closing quote of a CSV field; kept as part of the field."},
    {"csv-unclosed-quote", E, "A quoted CSV field is never closed; the rest of the file is read as that field."},
    {"entries-in-definition", W,
     "A Markdown definition holds three or more term-like lines; if they are entries, set the `headings` option."},
    {"entry-count-mismatch", W, "The file's header claims another number of terms than the entries found."},
    {"entry-extra-line", W, "An entry has more than one explanation line; the others are kept in its explanation."},
    {"entry-incomplete", W, "An entry lacks some of the lines its layout has (category, definition, example...)."},
    {"entry-no-definition", W, "An entry has no definition; it is kept without one."},
    {"entry-no-example", W, "An acronym-list context line has no text after the module."},
    {"entry-no-name", E, "An entry has no term; it is skipped."},
    {"entry-no-section", W, "A section-glossary term names no section."},
    {"entry-out-of-order", W, "An acronym-list entry is filed under the heading of another letter."},
    {"entry-recovered", N, "An entry whose term line was lost, recovered from a line that defines it."},
    {"entry-truncated", W, "The file ends inside an entry; the entry is kept and flagged truncated."},
    {"epub-math-fallback", W, "A formula the EPUB cannot write as MathML is shown as TeX source."},
    {"example-leaked-css", W, "An example holds CSS class names leaked from the scraped page; kept as printed."},
    {"example-off-topic", N, "An example does not mention its term (a scraped blurb?); the definition is flagged."},
    {"explain-unknown-term", E, "`glossc explain`: no concept goes by that name."},
    {"field-too-long", E, "A name or field of an entry is over the size limit; the entry is rejected."},
    {"gold-bad-apart", E, "A gold-labels `[[apart]]` does not name exactly two entries."},
    {"gold-syntax", E, "The gold-labels file is not valid TOML."},
    {"gold-unreadable", E, "The gold-labels file cannot be read."},
    {"heading-out-of-order", W, "An acronym-list letter heading comes after a later letter's."},
    {"html-container-not-found", E, "No element of the HTML source matches the `container` option."},
    {"html-malformed", W | N,
     "Malformed HTML, read as the parser repaired it (a note counts the problems past the first ten)."},
    {"html-syntax", E, "The HTML document cannot be parsed; it is not read."},
    {"input-not-a-file", E, "An input (a source, the taxonomy, spelling, overrides or ledger file) is a directory, FIFO, device or socket, not a regular file; it is not read."},
    {"input-too-large", E, "A data file (taxonomy, spelling, overrides: 64 MiB; ledger: 1 GiB) is over its size limit; it is not read."},
    {"invalid-utf8", W, "Invalid UTF-8 in a source; each invalid byte is read as U+FFFD."},
    {"json-bad-entry", E, "An element among the JSON entries is not an entry object; it is skipped."},
    {"json-duplicate-key", W, "A key appears twice in one JSON object; only the last one is read."},
    {"json-entries-not-found", E, "The `entries` option points at nothing in the JSON document."},
    {"json-extra-field", N, "A JSON field that is no entry field; its values are kept as extras."},
    {"json-nested-value", W, "A JSON field holds an object where text was expected; kept as an extra."},
    {"json-not-read", N, "A member of the JSON document that holds no entries is not read."},
    {"json-shape", E, "The JSON is neither an array of entries nor an object of id -> entry."},
    {"json-syntax", E, "Invalid JSON (a source or the ledger); the file is not read."},
    {"json-too-deep", E, "JSON nested past the depth limit; the file is not read."},
    {"label-not-a-name", W, "A name that reads as a description (\"Specialized runtime for executing trained LLM weights\"); give the name alone and move the words into the definition."},
    {"latex-math-rejected", W, "A formula outside the LaTeX edition's allow-list is printed as text."},
    {"layout", N, "How a source was read: how many entries, in which layouts."},
    {"leaked-css-line", W, "A line that belongs to no entry holds CSS class names leaked from the page."},
    {"ledger-bad-field", E, "A ledger field is missing, of the wrong type or out of range (`modified` an integer from 0 to the end of 9999)."},
    {"ledger-bad-id", E, "A ledger id (a concept's or a retired one) is not a slug: lowercase ASCII letters and digits, words joined by `-`."},
    {"ledger-duplicate-entry", E, "The ledger pins one entry to two concepts, or lists it twice in one."},
    {"ledger-duplicate-id", E, "The ledger gives one id to two concepts, or retires one id twice; the build stops rather than hand ids to the wrong concepts."},
    {"ledger-retired-in-use", E, "An id is both retired and a concept's in the ledger."},
    {"ledger-syntax", E, "The ledger is not valid JSON."},
    {"ledger-unknown-version", E, "The ledger's `ledger_version` is not one this glossc reads."},
    {"ledger-unreadable", E, "The ledger file cannot be read."},
    {"manifest-bad-field", E, "A manifest field has the wrong type or is empty."},
    {"manifest-duplicate-source", E, "Two `[[source]]` tables have the same id."},
    {"manifest-duplicate-title", E, "Two `[[source]]` tables have the same `title`: readers of the editions could not tell them apart."},
    {"manifest-missing-field", E, "A `[[source]]` lacks a required field."},
    {"manifest-missing-file", E, "The file a source names does not exist."},
    {"manifest-no-sources", E, "The manifest lists no `[[source]]`."},
    {"manifest-none", N, "No manifest where the default one would be and --source given: the named files are read alone, with default settings."},
    {"manifest-syntax", E, "The manifest is not valid TOML."},
    {"manifest-unknown-format", E, "A source names a format that no reader reads."},
    {"manifest-unknown-key", W, "A manifest key glossc does not know; it is ignored."},
    {"manifest-unreadable", E, "The manifest cannot be read."},
    {"markdown-syntax", E, "The Markdown document cannot be parsed; it is not read."},
    {"markup-sniffed", N, "Which markup (Markdown or HTML) the definitions of a source were found to use."},
    {"markup-too-deep", E | W,
     "Markup nested past the limit: an error where what follows is lost, a warning where it is kept as text."},
    {"math-missing-backslash", W, "A formula holds a TeX command that lost its backslash."},
    {"math-unclosed", W, "A formula opened with `\\(` is never closed; it is kept as text."},
    {"math-unparsed", W, "A formula cannot be read as TeX; the outputs show it as TeX source."},
    {"mathml-no-tex", W, "A MathML formula has no TeX annotation or alttext; it is kept as its text."},
    {"merge-key-too-common", W, "A name key shared by too many names is not used as merge evidence."},
    {"no-entries", W, "A source gives no entries."},
    {"orphan-context", W, "An acronym-list context line without its term line."},
    {"output-locked", E | N,
     "Another build is writing to the output folder (or releasing the same manifest): a note while this build waits for it, an error when it waited an hour."},
    {"output-stale-temporaries", N, "Temporary files left in the output folder by builds that were stopped are removed."},
    {"output-unwritable", E, "An output (a file, the output folder, the ledger, the PDF) cannot be written."},
    {"override-conflict", W, "Overrides contradict each other: a `same_as` joins entries that a `not_same_as` keeps apart (`not_same_as` wins), or two `[[headword]]` or `[[category]]` give one concept different values (the last wins)."},
    {"override-duplicate", W, "An override says again what an earlier one says (the same `[[headword]]` or `[[category]]` for one concept); one is enough."},
    {"override-unknown-entry", W, "An override names an entry that no source has; the override is ignored."},
    {"overrides-bad-entry", E, "An overrides entry is not written `source-id:key`."},
    {"overrides-bad-field", E, "An overrides `[[headword]]` or `[[category]]` lacks a field."},
    {"overrides-bad-group", E, "A `same_as` or `not_same_as` group names fewer than two entries."},
    {"overrides-syntax", E, "The overrides file is not valid TOML."},
    {"overrides-unreadable", E, "The overrides file cannot be read."},
    {"pdf-latex-error", E, "LuaLaTeX or latexmk failed; no PDF was made."},
    {"pdf-missing-character", W, "A font of the PDF has no glyph for a character."},
    {"pdf-rerun", W, "LaTeX asked for another run; cross-references may be off."},
    {"pdf-tools-missing", E, "`--pdf` needs LuaLaTeX and latexmk, which are not installed."},
    {"pdf-undefined-reference", W, "The PDF has an undefined cross-reference."},
    {"reader-bad-option", E, "A reader option has a wrong value."},
    {"reader-missing-option", E, "A reader needs an option that the source does not give."},
    {"reader-unknown-option", W, "A source gives an option that its reader does not take; it is ignored."},
    {"related-unknown", W, "An entry is related to a name that no entry of its source has."},
    {"release-dated-before-ledger", W, "A release is dated before a change the ledger records; its changes are dated just after that change."},
    {"release-no-ledger", E, "`--release` needs a `ledger` file named in the manifest."},
    {"rst-empty-directive", W, "A reStructuredText directive has no content."},
    {"rst-glossary-format", W, "A Sphinx glossary laid out oddly (many term lines, a blank line between terms)."},
    {"rst-not-read", W, "A reStructuredText directive whose text comes from elsewhere is not read."},
    {"rst-unclosed-markup", W, "reStructuredText inline markup opened and never closed; kept as text."},
    {"source-duplicate", N, "A source has the same entries as another; it adds provenance only."},
    {"source-outside-allowed", N, "A source outside the manifest's folder, read because the manifest says `allow_outside = true`."},
    {"source-outside-manifest-folder", E, "A source's path leads (after symlinks) outside the manifest's folder; move the file there, or write `allow_outside = true` in the manifest."},
    {"source-too-large", E, "A source is over the size limit; it is not read."},
    {"source-unknown-format", E, "The format of a `--source` file cannot be guessed from its extension."},
    {"source-unreadable", E, "A source file cannot be read."},
    {"spelling-bad-field", E, "A word in the spelling file does not map to a string."},
    {"spelling-syntax", E, "The spelling file is not valid TOML."},
    {"spelling-unreadable", E, "The spelling file cannot be read."},
    {"stardict-name-shortened", W, "A name over StarDict's 255-byte limit for a word is looked up by its first 255 bytes; the article shows it whole."},
    {"stardict-name-unusable", W, "A name with nothing left once control characters and spaces are taken out cannot be looked up in StarDict: an alias is left out of the synonyms, a headword is indexed under the concept id."},
    {"stardict-too-large", E, "The StarDict articles are over dictzip's limit (some 1.9 GB); no dictionary is written."},
    {"stray-bom", W, "A byte order mark inside the text (left over from joined files); removed."},
    {"table-not-entries", W, "A Markdown table is read as text, not as entries."},
    {"table-too-large", W, "A Markdown table with more cells than the reader builds is read as text."},
    {"taxonomy-bad-field", E, "A taxonomy category or mapping lacks a field."},
    {"taxonomy-duplicate-category", E, "Two taxonomy categories have the same id."},
    {"taxonomy-empty", E, "The taxonomy defines no `[[category]]`."},
    {"taxonomy-syntax", E, "The taxonomy is not valid TOML."},
    {"taxonomy-unknown-category", E, "A mapping, a `near` pair or the `fallback` names a category the taxonomy lacks."},
    {"taxonomy-unreadable", E, "The taxonomy file cannot be read."},
    {"term-without-context", W, "An acronym-list line looks like a term, but no context line follows it."},
    {"termbase-bad-category", W, "A termbase category without an id; it is ignored."},
    {"termbase-bad-entry", E, "A termbase entry is not an object; it is skipped."},
    {"termbase-category-mismatch", W, "A termbase entry's category differs from the one that lists it; both are kept."},
    {"termbase-id-mismatch", W, "A termbase entry's id differs from its key."},
    {"termbase-shape", E, "The termbase JSON has no `entries` object."},
    {"termbase-unknown-field", N, "A termbase entry field that glossc does not know; kept as an extra."},
    {"tex-in-text", W, "TeX commands stand in prose outside any formula (the source's $ pairs are off); kept as text."},
    {"text-cut-off", W, "An entry's text stops mid-sentence (cut by the scrape); the entry is flagged truncated."},
    {"topic-count-mismatch", W, "The topic list's header claims another number of topics than it has."},
    {"topic-count-missing", W, "The topic list's header does not say how many topics there are."},
    {"topic-list-no-tag", W, "The topic list has no tag line; its topics get no category."},
    {"topic-split-uncertain", N, "A topic line's split into title and definition is barely likelier than another."},
    {"unplaced-line", W, "A line of a line-based source belongs to no entry."},
    {"unplaced-text", W, "Text of a document belongs to no entry."},
    {"usage-option-needs-format", E,
     "A build option of one output format (`--pdf`) without that format among the `--formats`."},
    {"usage-unknown-format", E, "An unknown output format or report format."},
};

constexpr bool sorted_and_unique() {
    for (std::size_t i = 1; i < std::size(kCatalogue); ++i)
        if (!(kCatalogue[i - 1].code < kCatalogue[i].code)) return false;
    return true;
}
static_assert(sorted_and_unique(), "the catalogue must be sorted by code, each code once");

}  // namespace

std::span<const DiagnosticKind> diagnostic_catalogue() { return kCatalogue; }

const DiagnosticKind* find_diagnostic_kind(std::string_view code) {
    const auto* it = std::lower_bound(std::begin(kCatalogue), std::end(kCatalogue), code,
                                      [](const DiagnosticKind& kind, std::string_view c) { return kind.code < c; });
    return it != std::end(kCatalogue) && it->code == code ? it : nullptr;
}

bool is_catalogued(std::string_view code, ir::Severity severity) {
    const DiagnosticKind* kind = find_diagnostic_kind(code);
    return kind && kind->allows(severity);
}

std::string severities_text(unsigned severities) {
    std::string out;
    for (ir::Severity severity : {ir::Severity::Error, ir::Severity::Warning, ir::Severity::Note})
        if (severities & severity_bit(severity)) out += (out.empty() ? "" : " or ") + std::string(ir::to_string(severity));
    return out;
}

}  // namespace glossc
