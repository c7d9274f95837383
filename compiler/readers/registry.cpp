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
