// Source titles for the readers' editions (source_titles.hpp).
#include "common/source_titles.hpp"

namespace glossc::sources {

Titles::Titles(const ir::Glossary& glossary) {
    for (const auto& s : glossary.sources) titles_.emplace(s.id, s.title.empty() ? s.id : s.title);
}

const std::string& Titles::of(const std::string& source_id) const {
    auto it = titles_.find(source_id);
    return it == titles_.end() ? source_id : it->second;
}

ir::Source reader_view(const ir::Source& source) {
    ir::Source out;
    out.title = source.title.empty() ? source.id : source.title;
    out.id = out.title;
    out.url = source.url;
    return out;
}

ir::Glossary reader_front_matter(const ir::Glossary& glossary) {
    ir::Glossary out;
    out.title = glossary.title;
    out.language = glossary.language;
    out.edition = glossary.edition;
    for (const auto& source : glossary.sources) out.sources.push_back(reader_view(source));
    return out;
}

std::vector<std::string> reader_flags(const std::vector<std::string>& flags) {
    std::vector<std::string> shown;
    for (const auto& flag : flags)
        if (flag == "truncated") shown.push_back(flag);
    return shown;
}

void to_reader_view(ir::Definition& definition, const Titles& titles) {
    definition.source = titles.of(definition.source);
    definition.line = 0;
    definition.flags = reader_flags(definition.flags);
}

}  // namespace glossc::sources
