// The merge report's document model: headings, paragraphs and tables of
// cells, rendered once per format (as cmark renders one AST to several
// outputs), so that the report's three formats cannot drift apart. Separate
// from merge_report.cpp, which says what the report holds, not how it is
// written.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace glossc::report {

struct Cell {
    std::string text;
    std::string detail;              // a definition, shown under the text
    std::vector<std::string> code;   // snippets to copy as they are (override tables)
    Cell(std::string text_ = {}, std::string detail_ = {}) : text(std::move(text_)), detail(std::move(detail_)) {}
    Cell(const char* text_) : text(text_) {}
};

struct Row {
    std::vector<Cell> cells;
    std::string id;                    // HTML anchor
    std::vector<std::size_t> sources;  // indices into the glossary's sources: what the filter shows it for
    Row(std::vector<Cell> cells_, std::string id_ = {}, std::vector<std::size_t> sources_ = {})
        : cells(std::move(cells_)), id(std::move(id_)), sources(std::move(sources_)) {}
};

struct Block {
    // Contents: the links to every level-2 heading that has an id (HTML only).
    enum Kind { Heading, Paragraph, Table, Contents } kind;
    int level = 2;
    std::string text;
    std::string id;                    // headings: anchor of the section they open
    std::vector<std::size_t> sources;  // headings: the section is filtered by source
    std::vector<std::string> header;
    std::vector<Row> rows;
};

using Document = std::vector<Block>;

inline Block heading(int level, std::string text, std::string id = {}, std::vector<std::size_t> sources = {}) {
    return {Block::Heading, level, std::move(text), std::move(id), std::move(sources), {}, {}};
}
inline Block paragraph(std::string text) { return {Block::Paragraph, 0, std::move(text), {}, {}, {}, {}}; }
inline Block table(std::vector<std::string> header, std::vector<Row> rows) {
    return {Block::Table, 0, {}, {}, {}, std::move(header), std::move(rows)};
}
inline Block contents() { return {Block::Contents, 0, {}, {}, {}, {}, {}}; }

// One self-contained HTML page titled `title` (inline CSS, no script), with
// a filter by source: `sources` names them, in the order of the indices that
// rows and headings carry.
std::string render_html(const Document& doc, const std::string& title, const std::vector<std::string>& sources);
// GitHub-flavoured Markdown: pipe tables, one line per cell.
std::string render_markdown(const Document& doc);
// Plain text: underlined headings, each table row as "header: value" lines.
std::string render_text(const Document& doc);

}  // namespace glossc::report
