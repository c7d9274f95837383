// Reader for HTML glossary pages (format "html"; .html, .htm), parsed with
// libxml2's HTML parser in recovery mode (html_dom.hpp), so tag soup
// (unclosed tags, stray end tags, HTML5 elements libxml2 does not know)
// still reads; what it had to repair is reported ("html-malformed").
//
// Layouts, which may be mixed on one page (see outline.hpp), each named in
// the "read N entries" note:
//   definition-list items  <dl><dt>Key–value cache</dt><dt>KV cache</dt><dd>…</dd></dl>
//       one entry per group of <dt> (the first is the headword, the others
//       aliases) and the <dd> after them (first paragraph -> summary, the
//       rest -> body). Sphinx's and MediaWiki's <dl class="glossary"> (a
//       <dfn> in the <dt>) and MediaWiki's ";term :definition" are such lists;
//   heading sections  <h2>Term</h2><p>…</p><p>…</p>
//       a heading followed by paragraphs (and lists) up to the next heading;
//       a heading followed by deeper headings or a <dl> is a section whose
//       title becomes the entries' category. Headings may sit in section
//       elements (bookdown's <div class="section level2">, pandoc's
//       <section>). A heading's section number is not part of the term: a
//       pandoc <span class="header-section-number"> is never read, and a
//       number printed before the title ("4.1 ", "4.1. ", "B.3 ", "IV. ",
//       "2) ") is dropped when the page numbers its headings (at least two,
//       and at least half of the term headings, carry one), so that "3D
//       convolution" or "5G" keep theirs;
//   bold-term items  <ul><li><b>Term</b>: definition</li></ul>
//       list items opening with a bold term and ":", "—", "–" or " - " (not
//       inside a term's definition, where a list is prose);
//   dfn paragraphs  <p><dfn>Term</dfn> is a …</p>, <p><dfn>Term</dfn>: …</p>
//       a paragraph opening with a short <dfn> (the term being defined, in
//       the W3C sense) followed by text, outside a term's definition; the
//       paragraphs after it, up to the next heading or entry, continue its
//       definition. A <dfn> that is the whole paragraph is prose: bookdown
//       prints each term's summary that way;
//   table rows
//       a <table> whose header row names a term column (see fields.hpp), at
//       the top level; a table inside a term's definition is part of it (its
//       rows paragraphs), and so is one that holds data (mostly numbers).
// Labelled paragraphs ("Also known as …", "Example: …", "See also: …") are
// fields (generic.hpp). A <pre> is one paragraph holding one Code node (its
// white space collapsed by generic::tidy, as all rich text is for now).
//
// Never content: page chrome (<nav>, <header>, <footer>, scripts, …, and
// the permalinks, tables of contents and navigation boxes of pandoc, Sphinx,
// MkDocs, Docusaurus and MediaWiki; see html_dom.hpp). Inline markup is kept
// as rich text (html_inline.hpp); entities are decoded by the parser.
//
// Line numbers come from libxml2 (xmlGetLineNo): an entry's line is its
// first <dt>, heading, paragraph or table row.
//
// Options ([source.options] in the manifest):
//   container  the element(s) holding the glossary; everything outside is
//              ignored. A simple CSS selector — a tag name, "#id", ".class"
//              or a combination ("div.glossary", "section#terms") — or an
//              XPath 1.0 expression starting with "/" or "("
//              ("//main//section[2]"). Default: <body>. It must match.
//   headings   the heading levels that name terms (default ["h2", "h3"]).
//   ignore     more parts that are not content, as simple CSS selectors
//              (e.g. [".sidebar", "#comments"]), besides the defaults above.
//   columns    for table glossaries: [source.options.columns] field = "name".
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <set>

#include "readers/fields.hpp"
#include "readers/generic.hpp"
#include "readers/html_dom.hpp"
#include "readers/html_inline.hpp"
#include "readers/options.hpp"
#include "readers/outline.hpp"
#include "readers/readers.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

namespace {

using dom::attribute;
using dom::content_of;
using dom::heading_level;
using dom::is_text;
using dom::line_of;
using dom::Selector;
using dom::tag_of;
using generic::Draft;

// The layouts this reader names (Draft::layout).
constexpr std::string_view kListItems = "definition-list items";
constexpr std::string_view kBoldTermItems = "bold-term items";
constexpr std::string_view kDfnParagraphs = "dfn paragraphs";

struct Layout {
    std::string container;
    std::set<int> term_levels{2, 3};
    std::vector<Selector> ignore;  // the chrome, then the option's
};

Layout default_layout() {
    Layout layout;
    layout.ignore = dom::chrome();
    return layout;
}

std::optional<Layout> read_options(const SourceSpec& spec, DiagnosticSink& sink) {
    ReaderOptions options(spec, sink, {"container", "headings", "ignore", "columns"});
    Layout layout = default_layout();
    layout.container = options.string("container", "");
    bool ok = true;
    auto fail = [&](const std::string& message) {
        ok = false;
        sink.error(spec.where.file.empty() ? location(spec, 0) : spec.where, "reader-bad-option",
                   "source '" + spec.id + "': " + message);
    };
    std::set<int> levels;
    for (const auto& heading : options.strings("headings", false, {})) {
        int level = heading_level(text::trim(heading));
        if (level == 0) {
            fail("option 'headings': '" + heading + "' is not a heading tag (h1 … h6)");
            continue;
        }
        levels.insert(level);
    }
    if (!levels.empty()) layout.term_levels = std::move(levels);
    for (const auto& selector : options.strings("ignore", false, {})) {
        if (auto parsed = dom::parse_selector(text::trim(selector))) {
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
        : spec_(spec), sink_(sink), layout_(std::move(layout)), inline_(spec, sink, layout_.ignore),
          columns_(spec, sink, "columns"), outline_(spec, sink, layout_.term_levels) {
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
        std::vector<dom::ParseError> errors;
        dom::Document doc = dom::parse(document, errors);
        report_parse_errors(errors);
        xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
        if (!root) {
            sink_.warning(location(spec_, 0), "no-entries", "the document holds no HTML elements");
            return result;
        }
        auto containers = find_containers(doc.get(), root);
        if (!containers) return result;
        for (xmlNode* container : *containers) blocks({container});

        std::vector<Draft> drafts = outline_.finish();
        result.sections = outline_.sections_used();
        generic::add_entries(spec_, std::move(drafts), result, sink_);
        if (result.entries.empty())
            sink_.warning(location(spec_, 0), "no-entries",
                          "found no glossary entries (a <dl> of <dt>/<dd>, h2/h3 headings followed by paragraphs, "
                          "\"<b>Term</b>: …\" list items, \"<dfn>Term</dfn> …\" paragraphs, or a table with a "
                          "term column)");
        return result;
    }

    // Every block of an HTML fragment (a field's value).
    ir::Blocks blocks(std::string_view fragment) {
        std::vector<dom::ParseError> errors;  // a fragment is read as repaired, silently
        dom::Document doc = dom::parse(fragment, errors);
        xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
        if (!root) return {};
        xmlNode* body = dom::find_first(root, Selector{"body", {}, {}});
        return blocks_of(body ? body : root);
    }

private:
    void report_parse_errors(const std::vector<dom::ParseError>& errors) {
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
            xmlNode* body = dom::find_first(root, Selector{"body", {}, {}});
            found.push_back(body ? body : root);
            return found;
        }
        if (container.front() == '/' || container.front() == '(') {
            auto selected = dom::select_xpath(doc, container);
            if (!selected) {
                sink_.error(where, "reader-bad-option",
                            "source '" + spec_.id + "': option 'container': '" + container +
                                "' is not a valid XPath expression");
                return std::nullopt;
            }
            found = std::move(*selected);
        } else if (auto selector = dom::parse_selector(container)) {
            dom::collect_matches(root, *selector, found);
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

    bool ignored(const xmlNode* node) const { return dom::never_content(node, layout_.ignore); }
    bool contains_block(const xmlNode* node) const { return dom::contains_block(node, layout_.ignore); }

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
            outline_.content(prose_of(run), line_of(run.front()));
            run.clear();
        };
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            xmlNode* child = nodes[i];
            if (HtmlInline::is_math_script(child)) {
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
                outline_.heading(level, inline_.text_of(child), line_of(child));
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
            } else if (tag == "p") {
                flush();
                paragraph(child);
            } else if (tag == "pre" || tag == "blockquote" || tag == "figure" || tag == "address" ||
                       tag == "details" || tag == "li") {
                flush();
                outline_.content(blocks_of(child), line_of(child));
            } else if (tag == "hr") {
                flush();
            } else if (dom::is_block(tag) || contains_block(child)) {
                flush();
                blocks(children_of(child));
            } else {
                run.push_back(child);
            }
        }
        flush();
    }

    void paragraph(xmlNode* node) {
        if (auto draft = dfn_entry(node)) {
            outline_.open_entry(std::move(*draft));
            return;
        }
        outline_.content(blocks_of(node), line_of(node));
    }

    // "<p><dfn>Term</dfn>: definition</p>" (the separators of a bold term)
    // or "<p><dfn>Term</dfn> is a …</p>" (the whole sentence defines it),
    // outside a term's definition or after another dfn paragraph. A <dfn>
    // too long to be a name is prose; so is one that is the whole paragraph
    // right after a heading (bookdown's summary), while elsewhere that is a
    // term on a line of its own, defined by the paragraphs that follow.
    std::optional<Draft> dfn_entry(xmlNode* node) {
        std::string_view open = outline_.open_layout();
        if (outline_.in_definition() && open != kDfnParagraphs) return std::nullopt;
        xmlNode* first = first_with_text(node->children);
        if (!first || tag_of(first) != "dfn") return std::nullopt;
        if (!generic::name_sized(text::collapse_whitespace(content_of(first)), 6)) return std::nullopt;
        bool alone = first_with_text(first->next) == nullptr;
        if (alone && outline_.in_term() && open != kDfnParagraphs) return std::nullopt;

        Draft draft;
        draft.line = line_of(node);
        draft.layout = kDfnParagraphs;
        ir::RichText term = inline_.text_of(first);
        draft.printed = generic::plain(term);
        if (alone) return draft;
        ir::RichText text{ir::strong(term)};  // a bold term, to split the way a bold-term item is
        for (xmlNode* child = first->next; child; child = child->next) inline_.append(text, child);
        generic::tidy(text);
        if (auto split = generic::split_bold_term(text)) {
            draft.printed = split->first;
            draft.blocks.push_back(ir::paragraph(std::move(split->second)));
        } else {
            ir::RichText sentence = std::move(text[0].children);
            sentence.insert(sentence.end(), text.begin() + 1, text.end());
            generic::tidy(sentence);
            draft.blocks.push_back(ir::paragraph(std::move(sentence)));
        }
        return draft;
    }

    // The first of `node` and its next siblings that holds text (not an
    // empty anchor, white space or a comment), or null.
    xmlNode* first_with_text(xmlNode* node) const {
        for (; node; node = node->next)
            if (!ignored(node) && !text::collapse_whitespace(content_of(node)).empty()) return node;
        return nullptr;
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
            outline_.content(blocks_of(node), line_of(node));
            return;
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (drafts[i]) {
                outline_.entry(std::move(*drafts[i]));
            } else {
                outline_.content(blocks_of(items[i]), line_of(items[i]));
            }
        }
    }

    std::optional<Draft> bold_term_item(xmlNode* item) {
        auto blocks = blocks_of(item);
        ir::RichText* first = generic::first_paragraph(blocks);
        if (!first) return std::nullopt;
        auto split = generic::split_bold_term(*first);
        if (!split) return std::nullopt;
        Draft draft;
        draft.printed = split->first;
        draft.line = line_of(item);
        draft.layout = kBoldTermItems;
        if (!split->second.empty()) draft.blocks.push_back(ir::paragraph(std::move(split->second)));
        for (std::size_t i = 1; i < blocks.size(); ++i) draft.blocks.push_back(std::move(blocks[i]));
        return draft;
    }

    // Blocks of an element: its inline runs as paragraphs, and its block
    // children as blocks of their own (lists nested, <pre> as code with its
    // lines, <blockquote>, <table>, display math). Items that a <dl> reading
    // flattened (nested <dt>/<dd>) are left out.
    ir::Blocks blocks_of(xmlNode* node, bool skip_items = false) {
        ir::Blocks out;
        std::string_view tag = tag_of(node);
        if (tag == "pre") {
            std::string code = content_of(node);
            // The line break after <pre> is not content (HTML's rule); nor is the last one.
            if (text::starts_with(code, "\n")) code.erase(0, 1);
            while (!code.empty() && (code.back() == '\n' || code.back() == '\r' || code.back() == ' ')) code.pop_back();
            if (!text::trim(code).empty()) out.push_back(ir::code_block(std::move(code), dom::code_language(node)));
            return out;
        }
        if (tag == "ul" || tag == "ol") {
            std::vector<ir::Blocks> items;
            for (xmlNode* child : children_of(node)) {
                if (ignored(child)) continue;
                if (auto blocks = blocks_of(child, skip_items); !blocks.empty()) items.push_back(std::move(blocks));
            }
            if (items.empty()) return out;
            if (tag == "ol") {
                int start = 1;
                std::string_view given = attribute(node, "start");
                std::from_chars(given.data(), given.data() + given.size(), start);
                out.push_back(ir::ordered_list(std::move(items), static_cast<std::uint32_t>(std::clamp(start, 1, 1 << 20))));
            } else {
                out.push_back(ir::bullet_list(std::move(items)));
            }
            return out;
        }
        if (tag == "blockquote") {
            ir::Blocks inner;
            for (auto& block : blocks_of_children(node, skip_items)) inner.push_back(std::move(block));
            if (!inner.empty()) out.push_back(ir::quote(std::move(inner)));
            return out;
        }
        if (tag == "table") {
            std::vector<xmlNode*> rows;
            collect_rows(node, rows);
            std::vector<std::vector<ir::RichText>> cells_of_rows;
            std::size_t width = 0;
            for (xmlNode* row : rows) {
                auto& texts = cells_of_rows.emplace_back();
                for (xmlNode* cell : cells(row)) texts.push_back(inline_.text_of(cell));
                width = std::max(width, texts.size());
            }
            if (width == 0) return out;
            for (auto& row : cells_of_rows) row.resize(width);
            out.push_back(ir::table(std::move(cells_of_rows)));
            return out;
        }
        if (tag == "tr") {
            ir::RichText row;
            for (xmlNode* cell : cells(node)) {
                ir::RichText text = inline_.text_of(cell);
                if (text.empty()) continue;
                if (!row.empty()) text::append_text(row, ";");
                text::append_paragraph(row, text);
            }
            if (!row.empty()) out.push_back(ir::paragraph(std::move(row)));
            return out;
        }
        return blocks_of_children(node, skip_items);
    }

    // A run of inline content as the block it is: display math when it is
    // one formula written as such ("\\[…\\]", "$$…$$" or a MathJax display
    // script), else a paragraph (none when it holds no text).
    ir::Blocks prose_of(const std::vector<xmlNode*>& run) {
        ir::RichText rich;
        std::string raw;
        for (xmlNode* node : run) {
            inline_.append(rich, node);
            raw += content_of(node);
        }
        generic::tidy(rich);
        bool display = dom::is_display_math_text(raw) ||
                       (run.size() == 1 && HtmlInline::is_math_script(run[0]) &&
                        attribute(run[0], "type").find("mode=display") != std::string_view::npos);
        if (display && rich.size() == 1 && rich[0].kind == ir::InlineKind::Math)
            return {ir::display_math(std::move(rich[0].text))};
        return ir::paragraphs(std::move(rich));
    }

    ir::Blocks blocks_of_children(xmlNode* node, bool skip_items) {
        ir::Blocks out;
        std::vector<xmlNode*> run;  // consecutive inline content
        auto flush = [&] {
            for (auto& block : prose_of(run)) out.push_back(std::move(block));
            run.clear();
        };
        for (xmlNode* child = node->children; child; child = child->next) {
            if (HtmlInline::is_math_script(child)) {
                run.push_back(child);
                continue;
            }
            if (ignored(child)) continue;
            std::string_view child_tag = tag_of(child);
            if (skip_items && (child_tag == "dt" || child_tag == "dd")) continue;
            if (is_text(child) || (!dom::is_block(child_tag) && !contains_block(child))) {
                run.push_back(child);
                continue;
            }
            flush();
            for (auto& block : blocks_of(child, skip_items)) out.push_back(std::move(block));
        }
        flush();
        return out;
    }

    void definition_list(const std::vector<xmlNode*>& items) {
        std::vector<xmlNode*> names, definitions;
        auto emit = [&] {
            if (names.empty() && definitions.empty()) return;
            Draft draft;
            draft.layout = kListItems;
            if (!names.empty()) {
                draft.printed = generic::plain(inline_.text_of(names.front(), true));
                draft.line = line_of(names.front());
                for (std::size_t i = 1; i < names.size(); ++i) {
                    std::string alias = generic::plain(inline_.text_of(names[i], true));
                    if (!alias.empty()) draft.aliases.push_back(std::move(alias));
                }
            } else {
                draft.line = line_of(definitions.front());
            }
            for (xmlNode* definition : definitions)
                for (auto& block : blocks_of(definition, true)) draft.blocks.push_back(std::move(block));
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

    // A glossary table (a term column in its header row, at the top level,
    // not data) gives an entry per row; any other table is prose, a
    // paragraph per row.
    // A glossary table's rows are entries (generic::read_table_header),
    // unless it sits in a term's definition; any other is text.
    void table(xmlNode* node) {
        std::vector<xmlNode*> rows;
        collect_rows(node, rows);
        if (rows.size() >= 2 && !outline_.in_definition()) {
            generic::Table table;
            for (xmlNode* cell : cells(rows.front())) table.header.push_back(generic::plain(inline_.text_of(cell)));
            for (std::size_t r = 1; r < rows.size(); ++r) {
                auto& row = table.rows.emplace_back();
                for (xmlNode* cell : cells(rows[r])) row.push_back(inline_.text_of(cell));
                table.lines.push_back(line_of(rows[r]));
            }
            generic::TableReading reading = generic::read_table_header(columns_, table);
            if (reading.entries) {
                for (auto& draft : generic::table_drafts(table, reading.fields)) outline_.entry(std::move(draft));
                return;
            }
        }
        outline_.content(blocks_of(node), line_of(node));
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

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    Layout layout_;
    HtmlInline inline_;
    generic::FieldMap columns_;
    generic::Outline outline_;
};

}  // namespace

ir::Blocks html_blocks(std::string_view text) {
    static const SourceSpec kFragment = generic::fragment_spec("html");
    DiagnosticSink ignored;  // a fragment is read as the parser repairs it
    return HtmlReader(kFragment, ignored, default_layout()).blocks(text);
}

ReaderResult read_html(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    auto layout = read_options(spec, sink);
    if (!layout) return {};
    return HtmlReader(spec, sink, std::move(*layout)).read(document);
}

}  // namespace glossc::readers
