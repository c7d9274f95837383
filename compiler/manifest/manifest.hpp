// The source manifest (`sources/glossary.toml`): the glossary's title and
// language and the list of sources to read. Adding a source is adding a
// [[source]] table here, never code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics/diagnostics.hpp"

namespace glossc {

struct SourceSpec {
    std::string id;
    std::string file;                 // as written in the manifest
    std::filesystem::path path;       // resolved against the manifest's folder
    std::string display_path;         // what diagnostics print
    std::string format;               // reader name
    std::string title;                // shown to readers ("Topic list"); the id when not given
    std::string url;                  // where readers can find the source; optional
    std::int64_t priority = 0;        // higher wins when choosing headwords
    nlohmann::json options = nlohmann::json::object();  // reader options (TOML table as JSON)
    Location where;                   // the [[source]] table in the manifest
    // Given with --source: a source this build adds to the glossary, which
    // the merge keeps from taking apart what the others make (merge.hpp).
    bool added = false;
};

struct Manifest {
    std::string title;
    std::string language = "en";
    std::string date;                 // edition date when SOURCE_DATE_EPOCH is not set
    std::filesystem::path dir;        // folder holding the manifest
    std::string display_path;
    std::optional<std::filesystem::path> taxonomy;   // unified category map
    std::optional<std::filesystem::path> spelling;   // British/American spelling map for matching
    std::optional<std::filesystem::path> overrides;  // editor merge overrides
    std::optional<std::filesystem::path> ledger;     // ids and per-note state kept across editions
    // Sources may lie outside the manifest's folder (`allow_outside = true`):
    // otherwise a source's path must resolve, after symlinks, inside it.
    bool allow_outside = false;
    std::vector<SourceSpec> sources;
};

// Parses manifest text. Problems are reported to `sink` with the manifest's
// line and column; the result is empty when the manifest cannot be used.
std::optional<Manifest> parse_manifest(std::string_view text, const std::filesystem::path& path,
                                       DiagnosticSink& sink);

// Reads and parses the manifest file (an unreadable file is an error too).
std::optional<Manifest> load_manifest(const std::filesystem::path& path, DiagnosticSink& sink);

// Checks what depends on the file system and the reader registry: every
// source's file exists and is a regular file, its format names a reader,
// and (a --source file excepted) it resolves, after symlinks, inside the
// manifest's folder unless the manifest allows otherwise. Returns false
// when any source is unusable.
bool validate_sources(const Manifest& manifest, DiagnosticSink& sink);

// A source given on the command line (`--source FILE[=FORMAT]`): its format is
// guessed from the extension when not given. Reports and returns nullopt when
// neither works.
std::optional<SourceSpec> command_line_source(std::string_view argument, const Manifest& manifest,
                                              DiagnosticSink& sink);

}  // namespace glossc
