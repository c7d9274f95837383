// Reader for HTML glossary pages (format "html"; .html, .htm), parsed with
// libxml2's HTML parser in recovery mode, so tag soup (unclosed tags, stray
// end tags, HTML5 elements libxml2 does not know) still reads; what it had
// to repair is reported ("html-malformed").
//
// Two layouts, which may be mixed on one page (see outline.hpp):
//   <dl><dt>Key–value cache</dt><dt>KV cache</dt><dd>…</dd></dl>
//       one entry per group of <dt> (the first is the headword, the others
//       aliases) and the <dd> after them (first paragraph -> summary, the
//       rest -> body);
//   <h2>Term</h2><p>…</p><p>…</p>
//       a heading followed by paragraphs (and lists) up to the next heading;
//       a heading followed by deeper headings or a <dl> is a section whose
//       title becomes the entries' category.
//   <ul><li><b>Term</b>: definition</li></ul>
//       list items opening with a bold term and ":", "—", "–" or " - " (not
//       inside a term's definition, where a list is prose).
// A <table> whose header row names a term column (see fields.hpp) is read
// row by row as entries. Labelled paragraphs ("Also known as …",
// "Example: …", "See also: …") are fields (generic.hpp).
//
// Never content: <head>, <script>, <style>, <noscript>, <template>, <nav>,
// <header>, <footer>, <aside>, <form>, <button>, <iframe>, <svg>, and
// anything aria-hidden="true". Entities are decoded by the parser.
//
// Inline markup is kept as rich text: <em>/<i> -> Emph, <strong>/<b> ->
// Strong, <code>/<kbd>/<samp>/<tt> -> Code, <a href> -> Link (in-page "#…"
// links keep only their text), <sub>/<sup> -> Math joined to the word before
// ("x<sub>i</sub>" -> $x_i$, "n<sup>2</sup>" -> $n^2$), MathML <math> -> Math
// from its TeX annotation (encoding "application/x-tex") or its alttext,
// MathJax's <script type="math/tex"> -> Math, and \(..\), \[..\], $..$ in text
// -> Math.
//
// Line numbers come from libxml2 (xmlGetLineNo): an entry's line is its
// first <dt>, heading or table row.
//
// Options ([source.options] in the manifest):
//   container  the element(s) holding the glossary; everything outside is
//              ignored. A simple CSS selector — a tag name, "#id", ".class"
//              or a combination ("div.glossary", "section#terms") — or an
//              XPath 1.0 expression starting with "/" or "("
//              ("//main//section[2]"). Default: <body>. It must match.
//   headings   the heading levels that name terms (default ["h2", "h3"]).
//   ignore     more parts that are not content, as simple CSS selectors
//              (e.g. [".toc", "#comments"]), besides the defaults above.
//   columns    for table glossaries: [source.options.columns] field = "name".
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>
#include <mutex>
#include <set>

#include "readers/fields.hpp"
#include "readers/generic.hpp"
#include "readers/options.hpp"
#include "readers/outline.hpp"
#include "readers/readers.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

namespace {

using generic::Draft;

// ---- libxml2 plumbing --------------------------------------------------------------

std::string_view tag_of(const xmlNode* node) {
    return node->type == XML_ELEMENT_NODE && node->name ? reinterpret_cast<const char*>(node->name) : "";
}

std::string attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

std::string content_of(const xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

std::uint32_t line_of(const xmlNode* node) {
    long line = xmlGetLineNo(node);
    return line > 0 && line < static_cast<long>(UINT32_MAX) ? static_cast<std::uint32_t>(line) : 0;
}

bool is_text(const xmlNode* node) { return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE; }

// Collects libxml2's errors while it lives (they would go to stderr).
class ErrorCollector {
public:
    struct Error {
        int code = 0;
        int line = 0;
        std::string message;
    };
    ErrorCollector() : previous_(xmlStructuredError), previous_context_(xmlStructuredErrorContext) {
        xmlSetStructuredErrorFunc(this, &ErrorCollector::collect);
    }
    ~ErrorCollector() { xmlSetStructuredErrorFunc(previous_context_, previous_); }
    ErrorCollector(const ErrorCollector&) = delete;
    ErrorCollector& operator=(const ErrorCollector&) = delete;

    std::vector<Error> errors;

private:
    static void collect(void* self, xmlErrorPtr error) {
        if (!error) return;
        std::string message = error->message ? error->message : "";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        static_cast<ErrorCollector*>(self)->errors.push_back({error->code, error->line, std::move(message)});
    }
    xmlStructuredErrorFunc previous_;
    void* previous_context_;
};

// ---- Selectors -----------------------------------------------------------------------

// "div.glossary", "#terms", "section", ".a.b"
struct Selector {
    std::string tag;
    std::string id;
    std::vector<std::string> classes;
};

std::optional<Selector> parse_selector(std::string_view s) {
    Selector out;
    auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; };
    std::size_t i = 0;
    while (i < s.size() && name_char(s[i])) out.tag += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++])));
    while (i < s.size()) {
        char kind = s[i++];
        std::string name;
        while (i < s.size() && name_char(s[i])) name += s[i++];
        if (name.empty() || (kind != '#' && kind != '.')) return std::nullopt;
        if (kind == '#') {
            if (!out.id.empty()) return std::nullopt;
            out.id = name;
        } else {
            out.classes.push_back(name);
        }
    }
    if (out.tag.empty() && out.id.empty() && out.classes.empty()) return std::nullopt;
    return out;
}

bool matches(const xmlNode* node, const Selector& selector) {
    if (node->type != XML_ELEMENT_NODE) return false;
    if (!selector.tag.empty() && tag_of(node) != selector.tag) return false;
    if (!selector.id.empty() && attribute(node, "id") != selector.id) return false;
    if (selector.classes.empty()) return true;
    std::string classes = " " + text::collapse_whitespace(attribute(node, "class")) + " ";
    for (const auto& c : selector.classes)
        if (classes.find(" " + c + " ") == std::string::npos) return false;
    return true;
}

const std::set<std::string_view> kIgnoredTags{"head",   "script", "style",  "noscript", "template", "nav", "header",
                                              "footer", "aside",  "form",   "button",   "iframe",   "svg"};

const std::set<std::string_view> kBlockTags{
    "address", "article", "aside",  "blockquote", "body",   "center", "details", "dialog", "dd",     "div",
    "dl",      "dt",      "fieldset", "figcaption", "figure", "footer", "form",    "h1",     "h2",     "h3",
    "h4",      "h5",      "h6",     "header",     "hgroup", "hr",     "html",    "li",     "main",   "nav",
    "ol",      "p",       "pre",    "section",    "table",  "tbody",  "thead",   "tfoot",  "tr",     "td",
    "th",      "caption", "ul",     "summary",    "menu"};

int heading_level(std::string_view tag) {
    if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') return tag[1] - '0';
    return 0;
}

struct Layout {
    std::string container;
    std::set<int> term_levels;
    std::vector<Selector> ignore;
};

std::optional<Layout> read_options(const SourceSpec& spec, DiagnosticSink& sink) {
    ReaderOptions options(spec, sink, {"container", "headings", "ignore", "columns"});
    Layout layout;
    layout.container = options.string("container", "");
    bool ok = true;
    auto fail = [&](const std::string& message) {
        ok = false;
        sink.error(spec.where.file.empty() ? location(spec, 0) : spec.where, "reader-bad-option",
                   "source '" + spec.id + "': " + message);
    };
    for (const auto& heading : options.strings("headings", false, {})) {
        int level = heading_level(text::trim(heading));
        if (level == 0) {
            fail("option 'headings': '" + heading + "' is not a heading tag (h1 … h6)");
            continue;
        }
        layout.term_levels.insert(level);
    }
    if (layout.term_levels.empty()) layout.term_levels = {2, 3};
    for (const auto& selector : options.strings("ignore", false, {})) {
        if (auto parsed = parse_selector(text::trim(selector))) {
            layout.ignore.push_back(*parsed);
        } else {
            fail("option 'ignore': '" + selector + "' is not a simple selector (tag, #id, .class)");
        }
    }
    if (!options.ok() || !ok) return std::nullopt;
    return layout;
}

// ---- The reader ------------------------------------------------------------------------

class HtmlReader {
public:
    HtmlReader(const SourceSpec& spec, DiagnosticSink& sink, Layout layout)
        : spec_(spec), sink_(sink), layout_(std::move(layout)), columns_(spec, sink, "columns"),
          outline_(spec, sink, layout_.term_levels) {
        outline_.set_unplaced_hint(
            "the 'container' option selects the element holding the glossary; 'ignore' skips parts of it");
    }

    ReaderResult read(std::string_view document) {
        ReaderResult result;
        if (!columns_.ok()) return result;
        if (document.size() > static_cast<std::size_t>(INT_MAX)) {
            sink_.error(location(spec_, 0), "html-syntax", "the document is too large to parse");
            return result;
        }
        // libxml2 must be initialised once before threads use it (readers
        // run in parallel, see driver.cpp); its error handler is per thread.
        static std::once_flag initialised;
        std::call_once(initialised, [] { xmlInitParser(); });
        std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(nullptr, &xmlFreeDoc);
        {
            ErrorCollector collector;
            doc.reset(htmlReadMemory(document.data(), static_cast<int>(document.size()), nullptr, "UTF-8",
                                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                         HTML_PARSE_NONET));
            report_parse_errors(collector.errors);
        }
        xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
        if (!root) {
            sink_.warning(location(spec_, 0), "no-entries", "the document holds no HTML elements");
            return result;
        }
        auto containers = find_containers(doc.get(), root);
        if (!containers) return result;
        for (xmlNode* container : *containers) blocks({container});

        for (auto& draft : outline_.finish())
            if (auto entry = generic::finish(spec_, std::move(draft), sink_)) result.entries.push_back(std::move(*entry));
        generic::resolve_related(spec_, result.entries, sink_);
        if (result.entries.empty())
            sink_.warning(location(spec_, 0), "no-entries",
                          "found no glossary entries (a <dl> of <dt>/<dd>, or h2/h3 headings followed by paragraphs)");
        return result;
    }

private:
    void report_parse_errors(const std::vector<ErrorCollector::Error>& errors) {
        constexpr std::size_t kShown = 10;
        std::size_t shown = 0, hidden = 0;
        for (const auto& error : errors) {
            auto where = location(spec_, error.line > 0 ? static_cast<std::uint32_t>(error.line) : 0);
            // libxml2 stops building the tree 256 elements deep (which also
            // keeps the reader's walk over it shallow): the rest is lost.
            if (error.message.find("Excessive depth") != std::string::npos) {
                sink_.error(where, "markup-too-deep",
                            "elements nested more than 256 levels deep; the parser stops here and what follows is "
                            "not read");
                continue;
            }
            // Not damage: HTML5 elements libxml2 does not know, and "</p>" in a script's text.
            if (error.code == XML_HTML_UNKNOWN_TAG || error.message.find("embeds close tag") != std::string::npos)
                continue;
            if (shown == kShown) {
                ++hidden;
                continue;
            }
            ++shown;
            sink_.warning(where, "html-malformed", "malformed HTML, read as repaired by the parser: " + error.message);
        }
        if (hidden > 0)
            sink_.note(location(spec_, 0), "html-malformed",
                       std::to_string(hidden) + " more HTML parse problems are not shown");
    }

    // ---- containers and ignored parts

    std::optional<std::vector<xmlNode*>> find_containers(xmlDoc* doc, xmlNode* root) {
        std::vector<xmlNode*> found;
        const std::string& container = layout_.container;
        Location where = spec_.where.file.empty() ? location(spec_, 0) : spec_.where;
        if (container.empty()) {
            xmlNode* body = find_first(root, Selector{"body", {}, {}});
            found.push_back(body ? body : root);
            return found;
        }
        if (container.front() == '/' || container.front() == '(') {
            ErrorCollector collector;  // XPath syntax errors
            std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> context(xmlXPathNewContext(doc),
                                                                                       &xmlXPathFreeContext);
            std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> matched(
                context ? xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(container.c_str()), context.get())
                        : nullptr,
                &xmlXPathFreeObject);
            if (!matched) {
                sink_.error(where, "reader-bad-option",
                            "source '" + spec_.id + "': option 'container': '" + container +
                                "' is not a valid XPath expression");
                return std::nullopt;
            }
            if (matched->type == XPATH_NODESET && matched->nodesetval)
                for (int i = 0; i < matched->nodesetval->nodeNr; ++i)
                    if (matched->nodesetval->nodeTab[i]->type == XML_ELEMENT_NODE)
                        found.push_back(matched->nodesetval->nodeTab[i]);
        } else if (auto selector = parse_selector(container)) {
            collect_matches(root, *selector, found);
        } else {
            sink_.error(where, "reader-bad-option",
                        "source '" + spec_.id + "': option 'container': '" + container +
                            "' is neither a simple selector (tag, #id, .class) nor an XPath expression (\"//…\")");
            return std::nullopt;
        }
        // Only the outermost: a container inside another is read once.
        std::vector<xmlNode*> outermost;
        for (xmlNode* node : found) {
            bool inside = false;
            for (xmlNode* up = node->parent; up && !inside; up = up->parent)
                inside = std::find(found.begin(), found.end(), up) != found.end();
            if (!inside && std::find(outermost.begin(), outermost.end(), node) == outermost.end())
                outermost.push_back(node);
        }
        if (outermost.empty()) {
            sink_.error(where, "html-container-not-found",
                        "source '" + spec_.id + "': no element matches container '" + container + "'");
            return std::nullopt;
        }
        return outermost;
    }

    static xmlNode* find_first(xmlNode* node, const Selector& selector) {
        for (; node; node = node->next) {
            if (matches(node, selector)) return node;
            if (xmlNode* inside = find_first(node->children, selector)) return inside;
        }
        return nullptr;
    }

    static void collect_matches(xmlNode* node, const Selector& selector, std::vector<xmlNode*>& out) {
        for (; node; node = node->next) {
            if (matches(node, selector)) {
                out.push_back(node);
                continue;
            }
            collect_matches(node->children, selector, out);
        }
    }

    bool ignored(const xmlNode* node) const {
        if (node->type != XML_ELEMENT_NODE) return node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE;
        if (kIgnoredTags.count(tag_of(node))) return true;
        if (attribute(node, "aria-hidden") == "true") return true;
        for (const auto& selector : layout_.ignore)
            if (matches(node, selector)) return true;
        return false;
    }

    bool contains_block(const xmlNode* node) const {
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE || ignored(child)) continue;
            if (kBlockTags.count(tag_of(child)) || contains_block(child)) return true;
        }
        return false;
    }

    // ---- blocks

    static std::vector<xmlNode*> children_of(xmlNode* parent) {
        std::vector<xmlNode*> out;
        for (xmlNode* child = parent->children; child; child = child->next) out.push_back(child);
        return out;
    }

    // Block content in document order: headings, lists, paragraphs, and
    // runs of inline content between them.
    void blocks(const std::vector<xmlNode*>& nodes) {
        std::vector<xmlNode*> run;  // consecutive inline content
        auto flush = [&] {
            if (run.empty()) return;
            ir::RichText rich;
            for (xmlNode* node : run) inline_into(rich, node);
            generic::tidy(rich);
            outline_.content({std::move(rich)}, line_of(run.front()));
            run.clear();
        };
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            xmlNode* child = nodes[i];
            if (is_math_script(child)) {
                run.push_back(child);
                continue;
            }
            if (ignored(child)) continue;
            if (is_text(child)) {
                run.push_back(child);
                continue;
            }
            std::string_view tag = tag_of(child);
            if (int level = heading_level(tag)) {
                flush();
                ir::RichText title = inline_of(child);
                outline_.heading(level, title, line_of(child));
            } else if (tag == "dl") {
                flush();
                std::vector<xmlNode*> items;
                collect_items(child, items);
                definition_list(items);
            } else if (tag == "dt" || tag == "dd") {
                // Items outside any <dl>: the run of them is one list.
                flush();
                std::vector<xmlNode*> items;
                for (; i < nodes.size(); ++i) {
                    std::string_view item_tag = tag_of(nodes[i]);
                    if (item_tag == "dt" || item_tag == "dd") {
                        items.push_back(nodes[i]);
                        collect_items_nested(nodes[i], items);
                    } else if (!ignored(nodes[i]) &&
                               !(is_text(nodes[i]) && text::collapse_whitespace(content_of(nodes[i])).empty())) {
                        break;
                    }
                }
                --i;
                definition_list(items);
            } else if (tag == "table") {
                flush();
                table(child);
            } else if (tag == "ul" || tag == "ol" || tag == "menu") {
                flush();
                list(child);
            } else if (tag == "p" || tag == "pre" || tag == "blockquote" || tag == "figure" || tag == "address" ||
                       tag == "details" || tag == "li") {
                flush();
                outline_.content(paragraphs_of(child), line_of(child));
            } else if (tag == "hr") {
                flush();
            } else if (kBlockTags.count(tag) || contains_block(child)) {
                flush();
                blocks(children_of(child));
            } else {
                run.push_back(child);
            }
        }
        flush();
    }

    // A list of "<b>Term</b>: definition" items is a list of entries (unless
    // it sits in a term's definition); any other list is prose.
    void list(xmlNode* node) {
        std::vector<xmlNode*> items;
        std::vector<std::optional<Draft>> drafts;
        bool any = false;
        if (!outline_.in_definition()) {
            for (xmlNode* child : children_of(node)) {
                if (tag_of(child) != "li" || ignored(child)) continue;
                items.push_back(child);
                drafts.push_back(bold_term_item(child));
                any = any || drafts.back().has_value();
            }
        }
        if (!any) {
            outline_.content(paragraphs_of(node), line_of(node));
            return;
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (drafts[i]) {
                outline_.entry(std::move(*drafts[i]));
            } else {
                outline_.content(paragraphs_of(items[i]), line_of(items[i]));
            }
        }
    }

    std::optional<Draft> bold_term_item(xmlNode* item) {
        auto paragraphs = paragraphs_of(item);
        if (paragraphs.empty()) return std::nullopt;
        auto split = generic::split_bold_term(paragraphs.front());
        if (!split) return std::nullopt;
        Draft draft;
        draft.printed = split->first;
        draft.line = line_of(item);
        if (!split->second.empty()) draft.paragraphs.push_back(std::move(split->second));
        for (std::size_t i = 1; i < paragraphs.size(); ++i) draft.paragraphs.push_back(std::move(paragraphs[i]));
        return draft;
    }

    // Paragraphs of a block: its inline runs, its block children (list
    // items, paragraphs, table rows) each a paragraph of their own. Items
    // that a <dl> reading flattened (nested <dt>/<dd>) are left out.
    std::vector<ir::RichText> paragraphs_of(xmlNode* node, bool skip_items = false) {
        std::vector<ir::RichText> out;
        std::string_view tag = tag_of(node);
        if (tag == "pre") {
            std::string code = text::collapse_whitespace(content_of(node));
            if (!code.empty()) out.push_back({ir::code(std::move(code))});
            return out;
        }
        if (tag == "tr") {
            ir::RichText row;
            for (xmlNode* cell = node->children; cell; cell = cell->next) {
                if (tag_of(cell) != "td" && tag_of(cell) != "th") continue;
                ir::RichText text = inline_of(cell);
                if (text.empty()) continue;
                if (!row.empty()) text::append_text(row, ";");
                generic::append_paragraph(row, text);
            }
            if (!row.empty()) out.push_back(std::move(row));
            return out;
        }
        ir::RichText run;
        auto flush = [&] {
            generic::tidy(run);
            if (!run.empty()) out.push_back(std::move(run));
            run.clear();
        };
        for (xmlNode* child = node->children; child; child = child->next) {
            if (is_math_script(child)) {
                inline_into(run, child);
                continue;
            }
            if (ignored(child)) continue;
            std::string_view child_tag = tag_of(child);
            if (skip_items && (child_tag == "dt" || child_tag == "dd")) continue;
            if (is_text(child) || (!kBlockTags.count(child_tag) && !contains_block(child))) {
                inline_into(run, child);
                continue;
            }
            flush();
            for (auto& paragraph : paragraphs_of(child)) out.push_back(std::move(paragraph));
        }
        flush();
        return out;
    }

    void definition_list(const std::vector<xmlNode*>& items) {
        std::vector<xmlNode*> names, definitions;
        auto emit = [&] {
            if (names.empty() && definitions.empty()) return;
            Draft draft;
            if (!names.empty()) {
                draft.printed = generic::plain(inline_of(names.front(), true));
                draft.line = line_of(names.front());
                for (std::size_t i = 1; i < names.size(); ++i) {
                    std::string alias = generic::plain(inline_of(names[i], true));
                    if (!alias.empty()) draft.aliases.push_back(std::move(alias));
                }
            } else {
                draft.line = line_of(definitions.front());
            }
            for (xmlNode* definition : definitions)
                for (auto& paragraph : paragraphs_of(definition, true)) draft.paragraphs.push_back(std::move(paragraph));
            outline_.entry(std::move(draft));
            names.clear();
            definitions.clear();
        };
        for (xmlNode* item : items) {
            if (tag_of(item) == "dt") {
                if (!definitions.empty()) emit();
                names.push_back(item);
            } else {
                definitions.push_back(item);
            }
        }
        emit();
    }

    // <dt>/<dd> of a list in document order: through <div> groups, and out
    // of the nesting a recovering parser makes of "<dt>A<dt>B".
    void collect_items(xmlNode* parent, std::vector<xmlNode*>& items) {
        for (xmlNode* child = parent->children; child; child = child->next) {
            if (ignored(child)) continue;
            std::string_view tag = tag_of(child);
            if (tag == "dt" || tag == "dd") {
                items.push_back(child);
                collect_items_nested(child, items);
            } else if (tag == "div") {
                collect_items(child, items);
            } else if (parent->type == XML_ELEMENT_NODE && tag_of(parent) != "dt" && tag_of(parent) != "dd") {
                std::string stray = text::collapse_whitespace(content_of(child));
                if (!stray.empty())
                    sink_.warning(location(spec_, line_of(child)), "unplaced-text",
                                  "text in a <dl> outside any <dt> or <dd>: '" + text::excerpt(stray) + "'");
            }
        }
    }
    void collect_items_nested(xmlNode* item, std::vector<xmlNode*>& items) {
        for (xmlNode* child = item->children; child; child = child->next) {
            std::string_view tag = tag_of(child);
            if (tag != "dt" && tag != "dd") continue;
            items.push_back(child);
            collect_items_nested(child, items);
        }
    }

    void table(xmlNode* node) {
        std::vector<xmlNode*> rows;
        collect_rows(node, rows);
        if (rows.size() >= 2) {
            std::vector<std::string> names;
            std::vector<xmlNode*> header = cells(rows.front());
            for (xmlNode* cell : header) names.push_back(generic::plain(inline_of(cell)));
            auto fields = columns_.assign(names);
            bool has_term = std::find(fields.begin(), fields.end(), generic::Field::Term) != fields.end();
            if (has_term && names.size() >= 2) {
                for (std::size_t r = 1; r < rows.size(); ++r) {
                    generic::RecordBuilder record(line_of(rows[r]));
                    std::vector<xmlNode*> row = cells(rows[r]);
                    std::string context;
                    for (std::size_t i = 0; i < row.size(); ++i) {
                        ir::RichText value = inline_of(row[i]);
                        context += generic::plain(value) + " ";
                        if (i < fields.size() && fields[i]) {
                            record.add_rich(*fields[i], std::move(value));
                        } else {
                            std::string name = i < names.size() && !names[i].empty() ? names[i]
                                                                                      : "column " + std::to_string(i + 1);
                            record.add_extra(name, generic::plain(value));
                        }
                    }
                    Draft draft = record.take();
                    draft.context = context;
                    if (text::trim(context).empty()) continue;  // an empty row
                    outline_.entry(std::move(draft));
                }
                return;
            }
        }
        std::vector<ir::RichText> paragraphs;
        for (xmlNode* row : rows)
            for (auto& paragraph : paragraphs_of(row)) paragraphs.push_back(std::move(paragraph));
        outline_.content(std::move(paragraphs), line_of(node));
    }
    void collect_rows(xmlNode* parent, std::vector<xmlNode*>& rows) {
        for (xmlNode* child = parent->children; child; child = child->next) {
            std::string_view tag = tag_of(child);
            if (tag == "tr") {
                rows.push_back(child);
            } else if (tag == "thead" || tag == "tbody" || tag == "tfoot") {
                collect_rows(child, rows);
            }
        }
    }
    static std::vector<xmlNode*> cells(xmlNode* row) {
        std::vector<xmlNode*> out;
        for (xmlNode* cell = row->children; cell; cell = cell->next)
            if (tag_of(cell) == "td" || tag_of(cell) == "th") out.push_back(cell);
        return out;
    }

    // ---- inline content

    static bool is_math_script(const xmlNode* node) {
        return tag_of(node) == "script" && attribute(node, "type").find("math/tex") != std::string::npos;
    }

    ir::RichText inline_of(xmlNode* node, bool skip_items = false) {
        ir::RichText out;
        for (xmlNode* child = node->children; child; child = child->next) {
            if (skip_items && (tag_of(child) == "dt" || tag_of(child) == "dd")) continue;
            inline_into(out, child);
        }
        generic::tidy(out);
        return out;
    }

    void children_into(ir::RichText& out, xmlNode* node) {
        for (xmlNode* child = node->children; child; child = child->next) inline_into(out, child);
    }

    void inline_into(ir::RichText& out, xmlNode* node) {
        if (is_text(node)) {
            if (node->content) text::append_text(out, reinterpret_cast<const char*>(node->content));
            return;
        }
        if (is_math_script(node)) {
            out.push_back(ir::math(content_of(node)));
            return;
        }
        if (ignored(node)) return;
        std::string_view tag = tag_of(node);
        if (tag == "br" || tag == "hr") {
            text::append_text(out, " ");
        } else if (tag == "em" || tag == "i") {
            ir::RichText children;
            children_into(children, node);
            out.push_back(ir::emph(std::move(children)));
        } else if (tag == "strong" || tag == "b") {
            ir::RichText children;
            children_into(children, node);
            out.push_back(ir::strong(std::move(children)));
        } else if (tag == "code" || tag == "kbd" || tag == "samp" || tag == "tt") {
            out.push_back(ir::code(content_of(node)));
        } else if (tag == "a") {
            std::string href = text::collapse_whitespace(attribute(node, "href"));
            if (href.empty() || href.front() == '#' || text::starts_with(href, "javascript:")) {
                children_into(out, node);
            } else {
                ir::RichText children;
                children_into(children, node);
                out.push_back(ir::link(std::move(href), std::move(children)));
            }
        } else if (tag == "sub" || tag == "sup") {
            script_into(out, node, tag == "sup");
        } else if (tag == "math") {
            mathml_into(out, node);
        } else {
            bool block = kBlockTags.count(tag) > 0;
            if (block) text::append_text(out, " ");
            children_into(out, node);
            if (block) text::append_text(out, " ");
        }
    }

    // x<sub>i</sub> -> $x_i$, n<sup>2</sup> -> $n^2$, 1<sup>st</sup> -> "1st".
    void script_into(ir::RichText& out, xmlNode* node, bool superscript) {
        std::string content = text::collapse_whitespace(content_of(node));
        bool simple = !content.empty() && content.size() <= 12;
        for (xmlNode* child = node->children; child && simple; child = child->next)
            simple = is_text(child) || tag_of(child) == "i" || tag_of(child) == "em";
        for (char c : content)
            simple = simple && (std::isalnum(static_cast<unsigned char>(c)) || std::string_view("+-=*,.' ").find(c) != std::string_view::npos);
        static const std::set<std::string_view> kOrdinals{"st", "nd", "rd", "th", "e", "er", "re"};
        if (!simple || (superscript && kOrdinals.count(content))) {
            children_into(out, node);
            return;
        }
        std::string script = (superscript ? "^" : "_") + (content.size() == 1 ? content : "{" + content + "}");
        if (!out.empty() && out.back().kind == ir::InlineKind::Math) {
            out.back().text += script;
            return;
        }
        if (!out.empty() && out.back().kind == ir::InlineKind::Text) {
            std::string& before = out.back().text;
            std::size_t start = before.size();
            while (start > 0 && std::isalnum(static_cast<unsigned char>(before[start - 1]))) --start;
            if (start < before.size()) {
                std::string base = before.substr(start);
                before.erase(start);
                if (before.empty()) out.pop_back();
                // "W<sub>U</sub>h<sub>l</sub>": one formula, $W_U h_l$.
                if (before.empty() && !out.empty() && out.back().kind == ir::InlineKind::Math) {
                    out.back().text += " " + base + script;
                } else {
                    out.push_back(ir::math(base + script));
                }
                return;
            }
        }
        text::append_text(out, (superscript ? "^" : "_") + content);
    }

    // MathML: the TeX it was made from (annotation or alttext), else its text.
    void mathml_into(ir::RichText& out, xmlNode* node) {
        if (std::string tex = tex_annotation(node); !tex.empty()) {
            out.push_back(ir::math(std::move(tex)));
            return;
        }
        if (std::string alt = text::collapse_whitespace(attribute(node, "alttext")); !alt.empty()) {
            out.push_back(ir::math(std::move(alt)));
            return;
        }
        std::string content = text::collapse_whitespace(content_of(node));
        if (content.empty()) return;
        sink_.warning(location(spec_, line_of(node)), "mathml-no-tex",
                      "a MathML formula has no TeX annotation or alttext; kept as its text '" + text::excerpt(content) +
                          "'");
        out.push_back(ir::math(std::move(content)));
    }
    static std::string tex_annotation(xmlNode* node) {
        for (xmlNode* child = node->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            if (tag_of(child) == "annotation") {
                std::string encoding = attribute(child, "encoding");
                std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                if (encoding.find("tex") != std::string::npos) return std::string(text::trim(content_of(child)));
            }
            if (std::string inside = tex_annotation(child); !inside.empty()) return inside;
        }
        return {};
    }

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    Layout layout_;
    generic::FieldMap columns_;
    generic::Outline outline_;
};

}  // namespace

ReaderResult read_html(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    auto layout = read_options(spec, sink);
    if (!layout) return {};
    return HtmlReader(spec, sink, std::move(*layout)).read(document);
}

}  // namespace glossc::readers
