#include "readers/html_dom.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <mutex>
#include <set>

#include "text/lines.hpp"


namespace glossc::readers::dom {

namespace {

// Collects libxml2's errors while it lives (they would go to stderr). The
// handler is per thread, so readers running in parallel keep their own.
class ErrorCollector {
public:
    explicit ErrorCollector(std::vector<ParseError>& errors)
        : errors_(errors), previous_(xmlStructuredError), previous_context_(xmlStructuredErrorContext) {
        xmlSetStructuredErrorFunc(this, &ErrorCollector::collect);
    }
    ~ErrorCollector() { xmlSetStructuredErrorFunc(previous_context_, previous_); }
    ErrorCollector(const ErrorCollector&) = delete;
    ErrorCollector& operator=(const ErrorCollector&) = delete;

private:
    static void collect(void* self, xmlErrorPtr error) {
        if (!error) return;
        std::string message = error->message ? error->message : "";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        static_cast<ErrorCollector*>(self)->errors_.push_back({error->code, error->line, std::move(message)});
    }
    std::vector<ParseError>& errors_;
    xmlStructuredErrorFunc previous_;
    void* previous_context_;
};

const std::set<std::string_view> kBlockTags{
    "address", "article", "aside",    "blockquote", "body",   "center", "details", "dialog", "dd",     "div",
    "dl",      "dt",      "fieldset", "figcaption", "figure", "footer", "form",    "h1",     "h2",     "h3",
    "h4",      "h5",      "h6",       "header",     "hgroup", "hr",     "html",    "li",     "main",   "nav",
    "ol",      "p",       "pre",      "section",    "table",  "tbody",  "thead",   "tfoot",  "tr",     "td",
    "th",      "caption", "ul",       "summary",    "menu"};

const std::set<std::string_view> kIgnoredTags{"head",   "script", "style", "noscript", "template", "nav", "header",
                                              "footer", "aside",  "form",  "button",   "iframe",   "svg"};
// The ARIA landmarks of the tags above (a <div role="navigation">).
const std::set<std::string_view> kIgnoredRoles{"navigation", "banner", "contentinfo", "search", "complementary"};

// Page chrome of the generators glossaries come from: never glossary
// content on any page, so always ignored.
constexpr std::string_view kChrome[] = {
    // pandoc, bookdown: a heading's number; previous/next chapter links
    ".header-section-number", ".chapter-nav",
    // Sphinx, MkDocs: the "¶" permalink; Sphinx's sidebar and (Alabaster's) footer
    ".headerlink", ".sphinxsidebar", "div.footer",
    // Docusaurus: the permalink (a zero-width space); the page's contents
    ".hash-link", ".table-of-contents",
    // MediaWiki: contents, "[edit]" links, site navigation and footers,
    // navigation boxes, hatnotes, maintenance boxes, citation marks and lists
    "#toc", ".toc", ".mw-editsection", ".mw-jump-link", "#mw-navigation", "#mw-head", "#mw-panel", "#siteSub",
    "#contentSub", "#catlinks", ".printfooter", ".navbox", ".hatnote", ".ambox", "sup.reference", ".reflist",
    ".references", ".mw-references-wrap"};


// The names in a class attribute.
std::vector<std::string_view> class_list(std::string_view classes) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < classes.size()) {
        while (i < classes.size() && std::isspace(static_cast<unsigned char>(classes[i]))) ++i;
        std::size_t start = i;
        while (i < classes.size() && !std::isspace(static_cast<unsigned char>(classes[i]))) ++i;
        if (i > start) out.push_back(classes.substr(start, i - start));
    }
    return out;
}

bool matches_names(std::string_view tag, std::string_view id, const std::vector<std::string_view>& classes,
                   const Selector& selector) {
    if (!selector.tag.empty() && tag != selector.tag) return false;
    if (!selector.id.empty() && id != selector.id) return false;
    for (const auto& wanted : selector.classes)
        if (std::find(classes.begin(), classes.end(), wanted) == classes.end()) return false;
    return true;
}

}  // namespace

std::string_view tag_of(const xmlNode* node) {
    return node->type == XML_ELEMENT_NODE && node->name ? reinterpret_cast<const char*>(node->name) : "";
}

std::string_view attribute(const xmlNode* node, const char* name) {
    if (node->type != XML_ELEMENT_NODE) return {};
    const xmlAttr* attr = xmlHasProp(node, reinterpret_cast<const xmlChar*>(name));
    // The HTML parser stores a value as one text node, entities decoded.
    if (!attr || !attr->children || attr->children->type != XML_TEXT_NODE || !attr->children->content) return {};
    return reinterpret_cast<const char*>(attr->children->content);
}

std::string content_of(const xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

std::uint32_t line_of(const xmlNode* node) {
    long line = xmlGetLineNo(node);
    return line > 0 && line < static_cast<long>(UINT32_MAX) ? static_cast<std::uint32_t>(line) : 0;
}

bool is_text(const xmlNode* node) { return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE; }

bool is_block(std::string_view tag) { return kBlockTags.count(tag) > 0; }

int heading_level(std::string_view tag) {
    if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') return tag[1] - '0';
    return 0;
}

Document parse(std::string_view html, std::vector<ParseError>& errors) {
    // libxml2 must be initialised once before threads use it (readers run
    // in parallel, see driver.cpp).
    static std::once_flag initialised;
    std::call_once(initialised, [] { xmlInitParser(); });
    if (html.size() > static_cast<std::size_t>(INT_MAX)) return Document(nullptr, &xmlFreeDoc);
    ErrorCollector collector(errors);
    return Document(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
                    &xmlFreeDoc);
}

std::optional<Selector> parse_selector(std::string_view s) {
    Selector out;
    auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; };
    std::size_t i = 0;
    while (i < s.size() && name_char(s[i])) out.tag += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++])));
    while (i < s.size()) {
        char kind = s[i++];
        std::string name;
        while (i < s.size() && name_char(s[i])) name += s[i++];
        if (name.empty() || (kind != '#' && kind != '.')) return std::nullopt;
        if (kind == '#') {
            if (!out.id.empty()) return std::nullopt;
            out.id = name;
        } else {
            out.classes.push_back(name);
        }
    }
    if (out.tag.empty() && out.id.empty() && out.classes.empty()) return std::nullopt;
    return out;
}

bool matches(const xmlNode* node, const Selector& selector) {
    return node->type == XML_ELEMENT_NODE &&
           matches_names(tag_of(node), attribute(node, "id"), class_list(attribute(node, "class")), selector);
}

bool matches_any(const xmlNode* node, const std::vector<Selector>& selectors) {
    if (node->type != XML_ELEMENT_NODE || selectors.empty()) return false;
    std::string_view tag = tag_of(node), id = attribute(node, "id");
    std::vector<std::string_view> classes = class_list(attribute(node, "class"));
    for (const auto& selector : selectors)
        if (matches_names(tag, id, classes, selector)) return true;
    return false;
}

xmlNode* find_first(xmlNode* node, const Selector& selector) {
    for (; node; node = node->next) {
        if (matches(node, selector)) return node;
        if (xmlNode* inside = find_first(node->children, selector)) return inside;
    }
    return nullptr;
}

void collect_matches(xmlNode* node, const Selector& selector, std::vector<xmlNode*>& out) {
    for (; node; node = node->next) {
        if (matches(node, selector)) {
            out.push_back(node);
            continue;
        }
        collect_matches(node->children, selector, out);
    }
}

std::optional<std::vector<xmlNode*>> select_xpath(xmlDoc* doc, const std::string& expression) {
    std::vector<ParseError> ignored;  // syntax errors: the caller reports the expression
    ErrorCollector collector(ignored);
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> context(xmlXPathNewContext(doc),
                                                                               &xmlXPathFreeContext);
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> matched(
        context ? xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression.c_str()), context.get())
                : nullptr,
        &xmlXPathFreeObject);
    if (!matched) return std::nullopt;
    std::vector<xmlNode*> found;
    if (matched->type == XPATH_NODESET && matched->nodesetval)
        for (int i = 0; i < matched->nodesetval->nodeNr; ++i)
            if (xmlNode* node = matched->nodesetval->nodeTab[i]; node->type == XML_ELEMENT_NODE) found.push_back(node);
    return found;
}

std::vector<Selector> chrome() {
    std::vector<Selector> out;
    for (auto selector : kChrome) out.push_back(*parse_selector(selector));
    return out;
}

bool never_content(const xmlNode* node, const std::vector<Selector>& ignore) {
    if (node->type != XML_ELEMENT_NODE) return !is_text(node);  // comments, processing instructions
    return kIgnoredTags.count(tag_of(node)) || attribute(node, "aria-hidden") == "true" ||
           kIgnoredRoles.count(attribute(node, "role")) || matches_any(node, ignore);
}

bool contains_block(const xmlNode* node, const std::vector<Selector>& ignore) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || never_content(child, ignore)) continue;
        if (is_block(tag_of(child)) || contains_block(child, ignore)) return true;
    }
    return false;
}

// "\[…\]" or "$$…$$": text written as display math (MathJax, KaTeX,
// pandoc's and Sphinx's HTML).
bool is_display_math_text(std::string_view raw) {
    std::string_view t = text::trim(raw);
    return t.size() > 4 && ((text::starts_with(t, "\\[") && t.ends_with("\\]")) ||
                            (text::starts_with(t, "$$") && t.ends_with("$$")));
}

// The language of a <pre>: "language-python" or "lang-r" on it or its
// <code>, pandoc's "sourceCode r", Sphinx's "highlight-python" on the
// <div>s around it; empty when none says.
std::string code_language(xmlNode* pre) {
    auto from_class = [](xmlNode* node) -> std::string {
        std::string_view classes = attribute(node, "class");
        std::vector<std::string_view> words;
        for (std::size_t at = 0; at < classes.size();) {
            std::size_t end = std::min(classes.find(' ', at), classes.size());
            if (end > at) words.push_back(classes.substr(at, end - at));
            at = end + 1;
        }
        for (std::size_t i = 0; i < words.size(); ++i) {
            for (std::string_view prefix : {"language-", "lang-", "highlight-"})
                if (text::starts_with(words[i], prefix) && words[i].size() > prefix.size())
                    return std::string(words[i].substr(prefix.size()));
            if (words[i] == "sourceCode" && i + 1 < words.size()) return std::string(words[i + 1]);
        }
        return {};
    };
    xmlNode* code = pre->children;
    while (code && (code->type != XML_ELEMENT_NODE || tag_of(code) != "code")) code = code->next;
    std::vector<xmlNode*> candidates{pre};
    if (code) candidates.push_back(code);
    for (xmlNode* up = pre->parent; up && candidates.size() < 5; up = up->parent)
        if (up->type == XML_ELEMENT_NODE) candidates.push_back(up);
    for (xmlNode* candidate : candidates)
        if (std::string language = from_class(candidate); !language.empty() && language != "default") return language;
    return {};
}

}  // namespace glossc::readers::dom
