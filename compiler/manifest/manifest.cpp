#include "manifest/manifest.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "manifest/toml_file.hpp"

#include "readers/reader.hpp"
#include "text/input_file.hpp"

namespace glossc {

namespace {

Location where_of(const std::string& file, const toml::source_region& region) { return toml_location(file, region); }

nlohmann::json to_json(const toml::node& node);

nlohmann::json table_to_json(const toml::table& table) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : table) out[std::string(key.str())] = to_json(value);
    return out;
}

nlohmann::json to_json(const toml::node& node) {
    if (auto t = node.as_table()) return table_to_json(*t);
    if (auto a = node.as_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : *a) out.push_back(to_json(item));
        return out;
    }
    if (auto s = node.value<std::string>(); s && node.is_string()) return *s;
    if (node.is_integer()) return *node.value<std::int64_t>();
    if (node.is_floating_point()) return *node.value<double>();
    if (node.is_boolean()) return *node.value<bool>();
    // Dates and times: keep their TOML spelling.
    std::ostringstream text;
    node.visit([&text](const auto& value) {
        if constexpr (toml::is_date<decltype(value)> || toml::is_time<decltype(value)> ||
                      toml::is_date_time<decltype(value)>)
            text << value;
    });
    return text.str();
}

// Reads a string field; reports a type error or a missing required field.
std::optional<std::string> string_field(const toml::table& table, std::string_view key, bool required,
                                        const Location& table_where, const std::string& file,
                                        DiagnosticSink& sink) {
    const toml::node* node = table.get(key);
    if (!node) {
        if (required)
            sink.error(table_where, "manifest-missing-field",
                       "missing required field '" + std::string(key) + "'");
        return std::nullopt;
    }
    if (!node->is_string() || node->value<std::string>()->empty()) {
        sink.error(where_of(file, node->source()), "manifest-bad-field",
                   "field '" + std::string(key) + "' must be a non-empty string");
        return std::nullopt;
    }
    return *node->value<std::string>();
}

const std::set<std::string_view> kTopLevelKeys{"title",     "language",  "date",   "taxonomy",     "spelling",
                                               "overrides", "ledger",    "source", "allow_outside"};
const std::set<std::string_view> kSourceKeys{"id", "file", "format", "priority", "title", "url", "options"};

void warn_unknown_keys(const toml::table& table, const std::set<std::string_view>& known,
                       const std::string& file, DiagnosticSink& sink) {
    for (const auto& [key, value] : table) {
        if (!known.count(key.str()))
            sink.warning(where_of(file, key.source()), "manifest-unknown-key",
                         "unknown key '" + std::string(key.str()) + "' is ignored");
    }
}

std::string display_join(const std::filesystem::path& dir, const std::string& file) {
    return (dir / file).lexically_normal().generic_string();
}

std::optional<SourceSpec> parse_source(const toml::table& table, const Manifest& manifest,
                                       DiagnosticSink& sink) {
    const std::string& file = manifest.display_path;
    Location where = where_of(file, table.source());
    warn_unknown_keys(table, kSourceKeys, file, sink);
    SourceSpec spec;
    spec.where = where;
    auto id = string_field(table, "id", true, where, file, sink);
    auto path = string_field(table, "file", true, where, file, sink);
    auto format = string_field(table, "format", true, where, file, sink);
    auto title = string_field(table, "title", false, where, file, sink);
    auto url = string_field(table, "url", false, where, file, sink);
    bool ok = id && path && format;
    // The URL becomes a link in every edition: only the web's own schemes.
    if (url && !url->starts_with("https://") && !url->starts_with("http://")) {
        sink.error(where_of(file, table.get("url")->source()), "manifest-bad-field",
                   "field 'url' must be an http:// or https:// address");
        ok = false;
    }
    if (const toml::node* p = table.get("priority")) {
        if (!p->is_integer()) {
            sink.error(where_of(file, p->source()), "manifest-bad-field", "field 'priority' must be an integer");
            ok = false;
        } else {
            spec.priority = *p->value<std::int64_t>();
        }
    }
    if (const toml::node* o = table.get("options")) {
        if (!o->is_table()) {
            sink.error(where_of(file, o->source()), "manifest-bad-field", "field 'options' must be a table");
            ok = false;
        } else {
            spec.options = table_to_json(*o->as_table());
        }
    }
    if (!ok) return std::nullopt;
    spec.id = *id;
    spec.file = *path;
    spec.format = *format;
    spec.title = title.value_or(spec.id);
    spec.url = url.value_or("");
    spec.path = manifest.dir / spec.file;
    spec.display_path = display_join(std::filesystem::path(manifest.display_path).parent_path(), spec.file);
    return spec;
}

}  // namespace

std::optional<Manifest> parse_manifest(std::string_view text, const std::filesystem::path& path,
                                       DiagnosticSink& sink) {
    Manifest manifest;
    manifest.display_path = path.lexically_normal().generic_string();
    manifest.dir = path.parent_path();
    const std::string& file = manifest.display_path;
    auto parsed = parse_toml(text, file, "manifest", sink);
    if (!parsed) return std::nullopt;
    const toml::table& root = *parsed;
    std::size_t errors_before = sink.count(ir::Severity::Error);
    warn_unknown_keys(root, kTopLevelKeys, file, sink);
    Location top{file, 1, 1};
    manifest.title = string_field(root, "title", true, top, file, sink).value_or("");
    manifest.language = string_field(root, "language", false, top, file, sink).value_or("en");
    manifest.date = string_field(root, "date", false, top, file, sink).value_or("");
    auto optional_path = [&](std::string_view key) -> std::optional<std::filesystem::path> {
        if (auto value = string_field(root, key, false, top, file, sink)) return manifest.dir / *value;
        return std::nullopt;
    };
    manifest.taxonomy = optional_path("taxonomy");
    manifest.spelling = optional_path("spelling");
    manifest.overrides = optional_path("overrides");
    manifest.ledger = optional_path("ledger");
    if (const toml::node* allow = root.get("allow_outside")) {
        if (allow->is_boolean()) manifest.allow_outside = *allow->value<bool>();
        else sink.error(where_of(file, allow->source()), "manifest-bad-field", "field 'allow_outside' must be true or false");
    }

    const toml::node* sources = root.get("source");
    if (!sources) {
        sink.error(top, "manifest-no-sources", "the manifest lists no [[source]]");
    } else if (!sources->is_array_of_tables()) {
        sink.error(where_of(file, sources->source()), "manifest-bad-field",
                   "'source' must be an array of tables ([[source]])");
    } else {
        std::map<std::string, Location> seen, titles;
        for (const auto& node : *sources->as_array()) {
            auto spec = parse_source(*node.as_table(), manifest, sink);
            if (!spec) continue;
            auto [it, inserted] = seen.emplace(spec->id, spec->where);
            if (!inserted) {
                sink.error(spec->where, "manifest-duplicate-source",
                           "duplicate source id '" + spec->id + "' (first defined at line " +
                               std::to_string(it->second.line) + ")");
                continue;
            }
            // Readers tell sources apart by their titles alone.
            auto [first, fresh] = titles.emplace(spec->title, spec->where);
            if (!fresh) {
                sink.error(spec->where, "manifest-duplicate-title",
                           "source '" + spec->id + "' has the title '" + spec->title +
                               "' of the source at line " + std::to_string(first->second.line) +
                               "; readers could not tell them apart");
                continue;
            }
            manifest.sources.push_back(std::move(*spec));
        }
    }
    if (sink.count(ir::Severity::Error) > errors_before) return std::nullopt;
    return manifest;
}

std::optional<Manifest> load_manifest(const std::filesystem::path& path, DiagnosticSink& sink) {
    // Through the one door, as every input: a FIFO, a device or a directory
    // is refused without blocking, and the size is bounded. Any refusal is
    // manifest-unreadable (exit 2): nothing can be built without it.
    text::InputFile file(path, text::kMaxDataFileBytes);
    std::optional<std::string_view> text = file.contents();
    if (!text) {
        sink.error(Location{path.generic_string()}, "manifest-unreadable", "the manifest " + file.reason());
        return std::nullopt;
    }
    return parse_manifest(*text, path, sink);
}

namespace {

// Where a path leads, after symlinks (as far as they exist: a missing file
// is reported by the caller); lexically when the file system will not say.
std::filesystem::path resolved(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::path out = std::filesystem::weakly_canonical(path, ec);
    if (ec) out = std::filesystem::absolute(path, ec).lexically_normal();
    return out;
}

bool inside(const std::filesystem::path& path, const std::filesystem::path& folder) {
    std::filesystem::path relative = path.lexically_relative(folder);
    return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

bool validate_sources(const Manifest& manifest, DiagnosticSink& sink) {
    bool ok = true;
    // A manifest names its own folder's files: one that reaches elsewhere
    // (`../../secret.csv`, `/etc/...`, a symlink out of the folder) would
    // publish whatever it names. The folder, too, after symlinks.
    const std::filesystem::path folder = resolved(manifest.dir.empty() ? "." : manifest.dir);
    const std::string folder_display =
        manifest.dir.empty() ? "." : manifest.dir.lexically_normal().generic_string();
    for (const auto& spec : manifest.sources) {
        if (!find_reader(spec.format)) {
            std::string known;
            for (const auto& reader : reader_registry()) known += (known.empty() ? "" : ", ") + std::string(reader.format);
            sink.error(spec.where, "manifest-unknown-format",
                       "source '" + spec.id + "' has unknown format '" + spec.format + "' (known: " + known + ")");
            ok = false;
        }
        // A --source file is exempt: the user named it on the command line.
        if (!spec.added) {
            std::filesystem::path target = resolved(spec.path);
            if (!inside(target, folder)) {
                if (!manifest.allow_outside) {
                    sink.error(spec.where, "source-outside-manifest-folder",
                               "source '" + spec.id + "': '" + spec.display_path + "' leads to '" +
                                   target.generic_string() + "', outside the manifest's folder '" + folder_display +
                                   "'; move it there, or write allow_outside = true in the manifest");
                    ok = false;
                    continue;
                }
                sink.note(spec.where, "source-outside-allowed",
                          "source '" + spec.id + "': '" + spec.display_path +
                              "' is outside the manifest's folder, as allow_outside = true allows");
            }
        }
        // What the path names, without opening it (a device is never
        // opened); one that cannot be read is reported when it is read.
        text::InputKind kind = text::inspect_input(spec.path);
        if (kind.error == text::InputError::Missing) {
            sink.error(spec.where, "manifest-missing-file",
                       "source '" + spec.id + "': file '" + spec.display_path + "' does not exist");
            ok = false;
        } else if (kind.error == text::InputError::NotAFile) {
            sink.error(spec.where, "input-not-a-file",
                       "source '" + spec.id + "': '" + spec.display_path + "' " + kind.reason + "; it is not read");
            ok = false;
        }
    }
    return ok;
}

std::optional<SourceSpec> command_line_source(std::string_view argument, const Manifest& manifest,
                                              DiagnosticSink& sink) {
    SourceSpec spec;
    std::string_view file = argument;
    if (auto eq = argument.rfind('='); eq != std::string_view::npos) {
        file = argument.substr(0, eq);
        spec.format = std::string(argument.substr(eq + 1));
    }
    spec.file = std::string(file);
    spec.path = spec.file;
    spec.display_path = spec.path.lexically_normal().generic_string();
    spec.where = Location{"<command line>"};
    spec.added = true;
    if (spec.format.empty()) {
        auto ext = spec.path.extension().string();
        const ReaderInfo* reader = reader_for_extension(ext);
        if (!reader) {
            sink.error(Location{spec.display_path}, "source-unknown-format",
                       "cannot guess the format of '" + spec.display_path +
                           "' from its extension; write --source FILE=FORMAT");
            return std::nullopt;
        }
        spec.format = std::string(reader->format);
    }
    // An id from the file name, made unique against the manifest's ids.
    std::string base = spec.path.stem().string();
    std::string id = base;
    for (int n = 2;; ++n) {
        bool taken = false;
        for (const auto& s : manifest.sources) taken = taken || s.id == id || s.title == id;
        if (!taken) break;
        id = base + "-" + std::to_string(n);
    }
    spec.id = id;
    spec.title = id;
    spec.priority = 0;  // below every manifest source unless the manifest says otherwise
    return spec;
}

}  // namespace glossc
