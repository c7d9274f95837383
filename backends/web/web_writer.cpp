// The web edition's writer: the IR as a static site (described in
// web_backend.hpp). Pages are built as strings: the markup is fixed, and
// every value goes through the EPUB's xml_text / xml_attribute, which are
// HTML's escapes as well.
#include <algorithm>
#include <set>

#include "common/headword_order.hpp"
#include "common/source_titles.hpp"
#include "common/xhtml_write.hpp"
#include "epub/epub_format.hpp"
#include "epub/epub_indexes.hpp"  // section_name
#include "parallel/parallel.hpp"
#include "text/html_render.hpp"
#include "web/web_assets.hpp"
#include "web/web_backend.hpp"
#include "web/web_format.hpp"
#include "web/web_inline.hpp"
#include "web/web_search.hpp"

namespace glossc::web_backend {

namespace {

namespace f = format;
namespace xml = epub_backend::format;
using xhtml::span;

// Nothing but the site's own files, and no inline script or style: a page
// that tried to load anything from elsewhere would be refused by the browser
// (and the refusal shows in its console, which the browser test reads).
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'self'";

// One letter section: its concepts, and where its heading is.
struct Section {
    std::string letter;                 // order::section_of: "#" or an upper-case letter
    std::vector<std::size_t> concepts;  // indices into the glossary, in site order
    std::string href;                   // "letter-a.html", or "glossary.html#_letter-a" on the one page
};

// A page of entries: one letter's, or every letter's (the one page).
struct EntryPage {
    std::string file;
    std::vector<const Section*> sections;
};

std::string count(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

class SiteWriter {
public:
    explicit SiteWriter(const ir::Glossary& glossary)
        : g_(glossary), language_(xml::book_language(glossary.language)), titles_(glossary) {
        const bool one_page = g_.concepts.size() <= f::kOnePageLimit;
        std::vector<std::size_t> order = order::concept_order(g_.concepts);
        for (std::size_t index : order) {
            std::string letter = order::section_of(g_.concepts[index].headword);
            if (sections_.empty() || sections_.back().letter != letter) sections_.push_back({letter, {}, {}});
            sections_.back().concepts.push_back(index);
        }
        for (auto& section : sections_) {
            if (one_page) {
                section.href = std::string(f::kOnePageFile) + "#" + f::letter_section_id(section.letter);
                if (pages_.empty()) pages_.push_back({std::string(f::kOnePageFile), {}});
                pages_.back().sections.push_back(&section);
            } else {
                section.href = f::letter_file(section.letter);
                pages_.push_back({section.href, {&section}});
            }
        }
        places_.reserve(g_.concepts.size());
        for (const auto& page : pages_)
            for (const Section* section : page.sections)
                for (std::size_t index : section->concepts) {
                    const ir::Concept& c = g_.concepts[index];
                    // Ids are unique in the IR; should one repeat, links go to the first.
                    places_.emplace(c.id, ConceptPlace{&c, page.file + "#" + xml::anchor(c.id)});
                }
        std::set<std::string> category_names;
        for (std::size_t i = 0; i < g_.categories.size(); ++i) {
            // Two categories with one id (the IR has none) still get two pages.
            std::string name = f::category_file(g_.categories[i], i);
            if (!category_names.insert(name).second) name = f::category_file({}, i);
            category_files_.push_back(std::move(name));
            categories_by_id_.emplace(g_.categories[i].id, i);
        }
        members_.resize(g_.categories.size());
        for (const auto& section : sections_)
            for (std::size_t index : section.concepts) {
                const ir::Concept& c = g_.concepts[index];
                std::set<std::size_t> listed;  // a category the concept names twice lists it once
                for (const auto& id : c.categories) {
                    auto it = categories_by_id_.find(id);
                    if (it != categories_by_id_.end() && listed.insert(it->second).second)
                        members_[it->second].push_back(&c);
                }
            }
    }

    void write(BackendOutput& output) {
        auto file = [&](std::string_view name, std::string_view bytes) {
            output.begin_file(name);
            output.write(bytes);
        };
        file(f::kIndexFile, index_page());
        // Pages of entries are made a few at a time on several threads
        // (each reads the glossary and writes only its own page), and
        // written in order: at most one batch of pages is in memory.
        const std::size_t batch = std::max(1u, parallel::jobs());
        for (std::size_t start = 0; start < pages_.size(); start += batch) {
            std::vector<std::string> texts(std::min(batch, pages_.size() - start));
            parallel::for_each_index(texts.size(), [&](std::size_t i) { entry_page(pages_[start + i], texts[i]); });
            for (std::size_t i = 0; i < texts.size(); ++i) file(pages_[start + i].file, texts[i]);
        }
        for (std::size_t i = 0; i < g_.categories.size(); ++i) file(category_files_[i], category_page(i));
        file(f::kStyleFile, kStyleSheet);
        file(f::kScriptFile, kSearchScript);
        file(f::kSearchIndexFile, search_index_file());
    }

private:
    const ir::Glossary& g_;
    std::string language_;
    sources::Titles titles_;  // what a definition's attribution shows
    std::vector<Section> sections_;
    std::vector<EntryPage> pages_;
    ConceptPlaces places_;
    std::vector<std::string> category_files_;                             // by position in g_.categories
    std::unordered_map<std::string_view, std::size_t> categories_by_id_;  // id -> position
    std::vector<std::vector<const ir::Concept*>> members_;                // by position, in site order

    // ---- The frame every page shares ----------------------------------------------------

    // The title for <title>, which must not be blank.
    std::string site_title() const {
        std::string shown = xml::visible(g_.title);
        return shown.find_first_not_of(" \t\n\r") == std::string::npos ? std::string("Glossary") : shown;
    }

    enum class Kind { Index, Entries, Category };

    // A page's start, up to and including <main>: the head, the skip link,
    // and the header (the site's title, a search form on pages other than
    // index.html, which has its own, and the letters). `current` is the
    // letter page's letter, marked as the current page in the letters.
    void open_page(std::string& out, std::string_view page_title, Kind kind, std::string_view current = {}) const {
        out += "<!DOCTYPE html>\n<html lang=\"" + language_ + "\"";
        if (f::direction(language_) == "rtl") out += " dir=\"rtl\"";
        out += ">\n<head>\n<meta charset=\"utf-8\"/>\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
               "<meta http-equiv=\"Content-Security-Policy\" content=\"";
        out += kContentSecurityPolicy;
        out += "\"/>\n<meta name=\"generator\" content=\"glossc\"/>\n<title>";
        out += xml::xml_text(page_title);
        // No favicon request: the page names an empty one.
        out += "</title>\n<link rel=\"icon\" href=\"data:,\"/>\n<link rel=\"stylesheet\" href=\"";
        out += f::kStyleFile;
        out += "\"/>\n</head>\n<body>\n<a class=\"skip-link\" href=\"#";
        out += f::kMainId;
        out += "\">Skip to content</a>\n<header class=\"site-header\">\n<p class=\"site-title\"><a href=\"";
        out += f::kIndexFile;
        out += "\">" + xml::xml_text(site_title()) + "</a></p>\n";
        if (kind != Kind::Index) {
            out += "<form class=\"site-search\" role=\"search\" action=\"";
            out += f::kIndexFile;
            out += "\" method=\"get\">\n<label for=\"";
            out += f::kHeaderSearchId;
            out += "\">Search</label>\n<input type=\"search\" id=\"";
            out += f::kHeaderSearchId;
            out += "\" name=\"q\" autocomplete=\"off\" spellcheck=\"false\"/>\n<button type=\"submit\">Go</button>\n</form>\n";
        }
        if (!sections_.empty()) {
            out += "<nav class=\"";
            out += f::kLetters;
            out += "\" aria-label=\"Letters\">\n<ul>\n";
            for (const auto& section : sections_) {
                out += "<li><a href=\"" + section.href + "\"";
                if (section.letter == "#") out += " aria-label=\"Symbols and numbers\"";
                if (kind == Kind::Entries && section.letter == current) out += " aria-current=\"page\"";
                out += ">" + xml::xml_text(section.letter) + "</a></li>\n";
            }
            out += "</ul>\n</nav>\n";
        }
        out += "</header>\n<main id=\"";
        out += f::kMainId;
        out += "\" tabindex=\"-1\">\n";
    }

    void close_page(std::string& out, Kind kind) const {
        out += "</main>\n<footer class=\"site-footer\">\n<p><a href=\"";
        out += f::kIndexFile;
        out += "\">" + xml::xml_text(site_title()) + "</a>, edition " + xml::xml_text(g_.edition) +
               ". Compiled by glossc.</p>\n</footer>\n";
        if (kind == Kind::Index) {
            out += "<script src=\"";
            out += f::kSearchIndexFile;
            out += "\"></script>\n<script src=\"";
            out += f::kScriptFile;
            out += "\"></script>\n";
        }
        out += "</body>\n</html>\n";
    }

    // ---- index.html -------------------------------------------------------------------

    std::string index_page() const {
        std::string out;
        open_page(out, site_title(), Kind::Index);
        out += "<h1 class=\"";
        out += f::kTitle;
        out += "\">" + xml::xml_text(g_.title) + "</h1>\n";

        out += "<section aria-labelledby=\"_search-heading\">\n<h2 id=\"_search-heading\">Search</h2>\n<form id=\"";
        out += f::kSearchFormId;
        out += "\" class=\"site-search\" role=\"search\" action=\"";
        out += f::kIndexFile;
        out += "\" method=\"get\">\n<label for=\"";
        out += f::kSearchInputId;
        out += "\">Find an entry by any of its names</label>\n<input type=\"search\" id=\"";
        out += f::kSearchInputId;
        out += "\" name=\"q\" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"";
        out += f::kSearchStatusId;
        out += "\"/>\n<button type=\"submit\">Search</button>\n</form>\n"
               "<noscript><p>Searching needs JavaScript; the letters above lead to every entry.</p></noscript>\n"
               "<p id=\"";
        out += f::kSearchStatusId;
        out += "\" class=\"search-status\" role=\"status\"></p>\n<ul id=\"";
        out += f::kResultsId;
        out += "\" class=\"results\" aria-label=\"Search results\"></ul>\n</section>\n";

        std::set<std::string_view> names;
        for (const auto& c : g_.concepts) {
            names.insert(c.headword);
            for (const auto& label : c.labels) names.insert(label.text);
        }
        out += "<section aria-labelledby=\"_about-heading\">\n<h2 id=\"_about-heading\">About this glossary</h2>\n";
        out += "<p>Edition " + span(f::kEdition, g_.edition) + ". " + count(g_.concepts.size(), "concept", "concepts") +
               " under " + count(names.size(), "name", "names");
        if (g_.sources.empty()) {
            out += ".</p>\n";
        } else {
            // Readers see each source's title, a link when it has a URL an
            // href can hold; never its id, file or counts (editors' facts).
            out += ", from " + count(g_.sources.size(), "source", "sources") + ":</p>\n<ul class=\"";
            out += f::kSources;
            out += "\">\n";
            for (const auto& source : g_.sources) xhtml::append_source(out, sources::reader_view(source), kWebDialect);
            out += "</ul>\n";
        }
        out += "</section>\n";

        if (!g_.categories.empty()) {
            out += "<section aria-labelledby=\"_categories-heading\">\n<h2 id=\"_categories-heading\">Categories</h2>\n"
                   "<ul class=\"";
            out += f::kCategoryList;
            out += "\">\n";
            for (std::size_t i = 0; i < g_.categories.size(); ++i) {
                out += "<li><a class=\"" + std::string(f::kCategory) + "\" href=\"" + category_files_[i] + "\" " +
                       std::string(f::kCategoryAttribute) + "=\"" + xml::xml_attribute(g_.categories[i].id) + "\">" +
                       xml::xml_text(g_.categories[i].label) + "</a> <span class=\"count\">(" +
                       std::to_string(members_[i].size()) + ")</span></li>\n";
            }
            out += "</ul>\n</section>\n";
        }
        close_page(out, Kind::Index);
        return out;
    }

    // ---- Pages of entries ------------------------------------------------------------------

    // Writes a page of entries into `out`: a letter's page (its h1 the
    // letter, a list of its headwords, its entries with h2 headings), or the
    // one page (a section per letter, h2 the letter, h3 the headwords).
    void entry_page(const EntryPage& page, std::string& out) const {
        xhtml::InlinePolicy rich(places_, kWebDialect);
        const bool one_page = page.file == f::kOnePageFile;
        if (one_page) {
            open_page(out, "All entries \u2014 " + site_title(), Kind::Entries);
            out += "<h1>All entries</h1>\n";
            for (const Section* section : page.sections) {
                const std::string id = f::letter_section_id(section->letter);
                out += "<section class=\"letter\" aria-labelledby=\"" + id + "\">\n<h2 id=\"" + id + "\">" +
                       xml::xml_text(epub_backend::section_name(section->letter)) + "</h2>\n";
                for (std::size_t index : section->concepts) entry(out, g_.concepts[index], rich, 3);
                out += "</section>\n";
            }
        } else {
            const Section& section = *page.sections.front();
            const std::string name = epub_backend::section_name(section.letter);
            open_page(out, name + " \u2014 " + site_title(), Kind::Entries, section.letter);
            out += "<h1>" + xml::xml_text(name) + "</h1>\n<nav class=\"";
            out += f::kEntries;
            out += "\" aria-label=\"" + xml::xml_attribute("Entries under " + name) + "\">\n<ul>\n";
            for (std::size_t index : section.concepts) {
                const ir::Concept& c = g_.concepts[index];
                out += "<li><a href=\"#" + xml::anchor(c.id) + "\" dir=\"auto\">";
                xml::append_xml_text(out, c.headword);
                out += "</a></li>\n";
            }
            out += "</ul>\n</nav>\n";
            for (std::size_t index : section.concepts) entry(out, g_.concepts[index], rich, 2);
        }
        close_page(out, Kind::Entries);
    }

    // Appends a concept's <article>, its headword an <h`level`>.
    void entry(std::string& out, const ir::Concept& c, xhtml::InlinePolicy& rich, int level) const {
        const std::string heading = "h" + std::to_string(level);
        out += "<article class=\"";
        out += f::kConcept;
        out += "\" id=\"" + xml::anchor(c.id) + "\">\n<" + heading + " class=\"";
        out += f::kHeadword;
        out += "\" dir=\"auto\"><dfn>";
        xml::append_xml_text(out, c.headword);
        out += "</dfn></" + heading + ">\n";
        // Hidden labels are in the search index, which is what they are for.
        xhtml::append_aliases(out, c, kWebDialect);

        std::vector<std::string> categories;
        for (const auto& id : c.categories) {
            auto position = categories_by_id_.find(id);
            if (position == categories_by_id_.end()) {
                categories.push_back(span(f::kCategory, id));
                continue;
            }
            categories.push_back("<a class=\"" + std::string(f::kCategory) + "\" href=\"" +
                                 category_files_[position->second] + "\">" +
                                 xml::xml_text(g_.categories[position->second].label) + "</a>");
        }
        if (!categories.empty())
            out += xhtml::paragraph(f::kCategories, categories.size() == 1 ? "Category: " : "Categories: ", categories, ", ");

        for (const auto& d : c.definitions) xhtml::append_definition(out, d, titles_.of(d.source), rich);

        xhtml::append_see_also(out, c.related, places_, kWebDialect);

        for (const auto& r : c.references) out += xhtml::reference(r, kWebDialect);
        out += "</article>\n";
    }

    // ---- Category pages -----------------------------------------------------------------

    std::string category_page(std::size_t position) const {
        const ir::Category& category = g_.categories[position];
        const std::vector<const ir::Concept*>& members = members_[position];
        std::string out;
        open_page(out, xml::visible(category.label) + " \u2014 " + site_title(), Kind::Category);
        out += "<h1>" + xml::xml_text(category.label) + "</h1>\n<p>" +
               count(members.size(), "entry", "entries") + " in this category.</p>\n";
        if (!members.empty()) {
            out += "<ul class=\"";
            out += f::kMembers;
            out += "\">\n";
            for (const ir::Concept* c : members)
                out += "<li><a href=\"" + places_.at(c->id).href + "\" dir=\"auto\">" + xml::xml_text(c->headword) +
                       "</a></li>\n";
            out += "</ul>\n";
        }
        close_page(out, Kind::Category);
        return out;
    }

    // ---- search-index.js ------------------------------------------------------------------

    std::string search_index_file() const {
        std::vector<std::string> files;
        std::vector<IndexedConcept> concepts;
        for (std::size_t p = 0; p < pages_.size(); ++p) {
            files.push_back(pages_[p].file);
            for (const Section* section : pages_[p].sections)
                for (std::size_t index : section->concepts) concepts.push_back({&g_.concepts[index], p});
        }
        return search_index(files, concepts);
    }
};

}  // namespace

void stream(const ir::Glossary& glossary, const RenderContext&, BackendOutput& output) {
    SiteWriter(glossary).write(output);
}

}  // namespace glossc::web_backend
