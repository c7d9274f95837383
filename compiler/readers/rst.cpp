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
#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "readers/generic.hpp"
#include "readers/options.hpp"
#include "readers/outline.hpp"
#include "readers/readers.hpp"
#include "readers/sanitize.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"
#include "text/utf8.hpp"

namespace glossc::readers {

namespace {

using generic::Draft;
using Indent = std::int64_t;  // columns; -1 is "above the document"

constexpr std::string_view kGlossaryLayout = "glossary-directive terms";
constexpr std::string_view kDefinitionListLayout = "definition-list items";
constexpr std::string_view kBulletLayout = "bullets";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// How reST compares names (targets, labels, substitutions): case and white
// space runs do not matter.
std::string fold(std::string_view s) { return lower_ascii(text::collapse_whitespace(s)); }

std::string join(const std::vector<std::string>& lines, std::string_view separator) {
    std::string out;
    for (const auto& line : lines) {
        if (!out.empty()) out += separator;
        out += line;
    }
    return out;
}

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

// ---- Blocks --------------------------------------------------------------------------

enum class Kind {
    Paragraph,      // lines
    Literal,        // lines (a "::" block, a doctest)
    Title,          // lines[0]; level
    Item,           // a definition list item: lines[0] is the term, children the definition
    GlossaryEntry,  // lines are the term lines (line_numbers theirs), children the definition
    Bullet,         // children
    Enumerated,     // name is the enumerator ("1.", "(a)"), children
    Field,          // name, children
    Footnote,       // name ("[1]"), children
    Directive,      // name (lower case), argument, lines (code, math) or children (prose)
    Target,         // name (folded); argument is its URL, if it has one
    Substitution,   // name (folded); argument is its replace:: text
    Table,          // lines are the rows, cells joined by "; "
    Nothing,        // a comment, a transition: no text
};

struct Block {
    Kind kind = Kind::Paragraph;
    std::uint32_t line = 0;
    std::vector<std::string> lines;
    std::vector<std::uint32_t> line_numbers;
    std::string name;
    std::string argument;
    int level = 0;
    std::vector<Block> children;
};

// ---- Directives -------------------------------------------------------------------

enum class Treatment {
    Prose,     // its content is text of the definition
    Code,      // a Code paragraph
    Math,      // a Math paragraph
    Glossary,  // Sphinx's glossary
    NoText,    // dropped: nothing an entry could say (an image, a toctree)
    NotRead,   // dropped with a warning: its text is not this file's (raw, include)
};

enum class Argument {
    Content,    // the directive line holds the first line of content
    Prefix,     // a title said before the content ("admonition:: Title")
    Paragraph,  // text of its own ("rubric:: References")
    Ignored,    // a path, a language, a condition
};

struct DirectiveInfo {
    std::string_view name;
    Treatment treatment;
    Argument argument;
    std::string_view prefix;  // said before the content, as the rendered page shows it
};

const DirectiveInfo kDirectives[] = {
    {"note", Treatment::Prose, Argument::Content, "Note"},
    {"warning", Treatment::Prose, Argument::Content, "Warning"},
    {"tip", Treatment::Prose, Argument::Content, "Tip"},
    {"hint", Treatment::Prose, Argument::Content, "Hint"},
    {"important", Treatment::Prose, Argument::Content, "Important"},
    {"caution", Treatment::Prose, Argument::Content, "Caution"},
    {"danger", Treatment::Prose, Argument::Content, "Danger"},
    {"error", Treatment::Prose, Argument::Content, "Error"},
    {"attention", Treatment::Prose, Argument::Content, "Attention"},
    {"todo", Treatment::Prose, Argument::Content, "Todo"},
    {"seealso", Treatment::Prose, Argument::Content, "See also"},
    {"admonition", Treatment::Prose, Argument::Prefix, ""},
    {"versionadded", Treatment::Prose, Argument::Prefix, "New in version"},
    {"versionchanged", Treatment::Prose, Argument::Prefix, "Changed in version"},
    {"deprecated", Treatment::Prose, Argument::Prefix, "Deprecated since version"},
    {"epigraph", Treatment::Prose, Argument::Content, ""},
    {"highlights", Treatment::Prose, Argument::Content, ""},
    {"pull-quote", Treatment::Prose, Argument::Content, ""},
    {"compound", Treatment::Prose, Argument::Content, ""},
    {"hlist", Treatment::Prose, Argument::Content, ""},
    {"line-block", Treatment::Prose, Argument::Content, ""},
    {"figure", Treatment::Prose, Argument::Ignored, ""},  // the argument is the image; the content its caption
    {"only", Treatment::Prose, Argument::Ignored, ""},
    {"container", Treatment::Prose, Argument::Ignored, ""},
    {"class", Treatment::Prose, Argument::Ignored, ""},
    {"glossary", Treatment::Glossary, Argument::Ignored, ""},
    {"code-block", Treatment::Code, Argument::Ignored, ""},
    {"code", Treatment::Code, Argument::Ignored, ""},
    {"sourcecode", Treatment::Code, Argument::Ignored, ""},
    {"parsed-literal", Treatment::Code, Argument::Ignored, ""},
    {"doctest", Treatment::Code, Argument::Ignored, ""},
    {"testcode", Treatment::Code, Argument::Ignored, ""},
    {"testoutput", Treatment::Code, Argument::Ignored, ""},
    {"productionlist", Treatment::Code, Argument::Content, ""},
    {"math", Treatment::Math, Argument::Content, ""},
    {"raw", Treatment::NotRead, Argument::Ignored, ""},
    {"include", Treatment::NotRead, Argument::Ignored, ""},
    {"literalinclude", Treatment::NotRead, Argument::Ignored, ""},
    {"image", Treatment::NoText, Argument::Ignored, ""},
    {"toctree", Treatment::NoText, Argument::Ignored, ""},
    {"index", Treatment::NoText, Argument::Ignored, ""},
    {"highlight", Treatment::NoText, Argument::Ignored, ""},
    {"default-role", Treatment::NoText, Argument::Ignored, ""},
    {"role", Treatment::NoText, Argument::Ignored, ""},
    {"meta", Treatment::NoText, Argument::Ignored, ""},
    {"contents", Treatment::NoText, Argument::Ignored, ""},
    {"sectnum", Treatment::NoText, Argument::Ignored, ""},
    {"section-numbering", Treatment::NoText, Argument::Ignored, ""},
    {"header", Treatment::NoText, Argument::Ignored, ""},
    {"footer", Treatment::NoText, Argument::Ignored, ""},
    {"target-notes", Treatment::NoText, Argument::Ignored, ""},
    {"title", Treatment::NoText, Argument::Ignored, ""},
    {"tabularcolumns", Treatment::NoText, Argument::Ignored, ""},
    {"currentmodule", Treatment::NoText, Argument::Ignored, ""},
    {"module", Treatment::NoText, Argument::Ignored, ""},
    {"codeauthor", Treatment::NoText, Argument::Ignored, ""},
    {"sectionauthor", Treatment::NoText, Argument::Ignored, ""},
    {"moduleauthor", Treatment::NoText, Argument::Ignored, ""},
    {"graphviz", Treatment::NoText, Argument::Ignored, ""},
    {"digraph", Treatment::NoText, Argument::Ignored, ""},
    {"plot", Treatment::NoText, Argument::Ignored, ""},
    {"mermaid", Treatment::NoText, Argument::Ignored, ""},
    {"autosummary", Treatment::NoText, Argument::Ignored, ""},
};

// Any other directive keeps its text: an unknown one may well be prose
// (a Sphinx extension's "tabs", a domain's "py:function"); its argument is a
// paragraph of its own.
const DirectiveInfo kUnknownDirective{"", Treatment::Prose, Argument::Paragraph, ""};
// autodoc's directives ("automodule", "autoclass") pull their text from code.
const DirectiveInfo kAutodoc{"", Treatment::NoText, Argument::Ignored, ""};

const DirectiveInfo& directive_info(std::string_view name) {
    for (const auto& info : kDirectives)
        if (info.name == name) return info;
    // Domain prefixes: "py:module", "std:glossary" (never "py:function", prose).
    if (auto colon = name.rfind(':'); colon != std::string_view::npos) {
        std::string_view bare = name.substr(colon + 1);
        for (const auto& info : kDirectives)
            if (info.name == bare && info.treatment != Treatment::Prose) return info;
    }
    if (name.starts_with("auto")) return kAutodoc;
    return kUnknownDirective;
}

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
        for (const auto& cell : cells) {
            std::string text = text::collapse_whitespace(cell);
            if (text.empty()) continue;
            if (!row.empty()) row += "; ";
            row += text;
        }
        if (!row.empty()) table.lines.push_back(std::move(row));
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
    std::vector<std::string> body_lines(Indent parent) {
        std::vector<std::string> out;
        while (at_ < lines_.size() && (lines_[at_].blank() || lines_[at_].indent > parent)) {
            if (!out.empty() || !lines_[at_].blank()) out.emplace_back(lines_[at_].text);
            ++at_;
        }
        while (!out.empty() && out.back().empty()) out.pop_back();
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

// ---- Pass 2: inline markup --------------------------------------------------------------

// What inline markup refers to, collected from the whole document first:
// targets may come after the text that uses them.
struct Targets {
    std::map<std::string, std::string> urls;           // named hyperlink targets
    std::map<std::string, std::string> substitutions;  // |name| -> replace:: text
    struct Label {
        std::string name;   // what the label stands above: an entry's term, a title
        bool entry = false;
    };
    std::map<std::string, Label> labels;

    const std::string* url(std::string_view name) const {
        auto found = urls.find(fold(name));
        return found == urls.end() ? nullptr : &found->second;
    }
};

// Roles whose text is code, as Sphinx renders them.
bool is_code_role(std::string_view role) {
    static const std::string_view kRoles[] = {
        "code", "literal", "samp", "file", "command", "kbd", "envvar", "option", "program", "regexp", "makevar",
        "mailheader", "mimetype", "newsgroup", "func", "class", "meth", "mod", "attr", "data", "const", "exc",
        "obj", "type", "member", "var", "macro", "struct", "enum", "enumerator", "function", "expr", "texpr",
        "token", "keyword", "py:func", "py:class", "py:meth", "py:mod", "py:attr", "py:data", "py:const", "py:exc",
        "py:obj"};
    for (auto known : kRoles)
        if (role == known) return true;
    // Domain roles ("c:func", "cpp:class", "js:func", "rst:dir"): code too.
    return role.find(':') != std::string_view::npos && !role.starts_with("std:");
}

// The content of a role or a reference: "text <target>", "<target>" or "target".
struct Embedded {
    std::string title;            // what is shown
    std::string target;           // what it refers to (the title when not given)
    bool explicit_title = false;  // "text <target>"
    bool embedded = false;        // a target in angle brackets
};

Embedded split_embedded(std::string_view content) {
    std::string_view trimmed = text::trim(content);
    if (trimmed.ends_with(">")) {
        std::size_t open = trimmed.rfind('<');
        if (open != std::string_view::npos && (open == 0 || is_space(trimmed[open - 1]))) {
            std::string target(trimmed.substr(open + 1, trimmed.size() - open - 2));
            std::string title = text::collapse_whitespace(trimmed.substr(0, open));
            if (title.empty()) return {target, target, false, true};
            return {title, target, true, true};
        }
    }
    std::string whole = text::collapse_whitespace(trimmed);
    return {whole, whole, false, false};
}

// One paragraph's inline markup as rich text, by docutils' recognition
// rules: a start-string follows white space or opening punctuation and is
// followed by non-space; an end-string follows non-space and is followed by
// white space or closing punctuation. reST markup does not nest, so this is
// one left-to-right scan; a failed search for an end-string is remembered so
// that unclosed markup costs one scan, not one per start-string.
class InlineParser {
public:
    // `targets` null: roles are not resolved (a term's own name).
    InlineParser(std::string_view s, const Targets* targets, Draft* into)
        : s_(s), targets_(targets), into_(into), marks_(s.size(), Mark::Plain) {
        for (std::size_t i = 0; i < s_.size(); ++i) {
            if (s_[i] != '\\' || marks_[i] != Mark::Plain) continue;
            marks_[i] = Mark::Escape;
            if (i + 1 < s_.size()) marks_[i + 1] = Mark::Escaped;
        }
    }

    ir::RichText parse() {
        while (at_ < s_.size()) {
            if (marks_[at_] == Mark::Plain && markup()) continue;
            ++at_;
        }
        flush(s_.size());
        return std::move(out_);
    }

    // Offset of the first start-string left unclosed, if any.
    std::optional<std::size_t> unclosed() const { return unclosed_; }

private:
    enum class Mark : std::uint8_t { Plain, Escape, Escaped };
    enum Token { Literal, Strong, Emphasis, Interpreted, Substitution, kTokens };

    // Tries inline markup at at_; true when consumed (at_ moved past it).
    bool markup() {
        char c = s_[at_];
        switch (c) {
            case '`':
                if (s_.substr(at_, 2) == "``") return span(Literal, "``");
                return interpreted(at_, {});
            case '*': return s_.substr(at_, 2) == "**" ? span(Strong, "**") : span(Emphasis, "*");
            case ':': return role_prefix();
            case '|': return substitution();
            case '[': return footnote_reference();
            case '_':
                if (s_.substr(at_, 2) == "_`" && can_start(at_, 2)) return inline_target();
                return simple_reference();
            case 'h':
            case 'f':
            case 'm': return standalone_url();
            default: return false;
        }
    }

    // "``code``", "**strong**", "*emphasis*": markup holding one node.
    bool span(Token kind, std::string_view token) {
        if (!can_start(at_, token.size())) return false;
        std::size_t end = find_end(kind, token, at_ + token.size() + 1, kind != Literal);
        if (end == npos) return unclosed_at(token.size());
        std::size_t from = at_ + token.size();
        flush(at_);
        switch (kind) {
            case Literal: out_.push_back(ir::code(std::string(s_.substr(from, end - from)))); break;  // no escapes
            case Strong: out_.push_back(ir::strong({ir::text(unescape(from, end))})); break;
            default: out_.push_back(ir::emph({ir::text(unescape(from, end))})); break;
        }
        resume(end + token.size());
        return true;
    }

    // ":role:`content`".
    bool role_prefix() {
        if (!can_start(at_, 1)) return false;
        std::size_t at = at_ + 1;
        while (at < s_.size() && at - at_ < kMaxName &&
               (is_alnum(s_[at]) || s_[at] == '-' || s_[at] == '_' || s_[at] == '.' || s_[at] == '+' || s_[at] == ':'))
            ++at;
        if (at >= s_.size() || s_[at] != '`' || at < at_ + 3 || s_[at - 1] != ':') return false;
        return interpreted(at, s_.substr(at_ + 1, at - at_ - 2));
    }

    // "`content`", "`content`_", "`content`:role:", or the content of a
    // prefixed role (`role` given, `open` at its backtick).
    bool interpreted(std::size_t open, std::string_view role) {
        if (!can_start(open, 1)) return false;
        std::size_t suffix = 0;
        std::size_t end = find_backtick_end(open + 2, suffix);
        if (end == npos) {
            if (!role.empty()) return false;  // ":role:`" unclosed: text, reported at the backtick
            return unclosed_at(1);
        }
        std::size_t start = at_;
        flush(start);
        std::string_view raw = s_.substr(open + 1, end - open - 1);
        std::string content = unescape(open + 1, end);
        std::string_view after = s_.substr(end + 1, suffix);
        if (after.starts_with("_")) {
            reference(content, after == "__");
        } else if (after.starts_with(":")) {
            apply_role(after.substr(1, after.size() - 2), content, raw);
        } else if (!role.empty()) {
            apply_role(role, content, raw);
        } else {
            out_.push_back(ir::emph({ir::text(content)}));  // the default role: a title reference
        }
        resume(end + 1 + suffix);
        return true;
    }

    // `text <url>`_, `name`_: a link when the target is known.
    void reference(const std::string& content, bool anonymous) {
        auto [title, target, explicit_title, embedded] = split_embedded(content);
        std::string url;
        if (embedded) {
            url = target;
            url.erase(std::remove_if(url.begin(), url.end(), [](char c) { return is_space(c); }), url.end());
            if (url.ends_with("_")) {  // `text <name_>`_: a named target
                url.pop_back();
                const std::string* named = targets_ ? targets_->url(url) : nullptr;
                url = named ? *named : "";
            }
        } else if (!anonymous && targets_) {
            if (const std::string* named = targets_->url(title)) url = *named;
        }
        if (url.empty()) {
            text::append_text(out_, title);
        } else {
            out_.push_back(ir::link(url, {ir::text(title)}));
        }
    }

    void apply_role(std::string_view name, const std::string& content, std::string_view raw) {
        std::string role = lower_ascii(name);
        if (role.starts_with("std:")) role.erase(0, 4);
        if (role == "math") {
            out_.push_back(ir::math(std::string(raw)));  // TeX keeps its backslashes
            return;
        }
        auto [title, target, explicit_title, embedded] = split_embedded(content);
        if (role == "term") {
            text::append_text(out_, title);
            if (into_ && !target.empty()) into_->related.push_back(target);
        } else if (role == "ref") {
            const Targets::Label* label = nullptr;
            if (targets_)
                if (auto found = targets_->labels.find(fold(target)); found != targets_->labels.end())
                    label = &found->second;
            text::append_text(out_, explicit_title || !label || label->name.empty() ? title : label->name);
            if (into_ && label && label->entry) into_->related.push_back(label->name);
        } else if (role == "abbr") {
            text::append_text(out_, content);  // "LIFO (last-in, first-out)"
        } else if (role == "pep" || role == "rfc") {
            text::append_text(out_, explicit_title ? title : (role == "pep" ? "PEP " : "RFC ") + target);
        } else if (role == "emphasis" || role == "dfn" || role == "title-reference" || role == "title" ||
                   role == "t" || role == "i") {
            out_.push_back(ir::emph({ir::text(title)}));
        } else if (role == "strong" || role == "b") {
            out_.push_back(ir::strong({ir::text(title)}));
        } else if (is_code_role(role)) {
            std::string shown = title;
            // "~pkg.mod.func" shows "func"; "!name" is not linked
            if (!explicit_title && shown.starts_with("~")) {
                shown.erase(0, 1);
                if (auto dot = shown.rfind('.'); dot != std::string::npos) shown.erase(0, dot + 1);
            }
            if (!explicit_title && shown.starts_with("!")) shown.erase(0, 1);
            out_.push_back(ir::code(shown));
        } else {  // doc, download, numref, sub, sup, guilabel, menuselection, any, and unknown roles
            text::append_text(out_, title);
        }
    }

    // "|name|", "|name|_": the substitution's text, or its name.
    bool substitution() {
        if (!can_start(at_, 1)) return false;
        std::size_t end = find_end(Substitution, "|", at_ + 2, true);
        if (end == npos) return false;
        std::size_t start = at_;
        flush(start);
        std::string name = unescape(start + 1, end);
        const std::string* replacement = nullptr;
        if (targets_)
            if (auto found = targets_->substitutions.find(fold(name)); found != targets_->substitutions.end() &&
                                                                        !found->second.empty())
                replacement = &found->second;
        text::append_text(out_, replacement ? *replacement : name);
        std::size_t next = end + 1;
        while (next < s_.size() && next < end + 3 && s_[next] == '_') ++next;
        resume(next);
        return true;
    }

    // "[1]_", "[#note]_", "[CIT2002]_": the text in brackets.
    bool footnote_reference() {
        std::size_t close = s_.substr(0, at_ + kMaxName).find(']', at_);
        if (close == npos || close == at_ + 1 || close + 1 >= s_.size() || s_[close + 1] != '_') return false;
        for (std::size_t i = at_ + 1; i < close; ++i)
            if (is_space(s_[i])) return false;
        if (!ends_markup(close + 2)) return false;
        std::size_t start = at_;
        flush(start);
        text::append_text(out_, s_.substr(start, close + 1 - start));
        resume(close + 2);
        return true;
    }

    // "_`inline target`": its text.
    bool inline_target() {
        std::size_t suffix = 0;
        std::size_t end = find_backtick_end(at_ + 3, suffix);
        if (end == npos || suffix != 0) return false;
        std::size_t start = at_;
        flush(start);
        text::append_text(out_, unescape(start + 2, end));
        resume(end + 1);
        return true;
    }

    // "name_" / "name__" at at_ (the first "_"): the name, as a link when a
    // target gives its URL.
    bool simple_reference() {
        if (at_ == 0 || !is_alnum(s_[at_ - 1])) return false;
        std::size_t underscores = s_.substr(at_, 2) == "__" ? 2 : 1;
        if (!ends_markup(at_ + underscores)) return false;
        std::size_t start = at_;
        while (start > text_from_ && (is_alnum(s_[start - 1]) || s_[start - 1] == '-' || s_[start - 1] == '.'))
            --start;
        if (start > text_from_ && s_[start - 1] == '_') return false;  // "snake_case_": not a reference
        if (start > 0 && !starts_markup_after(s_[start - 1])) return false;
        std::string name(s_.substr(start, at_ - start));
        flush(start);
        const std::string* url = targets_ && underscores == 1 ? targets_->url(name) : nullptr;
        if (url) {
            out_.push_back(ir::link(*url, {ir::text(name)}));
        } else {
            text::append_text(out_, name);
        }
        resume(at_ + underscores);
        return true;
    }

    // "https://…" in running text.
    bool standalone_url() {
        static constexpr std::string_view kSchemes[] = {"https://", "http://", "ftp://", "mailto:"};
        std::string_view rest = s_.substr(at_);
        if (!std::any_of(std::begin(kSchemes), std::end(kSchemes), [&](auto scheme) { return rest.starts_with(scheme); }))
            return false;
        if (at_ > 0 && (is_alnum(s_[at_ - 1]) || s_[at_ - 1] == '/')) return false;
        std::size_t end = at_;
        while (end < s_.size() && !is_space(s_[end]) && !std::strchr("<>\"`", s_[end])) ++end;
        // Trailing punctuation ends the sentence, not the URL; so does an
        // unbalanced ")".
        std::string_view run = s_.substr(at_, end - at_);
        auto open = std::count(run.begin(), run.end(), '('), close = std::count(run.begin(), run.end(), ')');
        while (end > at_) {
            char last = s_[end - 1];
            if (last == ')' && open < close) {
                --close;
            } else if (!std::strchr(".,;:!?'*", last)) {
                break;
            }
            --end;
        }
        std::string url(s_.substr(at_, end - at_));
        if (url.find(':') + 3 >= url.size()) return false;  // a scheme alone
        flush(at_);
        out_.push_back(ir::link(url, {ir::text(url)}));
        resume(end);
        return true;
    }

    // ---- recognition rules

    static bool starts_markup_after(char before) {
        return is_space(before) || std::strchr("-:/'\"<([{", before) || static_cast<unsigned char>(before) >= 0x80;
    }

    bool ends_markup(std::size_t after) const {
        if (after >= s_.size()) return true;
        char c = s_[after];
        return is_space(c) || std::strchr("-.,:;!?\\/'\")]}>", c) || static_cast<unsigned char>(c) >= 0x80;
    }

    bool can_start(std::size_t at, std::size_t length) const {
        if (at + length >= s_.size() || is_space(s_[at + length])) return false;
        if (at == 0) return true;
        char before = s_[at - 1];
        if (!starts_markup_after(before)) return false;
        // '*' in "(*)" or "'*'" is no markup.
        static constexpr std::string_view kOpen = "'\"<([{", kClose = "'\">)]}";
        if (auto pair = kOpen.find(before); pair != std::string_view::npos && s_[at + length] == kClose[pair]) return false;
        return true;
    }

    bool can_end(std::size_t at, std::size_t length, bool honour_escapes) const {
        if (at == 0 || is_space(s_[at - 1])) return false;
        if (honour_escapes && marks_[at] != Mark::Plain) return false;
        return ends_markup(at + length);
    }

    // The first end-string `token` at or after `from`; an end valid for a
    // later start-string would have been valid for this one, so a failed
    // search is remembered.
    std::size_t find_end(Token kind, std::string_view token, std::size_t from, bool honour_escapes) {
        if (from >= failed_from_[kind]) return npos;
        for (std::size_t at = s_.find(token, from); at != npos; at = s_.find(token, at + 1))
            if (can_end(at, token.size(), honour_escapes)) return at;
        failed_from_[kind] = from;
        return npos;
    }

    // The closing backtick of interpreted text, with the length of what
    // follows it ("_", "__", ":role:") in `suffix`.
    std::size_t find_backtick_end(std::size_t from, std::size_t& suffix) {
        if (from >= failed_from_[Interpreted]) return npos;
        for (std::size_t at = s_.find('`', from); at != npos; at = s_.find('`', at + 1)) {
            if (marks_[at] != Mark::Plain || is_space(s_[at - 1])) continue;
            suffix = 0;
            if (at + 1 < s_.size() && s_[at + 1] == '_') {
                suffix = at + 2 < s_.size() && s_[at + 2] == '_' ? 2 : 1;
            } else if (at + 1 < s_.size() && s_[at + 1] == ':') {
                std::size_t close = s_.substr(0, at + kMaxName).find(':', at + 2);
                if (close != npos && close > at + 2) {
                    bool name = true;
                    for (std::size_t i = at + 2; i < close && name; ++i)
                        name = is_alnum(s_[i]) || s_[i] == '-' || s_[i] == '_' || s_[i] == '.' || s_[i] == '+';
                    if (name && ends_markup(close + 1)) suffix = close + 1 - at;
                }
            }
            if (ends_markup(at + 1 + suffix)) return at;
        }
        failed_from_[Interpreted] = from;
        return npos;
    }

    // An unclosed start-string: it stays in the pending text.
    bool unclosed_at(std::size_t length) {
        if (!unclosed_) unclosed_ = at_;
        at_ += length;
        return true;
    }

    // ---- output

    // Text from text_from_ to `to`, escapes resolved.
    void flush(std::size_t to) {
        if (to <= text_from_) return;
        text::append_text(out_, unescape(text_from_, to));
        text_from_ = to;
    }

    void resume(std::size_t at) {
        at_ = at;
        text_from_ = std::max(text_from_, at);
    }

    // A backslash escapes the next character; an escaped space or line
    // break is removed ("word\ *emph*").
    std::string unescape(std::size_t from, std::size_t to) const {
        std::string out;
        out.reserve(to - from);
        for (std::size_t i = from; i < to; ++i) {
            if (marks_[i] == Mark::Escape) continue;
            if (marks_[i] == Mark::Escaped && is_space(s_[i])) continue;
            out += s_[i];
        }
        return out;
    }

    static constexpr std::size_t npos = std::string_view::npos;
    static constexpr std::size_t kMaxName = 64;  // a role's, a footnote label's: bounds the look-ahead

    std::string_view s_;
    const Targets* targets_;
    Draft* into_;
    std::vector<Mark> marks_;
    std::size_t failed_from_[kTokens] = {npos, npos, npos, npos, npos};
    std::size_t at_ = 0;
    std::size_t text_from_ = 0;
    std::optional<std::size_t> unclosed_;
    ir::RichText out_;
};

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
        ir::RichText name = number ? inline_of(line, *number, nullptr) : InlineParser(line, nullptr, nullptr).parse();
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
        InlineParser parser(text, &targets_, into);
        ir::RichText out = parser.parse();
        if (auto at = parser.unclosed()) {
            auto offset = static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + *at, '\n'));
            sink_.warning(location(spec_, line + offset), "rst-unclosed-markup",
                          "inline markup opened and not closed, kept as text: '" +
                              text::excerpt(text.substr(*at, std::min<std::size_t>(text.size() - *at, 40))) + "'");
        }
        return out;
    }

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    generic::Outline outline_;
    Targets targets_;
    const Block* document_title_ = nullptr;
};

}  // namespace

ReaderResult read_rst(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    ReaderOptions options(spec, sink, {});
    if (!options.ok()) return {};
    LineTable table(document);
    BlockParser parser(std::move(table.lines), spec, sink);
    std::vector<Block> blocks = parser.document();
    return EntryBuilder(spec, sink).read(blocks);
}

}  // namespace glossc::readers
