// Reading sources in reader tests the way the build does (spec and options
// from the seed manifest), small hand-written documents, and the line
// accounting that proves a reader placed or reported every line.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "readers/reader.hpp"

namespace glossc::testing {

// The [[source]] of the seed manifest with this id (file, format, options).
SourceSpec seed_spec(const std::string& id);
std::string seed_document(const SourceSpec& spec);

// A spec for reading a hand-written document with the given format
// (source id "s", reader defaults).
SourceSpec spec_for(const std::string& format, const std::string& file = "s.txt");

// Runs the reader the spec's format names.
ReaderResult read_with(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink);

// A hand-written source under tests/data/sources/ (a failed read fails the test).
std::string data_file(const std::string& name);
// Every entry's key, in order.
std::vector<std::string> keys_of(const ReaderResult& result);

const Entry* find_key(const ReaderResult& result, std::string_view key);
const Entry* find_headword(const ReaderResult& result, std::string_view headword);
bool has_label(const Entry& entry, std::string_view text, ir::LabelKind kind);
std::string plain(const ir::RichText& text);
// Every run of rich text of a definition: its summary, then each paragraph
// and table cell of its body, details and example (nested ones too).
std::vector<const ir::RichText*> rich_texts(const ir::Definition& d);
// Blocks' plain text, blocks joined by one space (text::plain_text).
std::string plain(const ir::Blocks& blocks);
// The block kinds of `blocks`, in order, nested ones in brackets:
// "paragraph bullet_list[paragraph paragraph] code".
std::string shape(const ir::Blocks& blocks);

// A document whose lines are joined by `eol` ("\n", "\r\n" or "\r").
std::string join_lines(const std::vector<std::string>& lines, std::string_view eol = "\n");

// Lines of the diagnostics with this code, in report order.
std::vector<std::uint32_t> lines_of(const DiagnosticSink& sink, std::string_view code);
std::set<std::string> codes_of(const DiagnosticSink& sink);
// The first diagnostic with this code, or null.
const ir::Diagnostic* find_code(const DiagnosticSink& sink, std::string_view code);
// Every diagnostic, one per line, for assertion messages.
std::string describe(const DiagnosticSink& sink);

// Every line of a document in the first bucket it fits: consumed by an
// entry, recognised as header/chrome, pointed at by a diagnostic, or blank.
struct LineAccount {
    std::size_t total = 0;
    std::size_t consumed = 0;
    std::size_t header = 0;
    std::size_t reported = 0;
    std::size_t blank = 0;
    std::vector<std::uint32_t> unaccounted;  // lines that fit no bucket: silently dropped content
};
LineAccount account_lines(std::string_view document, const std::set<std::uint32_t>& consumed,
                          const std::function<bool(std::string_view)>& is_header, const DiagnosticSink& sink);

}  // namespace glossc::testing
