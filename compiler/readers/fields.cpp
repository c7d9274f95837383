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

}  // namespace

std::string_view to_string(Field field) { return fields()[index(field)].name; }

bool is_prose(Field field) {
    return field == Field::Definition || field == Field::Summary || field == Field::Body ||
           field == Field::Details || field == Field::Example;
}

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

const FieldMarkup RecordBuilder::kAsWritten;

void RecordBuilder::add(Field field, std::string_view value) {
    if (text::trim(value).empty()) return;
    if (is_prose(field)) {
        for (auto& block : markup_.blocks(value)) add_block(field, std::move(block));
        return;
    }
    switch (field) {
        case Field::Id: draft_.key = text::collapse_whitespace(value); break;
        case Field::Term: draft_.printed = markup_.name(value); break;
        case Field::Url:
        case Field::Reference:
            // "[Title](https://…)" in a Markdown source is a linked citation.
            for (const auto& item : split_list(value)) {
                if (auto rich = markup_.marked_up(item)) {
                    add_rich(field, std::move(*rich));
                } else {
                    add_plain(field, markup_.name(item));
                }
            }
            break;
        default:
            for (const auto& name : split_list(value)) add_plain(field, markup_.name(name));
            break;
    }
}

void RecordBuilder::add_plain(Field field, std::string_view value) {
    if (text::trim(value).empty()) return;
    switch (field) {
        case Field::Aliases:
            for (auto& name : split_list(value)) draft_.aliases.push_back(std::move(name));
            break;
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
        case Field::Term: draft_.printed = std::string(value); break;
        case Field::Id: draft_.key = text::collapse_whitespace(value); break;
        default: add_paragraph(field, text::parse_prose(value)); break;
    }
}

void RecordBuilder::add_paragraph(Field field, ir::RichText paragraph) {
    if (!paragraph.empty()) add_block(field, ir::paragraph(std::move(paragraph)));
}

void RecordBuilder::add_block(Field field, ir::Block block) {
    switch (field) {
        case Field::Definition: draft_.blocks.push_back(std::move(block)); break;
        case Field::Summary: text::append_paragraph(draft_.summary, text::flatten({block})); break;
        case Field::Body: draft_.body.push_back(std::move(block)); break;
        case Field::Details: draft_.details.push_back(std::move(block)); break;
        case Field::Example: draft_.example.push_back(std::move(block)); break;
        default: add_plain(field, plain(text::flatten({block}))); break;
    }
}

void RecordBuilder::add_rich(Field field, ir::RichText value) {
    tidy(value);
    if (value.empty()) return;
    // A linked citation: its text is the title, its target the URL.
    if ((field == Field::Url || field == Field::Reference) && value.size() == 1 &&
        value[0].kind == ir::InlineKind::Link) {
        draft_.references.push_back({plain(value[0].children), {}, {}, {}, value[0].target});
        return;
    }
    add_paragraph(field, std::move(value));
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

// ---- Tables in documents -------------------------------------------------------------

bool is_number(std::string_view cell) {
    bool digit = false;
    for (char c : text::trim(cell)) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digit = true;
        } else if (std::string_view("+-.,%/:eE ").find(c) == std::string_view::npos) {
            return false;
        }
    }
    return digit;
}

namespace {

// Two unnamed columns, short names on the left (four in five at least, not
// numbers) and prose on the right (twenty characters a cell on average).
bool names_beside_prose(const Table& table) {
    std::size_t names = 0, prose = 0, count = 0;
    for (const auto& row : table.rows) {
        if (row.size() < 2) continue;
        ++count;
        std::string left = plain(row[0]);
        if (name_sized(left, 6) && !is_number(left)) ++names;
        prose += plain(row[1]).size();
    }
    return count > 0 && names * 5 >= count * 4 && prose >= 20 * count;
}

// Most of the term column, or most of all the cells, are numbers.
bool holds_data(const Table& table, std::size_t term_column) {
    std::size_t values = 0, numbers = 0, terms = 0, term_numbers = 0;
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            std::string value = plain(row[i]);
            if (text::trim(value).empty()) continue;
            bool number = is_number(value);
            ++values;
            numbers += number;
            if (i == term_column) {
                ++terms;
                term_numbers += number;
            }
        }
    }
    return numbers * 2 > values || term_numbers * 2 > terms;
}

}  // namespace

TableReading read_table_header(const FieldMap& columns, const Table& table) {
    TableReading reading;
    if (table.rows.empty() || table.header.size() < 2) return reading;
    auto fields = columns.assign(table.header);
    auto has = [&fields](Field field) { return std::find(fields.begin(), fields.end(), field) != fields.end(); };
    bool mapped = !columns.mapped(Field::Term).empty();
    if (!has(Field::Term)) {
        if (mapped) return reading;
        if (table.header.size() == 2 && !fields[0] && !fields[1] && names_beside_prose(table)) {
            fields = {Field::Term, Field::Definition};  // "| Jargon | Plain English |"
        } else if ((fields[0] == Field::Aliases || !fields[0]) &&
                   std::find(fields.begin() + 1, fields.end(), Field::Definition) != fields.end()) {
            fields[0] = Field::Term;  // "| Acronym | Definition |", "| Name | Meaning |"
        } else {
            return reading;
        }
    }
    std::size_t term_column = static_cast<std::size_t>(std::find(fields.begin(), fields.end(), Field::Term) - fields.begin());
    bool described = false;
    for (auto field : {Field::Definition, Field::Summary, Field::Body, Field::Details, Field::Aliases, Field::Example})
        described = described || has(field);
    if (!mapped && (!described || holds_data(table, term_column))) {
        reading.refused_terms = true;
        return reading;
    }
    reading.fields = std::move(fields);
    reading.entries = true;
    return reading;
}

std::vector<Draft> table_drafts(const Table& table, const std::vector<std::optional<Field>>& fields) {
    std::vector<Draft> drafts;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        RecordBuilder record(table.lines[r]);
        std::string context;
        const auto& row = table.rows[r];
        for (std::size_t i = 0; i < row.size(); ++i) {
            context += plain(row[i]) + " ";
            if (i < fields.size() && fields[i]) {
                record.add_rich(*fields[i], row[i]);
            } else {
                std::string name = i < table.header.size() && !table.header[i].empty() ? table.header[i]
                                                                                       : "column " + std::to_string(i + 1);
                record.add_extra(name, plain(row[i]));
            }
        }
        if (text::trim(context).empty()) continue;  // an empty row
        Draft draft = record.take();
        draft.context = std::move(context);
        draft.layout = "table rows";
        drafts.push_back(std::move(draft));
    }
    return drafts;
}

}  // namespace glossc::generic
