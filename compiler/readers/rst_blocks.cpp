// The block pass of the reStructuredText reader: lines to blocks
// (rst_blocks.hpp). Separate from the reader proper (rst.cpp) because it is
// reST's line syntax alone: indentation, adornments, markers, tables.
#include "readers/rst_blocks.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <limits>
#include <optional>
#include <utility>

#include "readers/rst_directives.hpp"
#include "readers/sanitize.hpp"
#include "text/utf8.hpp"

namespace glossc::readers::rst {

namespace {

// ---- Lines ---------------------------------------------------------------------

struct Line {
    std::string_view text;  // after the indentation, trailing white space dropped
    Indent indent = 0;      // in columns, tabs expanded
    std::uint32_t number = 0;
    bool blank() const { return text.empty(); }
};

// The document's lines, tabs expanded to 8-column stops (form feeds and
// vertical tabs are spaces), as docutils reads them.
class LineTable {
public:
    explicit LineTable(std::string_view document) {
        for (const auto& line : text::split_lines(document)) {
            std::string_view raw = line.text;
            if (raw.find_first_of("\t\f\v") != std::string_view::npos) {
                expanded_.push_back(expand_tabs(raw));
                raw = expanded_.back();
            }
            std::size_t indent = 0;
            while (indent < raw.size() && raw[indent] == ' ') ++indent;
            std::string_view rest = raw.substr(indent);
            while (!rest.empty() && is_space(rest.back())) rest.remove_suffix(1);
            lines.push_back({rest, static_cast<Indent>(indent), line.number});
        }
    }

    std::vector<Line> lines;

private:
    static std::string expand_tabs(std::string_view raw) {
        std::string out;
        std::size_t column = 0;  // in bytes: only leading columns matter, and those are ASCII
        for (char c : raw) {
            if (c == '\t') {
                do {
                    out += ' ';
                } while (++column % 8 != 0);
                continue;
            }
            out += (c == '\f' || c == '\v') ? ' ' : c;
            ++column;
        }
        return out;
    }

    std::deque<std::string> expanded_;  // owns the expanded lines (stable addresses)
};

// ---- Line patterns ---------------------------------------------------------------------

bool is_adornment_char(char c) {
    return c != 0 && std::strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != nullptr;
}

// The character of an adornment line (a section title's over- or underline,
// a transition): one punctuation character repeated; 0 for other lines.
char adornment_char(std::string_view t) {
    if (t.empty() || !is_adornment_char(t[0])) return 0;
    for (char c : t)
        if (c != t[0]) return 0;
    return t[0];
}

bool is_explicit_markup(std::string_view t) { return t == ".." || t.starts_with(".. "); }

// Where the text after a bullet starts ("- ", "* ", "+ ", "• "), or 0.
std::size_t bullet_offset(std::string_view t) {
    for (std::string_view bullet : {"-", "*", "+", "\xE2\x80\xA2" /* • */, "\xE2\x80\xA3" /* ‣ */, "\xE2\x81\x83" /* ⁃ */})
        if (t.starts_with(bullet) && (t.size() == bullet.size() || t[bullet.size()] == ' ')) return bullet.size();
    return 0;
}

bool is_roman(std::string_view s) {
    if (s.empty() || s.size() > 6) return false;
    auto all_of = [&](std::string_view letters) { return s.find_first_not_of(letters) == std::string_view::npos; };
    return all_of("ivxlcdm") || all_of("IVXLCDM");
}

// The length of an enumerator ("1.", "a)", "(iv)", "#.") starting an item,
// or 0.
std::size_t enumerator_length(std::string_view t) {
    std::size_t at = 0;
    bool parenthesised = !t.empty() && t[0] == '(';
    if (parenthesised) ++at;
    std::size_t start = at;
    while (at < t.size() && at - start < 9 && is_alnum(t[at])) ++at;
    if (at == start && at < t.size() && t[at] == '#') ++at;
    std::string_view label = t.substr(start, at - start);
    if (label.empty() || at >= t.size()) return 0;
    bool digits = label.find_first_not_of("0123456789") == std::string_view::npos;
    bool letter = label.size() == 1 && std::isalpha(static_cast<unsigned char>(label[0]));
    if (!digits && !letter && label != "#" && !is_roman(label)) return 0;
    char close = t[at];
    if (parenthesised ? close != ')' : (close != '.' && close != ')')) return 0;
    ++at;
    if (at < t.size() && t[at] != ' ') return 0;
    return at;
}

// The name of a field list item ":name: body" and where its body starts.
std::optional<std::pair<std::string_view, std::size_t>> field_marker(std::string_view t) {
    if (t.size() < 3 || t[0] != ':' || t[1] == ' ' || t[1] == ':') return std::nullopt;
    for (std::size_t at = 1; at < t.size(); ++at) {
        if (t[at] == '`') return std::nullopt;  // a role (":term:`x`"), not a field
        if (t[at] != ':' || t[at - 1] == '\\') continue;
        if (at + 1 < t.size() && t[at + 1] != ' ') return std::nullopt;
        std::string_view name = t.substr(1, at - 1);
        if (name.empty() || name.back() == ' ') return std::nullopt;
        return std::make_pair(name, at + 1);
    }
    return std::nullopt;
}

// The name of a directive ".. name:: argument" (`rest` is what follows
// ".. ") and where its argument starts.
std::optional<std::pair<std::string_view, std::size_t>> directive_name(std::string_view rest) {
    auto name_char = [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '+'; };
    for (std::size_t at = 0; at + 1 < rest.size() && name_char(rest[at]); ++at) {
        if (at > 0 && rest[at] == ':' && rest[at + 1] == ':' && (at + 2 == rest.size() || rest[at + 2] == ' '))
            return std::make_pair(rest.substr(0, at), at + 2);
    }
    return std::nullopt;
}

bool is_grid_border(std::string_view t) {
    return t.size() >= 3 && t.front() == '+' && t.back() == '+' && t.find_first_not_of("+-=") == std::string_view::npos;
}

// "=====  =====": a simple table's border (two columns at least; one
// column would be a section adornment).
bool is_simple_border(std::string_view t) {
    return !t.empty() && t[0] == '=' && t.find_first_not_of("= ") == std::string_view::npos &&
           t.find(' ') != std::string_view::npos;
}

// ---- Pass 1: lines to blocks --------------------------------------------------------

class BlockParser {
public:
    BlockParser(std::vector<Line> lines, const SourceSpec& spec, DiagnosticSink& sink)
        : lines_(std::move(lines)), spec_(spec), sink_(sink) {}

    std::vector<Block> document() { return blocks(-1, 0); }

private:
    // The blocks indented deeper than `parent`, from the current line on.
    // Every call consumes at least one line, and a line is parsed once (a
    // list item's first line is shortened and parsed again, one level down),
    // so the whole pass is linear.
    std::vector<Block> blocks(Indent parent, std::size_t depth) {
        std::vector<Block> out;
        while (at_ < lines_.size()) {
            const Line& line = lines_[at_];
            if (line.blank()) {
                ++at_;
                continue;
            }
            if (line.indent <= parent) break;
            if (depth >= kMaxMarkupDepth) {
                out.push_back(flattened(parent));
                continue;
            }
            block(out, parent, depth);
        }
        return out;
    }

    void block(std::vector<Block>& out, Indent parent, std::size_t depth) {
        const Line& line = lines_[at_];
        std::string_view t = line.text;
        if (parent < 0 && line.indent == 0)
            if (auto title = section_title()) {
                out.push_back(std::move(*title));
                return;
            }
        if (is_explicit_markup(t)) {
            out.push_back(explicit_markup(depth));
            return;
        }
        if (std::size_t offset = bullet_offset(t)) {
            out.push_back(list_item(Kind::Bullet, "", offset, depth));
            return;
        }
        if (std::size_t length = enumerator_length(t); length && enumerated_item_follows(length)) {
            out.push_back(list_item(Kind::Enumerated, std::string(t.substr(0, length)), length, depth));
            return;
        }
        if (auto field = field_marker(t)) {
            out.push_back(list_item(Kind::Field, std::string(field->first), field->second, depth));
            return;
        }
        if (is_grid_border(t)) {
            out.push_back(grid_table());
            return;
        }
        if (is_simple_border(t)) {
            out.push_back(simple_table());
            return;
        }
        if (t == ">>>" || t.starts_with(">>> ")) {
            out.push_back(doctest());
            return;
        }
        if (t == "|" || t.starts_with("| ")) {
            out.push_back(line_block());
            return;
        }
        paragraph(out, depth);
    }

    // ---- titles

    std::optional<Block> section_title() {
        const Line& first = lines_[at_];
        if (is_explicit_markup(first.text)) return std::nullopt;
        auto next = [&](std::size_t k) -> const Line* { return at_ + k < lines_.size() ? &lines_[at_ + k] : nullptr; };
        char over = adornment_char(first.text);
        if (over) {
            const Line* title = next(1);
            const Line* under = next(2);
            if (title && !title->blank() && !adornment_char(title->text) && under && under->indent == 0 &&
                adornment_char(under->text) == over) {
                Block block = title_block(*title, over, true);
                at_ += 3;
                return block;
            }
            if (first.text.size() >= 4 && (!next(1) || next(1)->blank())) {  // a transition
                ++at_;
                return Block{Kind::Nothing, first.number, {}, {}, {}, {}, 0, {}};
            }
            return std::nullopt;
        }
        const Line* under = next(1);
        if (!under || under->indent != 0) return std::nullopt;
        char c = adornment_char(under->text);
        // docutils: an underline shorter than its title still makes one when
        // it has 4 characters at least.
        if (!c || (under->text.size() < 4 && under->text.size() < text::count_code_points(first.text)))
            return std::nullopt;
        Block block = title_block(first, c, false);
        at_ += 2;
        return block;
    }

    Block title_block(const Line& line, char adornment, bool overline) {
        auto style = std::make_pair(adornment, overline);
        auto found = std::find(styles_.begin(), styles_.end(), style);
        if (found == styles_.end()) found = styles_.insert(styles_.end(), style);
        Block block{Kind::Title, line.number, {std::string(line.text)}, {}, {}, {}, 0, {}};
        block.level = static_cast<int>(found - styles_.begin()) + 1;
        return block;
    }

    // ---- explicit markup: comments, targets, footnotes, substitutions, directives

    Block explicit_markup(std::size_t depth) {
        const Line& line = lines_[at_];
        Indent indent = line.indent;
        std::string_view rest = text::trim(line.text.substr(2));
        Block block;
        block.line = line.number;

        if (rest.starts_with("_")) {  // ".. _label:", ".. _name: URL", ".. __: URL"
            std::string_view name = rest.substr(1);
            std::size_t colon = std::string_view::npos;
            if (name.starts_with("`")) {
                std::size_t close = name.find('`', 1);
                if (close != std::string_view::npos && name.substr(close + 1).starts_with(":")) {
                    colon = close + 1;
                    name = name.substr(1, close - 1);
                }
            } else {
                colon = name.find(':');
                while (colon != std::string_view::npos && colon > 0 && name[colon - 1] == '\\')
                    colon = name.find(':', colon + 1);
                if (colon != std::string_view::npos) name = name.substr(0, colon);
            }
            if (colon != std::string_view::npos) {
                block.kind = Kind::Target;
                block.name = fold(name);
                std::string url(text::trim(rest.substr(1 + colon + 1)));
                ++at_;
                for (const auto& more : body_lines(indent)) url += more;  // a URL broken over lines
                url.erase(std::remove_if(url.begin(), url.end(), [](char c) { return is_space(c); }), url.end());
                // "name_" is an alias of another target, not a URL.
                if (!url.empty() && url.back() != '_') block.argument = std::move(url);
                return block;
            }
        }
        if (rest.starts_with("[")) {  // ".. [1] text", ".. [#note] text", ".. [CIT2002] text"
            std::size_t close = rest.find(']');
            if (close != std::string_view::npos && close > 1 &&
                (close + 1 == rest.size() || rest[close + 1] == ' ')) {
                block.kind = Kind::Footnote;
                block.name = std::string(rest.substr(0, close + 1));
                std::size_t offset = static_cast<std::size_t>(rest.data() - line.text.data()) + close + 1;
                shift_first_line(offset, indent);
                block.children = blocks(indent, depth + 1);
                return block;
            }
        }
        if (rest.starts_with("|")) {  // ".. |name| replace:: text"
            std::size_t close = rest.find('|', 1);
            if (close != std::string_view::npos && close > 1) {
                auto directive = directive_name(text::trim(rest.substr(close + 1)));
                if (directive) {
                    std::string_view after = text::trim(rest.substr(close + 1));
                    block.kind = Kind::Substitution;
                    block.name = fold(rest.substr(1, close - 1));
                    ++at_;
                    auto more = body_lines(indent);
                    if (lower_ascii(directive->first) == "replace") {
                        std::string replacement(text::trim(after.substr(directive->second)));
                        for (const auto& line_text : more) replacement += " " + line_text;
                        block.argument = text::collapse_whitespace(replacement);
                    }
                    return block;
                }
            }
        }
        if (auto directive = directive_name(rest)) return directive_block(block, rest, *directive, depth);
        // Anything else after ".." is a comment, with its indented lines.
        block.kind = Kind::Nothing;
        ++at_;
        body_lines(indent);
        return block;
    }

    Block directive_block(Block block, std::string_view rest, std::pair<std::string_view, std::size_t> directive,
                          std::size_t depth) {
        Indent indent = lines_[at_].indent;
        std::size_t directive_line = at_;
        block.kind = Kind::Directive;
        block.name = lower_ascii(directive.first);
        std::string_view argument = text::trim(rest.substr(directive.second));
        block.argument = std::string(argument);
        const DirectiveInfo& info = directive_info(block.name);
        ++at_;
        bool options = false;  // ":sorted:", ":caption: …", ":linenos:": accepted, not text
        while (at_ < lines_.size() && !lines_[at_].blank() && lines_[at_].indent > indent &&
               field_marker(lines_[at_].text)) {
            options = true;
            ++at_;
        }
        switch (info.treatment) {
            case Treatment::Code:
            case Treatment::Math: block.lines = body_lines(indent); break;
            case Treatment::NoText:
            case Treatment::NotRead: body_lines(indent); break;
            case Treatment::Glossary: block.children = glossary(indent, depth + 1); break;
            case Treatment::Prose:
                if (info.argument == Argument::Content && !argument.empty()) {
                    block.argument.clear();
                    if (options) {  // the first line cannot join the body: a paragraph of its own
                        block.children.push_back(Block{Kind::Paragraph, block.line, {std::string(argument)}, {}, {}, {}, 0, {}});
                    } else {  // "note:: This is" + "   continued." is one paragraph
                        at_ = directive_line;
                        shift_first_line(static_cast<std::size_t>(argument.data() - lines_[at_].text.data()), indent);
                    }
                }
                for (auto& child : blocks(indent, depth + 1)) block.children.push_back(std::move(child));
                break;
        }
        return block;
    }

    // Sphinx's glossary body: lines at its indentation are terms, deeper ones
    // the definition of the terms above. As in Sphinx, terms separated by
    // blank lines with no definition between are still one entry. An entry
    // takes kMaxTermLines names at most: past that, the lines are a list of
    // terms, not one entry's names (and names are compared pairwise).
    std::vector<Block> glossary(Indent directive_indent, std::size_t depth) {
        static constexpr std::size_t kMaxTermLines = 32;
        std::vector<Block> out;
        std::optional<std::size_t> entry;  // the entry taking term lines
        bool defined = false;              // it has a definition: the next term starts another
        bool blank_before = false;
        bool warned_blank = false;    // for this entry
        bool warned_crowded = false;  // for this glossary
        // Terms are at the body's least indentation (Sphinx dedents the body).
        Indent base = std::numeric_limits<Indent>::max();
        for (std::size_t at = at_; at < lines_.size(); ++at) {
            if (lines_[at].blank()) continue;
            if (lines_[at].indent <= directive_indent) break;
            base = std::min(base, lines_[at].indent);
        }
        while (at_ < lines_.size()) {
            const Line& line = lines_[at_];
            if (line.blank()) {
                blank_before = true;
                ++at_;
                continue;
            }
            if (line.indent <= directive_indent) break;
            if (line.indent > base) {
                std::vector<Block> definition = blocks(base, depth + 1);
                // A definition with no term above it stays in the glossary's
                // blocks, where it is reported as text of no entry.
                auto& into = entry ? out[*entry].children : out;
                for (auto& block : definition) into.push_back(std::move(block));
                defined = entry.has_value();
            } else if (is_explicit_markup(line.text)) {
                out.push_back(explicit_markup(depth));
            } else {
                bool crowded = entry && !defined && out[*entry].lines.size() >= kMaxTermLines;
                if (crowded && !warned_crowded) {
                    warned_crowded = true;
                    sink_.warning(location(spec_, line.number), "rst-glossary-format",
                                  "more than " + std::to_string(kMaxTermLines) +
                                      " glossary terms above one definition; read as several entries");
                }
                if (!entry || defined || crowded) {
                    out.push_back(Block{Kind::GlossaryEntry, line.number, {}, {}, {}, {}, 0, {}});
                    entry = out.size() - 1;
                    defined = false;
                    warned_blank = false;
                } else if (blank_before && !warned_blank) {
                    warned_blank = true;
                    sink_.warning(location(spec_, line.number), "rst-glossary-format",
                                  "glossary term '" + text::excerpt(line.text) +
                                      "' is separated by a blank line from the term above; as in Sphinx, both name "
                                      "one entry");
                }
                out[*entry].lines.emplace_back(line.text);
                out[*entry].line_numbers.push_back(line.number);
                ++at_;
            }
            blank_before = false;
        }
        return out;
    }

    // ---- lists and fields

    Block list_item(Kind kind, std::string name, std::size_t offset, std::size_t depth) {
        Indent indent = lines_[at_].indent;
        Block block{kind, lines_[at_].number, {}, {}, std::move(name), {}, 0, {}};
        shift_first_line(offset, indent);
        block.children = blocks(indent, depth + 1);
        return block;
    }

    // docutils' "first known indent": the current line, from `offset` on (the
    // text after a bullet, an enumerator, a field name), becomes the first
    // line of a body indented deeper than `parent`, aligned with the body's
    // next line so that the two join one paragraph.
    void shift_first_line(std::size_t offset, Indent parent) {
        Line& line = lines_[at_];
        offset = std::min(offset, line.text.size());
        std::string_view rest = line.text.substr(offset);
        std::size_t spaces = 0;
        while (spaces < rest.size() && rest[spaces] == ' ') ++spaces;
        Indent column = line.indent + static_cast<Indent>(offset + spaces);
        line.text = rest.substr(spaces);
        for (std::size_t next = at_ + 1; next < lines_.size(); ++next) {
            if (lines_[next].blank()) continue;
            if (lines_[next].indent > parent) column = lines_[next].indent;
            break;
        }
        line.indent = column;
    }

    // An enumerator starts a list item only when the line after it is blank,
    // indented, or another item; otherwise "A. Einstein was …" is a paragraph.
    bool enumerated_item_follows(std::size_t length) const {
        if (at_ + 1 >= lines_.size()) return true;
        const Line& next = lines_[at_ + 1];
        return next.blank() || next.indent != lines_[at_].indent || enumerator_length(next.text) > 0 ||
               length == lines_[at_].text.size();
    }

    // ---- paragraphs and literal blocks

    void paragraph(std::vector<Block>& out, std::size_t depth) {
        Indent indent = lines_[at_].indent;
        Block block{Kind::Paragraph, lines_[at_].number, {}, {}, {}, {}, 0, {}};
        while (at_ < lines_.size() && !lines_[at_].blank() && lines_[at_].indent == indent)
            block.lines.emplace_back(lines_[at_++].text);
        bool indented_next = at_ < lines_.size() && !lines_[at_].blank() && lines_[at_].indent > indent;
        if (indented_next && block.lines.size() == 1) {  // a term line, its definition right below
            block.kind = Kind::Item;
            block.children = blocks(indent, depth + 1);
            out.push_back(std::move(block));
            return;
        }
        // "Text::" introduces a literal block: "Text:" stays, " ::" and a
        // lone "::" go.
        std::string& last = block.lines.back();
        bool literal = last.ends_with("::");
        if (literal) {
            if (last == "::") {
                block.lines.pop_back();
            } else if (last[last.size() - 3] == ' ') {
                last = std::string(text::trim(last.substr(0, last.size() - 2)));
            } else {
                last.pop_back();
            }
        }
        if (!block.lines.empty()) out.push_back(std::move(block));
        if (!literal) return;  // an indented block that is not literal is parsed as blocks
        std::size_t next = at_;
        while (next < lines_.size() && lines_[next].blank()) ++next;
        if (next < lines_.size() && lines_[next].indent > indent) {
            Block code{Kind::Literal, lines_[next].number, {}, {}, {}, {}, 0, {}};
            code.lines = body_lines(indent);
            out.push_back(std::move(code));
        }
    }

    Block doctest() {
        Block block{Kind::Literal, lines_[at_].number, {}, {}, {}, {}, 0, {}};
        while (at_ < lines_.size() && !lines_[at_].blank()) block.lines.emplace_back(lines_[at_++].text);
        return block;
    }

    // "| line" lines (verse, addresses): one paragraph.
    Block line_block() {
        Indent indent = lines_[at_].indent;
        Block block{Kind::Paragraph, lines_[at_].number, {}, {}, {}, {}, 0, {}};
        while (at_ < lines_.size() && !lines_[at_].blank() && lines_[at_].indent >= indent) {
            std::string_view t = lines_[at_].text;
            bool continued = lines_[at_].indent > indent;  // a long line's continuation
            if (!continued && t != "|" && !t.starts_with("| ")) break;
            if (!continued) t = t.substr(1);
            block.lines.emplace_back(text::trim(t));
            ++at_;
        }
        return block;
    }

    // ---- tables: the text of each row, cells joined by "; "

    static void add_row(Block& table, std::vector<std::string>& cells) {
        std::string row;
        Block cells_of_row{Kind::Paragraph, table.line, {}, {}, {}, {}, 0, {}};
        for (const auto& cell : cells) {
            std::string text = text::collapse_whitespace(cell);
            cells_of_row.lines.push_back(text);
            if (text.empty()) continue;
            if (!row.empty()) row += "; ";
            row += text;
        }
        if (!row.empty()) {
            table.lines.push_back(std::move(row));
            table.children.push_back(std::move(cells_of_row));
        }
        cells.clear();
    }

    Block grid_table() {
        Indent indent = lines_[at_].indent;
        Block table{Kind::Table, lines_[at_].number, {}, {}, {}, {}, 0, {}};
        std::vector<std::string> cells;  // of the row being read, which may span lines
        for (; at_ < lines_.size() && !lines_[at_].blank() && lines_[at_].indent == indent; ++at_) {
            std::string_view t = lines_[at_].text;
            if (t[0] == '+') {
                add_row(table, cells);
                continue;
            }
            if (t[0] != '|') break;
            t = t.substr(1);
            if (t.ends_with("|")) t.remove_suffix(1);
            for (std::size_t column = 0, start = 0; start <= t.size(); ++column) {
                std::size_t bar = std::min(t.find('|', start), t.size());
                if (cells.size() <= column) cells.emplace_back();
                cells[column] += " ";
                cells[column] += t.substr(start, bar - start);
                start = bar + 1;
            }
        }
        add_row(table, cells);
        return table;
    }

    Block simple_table() {
        Indent indent = lines_[at_].indent;
        Block table{Kind::Table, lines_[at_].number, {}, {}, {}, {}, 0, {}};
        std::vector<std::size_t> starts;  // of the columns, from the top border
        std::string_view border = lines_[at_].text;
        for (std::size_t i = 0; i < border.size(); ++i)
            if (border[i] == '=' && (i == 0 || border[i - 1] == ' ')) starts.push_back(i);
        ++at_;
        // Up to the bottom border (one followed by a blank line) or a blank line.
        while (at_ < lines_.size() && !lines_[at_].blank() && lines_[at_].indent >= indent) {
            const Line& line = lines_[at_++];
            if (is_simple_border(line.text) && line.indent == indent) {
                if (at_ >= lines_.size() || lines_[at_].blank()) break;
                continue;
            }
            if (line.text.find_first_not_of("- ") == std::string_view::npos) continue;  // a column span rule
            std::string raw = std::string(static_cast<std::size_t>(line.indent - indent), ' ') + std::string(line.text);
            std::vector<std::string> cells;
            for (std::size_t c = 0; c < starts.size() && starts[c] < raw.size(); ++c) {
                std::size_t end = c + 1 < starts.size() ? std::min(starts[c + 1], raw.size()) : raw.size();
                cells.push_back(raw.substr(starts[c], end - starts[c]));
            }
            add_row(table, cells);
        }
        return table;
    }

    // ---- bodies

    // The lines indented deeper than `parent` from the current one (blank
    // lines inside kept as ""), consumed; leading and trailing blank ones dropped.
    // The lines of an indented body, indented relative to its shallowest
    // line (code keeps its indentation).
    std::vector<std::string> body_lines(Indent parent) {
        std::vector<const Line*> body;
        Indent least = -1;  // none yet
        while (at_ < lines_.size() && (lines_[at_].blank() || lines_[at_].indent > parent)) {
            if (!body.empty() || !lines_[at_].blank()) {
                body.push_back(&lines_[at_]);
                if (!lines_[at_].blank() && (least < 0 || lines_[at_].indent < least)) least = lines_[at_].indent;
            }
            ++at_;
        }
        while (!body.empty() && body.back()->blank()) body.pop_back();
        std::vector<std::string> out;
        for (const Line* line : body) {
            std::size_t deeper = line->blank() ? 0 : static_cast<std::size_t>(line->indent - least);
            out.push_back(std::string(deeper, ' ') + std::string(line->text));
        }
        return out;
    }

    // Blocks nested past the limit: their lines as one paragraph, reported once.
    Block flattened(Indent parent) {
        Block block{Kind::Paragraph, lines_[at_].number, {}, {}, {}, {}, 0, {}};
        if (!warned_deep_) {
            warned_deep_ = true;
            sink_.warning(location(spec_, block.line), "markup-too-deep",
                          "reStructuredText nested more than " + std::to_string(kMaxMarkupDepth) +
                              " levels deep; the deeper lines are read as one paragraph");
        }
        for (auto& line : body_lines(parent))
            if (!line.empty()) block.lines.push_back(std::move(line));
        return block;
    }

    std::vector<Line> lines_;
    std::size_t at_ = 0;
    std::vector<std::pair<char, bool>> styles_;  // adornment character, overlined
    bool warned_deep_ = false;
    const SourceSpec& spec_;
    DiagnosticSink& sink_;
};

}  // namespace

std::vector<Block> parse_blocks(std::string_view document, const SourceSpec& spec, DiagnosticSink& sink) {
    LineTable table(document);
    BlockParser parser(std::move(table.lines), spec, sink);
    return parser.document();
}

}  // namespace glossc::readers::rst
