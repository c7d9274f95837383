// The reader interface: one source document in, a list of Entry records out.
// A reader never merges and never drops content silently: whatever it cannot
// place becomes a diagnostic with the file and line.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostics/diagnostics.hpp"
#include "ir/ir.hpp"
#include "manifest/manifest.hpp"

namespace glossc {

// One entry as one source states it, before merging.
struct Entry {
    std::string key;            // headword or entry id exactly as the source prints it
    std::uint32_t line = 0;     // where the entry starts
    std::string headword;       // the main name, cleaned (qualifiers kept, aliases split off)
    std::vector<ir::Label> labels;          // other names (abbreviation, expansion, variant); sources left empty
    std::vector<std::string> categories;    // the source's own category names or ids
    ir::Definition definition;              // source and line filled by the reader
    std::vector<std::string> related;       // keys of other entries of the same source
    std::vector<ir::Reference> references;
    std::vector<ir::Extra> extras;          // source filled by the reader
};

struct ReaderResult {
    std::vector<Entry> entries;
    // Category ids/labels the source declares itself (in its order), for
    // sources that carry a taxonomy of their own (001).
    std::vector<ir::Category> declared_categories;
    // What the reader recognised, for the one note said of every source
    // ("read 120 entries: 101 bold-term paragraphs, 19 bullets under 9
    // section headings [layout]"): each kind of entry it read, in order of
    // first appearance, with how many entries it gave; and how many section
    // headings grouped them. Left empty, the note names the format.
    std::vector<std::pair<std::string, std::size_t>> layout;
    std::size_t sections = 0;
};

using ReadFunction = ReaderResult (*)(const SourceSpec& spec, std::string_view document,
                                      DiagnosticSink& sink);

struct ReaderInfo {
    std::string_view format;                   // name used in the manifest
    std::vector<std::string_view> extensions;  // for guessing the format of --source files
    std::string_view summary;
    ReadFunction read;
};

// The one table of readers (readers/registry.cpp).
std::span<const ReaderInfo> reader_registry();
const ReaderInfo* find_reader(std::string_view format);
const ReaderInfo* reader_for_extension(std::string_view extension);  // ".html"

// Helpers shared by readers.
Location location(const SourceSpec& spec, std::uint32_t line, std::uint32_t column = 0);

}  // namespace glossc
