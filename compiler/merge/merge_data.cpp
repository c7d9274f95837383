#include "merge/merge_data.hpp"

#include <set>

#include "manifest/toml_file.hpp"

namespace glossc::merge {

namespace {

std::string strip_section_number(const std::string& name) {
    // "§23 · GRPO & DeepSeek-R1" -> "GRPO & DeepSeek-R1"
    static const std::string kDot = "\xC2\xB7";  // U+00B7 MIDDLE DOT
    if (name.rfind("\xC2\xA7", 0) == 0) {
        if (auto dot = name.find(kDot); dot != std::string::npos) {
            std::size_t start = dot + kDot.size();
            while (start < name.size() && name[start] == ' ') ++start;
            return name.substr(start);
        }
    }
    return name;
}

void read_name_map(const toml::table& table, std::map<std::string, std::string>& out, const std::string& file,
                   const std::set<std::string>& ids, DiagnosticSink& sink) {
    for (const auto& [key, value] : table) {
        if (value.is_table()) continue;  // a per-source table, read by the caller
        auto id = value.value<std::string>();
        if (!id) {
            sink.error(toml_location(file, value.source()), "taxonomy-bad-field", "a mapping must name a category id");
            continue;
        }
        if (!ids.count(*id))
            sink.error(toml_location(file, value.source()), "taxonomy-unknown-category",
                       "'" + std::string(key.str()) + "' maps to unknown category '" + *id + "'");
        out[fold_case(key.str())] = *id;
    }
}

std::optional<EntryName> entry_name(const toml::node* node, const std::string& file, DiagnosticSink& sink) {
    auto text = node ? node->value<std::string>() : std::nullopt;
    Location where = node ? toml_location(file, node->source()) : Location{file};
    if (!text || text->find(':') == std::string::npos) {
        sink.error(where, "overrides-bad-entry", "an entry must be written \"source-id:key\"");
        return std::nullopt;
    }
    auto colon = text->find(':');
    return EntryName{text->substr(0, colon), text->substr(colon + 1), where};
}

std::vector<Overrides::Group> read_groups(const toml::table& root, const char* name, const std::string& file,
                                          DiagnosticSink& sink) {
    std::vector<Overrides::Group> groups;
    const toml::array* array = root[name].as_array();
    if (!array) return groups;
    for (const auto& node : *array) {
        const toml::table* table = node.as_table();
        const toml::array* entries = table ? (*table)["entries"].as_array() : nullptr;
        if (!entries || entries->size() < 2) {
            sink.error(toml_location(file, node.source()), "overrides-bad-group",
                       std::string(name) + " needs entries = [at least two \"source-id:key\"]");
            continue;
        }
        Overrides::Group group{{}, toml_location(file, node.source())};
        for (const auto& entry : *entries)
            if (auto e = entry_name(&entry, file, sink)) group.entries.push_back(*e);
        groups.push_back(std::move(group));
    }
    return groups;
}

}  // namespace

std::optional<std::string> Taxonomy::map(const std::string& source_id, const std::string& name) const {
    std::string key = fold_case(strip_section_number(name));
    if (auto s = per_source.find(source_id); s != per_source.end())
        if (auto it = s->second.find(key); it != s->second.end()) return it->second;
    if (auto it = names.find(key); it != names.end()) return it->second;
    for (const auto& category : categories)
        if (fold_case(category.id) == key || fold_case(category.label) == key) return category.id;
    return std::nullopt;
}

bool Taxonomy::distant(const std::set<std::string>& a, const std::set<std::string>& b) const {
    bool a_informative = false, b_informative = false;
    for (const auto& x : a) {
        if (uninformative.count(x)) continue;
        a_informative = true;
        for (const auto& y : b) {
            if (uninformative.count(y)) continue;
            b_informative = true;
            if (x == y || near.count({x, y})) return false;
        }
    }
    return a_informative && b_informative;
}

namespace {
// The tables of a taxonomy file, read into a Taxonomy (errors reported).
std::optional<Taxonomy> read_taxonomy(const toml::table& document, const std::string& file, DiagnosticSink& sink) {
    const toml::table* root = &document;
    Taxonomy taxonomy;
    std::set<std::string> ids;
    if (const toml::array* categories = (*root)["category"].as_array()) {
        for (const auto& node : *categories) {
            const toml::table* table = node.as_table();
            auto id = table ? (*table)["id"].value<std::string>() : std::nullopt;
            auto label = table ? (*table)["label"].value<std::string>() : std::nullopt;
            if (!id || !label) {
                sink.error(toml_location(file, node.source()), "taxonomy-bad-field", "a category needs id and label");
                continue;
            }
            if (!ids.insert(*id).second) {
                sink.error(toml_location(file, node.source()), "taxonomy-duplicate-category", "duplicate category '" + *id + "'");
                continue;
            }
            taxonomy.categories.push_back({*id, *label});
            if (const toml::array* near = (*table)["near"].as_array())
                for (const auto& other : *near)
                    if (auto other_id = other.value<std::string>()) {
                        taxonomy.near.insert({*id, *other_id});
                        taxonomy.near.insert({*other_id, *id});
                    }
        }
    }
    if (const toml::array* uninformative = (*root)["uninformative"].as_array())
        for (const auto& id : *uninformative)
            if (auto s = id.value<std::string>()) taxonomy.uninformative.insert(*s);
    for (const auto& [a, b] : taxonomy.near)
        if (!ids.count(a) || !ids.count(b))
            sink.error(Location{file}, "taxonomy-unknown-category", "'near' names unknown category '" + (ids.count(a) ? b : a) + "'");
    if (taxonomy.categories.empty()) {
        sink.error(Location{file, 1, 1}, "taxonomy-empty", "the taxonomy defines no [[category]]");
        return std::nullopt;
    }
    taxonomy.fallback = (*root)["fallback"].value_or(taxonomy.categories.back().id);
    if (!ids.count(taxonomy.fallback))
        sink.error(Location{file, 1, 1}, "taxonomy-unknown-category", "fallback '" + taxonomy.fallback + "' is not a category");
    if (const toml::table* map = (*root)["map"].as_table()) {
        read_name_map(*map, taxonomy.names, file, ids, sink);
        for (const auto& [key, value] : *map)
            if (const toml::table* per_source = value.as_table())
                read_name_map(*per_source, taxonomy.per_source[std::string(key.str())], file, ids, sink);
    }
    return taxonomy;
}

// The tables of a spelling file, read into a SpellingMap (errors reported).
std::optional<SpellingMap> read_spelling(const toml::table& document, const std::string& file, DiagnosticSink& sink) {
    const toml::table* root = &document;
    SpellingMap spelling;
    if (const toml::table* words = (*root)["words"].as_table()) {
        for (const auto& [key, value] : *words) {
            auto american = value.value<std::string>();
            if (!american) {
                sink.error(toml_location(file, value.source()), "spelling-bad-field", "a spelling must map to a string");
                continue;
            }
            spelling.words[fold_case(key.str())] = fold_case(*american);
        }
    }
    if (const toml::array* generic = (*root)["generic"]["words"].as_array())
        for (const auto& word : *generic)
            if (auto w = word.value<std::string>()) spelling.generic.insert(singular(fold_case(*w)));
    return spelling;
}
}  // namespace

std::optional<Taxonomy> load_taxonomy(const std::filesystem::path& path, DiagnosticSink& sink) {
    auto root = load_toml(path, "taxonomy", sink);
    if (!root) return std::nullopt;
    return read_taxonomy(*root, path.lexically_normal().generic_string(), sink);
}

std::optional<Taxonomy> parse_taxonomy(std::string_view text, const std::string& file, DiagnosticSink& sink) {
    auto root = parse_toml(text, file, "taxonomy", sink);
    if (!root) return std::nullopt;
    return read_taxonomy(*root, file, sink);
}

std::optional<SpellingMap> load_spelling(const std::filesystem::path& path, DiagnosticSink& sink) {
    auto root = load_toml(path, "spelling", sink);
    if (!root) return std::nullopt;
    return read_spelling(*root, path.lexically_normal().generic_string(), sink);
}

std::optional<SpellingMap> parse_spelling(std::string_view text, const std::string& file, DiagnosticSink& sink) {
    auto root = parse_toml(text, file, "spelling", sink);
    if (!root) return std::nullopt;
    return read_spelling(*root, file, sink);
}

namespace {

// Two [[headword]] (or two [[category]]) for one entry: the last is
// applied, and the editor is told (README: a contradictory override is
// reported), with both lines. One that says again what the other says is
// a warning of its own: harmless, but one of them is a leftover.
// `value_of` gives what an override sets, `describe` says it in words.
template <typename Override, typename Value, typename Describe>
void report_repeated_overrides(const std::vector<Override>& overrides, Value value_of, const std::string& table,
                               Describe describe, DiagnosticSink& sink) {
    std::map<std::pair<std::string_view, std::string_view>, const Override*> first;
    for (const auto& o : overrides) {
        auto [it, fresh] = first.emplace(std::make_pair(std::string_view(o.entry.source), std::string_view(o.entry.key)), &o);
        if (fresh) continue;
        const Override& earlier = *it->second;
        const std::string entry = o.entry.source + ":" + o.entry.key;
        const std::string there = "line " + std::to_string(earlier.entry.where.line);
        if (value_of(earlier) == value_of(o))
            sink.warning(o.entry.where, "override-duplicate",
                         table + " for '" + entry + "' says again what the one at " + there + " says");
        else
            sink.warning(o.entry.where, "override-conflict",
                         table + " gives '" + entry + "' " + describe(o) + ", and the one at " + there + " " +
                             describe(earlier) + "; the last one is applied");
        it->second = &o;
    }
}

// The tables of an overrides file, read into Overrides (errors reported).
std::optional<Overrides> read_overrides(const toml::table& root, const std::string& file, DiagnosticSink& sink) {
    Overrides overrides;
    overrides.same_as = read_groups(root, "same_as", file, sink);
    overrides.not_same_as = read_groups(root, "not_same_as", file, sink);
    if (const toml::array* headwords = root["headword"].as_array()) {
        for (const auto& node : *headwords) {
            const toml::table* table = node.as_table();
            auto entry = entry_name(table ? table->get("entry") : nullptr, file, sink);
            auto headword = table ? (*table)["headword"].value<std::string>() : std::nullopt;
            if (!entry || !headword || headword->empty()) {
                sink.error(toml_location(file, node.source()), "overrides-bad-field", "[[headword]] needs entry and headword");
                continue;
            }
            overrides.headwords.push_back({*entry, *headword});
        }
    }
    if (const toml::array* categories = root["category"].as_array()) {
        for (const auto& node : *categories) {
            const toml::table* table = node.as_table();
            auto entry = entry_name(table ? table->get("entry") : nullptr, file, sink);
            const toml::array* ids = table ? (*table)["categories"].as_array() : nullptr;
            if (!entry || !ids) {
                sink.error(toml_location(file, node.source()), "overrides-bad-field", "[[category]] needs entry and categories");
                continue;
            }
            Overrides::Categories c{*entry, {}};
            for (const auto& id : *ids)
                if (auto s = id.value<std::string>()) c.categories.push_back(*s);
            overrides.categories.push_back(std::move(c));
        }
    }
    report_repeated_overrides(
        overrides.headwords, [](const Overrides::Headword& h) { return h.headword; }, "[[headword]]",
        [](const Overrides::Headword& h) { return "the headword '" + h.headword + "'"; }, sink);
    report_repeated_overrides(
        overrides.categories, [](const Overrides::Categories& c) { return c.categories; }, "[[category]]",
        [](const Overrides::Categories& c) {
            std::string list;
            for (const auto& id : c.categories) list += (list.empty() ? "'" : ", '") + id + "'";
            return "the categories [" + list + "]";
        },
        sink);
    return overrides;
}
}  // namespace

std::optional<Overrides> load_overrides(const std::filesystem::path& path, DiagnosticSink& sink) {
    auto root = load_toml(path, "overrides", sink);
    if (!root) return std::nullopt;
    return read_overrides(*root, path.lexically_normal().generic_string(), sink);
}

std::optional<Overrides> parse_overrides(std::string_view text, const std::string& file, DiagnosticSink& sink) {
    auto root = parse_toml(text, file, "overrides", sink);
    if (!root) return std::nullopt;
    return read_overrides(*root, file, sink);
}

std::optional<MergeData> load_merge_data(const Manifest& manifest, DiagnosticSink& sink) {
    MergeData data;
    bool ok = true;
    if (manifest.taxonomy) {
        data.taxonomy = load_taxonomy(*manifest.taxonomy, sink);
        ok = ok && data.taxonomy.has_value();
    }
    if (manifest.spelling) {
        auto spelling = load_spelling(*manifest.spelling, sink);
        ok = ok && spelling.has_value();
        if (spelling) data.spelling = std::move(*spelling);
    }
    if (manifest.overrides) {
        auto overrides = load_overrides(*manifest.overrides, sink);
        ok = ok && overrides.has_value();
        if (overrides) data.overrides = std::move(*overrides);
    }
    if (manifest.ledger) {
        auto ledger = load_ledger(*manifest.ledger, sink);
        ok = ok && ledger.has_value();
        if (ledger) data.ledger = std::move(*ledger);
    }
    if (!ok) return std::nullopt;
    return data;
}

}  // namespace glossc::merge
