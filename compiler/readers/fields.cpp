#include "readers/fields.hpp"

#include <algorithm>
#include <cctype>

#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::generic {

namespace {

struct FieldInfo {
    Field field;
    std::string_view name;
    std::vector<std::string_view> defaults;  // normalized
};

const std::array<FieldInfo, kFieldCount>& fields() {
    static const std::array<FieldInfo, kFieldCount> kFields{{
        {Field::Id, "id", {"id", "key", "slug", "identifier"}},
        {Field::Term, "term", {"term", "name", "title", "headword", "word", "label", "concept"}},
        {Field::Aliases, "aliases",
         {"aliases", "alias", "synonyms", "synonym", "also_known_as", "aka", "other_names", "abbreviation",
          "abbreviations", "acronym", "acronyms", "variants"}},
        {Field::Definition, "definition", {"definition", "description", "desc", "meaning", "gloss", "explanation"}},
        {Field::Summary, "summary", {"summary", "short_definition", "oneliner", "one_liner", "short"}},
        {Field::Body, "body", {"body", "long_definition", "long_description"}},
        {Field::Details, "details", {"details", "fundamentals", "technical_details", "formula"}},
        {Field::Example, "example", {"example", "examples", "usage"}},
        {Field::Category, "category", {"category", "categories", "topic", "topics", "section", "domain"}},
        {Field::Related, "related", {"related", "see_also", "related_terms", "cross_references"}},
        {Field::Url, "url", {"url", "source_url", "link", "href", "uri", "website"}},
        {Field::Reference, "reference",
         {"reference", "references", "source", "sources", "citation", "citations", "paper", "papers",
          "further_reading"}},
    }};
    return kFields;
}

std::size_t index(Field field) { return static_cast<std::size_t>(field); }

// Paragraphs of a plain-text value: runs of non-blank lines.
std::vector<ir::RichText> paragraphs_of(std::string_view value) {
    std::vector<ir::RichText> out;
    std::string paragraph;
    auto flush = [&] {
        ir::RichText rich = text::parse_prose(paragraph);
        if (!rich.empty()) out.push_back(std::move(rich));
        paragraph.clear();
    };
    for (const auto& line : text::split_lines(value)) {
        if (text::trim(line.text).empty()) {
            flush();
        } else {
            paragraph += std::string(line.text) + "\n";
        }
    }
    flush();
    return out;
}

}  // namespace

std::string_view to_string(Field field) { return fields()[index(field)].name; }

std::string normalize_name(std::string_view name) {
    std::string out;
    bool separator = false;
    for (char c : text::trim(name)) {
        if (c == ' ' || c == '-' || c == '_' || c == '\t') {
            separator = !out.empty();
            continue;
        }
        if (separator) out += '_';
        separator = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

FieldMap::FieldMap(const SourceSpec& spec, DiagnosticSink& sink, std::string_view option) {
    if (!spec.options.is_object()) return;
    auto it = spec.options.find(std::string(option));
    if (it == spec.options.end()) return;
    Location where = spec.where.file.empty() ? location(spec, 0) : spec.where;
    auto fail = [&](const std::string& message) {
        ok_ = false;
        sink.error(where, "reader-bad-option", "source '" + spec.id + "': " + message);
    };
    if (!it->is_object()) {
        fail("option '" + std::string(option) + "' must be a table ([source.options." + std::string(option) +
             "]) of field = \"name\"");
        return;
    }
    for (const auto& [key, value] : it->items()) {
        const FieldInfo* info = nullptr;
        for (const auto& f : fields())
            if (f.name == key) info = &f;
        if (!info) {
            std::string known;
            for (const auto& f : fields()) known += (known.empty() ? "" : ", ") + std::string(f.name);
            fail("option '" + std::string(option) + "' has no field '" + key + "' (fields: " + known + ")");
            continue;
        }
        std::vector<std::string> names;
        if (value.is_string()) {
            names.push_back(value.get<std::string>());
        } else if (value.is_array()) {
            for (const auto& item : value)
                if (item.is_string()) names.push_back(item.get<std::string>());
            if (names.size() != value.size()) names.clear();
        }
        names.erase(std::remove_if(names.begin(), names.end(),
                                   [](const std::string& n) { return normalize_name(n).empty(); }),
                    names.end());
        if (names.empty()) {
            fail(std::string(option) + "." + key + " must be a name or a list of names");
            continue;
        }
        for (const auto& name : names) {
            mapped_[index(info->field)].push_back(normalize_name(name));
            printed_[index(info->field)].push_back(name);
        }
    }
}

std::vector<std::optional<Field>> FieldMap::assign(const std::vector<std::string>& names) const {
    std::vector<std::optional<Field>> out(names.size());
    std::vector<std::string> normalized;
    for (const auto& name : names) normalized.push_back(normalize_name(name));
    auto take = [&](std::string_view name, Field field) {
        for (std::size_t i = 0; i < normalized.size(); ++i) {
            if (out[i] || normalized[i] != name) continue;
            out[i] = field;
            return true;
        }
        return false;
    };
    for (const auto& info : fields()) {
        const auto& mapped = mapped_[index(info.field)];
        bool single = info.field == Field::Id || info.field == Field::Term;
        for (const auto& name : mapped)
            if (take(name, info.field) && single) break;
    }
    for (const auto& info : fields()) {
        if (!mapped_[index(info.field)].empty()) continue;
        for (auto name : info.defaults)
            if (take(name, info.field)) break;
    }
    return out;
}

std::string FieldMap::describe(Field field) const {
    const auto& printed = printed_[index(field)];
    std::string out;
    if (!printed.empty()) {
        for (const auto& name : printed) out += (out.empty() ? "'" : "', '") + name;
        return out + "'";
    }
    for (auto name : fields()[index(field)].defaults) out += (out.empty() ? "" : ", ") + std::string(name);
    return "one of: " + out;
}

void RecordBuilder::add(Field field, std::string_view value) {
    if (text::trim(value).empty()) return;
    switch (field) {
        case Field::Id: draft_.key = text::collapse_whitespace(value); break;
        case Field::Term: draft_.printed = std::string(value); break;
        case Field::Aliases:
            for (auto& name : split_list(value)) draft_.aliases.push_back(std::move(name));
            break;
        case Field::Definition:
            for (auto& paragraph : paragraphs_of(value)) draft_.paragraphs.push_back(std::move(paragraph));
            break;
        case Field::Body:
            for (const auto& paragraph : paragraphs_of(value)) append_paragraph(draft_.body, paragraph);
            break;
        case Field::Summary: append_paragraph(draft_.summary, text::parse_prose(value)); break;
        case Field::Details: append_paragraph(draft_.details, text::parse_prose(value)); break;
        case Field::Example: append_paragraph(draft_.example, text::parse_prose(value)); break;
        case Field::Category:
            for (auto& name : split_list(value)) draft_.categories.push_back(std::move(name));
            break;
        case Field::Related:
            for (auto& name : split_list(value)) draft_.related.push_back(std::move(name));
            break;
        case Field::Url:
            for (const auto& url : split_list(value)) {
                ir::Reference ref = reference_from(url);
                if (ref.url.empty()) std::swap(ref.url, ref.title);
                draft_.references.push_back(std::move(ref));
            }
            break;
        case Field::Reference:
            for (const auto& item : split_list(value)) draft_.references.push_back(reference_from(item));
            break;
    }
}

void RecordBuilder::add_rich(Field field, ir::RichText value) {
    tidy(value);
    if (value.empty()) return;
    switch (field) {
        case Field::Definition: draft_.paragraphs.push_back(std::move(value)); break;
        case Field::Summary: append_paragraph(draft_.summary, value); break;
        case Field::Body: append_paragraph(draft_.body, value); break;
        case Field::Details: append_paragraph(draft_.details, value); break;
        case Field::Example: append_paragraph(draft_.example, value); break;
        case Field::Url:
        case Field::Reference:
            // A linked citation: its text is the title, its target the URL.
            if (value.size() == 1 && value[0].kind == ir::InlineKind::Link) {
                draft_.references.push_back({plain(value[0].children), {}, {}, {}, value[0].target});
                break;
            }
            add(field, plain(value));
            break;
        default: add(field, plain(value)); break;
    }
}

void RecordBuilder::add_reference(ir::Reference reference) { draft_.references.push_back(std::move(reference)); }

void RecordBuilder::add_extra(std::string key, std::string value) {
    if (text::trim(value).empty()) return;
    draft_.extras.push_back({{}, std::move(key), std::move(value)});
}

Draft RecordBuilder::take() {
    auto& refs = draft_.references;
    auto title_only = [](const ir::Reference& r) { return !r.title.empty() && r.url.empty(); };
    auto url_only = [](const ir::Reference& r) { return r.title.empty() && !r.url.empty(); };
    if (std::count_if(refs.begin(), refs.end(), title_only) == 1 &&
        std::count_if(refs.begin(), refs.end(), url_only) == 1) {
        auto titled = std::find_if(refs.begin(), refs.end(), title_only);
        auto linked = std::find_if(refs.begin(), refs.end(), url_only);
        titled->url = linked->url;
        if (titled->arxiv.empty()) titled->arxiv = linked->arxiv;
        refs.erase(linked);
    }
    return std::move(draft_);
}

}  // namespace glossc::generic
