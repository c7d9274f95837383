#include "json/json_backend.hpp"

#include <nlohmann/json.hpp>

#include "parallel/parallel.hpp"

namespace glossc::json_backend {

namespace {

// ordered_json keeps members in the order written here, which is the order
// the contract lists them in and the same on every build.
using Json = nlohmann::ordered_json;

// Trees are built by appending members and moving values in. Each concept's
// tree is dumped once and dropped, so how it is built is most of this
// backend's cost: ordered_json's initializer lists (and operator[]) look
// every key up among the members already there and copy nested values (a
// definition's whole tree, once per level), which was most of the time.
// Keys here are distinct by construction, so members go straight to the
// object's storage (ordered_map is a vector of key-value pairs).
void add_members(Json&) {}

template <typename Value, typename... Rest>
void add_members(Json& object, std::string_view key, Value&& value, Rest&&... rest) {
    object.get_ref<Json::object_t&>().emplace_back(key, std::forward<Value>(value));
    add_members(object, std::forward<Rest>(rest)...);
}

// An object of these members, in this order: object("id", c.id, "line", 3).
template <typename... Members>
Json object(Members&&... members) {
    Json out(Json::value_t::object);
    out.get_ref<Json::object_t&>().reserve(sizeof...(Members) / 2);
    add_members(out, std::forward<Members>(members)...);
    return out;
}

// An array of `items` mapped by `encode_item`.
template <typename Items, typename Encode>
Json array(const Items& items, Encode encode_item) {
    Json out = Json::array();
    out.get_ref<Json::array_t&>().reserve(items.size());
    for (const auto& item : items) out.push_back(encode_item(item));
    return out;
}

Json encode(const ir::RichText& text);

Json encode(const ir::Inline& node) {
    std::string_view type = ir::to_string(node.kind);
    switch (node.kind) {
        case ir::InlineKind::Text:
        case ir::InlineKind::Code: return object("type", type, "text", node.text);
        case ir::InlineKind::Math: return object("type", type, "tex", node.text);
        case ir::InlineKind::Link: return object("type", type, "url", node.target, "children", encode(node.children));
        case ir::InlineKind::Ref: return object("type", type, "concept", node.target, "children", encode(node.children));
        case ir::InlineKind::Emph:
        case ir::InlineKind::Strong: return object("type", type, "children", encode(node.children));
    }
    return object("type", type);
}

Json encode(const ir::RichText& text) {
    return array(text, [](const ir::Inline& node) { return encode(node); });
}

Json encode(const ir::Concept& c) {
    return object(
        "id", c.id, "headword", c.headword,
        "labels", array(c.labels, [](const ir::Label& l) {
            return object("text", l.text, "kind", ir::to_string(l.kind), "sources", l.sources);
        }),
        "categories", c.categories,
        "definitions", array(c.definitions, [](const ir::Definition& d) {
            return object("source", d.source, "line", d.line, "summary", encode(d.summary), "body", encode(d.body),
                          "details", encode(d.details), "example", encode(d.example), "flags", d.flags);
        }),
        "related", c.related,
        "references", array(c.references, [](const ir::Reference& r) {
            return object("title", r.title, "authors", r.authors, "venue", r.venue, "arxiv", r.arxiv, "url", r.url);
        }),
        "provenance", array(c.provenance, [](const ir::Provenance& p) {
            return object("source", p.source, "file", p.file, "key", p.key, "line", p.line);
        }),
        "extras", array(c.extras, [](const ir::Extra& e) {
            return object("source", e.source, "key", e.key, "value", e.value);
        }));
}

// ---- reading ----------------------------------------------------------------

[[noreturn]] void fail(const std::string& message) { throw BackendReadError("glossary.json: " + message); }

const Json& member(const Json& object, const char* name) {
    if (!object.is_object()) fail(std::string("expected an object holding '") + name + "'");
    auto it = object.find(name);
    if (it == object.end()) fail(std::string("missing member '") + name + "'");
    return *it;
}

std::string string_member(const Json& object, const char* name) {
    const Json& value = member(object, name);
    if (!value.is_string()) fail(std::string("'") + name + "' must be a string");
    return value.get<std::string>();
}

template <typename Int>
Int integer_member(const Json& object, const char* name) {
    const Json& value = member(object, name);
    if (!value.is_number_integer()) fail(std::string("'") + name + "' must be an integer");
    return value.get<Int>();
}

const Json& array_member(const Json& object, const char* name) {
    const Json& value = member(object, name);
    if (!value.is_array()) fail(std::string("'") + name + "' must be an array");
    return value;
}

std::vector<std::string> strings_member(const Json& object, const char* name) {
    std::vector<std::string> out;
    for (const auto& item : array_member(object, name)) {
        if (!item.is_string()) fail(std::string("'") + name + "' must hold strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

ir::RichText decode_rich_text(const Json& array);

ir::Inline decode_inline(const Json& node) {
    ir::Inline out;
    if (!ir::parse_inline_kind(string_member(node, "type"), out.kind)) fail("unknown inline type");
    switch (out.kind) {
        case ir::InlineKind::Text:
        case ir::InlineKind::Code: out.text = string_member(node, "text"); break;
        case ir::InlineKind::Math: out.text = string_member(node, "tex"); break;
        case ir::InlineKind::Link:
            out.target = string_member(node, "url");
            out.children = decode_rich_text(array_member(node, "children"));
            break;
        case ir::InlineKind::Ref:
            out.target = string_member(node, "concept");
            out.children = decode_rich_text(array_member(node, "children"));
            break;
        case ir::InlineKind::Emph:
        case ir::InlineKind::Strong: out.children = decode_rich_text(array_member(node, "children")); break;
    }
    return out;
}

ir::RichText decode_rich_text(const Json& array) {
    if (!array.is_array()) fail("rich text must be an array");
    ir::RichText out;
    for (const auto& node : array) out.push_back(decode_inline(node));
    return out;
}

ir::Concept decode_concept(const Json& c) {
    ir::Concept out;
    out.id = string_member(c, "id");
    out.headword = string_member(c, "headword");
    for (const auto& l : array_member(c, "labels")) {
        ir::Label label;
        label.text = string_member(l, "text");
        if (!ir::parse_label_kind(string_member(l, "kind"), label.kind)) fail("unknown label kind");
        label.sources = strings_member(l, "sources");
        out.labels.push_back(std::move(label));
    }
    out.categories = strings_member(c, "categories");
    for (const auto& d : array_member(c, "definitions")) {
        ir::Definition def;
        def.source = string_member(d, "source");
        def.line = integer_member<std::uint32_t>(d, "line");
        def.summary = decode_rich_text(member(d, "summary"));
        def.body = decode_rich_text(member(d, "body"));
        def.details = decode_rich_text(member(d, "details"));
        def.example = decode_rich_text(member(d, "example"));
        def.flags = strings_member(d, "flags");
        out.definitions.push_back(std::move(def));
    }
    out.related = strings_member(c, "related");
    for (const auto& r : array_member(c, "references"))
        out.references.push_back({string_member(r, "title"), string_member(r, "authors"), string_member(r, "venue"),
                                  string_member(r, "arxiv"), string_member(r, "url")});
    for (const auto& p : array_member(c, "provenance"))
        out.provenance.push_back({string_member(p, "source"), string_member(p, "file"), string_member(p, "key"),
                                  integer_member<std::uint32_t>(p, "line")});
    for (const auto& e : array_member(c, "extras"))
        out.extras.push_back({string_member(e, "source"), string_member(e, "key"), string_member(e, "value")});
    return out;
}

}  // namespace

void stream(const ir::Glossary& g, const RenderContext&, const ChunkSink& sink) {
    Json sources = Json::array();
    for (const auto& s : g.sources)
        sources.push_back(Json{{"id", s.id}, {"file", s.file}, {"format", s.format}, {"priority", s.priority},
                               {"entries", s.entries}});
    Json categories = Json::array();
    for (const auto& c : g.categories) categories.push_back(Json{{"id", c.id}, {"label", c.label}});
    Json diagnostics = Json::array();
    for (const auto& d : g.diagnostics)
        diagnostics.push_back(Json{{"severity", ir::to_string(d.severity)},
                                   {"file", d.file},
                                   {"line", d.line},
                                   {"column", d.column},
                                   {"code", d.code},
                                   {"message", d.message}});
    Json root{{"schema_version", kSchemaVersion},
              {"title", g.title},
              {"language", g.language},
              {"edition", g.edition},
              {"sources", sources},
              {"categories", categories},
              {"concepts", Json::array()},
              {"diagnostics", diagnostics}};
    // Invalid UTF-8 cannot reach here from the readers (they repair it); the
    // replace handler makes sure a stray byte can never abort a build.
    std::string out = root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    if (g.concepts.empty()) {
        sink(out);
        return;
    }
    // The concepts are dumped one by one (in parallel, a batch at a time) and
    // spliced into the empty array: the same bytes as dumping one tree
    // holding them all, without building that tree (it took several times
    // the memory of the glossary). Dumped strings hold no raw line breaks, so
    // indenting after each one is safe.
    const std::string empty = "\"concepts\": []";
    std::size_t at = out.find(empty);
    // Handed to the sink a few MiB at a time: the document can be GBs.
    constexpr std::size_t kFlushAt = 4 << 20;
    std::string document = out.substr(0, at) + "\"concepts\": [\n";
    constexpr std::size_t kBatch = 4096;
    std::vector<std::string> batch;
    for (std::size_t first = 0; first < g.concepts.size(); first += kBatch) {
        batch.assign(std::min(kBatch, g.concepts.size() - first), std::string());
        // Each concept is dumped on a thread of its own, indented to its
        // place in the array (two levels deep: what dump() does for the
        // array's items, through the serializer it uses); only the joining
        // is serial.
        parallel::for_each_index(batch.size(), [&](std::size_t k) {
            std::string& text = batch[k];
            text = "    ";
            nlohmann::detail::serializer<Json> serializer(nlohmann::detail::output_adapter<char, std::string>(text), ' ',
                                                          Json::error_handler_t::replace);
            serializer.dump(encode(g.concepts[first + k]), true, false, 2, 4);
        });
        for (std::size_t k = 0; k < batch.size(); ++k) {
            if (first + k > 0) document += ",\n";
            document += batch[k];
        }
        if (document.size() >= kFlushAt) {
            sink(document);
            document.clear();
        }
    }
    document += "\n  ]";
    document.append(out, at + empty.size());
    sink(document);
}

std::string write(const ir::Glossary& g, const RenderContext& context) {
    std::string document;
    stream(g, context, [&document](std::string_view piece) { document += piece; });
    return document;
}

ir::Glossary read(std::string_view bytes) {
    Json root;
    try {
        root = Json::parse(bytes.begin(), bytes.end());
    } catch (const Json::parse_error& error) {
        fail(error.what());
    }
    if (integer_member<int>(root, "schema_version") != kSchemaVersion) fail("unsupported schema_version");
    ir::Glossary g;
    g.title = string_member(root, "title");
    g.language = string_member(root, "language");
    g.edition = string_member(root, "edition");
    for (const auto& s : array_member(root, "sources"))
        g.sources.push_back({string_member(s, "id"), string_member(s, "file"), string_member(s, "format"),
                             integer_member<std::int64_t>(s, "priority"), integer_member<std::uint32_t>(s, "entries")});
    for (const auto& c : array_member(root, "categories"))
        g.categories.push_back({string_member(c, "id"), string_member(c, "label")});
    for (const auto& c : array_member(root, "concepts")) g.concepts.push_back(decode_concept(c));
    for (const auto& d : array_member(root, "diagnostics")) {
        ir::Diagnostic diagnostic;
        if (!ir::parse_severity(string_member(d, "severity"), diagnostic.severity)) fail("unknown severity");
        diagnostic.file = string_member(d, "file");
        diagnostic.line = integer_member<std::uint32_t>(d, "line");
        diagnostic.column = integer_member<std::uint32_t>(d, "column");
        diagnostic.code = string_member(d, "code");
        diagnostic.message = string_member(d, "message");
        g.diagnostics.push_back(std::move(diagnostic));
    }
    return g;
}

ir::Glossary project(const ir::Glossary& glossary) { return glossary; }

}  // namespace glossc::json_backend
