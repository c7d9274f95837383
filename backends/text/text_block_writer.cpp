// Blocks as plain text (text_block_writer.hpp; the layout is described in
// text_backend.hpp, "Blocks").
#include "text/text_block_writer.hpp"

#include <span>

#include "text/text_format.hpp"
#include "text/text_units.hpp"

namespace glossc::text_backend {

namespace {

namespace f = format;

using BlockSpan = std::span<const ir::Block>;

class BlockWriter {
public:
    explicit BlockWriter(std::string& out) : out_(out) {}

    // Blocks one after another at `indent`.
    void blocks(BlockSpan blocks, std::size_t indent) {
        // Two lists in a row would read as one: the second takes the other
        // marker, as CommonMark starts a new list where the marker changes.
        char bullet_before = 0, number_end_before = 0;
        for (const auto& block : blocks) {
            char bullet = 0, number_end = 0;
            switch (block.kind) {
                case ir::BlockKind::Paragraph: paragraph(block.text, indent); break;
                case ir::BlockKind::BulletList:
                    bullet = bullet_before == f::kBullet ? f::kOtherBullet : f::kBullet;
                    for (const auto& content : block.items) item(std::string(1, bullet), content, indent);
                    break;
                case ir::BlockKind::OrderedList: {
                    number_end = number_end_before == f::kNumberEnd ? f::kOtherNumberEnd : f::kNumberEnd;
                    std::uint64_t number = block.start;  // no wrap past 2^32 - 1
                    for (const auto& content : block.items)
                        item(std::to_string(number++) + number_end, content, indent);
                    break;
                }
                case ir::BlockKind::Quote: item(std::string(1, f::kQuote), f::quoted(block), indent); break;
                case ir::BlockKind::Code:
                    fenced(Paragraph().lit(f::kCodeFence).word(block.language), f::kCodeFence, block.literal, indent);
                    break;
                case ir::BlockKind::DisplayMath:
                    fenced(Paragraph().lit(f::kMathFence), f::kMathFence, block.literal, indent);
                    break;
                case ir::BlockKind::Table: table(block.rows, indent); break;
            }
            bullet_before = bullet;
            number_end_before = number_end;
        }
    }

    // `marker` ("-", "3.", ">", "Details:") with the first block on its line
    // when that is a paragraph; the other blocks below, at `nested`.
    void lead(const std::string& marker, BlockSpan blocks, std::size_t indent, std::size_t nested) {
        Paragraph p;
        p.lit(marker);
        if (!blocks.empty() && blocks.front().kind == ir::BlockKind::Paragraph) {
            // After a marker comes a paragraph, whatever it starts like.
            p.lit(" ").slot(f::plain(blocks.front().text));
            blocks = blocks.subspan(1);
        }
        emit(out_, p, indent);
        this->blocks(blocks, nested);
    }

private:
    // A list item or a quote: its further blocks are nested.
    void item(const std::string& marker, BlockSpan blocks, std::size_t indent) {
        lead(marker, blocks, indent, indent + f::kNested);
    }

    void paragraph(const ir::RichText& text, std::size_t indent) {
        Paragraph p;
        p.value(f::plain(text));
        // Details: and Example: are keywords only at the definition's own column.
        if (indent == f::kContentIndent) {
            p.protect({f::kDetails, f::kExample});
        } else {
            p.protect({});
        }
        emit(out_, p, indent);
    }

    void fenced(const Paragraph& opener, std::string_view closer, const std::string& literal, std::size_t indent) {
        emit(out_, opener, indent);
        // An empty literal has no line (a code block's never is empty).
        for (std::size_t start = 0; !literal.empty() && start <= literal.size();) {
            std::size_t end = std::min(literal.find('\n', start), literal.size());
            emit_literal_line(out_, std::string_view(literal).substr(start, end - start), closer, indent);
            start = end + 1;
        }
        out_.append(indent, ' ');
        out_ += closer;
        out_ += '\n';
    }

    void table(const std::vector<std::vector<ir::RichText>>& rows, std::size_t indent) {
        if (rows.empty()) return;
        auto row = [&](const std::vector<ir::RichText>& cells) {
            Paragraph p;
            p.lit(std::string(1, f::kCellEdge));
            for (const auto& cell : cells)
                p.lit(" ").slot(f::plain(cell), f::kCellSpecials).lit(" ").lit(std::string(1, f::kCellEdge));
            emit(out_, p, indent);
        };
        row(rows.front());
        std::string rule(1, f::kCellEdge);
        for (std::size_t column = 0; column < rows.front().size(); ++column) rule += f::kRuleCell;
        emit(out_, Paragraph().lit(rule), indent);
        for (std::size_t r = 1; r < rows.size(); ++r) row(rows[r]);
    }

    std::string& out_;
};

}  // namespace

void write_definition_content(std::string& out, const ir::Definition& d) {
    constexpr std::size_t kAt = f::kContentIndent;
    BlockWriter writer(out);
    // The summary goes unlabelled, as in a printed glossary, and the body
    // right after it; \<> keeps one that starts like a keyword or a block
    // from reading as one, and stands in for an empty summary before a body.
    std::string summary = f::plain(d.summary);
    if (!summary.empty() || !d.body.empty())
        emit(out, Paragraph().value(summary).protect({f::kDetails, f::kExample}), kAt);
    writer.blocks(d.body, kAt);
    // The keyword leads its first paragraph; further blocks stay at the
    // definition's column, up to the next keyword.
    if (!d.details.empty()) writer.lead(std::string(f::kDetails), d.details, kAt, kAt);
    if (!d.example.empty()) writer.lead(std::string(f::kExample), d.example, kAt, kAt);
}

}  // namespace glossc::text_backend
