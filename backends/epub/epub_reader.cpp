// The EPUB backend's reader: the book epub_backend.hpp describes, back into
// the IR. It follows the package (container -> OPF -> spine) to the letter
// files and reads every value from the element its class names; the words
// around them are for people and ignored.
#include <map>
#include <stdexcept>

#include <pugixml.hpp>

#include "common/xhtml_read.hpp"
#include "common/zip_archive.hpp"
#include "epub/epub_backend.hpp"
#include "epub/epub_format.hpp"

namespace glossc::epub_backend {

namespace {

namespace f = format;

using xhtml::first_with_class;
using xhtml::has_class;
using xhtml::has_token;
using xhtml::inner_text;
using xhtml::with_class;

class BookReader final : public xhtml::EntryReader {
public:
    explicit BookReader(std::string_view bytes) : xhtml::EntryReader("glossary.epub") {
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
        return xhtml::EntryReader::parse(path, file->second);
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
        // The sources as readers see them (sources::reader_view): the title,
        // which is also the id definitions name them by, and the URL.
        for (auto list : with_class(section, f::kSources))
            for (auto item : with_class(list, f::kSource)) {
                ir::Source source;
                pugi::xml_node title = first_with_class(item, f::kSourceTitle);
                if (!title) fail("a source without its title");
                source.title = inner_text(title);
                source.id = source.title;
                source.url = std::string_view(title.name()) == "a" ? std::string(title.attribute("href").value())
                                                                    : inner_text(first_with_class(item, f::kUrl));
                g.sources.push_back(std::move(source));
            }
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

    void read_description(const pugi::xml_node& dd, ir::Concept& c) const {
        for (auto part : dd.children())
            if (part.type() == pugi::node_element) read_part(part, c);
    }

    // A category's link goes to its section of the categories page, whose
    // anchor is made as a concept's.
    std::string category_of(const pugi::xml_node& link) const override {
        return concept_of(link.attribute("href").value());
    }
};

}  // namespace

ir::Glossary read(std::string_view bytes) { return BookReader(bytes).read(); }

}  // namespace glossc::epub_backend
