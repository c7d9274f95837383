#include "readers/markup.hpp"

#include <libxml/HTMLparser.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "readers/generic.hpp"
#include "readers/readers.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"
#include "text/utf8.hpp"

namespace glossc::generic {

namespace {

// ---- Sniffing ---------------------------------------------------------------------------
//
// Signs of markup in one value, line by line (Markdown inline markup never
// spans a paragraph, and looking within a line keeps the scan linear: every
// search for a closing mark is bounded by kWindow).

constexpr std::size_t kWindow = 200;

bool is_word_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80;
}
bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct Signs {
    std::size_t markdown = 0;  // unmistakable: **x**, __x__, [x](url), [x][ref], `code`, "[ref]: url"
    std::size_t emphasis = 0;  // *x*, _x_: plain text has them too
    std::size_t lines = 0;     // list item lines, "\" line breaks: so has plain text
    bool html = false;         // a tag of HTML prose: <p>, <b>, <a href…>, <br>
    bool shows_markdown() const { return markdown > 0 || emphasis + lines >= 2; }
};

// Emphasis "**x**" / "*x*" (or with "_") opening at `i`: the run of marks
// is not inside a word ("a*b*c", "p_value") and not followed by a space, and
// a run as long closes it later on the line, after a non-space and not
// before a word character. Returns the end of the closing run, or 0.
std::size_t emphasis_end(std::string_view line, std::size_t i, std::size_t run) {
    char mark = line[i];
    std::size_t after = i + run;
    if ((i > 0 && (is_word_char(line[i - 1]) || line[i - 1] == '\\')) || after >= line.size() ||
        is_space(line[after]))
        return 0;
    std::string_view closing = line.substr(i, run);
    std::size_t limit = std::min(line.size(), after + kWindow);
    for (std::size_t j = line.find(closing, after + 1); j != std::string_view::npos && j < limit;
         j = line.find(closing, j + 1)) {
        std::size_t end = j + run;
        bool longer = (end < line.size() && line[end] == mark) || line[j - 1] == mark;
        if (longer || is_space(line[j - 1]) || line[j - 1] == '\\') continue;
        if (end < line.size() && is_word_char(line[end])) continue;
        return end;
    }
    return 0;
}

// "[text](url)" or "[text][ref]" with its "](" or "][" at `i`: an opening
// "[" earlier on the line, not glued to a word ("a[i][j]" is an index), and
// the closing ")" or "]" later, with no space in a URL.
bool is_link_at(std::string_view line, std::size_t i) {
    std::size_t from = i > kWindow ? i - kWindow : 0;
    std::size_t open = line.substr(from, i - from).rfind('[');
    if (open == std::string_view::npos) return false;
    open += from;
    if (open > 0 && is_word_char(line[open - 1])) return false;
    char closer = line[i + 1] == '(' ? ')' : ']';
    std::size_t close = line.find(closer, i + 2);
    if (close == std::string_view::npos || close == i + 2 || close > i + 2 + kWindow) return false;
    return closer == ']' || line.substr(i + 2, close - i - 2).find(' ') == std::string_view::npos;
}

// "[label]: destination" (up to three spaces in): a link reference
// definition; the label (lower case), or empty.
std::string reference_label(std::string_view line) {
    std::size_t indent = 0;
    while (indent < line.size() && indent < 3 && line[indent] == ' ') ++indent;
    if (indent >= line.size() || line[indent] != '[') return {};
    std::size_t close = line.find("]:", indent + 1);
    if (close == std::string_view::npos || close == indent + 1 || close > indent + kWindow) return {};
    std::string_view label = line.substr(indent + 1, close - indent - 1);
    if (label.find('[') != std::string_view::npos || text::trim(line.substr(close + 2)).empty()) return {};
    return lower_ascii(text::collapse_whitespace(label));
}

bool is_list_item(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    std::string_view rest = line.substr(i);
    if (rest.size() >= 2 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest[1] == ' ') return true;
    std::size_t digits = 0;
    while (digits < rest.size() && digits < 3 && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    return digits > 0 && digits + 1 < rest.size() && (rest[digits] == '.' || rest[digits] == ')') &&
           rest[digits + 1] == ' ';
}

// Tags of marked-up prose. "<x>" in plain text ("a <b> c", "List<T>") is
// rare enough; a tag name outside this list is not counted.
bool is_prose_tag(std::string_view line, std::size_t i) {
    static constexpr std::array<std::string_view, 22> kTags{
        "p", "br", "b", "i", "em", "strong", "a", "ul", "ol", "li", "code", "sup", "sub", "span", "div", "pre",
        "blockquote", "h1", "h2", "h3", "h4", "dfn"};
    std::size_t start = i + 1;
    if (start < line.size() && line[start] == '/') ++start;
    std::size_t end = start;
    while (end < line.size() && end - start < 12 && std::isalnum(static_cast<unsigned char>(line[end]))) ++end;
    if (end == start || end >= line.size() || (line[end] != '>' && line[end] != ' ' && line[end] != '/')) return false;
    std::string name = lower_ascii(line.substr(start, end - start));
    if (name == "a" && line[end] == ' ') return line.substr(end, 7).find("href") != std::string_view::npos;
    return std::find(kTags.begin(), kTags.end(), name) != kTags.end();
}

Signs signs_in(std::string_view value) {
    Signs signs;
    auto lines = text::split_lines(value);
    for (std::size_t n = 0; n < lines.size(); ++n) {
        std::string_view line = lines[n].text;
        if (is_list_item(line)) ++signs.lines;
        if (!reference_label(line).empty()) ++signs.markdown;
        // A "\" line break: a line ending in one backslash, more text below.
        if (n + 1 < lines.size() && line.size() >= 2 && line.back() == '\\' && line[line.size() - 2] != '\\')
            ++signs.lines;
        for (std::size_t i = 0; i < line.size(); ++i) {
            char c = line[i];
            if (c == '`') {
                std::size_t close = line.find('`', i + 1);
                if (close == std::string_view::npos || close > i + kWindow) continue;
                if (close > i + 1) ++signs.markdown;
                i = close;
            } else if (c == '*' || c == '_') {
                std::size_t run = 1;
                while (i + run < line.size() && line[i + run] == c) ++run;
                std::size_t end = run <= 2 ? emphasis_end(line, i, run) : 0;
                if (end == 0) {
                    i += run - 1;
                    continue;
                }
                ++(run == 2 ? signs.markdown : signs.emphasis);
                i = end - 1;
            } else if (c == ']' && i + 1 < line.size() && (line[i + 1] == '(' || line[i + 1] == '[')) {
                if (is_link_at(line, i)) ++signs.markdown;
            } else if (c == '<') {
                signs.html = signs.html || is_prose_tag(line, i);
            }
        }
    }
    return signs;
}

// ---- Reading --------------------------------------------------------------------------

// Paragraphs of a plain-text value: runs of non-blank lines.
ir::Blocks text_paragraphs(std::string_view value) {
    ir::Blocks out;
    std::string paragraph;
    auto flush = [&] {
        ir::RichText rich = text::parse_prose(paragraph);
        if (!rich.empty()) out.push_back(ir::paragraph(std::move(rich)));
        paragraph.clear();
    };
    for (const auto& line : text::split_lines(value)) {
        if (text::trim(line.text).empty()) {
            flush();
        } else {
            paragraph += std::string(line.text) + "\n";
        }
    }
    flush();
    return out;
}

// Markdown as fields write it: a line holding only "\" is a blank line made
// with a "\" line break (a paragraph break), and a "\" ending a paragraph
// breaks nothing (CommonMark would print it).
std::string without_trailing_breaks(std::string_view value) {
    std::vector<std::string_view> lines;
    for (const auto& line : text::split_lines(value))
        lines.push_back(text::trim(line.text) == "\\" ? std::string_view() : line.text);
    std::string out;
    for (std::size_t n = 0; n < lines.size(); ++n) {
        std::string_view line = lines[n];
        bool ends_paragraph = n + 1 == lines.size() || text::trim(lines[n + 1]).empty();
        if (ends_paragraph && line.size() >= 2 && line.back() == '\\' && line[line.size() - 2] != '\\')
            line.remove_suffix(1);
        out.append(line);
        out += '\n';
    }
    return out;
}

// The code point of the entity between "&" and ";", or -1.
std::int32_t entity_value(std::string_view name) {
    if (name.size() >= 2 && name[0] == '#') {
        bool hex = name[1] == 'x' || name[1] == 'X';
        std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty() || digits.size() > (hex ? 6u : 7u)) return -1;
        std::int32_t value = 0;
        for (char c : digits) {
            auto u = static_cast<unsigned char>(c);
            if (hex ? !std::isxdigit(u) : !std::isdigit(u)) return -1;
            value = value * (hex ? 16 : 10) + (std::isdigit(u) ? c - '0' : std::tolower(u) - 'a' + 10);
        }
        return value > 0 && utf8proc_codepoint_valid(value) ? value : -1;
    }
    std::string nul_terminated(name);
    const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(nul_terminated.c_str()));
    return entity ? static_cast<std::int32_t>(entity->value) : -1;
}

}  // namespace

std::string_view to_string(Markup markup) {
    switch (markup) {
        case Markup::Markdown: return "markdown";
        case Markup::Html: return "html";
        case Markup::Text: break;
    }
    return "text";
}

std::optional<Markup> markup_option(const SourceSpec& spec, ReaderOptions& options, DiagnosticSink& sink, bool& ok) {
    std::string value = options.string("markup", "");
    if (value.empty()) return std::nullopt;
    for (Markup markup : {Markup::Markdown, Markup::Html, Markup::Text})
        if (lower_ascii(value) == to_string(markup)) return markup;
    ok = false;
    sink.error(spec.where.file.empty() ? location(spec, 0) : spec.where, "reader-bad-option",
               "source '" + spec.id + "': option 'markup' is '" + value +
                   "'; it must be \"markdown\", \"html\" or \"text\" (or left out to have it sniffed)");
    return std::nullopt;
}

std::string decode_entities(std::string_view text) {
    constexpr std::size_t kLongestName = 32;
    std::string out;
    std::size_t copied = 0;
    for (std::size_t amp = text.find('&'); amp != std::string_view::npos; amp = text.find('&', amp + 1)) {
        std::size_t semicolon = text.substr(amp + 1, kLongestName + 1).find(';');
        if (semicolon == std::string_view::npos) continue;
        semicolon += amp + 1;
        std::int32_t value = entity_value(text.substr(amp + 1, semicolon - amp - 1));
        if (value < 0) continue;
        out.append(text.substr(copied, amp - copied));
        text::append_utf8(out, static_cast<char32_t>(value));
        copied = semicolon + 1;
        amp = semicolon;
    }
    out.append(text.substr(copied));
    return out;
}

void FieldMarkup::look(std::string_view prose) {
    if (text::trim(prose).empty()) return;
    ++values_;
    Signs signs = signs_in(prose);
    if (signs.shows_markdown()) ++markdown_values_;
    if (signs.html) ++html_values_;
    if (signs.markdown == 0) return;
    for (const auto& line : text::split_lines(prose)) {
        std::string label = reference_label(line.text);
        if (!label.empty()) references_.emplace(std::move(label), text::trim(line.text));
    }
}

void FieldMarkup::settle(const SourceSpec& spec, std::optional<Markup> given, DiagnosticSink& sink) {
    as_written_ = false;
    if (given) {
        markup_ = *given;
        return;
    }
    // Several values, and not a handful among thousands: one "__init__" in
    // a plain glossary does not make it Markdown.
    auto marked = [&](std::size_t count) {
        return count > 0 && count >= std::min<std::size_t>(2, values_) && count * 20 >= values_;
    };
    if (marked(html_values_) && html_values_ > markdown_values_) {
        markup_ = Markup::Html;
    } else if (marked(markdown_values_)) {
        markup_ = Markup::Markdown;  // Markdown allows inline HTML ("<br>") too
    } else if (marked(html_values_)) {
        markup_ = Markup::Html;
    }
    if (markup_ == Markup::Text) return;
    bool markdown = markup_ == Markup::Markdown;
    std::string_view signs = markdown ? "Markdown markup: **bold**, [links](…), `code`, \\ line breaks"
                                      : "HTML tags: <p>, <b>, <a href>";
    sink.note(location(spec, 0), "markup-sniffed",
              std::string("definitions read as ") + (markdown ? "Markdown (" : "HTML (") +
                  std::to_string(markdown ? markdown_values_ : html_values_) + " of " + std::to_string(values_) +
                  " values use " + std::string(signs) +
                  "); set markup = \"text\" in [source.options] to read them as plain text");
}

std::string FieldMarkup::with_references(std::string_view value) const {
    std::string out = without_trailing_breaks(value);
    if (references_.empty()) return out;
    // Full references "[text][label]" whose label only another value defines.
    std::vector<std::string> own, missing;
    for (const auto& line : text::split_lines(value)) {
        std::string label = reference_label(line.text);
        if (!label.empty()) own.push_back(std::move(label));
    }
    for (std::size_t at = value.find("]["); at != std::string_view::npos; at = value.find("][", at + 2)) {
        std::size_t close = value.find(']', at + 2);
        if (close == std::string_view::npos || close > at + 2 + kWindow) continue;
        std::string label = lower_ascii(text::collapse_whitespace(value.substr(at + 2, close - at - 2)));
        if (label.empty() || std::find(own.begin(), own.end(), label) != own.end() ||
            std::find(missing.begin(), missing.end(), label) != missing.end())
            continue;
        if (references_.count(label)) missing.push_back(std::move(label));
    }
    for (const auto& label : missing) out += "\n" + references_.find(label)->second + "\n";
    return out;
}

ir::Blocks FieldMarkup::blocks(std::string_view value) const {
    if (as_written_) return text_paragraphs(value);
    ir::Blocks out;
    if (markup_ == Markup::Markdown) out = readers::markdown_blocks(with_references(value));
    if (markup_ == Markup::Html) out = readers::html_blocks(value);
    if (!out.empty()) return out;
    return text_paragraphs(decode_entities(value));
}

std::optional<ir::RichText> FieldMarkup::marked_up(std::string_view value) const {
    if (as_written_ || markup_ == Markup::Text) return std::nullopt;
    // In a source read as Markdown one pair of "*" is emphasis too
    // ("*RAG*"); a list marker alone ("1. Introduction") is not markup here.
    Signs signs = signs_in(value);
    if (markup_ == Markup::Markdown ? signs.markdown + signs.emphasis == 0 : !signs.html) return std::nullopt;
    ir::RichText out = text::flatten(blocks(value));
    if (out.empty()) return std::nullopt;
    return out;
}

std::string FieldMarkup::name(std::string_view value) const {
    if (as_written_) return std::string(value);
    if (auto rich = marked_up(value)) return plain(*rich);
    return decode_entities(value);
}

}  // namespace glossc::generic
