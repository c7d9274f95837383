#include "web/web_assets.hpp"

namespace glossc::web_backend {

// Logical properties (margin-inline-start, not margin-left) so that a
// right-to-left glossary (dir="rtl") is laid out as a mirror image.
const std::string_view kStyleSheet = R"(/* glossc web edition: one small style sheet; the system's fonts, no framework. */
:root {
  color-scheme: light dark;
  --text: #1b1b1b; --muted: #505050; --background: #fdfdfc; --link: #0b57d0; --visited: #6b2fa0;
  --rule: #d4d4d4; --code: #f1f1ef; --focus: #b44d00; --target: #fff5cc;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e8e8e8; --muted: #b8b8b8; --background: #141414; --link: #8ab4f8; --visited: #d0a8f0;
    --rule: #3c3c3c; --code: #232323; --focus: #ffb86b; --target: #3a3320;
  }
}
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--background); color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: 1.0625rem; line-height: 1.55; overflow-wrap: break-word;
}
.site-header, main, .site-footer { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--link); }
a:visited { color: var(--visited); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
main:focus { outline: none; }
[hidden] { display: none !important; }

.skip-link { position: absolute; inset-inline-start: -100vw; top: 0.5rem; padding: 0.5rem 1rem;
  background: var(--background); border: 2px solid var(--focus); z-index: 10; }
.skip-link:focus { inset-inline-start: 0.5rem; }

.site-header { padding-top: 0.75rem; padding-bottom: 0.5rem; border-bottom: 1px solid var(--rule); }
.site-title { margin: 0 0 0.5rem; font-weight: 600; font-size: 1.15rem; }
.site-title a { color: inherit; text-decoration: none; }
.site-search { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0.5rem 0; }
nav.letters ul, nav.entries ul, ul.sources, ul.category-list, ul.members, ul.results { list-style: none; padding: 0; }
nav.letters ul { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.5rem 0; }
nav.letters a { display: inline-block; min-width: 2.75rem; line-height: 2.75rem; text-align: center;
  border: 1px solid var(--rule); border-radius: 0.3rem; text-decoration: none; }
nav.letters a[aria-current="page"] { background: var(--link); color: var(--background); border-color: var(--link); }
nav.entries ul { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; }
nav.entries a, ul.category-list a, ul.members a { display: inline-block; padding: 0.2rem 0; }

input[type="search"] { font: inherit; color: var(--text); background: var(--background); flex: 1 1 8rem; min-width: 0;
  max-width: 30rem; padding: 0.45rem 0.6rem; border: 2px solid var(--muted); border-radius: 0.3rem; }
button { font: inherit; padding: 0.45rem 1rem; border: 2px solid var(--link); border-radius: 0.3rem;
  background: var(--link); color: var(--background); cursor: pointer; }
.search-status { color: var(--muted); min-height: 1.5em; margin: 0.25rem 0; }
ul.results { margin: 0.25rem 0 1.5rem; }
ul.results a { display: block; padding: 0.5rem 0.25rem; border-bottom: 1px solid var(--rule); text-decoration: none; }
ul.results a:hover .result-headword, ul.results a:focus .result-headword { text-decoration: underline; }
.result-headword { font-weight: 600; }
.result-name { color: var(--muted); }

h1 { font-size: 1.75rem; line-height: 1.25; margin: 1rem 0 0.75rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 0.4rem; }
section.letter > h2 { border-bottom: 2px solid var(--rule); padding-bottom: 0.2rem; }

article.concept { border-top: 1px solid var(--rule); margin-top: 1.25rem; padding-top: 0.5rem; scroll-margin-top: 0.5rem; }
article.concept:target { background: var(--target); box-shadow: 0 0 0 0.5rem var(--target); }
.headword { margin: 0.25rem 0 0.4rem; }
.headword dfn { font-style: normal; }
article p { margin: 0.35rem 0; }
.aliases, .categories, .see-also, .reference { font-size: 0.95rem; }
.definition { margin: 0.6rem 0 0.9rem; }
.definition > .source { text-align: end; color: var(--muted); font-size: 0.9rem; }
.source-title { font-style: normal; font-variant: small-caps; }
.field { font-weight: 600; }
.count { color: var(--muted); }

code { font-family: ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", monospace; font-size: 0.92em; overflow-wrap: anywhere; }
pre { background: var(--code); padding: 0.5rem 0.75rem; border-radius: 0.3rem; overflow-x: auto; }
pre code { overflow-wrap: normal; }
blockquote { margin: 0.5rem 0; padding-inline-start: 0.8rem; border-inline-start: 3px solid var(--rule); }
table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid var(--rule); padding: 0.2rem 0.5rem; text-align: start; vertical-align: top; }
math { font-size: 1.05em; }
math[display="block"] { display: block; overflow-x: auto; overflow-y: hidden; margin: 0.5rem 0; }
li > p { margin: 0.2rem 0; }

.site-footer { margin-top: 2.5rem; padding-top: 0.75rem; padding-bottom: 2rem; border-top: 1px solid var(--rule);
  color: var(--muted); font-size: 0.9rem; }

@media print {
  .skip-link, .site-search, nav.letters, nav.entries { display: none; }
  a { color: inherit; }
}
)";

// Plain JavaScript for every current browser; no module, no request: the
// index is a script index.html loads before this one.
const std::string_view kSearchScript = R"JS(/* glossc web edition: search as you type over window.glossarySearch (search-index.js). */
(function () {
  'use strict';
  var LIMIT = 50;
  var form = document.getElementById('search-form');
  var input = document.getElementById('search');
  var results = document.getElementById('results');
  var status = document.getElementById('search-status');
  if (!form || !input || !results || !status) return;
  var index = window.glossarySearch;
  if (!index) {
    status.textContent = 'The search index (search-index.js) could not be loaded.';
    console.error('glossc: search-index.js did not define glossarySearch');
    return;
  }

  // A name as the index holds it (web_search.hpp, fold_for_search): compatibility
  // forms, case folded, marks removed, white space collapsed. Upper then lower
  // case is case folding for all but a few letters (final sigma is one).
  function fold(text) {
    return text.normalize('NFKD').toUpperCase().toLowerCase().replace(/\u03c2/g, '\u03c3')
      .normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC')
      .replace(/[\t\n\v\f\r ]+/g, ' ').replace(/^ | $/g, '');
  }

  var wordCharacter = /[\p{L}\p{N}]/u;
  // The character before position `at`, a whole code point.
  function before(text, at) {
    var unit = text.charCodeAt(at - 1);
    return unit >= 0xDC00 && unit <= 0xDFFF && at >= 2 ? text.slice(at - 2, at) : text.charAt(at - 1);
  }
  // How well a folded name matches the folded query: 0 the whole name, 1 its
  // start, 2 the start of one of its words, 3 anywhere in it; -1 not at all.
  function rank(name, query) {
    if (name === query) return 0;
    var at = name.indexOf(query);
    if (at < 0) return -1;
    if (at === 0) return 1;
    for (; at >= 0; at = name.indexOf(query, at + 1))
      if (!wordCharacter.test(before(name, at))) return 2;
    return 3;
  }

  function clear() {
    while (results.firstChild) results.removeChild(results.firstChild);
  }

  function search(query) {
    clear();
    var folded = fold(query);
    if (!folded) {
      status.textContent = '';
      return;
    }
    // Each concept once, by its best name (the first of equally good ones).
    var best = new Map();
    var names = index.names;
    for (var i = 0; i < names.length; i++) {
      var r = rank(names[i][0], folded);
      if (r < 0) continue;
      var had = best.get(names[i][1]);
      if (had === undefined || r < had.rank) best.set(names[i][1], { rank: r, name: names[i] });
    }
    var hits = Array.from(best.entries()).sort(function (a, b) {
      return a[1].rank - b[1].rank || a[0] - b[0];
    });
    hits.slice(0, LIMIT).forEach(function (hit) {
      var concept = index.concepts[hit[0]];
      var link = document.createElement('a');
      link.href = index.pages[concept[2]] + '#' + concept[0];
      var headword = document.createElement('span');
      headword.className = 'result-headword';
      headword.dir = 'auto';
      headword.textContent = concept[1];
      link.appendChild(headword);
      if (hit[1].name.length > 2) {
        var shown = document.createElement('span');
        shown.className = 'result-name';
        shown.dir = 'auto';
        shown.textContent = hit[1].name[2];
        link.appendChild(document.createTextNode(' \u2014 '));
        link.appendChild(shown);
      }
      var item = document.createElement('li');
      item.appendChild(link);
      results.appendChild(item);
    });
    if (hits.length === 0) status.textContent = 'No entry has a name containing \u201c' + query.trim() + '\u201d.';
    else if (hits.length > LIMIT) status.textContent = 'The first ' + LIMIT + ' of ' + hits.length + ' entries; Enter opens the first.';
    else status.textContent = hits.length + (hits.length === 1 ? ' entry' : ' entries') + '; Enter opens the first.';
  }

  function links() {
    return Array.prototype.slice.call(results.querySelectorAll('a'));
  }

  input.addEventListener('input', function () { search(input.value); });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    search(input.value);
    var first = results.querySelector('a');
    if (first) window.location.href = first.href;
  });
  // Arrow keys: from the box to the hits and between them; Escape clears.
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === 'Escape') {
      input.value = '';
      search('');
    }
  });
  results.addEventListener('keydown', function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' && at + 1 < all.length) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    }
  });

  var query = new URLSearchParams(window.location.search).get('q');
  if (query) {
    input.value = query;
    search(query);
  }
})();
)JS";

}  // namespace glossc::web_backend
