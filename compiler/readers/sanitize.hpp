// What every source goes through, whatever its reader: one place that makes
// any bytes safe to hand to a reader, and one that bounds what a reader may
// hand on. Users feed scraped, broken documents; these are the guarantees
// (never a crash, never quadratic, nothing dropped without a diagnostic)
// that no reader has to re-implement.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "readers/reader.hpp"

namespace glossc {

// Limits. Real sources are well under all of them; beyond them a source is
// damaged or hostile, and the build says so instead of running out of memory.
inline constexpr std::size_t kMaxSourceBytes = std::size_t{256} << 20;  // 256 MiB
inline constexpr std::size_t kMaxNameBytes = 1024;                      // headword, key, label
inline constexpr std::size_t kMaxFieldBytes = std::size_t{1} << 20;     // any other field
// Markup nested deeper than this (HTML elements, Markdown blocks, inline
// emphasis) is refused:
// readers and backends walk rich text recursively.
inline constexpr std::size_t kMaxMarkupDepth = 256;

// Repairs a source's text in place before any reader sees it, reporting
// (with the line:column of the first occurrence and a count) every change:
//   invalid UTF-8 and overlong forms -> U+FFFD             [invalid-utf8]
//   C0 control characters but tab/LF/CR, NUL included -> U+FFFD [control-character]
//   a byte order mark other than at the very start -> removed [stray-bom]
//   "\r\n" and a lone "\r" -> "\n" (line numbers stay those an editor shows)
// Returns false, with an error [source-too-large], when the source is over
// kMaxSourceBytes: it is not read at all.
bool sanitize_document(const SourceSpec& spec, std::string& document, DiagnosticSink& sink);

// Rejects, with an error [field-too-long] or [markup-too-deep] naming the
// entry and its line, every entry a reader produced over the limits above.
void enforce_entry_limits(const SourceSpec& spec, ReaderResult& result, DiagnosticSink& sink);

// The one way a source is read: sanitize, run its reader, enforce the
// limits, and warn [no-entries] when nothing came out. The driver and the
// fuzz targets both go through here.
ReaderResult read_document(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink);

// read_document on the spec's file, opened through text::InputFile: a file
// that cannot be read [source-unreadable], is not a regular file (a FIFO,
// a device, a directory) [input-not-a-file], or is over kMaxSourceBytes
// (checked before reading it) [source-too-large] is an error.
ReaderResult read_source_file(const SourceSpec& spec, DiagnosticSink& sink);

// The depth of a rich text tree (0 for empty text), found without recursion.
std::size_t markup_depth(const ir::RichText& text);

}  // namespace glossc
