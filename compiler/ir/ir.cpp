#include "ir/ir.hpp"

#include <array>
#include <utility>

namespace glossc::ir {

Inline text(std::string s) { return Inline{InlineKind::Text, std::move(s), {}, {}}; }
Inline math(std::string tex) { return Inline{InlineKind::Math, std::move(tex), {}, {}}; }
Inline code(std::string s) { return Inline{InlineKind::Code, std::move(s), {}, {}}; }
Inline emph(RichText children) { return Inline{InlineKind::Emph, {}, {}, std::move(children)}; }
Inline strong(RichText children) { return Inline{InlineKind::Strong, {}, {}, std::move(children)}; }
Inline link(std::string url, RichText children) {
    return Inline{InlineKind::Link, {}, std::move(url), std::move(children)};
}
Inline ref(std::string concept_id, RichText children) {
    return Inline{InlineKind::Ref, {}, std::move(concept_id), std::move(children)};
}

Block paragraph(RichText text) {
    Block b;
    b.text = std::move(text);
    return b;
}
Block bullet_list(std::vector<Blocks> items) {
    Block b;
    b.kind = BlockKind::BulletList;
    b.items = std::move(items);
    return b;
}
Block ordered_list(std::vector<Blocks> items, std::uint32_t start) {
    Block b;
    b.kind = BlockKind::OrderedList;
    b.items = std::move(items);
    b.start = start;
    return b;
}
Block code_block(std::string lines, std::string language) {
    Block b;
    b.kind = BlockKind::Code;
    b.literal = std::move(lines);
    b.language = std::move(language);
    return b;
}
Block display_math(std::string tex) {
    Block b;
    b.kind = BlockKind::DisplayMath;
    b.literal = std::move(tex);
    return b;
}
Block quote(Blocks blocks) {
    Block b;
    b.kind = BlockKind::Quote;
    b.items.push_back(std::move(blocks));
    return b;
}
Block table(std::vector<std::vector<RichText>> rows) {
    Block b;
    b.kind = BlockKind::Table;
    b.rows = std::move(rows);
    return b;
}

Blocks paragraphs(RichText text) {
    Blocks out;
    if (!text.empty()) out.push_back(paragraph(std::move(text)));
    return out;
}

namespace {

// One name table per enum; to_string and parse_* both read it, so the two
// directions cannot drift apart.
template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, Enum value) {
    auto index = static_cast<std::size_t>(value);
    return index < N ? names[index] : std::string_view{"?"};
}

template <typename Enum, std::size_t N>
bool enum_of(const std::array<std::string_view, N>& names, std::string_view name, Enum& out) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == name) {
            out = static_cast<Enum>(i);
            return true;
        }
    }
    return false;
}

constexpr std::array<std::string_view, 7> kInlineNames{"text", "math", "code", "emph",
                                                        "strong", "link", "ref"};
constexpr std::array<std::string_view, 7> kBlockNames{"paragraph", "bullet_list", "ordered_list", "code",
                                                       "display_math", "quote", "table"};
constexpr std::array<std::string_view, 5> kLabelNames{"preferred", "abbreviation", "expansion",
                                                       "variant", "hidden"};
constexpr std::array<std::string_view, 3> kSeverityNames{"note", "warning", "error"};

}  // namespace

std::string_view to_string(InlineKind kind) { return name_of(kInlineNames, kind); }
bool parse_inline_kind(std::string_view name, InlineKind& out) { return enum_of(kInlineNames, name, out); }
std::string_view to_string(BlockKind kind) { return name_of(kBlockNames, kind); }
bool parse_block_kind(std::string_view name, BlockKind& out) { return enum_of(kBlockNames, name, out); }
std::string_view to_string(LabelKind kind) { return name_of(kLabelNames, kind); }
bool parse_label_kind(std::string_view name, LabelKind& out) { return enum_of(kLabelNames, name, out); }
std::string_view to_string(Severity severity) { return name_of(kSeverityNames, severity); }
bool parse_severity(std::string_view name, Severity& out) { return enum_of(kSeverityNames, name, out); }

}  // namespace glossc::ir
