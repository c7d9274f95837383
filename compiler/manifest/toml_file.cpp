#include "manifest/toml_file.hpp"

#include "text/input_file.hpp"

namespace glossc {

Location toml_location(const std::string& file, const toml::source_region& region) {
    return Location{file, static_cast<std::uint32_t>(region.begin.line), static_cast<std::uint32_t>(region.begin.column)};
}

std::optional<toml::table> parse_toml(std::string_view text, const std::string& display_path,
                                      std::string_view code_prefix, DiagnosticSink& sink) {
    try {
        return toml::parse(text, display_path);
    } catch (const toml::parse_error& error) {
        sink.error(toml_location(display_path, error.source()), std::string(code_prefix) + "-syntax",
                   std::string(error.description()));
        return std::nullopt;
    }
}

std::optional<toml::table> load_toml(const std::filesystem::path& path, std::string_view code_prefix,
                                     DiagnosticSink& sink) {
    std::string display = path.lexically_normal().generic_string();
    std::string text;
    if (!text::read_data_file(path, code_prefix, text::kMaxDataFileBytes, text, sink)) return std::nullopt;
    return parse_toml(text, display, code_prefix, sink);
}

}  // namespace glossc
