// The three renderers of the merge report's document model
// (report_document.hpp): HTML, Markdown and plain text.
#include "report/report_document.hpp"

#include <string_view>

#include "text/escape.hpp"
#include "text/lines.hpp"

namespace glossc::report {

namespace {

// "f s0 s3": filterable, shown for sources 0 and 3 (classes, not source ids:
// an id may hold any character).
std::string filter_classes(const std::vector<std::size_t>& sources) {
    if (sources.empty()) return {};
    std::string out = "f";
    for (std::size_t s : sources) out += " s" + std::to_string(s);
    return out;
}

std::string html_attributes(const std::string& id, const std::vector<std::size_t>& sources) {
    using glossc::text::escape_html;
    std::string out;
    if (!id.empty()) out += " id=\"" + escape_html(id) + "\"";
    if (!sources.empty()) out += " class=\"" + filter_classes(sources) + "\"";
    return out;
}

// Text as Markdown shows it, never as markup a viewer acts on: raw HTML
// ("<img onerror=…>"), links and images ("[x](javascript:…)"), entities,
// emphasis and code spans are backslash-escaped (CommonMark lets any ASCII
// punctuation be escaped); a line break becomes a space.
std::string markdown_text(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\n' || c == '\r') {
            out += ' ';
        } else if (std::string_view("\\`*_[]<>&|!").find(c) != std::string_view::npos) {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

// A code span's content in a table cell: printed as it is (escapes do not
// work in code), except the cell's "|" (GFM reads "\|" there) and a
// backtick, which would end the span.
std::string markdown_code(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '`') out += '\'';
        else out += c;
    }
    return out;
}

std::string markdown_cell(const Cell& cell) {
    std::string out = markdown_text(cell.text);
    if (!cell.detail.empty()) out += (out.empty() ? "" : "<br>") + markdown_text(cell.detail);
    // A table cell holds one line: each line of a snippet as code, <br> between.
    for (const auto& snippet : cell.code)
        for (const auto& line : glossc::text::split_lines(snippet))
            out += (out.empty() ? "`" : "<br>`") + markdown_code(line.text) + "`";
    return out;
}

}  // namespace

// The page filters by source without script: a radio button per source
// before <main>, and a CSS rule per source hiding the rows and sections of
// the others while it is checked. Native radio buttons are reachable and
// announced as a group by keyboard and screen reader, and, unlike :target,
// the choice stays while the reader follows the page's own links.
std::string render_html(const Document& doc, const std::string& title, const std::vector<std::string>& sources) {
    using glossc::text::escape_html;
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
        escape_html(title) +
        "</title>\n<style>\n"
        "body{font:15px/1.45 system-ui,sans-serif;max-width:90rem;margin:2rem auto;padding:0 1rem;color:#222}\n"
        "table{border-collapse:collapse;margin:.5rem 0 1.2rem;width:100%}\n"
        "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}\n"
        "th{background:#f2f2f2}h2{border-bottom:2px solid #444;margin-top:2.5rem}h3{margin-bottom:.3rem}\n"
        "tr:nth-child(even) td{background:#fafafa}\n"
        ".def{display:block;color:#555;font-size:.9em;margin-top:.2rem}\n"
        "pre{margin:.2rem 0;font-size:.85em;white-space:pre-wrap;background:#f6f6f6;padding:.2rem .3rem}\n"
        "nav ul{columns:2;padding-left:1.2rem}.filter-legend{margin:1rem 0 .3rem;font-weight:600}\n"
        "label{margin:0 1rem 0 .2rem}\n";
    for (std::size_t s = 0; s < sources.size(); ++s)
        out += "#only_" + std::to_string(s) + ":checked~main .f:not(.s" + std::to_string(s) + "){display:none}\n";
    out += "</style>\n</head>\n<body>\n<header>\n";

    auto filter = [&sources] {
        std::string f =
            "</header>\n<p class=\"filter-legend\" id=\"filter_legend\">Show the rows and concepts of</p>\n"
            "<input type=\"radio\" name=\"only\" id=\"only_all\" aria-describedby=\"filter_legend\" checked>"
            "<label for=\"only_all\">every source</label>\n";
        for (std::size_t s = 0; s < sources.size(); ++s) {
            std::string id = "only_" + std::to_string(s);
            f += "<input type=\"radio\" name=\"only\" id=\"" + id + "\" aria-describedby=\"filter_legend\"><label for=\"" +
                 id + "\">" + escape_html(sources[s]) + "</label>\n";
        }
        return f + "<main>\n";
    };
    auto cell_html = [](const Cell& cell) {
        std::string c = escape_html(cell.text);
        if (!cell.detail.empty()) c += "<span class=\"def\">" + escape_html(cell.detail) + "</span>";
        for (std::string_view snippet : cell.code) {
            if (snippet.ends_with('\n')) snippet.remove_suffix(1);  // <pre> would show it as a blank line
            c += "<pre><code>" + escape_html(snippet) + "</code></pre>";
        }
        return c;
    };

    bool in_main = false;
    std::vector<int> open_sections;  // levels of the <section>s open
    for (const auto& block : doc) {
        switch (block.kind) {
            case Block::Heading: {
                std::string tag = "h" + std::to_string(block.level);
                if (block.level >= 2) {
                    if (!in_main) out += filter();
                    in_main = true;
                    while (!open_sections.empty() && open_sections.back() >= block.level) {
                        out += "</section>\n";
                        open_sections.pop_back();
                    }
                    out += "<section" + html_attributes(block.id, block.sources) + ">\n";
                    open_sections.push_back(block.level);
                }
                out += "<" + tag + ">" + escape_html(block.text) + "</" + tag + ">\n";
                break;
            }
            case Block::Paragraph: out += "<p>" + escape_html(block.text) + "</p>\n"; break;
            case Block::Contents:
                out += "<nav aria-label=\"Contents\">\n<p><strong>Contents</strong></p>\n<ul>\n";
                for (const auto& b : doc)
                    if (b.kind == Block::Heading && b.level == 2 && !b.id.empty())
                        out += "<li><a href=\"#" + escape_html(b.id) + "\">" + escape_html(b.text) + "</a></li>\n";
                out += "</ul>\n</nav>\n";
                break;
            case Block::Table:
                out += "<table>\n<tr>";
                for (const auto& h : block.header) out += "<th>" + escape_html(h) + "</th>";
                out += "</tr>\n";
                for (const auto& row : block.rows) {
                    out += "<tr" + html_attributes(row.id, row.sources) + ">";
                    for (const auto& cell : row.cells) out += "<td>" + cell_html(cell) + "</td>";
                    out += "</tr>\n";
                }
                out += "</table>\n";
                break;
        }
    }
    for (std::size_t i = 0; i < open_sections.size(); ++i) out += "</section>\n";
    out += in_main ? "</main>\n" : "</header>\n";
    return out + "</body>\n</html>\n";
}

std::string render_markdown(const Document& doc) {
    std::string out;
    for (const auto& block : doc) {
        switch (block.kind) {
            case Block::Heading:
                out += std::string(static_cast<std::size_t>(block.level), '#') + " " + markdown_text(block.text) + "\n\n";
                break;
            case Block::Paragraph: out += markdown_text(block.text) + "\n\n"; break;
            case Block::Contents: break;  // the headings are the outline
            case Block::Table:
                out += "|";
                for (const auto& h : block.header) out += " " + markdown_text(h) + " |";
                out += "\n|";
                for (std::size_t i = 0; i < block.header.size(); ++i) out += " --- |";
                out += "\n";
                for (const auto& row : block.rows) {
                    out += "|";
                    for (const auto& cell : row.cells) out += " " + markdown_cell(cell) + " |";
                    out += "\n";
                }
                out += "\n";
                break;
        }
    }
    return out;
}

std::string render_text(const Document& doc) {
    std::string out;
    for (const auto& block : doc) {
        switch (block.kind) {
            case Block::Heading:
                out += block.text + "\n" + std::string(block.level <= 2 ? block.text.size() : 0, block.level == 1 ? '=' : '-') +
                       (block.level <= 2 ? "\n" : "");
                break;
            case Block::Paragraph: out += block.text + "\n\n"; break;
            case Block::Contents: break;
            case Block::Table:
                for (const auto& row : block.rows) {
                    for (std::size_t i = 0; i < row.cells.size(); ++i) {
                        const Cell& cell = row.cells[i];
                        if (cell.text.empty() && cell.detail.empty() && cell.code.empty()) continue;
                        out += "  " + block.header[i] + ":" + (cell.text.empty() ? "" : " " + cell.text) + "\n";
                        if (!cell.detail.empty()) out += "      " + cell.detail + "\n";
                        // Indented as printed: TOML ignores the indentation.
                        for (const auto& snippet : cell.code)
                            for (const auto& line : glossc::text::split_lines(snippet))
                                out += "      " + std::string(line.text) + "\n";
                    }
                    out += "\n";
                }
                break;
        }
    }
    return out;
}

}  // namespace glossc::report
