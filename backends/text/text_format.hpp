// What the text backend's writer, reader and project() share: the keywords,
// the layout and the plain rendering of rich text.
// (Internal to backends/text; the format is described in text_backend.hpp.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ir/ir.hpp"

namespace glossc::text_backend::format {

// Keywords, each at the start of a paragraph.
inline constexpr std::string_view kEdition = "Edition:";
inline constexpr std::string_view kLanguage = "Language:";
inline constexpr std::string_view kCategories = "Categories:";  // header; also a concept field
inline constexpr std::string_view kCategory = "Category:";
inline constexpr std::string_view kAliases = "Aliases:";
inline constexpr std::string_view kFrom = "From";
inline constexpr std::string_view kSeeAlso = "See also:";
inline constexpr std::string_view kReference = "Reference:";
inline constexpr std::string_view kDetails = "Details:";
inline constexpr std::string_view kExample = "Example:";
inline constexpr std::string_view kAuthors = "Authors:";
inline constexpr std::string_view kVenue = "Venue:";
inline constexpr std::string_view kArxiv = "arXiv:";
inline constexpr std::string_view kUrl = "URL:";
inline constexpr std::string_view kLine = "line";
inline constexpr std::string_view kHeadingOpen = "== ";
inline constexpr std::string_view kHeadingClose = " ==";

// Characters that are structure inside a value, by where the value stands.
inline constexpr std::string_view kItemSpecials = ";[";       // items of Category / See also
inline constexpr std::string_view kAliasSpecials = ";";       // alias texts
inline constexpr std::string_view kIdSpecials = "[";          // ids in a mandatory [id]
inline constexpr std::string_view kSourceSpecials = ",()";    // definition sources and flags

// Paragraphs start at 0, 2 or 4 columns; their following lines are indented
// by continuation_indent(). No continuation indent is a start indent that can
// follow that paragraph, which is what makes the layout parseable.
inline std::size_t continuation_indent(std::size_t indent) { return indent == 0 ? 4 : 6; }

// The rich-text fields in a definition's order.
inline constexpr std::size_t kRichFields = 4;
const ir::RichText& rich_field(const ir::Definition& d, std::size_t i);  // summary, body, details, example
ir::RichText& rich_field(ir::Definition& d, std::size_t i);

// (The order of concepts and their letter sections are the ones every
// lettered backend shares: backends/common/headword_order.hpp.)

// Rich text as the text shows it (see text_backend.hpp), and as project()
// gives it back: one Text node of that rendering, or nothing.
std::string plain(const ir::RichText& text);
ir::RichText flattened(const ir::RichText& text);

// A preferred label that only repeats the headword: the headword line says
// it, so the aliases leave it out.
bool repeats_headword(const ir::Label& label, const ir::Concept& concept_);

}  // namespace glossc::text_backend::format
