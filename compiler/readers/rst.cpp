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
// Inside a definition, blocks give paragraphs in source order (the IR has no
// block level yet): paragraphs; list items, bullet or enumerated, nested too
// (an enumerated item keeps its "1."); field lists ("Name: value", so that
// ":Synonyms: …" names the entry); footnotes; admonitions ("Note: …", and
// seealso gives "See also: …", a related entry); tables (a paragraph per
// row); nested definition lists ("term: definition"). `::` literal blocks
// and code-block / code / sourcecode become a paragraph of one Code node,
// `.. math::` a paragraph of one Math node (equations separated by blank
// lines joined by "\\"). Directives that hold no text (image, toctree,
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
            add_paragraph(scratch, directive.argument, directive.line);
            outline_.content(std::move(scratch.paragraphs), directive.line);
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
        convert(block, scratch);
        outline_.content(std::move(scratch.paragraphs), block.line);
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
        auto split = opens_with_paragraph && !draft.paragraphs.empty()
                         ? generic::split_bold_term(draft.paragraphs.front())
                         : std::nullopt;
        if (!split) {
            outline_.content(std::move(draft.paragraphs), item.line);
            return;
        }
        draft.printed = split->first;
        draft.line = item.line;
        draft.layout = kBulletLayout;
        draft.paragraphs.front() = std::move(split->second);
        if (draft.paragraphs.front().empty()) draft.paragraphs.erase(draft.paragraphs.begin());
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

    // ---- inside a definition: paragraphs in source order

    void content(const std::vector<Block>& blocks, Draft& into) {
        for (const auto& block : blocks) convert(block, into);
    }

    void convert(const Block& block, Draft& into) {
        switch (block.kind) {
            case Kind::Paragraph:
            case Kind::Title: add_paragraph(into, join(block.lines, "\n"), block.line); break;
            case Kind::Literal: add(into, {ir::code(join(block.lines, "\n"))}); break;
            case Kind::Table:
                for (const auto& row : block.lines) add_paragraph(into, row, block.line);
                break;
            case Kind::Bullet: content(block.children, into); break;
            case Kind::Enumerated:
            case Kind::Footnote: prefixed(into, {ir::text(block.name)}, block.children); break;
            case Kind::Field: prefixed(into, {ir::text(block.name + ":")}, block.children); break;
            case Kind::Item:
            case Kind::GlossaryEntry: {  // a nested definition list: "term: definition"
                ir::RichText term;
                for (const auto& line : block.lines) {
                    if (!term.empty()) text::append_text(term, ", ");
                    for (auto& node : inline_of(line, block.line, &into)) term.push_back(std::move(node));
                }
                text::append_text(term, ":");
                prefixed(into, std::move(term), block.children);
                break;
            }
            case Kind::Directive: directive(block, into); break;
            case Kind::Target:
            case Kind::Substitution:
            case Kind::Nothing: break;
        }
    }

    void directive(const Block& block, Draft& into) {
        const DirectiveInfo& info = directive_info(block.name);
        switch (info.treatment) {
            case Treatment::Code: {
                std::vector<std::string> lines = block.lines;
                if (info.argument == Argument::Content && !block.argument.empty())
                    lines.insert(lines.begin(), block.argument);
                if (lines.empty()) return empty_directive(block);
                add(into, {ir::code(join(lines, "\n"))});
                return;
            }
            case Treatment::Math: {
                std::string tex = math_of(block);
                if (tex.empty()) return empty_directive(block);
                add(into, {ir::math(std::move(tex))});
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
            add_paragraph(into, block.argument, block.line);
        if (prefix.empty()) {
            content(block.children, into);
        } else {
            text::append_text(prefix, ":");
            prefixed(into, std::move(prefix), block.children);
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

    // The children's paragraphs, the first opening with `prefix` (an
    // enumerator, a field name, an admonition's title); `prefix` alone when
    // they give none.
    void prefixed(Draft& into, ir::RichText prefix, const std::vector<Block>& children) {
        std::size_t first = into.paragraphs.size();
        content(children, into);
        generic::tidy(prefix, false);
        if (prefix.empty()) return;
        if (into.paragraphs.size() == first) {
            into.paragraphs.push_back(std::move(prefix));
            return;
        }
        generic::append_paragraph(prefix, into.paragraphs[first]);
        into.paragraphs[first] = std::move(prefix);
    }

    void add_paragraph(Draft& into, std::string_view text, std::uint32_t line) {
        add(into, inline_of(text, line, &into));
    }

    static void add(Draft& into, ir::RichText paragraph) {
        generic::tidy(paragraph, false);
        if (!paragraph.empty()) into.paragraphs.push_back(std::move(paragraph));
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
