// The web edition's style sheet and search script, the same bytes in every
// edition (web_assets.cpp holds them as raw strings: no build step, no
// file to find at run time).
#pragma once

#include <string_view>

namespace glossc::web_backend {

// style.css: one small style sheet, no framework, no web font: readable on
// a phone (one column, text that wraps, wide formulas, code and tables that
// scroll on their own), a visible focus ring, a skip link that shows on
// focus, light and dark colours with contrast of at least 4.5:1.
extern const std::string_view kStyleSheet;

// search.js: search as you type over window.glossarySearch
// (web_search.hpp), loaded by index.html only. Ranks exact name > start of a
// name > start of a word > anywhere, ties in headword order; lists the hits
// as links in #results; ?q= fills the box and searches on load; Enter opens
// the first hit; arrow keys move between the box and the hits. Builds the
// list with DOM calls (textContent), never HTML strings.
extern const std::string_view kSearchScript;

}  // namespace glossc::web_backend
