// What the EPUB writer, reader and project() share: where files are, the
// class names that mark each part of an entry, anchors, and the character
// mapping that makes any IR string legal XML. (Internal to backends/epub; the
// book is described in epub_backend.hpp.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ir/ir.hpp"

namespace glossc::epub_backend::format {

// ---- Files ---------------------------------------------------------------------

inline constexpr std::string_view kMimetype = "application/epub+zip";
inline constexpr std::string_view kContainerPath = "META-INF/container.xml";
inline constexpr std::string_view kContentFolder = "EPUB/";  // every file below is in it
inline constexpr std::string_view kPackageFile = "package.opf";
inline constexpr std::string_view kNavFile = "nav.xhtml";
inline constexpr std::string_view kTitleFile = "title.xhtml";
inline constexpr std::string_view kIndexFile = "index.xhtml";
inline constexpr std::string_view kCategoriesFile = "categories.xhtml";
inline constexpr std::string_view kSearchKeyMapFile = "search-key-map.xml";
inline constexpr std::string_view kStyleFile = "style.css";

// The file of one letter section (see order::section_of): "glossary-a.xhtml",
// "glossary-symbols.xhtml" for "#", "glossary-u4e00.xhtml" for letters
// outside ASCII. Its manifest id is "g-" and the part between "glossary-"
// and ".xhtml".
std::string section_file(std::string_view section);
std::string section_item_id(std::string_view section);
// The id of a letter's heading in the index of names: "letter-a",
// "letter-symbols" (the jump list links to it).
std::string section_anchor(std::string_view section);

// ---- Namespaces and vocabularies ---------------------------------------------

inline constexpr std::string_view kXhtmlNamespace = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view kOpsNamespace = "http://www.idpf.org/2007/ops";
inline constexpr std::string_view kMathNamespace = "http://www.w3.org/1998/Math/MathML";
inline constexpr std::string_view kTexEncoding = "application/x-tex";

// ---- Class names: what each element of an entry is ------------------------------
//
// The reader finds every value by its element's class (an alias's kind by
// kKindAttribute), never by the visible words around it ("Also called:",
// the attribution's dash, "See also:"), which are for people.

inline constexpr std::string_view kTitle = "title";            // title page: h1
inline constexpr std::string_view kEdition = "edition";        // title page: span
inline constexpr std::string_view kCategory = "category";      // categories page: section; entry: a or span
inline constexpr std::string_view kCategoryLabel = "category-label";  // categories page: h2
inline constexpr std::string_view kSources = "sources";        // title page: ul
inline constexpr std::string_view kAliases = "aliases";        // entry: p (hidden ones: a p with hidden="hidden")
inline constexpr std::string_view kAlias = "alias";            // span of one alias, the name its text
inline constexpr std::string_view kCategories = "categories";  // entry: p
inline constexpr std::string_view kDefinition = "definition";  // entry: div
inline constexpr std::string_view kSource = "source";          // definition: p (the attribution); title page: li
inline constexpr std::string_view kSourceTitle = "source-title";  // span, or a href=URL on the title page
inline constexpr std::string_view kFlag = "flag";
inline constexpr std::string_view kSummary = "summary";        // definition: p, content is rich text
inline constexpr std::string_view kBody = "body";
inline constexpr std::string_view kDetails = "details";        // definition: p (div) with a field label ...
inline constexpr std::string_view kExample = "example";
inline constexpr std::string_view kContent = "content";        // ... and the rich text in this span (blocks in this div)
inline constexpr std::string_view kSeeAlso = "see-also";       // entry: p
inline constexpr std::string_view kRelated = "related";        // a (glossref) or span (no such concept)
inline constexpr std::string_view kReference = "reference";    // entry: p
inline constexpr std::string_view kReferenceTitle = "title";   // cite
inline constexpr std::string_view kAuthors = "authors";
inline constexpr std::string_view kVenue = "venue";
inline constexpr std::string_view kArxiv = "arxiv";
inline constexpr std::string_view kUrl = "url";
// Rich text: Text is text, Emph <em>, Strong <strong>, Code <code>, Math
// <math> (TeX in its annotation) or <code class="tex"> when not converted,
// Link and Ref an <a> or a <span> with these classes.
inline constexpr std::string_view kTex = "tex";
inline constexpr std::string_view kLink = "link";  // a href=URL, or span title=URL
inline constexpr std::string_view kRef = "ref";    // a epub:type=glossref, or span data-concept=ID
inline constexpr std::string_view kBare = "bare";  // with link/ref: no text of its own; shows the URL or headword
inline constexpr std::string_view kConceptAttribute = "data-concept";
// An alias's kind (ir::to_string), on its span: readers see the name only.
inline constexpr std::string_view kKindAttribute = "data-kind";

// ---- Text ------------------------------------------------------------------------

// Any IR string as XML 1.0 allows it: invalid UTF-8 and U+FFFE/U+FFFF become
// U+FFFD, and the C0 controls other than tab, line feed and carriage return
// (NUL included) become their visible Control Pictures (U+0001 -> U+2401
// "␁"), so nothing is dropped silently. Everything else is kept.
std::string visible(std::string_view s);

// visible(s) escaped for element content or a double-quoted attribute. No
// named entities beyond XML's own; a carriage return is written "&#13;" (and
// in attributes tab and line feed too), because XML parsers normalize the raw
// characters away.
std::string xml_text(std::string_view s);
std::string xml_attribute(std::string_view s);
// xml_text(s) appended to `out` (the letter files' text, without a copy).
void append_xml_text(std::string& out, std::string_view s);

// A language tag for xml:lang and dc:language: `language` when it is a
// well-formed tag ("en", "zh-Hans"), otherwise "und" (undetermined).
std::string book_language(std::string_view language);

// ---- Anchors ---------------------------------------------------------------------

// The fragment id of a concept (on its <dt>) or of a category (on its
// section): the id itself when it is a plain slug (ASCII letters, digits,
// '-', '.', '_', not starting with '_'), otherwise "_" and the id's bytes in
// hex. Valid as an HTML id and a URL fragment, and one-to-one.
std::string anchor(std::string_view id);
std::optional<std::string> id_of_anchor(std::string_view anchor);

// A preferred label that only repeats the headword: the <dfn> says it.
bool repeats_headword(const ir::Label& label, const ir::Concept& concept_);

}  // namespace glossc::epub_backend::format
