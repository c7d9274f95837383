// The EPUB backend (out/glossary.epub): the glossary as an EPUB 3 book for
// reading systems (Apple Books, Thorium, calibre, Kobo), valid for Debian's
// epubcheck with no errors and no warnings, and a reader of its own output.
//
// ---- The book -------------------------------------------------------------------
//
// A zip written by backends/common/zip_archive: "mimetype" first and stored,
// then the members below in this fixed order, every one with the edition's
// timestamp, so two builds give identical bytes.
//
//   META-INF/container.xml    points to EPUB/package.opf
//   EPUB/package.opf          metadata, manifest, spine
//   EPUB/style.css            the one style sheet
//   EPUB/nav.xhtml            table of contents (title page, letters, indexes) and landmarks
//   EPUB/title.xhtml          title, edition, counts, the sources by title (below)
//   EPUB/glossary-*.xhtml     one per letter section, in book order (see below)
//   EPUB/index.xhtml          every name (headword or alias) -> its headword(s), never to itself
//   EPUB/categories.xhtml     every category -> its concepts
//                             (both open with a jump list: epub_indexes.hpp)
//   EPUB/search-key-map.xml   every entry's names, for the reading system's search
//
// Metadata: dc:identifier "urn:uuid:..." derived from the title alone (stable
// across editions; not random), dc:title, dc:language (book_language, "und"
// when the IR's is not a well-formed tag), dc:date (the edition, when it is a
// date), dcterms:modified from RenderContext::timestamp (SOURCE_DATE_EPOCH)
// as YYYY-MM-DDThh:mm:ssZ, and schema.org accessibility metadata
// (accessMode, accessModeSufficient, accessibilityFeature,
// accessibilityHazard, accessibilitySummary). The book is a glossary, not a
// dictionary: no dc:type "dictionary", which would turn on rules it does not
// meet. Manifest properties: "nav"; "glossary" on each letter file, plus
// "mathml" on exactly those holding a <math>; "search-key-map glossary" on
// the search key map (left out, with the letter files, when there are no
// concepts: its schema wants at least one entry).
//
// The title page lists the sources as readers know them: by title, linked to
// the source's URL when the manifest gives one that an href can hold
// (is_plain_url; any other is shown as text), never by id, file name or
// entry count (issue 24: those are for editors, in the JSON and the merge
// report):
//
//   <ul class="sources">
//     <li class="source"><a class="source-title" href="https://...">AI/ML Termbase</a></li>
//     <li class="source"><span class="source-title">Topic List</span></li>
//     <li class="source"><span class="source-title">T</span> (<span class="url">not a plain URL</span>)</li>
//   </ul>
//
// (no list when the glossary has no sources).
//
// Concepts are ordered as order::concept_order (backends/common/
// headword_order.hpp) and grouped by order::section_of into letter files.
// One entry:
//
//   <dt id="ANCHOR"><dfn>headword</dfn></dt>
//   <dd>
//     <p class="aliases">Also called: <span class="alias" data-kind="abbreviation">attn</span>;
//        <span class="alias" data-kind="expansion">...</span>; ...</p>
//     <p class="aliases" hidden="hidden"><span class="alias" data-kind="hidden">atention</span>; ...</p>
//     <p class="categories">Category: <a class="category" href="categories.xhtml#ID">label</a>, ...</p>
//     <div class="definition">
//       <p class="summary">rich text</p>   <p class="body">rich text</p>
//       <p class="details"><span class="field">Details:</span> <span class="content">rich text</span></p>
//       <p class="example"><span class="field">Example:</span> <span class="content">rich text</span></p>
//       <p class="source">— <span class="source-title">AI/ML Termbase</span>
//          (<span class="flag">truncated</span>)</p>
//     </div>
//
// Readers see an alias's name only: its kind is the data-kind attribute,
// for our reader. Hidden labels (search forms) are no names to show: they
// are in a second "aliases" paragraph that reading systems hide, and in the
// search key map. A definition is attributed after its text, as a
// quotation is, by its source's title (sources::Titles; a source the
// glossary does not list is named by its id), in small caps: no line number
// and no source id.
//
// (a body, details or example of one paragraph, as above: the form every
// field had before blocks existed; any other is a <div> of blocks, the
// label a paragraph of its own:
//       <div class="body">BLOCKS</div>
//       <div class="details"><p><span class="field">Details:</span></p><div class="content">BLOCKS</div></div>
// BLOCKS as text/html_render.hpp writes them, a line feed after each: <p>,
// <ul>/<ol start="N"> with <li> (an item of one paragraph holds its rich text
// alone), <pre><code class="language-X">, <blockquote>, <table> with a
// <thead> row and a <tbody>; a displayed formula is <math display="block">
// as below, or <pre class="tex">TeX</pre> when not converted. The style
// sheet has the rules of blocks only in a book that has them, so a book of
// one-paragraph fields is byte for byte what it was before blocks.)
//     <p class="see-also">See also: <a class="related" epub:type="glossref" role="doc-glossref"
//        href="glossary-k.xhtml#kv-cache">KV cache</a>; ...</p>
//     <p class="reference">Reference: <cite class="title">...</cite>, <span class="authors">...</span>,
//        <span class="venue">...</span>, arXiv <a class="arxiv" href="https://arxiv.org/abs/ID">ID</a>,
//        <a class="url" href="URL">URL</a></p>
//   </dd>
//
// (parts with nothing to show are left out). Anchors are format::anchor(id).
// A related concept or category that the glossary does not have is a
// <span> with its id as text instead of a link. Rich text: Text as text, Emph
// <em>, Strong <strong>, Code <code>, Math <math> (below) or, when it cannot
// be converted, <code class="tex">TeX</code>; Link <a class="link" href> when
// the URL is a plain absolute http(s)/ftp URL and the link is not inside
// another link, else <span class="link" title="URL">; Ref <a class="ref"
// epub:type="glossref" role="doc-glossref"> to the concept, or <span
// class="ref" data-concept="ID"> when there is no such concept or it is
// inside a link (XHTML forbids <a> in <a>). A link or ref with no text of its
// own gets class "bare" and shows the URL or the headword.
//
// Math is Presentation MathML from our converter (tex_to_mathml.hpp):
//   <math xmlns="http://www.w3.org/1998/Math/MathML" alttext="TeX"><semantics>
//     ...<annotation encoding="application/x-tex">TeX</annotation></semantics></math>
// A formula outside the converter's subset is shown as its TeX source;
// math_fallbacks() lists those (a build does not print them).
//
// Text: characters are written as characters (no named entities: XHTML has
// none); only & < > " ' are escaped, and the characters XML cannot carry are
// mapped as format::visible() says.
//
// ---- What the format carries: project() -------------------------------------
//
// project(ir) is exactly what read(write(ir)) gives back, every string passed
// through format::visible() (invalid UTF-8 and U+FFFE/U+FFFF -> U+FFFD; C0
// controls other than tab, LF and CR -> Control Pictures U+2401..U+241F;
// white space is kept exactly):
//  * glossary: title and edition (from the title page), language as
//    book_language() gives it, categories, sources as the title page lists
//    them (sources::reader_view: the title, also as id, and the URL); not
//    diagnostics;
//  * concepts in book order: id, headword, labels (text and kind; not their
//    sources, and not a preferred label that only repeats the headword; the
//    shown ones in order, then the hidden ones), categories, definitions
//    (source as its title and line 0, as sources::to_reader_view gives
//    them, the flags readers see (sources::reader_flags), the summary, and the
//    blocks of body, details and example as they are, with every text, TeX
//    source, code line, language, URL and concept id mapped; a field of one
//    paragraph that shows nothing comes back as no block), related,
//    references; not provenance or extras.
// Math comes back from the TeX annotation (or the fallback's text), never
// from the MathML, so what the converter draws does not affect the round trip.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "backend.hpp"

namespace glossc::epub_backend {

// The book, a zip member at a time (backend.hpp).
void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output);
ir::Glossary read(std::string_view bytes);
ir::Glossary project(const ir::Glossary& glossary);

// Formulas the book shows as TeX source because the converter does not
// support them: one warning per formula (code "epub-math-fallback"), located
// at the definition's source file and line. The writer does not report them
// (`glossc build` prints no EPUB warnings); a test that wants them asks here,
// and it is the same decision the writer makes.
std::vector<ir::Diagnostic> math_fallbacks(const ir::Glossary& glossary);

}  // namespace glossc::epub_backend
