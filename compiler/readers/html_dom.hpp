// libxml2 plumbing for the HTML reader (html.cpp): parsing a page or a
// fragment in recovery mode with its errors collected, reading nodes, the
// simple CSS selectors and XPath the reader's options accept, and what a
// page holds that is never content.
#pragma once

#include <libxml/tree.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::readers::dom {

std::string_view tag_of(const xmlNode* node);  // "" for anything but an element
// An attribute's value as the parser decoded it ("" when absent); valid
// while the document lives.
std::string_view attribute(const xmlNode* node, const char* name);
std::string content_of(const xmlNode* node);  // the text of everything inside
std::uint32_t line_of(const xmlNode* node);   // 0 when unknown
bool is_text(const xmlNode* node);            // text or CDATA
bool is_block(std::string_view tag);          // an element that breaks inline text
int heading_level(std::string_view tag);      // 1 … 6 for h1 … h6, else 0
// "\[…\]" or "$$…$$": text written as display math (MathJax, KaTeX,
// pandoc's and Sphinx's HTML).
bool is_display_math_text(std::string_view raw);
// The language of a <pre> from its classes or its <code>'s or enclosing
// <div>s' ("language-python", "lang-r", pandoc's "sourceCode r", Sphinx's
// "highlight-python"); empty when none says.
std::string code_language(xmlNode* pre);

// What libxml2 reported while parsing (it would go to stderr otherwise).
struct ParseError {
    int code = 0;
    int line = 0;
    std::string message;
};

using Document = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// The document as the HTML parser repairs it (implied <html>/<body>/<p>
// added), null when it holds nothing; at most INT_MAX bytes (the caller
// checks). Safe to call from several threads at once.
Document parse(std::string_view html, std::vector<ParseError>& errors);

// "div.glossary", "#terms", "section", ".a.b", "sup.reference"
struct Selector {
    std::string tag;
    std::string id;
    std::vector<std::string> classes;
};
std::optional<Selector> parse_selector(std::string_view s);
bool matches(const xmlNode* node, const Selector& selector);
// Whether any of the selectors matches (the node's id and classes read once).
bool matches_any(const xmlNode* node, const std::vector<Selector>& selectors);

// The first node matching in document order (from `node` and its
// following siblings, depth first), or null.
xmlNode* find_first(xmlNode* node, const Selector& selector);
// Every outermost match (a match inside a match is not collected).
void collect_matches(xmlNode* node, const Selector& selector, std::vector<xmlNode*>& out);
// The elements an XPath 1.0 expression selects; nullopt when it is invalid.
std::optional<std::vector<xmlNode*>> select_xpath(xmlDoc* doc, const std::string& expression);

// ---- Never content

// The chrome of the generators glossaries come from (pandoc/bookdown,
// Sphinx, MkDocs, Docusaurus, MediaWiki: permalinks, section numbers, tables
// of contents, "[edit]" links, navigation boxes, citation lists): never
// glossary content on any page.
std::vector<Selector> chrome();

// True for what is never content: <head>, <script>, <style>, <noscript>,
// <template>, <nav>, <header>, <footer>, <aside>, <form>, <button>,
// <iframe>, <svg>, elements with the ARIA roles of those landmarks,
// anything aria-hidden="true", comments, and what `ignore` matches.
bool never_content(const xmlNode* node, const std::vector<Selector>& ignore);
// Whether a block element is inside `node` (not counting what is never content).
bool contains_block(const xmlNode* node, const std::vector<Selector>& ignore);

}  // namespace glossc::readers::dom
