// What the StarDict backend's writer, reader and project() share: the file
// names, the index words and their order, the article's keywords and its
// escapes. (Internal to backends/stardict; the format is described in
// stardict_backend.hpp.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/ir.hpp"
#include "text/text_format.hpp"

namespace glossc::stardict_backend::format {

// ---- Files -------------------------------------------------------------------

inline constexpr std::string_view kIfoFile = "glossary.ifo";
inline constexpr std::string_view kIdxFile = "glossary.idx";
inline constexpr std::string_view kDictFile = "glossary.dict.dz";
inline constexpr std::string_view kSynFile = "glossary.syn";

inline constexpr std::string_view kMagic = "StarDict's dict ifo file";
inline constexpr std::string_view kVersion = "3.0.0";
inline constexpr std::string_view kTypeSequence = "m";  // plain text: see stardict_backend.hpp

// ---- Words ---------------------------------------------------------------------

// StarDict's limit for a word of the .idx and .syn files: strlen(word) < 256.
inline constexpr std::size_t kMaxWordBytes = 255;

// stardict_strcmp, the order the .idx and .syn files must be in:
// g_ascii_strcasecmp (bytes, ASCII letters folded to lower case), then
// strcmp (bytes, unsigned) between words that differ only in ASCII case.
// Negative, zero or positive, as strcmp.
int compare(std::string_view a, std::string_view b);
inline bool word_less(std::string_view a, std::string_view b) { return compare(a, b) < 0; }

// A name as a word of the index: control characters (NUL, line breaks,
// tabs, C1 controls, U+2028/U+2029) and runs of spaces become one space,
// none at either end; then cut to kMaxWordBytes at a character boundary.
// Empty when nothing is left: such a name cannot be looked up.
struct Word {
    std::string text;
    bool shortened = false;  // cut to kMaxWordBytes
};
Word word_of(std::string_view name);

// One article of the dictionary: the concept it shows and the word the
// index lists it under.
struct Entry {
    std::size_t concept_index = 0;  // in glossary.concepts
    std::string word;
    // Why `word` is not simply the headword's: the headword is over the
    // limit (cut), or unusable (the word is the concept id instead).
    bool shortened = false;
    bool unusable = false;
};

// Every concept's entry, in the order of the .idx file: by word (compare),
// concepts with the same word in glossary order. A headword that gives no
// word is indexed under the concept's id (and, should that give none too,
// under kNoWord).
inline constexpr std::string_view kNoWord = "?";
std::vector<Entry> entries(const ir::Glossary& glossary);

// The .syn words of a concept indexed under `word`: the word of each label
// (aliases, expansions, hidden search forms, a preferred label...), each
// once, in label order; not `word` itself and not an empty one.
std::vector<std::string> synonym_words(const ir::Concept& concept_, std::string_view word);

// ---- Names the article shows instead of ids --------------------------------------

// A related concept by its headword, a category by its label; an id that
// names none is shown as itself.
class Names {
public:
    explicit Names(const ir::Glossary& glossary);
    const std::string& concept_(const std::string& id) const;
    const std::string& category(const std::string& id) const;

private:
    std::unordered_map<std::string_view, const std::string*> concepts_;    // the first concept with an id
    std::unordered_map<std::string_view, const std::string*> categories_;  // the first category with an id
};

// ---- The article ------------------------------------------------------------------

// Keywords. Fields of the article start in column 0; a definition's content
// and a reference's details stand at kContentIndent.
inline constexpr std::string_view kHeadword = "Headword:";
inline constexpr std::string_view kAlso = "Also:";
inline constexpr std::string_view kCategory = "Category:";
inline constexpr std::string_view kCategories = "Categories:";
inline constexpr std::string_view kFrom = "From";
inline constexpr std::string_view kSeeAlso = "See also:";
inline constexpr std::string_view kReference = "Reference:";
inline constexpr std::string_view kAuthors = "Authors:";
inline constexpr std::string_view kVenue = "Venue:";
inline constexpr std::string_view kArxiv = "arXiv:";
inline constexpr std::string_view kUrl = "URL:";
inline constexpr std::string_view kDetails = "Details:";
inline constexpr std::string_view kExample = "Example:";
inline constexpr std::size_t kContentIndent = 2;

// The .ifo description's parts, separated by kLineBreak (StarDict's "new
// line" in a description).
inline constexpr std::string_view kEdition = "Edition:";
inline constexpr std::string_view kLanguage = "Language:";
inline constexpr std::string_view kSources = "Sources:";
inline constexpr std::string_view kLineBreak = "<br>";

// Block markers and fences: the text edition's (text_format.hpp), whose
// block_start() line_start() builds on.
using text_backend::format::kBullet;  // a bullet list right after another takes kOtherBullet
using text_backend::format::kCellEdge;
using text_backend::format::kCodeFence;
using text_backend::format::kMathFence;
using text_backend::format::kNumberEnd;  // likewise "1." then "1)"
using text_backend::format::kOtherBullet;
using text_backend::format::kOtherNumberEnd;
using text_backend::format::kQuote;
using text_backend::format::kRuleCell;

// Characters that are structure inside a value, by where it stands.
inline constexpr std::string_view kItemSpecials = ";";    // Also, Category, See also items
inline constexpr std::string_view kFlagSpecials = ",()";  // a definition's flags
inline constexpr std::string_view kCellSpecials = "|";    // table cells
inline constexpr std::string_view kInfoSpecials = "<;";   // .ifo description values

// ---- Escapes -------------------------------------------------------------------------

// Where a value stands on its line: a space or tab at the start of a line
// would read as indentation (or be trimmed from an .ifo value), one at the
// end would be trimmed.
enum Edge : unsigned { kInside = 0, kLineStart = 1, kLineEnd = 2 };

// Appends `s` escaped: "\<n>" "\<r>" for line breaks, "\<U+HEX>" for other
// control characters (C0 but tab, DEL, C1) and U+2028/U+2029, "\<c>" for an
// ASCII character of `specials`, "\<\>" for a backslash before "<" or at
// the end, "\<sp>"/"\<t>" for a space or tab at an edge of the line. Every
// other character is itself: TeX keeps its backslashes.
void escape(std::string& out, std::string_view s, std::string_view specials = {}, unsigned edges = kInside);
// The same, and "\<>" (nothing) for an empty value, so that it leaves a trace.
void slot(std::string& out, std::string_view s, std::string_view specials = {}, unsigned edges = kInside);

// A line (or part of one) with its escapes undone. `literal` marks, byte by
// byte, what was written as itself: only that can be structure.
struct Unescaped {
    std::string text;
    std::string literal;  // '1' or '0' per byte of text
    // Written with "\<>" first: a paragraph, whatever it starts like (as
    // troff's \&), or an empty value.
    bool is_protected = false;

    std::size_t size() const { return text.size(); }
    // Byte i when written as itself, else '\0'.
    char at(std::size_t i) const { return i < text.size() && literal[i] == '1' ? text[i] : '\0'; }
    bool starts_with(std::string_view prefix) const;
    Unescaped sub(std::size_t from, std::size_t to = std::string::npos) const;
    // Splits at every literal `separator` (";" in items: "a; b"), dropping
    // the one space written after it.
    std::vector<Unescaped> split(char separator) const;
};
// Throws BackendReadError (with `where`) on an escape the writer never writes.
Unescaped unescape(std::string_view written, std::string_view where);

// What a line of a definition's content opens, from its first characters
// written as themselves. `keywords`: at the definition's own column, where
// "Details:" and "Example:" start a part.
enum class Opens : std::uint8_t { Paragraph, Bullet, Ordered, Quote, Row, CodeFence, MathFence, Keyword };
struct LineStart {
    Opens opens = Opens::Paragraph;
    std::size_t marker = 0;  // bytes of the marker ("-", "12.", "|", "```", "Details:")
};
LineStart line_start(const Unescaped& line, bool keywords);
// The same for a line as written, escapes and all. An escape sequence
// starts with a backslash, which opens nothing, and a marker is a run of
// characters written as themselves, so this gives what line_start() gives
// once the line is read back.
LineStart written_line_start(std::string_view written, bool keywords);

// Big-endian 32-bit numbers of the .idx and .syn files.
void append_be32(std::string& out, std::uint32_t value);
std::uint32_t read_be32(std::string_view bytes, std::size_t at);

}  // namespace glossc::stardict_backend::format
