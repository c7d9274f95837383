// Offset -> line:column lookups for diagnostics, in O(log lines) each.
// Readers that locate many entries in one document (JSON readers find each
// entry's line by offset) must not rescan the document from the start for
// every entry: on a 50 MB source that is quadratic.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "text/utf8.hpp"

namespace glossc::text {

class LineIndex {
public:
    // Indexes where every line starts; "\r\n", "\n" and a lone "\r" all end
    // a line, as in split_lines. The document must outlive the index.
    explicit LineIndex(std::string_view document);

    // 1-based line and column (in code points) of a byte offset; an offset
    // past the end points at the end. Ascending offsets on one line count
    // on from the previous answer, so reporting every entry of a one-line
    // file stays linear.
    LineColumn at(std::size_t offset) const;
    // The line alone: no column count, so it stays O(log lines) even on a
    // 50 MB single line.
    std::uint32_t line_of(std::size_t offset) const;

private:
    std::string_view document_;
    std::vector<std::size_t> starts_;  // byte offset of each line's first byte, ascending
    mutable std::size_t last_offset_ = 0;  // the previous `at` query and its answer
    mutable LineColumn last_{1, 1};
};

}  // namespace glossc::text
