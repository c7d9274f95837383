// The web edition's search: its precomputed index (search-index.js) and
// the folding both sides apply to names.
//
// search-index.js defines one variable, because a script can be loaded from
// file:// where fetch() of a JSON file cannot:
//
//   window.glossarySearch = {
//   "pages": ["letter-a.html", ...],
//   "concepts": [
//   ["attention", "Attention", 0],         anchor, headword, page (index into pages)
//   ...],
//   "names": [
//   ["attention", 0],                      folded name, concept (index into concepts)
//   ["attn", 0, "attn"],                   ... and the name as shown, when it is not the headword
//   ["atention", 0],                       a hidden label (a search form): found, never shown
//   ...]};
//
// Concepts are in the site's order (order::concept_order), so a concept's
// index is its place in headword order, which search.js uses to break ties.
// A concept's names are its headword, its labels that are shown, then its
// hidden labels, each once (by folded form), none that folds to nothing.
//
// Every string is a JSON string in which <, > and & are written \u003c,
// \u003e, \u0026 (and U+2028, U+2029 as escapes): nothing in a name can end
// a script element or a string, and the whole value is JSON as well as
// JavaScript.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace glossc::web_backend {

// A name as the search compares it: the merge's fold (merge::fold_case:
// NFKC, case folded, marks removed), then runs of ASCII white space as one
// space, none at either end. search.js folds the query the same way with
// String.prototype.normalize ("École" and "ecole" are one).
std::string fold_for_search(std::string_view name);

// `s` as a JSON string literal with the escapes above, appended to `out`.
// `s` must be valid UTF-8 (format::visible gives it).
void append_js_string(std::string& out, std::string_view s);

// Where each concept is, in the site's order.
struct IndexedConcept {
    const ir::Concept* item;
    std::size_t page;  // index into the pages
};

// The whole of search-index.js.
std::string search_index(const std::vector<std::string>& pages, const std::vector<IndexedConcept>& concepts);

}  // namespace glossc::web_backend
