// Paragraphs -> blocks (text_block_reader.hpp; the layout is described in
// text_backend.hpp, "Blocks").
#include "text/text_block_reader.hpp"

#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>

#include "text/text_format.hpp"

namespace glossc::text_backend {

namespace {

namespace f = format;

ir::RichText rich(std::string s) {
    if (s.empty()) return {};
    return {ir::text(std::move(s))};
}

// What a paragraph opens: nothing when it is protected or a fenced block.
f::BlockStart start_of(const Para& p) {
    if (p.is_protected || p.kind != Para::Kind::Prose) return {};
    return f::block_start(p.size(), [&p](std::size_t i) { return p.literal_at(i); });
}

class BlockReader {
public:
    BlockReader(const std::vector<Para>& ps, std::size_t first) : ps_(ps), next_(first), end_(first) {
        while (end_ < ps.size() && ps[end_].indent >= f::kContentIndent) ++end_;
    }

    std::size_t position() const { return next_; }
    const Para& peek() const { return ps_[next_]; }
    void skip() { ++next_; }

    // Whether the next paragraph stands at `column`. One deeper is an error:
    // no item or quote opened it.
    bool at(std::size_t column) const {
        if (next_ == end_ || ps_[next_].indent < column) return false;
        if (ps_[next_].indent > column) fail(ps_[next_].line, "unexpected indentation");
        return true;
    }

    // Blocks at `column`, as long as there are.
    ir::Blocks blocks(std::size_t column) {
        ir::Blocks out;
        while (at(column)) out.push_back(block(column));
        return out;
    }

    // The block the next paragraph opens.
    ir::Block block(std::size_t column) {
        const Para& p = ps_[next_];
        if (p.kind != Para::Kind::Prose) {
            ++next_;
            return p.kind == Para::Kind::Code ? ir::code_block(p.text, p.language) : ir::display_math(p.text);
        }
        f::BlockStart start = start_of(p);
        switch (start.opens) {
            case f::Opens::Bullet:
            case f::Opens::Ordered: return list(column, start);
            case f::Opens::Quote: return ir::quote(item(column, start));
            case f::Opens::Row: return table(column);
            default: ++next_; return ir::paragraph(rich(p.text));
        }
    }

private:
    // An item (or a quote) from its marker line: the paragraph after the
    // marker, then the blocks nested under it.
    ir::Blocks item(std::size_t column, f::BlockStart start) {
        const Para& p = ps_[next_++];
        // Each level is a few frames of recursion: bounded for hostile input,
        // far deeper than sources may nest (the readers stop at 256).
        constexpr std::size_t kMaxNesting = 1024;
        if (column / f::kNested > kMaxNesting) fail(p.line, "blocks nested too deep");
        ir::Blocks content;
        // block_start saw a literal space after the marker, or the end.
        if (p.size() > start.marker) content.push_back(ir::paragraph(rich(p.text.substr(start.marker + 1))));
        for (auto& block : blocks(column + f::kNested)) content.push_back(std::move(block));
        return content;
    }

    // Consecutive items with the same marker symbol ("-", "*", "N.", "N)").
    ir::Block list(std::size_t column, f::BlockStart first) {
        const char symbol = peek().text[first.marker - 1];
        const bool ordered = first.opens == f::Opens::Ordered;
        const std::uint64_t start = ordered ? number(peek(), first) : 1;
        if (start > std::numeric_limits<std::uint32_t>::max())
            fail(peek().line, "an ordered list's first number is too large");
        std::vector<ir::Blocks> items;
        while (at(column)) {
            f::BlockStart s = start_of(peek());
            if (s.opens != first.opens || peek().text[s.marker - 1] != symbol) break;
            if (ordered && number(peek(), s) != start + items.size())
                fail(peek().line, "item number " + std::to_string(number(peek(), s)) + " where " +
                                      std::to_string(start + items.size()) + " was expected");
            items.push_back(item(column, s));
        }
        return ordered ? ir::ordered_list(std::move(items), static_cast<std::uint32_t>(start))
                       : ir::bullet_list(std::move(items));
    }

    static std::uint64_t number(const Para& p, f::BlockStart start) {
        std::uint64_t n = 0;
        const char* first = p.text.data();
        const char* last = first + start.marker - 1;
        if (std::from_chars(first, last, n).ptr != last) fail(p.line, "an item number is too large");
        return n;
    }

    // Rows "| a | b |" at `column`: the header, the rule, then rows up to
    // one that a rule follows (the header of the next table).
    ir::Block table(std::size_t column) {
        const Para& header = ps_[next_++];
        std::vector<std::vector<ir::RichText>> rows{cells(header)};
        if (!at(column) || rule_columns(peek()) == 0)
            fail(header.line, "a table's header row is followed by its rule \"|---|...\"");
        if (rule_columns(peek()) != rows[0].size())
            fail(peek().line, "the rule has another number of columns than the header");
        ++next_;
        while (at(column) && start_of(peek()).opens == f::Opens::Row && rule_columns(peek()) == 0 &&
               !(next_ + 1 < end_ && ps_[next_ + 1].indent == column && rule_columns(ps_[next_ + 1]) != 0)) {
            rows.push_back(cells(ps_[next_]));
            if (rows.back().size() != rows[0].size())
                fail(ps_[next_].line, "a table row has another number of cells than its header");
            ++next_;
        }
        return ir::table(std::move(rows));
    }

    // "| a | b |": each cell between literal '|', padded by one space.
    static std::vector<ir::RichText> cells(const Para& row) {
        if (row.size() < 2 || !row.lit_at(0, f::kCellEdge) || !row.lit_at(row.size() - 1, f::kCellEdge))
            fail(row.line, "a table row is written \"| cell | cell |\"");
        std::vector<ir::RichText> out;
        for (std::size_t from = 1, i = 1; i < row.size(); ++i) {
            if (!row.lit_at(i, f::kCellEdge)) continue;
            if (i - from < 2 || !row.lit_at(from, ' ') || !row.lit_at(i - 1, ' '))
                fail(row.line, "a table cell is written \"| text |\", one space inside each '|'");
            out.push_back(rich(row.text.substr(from + 1, i - from - 2)));
            from = i + 1;
        }
        return out;
    }

    // The columns of a rule "|---|---|", or 0 when `p` is none.
    static std::size_t rule_columns(const Para& p) {
        if (p.is_protected || p.kind != Para::Kind::Prose || !p.lit_at(0, f::kCellEdge) ||
            (p.size() - 1) % f::kRuleCell.size() != 0)
            return 0;
        for (std::size_t i = 1; i < p.size(); ++i)
            if (!p.lit_at(i, f::kRuleCell[(i - 1) % f::kRuleCell.size()])) return 0;
        return (p.size() - 1) / f::kRuleCell.size();
    }

    const std::vector<Para>& ps_;
    std::size_t next_;
    std::size_t end_;  // the first paragraph less indented than the content
};

}  // namespace

std::size_t read_definition_content(const std::vector<Para>& ps, std::size_t first, ir::Definition& d) {
    constexpr std::size_t kAt = f::kContentIndent;
    BlockReader reader(ps, first);
    // The summary, then the body up to Details:, then Example:, each at most
    // once and in this order; blocks go to the last one opened.
    enum class Field { None, Summary, Body, Details, Example } field = Field::None;
    ir::Blocks* into = nullptr;
    while (reader.at(kAt)) {
        const Para& p = reader.peek();
        if (p.is(f::kDetails) || p.is(f::kExample)) {
            const bool details = p.is(f::kDetails);
            const Field keyword = details ? Field::Details : Field::Example;
            if (field >= keyword) fail(p.line, "a definition has a summary and a body, then Details: and Example:");
            field = keyword;
            into = details ? &d.details : &d.example;
            // "Details: text" leads with a paragraph; a bare "Details:" with another block.
            std::string_view word = details ? f::kDetails : f::kExample;
            if (p.size() > word.size()) into->push_back(ir::paragraph(rich(p.after(word).text)));
            reader.skip();
            continue;
        }
        if (field == Field::None) {
            if (p.kind != Para::Kind::Prose || start_of(p).opens != f::Opens::Paragraph)
                fail(p.line, "a definition starts with its summary, a paragraph");
            d.summary = rich(p.text);
            field = Field::Summary;
            reader.skip();
            continue;
        }
        if (field == Field::Summary) {
            field = Field::Body;
            into = &d.body;
        }
        into->push_back(reader.block(kAt));
    }
    return reader.position();
}

}  // namespace glossc::text_backend
