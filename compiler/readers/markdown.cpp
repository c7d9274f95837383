// Reader for Markdown glossaries (format "markdown"; .md, .markdown), parsed
// with cmark-gfm (CommonMark with GitHub's tables, strikethrough and
// autolinks). It finds the glossary's structure the way a person reading
// the file does; layouts may be mixed in one file (see outline.hpp):
//
//   ### Term                      headings (ATX or setext) followed by prose:
//   First paragraph: summary.     the first paragraph is the summary, the rest
//   More paragraphs: body.        the body. Which level names terms is found
//                                 from the document: the shallowest level
//                                 where most headings open with prose. Other
//                                 headings are sections (their title the
//                                 entries' category) or, when they name the
//                                 document ("General Glossary"), titles
//
//   **Term**                      a paragraph opening with a bold term: alone
//   Definition on the next line.  on its line (the definition follows), or
//   **Term**: definition          followed by ":", "—", "–", " - " or inside
//   **Term.** definition          "**Term:**" / "**Term.**"
//
//   - **Term**: definition        list items opening with a bold term, or
//   - Term: definition            with a plain "Term:" when most items do; a
//     - Sub-term: definition      nested list of terms gives entries too
//
//   Term                          definition-list syntax (PHP Markdown Extra,
//   : definition                  Pandoc): term lines, then ": " lines
//
//   Epoch: one pass …             runs of paragraphs opening with "Term:"
//   *[HTML]: Hyper Text …         MkDocs abbreviation lines
//
//   | Term | Definition |         a table whose header names a term column
//   | Acronym | Definition |      (fields.hpp), or whose first column holds
//                                 acronyms, names or words beside definitions;
//                                 a table of data ("| Name | Age |", numbers)
//                                 is text, with a warning
//
// Whatever follows an entry up to the next entry or heading (paragraphs,
// lists, code, tables, block quotes, sub-headings) is its definition. What
// looks like entries swallowed by a definition (three or more "**Term**"
// paragraphs or "Term:" items under a term heading) is reported with the
// option that reads them as entries, and so is text outside every entry.
//
// The printed term is split into names ("## Low-Rank Adaptation (LoRA)",
// "## bf16 / bfloat16"); a paragraph "Also known as …" adds names,
// "Example: …", "See also: …" fill those fields (generic.hpp).
//
// Inline markup is kept as rich text (emphasis, strong, code, links; an
// image keeps its alt text). Math is taken out before cmark sees it, so
// Markdown escapes do not mangle it: `$…$`, `$$…$$`, `\(…\)` and `\[…\]` on
// one line, outside code, become Math nodes ("$5 and $10" stays text, "\$"
// is a dollar); "$$" or "\[" on lines of their own, and ```math fences, are
// display math. A definition keeps its blocks: paragraphs, nested lists,
// code with its lines, quotes, tables (markdown_nodes.hpp). YAML front matter ("---" … "---" at the top) is not content.
// A paragraph or line over the field limit is cut before cmark sees it, and
// reported [field-too-long] (markdown_math.hpp, Overlong): cmark would spend
// some 40 times its size on it only for its entry to be rejected.
// Line numbers are cmark's source positions.
//
// Options ([source.options] in the manifest):
//   headings   heading levels that name terms (default: found from the
//              document, as above; "##", "h2" or "2").
//   columns    for table glossaries: [source.options.columns] field = "name".
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "readers/fields.hpp"
#include "readers/generic.hpp"
#include "readers/markdown_math.hpp"
#include "readers/markdown_nodes.hpp"
#include "readers/options.hpp"
#include "readers/outline.hpp"
#include "readers/readers.hpp"
#include "readers/sanitize.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

namespace {

using generic::Draft;
using markdown::children;
using markdown::line_of;
using markdown::literal_of;
using markdown::type_of;

int heading_level_of(std::string_view option) {
    option = text::trim(option);
    if (option.size() == 2 && (option[0] == 'h' || option[0] == 'H') && option[1] >= '1' && option[1] <= '6')
        return option[1] - '0';
    if (option.size() == 1 && option[0] >= '1' && option[0] <= '6') return option[0] - '0';
    if (!option.empty() && option.size() <= 6 && option.find_first_not_of('#') == std::string_view::npos)
        return static_cast<int>(option.size());
    return 0;
}

// ---- The reader --------------------------------------------------------------------

class MarkdownReader {
public:
    // `term_levels` empty: found from the document (term_levels_of).
    MarkdownReader(const SourceSpec& spec, DiagnosticSink& sink, std::set<int> term_levels)
        : spec_(spec), sink_(sink), columns_(spec, sink, "columns"), term_levels_(std::move(term_levels)) {}

    ReaderResult read(std::string_view document) {
        ReaderResult result;
        if (!columns_.ok()) return result;
        auto root = parse(document);
        if (!root) return result;
        auto blocks = children(root.get());
        find_term_paragraphs(blocks);
        outline_.emplace(spec_, sink_, term_levels_.empty() ? term_levels_of(blocks) : term_levels_);
        for (cmark_node* block : blocks) top_level(block);
        end_entry();

        auto drafts = outline().finish();
        result.sections = outline().sections_used();
        report_active_content();
        generic::add_entries(spec_, std::move(drafts), result, sink_);
        if (result.entries.empty())
            sink_.warning(location(spec_, 0), "no-entries",
                          "found no glossary entries (## headings followed by paragraphs, \"- **Term**: definition\" "
                          "items, or a table with a term column)");
        return result;
    }

    // Every block of a marked-up fragment (a field's value).
    ir::Blocks blocks(std::string_view fragment) {
        ir::Blocks out;
        if (auto root = parse(fragment)) out = blocks_of(root.get());
        return out;
    }

private:
    using Tree = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;

    // The document's tree, its math protected first; null (and an error)
    // when it cannot be parsed or is nested too deep.
    Tree parse(std::string_view document) {
        std::string source = math_.protect(document);
        for (const auto& cut : math_.overlong()) {
            std::string what = cut.first_line == cut.last_line
                                   ? "a line of " + std::to_string(cut.bytes) + " bytes"
                                   : "a paragraph of " + std::to_string(cut.bytes) + " bytes (lines " +
                                         std::to_string(cut.first_line) + "-" + std::to_string(cut.last_line) + ")";
            sink_.error(location(spec_, cut.first_line), "field-too-long",
                        what + " is longer than a field may be (" + std::to_string(kMaxFieldBytes >> 20) +
                            " MiB): it is read no further, and the entry that holds it is rejected");
        }
        for (const auto& table : math_.large_tables())
            sink_.warning(location(spec_, table.line), "table-too-large",
                          "a table of " + std::to_string(table.columns) + " columns and " + std::to_string(table.rows) +
                              " rows is read as text: more than " +
                              std::to_string(markdown::ProtectedMath::kMaxTableCells) + " cells");
        static std::once_flag registered;
        std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
        std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(CMARK_OPT_DEFAULT),
                                                                            &cmark_parser_free);
        for (const char* name : {"table", "strikethrough", "autolink"})
            if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name))
                cmark_parser_attach_syntax_extension(parser.get(), extension);
        cmark_parser_feed(parser.get(), source.data(), source.size());
        Tree root(cmark_parser_finish(parser.get()), &cmark_node_free);
        if (!root) {
            sink_.error(location(spec_, 0), "markdown-syntax", "the document cannot be parsed as Markdown");
            return Tree(nullptr, &cmark_node_free);
        }
        // The walk below is recursive, as is the rich text it builds: a
        // document nested deeper than any glossary is refused first.
        if (auto deep = too_deep(root.get())) {
            sink_.error(location(spec_, static_cast<std::uint32_t>(std::max(cmark_node_get_start_line(deep), 0))),
                        "markup-too-deep",
                        "Markdown nested more than " + std::to_string(kMaxMarkupDepth) +
                            " levels deep (block quotes, lists, emphasis); the file is not read");
            return Tree(nullptr, &cmark_node_free);
        }
        return root;
    }

    // The first node deeper than kMaxMarkupDepth, found with cmark's
    // iterator (not recursion), or null. Counting each node's ancestors is
    // bounded by the limit, so this stays linear.
    static cmark_node* too_deep(cmark_node* root) {
        std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root), &cmark_iter_free);
        for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
            if (event != CMARK_EVENT_ENTER) continue;
            cmark_node* node = cmark_iter_get_node(iter.get());
            std::size_t depth = 0;
            for (cmark_node* up = node; up && depth <= kMaxMarkupDepth; up = cmark_node_parent(up)) ++depth;
            if (depth > kMaxMarkupDepth) return node;
        }
        return nullptr;
    }

    // ---- which heading levels name terms

    // The heading levels whose headings name terms, found the way a reader
    // of the document finds them: the shallowest level where two headings,
    // or the only one of two, open with prose, not with entries ("**Term**"
    // paragraphs, term lists, a glossary table) or deeper headings (one
    // "## How to use" among sections of bullets is no term).
    // Headings that name the document or a part of it ("Glossary",
    // "Overview") do not count. None qualifies: every heading is a section
    // or a title.
    std::set<int> term_levels_of(const std::vector<cmark_node*>& blocks) {
        std::vector<cmark_node*> headings;
        std::map<int, std::size_t> at_level;
        for (cmark_node* block : blocks) {
            if (cmark_node_get_type(block) != CMARK_NODE_HEADING) continue;
            headings.push_back(block);
            ++at_level[cmark_node_get_heading_level(block)];
        }
        std::map<int, std::pair<std::size_t, std::size_t>> seen;  // level -> (headings, opening with prose)
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (cmark_node_get_type(blocks[i]) != CMARK_NODE_HEADING) continue;
            std::string title = generic::plain(inline_of(blocks[i]));
            if (generic::is_title_like(title)) continue;
            int level = cmark_node_get_heading_level(blocks[i]);
            // The first heading, alone at its level, titles the document
            // ("# Decoding notes" over "## Term" headings), unless it is
            // the document's only heading.
            if (blocks[i] == headings.front() && at_level[level] == 1 && headings.size() > 1) continue;
            ++seen[level].first;
            std::size_t next = i + 1;
            while (next < blocks.size() && ignorable(blocks[next])) ++next;
            if (next < blocks.size() && cmark_node_get_type(blocks[next]) != CMARK_NODE_HEADING &&
                !opens_entry(blocks[next]))
                ++seen[level].second;
        }
        for (const auto& [level, counts] : seen) {
            auto [total, prose] = counts;
            if (prose >= 2 || (prose == 1 && prose * 2 >= total)) return {level};
        }
        return {};
    }

    static bool ignorable(cmark_node* block) {
        auto type = cmark_node_get_type(block);
        return type == CMARK_NODE_THEMATIC_BREAK ||
               (type == CMARK_NODE_HTML_BLOCK && text::starts_with(text::trim(literal_of(block)), "<!--"));
    }

    // True when a top-level block is (or starts) entries of its own.
    bool opens_entry(cmark_node* block) {
        switch (cmark_node_get_type(block)) {
            case CMARK_NODE_PARAGRAPH:
                return bold_term_paragraph(block) || definition_list_entry(block) || term_paragraphs_.count(block) ||
                       !abbreviation_lines(block).empty();
            case CMARK_NODE_LIST: return term_items(block) > 0;
            default: return type_of(block) == "table" && generic::read_table_header(columns_, table_of(block)).entries;
        }
    }

    // ---- top-level blocks

    void top_level(cmark_node* block) {
        switch (cmark_node_get_type(block)) {
            case CMARK_NODE_HEADING:
                end_entry();
                outline().heading(cmark_node_get_heading_level(block), inline_of(block), line_of(block));
                return;
            case CMARK_NODE_PARAGRAPH:
                if (auto draft = definition_list_entry(block)) {
                    end_entry();
                    outline().entry(std::move(*draft));
                } else if (auto bold = bold_term_paragraph(block)) {
                    if (outline().open_layout() == generic::kHeadingSections) {
                        absorbed(block, "paragraphs opening with a bold term");  // part of the term's definition
                        outline().content(ir::paragraphs(inline_of(block)), line_of(block));
                    } else {
                        end_entry();
                        outline().open_entry(std::move(*bold));
                    }
                } else if (auto abbreviations = abbreviation_lines(block); !abbreviations.empty()) {
                    end_entry();
                    for (auto& draft : abbreviations) outline().entry(std::move(draft));
                } else if (term_paragraphs_.count(block) && outline().open_layout() != generic::kHeadingSections) {
                    auto split = generic::split_plain_term(inline_of(block));
                    Draft draft;
                    draft.printed = split->first;
                    draft.line = line_of(block);
                    draft.layout = "term paragraphs";
                    if (!split->second.empty()) draft.blocks.push_back(ir::paragraph(std::move(split->second)));
                    end_entry();
                    outline().open_entry(std::move(draft));
                } else {
                    outline().content(blocks_of(block), line_of(block));
                }
                return;
            case CMARK_NODE_LIST: list(block); return;
            case CMARK_NODE_THEMATIC_BREAK: return;
            case CMARK_NODE_HTML_BLOCK:
                if (text::starts_with(text::trim(literal_of(block)), "<!--")) return;  // a comment
                break;
            default:
                if (type_of(block) == "table") {
                    table(block);
                    return;
                }
                break;
        }
        outline().content(blocks_of(block), line_of(block));
    }

    // ---- "**Term**" paragraphs

    // A paragraph that opens with a strong term: "**Term**" alone (the
    // definition is the prose that follows), "**Term**" then a line break
    // and the definition, "**Term**: …", "**Term** — …", "**Term.** …".
    std::optional<Draft> bold_term_paragraph(cmark_node* paragraph) {
        cmark_node* first = cmark_node_first_child(paragraph);
        if (!first || cmark_node_get_type(first) != CMARK_NODE_STRONG) return std::nullopt;
        cmark_node* after = cmark_node_next(first);
        Draft draft;
        draft.line = line_of(paragraph);
        draft.layout = "bold-term paragraphs";
        // "**Low-Rank Adaptation** (LoRA)" on its line: the parenthesis is part of the name.
        std::string qualifier;
        if (after && cmark_node_get_type(after) == CMARK_NODE_TEXT) {
            std::string_view t = text::trim(literal_of(after));
            cmark_node* next = cmark_node_next(after);
            bool line_ends = !next || cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK ||
                             cmark_node_get_type(next) == CMARK_NODE_LINEBREAK;
            if (line_ends && t.size() > 2 && t.front() == '(' && t.back() == ')') {
                qualifier = " " + std::string(t);
                after = next;
            }
        }
        if (!after || cmark_node_get_type(after) == CMARK_NODE_SOFTBREAK ||
            cmark_node_get_type(after) == CMARK_NODE_LINEBREAK) {
            draft.printed = generic::clean_term(generic::plain(inline_of(first)) + qualifier);
            if (!generic::name_sized(draft.printed, 12)) return std::nullopt;
            ir::RichText rest;
            for (cmark_node* node = after; node; node = cmark_node_next(node)) inline_into(rest, node);
            generic::tidy(rest, false);
            if (!rest.empty()) draft.blocks.push_back(ir::paragraph(std::move(rest)));
            return draft;
        }
        auto split = generic::split_bold_term(inline_of(paragraph));
        if (!split || !generic::name_sized(split->first, 12)) return std::nullopt;
        draft.printed = split->first;
        if (!split->second.empty()) draft.blocks.push_back(ir::paragraph(std::move(split->second)));
        return draft;
    }

    // ---- "Term: definition" paragraphs and abbreviation lines

    // Runs of two or more top-level paragraphs that each open with "Term:"
    // ("Epoch: one pass over the data." then "Batch: …"): notes written
    // without list markers. A lone "Note: …" paragraph is prose.
    void find_term_paragraphs(const std::vector<cmark_node*>& blocks) {
        std::vector<cmark_node*> run;
        auto flush = [&] {
            if (run.size() >= 2) term_paragraphs_.insert(run.begin(), run.end());
            run.clear();
        };
        for (cmark_node* block : blocks) {
            bool term = cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH && !bold_term_paragraph(block) &&
                        generic::split_plain_term(inline_of(block)).has_value();
            if (term) {
                run.push_back(block);
            } else if (!ignorable(block)) {
                flush();
            }
        }
        flush();
    }

    // MkDocs/PHP Markdown Extra abbreviations, one per line: "*[HTML]: Hyper
    // Text Markup Language". Every line of the paragraph must be one.
    std::vector<Draft> abbreviation_lines(cmark_node* paragraph) {
        std::string lines;  // the paragraph's text, line breaks kept
        for (cmark_node* node : children(paragraph)) {
            auto type = cmark_node_get_type(node);
            if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
                lines += '\n';
            } else if (type == CMARK_NODE_TEXT) {
                lines += math_.restore(literal_of(node));
            } else {
                return {};
            }
        }
        std::vector<Draft> out;
        std::uint32_t line = line_of(paragraph);
        for (std::string_view rest = lines; !rest.empty(); ++line) {
            std::size_t end = std::min(rest.find('\n'), rest.size());
            std::string_view one = text::trim(rest.substr(0, end));
            rest.remove_prefix(std::min(end + 1, rest.size()));
            std::size_t close = one.find("]:");
            if (!text::starts_with(one, "*[") || close == std::string_view::npos || close <= 2) return {};
            Draft draft;
            draft.printed = std::string(text::trim(one.substr(2, close - 2)));
            draft.line = line;
            draft.layout = "abbreviation lines";
            ir::RichText expansion;
            text::append_text(expansion, text::trim(one.substr(close + 2)));
            generic::tidy(expansion, false);
            if (!expansion.empty()) draft.blocks.push_back(ir::paragraph(std::move(expansion)));
            out.push_back(std::move(draft));
        }
        return out;
    }

    // ---- lists of "Term: definition"

    void list(cmark_node* list) {
        auto items = children(list);
        std::size_t terms = term_items(list);
        if (outline().in_definition() || terms == 0) {
            if (terms > 0) absorbed(list, "list items that look like \"Term: definition\"", terms);
            outline().content(blocks_of(list), line_of(list));
            return;
        }
        end_entry();
        for (cmark_node* item : items) {
            std::vector<Draft> drafts;
            if (term_item(item, drafts)) {
                for (auto& draft : drafts) outline().entry(std::move(draft));
            } else {
                outline().content(blocks_of(item), line_of(item));
            }
        }
    }

    // How many items of a list are entries, when the list is a glossary:
    // any item opens with a bold term, or at least half of them (two or
    // more, or the only one) with "Term: definition". 0 otherwise.
    std::size_t term_items(cmark_node* list) {
        std::size_t bold = 0, plain = 0, total = 0;
        for (cmark_node* item : children(list)) {
            ++total;
            cmark_node* first = cmark_node_first_child(item);
            if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH) continue;
            if (bold_term_paragraph(first)) {
                ++bold;
            } else if (generic::split_plain_term(inline_of(first))) {
                ++plain;
            }
        }
        if (bold > 0) return bold + plain;
        return (plain >= 2 || total == 1) && plain * 2 >= total ? plain : 0;
    }

    // The entries of a list item "- **Term**: definition" or "- Term:
    // definition": the item's other blocks are its definition; a nested
    // list of terms also gives entries of their own ("- Optimization: …"
    // over "- Constrained Optimization: …"), related to the item's term
    // and still part of its definition, which is written as it stands.
    bool term_item(cmark_node* item, std::vector<Draft>& out) {
        auto blocks = children(item);
        if (blocks.empty() || cmark_node_get_type(blocks.front()) != CMARK_NODE_PARAGRAPH) return false;
        std::size_t at = out.size();
        if (auto bold = bold_term_paragraph(blocks.front())) {
            out.push_back(std::move(*bold));
            out[at].layout = "bold-term bullets";
        } else if (auto split = generic::split_plain_term(inline_of(blocks.front()))) {
            out.emplace_back();
            out[at].printed = split->first;
            out[at].layout = "term bullets";
            if (!split->second.empty()) out[at].blocks.push_back(ir::paragraph(std::move(split->second)));
        } else {
            return false;
        }
        out[at].line = line_of(item);
        for (std::size_t b = 1; b < blocks.size(); ++b) {
            for (auto& block : blocks_of(blocks[b])) out[at].blocks.push_back(std::move(block));
            if (cmark_node_get_type(blocks[b]) != CMARK_NODE_LIST || term_items(blocks[b]) == 0) continue;
            for (cmark_node* nested : children(blocks[b])) {
                std::size_t before = out.size();
                if (!term_item(nested, out)) continue;
                out[at].related.push_back(out[before].printed);
            }
        }
        return true;
    }

    // "Term\n: definition" (several term lines, several ": " lines).
    std::optional<Draft> definition_list_entry(cmark_node* paragraph) {
        std::vector<std::vector<cmark_node*>> lines(1);
        for (cmark_node* node : children(paragraph)) {
            auto type = cmark_node_get_type(node);
            if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
                lines.emplace_back();
            } else {
                lines.back().push_back(node);
            }
        }
        auto opens_definition = [](const std::vector<cmark_node*>& line) {
            if (line.empty() || cmark_node_get_type(line.front()) != CMARK_NODE_TEXT) return false;
            std::string_view t = literal_of(line.front());
            return t.size() >= 2 && t[0] == ':' && (t[1] == ' ' || t[1] == '\t');
        };
        std::size_t terms = 0;
        while (terms < lines.size() && !opens_definition(lines[terms])) ++terms;
        if (terms == 0 || terms == lines.size() || terms > 3) return std::nullopt;
        Draft draft;
        draft.line = line_of(paragraph);
        draft.layout = "definition-list items";
        for (std::size_t i = 0; i < terms; ++i) {
            ir::RichText name;
            for (cmark_node* node : lines[i]) inline_into(name, node);
            generic::tidy(name, false);
            if (i == 0) {
                draft.printed = generic::plain(name);
            } else {
                draft.aliases.push_back(generic::plain(name));
            }
        }
        ir::RichText definition;
        auto flush = [&] {
            generic::tidy(definition, false);
            if (!definition.empty()) draft.blocks.push_back(ir::paragraph(std::move(definition)));
            definition.clear();
        };
        for (std::size_t i = terms; i < lines.size(); ++i) {
            bool opens = opens_definition(lines[i]);
            if (opens) flush();
            for (std::size_t n = 0; n < lines[i].size(); ++n) {
                if (n == 0 && opens) {
                    math_.append_text(definition, literal_of(lines[i][0]).substr(2));
                    continue;
                }
                inline_into(definition, lines[i][n]);
            }
            text::append_text(definition, " ");
        }
        flush();
        return draft;
    }

    // ---- tables

    generic::Table table_of(cmark_node* node) {
        generic::Table table;
        auto rows = children(node);
        if (rows.empty()) return table;
        for (cmark_node* cell : children(rows.front())) table.header.push_back(generic::plain(inline_of(cell)));
        for (std::size_t r = 1; r < rows.size(); ++r) {
            auto& row = table.rows.emplace_back();
            for (cmark_node* cell : children(rows[r])) row.push_back(inline_of(cell));
            table.lines.push_back(line_of(rows[r]));
        }
        return table;
    }

    // A glossary table's rows are entries (generic::read_table_header); a
    // table inside a definition is part of it; any other is text, with a
    // warning when it stands alone (it may be a glossary the header hides).
    void table(cmark_node* node) {
        if (outline().in_definition()) {
            outline().content(blocks_of(node), line_of(node));
            return;
        }
        generic::Table table = table_of(node);
        generic::TableReading reading = generic::read_table_header(columns_, table);
        if (!reading.entries) {
            std::string header;
            for (const auto& name : table.header) header += (header.empty() ? "" : ", ") + name;
            sink_.warning(location(spec_, line_of(node)), "table-not-entries",
                          "a table with the columns '" + text::excerpt(header) +
                              "' is read as text: no column of terms with definitions beside it, or its rows "
                              "look like data; [source.options.columns] term = \"…\", definition = \"…\" reads "
                              "its rows as entries");
            outline().content(blocks_of(node), line_of(node));
            return;
        }
        end_entry();
        for (auto& draft : generic::table_drafts(table, reading.fields)) outline().entry(std::move(draft));
    }

    // ---- what a definition absorbed

    // Entry-shaped blocks read as part of the definition a term heading
    // opened ("**Term**" paragraphs, "Term: definition" items): counted
    // until the entry ends, and reported when there are three or more, with
    // the option that would read them as entries.
    void absorbed(cmark_node* block, std::string_view what, std::size_t count = 1) {
        if (absorbed_.count == 0) absorbed_.line = line_of(block);
        absorbed_.what = what;
        absorbed_.count += count;
    }
    void end_entry() {
        if (absorbed_.count >= 3)
            sink_.warning(location(spec_, absorbed_.line), "entries-in-definition",
                          "a definition holds " + std::to_string(absorbed_.count) + " " + std::string(absorbed_.what) +
                              ", read as part of it; if they are entries, the heading above them is a section: set "
                              "the 'headings' option to the levels that name terms");
        absorbed_ = {};
    }

    // Raw HTML that would run or restyle in a viewer (a script, a style, an
    // iframe) is dropped with its content: said once per line.
    void report_active_content() {
        std::set<std::uint32_t> lines;
        for (std::uint32_t line : nodes_.take_dropped()) lines.insert(line);
        for (std::uint32_t line : lines)
            sink_.warning(location(spec_, line), "active-content-dropped",
                          "raw HTML <script>, <style>, <iframe>, <object> or <embed> is dropped with its content");
    }

    // ---- rich text and blocks of cmark nodes (markdown_nodes.hpp)

    ir::RichText inline_of(cmark_node* node) const { return nodes_.inline_of(node); }
    void inline_into(ir::RichText& out, cmark_node* node) const { nodes_.inline_into(out, node); }
    ir::Blocks blocks_of(cmark_node* block) const { return nodes_.blocks_of(block); }

    generic::Outline& outline() { return *outline_; }

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    generic::FieldMap columns_;
    std::set<int> term_levels_;
    std::optional<generic::Outline> outline_;  // made once the term levels are known
    std::set<cmark_node*> term_paragraphs_;    // find_term_paragraphs
    markdown::ProtectedMath math_;  // the document's math, taken out before cmark parses it
    markdown::Nodes nodes_{math_};  // cmark nodes as rich text and blocks
    struct {
        std::uint32_t line = 0;
        std::string_view what;
        std::size_t count = 0;
    } absorbed_;
};

}  // namespace

ir::Blocks markdown_blocks(std::string_view text) {
    static const SourceSpec kFragment = generic::fragment_spec("markdown");
    DiagnosticSink ignored;  // a fragment too deep to parse gives no blocks
    return MarkdownReader(kFragment, ignored, {}).blocks(text);
}

ReaderResult read_markdown(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    ReaderOptions options(spec, sink, {"headings", "columns"});
    std::set<int> levels;
    bool ok = true;
    for (const auto& heading : options.strings("headings", false, {})) {
        int level = heading_level_of(heading);
        if (level == 0) {
            ok = false;
            sink.error(spec.where.file.empty() ? location(spec, 0) : spec.where, "reader-bad-option",
                       "source '" + spec.id + "': option 'headings': '" + heading +
                           "' is not a heading level (\"##\", \"h2\" or \"2\")");
        }
        levels.insert(level);
    }
    if (!options.ok() || !ok) return {};
    return MarkdownReader(spec, sink, std::move(levels)).read(document);
}

}  // namespace glossc::readers
