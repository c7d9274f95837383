// The Anki reader: reads back what anki_writer.cpp writes (and nothing
// else): zip -> in-memory SQLite -> fields' HTML, parsed strictly.
#include <algorithm>
#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

#include "anki/anki_backend.hpp"
#include "anki/anki_format.hpp"
#include "anki/anki_prompt.hpp"
#include "common/zip_archive.hpp"

namespace glossc::anki_backend {

namespace {

using format::Database;
using format::Statement;

[[noreturn]] void fail(const std::string& message) { throw BackendReadError("glossary.apkg: " + message); }

// ---- A strict parser of the HTML the writer produces ------------------------------------

struct Node {
    bool element = false;
    std::string name;  // element name; empty for text
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text;  // text nodes: the decoded text ("<br>" is a line feed)
    std::vector<Node> children;

    const std::string* attribute(std::string_view key) const {
        for (const auto& [k, v] : attributes)
            if (k == key) return &v;
        return nullptr;
    }
    bool is(std::string_view element_name, std::string_view css_class = {}) const {
        if (!element || name != element_name) return false;
        const std::string* c = attribute("class");
        return css_class.empty() ? c == nullptr : c && *c == css_class;
    }
    std::string required(std::string_view key) const {
        const std::string* value = attribute(key);
        if (!value) fail("<" + name + "> lacks " + std::string(key));
        return *value;
    }
};

class HtmlParser {
public:
    explicit HtmlParser(std::string_view html) : html_(html) {}

    std::vector<Node> parse() {
        Node root;
        root.element = true;
        parse_children(root);
        if (pos_ != html_.size()) fail("unexpected end tag in a field");
        return std::move(root.children);
    }

private:
    void parse_children(Node& parent) {
        std::string text;
        auto flush = [&] {
            if (text.empty()) return;
            Node node;
            node.text = std::move(text);
            parent.children.push_back(std::move(node));
            text.clear();
        };
        while (pos_ < html_.size()) {
            char c = html_[pos_];
            if (c == '<') {
                if (html_.substr(pos_).starts_with("</")) break;
                if (html_.substr(pos_).starts_with("<br>")) {
                    text += '\n';
                    pos_ += 4;
                    continue;
                }
                flush();
                parent.children.push_back(parse_element());
            } else if (c == '&') {
                text += entity();
            } else if (c == '>' || c == '[' || c == '\x1f') {
                fail("unescaped markup character in a field");
            } else {
                text += c;
                ++pos_;
            }
        }
        flush();
    }

    std::string name() {
        std::size_t start = pos_;
        while (pos_ < html_.size() && ((html_[pos_] >= 'a' && html_[pos_] <= 'z') || html_[pos_] == '-' ||
                                       (html_[pos_] >= '0' && html_[pos_] <= '9')))
            ++pos_;
        if (pos_ == start) fail("malformed tag in a field");
        return std::string(html_.substr(start, pos_ - start));
    }

    void expect(std::string_view what) {
        if (!html_.substr(pos_).starts_with(what)) fail("malformed HTML in a field: expected " + std::string(what));
        pos_ += what.size();
    }

    Node parse_element() {
        Node node;
        node.element = true;
        expect("<");
        node.name = name();
        while (pos_ < html_.size() && html_[pos_] == ' ') {
            ++pos_;
            std::string key = name();
            expect("=\"");
            std::string value;
            while (pos_ < html_.size() && html_[pos_] != '"') {
                char c = html_[pos_];
                if (c == '<' || c == '>' || c == '[' || c == '\x1f') fail("unescaped character in an attribute");
                if (c == '&') {
                    value += entity();
                } else {
                    value += c;
                    ++pos_;
                }
            }
            expect("\"");
            node.attributes.emplace_back(std::move(key), std::move(value));
        }
        expect(">");
        parse_children(node);
        expect("</" + node.name + ">");
        return node;
    }

    // &amp; &lt; &gt; &quot; and decimal references.
    std::string entity() {
        std::size_t end = html_.find(';', pos_);
        if (end == std::string_view::npos || end - pos_ > 10) fail("malformed entity in a field");
        std::string_view name = html_.substr(pos_ + 1, end - pos_ - 1);
        pos_ = end + 1;
        if (name == "amp") return "&";
        if (name == "lt") return "<";
        if (name == "gt") return ">";
        if (name == "quot") return "\"";
        if (name.size() < 2 || name[0] != '#') fail("unknown entity in a field");
        std::uint32_t cp = 0;
        for (char c : name.substr(1)) {
            if (c < '0' || c > '9') fail("malformed character reference in a field");
            cp = cp * 10 + static_cast<std::uint32_t>(c - '0');
        }
        if (cp == 0 || cp >= 0x80) fail("unexpected character reference in a field");
        return std::string(1, static_cast<char>(cp));
    }

    std::string_view html_;
    std::size_t pos_ = 0;
};

std::vector<Node> parse_html(std::string_view html) { return HtmlParser(html).parse(); }

// The text of an element holding only text.
std::string text_only(const Node& node) {
    std::string out;
    for (const auto& child : node.children) {
        if (child.element) fail("unexpected <" + child.name + "> inside <" + node.name + ">");
        out += child.text;
    }
    return out;
}

// Prose: text, possibly inside the no-MathJax wrapper.
std::string read_text(const std::vector<Node>& nodes) {
    std::string out;
    for (const auto& node : nodes) {
        if (!node.element)
            out += node.text;
        else if (node.is("span", format::kNoMathClass))
            out += text_only(node);
        else
            fail("unexpected <" + node.name + "> in text");
    }
    return out;
}

void append_text(ir::RichText& out, std::string text) {
    if (!out.empty() && out.back().kind == ir::InlineKind::Text)
        out.back().text += text;
    else
        out.push_back(ir::text(std::move(text)));
}

ir::RichText read_rich(const std::vector<Node>& nodes) {
    ir::RichText out;
    for (const auto& node : nodes) {
        if (!node.element) {
            append_text(out, node.text);
        } else if (node.is("span", format::kNoMathClass)) {
            append_text(out, text_only(node));
        } else if (node.is("span", "math")) {
            std::string tex = text_only(node);
            if (tex.size() < 4 || !tex.starts_with("\\(") || !tex.ends_with("\\)")) fail("math without \\( \\)");
            out.push_back(ir::math(tex.substr(2, tex.size() - 4)));
        } else if (node.is("code")) {
            out.push_back(ir::code(text_only(node)));
        } else if (node.is("em")) {
            out.push_back(ir::emph(read_rich(node.children)));
        } else if (node.is("strong")) {
            out.push_back(ir::strong(read_rich(node.children)));
        } else if (node.is("a")) {
            const std::string* url = node.attribute("href");
            if (!url) url = node.attribute("data-url");
            if (!url) fail("link without a URL");
            out.push_back(ir::link(*url, read_rich(node.children)));
        } else if (node.is("span", "ref")) {
            out.push_back(ir::ref(node.required("data-concept"), read_rich(node.children)));
        } else {
            fail("unexpected <" + node.name + "> in rich text");
        }
    }
    return out;
}

// ---- Blocks (text/html_render.hpp; no white space between them) -----------------------

bool is_block(const Node& node) {
    if (!node.element) return false;
    for (std::string_view tag : {"p", "ul", "ol", "pre", "blockquote", "table"})
        if (node.name == tag) return true;
    return node.is("div", "math");
}

ir::Blocks read_blocks(const std::vector<Node>& nodes);

// What text::append_flow_html writes: blocks when there is a block element,
// else one paragraph (`paragraph` makes it: a list item always has one, a
// field none when it is empty).
template <typename Paragraph>
ir::Blocks read_flow(const std::vector<Node>& nodes, Paragraph paragraph) {
    if (std::any_of(nodes.begin(), nodes.end(), is_block)) return read_blocks(nodes);
    return paragraph(read_rich(nodes));
}

ir::Blocks read_item(const std::vector<Node>& nodes) {
    return read_flow(nodes, [](ir::RichText text) { return ir::Blocks{ir::paragraph(std::move(text))}; });
}

ir::Blocks read_field(const std::vector<Node>& nodes) {
    return read_flow(nodes, [](ir::RichText text) { return ir::paragraphs(std::move(text)); });
}

std::uint32_t list_start(const Node& list) {
    const std::string* start = list.attribute("start");
    if (!start) return 1;
    if (start->empty() || start->size() > 9 || (*start)[0] == '0') fail("bad list start");
    std::uint32_t value = 0;
    for (char c : *start) {
        if (c < '0' || c > '9') fail("bad list start");
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return value;
}

// The elements of a table part (<thead>, <tbody>) or row.
const std::vector<Node>& parts(const Node& node, std::string_view name) {
    if (!node.is(name)) fail("malformed table");
    return node.children;
}

ir::Block read_block(const Node& node) {
    if (node.is("p")) return ir::paragraph(read_rich(node.children));
    if (node.is("ul") || node.is("ol")) {
        std::vector<ir::Blocks> items;
        for (const auto& item : node.children) items.push_back(read_item(parts(item, "li")));
        if (items.empty()) fail("an empty list");
        return node.name == "ul" ? ir::bullet_list(std::move(items)) : ir::ordered_list(std::move(items), list_start(node));
    }
    if (node.is("pre")) {
        if (node.children.size() != 1 || !node.children[0].element || node.children[0].name != "code")
            fail("a <pre> without its <code>");
        const Node& code = node.children[0];
        std::string language;
        if (const std::string* css = code.attribute("class")) {
            if (!css->starts_with("language-") || css->size() == 9) fail("unexpected class of a code block");
            language = css->substr(9);
        }
        return ir::code_block(text_only(code), std::move(language));
    }
    if (node.is("div", "math")) {
        std::string tex = text_only(node);
        if (tex.size() < 4 || !tex.starts_with("\\[") || !tex.ends_with("\\]")) fail("display math without \\[ \\]");
        return ir::display_math(tex.substr(2, tex.size() - 4));
    }
    if (node.is("blockquote")) return ir::quote(read_blocks(node.children));
    if (node.is("table")) {
        std::vector<std::vector<ir::RichText>> rows;
        for (std::size_t part = 0; part < node.children.size(); ++part) {
            std::string_view group = part == 0 ? "thead" : "tbody", cell = part == 0 ? "th" : "td";
            if (part > 1) fail("malformed table");
            for (const auto& row : parts(node.children[part], group)) {
                auto& cells = rows.emplace_back();
                for (const auto& item : parts(row, "tr")) cells.push_back(read_rich(parts(item, cell)));
            }
        }
        return ir::table(std::move(rows));
    }
    fail(node.element ? "unexpected <" + node.name + "> among blocks" : "text among blocks");
}

ir::Blocks read_blocks(const std::vector<Node>& nodes) {
    ir::Blocks out;
    for (const auto& node : nodes) out.push_back(read_block(node));
    return out;
}

std::size_t list_number(const Node& node, const char* attribute, std::size_t count, std::size_t after) {
    std::string n = node.required(attribute);
    std::size_t value = 0;
    if (n.empty() || n.size() > 6 || n[0] == '0') fail("bad definition number");
    for (char c : n) {
        if (c < '0' || c > '9') fail("bad definition number");
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    if (value > count || value <= after) fail("definition number out of order or range");
    return value;
}

struct ReadNote {
    ir::Concept concept_;
    std::vector<ir::Category> categories;
};

// Sources first: one item per definition, so it says how many there are.
void read_sources(const std::string& field, ir::Concept& c) {
    auto nodes = parse_html(field);
    std::size_t at = 0;
    if (at < nodes.size() && (nodes[at].is("ol", "sources") || nodes[at].is("ol", "sources single"))) {
        const auto& items = nodes[at].children;
        if (items.empty() || nodes[at].is("ol", "sources single") != (items.size() == 1)) fail("malformed Sources");
        for (const auto& item : items) {
            if (!item.is("li", "source") || item.children.empty() || !item.children[0].is("span", "source-title"))
                fail("malformed source");
            ir::Definition d;
            d.source = read_text(item.children[0].children);
            for (std::size_t k = 1; k < item.children.size(); ++k) {
                if (!item.children[k].is("span", "flag")) fail("malformed source flag");
                d.flags.push_back(read_text(item.children[k].children));
            }
            c.definitions.push_back(std::move(d));
        }
        ++at;
    }
    if (at < nodes.size() && nodes[at].is("ul", "references")) {
        for (const auto& item : nodes[at].children) {
            if (!item.is("li", "reference")) fail("malformed reference");
            static constexpr std::string_view kParts[] = {"title", "authors", "venue", "arxiv", "url"};
            ir::Reference r;
            std::string* slots[] = {&r.title, &r.authors, &r.venue, &r.arxiv, &r.url};
            std::size_t part = 0;
            for (const auto& node : item.children) {
                std::size_t index = part;
                while (index < std::size(kParts) &&
                       !(node.is("span", kParts[index]) || (index >= 3 && node.is("a", kParts[index]))))
                    ++index;
                if (index == std::size(kParts)) fail("malformed reference");
                std::string value = read_text(node.children);
                if (value.empty()) fail("empty reference part");
                *slots[index] = std::move(value);
                part = index + 1;
            }
            c.references.push_back(std::move(r));
        }
        ++at;
    }
    if (at != nodes.size()) fail("unexpected content in Sources");
}

// After the headword and labels (the prompt masks them) and the Sources.
void read_definitions(const std::string& field, ir::Concept& c) {
    auto nodes = parse_html(field);
    std::size_t at = 0;
    const std::size_t count = c.definitions.size();
    // The reverse card's prompt is made from what follows (anki_prompt.hpp):
    // only checked to be rich text, and to be there exactly when the writer
    // makes one.
    const bool prompted = at < nodes.size() && nodes[at].is("div", "reverse-prompt");
    if (prompted) {
        if (read_rich(nodes[at].children).empty()) fail("empty reverse prompt");
        ++at;
    }
    if (at < nodes.size() && (nodes[at].is("ol", "definitions") || nodes[at].is("ol", "definitions single"))) {
        if (nodes[at].children.empty() || nodes[at].is("ol", "definitions single") != (count == 1))
            fail("malformed Definition");
        std::size_t last = 0;
        for (const auto& item : nodes[at].children) {
            if (!item.is("li", "definition") || item.children.size() != 2 || !item.children[0].is("div", "summary") ||
                !item.children[1].is("div", "body"))
                fail("malformed definition");
            last = list_number(item, "value", count, last);
            ir::Definition& d = c.definitions[last - 1];
            d.summary = read_rich(item.children[0].children);
            d.body = read_field(item.children[1].children);
            if (d.summary.empty() && d.body.empty()) fail("a listed definition with nothing in it");
        }
        ++at;
    }
    if (at < nodes.size() && nodes[at].is("div", "see-also")) {
        const auto& items = nodes[at].children;
        for (std::size_t i = 0; i < items.size(); i += 2) {
            std::string_view separator = i == 0 ? format::kSeeAlsoLead : format::kSeeAlsoSeparator;
            if (items[i].element || items[i].text != separator || i + 1 >= items.size() ||
                !items[i + 1].is("span", "ref"))
                fail("malformed See also");
            c.related.push_back(items[i + 1].required("data-concept"));
            read_text(items[i + 1].children);
        }
        if (c.related.empty()) fail("empty See also");
        ++at;
    }
    if (at != nodes.size()) fail("unexpected content in Definition");
    if (prompted == reverse_prompt(c).empty()) fail("a reverse prompt where none belongs, or none where one does");
}

ReadNote read_note(const std::vector<std::string>& fields) {
    ReadNote out;
    ir::Concept& c = out.concept_;
    c.headword = read_text(parse_html(fields[0]));

    for (const auto& node : parse_html(fields[1])) {
        if (!node.is("span", "alias")) fail("unexpected content in Aliases");
        ir::Label label;
        if (!ir::parse_label_kind(node.required("data-kind"), label.kind)) fail("unknown alias kind");
        label.text = read_text(node.children);
        c.labels.push_back(std::move(label));
    }

    read_sources(fields[6], c);
    read_definitions(fields[2], c);

    for (std::size_t f : {std::size_t{3}, std::size_t{4}}) {
        std::string_view css = f == 3 ? "details" : "example";
        std::size_t last = 0;
        for (const auto& node : parse_html(fields[f])) {
            if (!node.is("div", css)) fail("unexpected content in " + std::string(kFieldNames[f]));
            last = list_number(node, "data-def", c.definitions.size(), last);
            ir::Definition& d = c.definitions[last - 1];
            (f == 3 ? d.details : d.example) = read_field(node.children);
        }
    }

    for (const auto& node : parse_html(fields[5])) {
        if (!node.is("span", "category")) fail("unexpected content in Category");
        std::string id = node.required("data-id");
        c.categories.push_back(id);
        out.categories.push_back({id, read_text(node.children)});
    }

    c.id = read_text(parse_html(fields[7]));
    return out;
}

// The sources the deck description lists, as sources::reader_view gives
// them: the title (also the id) and the URL.
void read_source_list(const Node& list, ir::Glossary& g) {
    if (list.children.size() != 2 || list.children[0].element || list.children[0].text != "Sources: " ||
        !list.children[1].is("ul") || list.children[1].children.empty())
        fail("unexpected source list in the deck description");
    for (const auto& item : list.children[1].children) {
        if (!item.is("li", "source") || item.children.size() != 1) fail("malformed source in the deck description");
        const Node& title = item.children[0];
        ir::Source source;
        if (title.is("a", "source-title")) {
            const std::string* url = title.attribute("href");
            if (!url) url = title.attribute("data-url");
            if (!url || url->empty()) fail("a source link without its URL");
            source.url = *url;
        } else if (!title.is("span", "source-title")) {
            fail("malformed source in the deck description");
        }
        source.title = read_text(title.children);
        source.id = source.title;
        g.sources.push_back(std::move(source));
    }
}

// Title, edition, language and sources from our deck's description.
void read_description(const std::string& html, ir::Glossary& g) {
    auto nodes = parse_html(html);
    const bool listed = nodes.size() == 4;
    if (nodes.size() != (listed ? 4u : 3u) || !nodes[0].is("p", "glossc-title") || !nodes[1].is("p", "glossc-edition") ||
        (listed && !nodes[2].is("div", "glossc-sources")) || !nodes.back().is("p", "glossc-help"))
        fail("unexpected deck description");
    if (listed) read_source_list(nodes[2], g);
    g.title = read_text(nodes[0].children);
    const auto& edition = nodes[1].children;
    if (edition.size() != 5 || edition[0].text != "Edition " || !edition[1].is("span", "edition") ||
        edition[2].text != ", language " || !edition[3].is("span", "language") || edition[4].text != ".")
        fail("unexpected edition line in the deck description");
    g.edition = read_text(edition[1].children);
    g.language = read_text(edition[3].children);
}

std::vector<std::string> split_fields(const std::string& flds) {
    std::vector<std::string> out(1);
    for (char c : flds) {
        if (c == '\x1f')
            out.emplace_back();
        else
            out.back() += c;
    }
    return out;
}

Database open_collection(const std::string& bytes) {
    if (bytes.empty()) fail("empty collection.anki2");
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(raw);
        fail("cannot open SQLite");
    }
    Database db(raw);
    auto* buffer = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
    if (!buffer) fail("out of memory");
    std::memcpy(buffer, bytes.data(), bytes.size());
    auto size = static_cast<sqlite3_int64>(bytes.size());
    if (sqlite3_deserialize(db.get(), "main", buffer, size, size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
        fail("collection.anki2 is not an SQLite database");
    // The file is untrusted: no schema-defined functions, no writes.
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    return db;
}

nlohmann::json parse_json(const std::string& text, const char* what) {
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) fail(std::string(what) + " is not a JSON object");
    return json;
}

ir::Glossary read_collection(sqlite3* db) {
    ir::Glossary g;
    Statement col(db, "select ver, models, decks from col");
    if (!col.step()) fail("no col row");
    if (col.integer(0) != 11) fail("not an Anki schema 11 collection");
    auto models = parse_json(col.text(1), "col.models");
    auto decks = parse_json(col.text(2), "col.decks");
    if (col.step()) fail("more than one col row");

    auto model = models.find(std::to_string(kNoteTypeId));
    if (model == models.end() || !model->is_object() || !model->contains("flds") || !(*model)["flds"].is_array())
        fail("no glossc note type");
    const auto& flds = (*model)["flds"];
    if (flds.size() != kFieldCount) fail("the note type's fields are not glossc's");
    for (std::size_t i = 0; i < kFieldCount; ++i)
        if (!flds[i].is_object() || flds[i].value("name", "") != kFieldNames[i])
            fail("the note type's fields are not glossc's");
    auto deck = decks.find(std::to_string(kDeckId));
    if (deck == decks.end() || !deck->is_object() || !deck->contains("desc") || !(*deck)["desc"].is_string())
        fail("no glossc deck");
    read_description((*deck)["desc"].get<std::string>(), g);

    // Position of each note: the due of its cards (one per template).
    std::map<std::int64_t, std::array<std::int64_t, 2>> dues;
    Statement cards(db, "select nid, ord, did, due from cards");
    while (cards.step()) {
        auto& due = dues.try_emplace(cards.integer(0), std::array<std::int64_t, 2>{-1, -1}).first->second;
        std::int64_t ord = cards.integer(1);
        if (ord < 0 || ord > 1 || due[static_cast<std::size_t>(ord)] != -1) fail("unexpected card");
        if (cards.integer(2) != kDeckId) fail("a card outside the glossc deck");
        due[static_cast<std::size_t>(ord)] = cards.integer(3);
    }

    struct Row {
        std::int64_t due;
        std::int64_t id;
        ReadNote note;
    };
    std::vector<Row> rows;
    Statement notes(db, "select id, guid, mid, flds from notes");
    while (notes.step()) {
        if (notes.integer(2) != kNoteTypeId) fail("a note of another note type");
        auto fields = split_fields(notes.text(3));
        if (fields.size() != kFieldCount) fail("a note with the wrong number of fields");
        ReadNote note = read_note(fields);
        if (notes.text(1) != note_guid(note.concept_.id)) fail("a note whose guid is not its concept's");
        auto due = dues.find(notes.integer(0));
        if (due == dues.end() || due->second[0] < 0 || due->second[0] != due->second[1])
            fail("a note without its two cards");
        rows.push_back({due->second[0], notes.integer(0), std::move(note)});
        dues.erase(due);
    }
    if (!dues.empty()) fail("cards without a note");
    std::sort(rows.begin(), rows.end(),
              [](const Row& a, const Row& b) { return a.due != b.due ? a.due < b.due : a.id < b.id; });
    for (auto& row : rows) {
        for (auto& category : row.note.categories)
            if (std::none_of(g.categories.begin(), g.categories.end(),
                             [&](const auto& k) { return k.id == category.id; }))
                g.categories.push_back(std::move(category));
        g.concepts.push_back(std::move(row.note.concept_));
    }
    return g;
}

}  // namespace

ir::Glossary read(std::string_view bytes) {
    try {
        std::vector<zip::Member> members = zip::read_archive(bytes);
        const zip::Member* collection = nullptr;
        const zip::Member* media = nullptr;
        for (const auto& member : members) {
            if (member.name == format::kPackageCollection) collection = &member;
            if (member.name == format::kPackageMedia) media = &member;
        }
        if (!collection) fail("no collection.anki2");
        if (!media) fail("no media file");
        parse_json(media->bytes, "media");
        Database db = open_collection(collection->bytes);
        return read_collection(db.get());
    } catch (const BackendReadError&) {
        throw;
    } catch (const std::exception& e) {
        fail(e.what());
    }
}

}  // namespace glossc::anki_backend
