// The EPUB backend's reader: the book epub_backend.hpp describes, back into
// the IR. It follows the package (container -> OPF -> spine) to the letter
// files and reads every value from the element its class names; the words
// around them are for people and ignored.
#include <map>
#include <stdexcept>

#include <pugixml.hpp>

#include "common/zip_archive.hpp"
#include "epub/epub_backend.hpp"
#include "epub/epub_format.hpp"
#include "text/inline_math.hpp"  // text::append_text

namespace glossc::epub_backend {

namespace {

namespace f = format;

[[noreturn]] void fail(const std::string& message) { throw BackendReadError("glossary.epub: " + message); }

// Whether a space-separated list (class, properties) holds `name`.
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

// Every character of the text inside `node`.
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

// The element children of `node` with class `name`.
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

std::string id_from_href(std::string_view href) {
    std::size_t hash = href.find('#');
    if (hash == std::string_view::npos) fail("link without a fragment: " + std::string(href));
    auto id = f::id_of_anchor(href.substr(hash + 1));
    if (!id) fail("bad anchor in link: " + std::string(href));
    return f::visible(*id);
}

class BookReader {
public:
    explicit BookReader(std::string_view bytes) {
        std::vector<zip::Member> members;
        try {
            members = zip::read_archive(bytes);
        } catch (const std::runtime_error& error) {
            fail(error.what());
        }
        if (members.empty() || members.front().name != "mimetype" || members.front().bytes != f::kMimetype)
            fail("the first member is not the EPUB mimetype");
        for (auto& member : members) files_.emplace(member.name, std::move(member.bytes));
    }

    ir::Glossary read() {
        pugi::xml_document container = parse(std::string(f::kContainerPath));
        std::string package_path = container.child("container").child("rootfiles").child("rootfile").attribute("full-path").value();
        std::size_t slash = package_path.rfind('/');
        folder_ = slash == std::string::npos ? "" : package_path.substr(0, slash + 1);
        pugi::xml_document package = parse(package_path);
        pugi::xml_node root = package.child("package");
        if (!root) fail(package_path + " is not an OPF package");

        ir::Glossary g;
        g.language = root.child("metadata").child("dc:language").text().get();
        read_title_page(g);
        read_categories(g);

        std::map<std::string, pugi::xml_node> items;
        for (auto item : root.child("manifest").children("item")) items.emplace(item.attribute("id").value(), item);
        for (auto itemref : root.child("spine").children("itemref")) {
            auto item = items.find(itemref.attribute("idref").value());
            if (item == items.end()) fail("spine names an item the manifest does not have");
            if (!has_token(item->second.attribute("properties").value(), "glossary")) continue;
            read_section(folder_ + item->second.attribute("href").value(), g);
        }
        return g;
    }

private:
    std::map<std::string, std::string> files_;
    std::string folder_;  // of the package document; hrefs are relative to it

    pugi::xml_document parse(const std::string& path) {
        auto file = files_.find(path);
        if (file == files_.end()) fail("missing " + path);
        pugi::xml_document document;
        // White space is content in rich text: keep text nodes that are only spaces.
        auto result = document.load_buffer(file->second.data(), file->second.size(),
                                           pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
        if (!result) fail(path + ": " + result.description());
        return document;
    }

    static pugi::xml_node body_of(const pugi::xml_document& document) { return document.child("html").child("body"); }

    void read_title_page(ir::Glossary& g) {
        pugi::xml_document page = parse(folder_ + std::string(f::kTitleFile));
        pugi::xml_node section = body_of(page).child("section");
        pugi::xml_node title = first_with_class(section, f::kTitle);
        if (!title) fail("the title page has no title");
        g.title = inner_text(title);
        for (auto p : section.children("p"))
            if (auto edition = first_with_class(p, f::kEdition)) g.edition = inner_text(edition);
    }

    void read_categories(ir::Glossary& g) {
        pugi::xml_document page = parse(folder_ + std::string(f::kCategoriesFile));
        for (auto section : with_class(body_of(page).child("section"), f::kCategory)) {
            auto id = f::id_of_anchor(section.attribute("id").value());
            if (!id) fail("bad category anchor");
            g.categories.push_back({f::visible(*id), inner_text(first_with_class(section, f::kCategoryLabel))});
        }
    }

    void read_section(const std::string& path, ir::Glossary& g) {
        pugi::xml_document page = parse(path);
        pugi::xml_node list = body_of(page).child("section").child("dl");
        if (!list) fail(path + " has no glossary list");
        for (auto node : list.children()) {
            if (node.type() != pugi::node_element) continue;
            std::string_view name = node.name();
            if (name == "dt") {
                auto id = f::id_of_anchor(node.attribute("id").value());
                if (!id) fail(path + ": an entry without a good id");
                ir::Concept c;
                c.id = f::visible(*id);
                c.headword = inner_text(node.child("dfn"));
                g.concepts.push_back(std::move(c));
            } else if (name == "dd") {
                if (g.concepts.empty()) fail(path + ": a description before any term");
                read_description(node, g.concepts.back());
            }
        }
    }

    void read_description(const pugi::xml_node& dd, ir::Concept& c) {
        for (auto part : dd.children()) {
            if (part.type() != pugi::node_element) continue;
            if (has_class(part, f::kAliases)) {
                for (auto alias : with_class(part, f::kAlias)) {
                    ir::Label label;
                    label.text = inner_text(first_with_class(alias, f::kAliasText));
                    if (!ir::parse_label_kind(inner_text(first_with_class(alias, f::kAliasKind)), label.kind))
                        fail("unknown alias kind");
                    c.labels.push_back(std::move(label));
                }
            } else if (has_class(part, f::kCategories)) {
                for (auto category : with_class(part, f::kCategory))
                    c.categories.push_back(std::string_view(category.name()) == "a"
                                               ? id_from_href(category.attribute("href").value())
                                               : inner_text(category));
            } else if (has_class(part, f::kDefinition)) {
                c.definitions.push_back(read_definition(part));
            } else if (has_class(part, f::kSeeAlso)) {
                for (auto related : with_class(part, f::kRelated))
                    c.related.push_back(std::string_view(related.name()) == "a"
                                            ? id_from_href(related.attribute("href").value())
                                            : inner_text(related));
            } else if (has_class(part, f::kReference)) {
                ir::Reference r;
                r.title = inner_text(first_with_class(part, f::kReferenceTitle));
                r.authors = inner_text(first_with_class(part, f::kAuthors));
                r.venue = inner_text(first_with_class(part, f::kVenue));
                r.arxiv = inner_text(first_with_class(part, f::kArxiv));
                r.url = inner_text(first_with_class(part, f::kUrl));
                c.references.push_back(std::move(r));
            }
        }
    }

    ir::Definition read_definition(const pugi::xml_node& div) {
        ir::Definition d;
        for (auto part : div.children()) {
            if (part.type() != pugi::node_element) continue;
            if (has_class(part, f::kSource)) {
                d.source = inner_text(first_with_class(part, f::kSourceId));
                if (auto line = first_with_class(part, f::kLine)) {
                    try {
                        d.line = static_cast<std::uint32_t>(std::stoul(inner_text(line)));
                    } catch (const std::exception&) {
                        fail("bad line number");
                    }
                }
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

    // A field's content: a <div> of blocks, or the rich text of a <p> or
    // <span> (one paragraph, none when it is empty).
    ir::Blocks field(const pugi::xml_node& node) {
        if (std::string_view(node.name()) == "div") return blocks(node);
        return ir::paragraphs(rich_text(node));
    }

    // ---- Blocks (text/html_render.hpp) ----------------------------------------------

    static bool is_block(const pugi::xml_node& node) {
        if (node.type() != pugi::node_element) return false;
        std::string_view name = node.name();
        if (name == "math") return std::string_view(node.attribute("display").value()) == "block";
        for (std::string_view tag : {"p", "ul", "ol", "pre", "blockquote", "table", "div"})
            if (name == tag) return true;
        return false;
    }

    // The element children of a container of blocks; the white space
    // between them is the writer's line breaks.
    static std::vector<pugi::xml_node> elements(const pugi::xml_node& node) {
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

    ir::Blocks blocks(const pugi::xml_node& node) {
        ir::Blocks out;
        for (auto child : elements(node)) out.push_back(block(child));
        return out;
    }

    // A list item, or any element html_render writes with append_flow_html:
    // blocks when it holds a block element, else one paragraph.
    ir::Blocks flow(const pugi::xml_node& node) {
        for (auto child : node.children())
            if (is_block(child)) return blocks(node);
        return {ir::paragraph(rich_text(node))};
    }

    ir::Block block(const pugi::xml_node& node) {
        std::string_view name = node.name();
        if (name == "p") return ir::paragraph(rich_text(node));
        if (name == "ul" || name == "ol") {
            std::vector<ir::Blocks> items;
            for (auto item : elements(node)) {
                if (std::string_view(item.name()) != "li") fail("a list holds something else than items");
                items.push_back(flow(item));
            }
            if (name == "ul") return ir::bullet_list(std::move(items));
            std::uint32_t start = 1;
            if (auto attribute = node.attribute("start")) {
                try {
                    start = static_cast<std::uint32_t>(std::stoul(attribute.value()));
                } catch (const std::exception&) {
                    fail("bad list start");
                }
            }
            return ir::ordered_list(std::move(items), start);
        }
        if (name == "pre") {
            if (has_class(node, f::kTex)) return ir::display_math(inner_text(node));
            pugi::xml_node code = node.child("code");
            if (!code) fail("a <pre> without <code>");
            std::string_view language = code.attribute("class").value();
            constexpr std::string_view kLanguage = "language-";
            return ir::code_block(inner_text(code),
                                  language.starts_with(kLanguage) ? std::string(language.substr(kLanguage.size())) : "");
        }
        if (name == "math") return ir::display_math(tex_of(node));
        if (name == "blockquote") return ir::quote(blocks(node));
        if (name == "table") {
            std::vector<std::vector<ir::RichText>> rows;
            for (auto group : elements(node))
                for (auto row : elements(group)) {
                    auto& cells = rows.emplace_back();
                    for (auto cell : elements(row)) cells.push_back(rich_text(cell));
                }
            return ir::table(std::move(rows));
        }
        fail("unexpected <" + std::string(name) + "> among blocks");
    }

    // ---- Rich text ------------------------------------------------------------------

    ir::RichText rich_text(const pugi::xml_node& node) {
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

    static std::string tex_of(const pugi::xml_node& math) {
        for (auto annotation : math.child("semantics").children("annotation"))
            if (std::string_view(annotation.attribute("encoding").value()) == f::kTexEncoding)
                return inner_text(annotation);
        fail("a formula without its TeX annotation");
    }

    ir::Inline inline_node(const pugi::xml_node& node) {
        std::string_view name = node.name();
        if (name == "em") return ir::emph(rich_text(node));
        if (name == "strong") return ir::strong(rich_text(node));
        if (name == "code") return has_class(node, f::kTex) ? ir::math(inner_text(node)) : ir::code(inner_text(node));
        if (name == "math") return ir::math(tex_of(node));
        bool bare = has_class(node, f::kBare);
        if (has_class(node, f::kLink)) {
            std::string target = node.attribute(name == "a" ? "href" : "title").value();
            return ir::link(std::move(target), bare ? ir::RichText{} : rich_text(node));
        }
        if (has_class(node, f::kRef)) {
            std::string target = name == "a" ? id_from_href(node.attribute("href").value())
                                             : node.attribute(std::string(f::kConceptAttribute).c_str()).value();
            return ir::ref(std::move(target), bare ? ir::RichText{} : rich_text(node));
        }
        fail("unexpected <" + std::string(name) + "> in text");
    }
};

}  // namespace

ir::Glossary read(std::string_view bytes) { return BookReader(bytes).read(); }

}  // namespace glossc::epub_backend
