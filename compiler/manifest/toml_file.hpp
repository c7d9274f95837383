// Reading the project's TOML data files (manifest, taxonomy, spelling,
// overrides) with diagnostics that point at file:line:col. Written once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "diagnostics/diagnostics.hpp"

namespace glossc {

Location toml_location(const std::string& file, const toml::source_region& region);

// Parses TOML text; a syntax error is reported as `<code_prefix>-syntax`.
std::optional<toml::table> parse_toml(std::string_view text, const std::string& display_path,
                                      std::string_view code_prefix, DiagnosticSink& sink);

// Reads and parses a TOML file; an unreadable file is `<code_prefix>-unreadable`.
std::optional<toml::table> load_toml(const std::filesystem::path& path, std::string_view code_prefix,
                                     DiagnosticSink& sink);

}  // namespace glossc
