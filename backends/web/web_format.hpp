// What the web edition's writer, reader and tests share: the site's file
// names, the class names that mark each part of an entry, and the ids that
// pages give their own elements. (Internal to backends/web; the site is
// described in web_backend.hpp.)
//
// Characters, escapes and concept anchors are the EPUB's
// (epub/epub_format.hpp: visible, xml_text, xml_attribute, anchor,
// id_of_anchor, book_language), written once: the site's pages are HTML5
// that is also well-formed XML, so the same escapes serve both, and a
// concept's anchor is the same in the book and on the web.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "epub/epub_format.hpp"
#include "ir/ir.hpp"

namespace glossc::web_backend::format {

// ---- Files ---------------------------------------------------------------------
//
// Every file is at the top of the folder, so every link is a bare file name
// ("letter-k.html#kv-cache"): the site works from any folder of any web
// server and from the file system alike.

inline constexpr std::string_view kIndexFile = "index.html";          // title, search, sources, categories
inline constexpr std::string_view kOnePageFile = "glossary.html";     // every entry, when the glossary is small
inline constexpr std::string_view kStyleFile = "style.css";
inline constexpr std::string_view kScriptFile = "search.js";          // the search (index.html only)
inline constexpr std::string_view kSearchIndexFile = "search-index.js";  // its data: window.glossarySearch
inline constexpr std::string_view kSearchVariable = "glossarySearch";

// Up to this many concepts, every entry is on one page (kOnePageFile, a
// section per letter); above it, each letter has a page of its own. One
// page is easier to search with the browser's find and to save; a page per
// letter keeps a large glossary's pages short enough for a phone.
inline constexpr std::size_t kOnePageLimit = 200;

// The page of one letter section (order::section_of): "letter-a.html",
// "letter-symbols.html" for "#", "letter-u4e00.html" for letters outside
// ASCII.
std::string letter_file(std::string_view letter);
// The id of a letter's section on the one page: "_letter-a". Ids that pages
// give their own elements start with "_" and a letter that is no hex digit,
// so they never equal a concept's anchor (a plain id, or "_" and hex).
std::string letter_section_id(std::string_view letter);
// A category's page: "category-ID.html" for an id that is a slug of at most
// 64 characters (every seed category), else "category-_N.html", N its
// position in the glossary's list (a slug has no "_", so the two never meet).
std::string category_file(const ir::Category& category, std::size_t position);

// ---- Ids that pages give their own elements ---------------------------------------

inline constexpr std::string_view kMainId = "_main";          // <main>, the skip link's target
inline constexpr std::string_view kHeaderSearchId = "_q";     // the header's search field (pages other than index)
// index.html holds no entries, so its ids need no "_": these are the ones the
// search script and the tests look for.
inline constexpr std::string_view kSearchFormId = "search-form";
inline constexpr std::string_view kSearchInputId = "search";
inline constexpr std::string_view kSearchStatusId = "search-status";
inline constexpr std::string_view kResultsId = "results";

// ---- Class names: what each element is ----------------------------------------------
//
// The reader finds every value by its element's class (an alias's kind by
// kKindAttribute), never by the words around it ("Also called:", the
// attribution's dash, "See also:"), which are for people. The parts of an
// entry are written and read by the code the EPUB shares (common/xhtml_*),
// so their names are the EPUB's own (the `using` lines): one place to change.

inline constexpr std::string_view kTitle = "title";              // index.html: h1
inline constexpr std::string_view kEdition = "edition";          // index.html: span
using epub_backend::format::kSources; // index.html: ul
using epub_backend::format::kSource; // index.html: li; definition: p (the attribution)
using epub_backend::format::kSourceTitle; // cite, or a href=URL on index.html
inline constexpr std::string_view kCategoryList = "category-list";  // index.html: ul of every category
inline constexpr std::string_view kCategoryAttribute = "data-category";  // its links: the category id
inline constexpr std::string_view kLetters = "letters";          // nav of the letter pages (every page's header)
inline constexpr std::string_view kEntries = "entries";          // a letter page's nav of its headwords
inline constexpr std::string_view kConcept = "concept";          // article, id = the concept's anchor
inline constexpr std::string_view kHeadword = "headword";        // the article's heading; the name in its <dfn>
using epub_backend::format::kAliases; // p (hidden ones: a p with hidden="hidden")
using epub_backend::format::kAlias;   // span of one alias, the name its text
using epub_backend::format::kKindAttribute; // an alias's kind (ir::to_string), for our reader
using epub_backend::format::kCategories; // entry: p
using epub_backend::format::kCategory; // entry: a (to the category's page) or span
using epub_backend::format::kDefinition; // entry: div
using epub_backend::format::kFlag;
using epub_backend::format::kSummary; // definition: p of rich text
using epub_backend::format::kBody;    // p of rich text, or div of blocks
using epub_backend::format::kDetails; // p (div) with a field label ...
using epub_backend::format::kExample;
inline constexpr std::string_view kField = "field";              // ... the label ...
using epub_backend::format::kContent; // ... and the rich text in this span (blocks in this div)
using epub_backend::format::kSeeAlso; // entry: p
using epub_backend::format::kRelated; // a (to the concept) or span (no such concept)
using epub_backend::format::kReference; // entry: p
using epub_backend::format::kReferenceTitle; // cite
using epub_backend::format::kAuthors;
using epub_backend::format::kVenue;
using epub_backend::format::kArxiv;
using epub_backend::format::kUrl;
inline constexpr std::string_view kMembers = "members";          // a category page's ul of its concepts
// Rich text: Text is text, Emph <em>, Strong <strong>, Code <code>, Math
// <math> (TeX in its annotation) or <pre class="tex"><code> when not
// converted, Link and Ref an <a> or a <span> with these classes: a link
// a href=URL rel=noopener or span title=URL, a ref a href=PAGE#ANCHOR or span
// data-concept=ID. The shared XHTML policy and reader (common/xhtml_inline.hpp,
// common/xhtml_read.hpp) write and read them, so they are the EPUB's names.
using epub_backend::format::kBare;
using epub_backend::format::kConceptAttribute;
using epub_backend::format::kLink;
using epub_backend::format::kRef;
using epub_backend::format::kTex;

// ---- Language -----------------------------------------------------------------------

// "rtl" for a language written right to left (Arabic, Hebrew, Persian, Urdu
// and the like, by the tag's primary subtag), else "ltr": the page's `dir`.
std::string_view direction(std::string_view language_tag);

}  // namespace glossc::web_backend::format
