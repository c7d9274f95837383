// Reading back what the EPUB's letter files and the web edition's pages share
// (common/xhtml_write.hpp, common/xhtml_inline.hpp): the parts of an entry,
// definitions, and the rich text and blocks the shared HTML renderer writes
// (text/html_render.hpp), from a pugixml element tree. Every value is found
// by its element's class (the EPUB's class names, epub/epub_format.hpp,
// which the web's repeat), never by the words around it, which are for
// people. What surrounds an entry (the book's <dt>/<dd>, the site's
// <article>) and where a category link leads stay with each backend.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "ir/ir.hpp"

namespace glossc::xhtml {

// ---- The element tree --------------------------------------------------------------

// Whether a space-separated list (class, properties) holds `name`.
bool has_token(std::string_view list, std::string_view name);
bool has_class(const pugi::xml_node& node, std::string_view name);
bool named(const pugi::xml_node& node, std::string_view name);
std::string attribute(const pugi::xml_node& node, std::string_view name);
// Every character of the text inside `node`.
std::string inner_text(const pugi::xml_node& node);
// The element children of `node` with class `name`, or the first of them.
std::vector<pugi::xml_node> with_class(const pugi::xml_node& node, std::string_view name);
pugi::xml_node first_with_class(const pugi::xml_node& node, std::string_view name);
// The first element below `node`, at any depth, with tag `tag` and class `name`.
pugi::xml_node find_with_class(const pugi::xml_node& node, std::string_view tag, std::string_view name);

// ---- Entries -----------------------------------------------------------------------

// The base of the EPUB's and the web's readers: what they read alike. Its
// errors are BackendReadErrors that name `where` ("glossary.epub", "web").
class EntryReader {
public:
    explicit EntryReader(std::string where) : where_(std::move(where)) {}
    virtual ~EntryReader() = default;

    [[noreturn]] void fail(const std::string& message) const;

    // `bytes` (the file `name`) as an element tree; white space is content
    // in rich text, so text nodes that are only spaces are kept.
    pugi::xml_document parse(const std::string& name, std::string_view bytes) const;

    // The concept a link to an entry names ("letter-k.html#kv-cache",
    // "glossary-k.xhtml#kv-cache": "kv-cache").
    std::string concept_of(std::string_view href) const;

    // Reads one element of an entry into `c` when it is one of its parts
    // (aliases, categories, a definition, "See also", a reference); false
    // for anything else, which the caller may know or ignore.
    bool read_part(const pugi::xml_node& part, ir::Concept& c) const;

    ir::Definition definition(const pugi::xml_node& div) const;
    // A field's content: a <div> of blocks, or the rich text of a <p> or
    // <span> (one paragraph, none when it is empty).
    ir::Blocks field(const pugi::xml_node& node) const;
    ir::Blocks blocks(const pugi::xml_node& node) const;
    ir::RichText rich_text(const pugi::xml_node& node) const;

protected:
    // The id of the category a link (<a class="category">) in an entry leads to.
    virtual std::string category_of(const pugi::xml_node& link) const = 0;

private:
    std::vector<pugi::xml_node> elements(const pugi::xml_node& node) const;
    ir::Blocks flow(const pugi::xml_node& node) const;
    ir::Block block(const pugi::xml_node& node) const;
    ir::Inline inline_node(const pugi::xml_node& node) const;
    std::string tex_of(const pugi::xml_node& math) const;

    std::string where_;
};

}  // namespace glossc::xhtml
