// Reader for Markdown glossaries (format "markdown"; .md, .markdown), parsed
// with cmark-gfm (CommonMark with GitHub's tables, strikethrough and
// autolinks). Layouts, which may be mixed in one file (see outline.hpp):
//
//   ## Term                       a heading (## or ###) followed by paragraphs:
//   First paragraph: summary.     the first is the summary, the rest the body;
//   More paragraphs: body.        a heading followed by deeper headings or by
//                                 the list entries below is a section, its
//                                 title the entries' category
//
//   - **Term**: definition        list items opening with a bold term and ":"
//   - **Term** — definition       (or "—", "–", " - "; "**Term:**" too); a
//   - **KV cache** (KVC): …       parenthesis before the separator is part of
//                                 the printed name ("KV cache (KVC)")
//
//   Term                          definition-list syntax (PHP Markdown Extra,
//   : definition                  Pandoc): term lines, then ": " lines
//
//   | Term | Definition |         a table whose header names a term column
//                                 (fields.hpp; option `columns` maps others)
//
// The printed term is split into names ("## Low-Rank Adaptation (LoRA)",
// "## bf16 / bfloat16"); a paragraph "Also known as …" adds names,
// "Example: …", "See also: …" fill those fields (generic.hpp).
//
// Inline markup is kept as rich text (emphasis, strong, code, links; an
// image keeps its alt text). Math is taken out before cmark sees it, so
// Markdown escapes do not mangle it: `$…$`, `$$…$$`, `\(…\)` and `\[…\]` on
// one line, outside code, become Math nodes ("$5 and $10" stays text, "\$"
// is a dollar). YAML front matter ("---" … "---" at the top) is not content.
// Line numbers are cmark's source positions.
//
// Options ([source.options] in the manifest):
//   headings   heading levels that name terms (default ["##", "###"]; "h2"
//              or "2" work too).
//   columns    for table glossaries: [source.options.columns] field = "name".
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "readers/fields.hpp"
#include "readers/generic.hpp"
#include "readers/options.hpp"
#include "readers/outline.hpp"
#include "readers/readers.hpp"
#include "readers/sanitize.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

namespace {

using generic::Draft;

// ---- Before parsing: front matter and math ----------------------------------------------

// U+E000 <index> U+E001: a placeholder cmark passes through as text.
constexpr std::string_view kOpen = "\xEE\x80\x80";
constexpr std::string_view kClose = "\xEE\x80\x81";

struct MathSpan {
    std::string tex;       // without delimiters
    std::string original;  // as written, for code where it is not math
};

// Blanks YAML front matter, keeping its line breaks (and so line numbers).
std::string without_front_matter(std::string_view document) {
    std::string out(document);
    std::size_t start = text::starts_with(out, "\xEF\xBB\xBF") ? 3 : 0;
    auto lines = text::split_lines(out);
    if (lines.empty() || text::trim(lines[0].text) != "---") return out;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::string_view line = text::trim(lines[i].text);
        if (line != "---" && line != "...") continue;
        std::size_t end = static_cast<std::size_t>(lines[i].text.data() - out.data()) + lines[i].text.size();
        for (std::size_t at = start; at < end; ++at)
            if (out[at] != '\n' && out[at] != '\r') out[at] = ' ';
        return out;
    }
    return out;
}

// Finds the closing "$" of inline math opened at `open` (Pandoc's rule: no
// space after the opening "$", none before the closing one, no digit after it).
std::size_t dollar_close(std::string_view line, std::size_t open) {
    if (open + 1 >= line.size() || line[open + 1] == ' ' || line[open + 1] == '\t') return std::string_view::npos;
    for (std::size_t i = open + 1; i < line.size(); ++i) {
        if (line[i] == '\\') {
            ++i;
            continue;
        }
        if (line[i] != '$') continue;
        if (line[i - 1] == ' ' || line[i - 1] == '\t') return std::string_view::npos;
        if (i + 1 < line.size() && std::isdigit(static_cast<unsigned char>(line[i + 1]))) return std::string_view::npos;
        return i;
    }
    return std::string_view::npos;
}

// Replaces the math of one line by placeholders.
std::string protect_line(std::string_view line, std::vector<MathSpan>& spans) {
    std::string out;
    auto placeholder = [&](std::size_t from, std::size_t to, std::size_t open_width, std::size_t close_width) {
        std::string_view tex = text::trim(line.substr(from + open_width, to - from - open_width - close_width));
        out += std::string(kOpen) + std::to_string(spans.size()) + std::string(kClose);
        spans.push_back({std::string(tex), std::string(line.substr(from, to - from))});
    };
    std::size_t i = 0;
    while (i < line.size()) {
        char c = line[i];
        if (c == '`') {  // a code span: copied as it is
            std::size_t run = 0;
            while (i + run < line.size() && line[i + run] == '`') ++run;
            std::string fence(run, '`');
            std::size_t close = line.find(fence, i + run);
            while (close != std::string_view::npos && close + run < line.size() && line[close + run] == '`')
                close = line.find(fence, close + run + 1);
            std::size_t end = close == std::string_view::npos ? i + run : close + run;
            out.append(line.substr(i, end - i));
            i = end;
            continue;
        }
        if (c == '\\' && i + 1 < line.size()) {
            char next = line[i + 1];
            if (next == '(' || next == '[') {
                std::string_view closer = next == '(' ? "\\)" : "\\]";
                std::size_t close = line.find(closer, i + 2);
                if (close != std::string_view::npos) {
                    placeholder(i, close + 2, 2, 2);
                    i = close + 2;
                    continue;
                }
            }
            out.append(line.substr(i, 2));  // an escape ("\$", "\\", "\*")
            i += 2;
            continue;
        }
        if (c == '$') {
            if (i + 1 < line.size() && line[i + 1] == '$') {
                std::size_t close = line.find("$$", i + 2);
                if (close != std::string_view::npos && close > i + 2) {
                    placeholder(i, close + 2, 2, 2);
                    i = close + 2;
                    continue;
                }
                out += "$$";
                i += 2;
                continue;
            }
            std::size_t close = dollar_close(line, i);
            if (close != std::string_view::npos) {
                placeholder(i, close + 1, 1, 1);
                i = close + 1;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

bool is_fence(std::string_view line, std::string& fence) {
    std::size_t indent = 0;
    while (indent < line.size() && indent < 4 && line[indent] == ' ') ++indent;
    if (indent > 3 || indent >= line.size() || (line[indent] != '`' && line[indent] != '~')) return false;
    std::size_t run = 0;
    while (indent + run < line.size() && line[indent + run] == line[indent]) ++run;
    if (run < 3) return false;
    std::string found(run, line[indent]);
    if (fence.empty()) {
        fence = found;
        return true;
    }
    if (found[0] == fence[0] && found.size() >= fence.size() && text::trim(line.substr(indent + run)).empty()) {
        fence.clear();
        return true;
    }
    return false;
}

// The document with its math replaced by placeholders, line breaks kept.
std::string protect_math(std::string_view document, std::vector<MathSpan>& spans) {
    std::string out;
    out.reserve(document.size());
    std::string fence;  // open code fence
    std::size_t start = 0;
    while (start <= document.size()) {
        std::size_t end = document.find_first_of("\r\n", start);
        if (end == std::string_view::npos) end = document.size();
        std::string_view line = document.substr(start, end - start);
        bool was_in_code = !fence.empty();
        bool fence_line = is_fence(line, fence);
        if (was_in_code || fence_line) {
            out.append(line);
        } else {
            out += protect_line(line, spans);
        }
        if (end == document.size()) break;
        std::size_t next = end + 1;
        if (document[end] == '\r' && next < document.size() && document[next] == '\n') ++next;
        out.append(document.substr(end, next - end));
        start = next;
    }
    return out;
}

// ---- cmark plumbing ------------------------------------------------------------------

std::string_view literal_of(cmark_node* node) {
    const char* literal = cmark_node_get_literal(node);
    return literal ? literal : "";
}

std::string_view type_of(cmark_node* node) {
    const char* name = cmark_node_get_type_string(node);
    return name ? name : "";
}

std::uint32_t line_of(cmark_node* node) {
    int line = cmark_node_get_start_line(node);
    return line > 0 ? static_cast<std::uint32_t>(line) : 0;
}

std::vector<cmark_node*> children(cmark_node* node) {
    std::vector<cmark_node*> out;
    for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) out.push_back(child);
    return out;
}

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
    MarkdownReader(const SourceSpec& spec, DiagnosticSink& sink, std::set<int> term_levels)
        : spec_(spec), sink_(sink), columns_(spec, sink, "columns"), outline_(spec, sink, std::move(term_levels)) {}

    ReaderResult read(std::string_view document) {
        ReaderResult result;
        if (!columns_.ok()) return result;
        std::string source = protect_math(without_front_matter(document), spans_);

        static std::once_flag registered;
        std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
        std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(CMARK_OPT_DEFAULT),
                                                                            &cmark_parser_free);
        for (const char* name : {"table", "strikethrough", "autolink"})
            if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name))
                cmark_parser_attach_syntax_extension(parser.get(), extension);
        cmark_parser_feed(parser.get(), source.data(), source.size());
        std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(cmark_parser_finish(parser.get()),
                                                                      &cmark_node_free);
        if (!root) {
            sink_.error(location(spec_, 0), "markdown-syntax", "the document cannot be parsed as Markdown");
            return result;
        }
        // The walk below is recursive, as is the rich text it builds: a
        // document nested deeper than any glossary is refused first.
        if (auto deep = too_deep(root.get())) {
            sink_.error(location(spec_, static_cast<std::uint32_t>(std::max(cmark_node_get_start_line(deep), 0))),
                        "markup-too-deep",
                        "Markdown nested more than " + std::to_string(kMaxMarkupDepth) +
                            " levels deep (block quotes, lists, emphasis); the file is not read");
            return result;
        }
        for (cmark_node* block : children(root.get())) top_level(block);

        for (auto& draft : outline_.finish())
            if (auto entry = generic::finish(spec_, std::move(draft), sink_)) result.entries.push_back(std::move(*entry));
        generic::resolve_related(spec_, result.entries, sink_);
        if (result.entries.empty())
            sink_.warning(location(spec_, 0), "no-entries",
                          "found no glossary entries (## headings followed by paragraphs, \"- **Term**: definition\" "
                          "items, or a table with a term column)");
        return result;
    }

private:
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

    void top_level(cmark_node* block) {
        switch (cmark_node_get_type(block)) {
            case CMARK_NODE_HEADING:
                outline_.heading(cmark_node_get_heading_level(block), inline_of(block), line_of(block));
                return;
            case CMARK_NODE_PARAGRAPH:
                if (auto draft = definition_list_entry(block)) {
                    outline_.entry(std::move(*draft));
                } else {
                    outline_.content({inline_of(block)}, line_of(block));
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
        outline_.content(paragraphs_of(block), line_of(block));
    }

    // ---- lists of "**Term**: definition"

    void list(cmark_node* list) {
        auto items = children(list);
        std::vector<std::optional<Draft>> drafts;
        bool any = false;
        if (!outline_.in_definition()) {
            for (cmark_node* item : items) {
                drafts.push_back(bold_term_item(item));
                any = any || drafts.back().has_value();
            }
        }
        if (!any) {
            outline_.content(paragraphs_of(list), line_of(list));
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

    std::optional<Draft> bold_term_item(cmark_node* item) {
        auto blocks = children(item);
        if (blocks.empty() || cmark_node_get_type(blocks.front()) != CMARK_NODE_PARAGRAPH) return std::nullopt;
        auto split = generic::split_bold_term(inline_of(blocks.front()));
        if (!split) return std::nullopt;
        Draft draft;
        draft.printed = split->first;
        draft.line = line_of(item);
        if (!split->second.empty()) draft.paragraphs.push_back(std::move(split->second));
        for (std::size_t b = 1; b < blocks.size(); ++b)
            for (auto& paragraph : paragraphs_of(blocks[b])) draft.paragraphs.push_back(std::move(paragraph));
        return draft;
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
            if (!definition.empty()) draft.paragraphs.push_back(std::move(definition));
            definition.clear();
        };
        for (std::size_t i = terms; i < lines.size(); ++i) {
            bool opens = opens_definition(lines[i]);
            if (opens) flush();
            for (std::size_t n = 0; n < lines[i].size(); ++n) {
                if (n == 0 && opens) {
                    append_with_math(definition, literal_of(lines[i][0]).substr(2));
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

    void table(cmark_node* node) {
        auto rows = children(node);
        if (rows.size() >= 2) {
            std::vector<std::string> names;
            for (cmark_node* cell : children(rows.front())) names.push_back(generic::plain(inline_of(cell)));
            auto fields = columns_.assign(names);
            if (names.size() >= 2 && std::find(fields.begin(), fields.end(), generic::Field::Term) != fields.end()) {
                for (std::size_t r = 1; r < rows.size(); ++r) {
                    generic::RecordBuilder record(line_of(rows[r]));
                    std::string context;
                    auto cells = children(rows[r]);
                    for (std::size_t i = 0; i < cells.size(); ++i) {
                        ir::RichText value = inline_of(cells[i]);
                        context += generic::plain(value) + " ";
                        if (i < fields.size() && fields[i]) {
                            record.add_rich(*fields[i], std::move(value));
                        } else {
                            std::string name = i < names.size() && !names[i].empty() ? names[i]
                                                                                      : "column " + std::to_string(i + 1);
                            record.add_extra(name, generic::plain(value));
                        }
                    }
                    if (text::trim(context).empty()) continue;
                    Draft draft = record.take();
                    draft.context = context;
                    outline_.entry(std::move(draft));
                }
                return;
            }
        }
        outline_.content(paragraphs_of(node), line_of(node));
    }

    // ---- blocks as paragraphs

    std::vector<ir::RichText> paragraphs_of(cmark_node* block) {
        std::vector<ir::RichText> out;
        auto type = cmark_node_get_type(block);
        if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
            out.push_back(inline_of(block));
        } else if (type == CMARK_NODE_CODE_BLOCK) {
            std::string code = text::collapse_whitespace(restore(literal_of(block)));
            if (!code.empty()) out.push_back({ir::code(std::move(code))});
        } else if (type == CMARK_NODE_HTML_BLOCK) {
            std::string html = restore(literal_of(block));
            if (text::starts_with(text::trim(html), "<!--")) return out;
            std::string stripped;  // the text between the tags
            bool in_tag = false;
            for (char c : html) {
                if (c == '<') in_tag = true;
                if (!in_tag) stripped += c;
                if (c == '>') {
                    in_tag = false;
                    stripped += ' ';
                }
            }
            ir::RichText rich;
            text::append_text(rich, stripped);
            generic::tidy(rich);
            if (!rich.empty()) out.push_back(std::move(rich));
        } else if (type_of(block) == "table_row" || type_of(block) == "table_header") {
            ir::RichText row;
            for (cmark_node* cell : children(block)) {
                ir::RichText value = inline_of(cell);
                if (value.empty()) continue;
                if (!row.empty()) text::append_text(row, ";");
                generic::append_paragraph(row, value);
            }
            if (!row.empty()) out.push_back(std::move(row));
        } else {
            for (cmark_node* child : children(block))
                for (auto& paragraph : paragraphs_of(child)) out.push_back(std::move(paragraph));
        }
        out.erase(std::remove_if(out.begin(), out.end(), [](const ir::RichText& p) { return p.empty(); }), out.end());
        return out;
    }

    // ---- inline content

    ir::RichText inline_of(cmark_node* node) {
        ir::RichText out;
        for (cmark_node* child : children(node)) inline_into(out, child);
        generic::tidy(out, false);
        return out;
    }

    void inline_into(ir::RichText& out, cmark_node* node) {
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_TEXT: append_with_math(out, literal_of(node)); return;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK: text::append_text(out, " "); return;
            case CMARK_NODE_CODE: out.push_back(ir::code(restore(literal_of(node)))); return;
            case CMARK_NODE_HTML_INLINE: {
                std::string tag(text::trim(literal_of(node)));
                std::transform(tag.begin(), tag.end(), tag.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                if (text::starts_with(tag, "<br")) text::append_text(out, " ");
                return;  // other tags are dropped; the text between them is kept
            }
            case CMARK_NODE_EMPH: out.push_back(ir::emph(children_of(node))); return;
            case CMARK_NODE_STRONG: out.push_back(ir::strong(children_of(node))); return;
            case CMARK_NODE_LINK: {
                const char* url = cmark_node_get_url(node);
                std::string target = url ? text::collapse_whitespace(url) : "";
                if (target.empty() || target.front() == '#') {
                    for (auto& child : children_of(node)) out.push_back(std::move(child));
                } else {
                    out.push_back(ir::link(std::move(target), children_of(node)));
                }
                return;
            }
            default:  // images (their alt text), strikethrough, footnote references
                for (cmark_node* child : children(node)) inline_into(out, child);
                return;
        }
    }

    ir::RichText children_of(cmark_node* node) {
        ir::RichText out;
        for (cmark_node* child : children(node)) inline_into(out, child);
        return out;
    }

    // The index of the placeholder in `s` at `open` (its U+E001 at `close`).
    std::optional<std::size_t> placeholder_index(std::string_view s, std::size_t open, std::size_t close) const {
        std::string_view digits = s.substr(open + kOpen.size(), close - open - kOpen.size());
        if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        std::size_t index = 0;
        for (char c : digits) index = index * 10 + static_cast<std::size_t>(c - '0');
        if (index >= spans_.size()) return std::nullopt;
        return index;
    }

    // Text with placeholders: Text and Math nodes.
    void append_with_math(ir::RichText& out, std::string_view literal) const {
        std::size_t start = 0;
        while (true) {
            std::size_t open = literal.find(kOpen, start);
            std::size_t close = open == std::string_view::npos ? open : literal.find(kClose, open);
            if (close == std::string_view::npos) break;
            auto index = placeholder_index(literal, open, close);
            std::size_t end = close + kClose.size();
            text::append_text(out, literal.substr(start, open - start));
            if (index) {
                out.push_back(ir::math(spans_[*index].tex));
            } else {
                text::append_text(out, literal.substr(open, end - open));
            }
            start = end;
        }
        text::append_text(out, literal.substr(start));
    }

    // Code where math was protected: the original text back.
    std::string restore(std::string_view s) const {
        std::string out;
        std::size_t start = 0;
        while (true) {
            std::size_t open = s.find(kOpen, start);
            std::size_t close = open == std::string_view::npos ? open : s.find(kClose, open);
            if (close == std::string_view::npos) break;
            std::size_t end = close + kClose.size();
            out.append(s.substr(start, open - start));
            if (auto index = placeholder_index(s, open, close)) {
                out += spans_[*index].original;
            } else {
                out.append(s.substr(open, end - open));
            }
            start = end;
        }
        out.append(s.substr(start));
        return out;
    }

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    generic::FieldMap columns_;
    generic::Outline outline_;
    std::vector<MathSpan> spans_;
};

}  // namespace

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
    if (levels.empty()) levels = {2, 3};
    return MarkdownReader(spec, sink, std::move(levels)).read(document);
}

}  // namespace glossc::readers
