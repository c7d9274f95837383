// The EPUB backend's writer: the IR as an EPUB 3 book (described in
// epub_backend.hpp). Documents are built as strings: the markup is fixed, and
// every value goes through format::xml_text / xml_attribute.
#include <cstdint>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "common/headword_order.hpp"
#include "common/source_titles.hpp"
#include "common/xhtml_write.hpp"
#include "common/zip_archive.hpp"
#include "epub/epub_backend.hpp"
#include "epub/epub_format.hpp"
#include "epub/epub_indexes.hpp"
#include "epub/epub_inline.hpp"
#include "parallel/parallel.hpp"
#include "text/dates.hpp"
#include "text/html_render.hpp"

namespace glossc::epub_backend {

namespace {

namespace f = format;
using xhtml::span;

constexpr std::string_view kStyle = R"(/* glossc EPUB: one small style sheet; the reading system's fonts. */
body { line-height: 1.4; }
h1 { font-size: 1.6em; margin: 0.5em 0; }
h2 { font-size: 1.2em; margin: 1em 0 0.3em; }
dt { font-weight: bold; margin-top: 1.2em; }
dt dfn { font-style: normal; }
dd { margin: 0.2em 0 0 1.5em; }
dd p { margin: 0.2em 0; }
.aliases, .categories, .see-also, .reference, .source { font-size: 0.9em; }
.source { font-variant: small-caps; text-align: right; margin-bottom: 0.5em; }
[hidden] { display: none; }
.field { font-variant: small-caps; }
code { font-family: monospace; }
code.tex { color: #444; }
ul.index, ul.members, ul.sources { list-style: none; padding-left: 0; }
ul.index li { margin: 0.1em 0; }
nav ol { list-style: none; }
ul.jump { list-style: none; padding-left: 0; }
ul.jump li { display: inline; margin-right: 0.8em; }
)";

// The rules for definitions in blocks, only in a book that has them: a book
// whose fields are all single paragraphs has the style sheet it had before
// blocks existed, byte for byte. Code wraps rather than running off a
// reader's page, which has no scroll bar.
constexpr std::string_view kBlockStyle = R"(dd li > p { margin: 0; }
pre { font-family: monospace; white-space: pre-wrap; margin: 0.3em 0; }
blockquote { margin: 0.3em 0 0.3em 0.8em; padding-left: 0.6em; border-left: 2px solid #999; }
table { border-collapse: collapse; margin: 0.3em 0; }
th, td { border: 1px solid #999; padding: 0.1em 0.4em; text-align: left; vertical-align: top; }
)";

// One letter section and the file it is written to.
struct Section {
    std::string letter;  // order::section_of: "#" or an upper-case letter
    std::string file;    // under EPUB/
    std::vector<std::size_t> concepts;  // indices into the glossary, in book order
    bool has_math = false;              // a <math> was written (manifest property "mathml")
    bool has_blocks = false;            // a field in blocks was written (their style rules)
};

// "2026-11-23T00:00:00Z", as dcterms:modified wants it.
std::string iso_timestamp(std::int64_t seconds) { return text::format_utc(seconds, "%Y-%m-%dT%H:%M:%SZ"); }

bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    return s.substr(5, 2) >= "01" && s.substr(5, 2) <= "12" && s.substr(8, 2) >= "01" && s.substr(8, 2) <= "31";
}

// A name-based identifier: the same title always gives the same UUID (version
// 8, "custom"), from two 64-bit FNV-1a hashes of it.
std::string uuid_from(std::string_view name) {
    auto fnv1a = [](std::string_view bytes, std::uint64_t hash) {
        for (unsigned char c : bytes) {
            hash ^= c;
            hash *= 1099511628211ull;
        }
        return hash;
    };
    std::uint64_t high = fnv1a(name, 14695981039346656037ull);
    std::uint64_t low = fnv1a(name, high ^ 0x676c6f7373632d65ull);  // "glossc-e": a second, different hash
    high = (high & ~0xF000ull) | 0x8000ull;                          // version 8
    low = (low & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;    // RFC 4122 variant
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%08llx-%04llx-%04llx-%04llx-%012llx",
                  static_cast<unsigned long long>(high >> 32), static_cast<unsigned long long>((high >> 16) & 0xFFFF),
                  static_cast<unsigned long long>(high & 0xFFFF), static_cast<unsigned long long>(low >> 48),
                  static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFull));
    return buffer;
}


class BookWriter {
public:
    BookWriter(const ir::Glossary& glossary, const RenderContext& context)
        : g_(glossary), context_(context), language_(f::book_language(glossary.language)), titles_(glossary) {
        for (std::size_t index : order::concept_order(g_.concepts)) {
            std::string letter = order::section_of(g_.concepts[index].headword);
            if (sections_.empty() || sections_.back().letter != letter)
                sections_.push_back({letter, f::section_file(letter), {}, false, false});
            sections_.back().concepts.push_back(index);
        }
        concepts_by_id_.reserve(g_.concepts.size());
        for (const auto& section : sections_)
            for (std::size_t index : section.concepts) {
                const ir::Concept& c = g_.concepts[index];
                // Ids are unique in the IR; should one repeat, links go to the first.
                concepts_by_id_.emplace(c.id, LinkTarget<ir::Concept>{&c, section.file + "#" + f::anchor(c.id)});
            }
        for (const auto& category : g_.categories) {
            categories_by_id_.emplace(category.id, LinkTarget<ir::Category>{
                                                       &category, std::string(f::kCategoriesFile) + "#" + f::anchor(category.id)});
        }
    }

    void write(const ChunkSink& sink) {
        // Letter files first: writing them finds out which hold math. They
        // are made on several threads (each reads the glossary and writes
        // only its own section), and each is deflated as soon as it is made,
        // so that only the deflated book waits in memory for the package
        // document, which comes before them in the archive.
        // A letter of a large glossary is tens of megabytes of XHTML: each
        // is written into a buffer taken from a small pool and given back
        // once deflated, so that the pages a buffer has touched serve the
        // next letter instead of fresh memory being faulted in for each
        // (which cost more than rendering at a million entries).
        std::string folder(f::kContentFolder);
        std::vector<zip::PackedMember> letters(sections_.size());
        parallel::BufferPool buffers;
        parallel::for_each_index(sections_.size(), [&](std::size_t i) {
            std::string text = buffers.take();
            section_document(sections_[i], text);
            letters[i] = zip::pack(folder + sections_[i].file, text);
            buffers.give_back(std::move(text));
        });
        bool any_blocks = false;
        for (const auto& section : sections_) {
            any_math_ = any_math_ || section.has_math;
            any_blocks = any_blocks || section.has_blocks;
        }
        zip::ArchiveWriter archive(context_.timestamp, sink);
        archive.add("mimetype", f::kMimetype, true);
        archive.add(std::string(f::kContainerPath), container());
        archive.add(folder + std::string(f::kPackageFile), package());
        archive.add(folder + std::string(f::kStyleFile),
                    any_blocks ? std::string(kStyle) + std::string(kBlockStyle) : std::string(kStyle));
        archive.add(folder + std::string(f::kNavFile), nav());
        archive.add(folder + std::string(f::kTitleFile), title_page());
        for (auto& letter : letters) archive.add(std::move(letter));
        archive.add(folder + std::string(f::kIndexFile), index_page());
        archive.add(folder + std::string(f::kCategoriesFile), categories_page());
        if (!sections_.empty()) archive.add(folder + std::string(f::kSearchKeyMapFile), search_key_map());
        archive.finish();
    }

private:
    const ir::Glossary& g_;
    const RenderContext& context_;
    std::string language_;
    std::vector<Section> sections_;
    // What an id names, and the link to it, looked up for every link and
    // index line (never listed: hashed), keyed by views of the ids in the
    // glossary (a copy of every id and headword was most of building them).
    ConceptTargets concepts_by_id_;
    std::unordered_map<std::string_view, LinkTarget<ir::Category>> categories_by_id_;
    sources::Titles titles_;  // what a definition's attribution shows
    bool any_math_ = false;

    // ---- Documents --------------------------------------------------------------

    // The title for <title> and dc:title, which must not be blank.
    std::string book_title() const {
        std::string shown = f::visible(g_.title);
        return shown.find_first_not_of(" \t\n\r") == std::string::npos ? std::string("Glossary") : shown;
    }

    // An XHTML document's start, up to <body>, appended to `out`; it ends
    // with kXhtmlEnd.
    void open_xhtml(std::string& out, std::string_view page_title) const {
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"";
        out += f::kXhtmlNamespace;
        out += "\" xmlns:epub=\"";
        out += f::kOpsNamespace;
        out += "\" xml:lang=\"" + language_ + "\" lang=\"" + language_ + "\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>";
        out += f::xml_text(page_title);
        out += "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"";
        out += f::kStyleFile;
        out += "\"/>\n</head>\n<body>\n";
    }
    static constexpr std::string_view kXhtmlEnd = "</body>\n</html>\n";

    std::string xhtml(std::string_view page_title, const std::string& body) const {
        std::string out;
        open_xhtml(out, page_title);
        out += body;
        out += kXhtmlEnd;
        return out;
    }

    static std::string container() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
               "<rootfiles>\n<rootfile full-path=\"" +
               std::string(f::kContentFolder) + std::string(f::kPackageFile) +
               "\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";
    }

    std::string package() const {
        std::string metadata;
        auto meta = [&](std::string_view property, std::string_view value) {
            metadata += "<meta property=\"" + std::string(property) + "\">" + f::xml_text(value) + "</meta>\n";
        };
        metadata += "<dc:identifier id=\"book-id\">urn:uuid:" + uuid_from(g_.title) + "</dc:identifier>\n";
        metadata += "<dc:title>" + f::xml_text(book_title()) + "</dc:title>\n";
        metadata += "<dc:language>" + language_ + "</dc:language>\n";
        if (is_date(g_.edition)) metadata += "<dc:date>" + g_.edition + "</dc:date>\n";
        meta("dcterms:modified", iso_timestamp(context_.timestamp));
        meta("schema:accessMode", "textual");
        meta("schema:accessModeSufficient", "textual");
        for (std::string_view feature : {"structuralNavigation", "tableOfContents", "index", "readingOrder"})
            meta("schema:accessibilityFeature", feature);
        if (any_math_) meta("schema:accessibilityFeature", "MathML");
        meta("schema:accessibilityHazard", "none");
        meta("schema:accessibilitySummary",
             std::string("A glossary in reading order: one section per letter, each entry with its other names, "
                         "definitions and their sources, and links to related entries; a table of contents, an "
                         "index of names and a category index. No images, sound or motion.") +
                 (any_math_ ? " Formulas are MathML, with their TeX source as alternative text." : ""));

        std::string manifest;
        auto item = [&](std::string_view id, std::string_view href, std::string_view type, std::string_view properties) {
            manifest += "<item id=\"" + std::string(id) + "\" href=\"" + std::string(href) + "\" media-type=\"" +
                        std::string(type) + "\"" +
                        (properties.empty() ? "" : " properties=\"" + std::string(properties) + "\"") + "/>\n";
        };
        constexpr std::string_view kXhtmlType = "application/xhtml+xml";
        item("style", f::kStyleFile, "text/css", "");
        item("nav", f::kNavFile, kXhtmlType, "nav");
        item("title-page", f::kTitleFile, kXhtmlType, "");
        for (const auto& section : sections_)
            item(f::section_item_id(section.letter), section.file, kXhtmlType,
                 section.has_math ? "glossary mathml" : "glossary");
        item("index", f::kIndexFile, kXhtmlType, "");
        item("categories", f::kCategoriesFile, kXhtmlType, "");
        if (!sections_.empty())
            item("search-key-map", f::kSearchKeyMapFile, "application/vnd.epub.search-key-map+xml",
                 "search-key-map glossary");

        std::string spine = "<itemref idref=\"title-page\"/>\n<itemref idref=\"nav\"/>\n";
        for (const auto& section : sections_) spine += "<itemref idref=\"" + f::section_item_id(section.letter) + "\"/>\n";
        spine += "<itemref idref=\"index\"/>\n<itemref idref=\"categories\"/>\n";

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" "
               "version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\"" +
               language_ + "\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n" + metadata +
               "</metadata>\n<manifest>\n" + manifest + "</manifest>\n<spine>\n" + spine + "</spine>\n</package>\n";
    }

    std::string nav() const {
        std::string letters;
        for (const auto& section : sections_)
            letters += "<li><a href=\"" + section.file + "\">" + f::xml_text(section_name(section.letter)) + "</a></li>\n";
        std::string body = "<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>Contents</h1>\n<ol>\n";
        body += "<li><a href=\"" + std::string(f::kTitleFile) + "\">Title page</a></li>\n";
        if (!sections_.empty())
            body += "<li><a href=\"" + sections_.front().file + "\">Glossary</a>\n<ol>\n" + letters + "</ol>\n</li>\n";
        body += "<li><a href=\"" + std::string(f::kIndexFile) + "\">Index of names</a></li>\n";
        body += "<li><a href=\"" + std::string(f::kCategoriesFile) + "\">Categories</a></li>\n</ol>\n</nav>\n";
        body += "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"\">\n<h2>Landmarks</h2>\n<ol>\n";
        body += "<li><a epub:type=\"titlepage\" href=\"" + std::string(f::kTitleFile) + "\">Title page</a></li>\n";
        body += "<li><a epub:type=\"toc\" href=\"" + std::string(f::kNavFile) + "#toc\">Contents</a></li>\n";
        if (!sections_.empty())
            body += "<li><a epub:type=\"bodymatter\" href=\"" + sections_.front().file + "\">Glossary</a></li>\n";
        body += "<li><a epub:type=\"index\" href=\"" + std::string(f::kIndexFile) + "\">Index of names</a></li>\n";
        body += "</ol>\n</nav>\n";
        return xhtml("Contents", body);
    }

    std::string title_page() const {
        std::set<std::string> names;
        for (const auto& c : g_.concepts) {
            names.insert(c.headword);
            for (const auto& label : c.labels) names.insert(label.text);
        }
        std::string body = "<section epub:type=\"titlepage\">\n<h1 class=\"" + std::string(f::kTitle) + "\">" +
                           f::xml_text(g_.title) + "</h1>\n";
        body += "<p>Edition " + span(f::kEdition, g_.edition) + "</p>\n";
        body += "<p>" + std::to_string(g_.concepts.size()) + " concepts under " + std::to_string(names.size()) + " names";
        if (g_.sources.empty()) {
            body += ".</p>\n";
        } else {
            // Readers see each source's title, a link when it has a URL an
            // href can hold; never its id, file or counts (editors' facts).
            body += ", from " + std::to_string(g_.sources.size()) + (g_.sources.size() == 1 ? " source" : " sources") +
                    ":</p>\n<ul class=\"" + std::string(f::kSources) + "\">\n";
            for (const auto& source : g_.sources) xhtml::append_source(body, sources::reader_view(source), kXhtmlDialect);
            body += "</ul>\n";
        }
        body += "<p>Compiled by glossc.</p>\n</section>\n";
        return xhtml(book_title(), body);
    }

    // ---- Letter files ---------------------------------------------------------------

    // Writes a letter file into `out`, replacing what it held (its capacity
    // is kept).
    void section_document(Section& section, std::string& out) {
        out.clear();
        open_xhtml(out, book_title() + " \u2014 " + section_name(section.letter));
        out += "<section epub:type=\"glossary\" role=\"doc-glossary\">\n<h1>" +
               f::xml_text(section_name(section.letter)) + "</h1>\n<dl>\n";
        XhtmlInline rich(concepts_by_id_);
        for (std::size_t index : section.concepts) entry(out, g_.concepts[index], rich, section);
        out += "</dl>\n</section>\n";
        out += kXhtmlEnd;
        section.has_math = rich.wrote_math();
    }

    // Appends a concept's <dt> and <dd> to `out`.
    void entry(std::string& out, const ir::Concept& c, XhtmlInline& rich, Section& section) {
        out += "<dt id=\"";
        out += f::anchor(c.id);
        out += "\"><dfn>";
        f::append_xml_text(out, c.headword);
        out += "</dfn></dt>\n<dd>\n";
        // Hidden labels are in the search key map, which is what they are for.
        xhtml::append_aliases(out, c, kXhtmlDialect);

        std::vector<std::string> categories;
        for (const auto& id : c.categories) {
            auto href = categories_by_id_.find(id);
            if (href == categories_by_id_.end()) {
                categories.push_back(span(f::kCategory, id));
                continue;
            }
            categories.push_back("<a class=\"" + std::string(f::kCategory) + "\" href=\"" + href->second.href + "\">" +
                                 f::xml_text(href->second.item->label) + "</a>");
        }
        if (!categories.empty())
            out += xhtml::paragraph(f::kCategories, categories.size() == 1 ? "Category: " : "Categories: ", categories, ", ");

        for (const auto& d : c.definitions)
            if (xhtml::append_definition(out, d, titles_.of(d.source), rich)) section.has_blocks = true;

        xhtml::append_see_also(out, c.related, concepts_by_id_, kXhtmlDialect);

        for (const auto& r : c.references) out += xhtml::reference(r, kXhtmlDialect);
        out += "</dd>\n";
    }

    // ---- Indexes and the search key map ---------------------------------------------------

    std::string index_page() const { return xhtml("Index of names", index_body(g_, concepts_by_id_)); }

    std::string categories_page() const {
        std::vector<std::size_t> book_order;
        book_order.reserve(g_.concepts.size());
        for (const auto& section : sections_) book_order.insert(book_order.end(), section.concepts.begin(), section.concepts.end());
        return xhtml("Categories", categories_body(g_, book_order, concepts_by_id_));
    }

    std::string search_key_map() const {
        std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<search-key-map xmlns=\"" +
                          std::string(f::kOpsNamespace) + "\" xml:lang=\"" + language_ + "\">\n";
        for (const auto& section : sections_)
            for (std::size_t index : section.concepts) {
                const ir::Concept& c = g_.concepts[index];
                out += "<search-key-group href=\"" + concepts_by_id_.at(c.id).href + "\">\n<match value=\"" +
                       f::xml_attribute(c.headword) + "\">\n";
                std::set<std::string_view> seen{c.headword};
                for (const auto& label : c.labels)
                    if (seen.insert(label.text).second) out += "<value value=\"" + f::xml_attribute(label.text) + "\"/>\n";
                out += "</match>\n</search-key-group>\n";
            }
        return out + "</search-key-map>\n";
    }
};

}  // namespace

void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output) {
    BookWriter(glossary, context).write(output.write);
}

}  // namespace glossc::epub_backend
