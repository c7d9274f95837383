// Rich text and blocks on the web edition's pages: the shared XHTML policy
// (common/xhtml_inline.hpp), which the EPUB uses as well, in the web's
// dialect. Its escapes are HTML's too, and its formulas MathML with their TeX
// as annotation.
//
// What differs from the EPUB's dialect: hrefs go to the site's pages, links
// to other sites carry rel="noopener", links to concepts no epub:type, names
// dir="auto", a source's title is a <cite>, and a displayed formula that is
// not converted is <pre class="tex"><code>…</code></pre>, because an HTML
// parser drops a line feed that directly follows <pre>.
#pragma once

#include "common/xhtml_inline.hpp"

namespace glossc::web_backend {

// Where a concept is on the site ("letter-k.html#kv-cache"), looked up for
// every link (hashed), keyed by views of the ids in the glossary.
using ConceptPlace = xhtml::LinkTarget<ir::Concept>;
using ConceptPlaces = xhtml::ConceptTargets;

// Every page's: each page's writer holds an xhtml::InlinePolicy(places, kWebDialect).
inline constexpr xhtml::Dialect kWebDialect{
    .external_link = " rel=\"noopener\"",
    .concept_link = "",
    .name = " dir=\"auto\"",
    .source_title = "cite",
    .display_tex_in_code = true,
};

}  // namespace glossc::web_backend
