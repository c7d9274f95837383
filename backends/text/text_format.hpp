// What the text backend's writer, reader and project() share: the keywords,
// the block markers, the layout and the plain rendering of rich text.
// (Internal to backends/text; the format is described in text_backend.hpp.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/source_titles.hpp"
#include "ir/ir.hpp"

namespace glossc::text_backend::format {

// Keywords, each at the start of a paragraph.
inline constexpr std::string_view kEdition = "Edition:";
inline constexpr std::string_view kLanguage = "Language:";
inline constexpr std::string_view kSources = "Sources:";        // header
inline constexpr std::string_view kCategories = "Categories:";  // header; also a concept field
inline constexpr std::string_view kCategory = "Category:";
inline constexpr std::string_view kAlsoCalled = "Also called:";
inline constexpr std::string_view kFrom = "From";
inline constexpr std::string_view kSeeAlso = "See also:";
inline constexpr std::string_view kReference = "Reference:";
inline constexpr std::string_view kDetails = "Details:";
inline constexpr std::string_view kExample = "Example:";
inline constexpr std::string_view kAuthors = "Authors:";
inline constexpr std::string_view kVenue = "Venue:";
inline constexpr std::string_view kArxiv = "arXiv:";
inline constexpr std::string_view kUrl = "URL:";
inline constexpr std::string_view kHeadingOpen = "== ";
inline constexpr std::string_view kHeadingClose = " ==";

// Characters that are structure inside a value, by where the value stands.
inline constexpr std::string_view kItemSpecials = ";[";       // items of Category / See also
inline constexpr std::string_view kAliasSpecials = ";";       // alias texts
inline constexpr std::string_view kIdSpecials = "[";          // ids in a mandatory [id]
inline constexpr std::string_view kFlagSpecials = ",()";      // a definition's flags
inline constexpr std::string_view kFromTitleLast = ")";       // a From line's title, as its last character
inline constexpr std::string_view kTitleSpecials = "<";       // titles in the Sources list
inline constexpr std::string_view kCellSpecials = "|";        // table cells

// Block markers (text_backend.hpp, "Blocks").
inline constexpr char kBullet = '-';        // a bullet list's items; kOtherBullet for a list right after one
inline constexpr char kOtherBullet = '*';
inline constexpr char kNumberEnd = '.';     // "3." numbers an ordered list's item; kOtherNumberEnd likewise
inline constexpr char kOtherNumberEnd = ')';
inline constexpr char kQuote = '>';
inline constexpr char kCellEdge = '|';      // a table row is "| a | b |"
inline constexpr std::string_view kRuleCell = "---|";  // the rule under the header: "|" then one per column
inline constexpr std::string_view kCodeFence = "```";  // "```python" ... "```"
inline constexpr std::string_view kMathFence = "$$";   // "$$" ... "$$"

// Definitions' content starts at column 4; a block's nested blocks (an item's
// further blocks, a quote's) start kNested columns deeper than the block.
inline constexpr std::size_t kContentIndent = 4;
inline constexpr std::size_t kNested = 4;

// Paragraphs start at column 0, 2 or a multiple of 4; their following lines
// are indented by continuation_indent(): 4 after 0, else 2 more than the
// paragraph (6 after 2). No continuation indent is a start indent that can
// follow that paragraph, which is what makes the layout parseable.
inline std::size_t continuation_indent(std::size_t indent) { return indent == 0 ? 4 : (indent < 4 ? 4 : indent) + 2; }
inline bool is_start_indent(std::size_t indent) { return indent == 0 || indent == 2 || indent % 4 == 0; }

// What a paragraph opens by its first characters.
enum class Opens : std::uint8_t { Paragraph, Bullet, Ordered, Quote, Row, CodeFence, MathFence };

struct BlockStart {
    Opens opens = Opens::Paragraph;
    std::size_t marker = 0;  // bytes of the marker ("-", "12.", "```", "|"), without the space after it
};

// `at(i)` is byte i of the paragraph (of `size` bytes) when it was written as
// itself, else '\0' (escaped, or past the end): an escaped character is never
// structure, and a marker ends at a space written as itself or at the end.
// The writer asks this of what it is about to write and protects a paragraph
// that would open a block; the reader asks it to tell blocks apart.
template <typename At>
BlockStart block_start(std::size_t size, At at) {
    auto word_ends = [size, &at](std::size_t i) { return i >= size || at(i) == ' '; };
    if (at(0) == '`' && at(1) == '`' && at(2) == '`') return {Opens::CodeFence, kCodeFence.size()};
    if (at(0) == '$' && at(1) == '$' && word_ends(2)) return {Opens::MathFence, kMathFence.size()};
    if (at(0) == kCellEdge) return {Opens::Row, 1};
    if ((at(0) == kBullet || at(0) == kOtherBullet) && word_ends(1)) return {Opens::Bullet, 1};
    if (at(0) == kQuote && word_ends(1)) return {Opens::Quote, 1};
    std::size_t digits = 0;
    while (at(digits) >= '0' && at(digits) <= '9') ++digits;
    if (digits > 0 && (at(digits) == kNumberEnd || at(digits) == kOtherNumberEnd) && word_ends(digits + 1))
        return {Opens::Ordered, digits + 1};
    return {};
}

// The one list of blocks a quote holds (none for a malformed quote).
const ir::Blocks& quoted(const ir::Block& quote);

// (The order of concepts and their letter sections are the ones every
// lettered backend shares: backends/common/headword_order.hpp.)

// Rich text as the text shows it (see text_backend.hpp), and as project()
// gives it back: one Text node of that rendering, or nothing.
std::string plain(const ir::RichText& text);
ir::RichText flattened(const ir::RichText& text);
// Blocks as project() gives them back: the same structure, every paragraph
// and cell flattened, code and math as they are.
ir::Blocks flattened(const ir::Blocks& blocks);
// A definition as project() gives it back: its source's title for the
// source, no line, every field flattened, the flags as they are.
ir::Definition flattened(const ir::Definition& definition, const sources::Titles& titles);

// The names "Also called:" shows, in label order: each label's text once,
// except the headword (its line says it) and hidden labels (search forms such
// as misspellings, which are no names to call a concept by). Kinds are not
// shown, so project() gives each of these labels kShownAliasKind.
std::vector<std::string> shown_aliases(const ir::Concept& concept_);
inline constexpr ir::LabelKind kShownAliasKind = ir::LabelKind::Variant;

}  // namespace glossc::text_backend::format
