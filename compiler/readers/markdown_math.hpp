// Math and front matter taken out of a Markdown document before cmark
// parses it (markdown_math.cpp): `$…$`, `$$…$$`, `\(…\)` and `\[…\]` on one
// line, outside code, become placeholders ("$5 and $10" stays text, "\$" is
// a dollar, "[\[1\]][1]" is a link's escaped brackets).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace glossc::readers::markdown {

// Display math on lines of its own ("$$" or "\[" alone on a line, the
// formula, "$$" or "\]") becomes a ```math fence at the same indentation,
// which the reader reads as display math.
//
// One formula taken out: its TeX, and the text as written (for code).
struct MathSpan {
    std::string tex;       // without delimiters
    std::string original;  // as written, for code where it is not math
};

class ProtectedMath {
public:
    // The document with YAML front matter blanked and math replaced by
    // placeholders, line breaks kept (so cmark's line numbers are the file's).
    std::string protect(std::string_view document);
    // Text that may hold placeholders, as Text and Math nodes.
    void append_text(ir::RichText& out, std::string_view literal) const;
    // Code that may hold placeholders: the original text back.
    std::string restore(std::string_view s) const;
    // A table cmark-gfm would spend too much on, read as text instead.
    struct LargeTable {
        std::uint32_t line = 0;  // of its delimiter row
        std::size_t columns = 0;
        std::size_t rows = 0;
    };
    static constexpr std::size_t kMaxTableCells = 100000;
    const std::vector<LargeTable>& large_tables() const { return large_tables_; }

    // A paragraph (or any one line) longer than a field may be
    // (kMaxFieldBytes): cmark would build a node for every word or mark of
    // it (a 200 MB paragraph took 8.2 GB) only for the entry holding it to
    // be rejected. Found on the raw lines: the line that crosses the limit
    // keeps its first kLongLineHeadBytes as written (a list marker, a
    // "**Term**:") and the rest becomes one run of plain text just over
    // the limit, so that the entry holding it is still rejected
    // [field-too-long]; the paragraph's later lines are left blank (line
    // numbers kept).
    struct Overlong {
        std::uint32_t first_line = 0;
        std::uint32_t last_line = 0;
        std::size_t bytes = 0;  // as written, line breaks included
    };
    static constexpr std::size_t kLongLineHeadBytes = 1024;
    const std::vector<Overlong>& overlong() const { return overlong_; }

    // True when `literal` is one placeholder for display math ("$$…$$",
    // "\[…\]").
    bool is_display(std::string_view literal) const;

private:
    std::optional<std::size_t> placeholder_index(std::string_view s, std::size_t open, std::size_t close) const;

    void defuse_large_tables(std::string& text);
    std::string cut_overlong(std::string_view document);

    std::vector<MathSpan> spans_;
    std::vector<LargeTable> large_tables_;
    std::vector<Overlong> overlong_;
};

}  // namespace glossc::readers::markdown
