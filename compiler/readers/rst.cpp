// Reader for reStructuredText glossaries (format "rst"; .rst, .rest). Debian
// has no C++ library for reST, so this reads the subset glossaries use, in
// two passes: the lines become blocks by their indentation, as docutils
// builds them, then the blocks become entries. Layouts, which may be mixed:
//
//   .. glossary::                  Sphinx's glossary directive: term lines at
//      :sorted:                    the body's indentation, each followed by
//                                  its definition indented below. Term lines
//      KV cache                    directly above one definition are one
//      key-value cache             entry, the first its headword, the others
//         Keys and values kept …   aliases ("glossary-directive terms");
//                                  options are accepted and ignored
//
//   .. _label_x:                   a definition list: a term line with its
//                                  definition indented right below it
//   Term : classifier              ("definition-list items"); a classifier is
//      Definition paragraphs …     not part of the name
//
//   - **Term**: definition         a top-level bullet opening with a bold term
//                                  and ":" ("bullets"), as in Markdown
//
// Section titles (underlined, or over- and underlined) are never entries: a
// title is the category of the entries under it, except the document title
// (the first title, when no other title has its adornment style) and titles
// that name the document or no glossary content ("Glossary", "References";
// outline.hpp). Prose outside every entry (an introduction) is reported
// [unplaced-text].
//
// Inside a definition, blocks give IR blocks in source order: paragraphs;
// bullet and enumerated lists (nested; an enumerated list keeps its first
// number); field lists (a paragraph "Name: value", so that ":Synonyms: …"
// names the entry); footnotes; admonitions ("Note: …", and seealso gives
// "See also: …", a related entry); tables (a table block); nested
// definition lists ("term: definition"). `::` literal blocks and code-block
// / code / sourcecode become code blocks with their lines (and language),
// `.. math::` display math (equations separated by blank lines joined by
// "\\"). Directives that hold no text (image, toctree,
// index, …) are dropped; raw and include are dropped with a warning
// [rst-not-read]. Comments and targets are not text.
//
// Inline markup: *emphasis*, **strong**, ``code``, :math:`TeX`; roles:
// :term:`text <target>` is shown as its text and names a related entry, as
// :ref:`text <label>` does when the label stands above an entry of this
// file; :doc:, :abbr: and the like give their text, code-like roles (:code:,
// :py:func:, :file:, …) Code; `text <url>`_ and standalone URLs are links,
// `name`_ and name_ too when a target gives the name's URL; |name| is its
// replace:: text; footnote references [1]_ stay as text. Unclosed markup is
// kept as text and reported [rst-unclosed-markup].
//
// Tabs expand to 8 columns, as reST says. Blocks nested deeper than
// kMaxMarkupDepth are read as flat text [markup-too-deep]. No options.
//
// The reader is four files: rst_blocks (lines to blocks), rst_inline (a
// paragraph's inline markup to rich text), rst_directives (what each
// directive holds) and this one, which turns the blocks into entries.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "readers/generic.hpp"
#include "readers/options.hpp"
#include "readers/outline.hpp"
#include "readers/readers.hpp"
#include "readers/rst_blocks.hpp"
#include "readers/rst_directives.hpp"
#include "readers/rst_inline.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

namespace rst {

namespace {

using generic::Draft;

constexpr std::string_view kGlossaryLayout = "glossary-directive terms";
constexpr std::string_view kDefinitionListLayout = "definition-list items";
constexpr std::string_view kBulletLayout = "bullets";

std::string join(const std::vector<std::string>& lines, std::string_view separator) {
    std::string out;
    for (const auto& line : lines) {
        if (!out.empty()) out += separator;
        out += line;
    }
    return out;
}

// ---- Pass 2: blocks to entries ---------------------------------------------------------------

class EntryBuilder {
public:
    EntryBuilder(const SourceSpec& spec, DiagnosticSink& sink)
        : spec_(spec), sink_(sink), outline_(spec, sink, {}) {}  // no heading is a term

    ReaderResult read(const std::vector<Block>& blocks) {
        collect(blocks);
        find_document_title(blocks);
        top(blocks);
        ReaderResult result;
        generic::add_entries(spec_, outline_.finish(), result, sink_);
        result.sections = outline_.sections_used();
        if (result.entries.empty())
            sink_.warning(location(spec_, 0), "no-entries",
                          "found no glossary entries (a '.. glossary::' directive, or a definition list: a term line "
                          "with its definition indented below it)");
        return result;
    }

private:
    // ---- what inline markup refers to

    void collect(const std::vector<Block>& blocks) {
        std::vector<std::string> labels;  // waiting for the block they stand above
        for (const auto& block : blocks) {
            switch (block.kind) {
                case Kind::Target:
                    if (block.argument.empty()) {
                        labels.push_back(block.name);
                    } else {
                        targets_.urls.emplace(block.name, block.argument);
                    }
                    continue;
                case Kind::Nothing: continue;
                case Kind::Substitution: targets_.substitutions.emplace(block.name, block.argument); continue;
                case Kind::Item:
                case Kind::GlossaryEntry:
                case Kind::Title: {
                    std::string name = term_name(block.lines.empty() ? "" : block.lines.front(), nullptr);
                    for (auto& label : labels) targets_.labels[label] = {name, block.kind != Kind::Title};
                    break;
                }
                default: break;
            }
            labels.clear();
            collect(block.children);
        }
    }

    // docutils' rule: the first title is the document's when no other title
    // shares its style (its level, 1).
    void find_document_title(const std::vector<Block>& blocks) {
        const Block* first = nullptr;
        std::size_t top_titles = 0;
        for (const auto& block : blocks) {
            if (block.kind != Kind::Title) continue;
            if (!first) first = &block;
            if (block.level == 1) ++top_titles;
        }
        if (first && top_titles == 1) document_title_ = first;
    }

    // ---- outside entries

    void top(const std::vector<Block>& blocks) {
        for (const auto& block : blocks) {
            switch (block.kind) {
                case Kind::Title: title(block); break;
                case Kind::Item: outline_.entry(entry_of(block, kDefinitionListLayout)); break;
                case Kind::Bullet: bullet(block); break;
                case Kind::Directive: top_directive(block); break;
                // Document metadata (":orphan:", ":tocdepth: 2", ":Author: …"): not text of the glossary.
                case Kind::Field:
                case Kind::Target:
                case Kind::Substitution:
                case Kind::Nothing: break;
                default: unplaced(block); break;
            }
        }
    }

    void top_directive(const Block& directive) {
        const DirectiveInfo& info = directive_info(directive.name);
        if (info.treatment == Treatment::Glossary) {
            if (directive.children.empty()) empty_directive(directive);
            for (const auto& block : directive.children) {
                if (block.kind == Kind::GlossaryEntry) {
                    outline_.entry(entry_of(block, kGlossaryLayout));
                } else if (block.kind != Kind::Target && block.kind != Kind::Nothing) {
                    unplaced(block);
                }
            }
            return;
        }
        if (info.treatment != Treatment::Prose || info.argument == Argument::Prefix || !info.prefix.empty()) {
            unplaced(directive);  // code, an admonition: text of no entry (or nothing, or a warning)
            return;
        }
        // A container ("only", "container", an unknown one) may hold entries.
        if (info.argument == Argument::Paragraph && !directive.argument.empty()) {
            Draft scratch;
            add_paragraph(scratch.blocks, scratch, directive.argument, directive.line);
            outline_.content(std::move(scratch.blocks), directive.line);
        }
        top(directive.children);
    }

    // Titles are never terms: each but the document's is a section, its
    // title the category of the entries under it. Levels are shifted by one,
    // as the outline takes level 1 for a page title.
    void title(const Block& block) {
        if (&block == document_title_) return;
        outline_.heading(block.level + 1, inline_of(block.lines.front(), block.line, nullptr), block.line);
    }

    void unplaced(const Block& block) {
        Draft scratch;
        convert(block, scratch.blocks, scratch);
        outline_.content(std::move(scratch.blocks), block.line);
    }

    // ---- entries

    Draft entry_of(const Block& block, std::string_view layout) {
        Draft draft;
        draft.line = block.line;
        draft.layout = layout;
        for (std::size_t i = 0; i < block.lines.size(); ++i) {
            std::uint32_t line = i < block.line_numbers.size() ? block.line_numbers[i] : block.line;
            std::string name = term_name(block.lines[i], &line);
            if (i == 0) {
                draft.printed = std::move(name);
            } else if (!name.empty()) {
                draft.aliases.push_back(std::move(name));
            }
        }
        content(block.children, draft);
        return draft;
    }

    // A top-level bullet: an entry when it reads "- **Term**: definition",
    // otherwise text of no entry.
    void bullet(const Block& item) {
        Draft draft;
        content(item.children, draft);
        bool opens_with_paragraph = !item.children.empty() && item.children.front().kind == Kind::Paragraph;
        ir::RichText* first = opens_with_paragraph ? generic::first_paragraph(draft.blocks) : nullptr;
        auto split = first ? generic::split_bold_term(*first) : std::nullopt;
        if (!split) {
            outline_.content(std::move(draft.blocks), item.line);
            return;
        }
        draft.printed = split->first;
        draft.line = item.line;
        draft.layout = kBulletLayout;
        *first = std::move(split->second);
        if (first->empty()) draft.blocks.erase(draft.blocks.begin());
        outline_.entry(std::move(draft));
    }

    // A term line's name: inline markup as text, a classifier
    // ("term : classifier") left out.
    std::string term_name(std::string_view line, const std::uint32_t* number) {
        if (auto classifier = line.find(" : "); classifier != std::string_view::npos) line = line.substr(0, classifier);
        ir::RichText name = number ? inline_of(line, *number, nullptr) : parse_inline(line, nullptr, nullptr).text;
        generic::tidy(name, false);
        return generic::plain(name);
    }

    // ---- inside a definition: blocks in source order

    // Blocks of a definition into `into.blocks`; `into` also takes the
    // related entries that :term: roles name.
    void content(const std::vector<Block>& blocks, Draft& into) { content(blocks, into.blocks, into); }

    void content(const std::vector<Block>& blocks, ir::Blocks& out, Draft& into) {
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            const Block& block = blocks[i];
            if (block.kind != Kind::Bullet && block.kind != Kind::Enumerated) {
                convert(block, out, into);
                continue;
            }
            // A run of items of one kind is one list.
            std::vector<ir::Blocks> items;
            std::size_t end = i;
            for (; end < blocks.size() && blocks[end].kind == block.kind; ++end) {
                ir::Blocks item;
                content(blocks[end].children, item, into);
                if (!item.empty()) items.push_back(std::move(item));
            }
            i = end - 1;
            if (items.empty()) continue;
            out.push_back(block.kind == Kind::Bullet ? ir::bullet_list(std::move(items))
                                                     : ir::ordered_list(std::move(items), first_number(block.name)));
        }
    }

    // The number an enumerator starts a list at: "3." -> 3; "#.", "a)",
    // "(iv)" -> 1 (the IR numbers lists with digits).
    static std::uint32_t first_number(std::string_view enumerator) {
        std::uint32_t number = 0;
        for (char c : enumerator) {
            if (c < '0' || c > '9') continue;
            if (number > 100000) break;
            number = number * 10 + static_cast<std::uint32_t>(c - '0');
        }
        return std::max<std::uint32_t>(number, 1);
    }

    void convert(const Block& block, ir::Blocks& out, Draft& into) {
        switch (block.kind) {
            case Kind::Paragraph:
            case Kind::Title: add_paragraph(out, into, join(block.lines, "\n"), block.line); break;
            case Kind::Literal: add_code(out, block.lines, {}); break;
            case Kind::Table: {
                std::vector<std::vector<ir::RichText>> rows;
                std::size_t width = 0;
                for (const auto& row : block.children) {
                    auto& cells = rows.emplace_back();
                    for (const auto& cell : row.lines) {
                        cells.push_back(inline_of(cell, row.line, &into));
                        generic::tidy(cells.back(), false);
                    }
                    width = std::max(width, cells.size());
                }
                if (width == 0) break;
                for (auto& row : rows) row.resize(width);
                out.push_back(ir::table(std::move(rows)));
                break;
            }
            case Kind::Bullet:
            case Kind::Enumerated: content({block}, out, into); break;
            case Kind::Footnote: prefixed(out, into, {ir::text(block.name)}, block.children); break;
            case Kind::Field: prefixed(out, into, {ir::text(block.name + ":")}, block.children); break;
            case Kind::Item:
            case Kind::GlossaryEntry: {  // a nested definition list: "term: definition"
                ir::RichText term;
                for (const auto& line : block.lines) {
                    if (!term.empty()) text::append_text(term, ", ");
                    for (auto& node : inline_of(line, block.line, &into)) term.push_back(std::move(node));
                }
                text::append_text(term, ":");
                prefixed(out, into, std::move(term), block.children);
                break;
            }
            case Kind::Directive: directive(block, out, into); break;
            case Kind::Target:
            case Kind::Substitution:
            case Kind::Nothing: break;
        }
    }

    static void add_code(ir::Blocks& out, const std::vector<std::string>& lines, std::string language) {
        std::string code = join(lines, "\n");
        while (!code.empty() && code.back() == '\n') code.pop_back();
        while (!code.empty() && code.front() == '\n') code.erase(0, 1);
        if (!text::trim(code).empty()) out.push_back(ir::code_block(std::move(code), std::move(language)));
    }

    void directive(const Block& block, ir::Blocks& out, Draft& into) {
        const DirectiveInfo& info = directive_info(block.name);
        switch (info.treatment) {
            case Treatment::Code: {
                std::vector<std::string> lines = block.lines;
                std::string language;
                if (info.argument == Argument::Content && !block.argument.empty()) {
                    lines.insert(lines.begin(), block.argument);
                } else if (block.name == "code-block" || block.name == "code" || block.name == "sourcecode") {
                    language = std::string(text::trim(block.argument));  // ".. code-block:: python"
                }
                if (lines.empty()) return empty_directive(block);
                add_code(out, lines, std::move(language));
                return;
            }
            case Treatment::Math: {
                std::string tex = math_of(block);
                if (tex.empty()) return empty_directive(block);
                out.push_back(ir::display_math(std::move(tex)));
                return;
            }
            case Treatment::NoText: return;
            case Treatment::NotRead:
                sink_.warning(location(spec_, block.line), "rst-not-read",
                              "the '.. " + block.name + "::' directive" +
                                  (block.argument.empty() ? std::string() : " (" + text::excerpt(block.argument) + ")") +
                                  " holds text from elsewhere, which is not read");
                return;
            case Treatment::Glossary:
            case Treatment::Prose: break;
        }
        bool titled = info.argument != Argument::Ignored && info.argument != Argument::Content && !block.argument.empty();
        if (block.children.empty() && !titled) return empty_directive(block);
        ir::RichText prefix;
        if (!info.prefix.empty()) text::append_text(prefix, info.prefix);
        if (info.argument == Argument::Prefix && !block.argument.empty()) {
            if (!prefix.empty()) text::append_text(prefix, " ");
            for (auto& node : inline_of(block.argument, block.line, &into)) prefix.push_back(std::move(node));
        }
        if (info.argument == Argument::Paragraph && !block.argument.empty())
            add_paragraph(out, into, block.argument, block.line);
        if (prefix.empty()) {
            content(block.children, out, into);
        } else {
            text::append_text(prefix, ":");
            prefixed(out, into, std::move(prefix), block.children);
        }
    }

    // The TeX of a math directive: its argument and lines; equations
    // separated by blank lines are joined by "\\", as Sphinx sets them.
    static std::string math_of(const Block& block) {
        std::string tex = block.argument;
        bool blank = false;
        for (const auto& line : block.lines) {
            if (line.empty()) {
                blank = true;
                continue;
            }
            if (!tex.empty()) tex += blank ? " \\\\ " : " ";
            tex += line;
            blank = false;
        }
        return tex;
    }

    void empty_directive(const Block& block) {
        sink_.warning(location(spec_, block.line), "rst-empty-directive",
                      "the '.. " + block.name + "::' directive has no content");
    }

    // The children's blocks, the first paragraph opening with `prefix` (a
    // footnote's label, a field name, an admonition's title); `prefix` a
    // paragraph of its own when they do not open with one.
    void prefixed(ir::Blocks& out, Draft& into, ir::RichText prefix, const std::vector<Block>& children) {
        std::size_t first = out.size();
        content(children, out, into);
        generic::tidy(prefix, false);
        if (prefix.empty()) return;
        if (out.size() == first || out[first].kind != ir::BlockKind::Paragraph) {
            out.insert(out.begin() + static_cast<std::ptrdiff_t>(first), ir::paragraph(std::move(prefix)));
            return;
        }
        text::append_paragraph(prefix, out[first].text);
        out[first].text = std::move(prefix);
    }

    void add_paragraph(ir::Blocks& out, Draft& into, std::string_view text, std::uint32_t line) {
        ir::RichText paragraph = inline_of(text, line, &into);
        generic::tidy(paragraph, false);
        if (!paragraph.empty()) out.push_back(ir::paragraph(std::move(paragraph)));
    }

    // Inline markup of text starting on `line` (its line breaks kept, so
    // that unclosed markup is reported on its own line).
    ir::RichText inline_of(std::string_view text, std::uint32_t line, Draft* into) {
        InlineText parsed = parse_inline(text, &targets_, into);
        if (auto at = parsed.unclosed) {
            auto offset = static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + *at, '\n'));
            sink_.warning(location(spec_, line + offset), "rst-unclosed-markup",
                          "inline markup opened and not closed, kept as text: '" +
                              text::excerpt(text.substr(*at, std::min<std::size_t>(text.size() - *at, 40))) + "'");
        }
        return std::move(parsed.text);
    }

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    generic::Outline outline_;
    Targets targets_;
    const Block* document_title_ = nullptr;
};

}  // namespace

}  // namespace rst

ReaderResult read_rst(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    ReaderOptions options(spec, sink, {});
    if (!options.ok()) return {};
    std::vector<rst::Block> blocks = rst::parse_blocks(document, spec, sink);
    return rst::EntryBuilder(spec, sink).read(blocks);
}

}  // namespace glossc::readers
