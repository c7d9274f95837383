// Reader for JSON glossaries of any field names (format "json", .json):
//
//   [{"term": "KV cache", "aliases": ["key-value cache"], "definition": "…"}, …]
//   {"kv-cache": {"name": "KV cache", "desc": "…"}, …}          (id -> entry)
//   {"KV cache": "Stores the keys and values …", …}              (term -> definition)
//   {"title": "…", "entries": [ … ]}                             (entries under a member)
//
// The entries are the top-level array, or the members of the top-level
// object; when that object also holds other things (a title, a version), the
// entries are its "entries", "terms", "glossary", "items" or "data" member,
// and the rest is reported as not read. The option `entries` (a JSON
// pointer, "/data/terms") names the place instead.
//
// Fields are matched by name (fields.hpp: term/name/title, definition/
// description, aliases, category, example, related, url, …);
// `[source.options.fields]` maps others (`definition = "desc"`). A field's
// value may be a string, a number, or a list (aliases, categories, related,
// examples, references); a reference may be an object {title, authors,
// venue, arxiv, url}. Fields no entry field takes are kept as extras. In an
// id -> entry object the id is the entry's key, and its term when it has no
// term field. Each entry's line is found by scanning the text (nlohmann::json
// keeps no positions): the line of its "{" in an array, of its key in an
// object. A key that appears twice is reported (the parser keeps the last).
//
// Options ([source.options] in the manifest):
//   fields    [source.options.fields] field = "their name" (or a list).
//   entries   a JSON pointer to the array or object holding the entries.
//   markup    "markdown", "html" or "text": how prose strings are marked up
//             (markup.hpp). Default: sniffed from them, said in a note.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "readers/fields.hpp"
#include "readers/generic.hpp"
#include "readers/options.hpp"
#include "readers/readers.hpp"
#include "text/json_scan.hpp"
#include "text/line_index.hpp"
#include "text/lines.hpp"
#include "text/utf8.hpp"

namespace glossc::readers {

namespace {

using json = nlohmann::ordered_json;

// ---- Positions -----------------------------------------------------------------------
//
// A scanner over text nlohmann::json has already accepted: it walks to the
// container of the entries and lists where each of its members (or
// elements) starts.

class PositionScanner {
public:
    struct Member {
        std::string key;  // empty for array elements
        std::size_t offset = 0;
    };

    explicit PositionScanner(std::string_view document) : s_(document) {
        if (text::starts_with(s_, "\xEF\xBB\xBF")) pos_ = 3;
    }

    // Members of the value at `path` (object keys or array indices).
    std::vector<Member> members_at(const std::vector<std::string>& path) {
        skip_space();
        for (const auto& token : path) {
            if (!enter(token)) return {};
        }
        return list_members();
    }

private:
    void skip_space() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    std::string read_string() {  // at '"'; returns the decoded string
        std::size_t start = pos_++;
        while (pos_ < s_.size() && s_[pos_] != '"') pos_ += s_[pos_] == '\\' ? 2 : 1;
        ++pos_;
        try {
            return json::parse(s_.substr(start, pos_ - start)).get<std::string>();
        } catch (const json::exception&) {
            return {};
        }
    }
    void skip_value() {
        skip_space();
        if (pos_ >= s_.size()) return;
        char c = s_[pos_];
        if (c == '"') {
            read_string();
        } else if (c == '{' || c == '[') {
            int depth = 0;
            while (pos_ < s_.size()) {
                char d = s_[pos_];
                if (d == '"') {
                    read_string();
                    continue;
                }
                if (d == '{' || d == '[') ++depth;
                if (d == '}' || d == ']') --depth;
                ++pos_;
                if (depth == 0) return;
            }
        } else {
            while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ']' &&
                   !std::isspace(static_cast<unsigned char>(s_[pos_])))
                ++pos_;
        }
    }
    // Moves into member `token` of the current object (or element of the array).
    bool enter(const std::string& token) {
        for (const auto& member : list_members_keep()) {
            bool match = member.key.empty() ? std::to_string(member.index) == token : member.key == token;
            if (!match) continue;
            pos_ = member.value_offset;
            skip_space();
            return true;
        }
        return false;
    }
    struct Position {
        std::string key;
        std::size_t index = 0;
        std::size_t offset = 0;
        std::size_t value_offset = 0;
    };
    std::vector<Position> list_members_keep() {
        std::size_t start = pos_;
        std::vector<Position> out;
        skip_space();
        if (pos_ >= s_.size() || (s_[pos_] != '{' && s_[pos_] != '[')) return out;
        bool object = s_[pos_] == '{';
        ++pos_;
        for (std::size_t index = 0;; ++index) {
            skip_space();
            if (pos_ >= s_.size() || s_[pos_] == '}' || s_[pos_] == ']') break;
            Position p;
            p.index = index;
            p.offset = pos_;
            if (object) {
                p.key = read_string();
                skip_space();
                ++pos_;  // ':'
                skip_space();
            }
            p.value_offset = pos_;
            skip_value();
            out.push_back(std::move(p));
            skip_space();
            if (pos_ < s_.size() && s_[pos_] == ',') ++pos_;
        }
        pos_ = start;
        return out;
    }
    std::vector<Member> list_members() {
        std::vector<Member> out;
        for (auto& p : list_members_keep()) out.push_back({std::move(p.key), p.offset});
        return out;
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

// ---- Values -------------------------------------------------------------------------------

std::string string_of(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return {};
    return value.dump();
}

std::string first_string(const json& object, std::initializer_list<const char*> names) {
    for (const char* name : names)
        if (auto it = object.find(name); it != object.end() && !it->is_null()) {
            if (it->is_array()) {
                std::string out;
                for (const auto& item : *it) out += (out.empty() ? "" : ", ") + string_of(item);
                return out;
            }
            return string_of(*it);
        }
    return {};
}

ir::Reference reference_object(const json& object) {
    ir::Reference ref;
    ref.title = first_string(object, {"title", "name", "label", "text"});
    ref.authors = first_string(object, {"authors", "author"});
    ref.venue = first_string(object, {"venue", "journal", "booktitle", "publisher"});
    ref.arxiv = first_string(object, {"arxiv", "arxiv_id", "arXiv"});
    ref.url = first_string(object, {"url", "href", "link", "uri"});
    return ref;
}

// Every prose value of the entries in `container` (the strings of a term ->
// definition object too), for the source's markup to be sniffed from.
void look_at_prose(const json& container, const generic::FieldMap& fields, generic::FieldMarkup& markup) {
    auto look = [&](const json& value) {
        if (value.is_string()) markup.look(value.get_ref<const std::string&>());
    };
    for (const auto& entry : container) {
        if (container.is_object()) look(entry);
        if (!entry.is_object()) continue;
        std::vector<std::string> names;
        for (const auto& [name, value] : entry.items()) names.push_back(name);
        auto assigned = fields.assign(names);
        std::size_t i = 0;
        for (const auto& [name, value] : entry.items()) {
            std::optional<generic::Field> field = assigned[i++];
            if (!field || !generic::is_prose(*field)) continue;
            look(value);
            if (value.is_array())
                for (const auto& item : value) look(item);
        }
    }
}

class JsonReader {
public:
    JsonReader(const SourceSpec& spec, DiagnosticSink& sink, generic::FieldMap fields,
               const generic::FieldMarkup& markup)
        : spec_(spec), sink_(sink), fields_(std::move(fields)), markup_(markup) {}

    // One entry object; `id` is its member name in an id -> entry object.
    generic::Draft entry(const json& object, std::uint32_t line, const std::string& id, const std::string& where) {
        line_ = line;
        std::vector<std::string> names;
        for (const auto& [name, value] : object.items()) names.push_back(name);
        auto fields = fields_.assign(names);
        generic::RecordBuilder builder(line, markup_);
        std::string context;
        std::size_t i = 0;
        for (const auto& [name, value] : object.items()) {
            std::optional<generic::Field> field = fields[i++];
            if (value.is_string()) context += value.get<std::string>() + " ";
            if (!field) {
                if (extra_fields_.insert(name).second)
                    sink_.note(location(spec_, line), "json-extra-field",
                               "field '" + name +
                                   "' is no entry field; its values are kept as extras (map it in [source.options.fields])");
                if (!value.is_null()) builder.add_extra(name, string_of(value));
                continue;
            }
            add_value(builder, *field, name, value, where);
        }
        generic::Draft draft = builder.take();
        draft.context = context;
        draft.layout = "objects";
        if (!id.empty()) {
            if (!draft.key.empty() && draft.key != id) draft.extras.push_back({{}, "id", draft.key});
            draft.key = id;
            if (text::trim(draft.printed).empty()) draft.printed = id;
        }
        return draft;
    }

    // A member "term": "definition".
    generic::Draft definition(const std::string& term, const std::string& text, std::uint32_t line) const {
        generic::RecordBuilder builder(line, markup_);
        builder.add(generic::Field::Term, term);
        builder.add(generic::Field::Definition, text);
        generic::Draft draft = builder.take();
        draft.layout = "term -> definition members";
        return draft;
    }

private:
    void add_value(generic::RecordBuilder& builder, generic::Field field, const std::string& name, const json& value,
                   const std::string& where) {
        using generic::Field;
        if (value.is_null()) return;
        if (value.is_array()) {
            bool first = true;
            for (const auto& item : value) {
                if (item.is_object()) {
                    add_object(builder, field, name, item, where);
                } else if (field == Field::Term && !first) {
                    builder.add(Field::Aliases, string_of(item));  // ["KV cache", "key-value cache"]
                } else {
                    builder.add(field, string_of(item));
                }
                first = false;
            }
            return;
        }
        if (value.is_object()) {
            add_object(builder, field, name, value, where);
            return;
        }
        builder.add(field, string_of(value));
    }

    void add_object(generic::RecordBuilder& builder, generic::Field field, const std::string& name, const json& value,
                    const std::string& where) {
        if (field == generic::Field::Reference || field == generic::Field::Url) {
            builder.add_reference(reference_object(value));
            return;
        }
        sink_.warning(location(spec_, line_), "json-nested-value",
                      where + ": field '" + name + "' holds an object where text was expected; kept as an extra");
        builder.add_extra(name, value.dump());
    }

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    generic::FieldMap fields_;
    const generic::FieldMarkup& markup_;
    std::set<std::string> extra_fields_;
    std::uint32_t line_ = 0;  // of the entry being read
};

bool entry_like(const json& value) { return value.is_object() || value.is_string(); }

}  // namespace

ReaderResult read_mapped_json(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    ReaderResult result;
    ReaderOptions options(spec, sink, {"fields", "entries", "markup"});
    std::string pointer_text = options.string("entries", "");
    generic::FieldMap fields(spec, sink, "fields");
    Location option_where = spec.where.file.empty() ? location(spec, 0) : spec.where;
    std::optional<json::json_pointer> pointer;
    if (!pointer_text.empty()) {
        try {
            pointer = json::json_pointer(pointer_text);
        } catch (const json::exception&) {
            sink.error(option_where, "reader-bad-option",
                       "source '" + spec.id + "': option 'entries': '" + pointer_text +
                           "' is not a JSON pointer (\"/glossary/terms\")");
            return result;
        }
    }
    bool markup_ok = true;
    std::optional<generic::Markup> markup_given = generic::markup_option(spec, options, sink, markup_ok);
    if (!options.ok() || !fields.ok() || !markup_ok) return result;

    if (!text::check_json_structure(document, spec.display_path, sink)) return result;
    json root;
    try {
        root = json::parse(document.begin(), document.end(), nullptr, true, false);
    } catch (const json::exception& error) {
        text::report_json_error(error, document, spec.display_path, sink);
        return result;
    }

    // Where the entries are.
    const json* container = &root;
    std::vector<std::string> path;
    if (pointer) {
        if (!root.contains(*pointer)) {
            sink.error(option_where, "json-entries-not-found",
                       "source '" + spec.id + "': option 'entries': nothing at '" + pointer_text + "'");
            return result;
        }
        container = &root.at(*pointer);
        for (auto p = *pointer; !p.empty(); p.pop_back()) path.insert(path.begin(), p.back());
    } else if (root.is_object() && !std::all_of(root.begin(), root.end(), entry_like)) {
        for (const char* name : {"entries", "terms", "glossary", "items", "data"}) {
            auto it = root.find(name);
            if (it == root.end() || (!it->is_array() && !it->is_object())) continue;
            container = &*it;
            path = {name};
            break;
        }
    }
    PositionScanner scanner(document);
    text::LineIndex line_index(document);
    auto line_at = [&](std::size_t offset) { return line_index.line_of(offset); };
    if (container != &root) {
        for (const auto& member : scanner.members_at({}))
            if (member.key != path.front())
                sink.note(location(spec, line_at(member.offset)), "json-not-read",
                          "member '" + member.key + "' holds no entries; it is not read");
    }
    auto positions = scanner.members_at(path);
    generic::FieldMarkup markup;
    if (container->is_array() || container->is_object()) look_at_prose(*container, fields, markup);
    markup.settle(spec, markup_given, sink);
    JsonReader reader(spec, sink, std::move(fields), markup);
    std::vector<generic::Draft> drafts;

    if (container->is_array()) {
        std::size_t index = 0;
        for (const auto& element : *container) {
            std::uint32_t line = index < positions.size() ? line_at(positions[index].offset) : 0;
            std::string where = "entry " + std::to_string(index + 1);
            ++index;
            if (!element.is_object()) {
                sink.error(location(spec, line), "json-bad-entry",
                           where + " is not an entry object (it is a " + std::string(element.type_name()) + "); it is skipped");
                continue;
            }
            drafts.push_back(reader.entry(element, line, "", where));
        }
    } else if (container->is_object()) {
        std::map<std::string, std::vector<std::uint32_t>> lines_of_key;
        for (const auto& member : positions) lines_of_key[member.key].push_back(line_at(member.offset));
        // Keys given twice were reported by check_json_structure.
        for (const auto& [key, value] : container->items()) {
            auto found = lines_of_key.find(key);
            std::uint32_t line = found != lines_of_key.end() ? found->second.front() : 0;
            std::string where = "entry '" + key + "'";
            if (value.is_string()) {
                drafts.push_back(reader.definition(key, value.get<std::string>(), line));
                continue;
            }
            if (!value.is_object()) {
                sink.error(location(spec, line), "json-bad-entry",
                           where + " is neither an entry object nor a definition (it is a " +
                               std::string(value.type_name()) + "); it is skipped");
                continue;
            }
            drafts.push_back(reader.entry(value, line, key, where));
        }
    } else {
        sink.error(location(spec, 1), "json-shape",
                   "expected an array of entry objects or an object of id -> entry, found " +
                       std::string(container->type_name()));
        return result;
    }
    generic::add_entries(spec, std::move(drafts), result, sink);
    if (result.entries.empty()) sink.warning(location(spec, 0), "no-entries", "the file holds no entries");
    return result;
}

}  // namespace glossc::readers
