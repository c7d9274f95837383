#include "text/line_index.hpp"

#include <algorithm>

namespace glossc::text {

LineIndex::LineIndex(std::string_view document) : document_(document) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < document.size(); ++i) {
        char c = document[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= document.size() || document[i + 1] != '\n')))
            starts_.push_back(i + 1);
    }
}

std::uint32_t LineIndex::line_of(std::size_t offset) const {
    offset = std::min(offset, document_.size());
    // The last line start at or before the offset.
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
    return static_cast<std::uint32_t>(it - starts_.begin()) + 1;
}

LineColumn LineIndex::at(std::size_t offset) const {
    offset = std::min(offset, document_.size());
    LineColumn where;
    where.line = line_of(offset);
    std::size_t from = starts_[where.line - 1];
    std::size_t column = 1;
    if (last_.line == where.line && last_offset_ >= from && last_offset_ <= offset) {
        from = last_offset_;
        column = last_.column;
    }
    where.column = static_cast<std::uint32_t>(column + count_code_points(document_.substr(from, offset - from)));
    last_offset_ = offset;
    last_ = where;
    return where;
}

}  // namespace glossc::text
