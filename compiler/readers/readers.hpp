// Every reader's entry point; the registry (registry.cpp) is the one table
// that names them. One file per source layout.
#pragma once

#include "readers/reader.hpp"

namespace glossc::readers {

ReaderResult read_ai_dictionary(const SourceSpec&, std::string_view, DiagnosticSink&);    // 000
ReaderResult read_termbase_json(const SourceSpec&, std::string_view, DiagnosticSink&);    // 001
ReaderResult read_acronym_list(const SourceSpec&, std::string_view, DiagnosticSink&);     // 002
ReaderResult read_topic_list(const SourceSpec&, std::string_view, DiagnosticSink&);       // 003
ReaderResult read_section_glossary(const SourceSpec&, std::string_view, DiagnosticSink&); // 004

// Generic layouts an editor adds without code (generic.hpp, fields.hpp).
ReaderResult read_html(const SourceSpec&, std::string_view, DiagnosticSink&);         // html.cpp
ReaderResult read_markdown(const SourceSpec&, std::string_view, DiagnosticSink&);     // markdown.cpp
ReaderResult read_csv(const SourceSpec&, std::string_view, DiagnosticSink&);          // csv.cpp (csv, tsv)
ReaderResult read_mapped_json(const SourceSpec&, std::string_view, DiagnosticSink&);  // mapped_json.cpp
ReaderResult read_rst(const SourceSpec&, std::string_view, DiagnosticSink&);          // rst.cpp

// Marked-up text of one field (a CSV cell, a JSON string), read the way the
// Markdown or HTML reader reads a definition: its paragraphs as rich text.
ir::Blocks markdown_blocks(std::string_view text);  // markdown.cpp
ir::Blocks html_blocks(std::string_view text);      // html.cpp

}  // namespace glossc::readers
