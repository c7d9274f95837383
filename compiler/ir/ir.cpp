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
constexpr std::array<std::string_view, 5> kLabelNames{"preferred", "abbreviation", "expansion",
                                                       "variant", "hidden"};
constexpr std::array<std::string_view, 3> kSeverityNames{"note", "warning", "error"};

}  // namespace

std::string_view to_string(InlineKind kind) { return name_of(kInlineNames, kind); }
bool parse_inline_kind(std::string_view name, InlineKind& out) { return enum_of(kInlineNames, name, out); }
std::string_view to_string(LabelKind kind) { return name_of(kLabelNames, kind); }
bool parse_label_kind(std::string_view name, LabelKind& out) { return enum_of(kLabelNames, name, out); }
std::string_view to_string(Severity severity) { return name_of(kSeverityNames, severity); }
bool parse_severity(std::string_view name, Severity& out) { return enum_of(kSeverityNames, name, out); }

}  // namespace glossc::ir
