// The web edition (out/web/): the glossary as a static site that works from
// the file system (file://) and from any web server, with no build step and
// no request to any other site, and a reader of its own output.
//
// ---- The site ---------------------------------------------------------------------
//
// Every file is at the top of the folder and every link is relative (a bare
// file name), so the folder can be opened where it is or served from any
// path (web_format.hpp names the files):
//
//   index.html          the title, the search, the edition and the sources
//                       (by title, linked to their URL), every category with
//                       its count; search.js and search-index.js
//   glossary.html       every entry, a <section> per letter, when the
//                       glossary has at most format::kOnePageLimit (200)
//                       concepts; otherwise
//   letter-a.html ...   one page per letter (order::section_of; "#" is
//                       letter-symbols.html, a letter outside ASCII
//                       letter-u4e00.html), opening with a list of its headwords
//   category-ID.html    one page per category: its entries, in headword order
//                       (category-_N.html for an id that is no short slug)
//   style.css           the one style sheet (web_assets.hpp)
//   search.js           the search (web_assets.hpp)
//   search-index.js     its data, window.glossarySearch (web_search.hpp)
//
// Every page is HTML5 that is also well-formed XML (void elements closed
// with "/>", no named entities, every attribute quoted): browsers read it as
// HTML, our reader with pugixml as XML. A page: <html lang dir> (lang as
// epub's book_language, "und" when the IR's is not a well-formed tag; dir
// "rtl" for a right-to-left language), a viewport meta, a Content Security
// Policy allowing only the site's own scripts, styles and images (nothing
// inline, nothing from elsewhere), an empty icon (no favicon request); then
//
//   <a class="skip-link" href="#_main">Skip to content</a>
//   <header class="site-header">
//     <p class="site-title"><a href="index.html">TITLE</a></p>
//     <form class="site-search" role="search" action="index.html">   (pages other than index.html:
//       <label for="_q">Search</label> <input type="search" id="_q" name="q"/> ...   index.html?q=... searches)
//     <nav class="letters" aria-label="Letters"><ul><li><a href="letter-a.html" aria-current="page">A</a></li>...
//   </header>
//   <main id="_main" tabindex="-1"> ... </main>
//   <footer class="site-footer"><p>TITLE, edition EDITION. Compiled by glossc.</p></footer>
//
// Ids that pages give their own elements start with "_" and a letter that is
// no hex digit, so no concept's anchor can equal one; index.html, which has
// no entries, holds the ids the search uses: the form "search-form", the
// field "search" (labelled), the status line "search-status" (role
// "status") and the list of hits "results".
//
// One entry, on a letter page (h3 on the one page, under the letter's h2):
//
//   <article class="concept" id="ANCHOR">
//   <h2 class="headword" dir="auto"><dfn>headword</dfn></h2>
//   <p class="aliases">Also called: <span class="alias" data-kind="abbreviation" dir="auto">attn</span>; ...</p>
//   <p class="aliases" hidden="hidden"><span class="alias" data-kind="hidden" dir="auto">atention</span></p>
//   <p class="categories">Category: <a class="category" href="category-attention.html">label</a></p>
//   <div class="definition">
//   <p class="summary">rich text</p> <p class="body">rich text</p>
//   <p class="details"><span class="field">Details:</span> <span class="content">rich text</span></p>
//   <p class="example"><span class="field">Example:</span> <span class="content">rich text</span></p>
//   <p class="source">— <cite class="source-title">AI/ML Termbase</cite> (<span class="flag">truncated</span>)</p>
//   </div>
//   <p class="see-also">See also: <a class="related" href="letter-k.html#kv-cache" dir="auto">KV cache</a>; ...</p>
//   <p class="reference">Reference: <cite class="title">...</cite>, <span class="authors">...</span>,
//      <span class="venue">...</span>, arXiv <a class="arxiv" href="https://arxiv.org/abs/ID" rel="noopener">ID</a>,
//      <a class="url" href="URL" rel="noopener">URL</a></p>
//   </article>
//
// (parts with nothing to show left out; a field in blocks is a <div> as in
// the EPUB: epub_backend.hpp). ANCHOR is the concept's id, the ledger's
// stable id, as epub_backend::format::anchor writes it (the id itself for a
// slug), so a link to letter-k.html#kv-cache survives editions as long as
// the headword keeps its letter. Rich text and blocks are written by the
// shared HTML renderer with the shared XHTML policy in the web dialect
// (web_inline.hpp, common/xhtml_inline.hpp): MathML with
// the TeX as annotation, links to the sources' URLs with rel="noopener",
// references to concepts as links to their page and anchor. The only links
// to other sites are the ones the sources give: a source's URL, a link in a
// definition, a reference's URL and its arXiv id's abstract page; only
// absolute http(s)/ftp URLs become links (epub_backend::is_plain_url).
//
// Accessibility: landmarks (header, nav, main, footer, search), one h1 per
// page and headings in order, a skip link, labelled fields, a focus ring on
// everything focusable, hits as a list of links that Tab and the arrow keys
// reach, the number of hits announced (role "status"), names in their own
// direction (dir="auto"), formulas as MathML with their TeX as alternative
// text; readable on a phone with CSS alone (docs/web-edition.md).
//
// Everything in the site comes from the IR: no date but the edition, no
// random or time-based id, so the same glossary gives the same bytes.
//
// ---- What the site carries: project() ---------------------------------------------
//
// The same part of the IR as the EPUB (epub_backend.hpp, project), with the
// same character mapping (control characters as Control Pictures, invalid
// UTF-8 repaired), and project() is the EPUB's: the title and edition (from
// index.html), the language as book_language gives it, categories (index.html's
// list), sources as readers see them (title, also as id, and URL), and the
// concepts in headword order with their id, headword, names (not a preferred
// one repeating the headword; shown ones, then hidden ones), categories,
// definitions (source by title, line 0, the flags readers see, every field with its blocks),
// related, references; not provenance, extras or diagnostics. Math comes
// back from the TeX annotation, never from the MathML.
#pragma once

#include <string_view>

#include "backend.hpp"

namespace glossc::web_backend {

// The site, a file at a time (backend.hpp, begin_file).
void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output);
// The site's files as render() packs them (common/folder_bundle.hpp).
ir::Glossary read(std::string_view bytes);
ir::Glossary project(const ir::Glossary& glossary);

}  // namespace glossc::web_backend
