// The web edition in a real browser: headless Chromium (Debian package
// `chromium`) loads the seed site from the file system, runs its script and
// prints the resulting DOM (--dump-dom); its console goes to stderr
// (--enable-logging=stderr), one "CONSOLE" line per message. No page of the
// site writes to the console, so any such line is a failure: a script error,
// a refused request (the pages' Content Security Policy allows nothing from
// elsewhere, and says so in the console), or the search index failing to
// load. A copy of the site with a broken script and an image from elsewhere
// shows that the check catches both. Skipped, saying so, without Chromium.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <regex>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <utf8proc.h>

#include "backend.hpp"
#include "common/folder_bundle.hpp"
#include "common/headword_order.hpp"
#include "json/json_backend.hpp"
#include "support/paths.hpp"
#include "web/web_backend.hpp"
#include "web/web_search.hpp"

namespace glossc {
namespace {

namespace fs = std::filesystem;

std::string find_chromium() {
    for (const char* name : {"chromium", "chromium-browser"}) {
        auto found = testing::run_command(std::string("command -v ") + name);
        if (found.status == 0 && !found.output.empty()) return found.output.substr(0, found.output.find('\n'));
    }
    return {};
}

struct PageLoad {
    std::string dom;                   // the DOM after the page's scripts ran, as HTML
    std::vector<std::string> console;  // the console's messages, as Chromium logs them
};

// The first link of the element with id "results", as the DOM has it.
struct Hit {
    std::string href;
    std::string headword;  // the text of its span.result-headword
};

std::string text_of(xmlNodePtr node) {
    xmlChar* content = xmlNodeGetContent(node);
    std::string out = content ? reinterpret_cast<const char*>(content) : "";
    xmlFree(content);
    return out;
}

// The hits listed in #results, in order, read with libxml2's HTML parser.
std::vector<Hit> hits_in(const std::string& dom) {
    std::vector<Hit> out;
    htmlDocPtr document = htmlReadMemory(dom.data(), static_cast<int>(dom.size()), "dom.html", "UTF-8",
                                         HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!document) return out;
    xmlXPathContextPtr context = xmlXPathNewContext(document);
    xmlXPathObjectPtr links =
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>("//*[@id='results']/li/a"), context);
    if (links && links->nodesetval)
        for (int i = 0; i < links->nodesetval->nodeNr; ++i) {
            xmlNodePtr link = links->nodesetval->nodeTab[i];
            Hit hit;
            xmlChar* href = xmlGetProp(link, reinterpret_cast<const xmlChar*>("href"));
            hit.href = href ? reinterpret_cast<const char*>(href) : "";
            xmlFree(href);
            for (xmlNodePtr child = link->children; child; child = child->next) {
                if (child->type != XML_ELEMENT_NODE) continue;
                xmlChar* cls = xmlGetProp(child, reinterpret_cast<const xmlChar*>("class"));
                if (cls && std::string_view(reinterpret_cast<const char*>(cls)) == "result-headword")
                    hit.headword = text_of(child);
                xmlFree(cls);
            }
            out.push_back(std::move(hit));
        }
    xmlXPathFreeObject(links);
    xmlXPathFreeContext(context);
    xmlFreeDoc(document);
    return out;
}

// ---- The search's ranking, computed here: what search.js must list ----------------------------

// Whether the character that ends before byte `at` of `text` is a letter or
// a digit (JavaScript's [\p{L}\p{N}]).
bool word_character_before(std::string_view text, std::size_t at) {
    std::size_t start = at - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    utf8proc_int32_t cp = -1;
    utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + start),
                     static_cast<utf8proc_ssize_t>(at - start), &cp);
    if (cp < 0) return false;
    const char* category = utf8proc_category_string(cp);
    return category[0] == 'L' || category[0] == 'N';
}

// 0 the whole name, 1 its start, 2 the start of a word, 3 anywhere, 4 not at all.
int rank(std::string_view name, std::string_view query) {
    if (name == query) return 0;
    std::size_t at = name.find(query);
    if (at == std::string_view::npos) return 4;
    if (at == 0) return 1;
    for (; at != std::string_view::npos; at = name.find(query, at + 1))
        if (!word_character_before(name, at)) return 2;
    return 3;
}

// The ids of the concepts a search for `query` lists, best first (at most 50).
std::vector<std::string> expected_hits(const ir::Glossary& g, const std::string& query) {
    const std::string folded = web_backend::fold_for_search(query);
    std::vector<std::pair<int, std::string>> hits;  // rank, id; in headword order
    for (std::size_t index : order::concept_order(g.concepts)) {
        const ir::Concept& c = g.concepts[index];
        int best = rank(web_backend::fold_for_search(c.headword), folded);
        for (const auto& label : c.labels) best = std::min(best, rank(web_backend::fold_for_search(label.text), folded));
        if (best < 4) hits.emplace_back(best, c.id);
    }
    std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < hits.size() && i < 50; ++i) out.push_back(hits[i].second);
    return out;
}

class WebBrowser : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        chromium_ = find_chromium();
        if (chromium_.empty()) return;
        dir_ = std::make_unique<testing::TempDir>();
        auto result = testing::run_command("SOURCE_DATE_EPOCH=1700000000 " +
                                           testing::shell_quote(testing::glossc_binary().string()) + " build --manifest " +
                                           testing::shell_quote(testing::seeds_manifest().string()) + " --out " +
                                           testing::shell_quote((dir_->path() / "out").string()) + " --formats web,json");
        build_output_ = result.output;
        built_ = result.status == 0;
    }
    static void TearDownTestSuite() { dir_.reset(); }

    void SetUp() override {
        if (chromium_.empty()) GTEST_SKIP() << "skipped: Chromium is not installed (Debian package chromium)";
        ASSERT_TRUE(built_) << build_output_;
    }

    static fs::path site() { return dir_->path() / "out" / "web"; }

    // Loads `page` (a path, and a query string) in headless Chromium.
    static PageLoad load(const fs::path& page, const std::string& query = "") {
        fs::path profile = dir_->path() / "profile";  // never the user's own
        fs::path log = dir_->path() / "chromium.log";
        std::string command = "{ timeout 60 " + testing::shell_quote(chromium_) +
                              " --headless=new --no-sandbox --disable-gpu --no-first-run --user-data-dir=" +
                              testing::shell_quote(profile.string()) +
                              " --virtual-time-budget=5000 --enable-logging=stderr --v=0 --dump-dom " +
                              testing::shell_quote("file://" + page.string() + query) + " 2>" +
                              testing::shell_quote(log.string()) + "; }";
        PageLoad out;
        out.dom = testing::run_command(command).output;
        std::ifstream lines(log);
        std::regex console(":CONSOLE[:(]");
        for (std::string line; std::getline(lines, line);)
            if (std::regex_search(line, console)) out.console.push_back(line);
        return out;
    }

    static std::string joined(const std::vector<std::string>& lines) {
        std::string out;
        for (const auto& line : lines) out += line + "\n";
        return out;
    }

    static std::string chromium_;
    static std::unique_ptr<testing::TempDir> dir_;
    static bool built_;
    static std::string build_output_;
};

std::string WebBrowser::chromium_;
std::unique_ptr<testing::TempDir> WebBrowser::dir_;
bool WebBrowser::built_ = false;
std::string WebBrowser::build_output_;

// The glossary the site was built from (the same build's JSON).
ir::Glossary built_glossary(const fs::path& out) {
    return json_backend::read(testing::read_bytes(out / "glossary.json"));
}

TEST_F(WebBrowser, ASearchForAnAliasListsItsConceptFirst) {
    // The concept one of whose names is "nucleus sampling".
    std::string id, headword;
    for (const auto& c : built_glossary(dir_->path() / "out").concepts)
        for (const auto& label : c.labels)
            if (web_backend::fold_for_search(label.text) == "nucleus sampling") id = c.id, headword = c.headword;
    ASSERT_FALSE(id.empty()) << "no seed concept is called nucleus sampling";

    PageLoad page = load(site() / "index.html", "?q=nucleus%20sampling");
    EXPECT_TRUE(page.console.empty()) << joined(page.console);
    std::vector<Hit> hits = hits_in(page.dom);
    ASSERT_FALSE(hits.empty()) << page.dom.substr(0, 4000);
    EXPECT_EQ(hits[0].headword, headword);
    EXPECT_TRUE(hits[0].href.ends_with(".html#" + id)) << hits[0].href;
    EXPECT_NE(page.dom.find("; Enter opens the first.</p>"), std::string::npos) << "the status says how many";
}

// A name that is a word of many: the hits in the order the ranking gives,
// computed here from the glossary (exact names, then starts of names, then
// starts of words, then the rest; ties in headword order).
TEST_F(WebBrowser, HitsAreRankedBestFirstThenInHeadwordOrder) {
    std::vector<std::string> expected = expected_hits(built_glossary(dir_->path() / "out"), "Attention");
    ASSERT_GT(expected.size(), 10u);
    PageLoad page = load(site() / "index.html", "?q=Attention");
    EXPECT_TRUE(page.console.empty()) << joined(page.console);
    std::vector<std::string> listed;
    for (const auto& hit : hits_in(page.dom)) listed.push_back(hit.href.substr(hit.href.find('#') + 1));
    EXPECT_EQ(listed, expected);
}

TEST_F(WebBrowser, ALetterPageLoadsWithoutAConsoleMessage) {
    PageLoad page = load(site() / "letter-t.html");
    EXPECT_TRUE(page.console.empty()) << joined(page.console);
    EXPECT_NE(page.dom.find("<article class=\"concept\" id=\"top-p\">"), std::string::npos) << page.dom.substr(0, 2000);
    EXPECT_NE(page.dom.find("<math"), std::string::npos) << "the seeds' formulas are MathML";
}

// The check can fail: a copy of the site whose script does not parse and
// whose index asks for an image from elsewhere shows both in the console.
TEST_F(WebBrowser, TheConsoleCheckCatchesABrokenScriptAndARequestElsewhere) {
    fs::path broken = dir_->path() / "broken";
    fs::copy(site(), broken, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    testing::write_text(broken / "search.js", testing::read_bytes(site() / "search.js") + "\nfunction (\n");
    std::string index = testing::read_bytes(site() / "index.html");
    index.replace(index.find("</main>"), 0, "<img src=\"https://example.org/pixel.png\" alt=\"\"/>\n");
    testing::write_text(broken / "index.html", index);
    PageLoad page = load(broken / "index.html", "?q=nucleus%20sampling");
    std::string console = joined(page.console);
    EXPECT_NE(console.find("SyntaxError"), std::string::npos) << console;
    EXPECT_NE(console.find("Content Security Policy"), std::string::npos) << console;
    EXPECT_TRUE(hits_in(page.dom).empty());
}

// A name made to break out of the page or the index is found as it is, and
// runs nothing; a query in capitals with an accent finds it.
TEST_F(WebBrowser, AHostileNameIsFoundAsItIsAndRunsNothing) {
    const std::string breakout = "</script><script>document.title='owned'</script>";
    ir::Glossary g;
    g.title = "Hostile";
    g.language = "en";
    g.edition = "2026-11-23";
    ir::Concept c;
    c.id = "breakout";
    c.headword = breakout;
    c.labels = {{"x\"><img src=x onerror=\"document.title='owned'\">", ir::LabelKind::Variant, {}}};
    g.concepts.push_back(c);
    fs::path hostile = dir_->path() / "hostile";
    fs::create_directories(hostile);
    for (const auto& member : folder::unpack(render(web_backend::stream, g, RenderContext{1795478400})))
        testing::write_text(hostile / member.name, member.bytes);

    // "</SCRÍPT": the query is folded as the names are (case, accents).
    PageLoad page = load(hostile / "index.html", "?q=%3C%2FSCR%C3%8DPT");
    EXPECT_TRUE(page.console.empty()) << joined(page.console);
    std::vector<Hit> hits = hits_in(page.dom);
    ASSERT_EQ(hits.size(), 1u) << page.dom;
    EXPECT_EQ(hits[0].headword, breakout);
    EXPECT_NE(page.dom.find("<title>Hostile</title>"), std::string::npos) << "no script of the name ran";
    EXPECT_EQ(page.dom.find("<img"), std::string::npos) << "no element of the name was made";
}

}  // namespace
}  // namespace glossc
