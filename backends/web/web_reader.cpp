// The web edition's reader: the site web_backend.hpp describes, back into
// the IR. index.html gives the title, edition, language, sources and
// categories, and its letters lead to the pages of entries in site order;
// every value is read from the element its class names, and the words
// around them are for people and ignored. The pages are well-formed XML
// (web_backend.hpp), so pugixml reads them as the EPUB's reader reads the
// book's XHTML, and the parts of an entry, its definitions, rich text and
// blocks are read by the reader the two share (common/xhtml_read.hpp).
#include <map>
#include <set>
#include <stdexcept>

#include <pugixml.hpp>

#include "common/folder_bundle.hpp"
#include "common/xhtml_read.hpp"
#include "epub/epub_format.hpp"
#include "web/web_backend.hpp"
#include "web/web_format.hpp"

namespace glossc::web_backend {

namespace {

namespace f = format;
namespace xml = epub_backend::format;

using xhtml::attribute;
using xhtml::find_with_class;
using xhtml::first_with_class;
using xhtml::has_class;
using xhtml::inner_text;
using xhtml::named;
using xhtml::with_class;

class SiteReader final : public xhtml::EntryReader {
public:
    explicit SiteReader(std::string_view bytes) : xhtml::EntryReader("web") {
        for (auto& file : folder::unpack(bytes)) files_.emplace(std::move(file.name), std::move(file.bytes));
    }

    ir::Glossary read() {
        pugi::xml_document index = parse(std::string(f::kIndexFile));
        pugi::xml_node html = index.child("html");
        pugi::xml_node main = main_of(index, f::kIndexFile);
        ir::Glossary g;
        g.language = html.attribute("lang").value();
        pugi::xml_node title = find_with_class(main, "h1", f::kTitle);
        if (!title) fail("index.html has no title");
        g.title = inner_text(title);
        if (pugi::xml_node edition = find_with_class(main, "span", f::kEdition)) g.edition = inner_text(edition);
        // The sources as readers see them (sources::reader_view): the title,
        // which is also the id definitions name them by, and the URL.
        if (pugi::xml_node list = find_with_class(main, "ul", f::kSources))
            for (auto item : with_class(list, f::kSource)) {
                pugi::xml_node source_title = first_with_class(item, f::kSourceTitle);
                if (!source_title) fail("a source without its title");
                ir::Source source;
                source.title = inner_text(source_title);
                source.id = source.title;
                source.url = named(source_title, "a") ? std::string(source_title.attribute("href").value())
                                                      : inner_text(first_with_class(item, f::kUrl));
                g.sources.push_back(std::move(source));
            }
        if (pugi::xml_node list = find_with_class(main, "ul", f::kCategoryList))
            for (auto item : list.children("li")) {
                pugi::xml_node link = first_with_class(item, f::kCategory);
                if (!link) fail("a category without its link");
                std::string id = attribute(link, f::kCategoryAttribute);
                category_files_[link.attribute("href").value()] = id;
                g.categories.push_back({std::move(id), inner_text(link)});
            }

        // The pages of entries, in site order: the files the letters lead to.
        std::vector<std::string> pages;
        if (pugi::xml_node letters = find_with_class(html.child("body"), "nav", f::kLetters))
            for (auto item : letters.child("ul").children("li")) {
                // A letter's page, or its section of the one page (whose id is no concept's).
                std::string_view href = item.child("a").attribute("href").value();
                std::string file(href.substr(0, href.find('#')));
                if (pages.empty() || pages.back() != file) pages.push_back(std::move(file));
            }
        std::set<std::string> seen;
        for (const auto& page : pages)
            if (seen.insert(page).second) read_page(page, g);
        return g;
    }

private:
    std::map<std::string, std::string> files_;
    std::map<std::string, std::string> category_files_;  // category page -> category id

    pugi::xml_document parse(const std::string& name) {
        auto file = files_.find(name);
        if (file == files_.end()) fail("missing " + name);
        return xhtml::EntryReader::parse(name, file->second);
    }

    pugi::xml_node main_of(const pugi::xml_document& page, std::string_view name) const {
        pugi::xml_node main = page.child("html").child("body").child("main");
        if (!main) fail(std::string(name) + " has no <main>");
        return main;
    }

    void read_page(const std::string& name, ir::Glossary& g) {
        pugi::xml_document page = parse(name);
        pugi::xml_node main = main_of(page, name);
        for (auto part : main.children()) {
            if (part.type() != pugi::node_element) continue;
            if (named(part, "article")) {
                g.concepts.push_back(read_concept(part));
            } else if (named(part, "section")) {  // a letter on the one page
                for (auto article : part.children("article")) g.concepts.push_back(read_concept(article));
            }
        }
    }

    ir::Concept read_concept(const pugi::xml_node& article) {
        if (!has_class(article, f::kConcept)) fail("an article that is no entry");
        auto id = xml::id_of_anchor(article.attribute("id").value());
        if (!id) fail("an entry without a good id");
        ir::Concept c;
        c.id = xml::visible(*id);
        pugi::xml_node headword = first_with_class(article, f::kHeadword);
        if (!headword || !headword.child("dfn")) fail("an entry without its headword");
        c.headword = inner_text(headword.child("dfn"));
        for (auto part : article.children())
            if (part.type() == pugi::node_element) read_part(part, c);
        return c;
    }

    // A category's link goes to its page, which index.html lists.
    std::string category_of(const pugi::xml_node& link) const override {
        auto id = category_files_.find(link.attribute("href").value());
        if (id == category_files_.end()) fail("a link to a category index.html does not list");
        return id->second;
    }
};

}  // namespace

ir::Glossary read(std::string_view bytes) { return SiteReader(bytes).read(); }

}  // namespace glossc::web_backend
