// The web edition beyond the round trip (backend_roundtrip_test.cpp): the
// pages' structure (landmarks, labels, ids, one page or a page per letter),
// escaping of hostile names in HTML and in the search index, no resource
// from elsewhere, every internal link resolving to a file and an id in it
// (seeds and generated glossaries), identical bytes from two builds, and the
// reader refusing damaged sites. The site in a real browser:
// web_browser_test.cpp.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "backend.hpp"
#include "common/folder_bundle.hpp"
#include "driver/driver.hpp"
#include "epub/epub_inline.hpp"
#include "support/generators.hpp"
#include "support/glossary_fixtures.hpp"
#include "support/paths.hpp"
#include "web/web_backend.hpp"
#include "web/web_format.hpp"
#include "web/web_search.hpp"

namespace glossc {
namespace {

using testing::make_concept;

namespace f = web_backend::format;

constexpr std::int64_t kTimestamp = 1795478400;  // 2026-11-23T00:00:00Z

using Site = std::map<std::string, std::string>;  // file name -> bytes

Site site_of(const std::string& packed) {
    Site out;
    for (auto& file : folder::unpack(packed)) out.emplace(file.name, file.bytes);
    return out;
}

Site site(const ir::Glossary& glossary) {
    return site_of(render(web_backend::stream, glossary, RenderContext{kTimestamp}));
}

const std::string& file(const Site& s, const std::string& name) {
    static const std::string kNone;
    auto it = s.find(name);
    EXPECT_NE(it, s.end()) << "the site has no " << name;
    return it == s.end() ? kNone : it->second;
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// The seed build's glossary, compiled once for the whole file.
const CompileResult& seed_build() {
    static const CompileResult* result = [] {
        std::ostringstream diagnostics;
        return new CompileResult(compile(CompileRequest{testing::seeds_manifest(), {}}, diagnostics));
    }();
    return *result;
}

const Site& seed_site() {
    static const Site* s = [] {
        const CompileResult& compiled = seed_build();
        return new Site(site_of(render(web_backend::stream, *compiled.glossary, RenderContext{compiled.timestamp})));
    }();
    return *s;
}

ir::Glossary small_glossary() {
    ir::Glossary g;
    g.title = "Test Glossary";
    g.language = "en";
    g.edition = "2026-11-23";
    g.sources = {{"termbase", "termbase.json", "termbase-json", 50, 2, "AI/ML Termbase", "https://example.org/termbase"}};
    g.categories = {{"attention", "Attention & Position"}};
    ir::Concept attention = make_concept("attention", "attention");
    attention.labels = {{"attention", ir::LabelKind::Preferred, {"termbase"}},
                        {"attn", ir::LabelKind::Abbreviation, {"termbase"}},
                        {"atention", ir::LabelKind::Hidden, {"termbase"}}};
    attention.categories = {"attention"};
    ir::Definition d;
    d.source = "termbase";
    d.line = 12;
    d.summary = {ir::text("Weighs tokens by "), ir::math("\\mathrm{softmax}(QK^\\top)"), ir::text(", see "),
                 ir::ref("kv-cache", {}), ir::text(" and "), ir::link("https://example.org/paper", {ir::text("the paper")})};
    attention.definitions.push_back(d);
    attention.related = {"kv-cache"};
    attention.references = {{"Attention Is All You Need", "Vaswani et al.", "NeurIPS", "1706.03762", ""}};
    ir::Concept kv = make_concept("kv-cache", "KV cache");
    kv.related = {"attention"};
    kv.labels = {{"KV", ir::LabelKind::Abbreviation, {}}};
    g.concepts = {kv, attention};
    return g;
}

// A glossary of `n` concepts spread over the letters A..E.
ir::Glossary letters_glossary(std::size_t n) {
    ir::Glossary g;
    g.title = "Many";
    g.language = "en";
    g.edition = "2026-11-23";
    for (std::size_t i = 0; i < n; ++i) {
        std::string headword = std::string(1, static_cast<char>('A' + i % 5)) + "term " + std::to_string(i);
        g.concepts.push_back(make_concept("term-" + std::to_string(i), headword));
    }
    g.concepts[0].related = {"term-1"};  // Aterm 0 -> Bterm 1, on another page
    return g;
}

// ---- The pages' structure ---------------------------------------------------------------

TEST(WebBackend, IsAFolderBackendInTheRegistry) {
    const BackendInfo* web = find_backend("web");
    ASSERT_NE(web, nullptr);
    EXPECT_TRUE(writes_folder(*web));
    EXPECT_EQ(output_path(*web, "out"), std::filesystem::path("out/web"));
}

TEST(WebSite, ASmallGlossaryIsOnePageWithEveryPart) {
    Site s = site(small_glossary());
    std::set<std::string> names;
    for (const auto& [name, bytes] : s) names.insert(name);
    EXPECT_EQ(names, (std::set<std::string>{"category-attention.html", "glossary.html", "index.html", "search-index.js",
                                            "search.js", "style.css"}));

    const std::string& index = file(s, "index.html");
    EXPECT_TRUE(contains(index, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"))
        << index;
    EXPECT_TRUE(contains(index, "<a class=\"skip-link\" href=\"#_main\">Skip to content</a>"));
    EXPECT_TRUE(contains(index, "<main id=\"_main\" tabindex=\"-1\">"));
    EXPECT_TRUE(contains(index, "<header class=\"site-header\">"));
    EXPECT_TRUE(contains(index, "<footer class=\"site-footer\">"));
    EXPECT_TRUE(contains(index, "<label for=\"search\">"));
    EXPECT_TRUE(contains(index, "<input type=\"search\" id=\"search\" name=\"q\""));
    EXPECT_TRUE(contains(index, "<ul id=\"results\" class=\"results\""));
    EXPECT_TRUE(contains(index, "role=\"status\""));
    EXPECT_TRUE(contains(index, "<script src=\"search-index.js\"></script>\n<script src=\"search.js\"></script>"));
    EXPECT_TRUE(contains(index, "<a class=\"source-title\" href=\"https://example.org/termbase\" rel=\"noopener\">"
                                "AI/ML Termbase</a>"))
        << index;
    EXPECT_TRUE(contains(index, "<a class=\"category\" href=\"category-attention.html\" data-category=\"attention\">"
                                "Attention &amp; Position</a> <span class=\"count\">(1)</span>"))
        << index;
    EXPECT_TRUE(contains(index, "<li><a href=\"glossary.html#_letter-a\">A</a></li>")) << index;
    EXPECT_FALSE(contains(index, "termbase.json")) << "readers see the source's title, not its file";

    const std::string& page = file(s, "glossary.html");
    EXPECT_TRUE(contains(page, "<h1>All entries</h1>"));
    EXPECT_TRUE(contains(page, "<section class=\"letter\" aria-labelledby=\"_letter-a\">\n<h2 id=\"_letter-a\">A</h2>"));
    EXPECT_TRUE(contains(page, "<article class=\"concept\" id=\"attention\">\n"
                               "<h3 class=\"headword\" dir=\"auto\"><dfn>attention</dfn></h3>\n"))
        << page;
    EXPECT_TRUE(contains(page, "<form class=\"site-search\" role=\"search\" action=\"index.html\" method=\"get\">\n"
                               "<label for=\"_q\">Search</label>"));
    EXPECT_TRUE(contains(page, "<p class=\"aliases\">Also called: <span class=\"alias\" data-kind=\"abbreviation\" "
                               "dir=\"auto\">attn</span></p>"))
        << page;
    EXPECT_TRUE(contains(page, "<p class=\"aliases\" hidden=\"hidden\"><span class=\"alias\" data-kind=\"hidden\""));
    EXPECT_TRUE(contains(page, "<a class=\"related\" href=\"glossary.html#kv-cache\" dir=\"auto\">KV cache</a>")) << page;
    EXPECT_TRUE(contains(page, "<a class=\"ref bare\" href=\"glossary.html#kv-cache\">KV cache</a>")) << page;
    EXPECT_TRUE(contains(page, "<a class=\"link\" href=\"https://example.org/paper\" rel=\"noopener\">the paper</a>"));
    EXPECT_TRUE(contains(page, "<annotation encoding=\"application/x-tex\">\\mathrm{softmax}(QK^\\top)</annotation>"));
    EXPECT_TRUE(contains(page, "<p class=\"source\">\u2014 <cite class=\"source-title\">AI/ML Termbase</cite></p>"))
        << "attributed by title, without a line number: " << page;
    EXPECT_TRUE(contains(page, "<a class=\"arxiv\" href=\"https://arxiv.org/abs/1706.03762\" rel=\"noopener\">"));
    EXPECT_TRUE(contains(page, "<a class=\"category\" href=\"category-attention.html\">Attention &amp; Position</a>"));

    const std::string& category = file(s, "category-attention.html");
    EXPECT_TRUE(contains(category, "<h1>Attention &amp; Position</h1>"));
    EXPECT_TRUE(contains(category, "<li><a href=\"glossary.html#attention\" dir=\"auto\">attention</a></li>"));
}

TEST(WebSite, OverTheLimitEachLetterHasItsPage) {
    Site at_limit = site(letters_glossary(f::kOnePageLimit));
    EXPECT_TRUE(at_limit.count("glossary.html"));
    EXPECT_FALSE(at_limit.count("letter-a.html"));

    Site s = site(letters_glossary(f::kOnePageLimit + 1));
    EXPECT_FALSE(s.count("glossary.html"));
    for (std::string letter : {"a", "b", "c", "d", "e"}) EXPECT_TRUE(s.count("letter-" + letter + ".html")) << letter;
    const std::string& a = file(s, "letter-a.html");
    EXPECT_TRUE(contains(a, "<h1>A</h1>"));
    EXPECT_TRUE(contains(a, "<li><a href=\"letter-a.html\" aria-current=\"page\">A</a></li>")) << "the current letter";
    EXPECT_TRUE(contains(a, "<li><a href=\"letter-b.html\">B</a></li>"));
    EXPECT_TRUE(contains(a, "<nav class=\"entries\" aria-label=\"Entries under A\">\n<ul>\n"
                            "<li><a href=\"#term-0\" dir=\"auto\">Aterm 0</a></li>"))
        << a;
    EXPECT_TRUE(contains(a, "<article class=\"concept\" id=\"term-0\">\n<h2 class=\"headword\" dir=\"auto\">"));
    EXPECT_TRUE(contains(a, "href=\"letter-b.html#term-1\"")) << "see also, to another letter's page";
    const BackendInfo& web = *find_backend("web");
    ir::Glossary g = letters_glossary(f::kOnePageLimit + 1);
    EXPECT_TRUE(web.read(render(web.stream, g, RenderContext{kTimestamp})) == web.project(g));
}

TEST(WebSite, ARightToLeftGlossaryIsLaidOutRightToLeft) {
    ir::Glossary g = small_glossary();
    g.language = "ar";
    EXPECT_TRUE(contains(file(site(g), "index.html"), "<html lang=\"ar\" dir=\"rtl\">"));
    g.language = "not a tag";
    EXPECT_TRUE(contains(file(site(g), "index.html"), "<html lang=\"und\">"));
}

TEST(WebSite, AnEmptyGlossaryStillHasAnIndexAndASearch) {
    ir::Glossary g;
    g.title = " ";
    Site s = site(g);
    EXPECT_TRUE(contains(file(s, "index.html"), "<title>Glossary</title>")) << "a blank title is never the page's";
    EXPECT_TRUE(contains(file(s, "index.html"), "id=\"results\""));
    EXPECT_TRUE(contains(file(s, "search-index.js"), "\"pages\": [],\n\"concepts\": [],\n\"names\": []};"));
}

TEST(WebSite, CategoryPagesHaveNamesOfTheirOwnWhateverTheIds) {
    ir::Glossary g = small_glossary();
    g.categories = {{"attention", "One"}, {"attention", "Same id"}, {"Not A Slug", "Two"}, {std::string(80, 'a'), "Long"}};
    Site s = site(g);
    for (std::string name : {"category-attention.html", "category-_1.html", "category-_2.html", "category-_3.html"})
        EXPECT_TRUE(s.count(name)) << name;
    const BackendInfo& web = *find_backend("web");
    EXPECT_TRUE(web.read(render(web.stream, g, RenderContext{kTimestamp})) == web.project(g));
}

// ---- Escaping and what the pages load ---------------------------------------------------------

constexpr std::string_view kScriptBreakout = "</script><script>alert(1)</script>";

ir::Glossary hostile_glossary() {
    ir::Glossary g = small_glossary();
    g.title = "T <b>&amp;</b> \"q\"";
    g.concepts[0].headword = std::string(kScriptBreakout);
    g.concepts[0].labels = {{"x\"><img src=x onerror=alert(2)>", ir::LabelKind::Variant, {}},
                            {"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \x01 \xe2\x80\xa8", ir::LabelKind::Abbreviation, {}}};
    g.concepts[0].definitions = {ir::Definition{"termbase", 1, {ir::text("a & b < c")}, {}, {}, {}, {}}};
    g.concepts[0].definitions[0].summary.push_back(ir::link("javascript:alert(3)", {ir::text("click")}));
    return g;
}

// Every page is well-formed XML as well as HTML: the reader depends on it.
TEST(WebSite, HostileNamesAreEscapedInPagesAndInTheSearchIndex) {
    Site s = site(hostile_glossary());
    for (const auto& [name, bytes] : s) {
        if (!name.ends_with(".html")) continue;
        pugi::xml_document document;
        EXPECT_TRUE(document.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8)) << name;
        EXPECT_FALSE(contains(bytes, "<script>alert")) << name;
        EXPECT_FALSE(contains(bytes, "<img")) << name;
        EXPECT_FALSE(contains(bytes, "href=\"javascript:")) << name;
    }
    const std::string& page = file(s, "glossary.html");
    EXPECT_TRUE(contains(page, "<dfn>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</dfn>")) << page;
    EXPECT_TRUE(contains(page, "x&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    EXPECT_TRUE(contains(page, "\xe2\x90\x81")) << "a control character is shown as its picture";
    EXPECT_TRUE(contains(page, "<span class=\"link\" title=\"javascript:alert(3)\">click</span>"));
    EXPECT_TRUE(contains(file(s, "index.html"), "<h1 class=\"title\">T &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;q&quot;</h1>"));

    // The index: no character that could end a script or a string, and
    // JSON once the assignment is taken off.
    const std::string& index = file(s, "search-index.js");
    for (char c : {'<', '>', '&'}) EXPECT_EQ(index.find(c), std::string::npos) << c << " in " << index;
    EXPECT_FALSE(contains(index, "\xe2\x80\xa8")) << "U+2028 ends a line in older JavaScript";
    const std::string prefix = "window.glossarySearch = ";
    std::size_t start = index.find(prefix);
    ASSERT_NE(start, std::string::npos);
    ASSERT_TRUE(index.ends_with(";\n"));
    std::string json = index.substr(start + prefix.size(), index.size() - start - prefix.size() - 2);
    nlohmann::json data = nlohmann::json::parse(json);  // throws when it is not JSON
    bool found = false;
    for (const auto& concept_ : data["concepts"]) found = found || concept_[1] == std::string(kScriptBreakout);
    EXPECT_TRUE(found) << "the headword comes back as it is";
}

TEST(WebSite, NothingIsLoadedFromElsewhere) {
    Site s = site(hostile_glossary());
    for (const auto& [name, bytes] : s) {
        if (!name.ends_with(".html")) continue;
        EXPECT_TRUE(contains(bytes, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                                    "script-src 'self'; style-src 'self'; img-src 'self' data:;"))
            << name;
        pugi::xml_document document;
        document.load_buffer(bytes.data(), bytes.size());
        for (auto node : document.select_nodes("//script | //link | //img | //iframe | //style | //*[@style]")) {
            pugi::xml_node element = node.node();
            std::string_view tag = element.name();
            EXPECT_TRUE(tag == "script" || tag == "link") << name << ": <" << tag << ">";
            std::string target = element.attribute(tag == "script" ? "src" : "href").value();
            EXPECT_TRUE(target == "style.css" || target == "search.js" || target == "search-index.js" ||
                        target == "data:,")
                << name << ": " << target;
        }
    }
    EXPECT_FALSE(contains(file(s, "style.css"), "@import"));
    EXPECT_FALSE(contains(file(s, "style.css"), "url("));
    EXPECT_FALSE(contains(file(s, "search.js"), "fetch("));
    EXPECT_FALSE(contains(file(s, "search.js"), "XMLHttpRequest"));
    EXPECT_FALSE(contains(file(s, "search.js"), "innerHTML")) << "hits are built with textContent";
}

// ---- Links --------------------------------------------------------------------------------

// The URLs a glossary's sources give: the only other sites a page may link to.
std::set<std::string> urls_given(const ir::Glossary& g) {
    std::set<std::string> out;
    for (const auto& source : g.sources) out.insert(source.url);
    std::function<void(const ir::RichText&)> inline_urls = [&](const ir::RichText& text) {
        for (const auto& node : text) {
            if (node.kind == ir::InlineKind::Link) out.insert(node.target);
            inline_urls(node.children);
        }
    };
    std::function<void(const ir::Blocks&)> block_urls = [&](const ir::Blocks& blocks) {
        for (const auto& block : blocks) {
            inline_urls(block.text);
            for (const auto& item : block.items) block_urls(item);
            for (const auto& row : block.rows)
                for (const auto& cell : row) inline_urls(cell);
        }
    };
    for (const auto& c : g.concepts) {
        for (const auto& d : c.definitions) {
            inline_urls(d.summary);
            for (const ir::Blocks* field : {&d.body, &d.details, &d.example}) block_urls(*field);
        }
        for (const auto& r : c.references) {
            out.insert(r.url);
            out.insert("https://arxiv.org/abs/" + r.arxiv);
        }
    }
    return out;
}

// Every href, src and form action of every page: a relative one names a
// file of the site and, after '#', an id in that file; an absolute one is a
// URL the glossary's sources give. Returns the number of links checked.
std::size_t check_links(const Site& s, const ir::Glossary& g) {
    std::map<std::string, std::set<std::string>> ids;
    std::map<std::string, pugi::xml_document> documents;
    for (const auto& [name, bytes] : s) {
        if (!name.ends_with(".html")) continue;
        auto& document = documents[name];
        EXPECT_TRUE(document.load_buffer(bytes.data(), bytes.size())) << name;
        for (auto node : document.select_nodes("//*[@id]")) {
            bool fresh = ids[name].insert(node.node().attribute("id").value()).second;
            EXPECT_TRUE(fresh) << name << ": id " << node.node().attribute("id").value() << " twice";
        }
    }
    const std::set<std::string> external = urls_given(g);
    std::size_t checked = 0;
    for (const auto& [name, document] : documents)
        for (auto attribute : document.select_nodes("//@href | //@src | //@action")) {
            std::string target = attribute.attribute().value();
            ++checked;
            if (target == "data:,") continue;  // the empty icon
            if (target.find("://") != std::string::npos || target.starts_with("javascript:")) {
                EXPECT_TRUE(external.count(target)) << name << " links to " << target << ", which no source gives";
                continue;
            }
            std::size_t hash = target.find('#');
            std::string file_name = hash == 0 ? name : target.substr(0, hash);
            EXPECT_TRUE(s.count(file_name)) << name << " links to a missing file: " << target;
            if (hash == std::string::npos || !s.count(file_name)) continue;
            std::string fragment = target.substr(hash + 1);
            EXPECT_TRUE(ids[file_name].count(fragment)) << name << " links to a missing id: " << target;
        }
    return checked;
}

TEST(WebLinks, EveryLinkOfTheSeedSiteResolves) {
    const Site& s = seed_site();
    ASSERT_GT(seed_build().glossary->concepts.size(), f::kOnePageLimit) << "the seeds have a page per letter";
    EXPECT_TRUE(s.count("letter-t.html"));
    std::size_t checked = check_links(s, *seed_build().glossary);
    EXPECT_GT(checked, 5000u);
    // Each concept's anchor is its id, the ledger's.
    for (const auto& c : seed_build().glossary->concepts) {
        bool found = false;
        for (const auto& [name, bytes] : s) found = found || contains(bytes, "<article class=\"concept\" id=\"" + c.id + "\">");
        EXPECT_TRUE(found) << c.id;
    }
}

TEST(WebLinks, EveryLinkOfAGeneratedSiteResolves) {
    for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        ir::Glossary g = testing::glossary()(rc::Random(seed), rc::kNominalSize).value();
        check_links(site(g), g);
    }
}

// ---- Reproducible builds ------------------------------------------------------------------------

TEST(WebSite, TwoBuildsOfTheSeedsGiveTheSameBytes) {
    testing::TempDir dir;
    for (std::string jobs : {"1", "2"}) {
        auto result = testing::run_command("SOURCE_DATE_EPOCH=1700000000 " +
                                           testing::shell_quote(testing::glossc_binary().string()) + " build --manifest " +
                                           testing::shell_quote(testing::seeds_manifest().string()) + " --out " +
                                           testing::shell_quote((dir / ("out" + jobs)).string()) +
                                           " --formats web --jobs " + jobs);
        ASSERT_EQ(result.status, 0) << result.output;
    }
    std::string one = testing::read_output(dir / "out1", "web"), two = testing::read_output(dir / "out2", "web");
    EXPECT_GT(one.size(), 100000u);
    EXPECT_TRUE(one == two) << "a build on one thread and on two give different bytes";
    EXPECT_FALSE(contains(one, "1700000000")) << "no time stamp in the site";
}

// ---- The search index -----------------------------------------------------------------------------

TEST(WebSearch, FoldsNamesLikeTheMerge) {
    using web_backend::fold_for_search;
    EXPECT_EQ(fold_for_search("  \u00c9cole \t Normale "), "ecole normale");
    EXPECT_EQ(fold_for_search("KV-Cache"), "kv-cache");
    EXPECT_EQ(fold_for_search("Stra\u00dfe"), "strasse");
    EXPECT_EQ(fold_for_search("\xef\xac\x81nal"), "final") << "compatibility forms: the ligature fi";
    EXPECT_EQ(fold_for_search(" \n"), "");
}

TEST(WebSearch, JavaScriptStringsCannotEndTheScriptOrTheString) {
    std::string out;
    web_backend::append_js_string(out, "</script>\"\\\x01\t&\xe2\x80\xa8\xe2\x80\xa9\xc3\xa9");
    EXPECT_EQ(out, "\"\\u003c/script\\u003e\\\"\\\\\\u0001\\u0009\\u0026\\u2028\\u2029\xc3\xa9\"");
}

TEST(WebSearch, TheIndexListsEveryNameOnceWithItsConceptInSiteOrder) {
    const Site s = site(small_glossary());
    EXPECT_EQ(file(s, "search-index.js"),
              "/* The web edition's search index, read by search.js: every name of every concept, folded. */\n"
              "window.glossarySearch = {\n"
              "\"pages\": [\"glossary.html\"],\n"
              "\"concepts\": [\n"
              "[\"attention\", \"attention\", 0],\n"
              "[\"kv-cache\", \"KV cache\", 0]],\n"
              "\"names\": [\n"
              "[\"attention\", 0],\n"
              "[\"attn\", 0, \"attn\"],\n"
              "[\"atention\", 0],\n"
              "[\"kv cache\", 1],\n"
              "[\"kv\", 1, \"KV\"]]};\n");
}

// ---- The reader -----------------------------------------------------------------------------------

TEST(WebReader, RefusesADamagedSite) {
    const BackendInfo& web = *find_backend("web");
    std::vector<folder::File> good = folder::unpack(render(web.stream, small_glossary(), RenderContext{kTimestamp}));
    auto damaged = [&](const std::string& name, const std::string& from, const std::string& to) {
        std::vector<folder::File> files = good;
        for (auto& member : files) {
            if (member.name != name) continue;
            std::size_t at = member.bytes.find(from);
            EXPECT_NE(at, std::string::npos) << from;
            if (at != std::string::npos) member.bytes.replace(at, from.size(), to);
        }
        return folder::pack(files);
    };
    EXPECT_NO_THROW(web.read(folder::pack(good)));
    std::vector<folder::File> no_index;
    for (const auto& member : good)
        if (member.name != "index.html") no_index.push_back(member);
    EXPECT_THROW(web.read(folder::pack(no_index)), BackendReadError) << "no index.html";
    EXPECT_THROW(web.read(damaged("glossary.html", "</main>", "")), BackendReadError) << "not well-formed";
    EXPECT_THROW(web.read(damaged("glossary.html", "id=\"attention\"", "id=\"_zz\"")), BackendReadError) << "bad anchor";
    EXPECT_THROW(web.read(damaged("glossary.html", "<dfn>attention</dfn>", "attention")), BackendReadError)
        << "no headword";
    EXPECT_THROW(web.read(damaged("glossary.html", "data-kind=\"abbreviation\"", "data-kind=\"nickname\"")),
                 BackendReadError);
    EXPECT_THROW(web.read(damaged("glossary.html", "href=\"category-attention.html\"", "href=\"elsewhere.html\"")),
                 BackendReadError)
        << "a category index.html does not list";
    EXPECT_THROW(web.read(damaged("index.html", "<h1 class=\"title\">", "<h1>")), BackendReadError) << "no title";
}

}  // namespace
}  // namespace glossc
