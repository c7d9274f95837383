// Reader for CSV and TSV glossaries (formats "csv", .csv, and "tsv", .tsv):
//
//   term,aliases,definition,category,example,source url
//   KV cache,key-value cache;KVC,"Stores the keys and values, per layer, …",Inference,,https://…
//
// The first non-blank record is the header: it names the columns, matched
// to entry fields by name (fields.hpp: term, aliases, definition, category,
// example, related, url, reference, …). `[source.options.columns]` maps
// other names (`term = "Begriff"`). Columns no field takes are kept as
// extras. Lists (aliases, categories, related) are separated by ";" or "|";
// `$..$` and `\(..\)` in prose become Math.
//
// Fields follow RFC 4180: a field in double quotes may hold the delimiter,
// line breaks and doubled quotes (""). A UTF-8 BOM is skipped; CRLF, LF and
// CR all end records. Each entry's line is the first line of its record.
// Damage is reported, never fatal: a quote never closed (the rest of the
// file becomes that field: an error), text after a closing quote or a quote
// inside an unquoted field (kept as written), records with more or fewer
// fields than the header (extra fields kept as extras).
//
// Options ([source.options] in the manifest):
//   columns    [source.options.columns] field = "column name" (or a list).
//   delimiter  one character, or "tab". Default: "," for csv (";" or a tab
//              when the header holds no comma but those), a tab for tsv.
//   markup     "markdown", "html" or "text": how prose cells are marked up
//              (markup.hpp). Default: sniffed from them, said in a note.
#include <algorithm>
#include <set>

#include "readers/fields.hpp"
#include "readers/generic.hpp"
#include "readers/options.hpp"
#include "readers/readers.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

namespace {

struct Record {
    std::vector<std::string> fields;
    std::uint32_t line = 0;
};

class CsvParser {
public:
    CsvParser(const SourceSpec& spec, DiagnosticSink& sink, std::string_view document, char delimiter)
        : spec_(spec), sink_(sink), document_(document), delimiter_(delimiter) {
        if (text::starts_with(document_, "\xEF\xBB\xBF")) pos_ = 3;
    }

    std::vector<Record> records() {
        std::vector<Record> out;
        while (pos_ < document_.size()) {
            Record record = next_record();
            bool blank = std::all_of(record.fields.begin(), record.fields.end(),
                                     [](const std::string& f) { return text::trim(f).empty(); });
            if (!blank) out.push_back(std::move(record));
        }
        return out;
    }

private:
    bool at_newline() const { return document_[pos_] == '\n' || document_[pos_] == '\r'; }
    void skip_newline() {
        if (document_[pos_] == '\r' && pos_ + 1 < document_.size() && document_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }

    Record next_record() {
        Record record;
        record.line = line_;
        while (true) {
            record.fields.push_back(next_field(record.line));
            if (pos_ >= document_.size()) break;
            if (document_[pos_] == delimiter_) {
                ++pos_;
                if (pos_ >= document_.size()) {  // a trailing delimiter: one more (empty) field
                    record.fields.emplace_back();
                    break;
                }
                continue;
            }
            skip_newline();  // at_newline()
            break;
        }
        return record;
    }

    std::string next_field(std::uint32_t record_line) {
        std::string field;
        if (document_[pos_] != '"') {
            bool stray_quote = false;
            while (pos_ < document_.size() && document_[pos_] != delimiter_ && !at_newline()) {
                stray_quote = stray_quote || document_[pos_] == '"';
                field += document_[pos_++];
            }
            if (stray_quote)
                sink_.warning(location(spec_, line_), "csv-stray-quote",
                              "a quote inside an unquoted field is kept as written: '" + text::excerpt(field) + "'");
            return field;
        }
        std::uint32_t opened = line_;
        ++pos_;
        bool closed = false;
        while (pos_ < document_.size()) {
            char c = document_[pos_];
            if (c == '"') {
                if (pos_ + 1 < document_.size() && document_[pos_ + 1] == '"') {
                    field += '"';
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                closed = true;
                break;
            }
            if (c == '\n' || c == '\r') {
                skip_newline();
                field += '\n';
                continue;
            }
            field += c;
            ++pos_;
        }
        if (!closed) {
            sink_.error(location(spec_, opened), "csv-unclosed-quote",
                        "a quoted field opened here (record of line " + std::to_string(record_line) +
                            ") is never closed; the rest of the file was read as this field");
            return field;
        }
        std::string after;
        while (pos_ < document_.size() && document_[pos_] != delimiter_ && !at_newline()) after += document_[pos_++];
        if (!text::trim(after).empty()) {
            sink_.warning(location(spec_, line_), "csv-stray-text",
                          "text after a closing quote is kept as part of the field: '" + text::excerpt(after) + "'");
            field += after;
        }
        return field;
    }

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    std::string_view document_;
    char delimiter_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
};

std::optional<char> delimiter_option(const std::string& value) {
    if (value == "tab" || value == "\\t" || value == "\t") return '\t';
    if (value.size() == 1 && value[0] != '"' && value[0] != '\n' && value[0] != '\r') return value[0];
    return std::nullopt;
}

// "csv" files written by spreadsheets in many locales use ";".
char sniff_delimiter(std::string_view document) {
    auto lines = text::split_lines(document);
    for (const auto& line : lines) {
        if (text::trim(line.text).empty()) continue;
        if (line.text.find(',') != std::string_view::npos) return ',';
        if (line.text.find(';') != std::string_view::npos) return ';';
        if (line.text.find('\t') != std::string_view::npos) return '\t';
        return ',';
    }
    return ',';
}

}  // namespace

ReaderResult read_csv(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    ReaderResult result;
    ReaderOptions options(spec, sink, {"columns", "delimiter", "markup"});
    Location where = spec.where.file.empty() ? location(spec, 0) : spec.where;
    bool tsv = spec.format == "tsv";
    std::string delimiter_text = options.string("delimiter", "");
    generic::FieldMap columns(spec, sink, "columns");
    char delimiter = tsv ? '\t' : sniff_delimiter(document);
    if (!delimiter_text.empty()) {
        if (auto d = delimiter_option(delimiter_text)) {
            delimiter = *d;
        } else {
            sink.error(where, "reader-bad-option",
                       "source '" + spec.id + "': option 'delimiter' must be one character or \"tab\"");
            return result;
        }
    }
    bool markup_ok = true;
    std::optional<generic::Markup> markup_given = generic::markup_option(spec, options, sink, markup_ok);
    if (!options.ok() || !columns.ok() || !markup_ok) return result;

    auto records = CsvParser(spec, sink, document, delimiter).records();
    if (records.empty()) {
        sink.warning(location(spec, 0), "no-entries", "the file holds no records (not even a header row)");
        return result;
    }
    const Record& header = records.front();
    std::vector<std::string> names;
    for (const auto& name : header.fields) names.push_back(text::collapse_whitespace(name));
    auto fields = columns.assign(names);
    for (std::size_t f = 0; f < generic::kFieldCount; ++f) {
        auto field = static_cast<generic::Field>(f);
        if (columns.mapped(field).empty() || std::find(fields.begin(), fields.end(), field) != fields.end()) continue;
        std::string message = "the header has no column " + columns.describe(field) + " (columns." +
                              std::string(generic::to_string(field)) + ")";
        if (field == generic::Field::Term) {
            sink.error(location(spec, header.line), "csv-no-term-column", message);
            return result;
        }
        sink.warning(location(spec, header.line), "csv-missing-column", message);
    }
    if (std::find(fields.begin(), fields.end(), generic::Field::Term) == fields.end()) {
        sink.error(location(spec, header.line), "csv-no-term-column",
                   "the header row names no term column (" + columns.describe(generic::Field::Term) +
                       "); name yours in [source.options.columns]: term = \"…\"");
        return result;
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        if (!fields[i])
            sink.note(location(spec, header.line), "csv-extra-column",
                      "column '" + (names[i].empty() ? "column " + std::to_string(i + 1) : names[i]) +
                          "' is no entry field; its values are kept as extras (map it in [source.options.columns])");

    generic::FieldMarkup markup;
    for (std::size_t r = 1; r < records.size(); ++r)
        for (std::size_t i = 0; i < records[r].fields.size() && i < fields.size(); ++i)
            if (fields[i] && generic::is_prose(*fields[i])) markup.look(records[r].fields[i]);
    markup.settle(spec, markup_given, sink);

    std::vector<generic::Draft> drafts;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const Record& record = records[r];
        if (record.fields.size() != names.size())
            sink.warning(location(spec, record.line), record.fields.size() > names.size() ? "csv-long-record" : "csv-short-record",
                         "the record has " + std::to_string(record.fields.size()) + " fields, the header " +
                             std::to_string(names.size()) +
                             (record.fields.size() > names.size() ? "; the extra fields are kept as extras"
                                                                  : "; the missing ones are empty"));
        generic::RecordBuilder builder(record.line, markup);
        std::string context;
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            const std::string& value = record.fields[i];
            if (!text::trim(value).empty())
                context += (context.empty() ? "" : " | ") + text::collapse_whitespace(value);
            if (i < fields.size() && fields[i]) {
                builder.add(*fields[i], value);
            } else {
                std::string name = i < names.size() && !names[i].empty() ? names[i] : "column " + std::to_string(i + 1);
                builder.add_extra(name, text::collapse_whitespace(value));
            }
        }
        generic::Draft draft = builder.take();
        draft.context = context;
        draft.layout = "rows";
        drafts.push_back(std::move(draft));
    }
    generic::add_entries(spec, std::move(drafts), result, sink);
    if (result.entries.empty()) sink.warning(location(spec, 0), "no-entries", "the file holds no entries");
    return result;
}

}  // namespace glossc::readers
