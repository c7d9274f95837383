// The Anki backend (out/glossary.apkg): a deck learners import into Anki
// desktop, AnkiDroid or AnkiMobile, and a reader of our own decks.
//
// ---- The package -----------------------------------------------------------------
//
// A zip (backends/common/zip_archive) holding, in this order:
//   collection.anki2   an SQLite database in Anki's schema 11 (tables col,
//                      notes, cards, revlog, graves and Anki's seven indexes,
//                      exactly as rslib/src/storage/schema11.sql creates them)
//   media              "{}": the deck has no media files
// The database is built in memory with a fixed page size and no journal, by
// statements in a fixed order, and serialized (sqlite3_serialize): the same glossary and
// RenderContext give the same bytes. Timestamps come only from the
// RenderContext; ids are constants or derived from concept ids.
//
// ---- Identity: what stays the same between editions --------------------------------
//
// Re-importing a newer edition updates a note in place (keeping its review
// history) only when the guid and the note type match and the incoming note's
// `mod` is newer. So:
//  * note type: one, id kNoteTypeId, with the fields kFieldNames and the two
//    templates kTemplateNames, which never change (Anki compares the field and
//    template names; changing them forks the note type on import). Its `mod`
//    is kNoteTypeModified, bumped by hand only when the CSS or the template
//    HTML changes, so that Anki takes the new look;
//  * note guid = base91 (Anki's alphabet) of the first 8 bytes (big-endian)
//    of SHA-1("glossc:" + concept id): from the stable concept id, never from
//    the content;
//  * note id = kNoteIdBase + 2 * (bytes 8..15 of that digest mod kNoteIdSlots)
//    (the next free slot on a clash); card id = note id + template ordinal;
//  * note `mod` = RenderContext.modified[concept id] (from the ledger: when
//    the concept's content last changed), else RenderContext.timestamp,
//    but never before kFieldsModified (when the fields' HTML last changed
//    for every note). It never decreases between editions: the ledger
//    dates a change never before its latest one (merge/ledger.hpp).
//    The ledger hashes the concept's own content (its definitions by source
//    id); the note also shows the headwords of related concepts ("See
//    also"), the categories' labels and the sources' titles, so renaming
//    those alone changes a note's text without a newer `mod` (Anki keeps the
//    old text until that concept itself changes, or kFieldsModified is
//    bumped);
//  * one deck, id kDeckId (never 1, Anki's "Default"), named after the
//    glossary's title (without "::", quotes or control characters; never
//    "Default", since Anki matches decks by name on import).
//  * categories are TAGS, not subdecks: a concept may have several
//    categories, a card sits in one deck, and moving cards between subdecks
//    on re-import would fight the learner's own organisation. Each category
//    gives the tag "glossary::<category id>" (a `::` hierarchy under
//    "glossary" in Anki's tag tree; characters other than ASCII letters,
//    digits, "-", "_" and "." become "_"); the Category field shows the
//    categories' labels.
//
// ---- Rows -----------------------------------------------------------------------------
//
//  * col: id 1, ver 11, crt = the timestamp's UTC day, mod = scm = timestamp
//    in ms, usn 0, ls 0, dty 0; conf, models, decks (Anki's "Default" deck 1
//    and ours), dconf (Anki's default options group 1, which our deck uses)
//    and tags hold every key Anki's schema-11 structures require.
//  * notes: usn -1 (created here, not yet synced: Anki assigns its own usn on
//    import), flags 0, data "", tags " tag tag " (Anki's form), flds = the
//    eight fields joined by "\x1f", sfld and csum as Anki computes them:
//    sfld = the Term field with HTML tags removed and entities decoded (the
//    headword; Anki's INTEGER affinity stores a numeric headword as a
//    number), csum = the first 8 hex digits of SHA-1 of that text, as an
//    integer.
//  * cards: two per note (ord 0 "Term → Definition", ord 1 "Definition →
//    Term", which asks with the prompt alone and answers with the term and
//    every definition), in our deck, new (type 0, queue 0), due = the note's position
//    (1-based, glossary order), usn -1, mod = the note's mod.
//  * revlog and graves are empty.
//
// ---- Fields (HTML: Anki renders fields as HTML) ----------------------------------------
//
// Every string is HTML-escaped: & < > " ' as entities, and also "[" as
// "&#91;" (so no text can become an Anki [sound:], [latex] or [$] tag),
// U+001F as "&#31;" (the field separator) and a line feed as "<br>". Text
// holding a backslash is wrapped in <span class="nomath mathjax_ignore
// tex2jax_ignore">, so MathJax never reads "\(" in prose as math. Rich text:
//   Text   escaped text           Math   <span class="math">\(TeX\)</span>
//   Code   <code>..</code>        Emph   <em>..</em>       Strong <strong>..</strong>
//   Link   <a href="url">..</a>   (http, https and mailto only; any other
//          URL is kept as <a data-url="url">, not clickable)
//   Ref    <span class="ref" data-concept="id">..</span>
// The fields:
//   Term        the headword
//   Aliases     <span class="alias" data-kind="KIND">name</span> per label, in
//               IR order, except a preferred label equal to the headword;
//               learners see the names only (the kind is for our reader);
//               hidden labels are there for Anki's search and not displayed
//   Definition  <div class="reverse-prompt">..</div>, the "Definition →
//               Term" card's prompt (anki_prompt.hpp: one summary with the
//               concept's names masked as "[…]"; none when no definition
//               has a summary or a body that begins with a paragraph), then
//               <ol class="definitions"> with <li class="definition"
//               value="N"><div class="summary">..</div><div class="body">..
//               </div></li> for each definition N (1-based) that has a
//               summary or a body, then <div class="see-also">See also:
//               <span class="ref" data-concept="id">headword</span>, ..</div>
//   Details     <div class="details" data-def="N">..</div> for each
//               definition N with details
//   Example     <div class="example" data-def="N">..</div> likewise
//   Category    <span class="category" data-id="id">label</span> per category
//   Sources     <ol class="sources"> with one <li class="source"><span
//               class="source-title">title</span><span class="flag">flag</span>..
//               </li> per definition, in order (this list says how many
//               definitions there are): the source's title (sources::Titles;
//               the id of a source the glossary does not list), never its
//               id or the definition's line (issue 24), then <ul class="references"> with
//               <li class="reference"> holding the non-empty ones of <span
//               class="title|authors|venue">, arXiv and URL (links when they
//               look like one)
//   ConceptId   the stable concept id
// A body, details or example of one paragraph is its rich text alone (as
// before blocks existed); any other holds its blocks as text/html_render.hpp
// writes them, with no white space between: <p>, <ul>/<ol start="N"> with
// <li> (an item of one paragraph holds its rich text alone), <pre><code
// class="language-X"> (line feeds as <br>), <blockquote>, <table> with a
// <thead> row and a <tbody>, and a displayed formula as <div
// class="math">\&#91;TeX\]</div> for MathJax, or <pre><code>TeX</code></pre>
// when MathJax may not show it. The note type's CSS has the rules of blocks
// (and its mod is kNoteTypeBlocksModified) only in a deck that shows blocks.
// Both lists have the class "single" too when the concept has exactly one
// definition (no number shown). An absent part leaves nothing behind; a
// field with nothing in it is "". A concept whose definitions are only
// usage examples (some acronym-list entries) has an empty Definition field:
// its "Definition → Term" card is then one Anki's Tools → Empty Cards
// offers to delete.
// The deck's description (decks[kDeckId].desc) carries the title, edition
// and language: <p class="glossc-title">, <span class="edition">, <span
// class="language">; then, when the glossary has sources, <div
// class="glossc-sources">Sources: <ul> with <li class="source"> holding <a
// class="source-title" href="URL">title</a> (data-url when Anki would not
// open the URL) or, without a URL, <span class="source-title">title</span>;
// then a <p class="glossc-help">.
//
// ---- What the deck carries: project() ---------------------------------------------------
//
// project(ir) is exactly what read(write(ir)) gives back:
//  * glossary: title, language, edition; categories = the (id, label) pairs
//    the concepts use, in order of first use (a category id with no entry
//    in the glossary's list is labelled with its id); sources as the deck
//    description lists them (sources::reader_view: title, also as id, and
//    URL); not diagnostics;
//  * concepts in glossary order: id, headword, labels without their sources
//    and without a preferred label equal to the headword, categories,
//    definitions (source as its title and line 0, as sources::to_reader_view
//    gives them; the flags readers see (sources::reader_flags), the summary and the blocks of body, details and
//    example), related,
//    references; not provenance or extras;
//  * rich text in canonical form: adjacent Text nodes joined, empty Text
//    nodes dropped (every other node comes back as it is, URLs included);
//    a formula as MathJax gets it (anki_math.hpp), or as Code (a displayed
//    one as a Code block) when MathJax may not show it; a field of one
//    paragraph that shows nothing comes back as no block.
//
// The reader (read) unzips the package, opens collection.anki2 from memory
// (sqlite3_deserialize, read-only, defensive mode) and parses the fields'
// HTML with a strict parser of exactly what the writer produces; anything else
// is a BackendReadError.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "backend.hpp"

namespace glossc::anki_backend {

inline constexpr std::int64_t kNoteTypeId = 1763856000001;
inline constexpr std::int64_t kDeckId = 1763856000002;
// Seconds since the epoch; bump when the CSS or template HTML changes, past
// every earlier value of both constants (2026-12-05 12:00 UTC: aliases
// without their kinds; before it 1796457600, the reverse prompt;
// 1763856000, and 1796428800 with blocks).
inline constexpr std::int64_t kNoteTypeModified = 1796472000;
// The note type's `mod` in a deck that shows blocks (its CSS then has their
// rules): newer than kNoteTypeModified, so that Anki takes those rules.
inline constexpr std::int64_t kNoteTypeBlocksModified = kNoteTypeModified + 1;
// When the fields' HTML last changed for every note (sources named by title
// instead of id, 2026-12-05 12:00 UTC; before it 1796457600, the reverse
// prompt): no note's `mod` is older, so that importing this deck updates the
// notes of earlier decks even where the concept did not change. Bump it only
// for such a change, past the latest note `mod` of the decks released before.
inline constexpr std::int64_t kFieldsModified = 1796472000;
inline constexpr std::int64_t kNoteIdBase = 1500000000000;
inline constexpr std::int64_t kNoteIdSlots = 100000000000;

inline constexpr std::string_view kFieldNames[] = {"Term",     "Aliases", "Definition", "Details",
                                                    "Example",  "Category", "Sources",   "ConceptId"};
inline constexpr std::size_t kFieldCount = std::size(kFieldNames);
inline constexpr std::string_view kTemplateNames[] = {"Term \xE2\x86\x92 Definition", "Definition \xE2\x86\x92 Term"};
inline constexpr std::string_view kTagRoot = "glossary";

// The deck, a zip member at a time (backend.hpp).
void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output);
ir::Glossary read(std::string_view bytes);
ir::Glossary project(const ir::Glossary& glossary);

// Exposed for tests and tools.
std::string note_guid(std::string_view concept_id);
// What Anki stores as sfld for a field's HTML: tags removed, entities decoded.
std::string strip_html(std::string_view html);
// Anki's csum of a first field's HTML.
std::int64_t field_checksum(std::string_view html);

}  // namespace glossc::anki_backend
