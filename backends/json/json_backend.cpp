#include "json/json_backend.hpp"

#include <charconv>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "parallel/parallel.hpp"
#include "text/json_scan.hpp"

namespace glossc::json_backend {

namespace {

// ordered_json keeps members in the order written here, which is the order
// the contract lists them in and the same on every build.
using Json = nlohmann::ordered_json;

// A concept is written straight into the document as nlohmann's pretty
// printer (indent 2) would write it, without building its tree: building
// and dumping a tree per concept was most of this backend's cost. Strings
// that nlohmann writes as they are (valid UTF-8 without quotes, backslashes
// or control characters: nearly all) are copied; any other string goes
// through nlohmann's serializer, so escapes and the replacement of invalid
// UTF-8 are its own. A test checks that the document is what nlohmann
// dumps when it parses it.
class PrettyWriter {
public:
    PrettyWriter(std::string& out, std::size_t indent) : out_(out), indent_(indent) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    // An object's member: its key, then its value.
    void key(std::string_view name) {
        next_item();
        quoted(name);
        out_ += ": ";
        after_key_ = true;
    }
    void value(std::string_view text) {
        next_item();
        quoted(text);
    }
    void value(std::uint64_t number) {
        next_item();
        char digits[24];
        out_.append(digits, static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, number).ptr - digits));
    }
    void value(const std::vector<std::string>& strings) {
        begin_array();
        for (const auto& s : strings) value(s);
        end_array();
    }

private:
    // A value's place: after "key: " it follows on the line; in an array it
    // starts a line of its own, after a comma from the item before.
    void next_item() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (levels_.empty()) return;
        out_ += levels_.back() ? ",\n" : "\n";
        levels_.back() = true;
        out_.append(indent_ + 2 * levels_.size(), ' ');
    }
    void open(char bracket) {
        next_item();
        out_ += bracket;
        levels_.push_back(false);
    }
    void close(char bracket) {
        bool had_items = levels_.back();
        levels_.pop_back();
        if (had_items) {
            out_ += '\n';
            out_.append(indent_ + 2 * levels_.size(), ' ');
        }
        out_ += bracket;
    }
    void quoted(std::string_view s) {
        if (text::dumps_verbatim(s)) {
            out_ += '"';
            out_ += s;
            out_ += '"';
            return;
        }
        nlohmann::detail::serializer<Json> serializer(nlohmann::detail::output_adapter<char, std::string>(out_), ' ',
                                                      Json::error_handler_t::replace);
        serializer.dump(Json(std::string(s)), false, false, 0);
    }

    std::string& out_;
    std::size_t indent_;            // of the outermost value
    std::vector<bool> levels_;      // per open container: whether it has an item yet
    bool after_key_ = false;        // a key was written; its value follows on the line
};

void write(PrettyWriter& w, const ir::RichText& text);

void write(PrettyWriter& w, const ir::Inline& node) {
    w.begin_object();
    w.key("type");
    w.value(ir::to_string(node.kind));
    switch (node.kind) {
        case ir::InlineKind::Text:
        case ir::InlineKind::Code:
            w.key("text");
            w.value(node.text);
            break;
        case ir::InlineKind::Math:
            w.key("tex");
            w.value(node.text);
            break;
        case ir::InlineKind::Link:
        case ir::InlineKind::Ref:
            w.key(node.kind == ir::InlineKind::Link ? "url" : "concept");
            w.value(node.target);
            [[fallthrough]];
        case ir::InlineKind::Emph:
        case ir::InlineKind::Strong:
            w.key("children");
            write(w, node.children);
            break;
    }
    w.end_object();
}

void write(PrettyWriter& w, const ir::RichText& text) {
    w.begin_array();
    for (const auto& node : text) write(w, node);
    w.end_array();
}

void write(PrettyWriter& w, const ir::Blocks& blocks);

// A block: {"type": kind, ...} with only the members its kind uses.
void write(PrettyWriter& w, const ir::Block& block) {
    w.begin_object();
    w.key("type");
    w.value(ir::to_string(block.kind));
    switch (block.kind) {
        case ir::BlockKind::Paragraph:
            w.key("content");
            write(w, block.text);
            break;
        case ir::BlockKind::OrderedList:
            w.key("start");
            w.value(std::uint64_t{block.start});
            [[fallthrough]];
        case ir::BlockKind::BulletList:
            w.key("items");
            w.begin_array();
            for (const auto& item : block.items) write(w, item);
            w.end_array();
            break;
        case ir::BlockKind::Code:
            w.key("language");
            w.value(block.language);
            w.key("text");
            w.value(block.literal);
            break;
        case ir::BlockKind::DisplayMath:
            w.key("tex");
            w.value(block.literal);
            break;
        case ir::BlockKind::Quote:
            w.key("blocks");
            write(w, block.items.empty() ? ir::Blocks() : block.items.front());
            break;
        case ir::BlockKind::Table:
            w.key("rows");
            w.begin_array();
            for (const auto& row : block.rows) {
                w.begin_array();
                for (const auto& cell : row) write(w, cell);
                w.end_array();
            }
            w.end_array();
            break;
    }
    w.end_object();
}

void write(PrettyWriter& w, const ir::Blocks& blocks) {
    w.begin_array();
    for (const auto& block : blocks) write(w, block);
    w.end_array();
}

// Members given as key, value, key, value...
void members(PrettyWriter&) {}
template <typename Value, typename... Rest>
void members(PrettyWriter& w, std::string_view key, const Value& value, Rest&&... rest) {
    w.key(key);
    if constexpr (std::is_same_v<Value, ir::RichText> || std::is_same_v<Value, ir::Blocks>) write(w, value);
    else if constexpr (std::is_unsigned_v<Value> && !std::is_same_v<Value, bool>) w.value(std::uint64_t{value});
    else w.value(value);
    members(w, std::forward<Rest>(rest)...);
}

// An array of objects, one per item, each of the members `item_members` writes.
template <typename Items, typename ItemMembers>
void objects(PrettyWriter& w, std::string_view key, const Items& items, ItemMembers item_members) {
    w.key(key);
    w.begin_array();
    for (const auto& item : items) {
        w.begin_object();
        item_members(item);
        w.end_object();
    }
    w.end_array();
}

void write(PrettyWriter& w, const ir::Concept& c) {
    w.begin_object();
    members(w, "id", c.id, "headword", c.headword);
    objects(w, "labels", c.labels, [&](const ir::Label& l) {
        members(w, "text", l.text, "kind", ir::to_string(l.kind), "sources", l.sources);
    });
    members(w, "categories", c.categories);
    objects(w, "definitions", c.definitions, [&](const ir::Definition& d) {
        members(w, "source", d.source, "line", d.line, "summary", d.summary, "body", d.body, "details", d.details,
                "example", d.example, "flags", d.flags);
    });
    members(w, "related", c.related);
    objects(w, "references", c.references, [&](const ir::Reference& r) {
        members(w, "title", r.title, "authors", r.authors, "venue", r.venue, "arxiv", r.arxiv, "url", r.url);
    });
    objects(w, "provenance", c.provenance, [&](const ir::Provenance& p) {
        members(w, "source", p.source, "file", p.file, "key", p.key, "line", p.line);
    });
    objects(w, "extras", c.extras, [&](const ir::Extra& e) {
        members(w, "source", e.source, "key", e.key, "value", e.value);
    });
    w.end_object();
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

ir::Blocks decode_blocks(const Json& array);

ir::Block decode_block(const Json& node) {
    ir::Block out;
    if (!ir::parse_block_kind(string_member(node, "type"), out.kind)) fail("unknown block type");
    switch (out.kind) {
        case ir::BlockKind::Paragraph: out.text = decode_rich_text(member(node, "content")); break;
        case ir::BlockKind::OrderedList: out.start = integer_member<std::uint32_t>(node, "start"); [[fallthrough]];
        case ir::BlockKind::BulletList:
            for (const auto& item : array_member(node, "items")) out.items.push_back(decode_blocks(item));
            break;
        case ir::BlockKind::Code:
            out.language = string_member(node, "language");
            out.literal = string_member(node, "text");
            break;
        case ir::BlockKind::DisplayMath: out.literal = string_member(node, "tex"); break;
        case ir::BlockKind::Quote: out.items.push_back(decode_blocks(member(node, "blocks"))); break;
        case ir::BlockKind::Table:
            for (const auto& row : array_member(node, "rows")) {
                if (!row.is_array()) fail("a table row must be an array");
                auto& cells = out.rows.emplace_back();
                for (const auto& cell : row) cells.push_back(decode_rich_text(cell));
            }
            break;
    }
    return out;
}

ir::Blocks decode_blocks(const Json& array) {
    if (!array.is_array()) fail("blocks must be an array");
    ir::Blocks out;
    for (const auto& node : array) out.push_back(decode_block(node));
    return out;
}

// A definition's long fields: blocks, or (schema 1) rich text as one paragraph.
ir::Blocks decode_field(const Json& value, int schema) {
    return schema == 1 ? ir::paragraphs(decode_rich_text(value)) : decode_blocks(value);
}

ir::Concept decode_concept(const Json& c, int schema) {
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
        def.body = decode_field(member(d, "body"), schema);
        def.details = decode_field(member(d, "details"), schema);
        def.example = decode_field(member(d, "example"), schema);
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

void stream(const ir::Glossary& g, const RenderContext&, BackendOutput& output) {
    Json sources = Json::array();
    for (const auto& s : g.sources) {
        sources.push_back(Json{{"id", s.id}, {"file", s.file}, {"format", s.format}, {"priority", s.priority},
                               {"entries", s.entries}, {"title", s.title}});
        if (!s.url.empty()) sources.back()["url"] = s.url;
    }
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
        output.write(out);
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
        // Each concept is written on a thread of its own, indented to its
        // place in the array (two levels deep); only the joining is serial.
        parallel::for_each_index(batch.size(), [&](std::size_t k) {
            std::string& text = batch[k];
            text = "    ";
            PrettyWriter writer(text, 4);
            write(writer, g.concepts[first + k]);
        });
        for (std::size_t k = 0; k < batch.size(); ++k) {
            if (first + k > 0) document += ",\n";
            document += batch[k];
        }
        if (document.size() >= kFlushAt) {
            output.write(document);
            document.clear();
        }
    }
    document += "\n  ]";
    document.append(out, at + empty.size());
    output.write(document);
}

ir::Glossary read(std::string_view bytes) {
    Json root;
    try {
        root = Json::parse(bytes.begin(), bytes.end());
    } catch (const Json::parse_error& error) {
        fail(error.what());
    }
    int schema = integer_member<int>(root, "schema_version");
    if (schema != kSchemaVersion && schema != 1) fail("unsupported schema_version");
    ir::Glossary g;
    g.title = string_member(root, "title");
    g.language = string_member(root, "language");
    g.edition = string_member(root, "edition");
    for (const auto& s : array_member(root, "sources")) {
        std::string id = string_member(s, "id");
        // Files written before sources had titles: the id was all readers saw.
        std::string title = s.contains("title") ? string_member(s, "title") : id;
        g.sources.push_back({std::move(id), string_member(s, "file"), string_member(s, "format"),
                             integer_member<std::int64_t>(s, "priority"), integer_member<std::uint32_t>(s, "entries"),
                             std::move(title), s.contains("url") ? string_member(s, "url") : std::string()});
    }
    for (const auto& c : array_member(root, "categories"))
        g.categories.push_back({string_member(c, "id"), string_member(c, "label")});
    for (const auto& c : array_member(root, "concepts")) g.concepts.push_back(decode_concept(c, schema));
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
