#include "common/xhtml_read.hpp"

#include <stdexcept>

#include "backend.hpp"  // BackendReadError
#include "epub/epub_format.hpp"
#include "text/inline_math.hpp"  // text::append_text

namespace glossc::xhtml {

namespace f = epub_backend::format;

bool has_token(std::string_view list, std::string_view name) {
    for (std::size_t start = 0; start <= list.size();) {
        std::size_t end = list.find(' ', start);
        if (end == std::string_view::npos) end = list.size();
        if (list.substr(start, end - start) == name) return true;
        start = end + 1;
    }
    return false;
}

bool has_class(const pugi::xml_node& node, std::string_view name) {
    return has_token(node.attribute("class").value(), name);
}

bool named(const pugi::xml_node& node, std::string_view name) { return std::string_view(node.name()) == name; }

std::string attribute(const pugi::xml_node& node, std::string_view name) {
    return node.attribute(std::string(name).c_str()).value();
}

std::string inner_text(const pugi::xml_node& node) {
    std::string out;
    for (auto child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            out += child.value();
        } else if (child.type() == pugi::node_element) {
            out += inner_text(child);
        }
    }
    return out;
}

std::vector<pugi::xml_node> with_class(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> out;
    for (auto child : node.children())
        if (child.type() == pugi::node_element && has_class(child, name)) out.push_back(child);
    return out;
}

pugi::xml_node first_with_class(const pugi::xml_node& node, std::string_view name) {
    for (auto child : node.children())
        if (child.type() == pugi::node_element && has_class(child, name)) return child;
    return {};
}

pugi::xml_node find_with_class(const pugi::xml_node& node, std::string_view tag, std::string_view name) {
    return node.find_node([&](const pugi::xml_node& n) {
        return n.type() == pugi::node_element && named(n, tag) && has_class(n, name);
    });
}

// ---- EntryReader -------------------------------------------------------------------

void EntryReader::fail(const std::string& message) const { throw BackendReadError(where_ + ": " + message); }

pugi::xml_document EntryReader::parse(const std::string& name, std::string_view bytes) const {
    pugi::xml_document document;
    auto result = document.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                                       pugi::encoding_utf8);
    if (!result) fail(name + ": " + result.description());
    return document;
}

std::string EntryReader::concept_of(std::string_view href) const {
    std::size_t hash = href.find('#');
    if (hash == std::string_view::npos) fail("link to a concept without its anchor: " + std::string(href));
    auto id = f::id_of_anchor(href.substr(hash + 1));
    if (!id) fail("bad anchor in link: " + std::string(href));
    return f::visible(*id);
}

bool EntryReader::read_part(const pugi::xml_node& part, ir::Concept& c) const {
    if (has_class(part, f::kAliases)) {
        for (auto alias : with_class(part, f::kAlias)) {
            ir::Label label;
            label.text = inner_text(alias);
            if (!ir::parse_label_kind(attribute(alias, f::kKindAttribute), label.kind)) fail("unknown alias kind");
            c.labels.push_back(std::move(label));
        }
    } else if (has_class(part, f::kCategories)) {
        for (auto category : with_class(part, f::kCategory))
            c.categories.push_back(named(category, "a") ? category_of(category) : inner_text(category));
    } else if (has_class(part, f::kDefinition)) {
        c.definitions.push_back(definition(part));
    } else if (has_class(part, f::kSeeAlso)) {
        for (auto related : with_class(part, f::kRelated))
            c.related.push_back(named(related, "a") ? concept_of(related.attribute("href").value()) : inner_text(related));
    } else if (has_class(part, f::kReference)) {
        ir::Reference r;
        r.title = inner_text(first_with_class(part, f::kReferenceTitle));
        r.authors = inner_text(first_with_class(part, f::kAuthors));
        r.venue = inner_text(first_with_class(part, f::kVenue));
        r.arxiv = inner_text(first_with_class(part, f::kArxiv));
        r.url = inner_text(first_with_class(part, f::kUrl));
        c.references.push_back(std::move(r));
    } else {
        return false;
    }
    return true;
}

ir::Definition EntryReader::definition(const pugi::xml_node& div) const {
    ir::Definition d;
    for (auto part : div.children()) {
        if (part.type() != pugi::node_element) continue;
        if (has_class(part, f::kSource)) {
            // The source's title (neither the book nor the site shows line numbers).
            d.source = inner_text(first_with_class(part, f::kSourceTitle));
            for (auto flag : with_class(part, f::kFlag)) d.flags.push_back(inner_text(flag));
        } else if (has_class(part, f::kSummary)) {
            d.summary = rich_text(part);
        } else if (has_class(part, f::kBody)) {
            d.body = field(part);
        } else if (has_class(part, f::kDetails)) {
            d.details = field(first_with_class(part, f::kContent));
        } else if (has_class(part, f::kExample)) {
            d.example = field(first_with_class(part, f::kContent));
        }
    }
    return d;
}

ir::Blocks EntryReader::field(const pugi::xml_node& node) const {
    if (named(node, "div")) return blocks(node);
    return ir::paragraphs(rich_text(node));
}

// ---- Blocks (text/html_render.hpp) ----------------------------------------------

namespace {

bool is_block(const pugi::xml_node& node) {
    if (node.type() != pugi::node_element) return false;
    if (named(node, "math")) return std::string_view(node.attribute("display").value()) == "block";
    for (std::string_view tag : {"p", "ul", "ol", "pre", "blockquote", "table", "div"})
        if (named(node, tag)) return true;
    return false;
}

}  // namespace

// The element children of a container of blocks; the white space between
// them is the writer's line breaks.
std::vector<pugi::xml_node> EntryReader::elements(const pugi::xml_node& node) const {
    std::vector<pugi::xml_node> out;
    for (auto child : node.children()) {
        if (child.type() == pugi::node_element) {
            out.push_back(child);
        } else if (std::string_view(child.value()).find_first_not_of(" \t\n\r") != std::string_view::npos) {
            fail("text between blocks");
        }
    }
    return out;
}

ir::Blocks EntryReader::blocks(const pugi::xml_node& node) const {
    ir::Blocks out;
    for (auto child : elements(node)) out.push_back(block(child));
    return out;
}

// A list item, or any element html_render writes with append_flow_html:
// blocks when it holds a block element, else one paragraph.
ir::Blocks EntryReader::flow(const pugi::xml_node& node) const {
    for (auto child : node.children())
        if (is_block(child)) return blocks(node);
    return {ir::paragraph(rich_text(node))};
}

ir::Block EntryReader::block(const pugi::xml_node& node) const {
    if (named(node, "p")) return ir::paragraph(rich_text(node));
    if (named(node, "ul") || named(node, "ol")) {
        std::vector<ir::Blocks> items;
        for (auto item : elements(node)) {
            if (!named(item, "li")) fail("a list holds something else than items");
            items.push_back(flow(item));
        }
        if (named(node, "ul")) return ir::bullet_list(std::move(items));
        std::uint32_t start = 1;
        if (auto value = node.attribute("start")) {
            try {
                start = static_cast<std::uint32_t>(std::stoul(value.value()));
            } catch (const std::exception&) {
                fail("bad list start");
            }
        }
        return ir::ordered_list(std::move(items), start);
    }
    if (named(node, "pre")) {
        // A formula not converted: <pre class="tex">TeX</pre> in the book,
        // <pre class="tex"><code>TeX</code></pre> on the site.
        if (has_class(node, f::kTex)) return ir::display_math(inner_text(node));
        pugi::xml_node code = node.child("code");
        if (!code) fail("a <pre> without <code>");
        std::string_view language = code.attribute("class").value();
        constexpr std::string_view kLanguage = "language-";
        return ir::code_block(inner_text(code),
                              language.starts_with(kLanguage) ? std::string(language.substr(kLanguage.size())) : "");
    }
    if (named(node, "math")) return ir::display_math(tex_of(node));
    if (named(node, "blockquote")) return ir::quote(blocks(node));
    if (named(node, "table")) {
        std::vector<std::vector<ir::RichText>> rows;
        for (auto group : elements(node))
            for (auto row : elements(group)) {
                auto& cells = rows.emplace_back();
                for (auto cell : elements(row)) cells.push_back(rich_text(cell));
            }
        return ir::table(std::move(rows));
    }
    fail("unexpected <" + std::string(node.name()) + "> among blocks");
}

// ---- Rich text ------------------------------------------------------------------

ir::RichText EntryReader::rich_text(const pugi::xml_node& node) const {
    ir::RichText out;
    for (auto child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            text::append_text(out, child.value());
        } else if (child.type() == pugi::node_element) {
            out.push_back(inline_node(child));
        }
    }
    return out;
}

std::string EntryReader::tex_of(const pugi::xml_node& math) const {
    for (auto annotation : math.child("semantics").children("annotation"))
        if (std::string_view(annotation.attribute("encoding").value()) == f::kTexEncoding) return inner_text(annotation);
    fail("a formula without its TeX annotation");
}

ir::Inline EntryReader::inline_node(const pugi::xml_node& node) const {
    if (named(node, "em")) return ir::emph(rich_text(node));
    if (named(node, "strong")) return ir::strong(rich_text(node));
    if (named(node, "code")) return has_class(node, f::kTex) ? ir::math(inner_text(node)) : ir::code(inner_text(node));
    if (named(node, "math")) return ir::math(tex_of(node));
    const bool anchor = named(node, "a");
    const bool bare = has_class(node, f::kBare);
    if (has_class(node, f::kLink)) {
        std::string url = node.attribute(anchor ? "href" : "title").value();
        return ir::link(std::move(url), bare ? ir::RichText{} : rich_text(node));
    }
    if (has_class(node, f::kRef)) {
        std::string id = anchor ? concept_of(node.attribute("href").value()) : attribute(node, f::kConceptAttribute);
        return ir::ref(std::move(id), bare ? ir::RichText{} : rich_text(node));
    }
    fail("unexpected <" + std::string(node.name()) + "> in text");
}

}  // namespace glossc::xhtml
