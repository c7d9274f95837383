// The one table of readers. Adding a layout is adding a row here and a file
// beside this one; the driver never switches on format names.
#include <algorithm>
#include <cctype>
#include <string>

#include "readers/readers.hpp"

namespace glossc {

std::span<const ReaderInfo> reader_registry() {
    static const ReaderInfo kReaders[] = {
        {"ai-dictionary", {}, "\"The AI Dictionary\": five-line entries with glued category/alias lines",
         readers::read_ai_dictionary},
        {"termbase-json", {}, "JSON termbase: {categories:[...], entries:{id:{...}}}", readers::read_termbase_json},
        {"acronym-list", {}, "auto-extracted acronym glossary: term, then \"<emoji> Module ->context\"",
         readers::read_acronym_list},
        {"topic-list", {}, "topic list: \"- \" + title glued to its definition", readers::read_topic_list},
        {"section-glossary", {}, "\"- TERM Introduced in §NN · Section\" followed by \"- definition\"",
         readers::read_section_glossary},
        // Generic formats: --source FILE guesses them from the extension.
        {"html", {".html", ".htm"}, "HTML page: <dl>/<dt>/<dd>, h2/h3 headings + paragraphs, or a term table",
         readers::read_html},
        {"markdown", {".md", ".markdown"},
         "Markdown: ## headings + paragraphs, \"- **Term**: definition\" items, \"Term / : definition\", tables",
         readers::read_markdown},
        {"csv", {".csv"}, "CSV with a header row naming the columns (term, aliases, definition, ...)",
         readers::read_csv},
        {"tsv", {".tsv"}, "tab-separated values with a header row naming the columns", readers::read_csv},
        {"json", {".json"}, "JSON: an array of entry objects or an object of id -> entry, fields mapped by name",
         readers::read_mapped_json},
        {"rst", {".rst", ".rest"}, "reStructuredText: Sphinx .. glossary:: and definition lists", readers::read_rst},
    };
    return kReaders;
}

const ReaderInfo* find_reader(std::string_view format) {
    for (const auto& reader : reader_registry())
        if (reader.format == format) return &reader;
    return nullptr;
}

const ReaderInfo* reader_for_extension(std::string_view extension) {
    std::string lowered(extension);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& reader : reader_registry())
        for (auto ext : reader.extensions)
            if (ext == lowered) return &reader;
    return nullptr;
}

Location location(const SourceSpec& spec, std::uint32_t line, std::uint32_t column) {
    return Location{spec.display_path, line, column};
}

}  // namespace glossc
