// The text cmark parses for the Markdown reader: YAML front matter blanked
// (line numbers kept) and math taken out before cmark sees it, so Markdown
// escapes and emphasis do not mangle it. Math stands in the text as a
// placeholder cmark passes through; the reader puts it back as Math nodes
// in prose, and as the original text in code.
#include "readers/markdown_math.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "readers/sanitize.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers::markdown {

namespace {

// U+E000 <index> U+E001: a placeholder cmark passes through as text.
constexpr std::string_view kOpen = "\xEE\x80\x80";
constexpr std::string_view kClose = "\xEE\x80\x81";

// Blanks YAML front matter, keeping its line breaks (and so line numbers).
std::string without_front_matter(std::string out) {
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

// Replaces the math of one line by placeholders.
std::string protect_line(std::string_view line, std::vector<MathSpan>& spans) {
    std::string out;
    auto placeholder = [&](std::size_t from, std::size_t to, std::size_t open_width, std::size_t close_width) {
        std::string_view tex = text::trim(line.substr(from + open_width, to - from - open_width - close_width));
        out += std::string(kOpen) + std::to_string(spans.size()) + std::string(kClose);
        spans.push_back({std::string(tex), std::string(line.substr(from, to - from))});
    };
    // Closers found missing after some point are missing after every later
    // one: not searched for again, so a line of unclosed openers stays linear.
    bool no_paren_close = false, no_bracket_close = false, no_display_close = false;
    std::set<std::size_t> unclosed_runs;  // lengths of backtick runs nothing closes
    std::size_t i = 0;
    while (i < line.size()) {
        char c = line[i];
        if (c == '`') {  // a code span: copied as it is
            std::size_t run = 0;
            while (i + run < line.size() && line[i + run] == '`') ++run;
            std::string fence(run, '`');
            std::size_t close = unclosed_runs.count(run) ? std::string_view::npos : line.find(fence, i + run);
            while (close != std::string_view::npos && close + run < line.size() && line[close + run] == '`')
                close = line.find(fence, close + run + 1);
            if (close == std::string_view::npos) unclosed_runs.insert(run);
            std::size_t end = close == std::string_view::npos ? i + run : close + run;
            out.append(line.substr(i, end - i));
            i = end;
            continue;
        }
        if (c == '\\' && i + 1 < line.size()) {
            char next = line[i + 1];
            if (next == '(' || next == '[') {
                std::string_view closer = next == '(' ? "\\)" : "\\]";
                bool& missing = next == '(' ? no_paren_close : no_bracket_close;
                std::size_t close = missing ? std::string_view::npos : line.find(closer, i + 2);
                missing = close == std::string_view::npos;
                // "[\[1\]][1]": escaped brackets around a link's text, not display math.
                if (close != std::string_view::npos && next == '[' &&
                    ((i > 0 && line[i - 1] == '[') || (close + 2 < line.size() && line[close + 2] == ']')))
                    close = std::string_view::npos;
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
                std::size_t close = no_display_close ? std::string_view::npos : line.find("$$", i + 2);
                no_display_close = close == std::string_view::npos;
                if (close != std::string_view::npos && close > i + 2) {
                    placeholder(i, close + 2, 2, 2);
                    i = close + 2;
                    continue;
                }
                out += "$$";
                i += 2;
                continue;
            }
            std::size_t close = text::find_dollar_close(line, i);
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

// "$$", "\[" or "\]" alone on a line (indentation allowed), or empty.
std::string_view display_mark(std::string_view line) {
    std::string_view t = text::trim(line);
    return t == "$$" || t == "\\[" || t == "\\]" ? t : std::string_view();
}

// True when a line holding only `close` follows `from` within a formula's
// reach (a lone "$$" that nothing closes stays text; the look is bounded
// so that a document of lone marks stays linear).
bool closes_within(std::string_view document, std::size_t from, std::string_view close) {
    constexpr int kMaxDisplayLines = 100;
    for (int lines = 0; from < document.size() && lines < kMaxDisplayLines; ++lines) {
        std::size_t start = from + 1;
        if (document[from] == '\r' && start < document.size() && document[start] == '\n') ++start;
        from = std::min(document.find_first_of("\r\n", start), document.size());
        if (display_mark(document.substr(start, from - start)) == close) return true;
    }
    return false;
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
    std::string_view display_close;  // inside display math on lines of its own: the mark that closes it
    std::size_t start = 0;
    while (start <= document.size()) {
        std::size_t end = document.find_first_of("\r\n", start);
        if (end == std::string_view::npos) end = document.size();
        std::string_view line = document.substr(start, end - start);
        std::string_view mark = display_mark(line);
        std::string_view indent = line.substr(0, line.find_first_not_of(" \t") == std::string_view::npos
                                                     ? 0
                                                     : line.find_first_not_of(" \t"));
        if (!display_close.empty()) {
            // Inside display math: its lines as they are, up to the closing mark.
            if (mark == display_close) {
                display_close = {};
                out.append(indent);
                out += "```";
            } else {
                out.append(line);
            }
        } else if (!fence.empty()) {
            is_fence(line, fence);  // the closing fence ends the code
            out.append(line);
        } else if (is_fence(line, fence)) {
            out.append(line);
        } else if ((mark == "$$" || mark == "\\[") && closes_within(document, end, mark == "$$" ? "$$" : "\\]")) {
            // "$$" or "\[" alone on a line opens display math; it reaches cmark
            // as a ```math fence at the same indentation (a list item's).
            display_close = mark == "$$" ? "$$" : "\\]";
            out.append(indent);
            out += "```math";
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

// The cells of a GFM table delimiter row ("| --- | :-: |"), or 0 when the
// line is none.
std::size_t delimiter_cells(std::string_view line) {
    std::string_view t = text::trim(line);
    if (t.empty() || t.find('-') == std::string_view::npos) return 0;
    std::size_t cells = 0;
    bool in_cell = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == '|') {
            in_cell = false;
            continue;
        }
        if (c != '-' && c != ':' && c != ' ' && c != '\t') return 0;
        if (c == '-' && !in_cell) {
            in_cell = true;
            ++cells;
        }
    }
    // One cell needs a pipe somewhere, or it is a setext underline or a rule.
    return cells > 1 || t.find('|') != std::string_view::npos ? cells : 0;
}

// True when a line can only go on a paragraph: nothing at its start may
// open another block (a list item, heading, quote, fence, table row, HTML,
// rule, setext underline, reference or abbreviation, ": " definition,
// display math). Erring towards "may": a line taken for a block start only
// ends the run of lines counted as one paragraph.
bool continues_paragraph(std::string_view line) {
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line.find('|') != std::string_view::npos) return false;
    return std::string_view("-+*_=#>`~<:[$\\0123456789").find(line[first]) == std::string_view::npos;
}

}  // namespace

std::string ProtectedMath::protect(std::string_view document) {
    spans_.clear();
    large_tables_.clear();
    overlong_.clear();
    std::string text = protect_math(without_front_matter(cut_overlong(document)), spans_);
    defuse_large_tables(text);
    return text;
}

// The document with every paragraph or line over kMaxFieldBytes cut (see
// Overlong), line breaks kept. Done on the raw lines, so that nothing later
// (math, cmark) spends more than the limit on one paragraph.
std::string ProtectedMath::cut_overlong(std::string_view document) {
    if (document.size() <= kMaxFieldBytes) return std::string(document);
    std::string out;
    out.reserve(document.size());
    std::string fence;                   // open code fence: its lines are code, whatever they hold
    std::size_t run = 0;                 // bytes of the paragraph lines so far
    std::uint32_t run_first = 0;         // its first line
    bool cutting = false;                // the last overlong paragraph's lines are left out
    std::uint32_t number = 1;
    for (std::size_t start = 0;; ++number) {
        std::size_t end = std::min(document.find_first_of("\r\n", start), document.size());
        std::string_view line = document.substr(start, end - start);
        bool code = !fence.empty();
        if (is_fence(line, fence)) code = true;
        bool prose = !code && continues_paragraph(line);
        if (cutting && prose) {
            overlong_.back().last_line = number;
            overlong_.back().bytes += 1 + line.size();  // the line break before it, and the line
        } else {
            cutting = false;
            if (!prose) run = 0;
            if (prose && run == 0) run_first = number;
            if (prose) run += (run == 0 ? 0 : 1) + line.size();  // line breaks between lines count
            if (line.size() > kMaxFieldBytes || run > kMaxFieldBytes) {
                std::size_t head = std::min(line.size(), kLongLineHeadBytes);
                while (head > 0 && head < line.size() && (static_cast<unsigned char>(line[head]) & 0xC0) == 0x80)
                    --head;  // cut between two characters
                out.append(line.substr(0, head));
                out.append(kMaxFieldBytes + 1, 'x');  // not a mark to cmark, nor to the autolinker
                overlong_.push_back({prose ? run_first : number, number, prose ? run : line.size()});
                cutting = prose;
                run = 0;
            } else {
                out.append(line);
            }
        }
        if (end == document.size()) break;
        std::size_t next = end + 1;
        if (document[end] == '\r' && next < document.size() && document[next] == '\n') ++next;
        out.append(document.substr(end, next - end));
        start = next;
    }
    return out;
}

// cmark-gfm builds every cell of a table, padding each row to the header's
// width: a 14 KB file of a 2000-column header and 2000 short rows is four
// million cells (1 GB). A table over kMaxTableCells is read as text: an
// escaped first character keeps its delimiter row from being one.
void ProtectedMath::defuse_large_tables(std::string& text) {
    auto lines = text::split_lines(text);
    std::vector<std::size_t> escapes;  // offsets in `text` to put a backslash before
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::size_t columns = delimiter_cells(lines[i].text);
        if (columns == 0 || text::trim(lines[i - 1].text).empty()) continue;
        std::size_t rows = 1;
        while (i + rows < lines.size() && !text::trim(lines[i + rows].text).empty()) ++rows;
        if (columns * rows <= kMaxTableCells) {
            i += rows - 1;
            continue;
        }
        std::string_view line = lines[i].text;
        std::size_t first = line.find_first_not_of(" \t");
        escapes.push_back(static_cast<std::size_t>(line.data() - text.data()) + first);
        large_tables_.push_back({lines[i].number, columns, rows - 1});
        i += rows - 1;
    }
    for (auto at = escapes.rbegin(); at != escapes.rend(); ++at) text.insert(*at, 1, '\\');
}

// The index of the placeholder in `s` at `open` (its U+E001 at `close`).
std::optional<std::size_t> ProtectedMath::placeholder_index(std::string_view s, std::size_t open, std::size_t close) const {
    std::string_view digits = s.substr(open + kOpen.size(), close - open - kOpen.size());
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    std::size_t index = 0;
    for (char c : digits) index = index * 10 + static_cast<std::size_t>(c - '0');
    if (index >= spans_.size()) return std::nullopt;
    return index;
}

void ProtectedMath::append_text(ir::RichText& out, std::string_view literal) const {
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

bool ProtectedMath::is_display(std::string_view literal) const {
    if (!text::starts_with(literal, kOpen) || !literal.ends_with(kClose)) return false;
    std::size_t close = literal.find(kClose);
    if (close + kClose.size() != literal.size()) return false;
    auto index = placeholder_index(literal, 0, close);
    if (!index) return false;
    std::string_view original = spans_[*index].original;
    return text::starts_with(original, "$$") || text::starts_with(original, "\\[");
}

std::string ProtectedMath::restore(std::string_view s) const {
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


}  // namespace glossc::readers::markdown
