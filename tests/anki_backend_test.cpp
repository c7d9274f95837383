// The Anki backend beyond the round trip (backend_roundtrip_test.cpp): the
// seed build's deck checked against Anki's schema-11 rules with SQLite and an
// independent SHA-1, the escapes that keep hostile text inert, and an edition
// test through the real CLI: a second edition keeps every note's identity,
// bumps `mod` exactly where the content changed and never touches the note
// type.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "support/reader_fixtures.hpp"
#include "anki/anki_backend.hpp"
#include "anki/anki_prompt.hpp"
#include "backend.hpp"
#include "diagnostics/diagnostics.hpp"
#include "json/json_backend.hpp"
#include "support/anki_inspect.hpp"
#include "support/block_fixture.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

namespace fs = std::filesystem;
using testing::anki::Collection;

constexpr std::int64_t kT1 = 1795478400;            // 2026-11-23
constexpr std::int64_t kT2 = kT1 + 45 * 86400;      // 45 days later

std::string guid_for(const std::string& concept_id) {
    std::string hex = testing::anki::sha1_hex("glossc:" + concept_id).substr(0, 16);
    return testing::anki::base91(std::stoull(hex, nullptr, 16));
}

std::int64_t csum_for(const std::string& field) {
    return static_cast<std::int64_t>(std::stoul(testing::anki::sha1_hex(testing::anki::anki_strip_html(field)).substr(0, 8),
                                                nullptr, 16));
}

testing::CommandResult build(const fs::path& manifest, const fs::path& out, std::int64_t epoch, bool release) {
    std::string command = "SOURCE_DATE_EPOCH=" + std::to_string(epoch) + " " +
                          testing::shell_quote(testing::glossc_binary().string()) + " build" +
                          (release ? " --release" : "") + " --manifest " + testing::shell_quote(manifest.string()) +
                          " --out " + testing::shell_quote(out.string()) + " --formats anki,json";
    return testing::run_command(command);
}

// The latest change the committed ledger records.
std::int64_t latest_ledger_change() {
    auto ledger = nlohmann::json::parse(testing::read_bytes(testing::source_dir() / "sources" / "ledger.json"));
    std::int64_t latest = 0;
    for (const auto& c : ledger["concepts"]) latest = std::max(latest, c["modified"].get<std::int64_t>());
    return latest;
}

const nlohmann::json& model_of(const Collection& c) { return c.models.at(std::to_string(anki_backend::kNoteTypeId)); }

std::size_t field_index(std::string_view name) {
    for (std::size_t i = 0; i < anki_backend::kFieldCount; ++i)
        if (anki_backend::kFieldNames[i] == name) return i;
    return anki_backend::kFieldCount;
}

// ---- The seed build's deck ---------------------------------------------------------------

class AnkiSeedDeck : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<testing::TempDir>();
        auto result = build(testing::seeds_manifest(), dir_->path() / "out", kT1, false);
        ASSERT_EQ(result.status, 0) << result.output;
        apkg_ = testing::read_bytes(dir_->path() / "out" / "glossary.apkg");
        glossary_ = json_backend::read(testing::read_bytes(dir_->path() / "out" / "glossary.json"));
        deck_ = testing::anki::open_apkg(apkg_);
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static std::unique_ptr<testing::TempDir> dir_;
    static std::string apkg_;
    static ir::Glossary glossary_;
    static Collection deck_;
};

std::unique_ptr<testing::TempDir> AnkiSeedDeck::dir_;
std::string AnkiSeedDeck::apkg_;
ir::Glossary AnkiSeedDeck::glossary_;
Collection AnkiSeedDeck::deck_;

TEST_F(AnkiSeedDeck, IsAZipOfCollectionAndEmptyMedia) {
    EXPECT_EQ(deck_.members, (std::vector<std::string>{"collection.anki2", "media"}));
    auto media = nlohmann::json::parse(deck_.media, nullptr, false);
    ASSERT_FALSE(media.is_discarded()) << "media must be valid JSON";
    EXPECT_TRUE(media.is_object() && media.empty()) << deck_.media;
    EXPECT_EQ(deck_.integrity, "ok");
}

TEST_F(AnkiSeedDeck, HasSchema11TablesAndIndexes) {
    using testing::anki::Column;
    auto columns = [](std::vector<std::pair<std::string, std::string>> spec, std::string pk) {
        std::vector<Column> out;
        for (auto& [name, type] : spec) out.push_back({name, type, name != pk, name == pk ? 1 : 0});
        return out;
    };
    const std::map<std::string, std::vector<Column>> expected{
        {"col", columns({{"id", "INTEGER"}, {"crt", "INTEGER"}, {"mod", "INTEGER"}, {"scm", "INTEGER"},
                         {"ver", "INTEGER"}, {"dty", "INTEGER"}, {"usn", "INTEGER"}, {"ls", "INTEGER"},
                         {"conf", "TEXT"}, {"models", "TEXT"}, {"decks", "TEXT"}, {"dconf", "TEXT"}, {"tags", "TEXT"}},
                        "id")},
        {"notes", columns({{"id", "INTEGER"}, {"guid", "TEXT"}, {"mid", "INTEGER"}, {"mod", "INTEGER"},
                           {"usn", "INTEGER"}, {"tags", "TEXT"}, {"flds", "TEXT"}, {"sfld", "INTEGER"},
                           {"csum", "INTEGER"}, {"flags", "INTEGER"}, {"data", "TEXT"}},
                          "id")},
        {"cards", columns({{"id", "INTEGER"}, {"nid", "INTEGER"}, {"did", "INTEGER"}, {"ord", "INTEGER"},
                           {"mod", "INTEGER"}, {"usn", "INTEGER"}, {"type", "INTEGER"}, {"queue", "INTEGER"},
                           {"due", "INTEGER"}, {"ivl", "INTEGER"}, {"factor", "INTEGER"}, {"reps", "INTEGER"},
                           {"lapses", "INTEGER"}, {"left", "INTEGER"}, {"odue", "INTEGER"}, {"odid", "INTEGER"},
                           {"flags", "INTEGER"}, {"data", "TEXT"}},
                          "id")},
        {"revlog", columns({{"id", "INTEGER"}, {"cid", "INTEGER"}, {"usn", "INTEGER"}, {"ease", "INTEGER"},
                            {"ivl", "INTEGER"}, {"lastIvl", "INTEGER"}, {"factor", "INTEGER"}, {"time", "INTEGER"},
                            {"type", "INTEGER"}},
                           "id")},
        {"graves", columns({{"usn", "INTEGER"}, {"oid", "INTEGER"}, {"type", "INTEGER"}}, "")},
    };
    for (auto& [table, cols] : expected) {
        auto it = deck_.table_info.find(table);
        ASSERT_NE(it, deck_.table_info.end()) << "missing table " << table;
        EXPECT_EQ(it->second, cols) << "columns of " << table;
    }
    EXPECT_EQ(deck_.table_info.size(), expected.size()) << "no other tables";
    const std::map<std::string, std::pair<std::string, std::string>> indexes{
        {"ix_notes_usn", {"notes", "(usn)"}},          {"ix_cards_usn", {"cards", "(usn)"}},
        {"ix_revlog_usn", {"revlog", "(usn)"}},        {"ix_cards_nid", {"cards", "(nid)"}},
        {"ix_cards_sched", {"cards", "(did, queue, due)"}}, {"ix_revlog_cid", {"revlog", "(cid)"}},
        {"ix_notes_csum", {"notes", "(csum)"}}};
    std::set<std::string> found;
    for (const auto& object : deck_.schema) {
        if (object.type != "index") continue;
        auto it = indexes.find(object.name);
        ASSERT_NE(it, indexes.end()) << "unexpected index " << object.name;
        EXPECT_EQ(object.table, it->second.first);
        // SQLite stores the statement with its leading keywords upper-cased, as in Anki's own files.
        EXPECT_EQ(object.sql, "CREATE INDEX " + object.name + " on " + it->second.first + " " + it->second.second);
        found.insert(object.name);
    }
    EXPECT_EQ(found.size(), indexes.size()) << "Anki's seven indexes";
    EXPECT_EQ(deck_.revlog_rows, 0);
    EXPECT_EQ(deck_.graves_rows, 0);
}

void expect_keys(const nlohmann::json& object, std::initializer_list<const char*> keys, const std::string& what) {
    ASSERT_TRUE(object.is_object()) << what;
    for (const char* key : keys) EXPECT_TRUE(object.contains(key)) << what << " lacks \"" << key << "\"";
}

TEST_F(AnkiSeedDeck, ColHasEveryKeyAnkiRequires) {
    EXPECT_EQ(deck_.col_rows, 1);
    EXPECT_EQ(deck_.ver, 11);
    EXPECT_EQ(deck_.mod, kT1 * 1000);
    EXPECT_EQ(deck_.scm, kT1 * 1000);
    EXPECT_EQ(deck_.crt, kT1 - kT1 % 86400);
    expect_keys(deck_.conf,
                {"activeDecks", "curDeck", "newSpread", "collapseTime", "timeLim", "estTimes", "dueCounts", "curModel",
                 "nextPos", "sortType", "sortBackwards", "addToCur"},
                "conf");
    EXPECT_EQ(deck_.conf["nextPos"].get<std::int64_t>(), static_cast<std::int64_t>(deck_.notes.size()) + 1);

    ASSERT_EQ(deck_.models.size(), 1u);
    const auto& model = model_of(deck_);
    expect_keys(model,
                {"id", "name", "type", "mod", "usn", "sortf", "did", "tmpls", "flds", "css", "latexPre", "latexPost",
                 "req", "tags", "vers"},
                "note type");
    EXPECT_EQ(model["id"].get<std::int64_t>(), anki_backend::kNoteTypeId);
    EXPECT_EQ(model["type"], 0);
    EXPECT_EQ(model["sortf"], 0);
    ASSERT_EQ(model["flds"].size(), anki_backend::kFieldCount);
    for (std::size_t i = 0; i < anki_backend::kFieldCount; ++i) {
        expect_keys(model["flds"][i], {"name", "ord", "sticky", "rtl", "font", "size", "media"}, "field");
        EXPECT_EQ(model["flds"][i]["name"], anki_backend::kFieldNames[i]);
        EXPECT_EQ(model["flds"][i]["ord"], i);
    }
    ASSERT_EQ(model["tmpls"].size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        expect_keys(model["tmpls"][i], {"name", "ord", "qfmt", "afmt", "did", "bqfmt", "bafmt"}, "template");
        EXPECT_EQ(model["tmpls"][i]["ord"], i);
        EXPECT_EQ(model["tmpls"][i]["name"], anki_backend::kTemplateNames[i]);
    }
    EXPECT_NE(model["tmpls"][0]["qfmt"].get<std::string>().find("{{Term}}"), std::string::npos);
    EXPECT_NE(model["tmpls"][1]["qfmt"].get<std::string>().find("{{Definition}}"), std::string::npos);
    EXPECT_NE(model["css"].get<std::string>().find(".nightMode"), std::string::npos) << "night mode styles";

    for (const auto& [key, deck] : deck_.decks.items()) {
        expect_keys(deck,
                    {"id", "mod", "name", "usn", "lrnToday", "revToday", "newToday", "timeToday", "collapsed", "desc",
                     "dyn", "conf", "extendNew", "extendRev"},
                    "deck " + key);
        EXPECT_EQ(key, std::to_string(deck["id"].get<std::int64_t>()));
    }
    ASSERT_TRUE(deck_.decks.contains("1")) << "Anki's Default deck";
    ASSERT_TRUE(deck_.decks.contains(std::to_string(anki_backend::kDeckId)));
    EXPECT_NE(anki_backend::kDeckId, 1);
    EXPECT_EQ(deck_.decks[std::to_string(anki_backend::kDeckId)]["name"], glossary_.title);

    for (const auto& [key, group] : deck_.dconf.items()) {
        expect_keys(group, {"id", "mod", "name", "usn", "maxTaken", "autoplay", "timer", "replayq", "new", "rev", "lapse"},
                    "options group " + key);
        expect_keys(group["new"], {"delays", "initialFactor", "ints", "order", "perDay"}, "options.new");
        expect_keys(group["rev"], {"ease4", "ivlFct", "maxIvl", "perDay"}, "options.rev");
        expect_keys(group["lapse"], {"delays", "leechAction", "leechFails", "minInt", "mult"}, "options.lapse");
    }
    EXPECT_TRUE(deck_.dconf.contains("1"));
    EXPECT_TRUE(deck_.tags.is_object());
}

TEST_F(AnkiSeedDeck, NotesFollowAnkiRules) {
    ASSERT_EQ(deck_.notes.size(), glossary_.concepts.size()) << "one note per concept";
    std::map<std::string, const ir::Concept*> concepts;
    for (const auto& c : glossary_.concepts) concepts[c.id] = &c;
    const std::size_t field_count = model_of(deck_)["flds"].size();
    std::set<std::string> guids;
    std::size_t id_field = field_index("ConceptId");
    for (const auto& n : deck_.notes) {
        ASSERT_EQ(n.fields.size(), field_count) << "field count = the note type's: " << n.flds;
        const std::string& id = n.fields[id_field];
        ASSERT_TRUE(concepts.count(id)) << "ConceptId holds a concept id: " << id;
        const ir::Concept& c = *concepts[id];
        EXPECT_EQ(n.guid, guid_for(id)) << "guid derived from the concept id";
        EXPECT_TRUE(guids.insert(n.guid).second) << "unique guid";
        EXPECT_EQ(n.mid, anki_backend::kNoteTypeId);
        EXPECT_EQ(n.usn, -1);
        EXPECT_GE(n.mod, anki_backend::kFieldsModified) << "never older than the notes' fields";
        EXPECT_LE(n.mod, std::max({kT1, latest_ledger_change() + 1, anki_backend::kFieldsModified}))
            << "from the ledger, or the build's timestamp";
        EXPECT_EQ(n.flags, 0);
        EXPECT_EQ(n.data, "");
        // Anki's sort field: the stripped first field, which is the headword.
        EXPECT_EQ(n.sfld, testing::anki::anki_strip_html(n.fields[0]));
        if (n.sfld_is_text) {
            EXPECT_EQ(n.sfld, c.headword);
        }
        EXPECT_EQ(n.csum, csum_for(n.fields[0])) << c.headword;
        // Tags: " a b " with the category hierarchy.
        if (c.categories.empty()) {
            EXPECT_EQ(n.tags, "");
        } else {
            ASSERT_GE(n.tags.size(), 2u);
            EXPECT_EQ(n.tags.front(), ' ');
            EXPECT_EQ(n.tags.back(), ' ');
            for (const auto& category : c.categories)
                EXPECT_NE(n.tags.find(" glossary::" + category + " "), std::string::npos) << n.tags;
        }
        // Nothing Anki would turn into media or LaTeX tags; no raw markup from the text.
        EXPECT_EQ(n.flds.find('['), std::string::npos) << n.flds;
        EXPECT_EQ(n.flds.find("<script"), std::string::npos);
    }
}

TEST_F(AnkiSeedDeck, OneCardPerTemplatePerNote) {
    std::map<std::int64_t, std::vector<const testing::anki::Card*>> by_note;
    std::set<std::int64_t> card_ids;
    for (const auto& k : deck_.cards) {
        by_note[k.nid].push_back(&k);
        EXPECT_TRUE(card_ids.insert(k.id).second);
    }
    const std::size_t templates = model_of(deck_)["tmpls"].size();
    std::set<std::int64_t> dues;
    for (const auto& n : deck_.notes) {
        auto& cards = by_note[n.id];
        ASSERT_EQ(cards.size(), templates) << "note " << n.id;
        std::set<std::int64_t> ords;
        for (const auto* k : cards) {
            ords.insert(k->ord);
            EXPECT_EQ(k->did, anki_backend::kDeckId);
            EXPECT_EQ(k->type, 0);
            EXPECT_EQ(k->queue, 0);
            EXPECT_EQ(k->due, cards[0]->due) << "a note's cards share its position";
            EXPECT_EQ(k->mod, n.mod);
            EXPECT_EQ(k->usn, -1);
            EXPECT_EQ(k->ivl, 0);
            EXPECT_EQ(k->reps, 0);
        }
        EXPECT_EQ(ords, (std::set<std::int64_t>{0, 1}));
        dues.insert(cards[0]->due);
    }
    EXPECT_EQ(by_note.size(), deck_.notes.size()) << "no card without a note";
    ASSERT_FALSE(dues.empty());
    EXPECT_EQ(*dues.begin(), 1);
    EXPECT_EQ(*dues.rbegin(), static_cast<std::int64_t>(deck_.notes.size())) << "due = position 1..N";
}

TEST_F(AnkiSeedDeck, MathIsForMathJax) {
    std::size_t math_nodes = 0, found = 0;
    std::string all;
    for (const auto& n : deck_.notes) all += n.flds;
    std::function<void(const ir::RichText&)> visit = [&](const ir::RichText& text) {
        for (const auto& node : text) {
            if (node.kind == ir::InlineKind::Math) {
                ++math_nodes;
                std::string tex;
                for (char ch : node.text) tex += ch == '&' ? "&amp;" : ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : std::string(1, ch);
                if (tex.find_first_of("\"'[\n\x1f") == std::string::npos &&
                    all.find("<span class=\"math\">\\(" + tex + "\\)</span>") != std::string::npos)
                    ++found;
            }
            visit(node.children);
        }
    };
    for (const auto& c : glossary_.concepts)
        for (const auto& d : c.definitions)
            for (const auto* text : testing::rich_texts(d)) visit(*text);
    EXPECT_GT(math_nodes, 0u) << "the seeds have formulas";
    EXPECT_GT(found, math_nodes / 2) << "formulas as \\(..\\) for Anki's MathJax";
}

// Whether `name` is in `text` as a whole word, without ASCII case: the
// check of the prompts, written apart from the backend's masking.
bool names_word(const std::string& text, const std::string& name) {
    auto lower = [](std::string s) {
        for (auto& ch : s) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        return s;
    };
    auto alnum = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; };
    const std::string t = lower(text), n = lower(name);
    if (n.empty()) return false;
    for (std::size_t at = t.find(n); at != std::string::npos; at = t.find(n, at + 1)) {
        bool starts = at == 0 || !alnum(t[at - 1]) || !alnum(n.front());
        bool ends = at + n.size() == t.size() || !alnum(t[at + n.size()]) || !alnum(n.back());
        if (starts && ends) return true;
    }
    return false;
}

// The "Definition → Term" card asks with one masked summary: no name of the
// concept in it (as a whole word, any case), no "see also", every
// definition after it for the answer.
TEST_F(AnkiSeedDeck, ReversePromptsGiveNoNameAway) {
    std::map<std::string, const ir::Concept*> concepts;
    for (const auto& c : glossary_.concepts) concepts[c.id] = &c;
    constexpr std::string_view kOpen = "<div class=\"reverse-prompt\">";
    std::vector<std::size_t> lengths;
    for (const auto& n : deck_.notes) {
        const ir::Concept& c = *concepts.at(n.fields[field_index("ConceptId")]);
        const std::string& field = n.fields[field_index("Definition")];
        if (field.empty()) continue;  // only usage examples: no card to ask with
        ASSERT_TRUE(field.starts_with(kOpen)) << c.headword << ": " << field;
        const std::size_t close = field.find("</div>");
        const std::string prompt = testing::anki::anki_strip_html(field.substr(kOpen.size(), close - kOpen.size()));
        EXPECT_TRUE(std::string_view(field).substr(close).starts_with("</div><ol class=\"definitions"))
            << "the answer's list follows";
        EXPECT_EQ(prompt.find("See also"), std::string::npos) << prompt;
        EXPECT_FALSE(names_word(prompt, c.headword)) << c.headword << ": " << prompt;
        for (const auto& label : c.labels)
            EXPECT_FALSE(names_word(prompt, label.text)) << c.headword << " / " << label.text << ": " << prompt;
        std::size_t characters = 0;
        for (unsigned char ch : prompt) characters += (ch & 0xC0) != 0x80;
        lengths.push_back(characters);
    }
    ASSERT_GT(lengths.size(), deck_.notes.size() * 9 / 10) << "nearly every note asks";
    std::sort(lengths.begin(), lengths.end());
    std::cout << "[reverse prompts] " << lengths.size() << " prompts, median " << lengths[lengths.size() / 2]
              << " characters, longest " << lengths.back() << "\n";
}

TEST_F(AnkiSeedDeck, ReadsBackAsTheProjectionOfTheBuild) {
    EXPECT_TRUE(anki_backend::read(apkg_) == anki_backend::project(glossary_));
}

// ---- Hostile text, by hand ------------------------------------------------------------------

ir::Glossary hostile_glossary() {
    ir::Glossary g;
    g.title = "T::itle \"quoted\"";
    g.language = "en";
    g.edition = "2026-11-23";
    g.categories = {{"attention", "Attention & <Position>"}};
    ir::Concept c;
    c.id = "evil";
    c.headword = "<b>x</b> & [sound:boom.mp3] \\(not math\\) \x1f tab\tnl\n";
    c.labels = {{"[$]x[/$]", ir::LabelKind::Abbreviation, {"s"}}, {"hid'den", ir::LabelKind::Hidden, {}}};
    c.categories = {"attention"};
    ir::Definition d;
    d.source = "s\x1f<src>";
    d.summary = {ir::text("Uses "), ir::math("\\frac{a}{b} < c \\) [x]"), ir::text(" and "), ir::code("a<b>&c")};
    d.body = ir::paragraphs({ir::link("javascript:alert(1)", {ir::text("click")}), ir::link("https://e.x/?a=1&b=\"2\"", {})});
    d.example = ir::paragraphs({ir::emph({ir::strong({ir::ref("other", {ir::text("see {{Term}}")})})})});
    d.flags = {"truncated", ""};
    c.definitions = {d};
    c.related = {"evil", "missing"};
    c.references = {{"Title [1]", "", "", "2210.17323", "ftp://x"}, {}};
    g.concepts = {c};
    return g;
}

TEST(AnkiBackend, KeepsHostileTextInert) {
    ir::Glossary g = hostile_glossary();
    std::string apkg = render(anki_backend::stream, g, RenderContext{kT1});
    Collection deck = testing::anki::open_apkg(apkg);
    ASSERT_EQ(deck.notes.size(), 1u);
    const auto& n = deck.notes[0];
    ASSERT_EQ(n.fields.size(), anki_backend::kFieldCount) << "U+001F in text must not add fields";
    EXPECT_EQ(n.flds.find("[sound:"), std::string::npos);
    EXPECT_EQ(n.flds.find("[$]"), std::string::npos);
    EXPECT_EQ(n.flds.find("<b>"), std::string::npos);
    EXPECT_EQ(n.flds.find("javascript:"), n.flds.find("data-url=\"javascript:") + 10) << "not clickable";
    EXPECT_NE(n.fields[0].find("<span class=\"nomath mathjax_ignore tex2jax_ignore\">"), std::string::npos)
        << "a backslash in prose is kept away from MathJax";
    EXPECT_EQ(n.sfld, "<b>x</b> & [sound:boom.mp3] \\(not math\\) \x1f tab\tnl") << "Anki's stripped headword";
    EXPECT_EQ(n.csum, csum_for(n.fields[0]));
    EXPECT_EQ(deck.decks[std::to_string(anki_backend::kDeckId)]["name"], "T:itle quoted");
    EXPECT_TRUE(anki_backend::read(apkg) == anki_backend::project(g));
}

TEST(AnkiBackend, AnExampleIsNotADefinitionToAskAbout) {
    ir::Glossary g;
    g.title = "T";
    ir::Concept c;
    c.id = "bert";
    c.headword = "BERT";
    ir::Definition d;
    d.source = "acronym-list";
    d.example = ir::paragraphs({ir::text("Fine-tune BERT on the task.")});
    c.definitions = {d};
    g.concepts = {c};
    std::string apkg = render(anki_backend::stream, g, RenderContext{kT1});
    Collection deck = testing::anki::open_apkg(apkg);
    ASSERT_EQ(deck.notes.size(), 1u);
    EXPECT_EQ(deck.notes[0].fields[field_index("Definition")], "") << "no blank definition on a card's front";
    EXPECT_NE(deck.notes[0].fields[field_index("Example")].find("Fine-tune BERT"), std::string::npos);
    EXPECT_NE(deck.notes[0].fields[field_index("Sources")].find("acronym-list"), std::string::npos);
    EXPECT_EQ(deck.cards.size(), 2u) << "still one card per template";
    EXPECT_TRUE(anki_backend::read(apkg) == anki_backend::project(g));
}

// ---- Sources and names as learners see them (issue 24) ----------------------------------------

TEST(AnkiSources, LearnersSeeSourceTitlesAndNamesOnly) {
    ir::Glossary g;
    g.title = "T";
    g.sources = {{"termbase", "001_termbase.txt", "termbase-json", 50, 1, "AI/ML Termbase", "https://example.org/t?a=1&b=<2>"},
                 {"topic-list", "003_topics.txt", "topic-list", 20, 1, "Topic List", ""}};
    ir::Concept c;
    c.id = "kv-cache";
    c.headword = "KV cache";
    c.labels = {{"KV", ir::LabelKind::Abbreviation, {}}, {"key-value cache", ir::LabelKind::Expansion, {}}};
    ir::Definition d;
    d.source = "termbase";
    d.line = 6193;
    d.summary = {ir::text("Keeps keys and values.")};
    c.definitions = {d};
    d.source = "topic-list";
    d.line = 12;
    d.flags = {"truncated"};
    c.definitions.push_back(d);
    g.concepts = {c};
    std::string apkg = render(anki_backend::stream, g, RenderContext{kT1});
    Collection deck = testing::anki::open_apkg(apkg);
    ASSERT_EQ(deck.notes.size(), 1u);
    const std::string& sources = deck.notes[0].fields[field_index("Sources")];
    EXPECT_EQ(sources,
              "<ol class=\"sources\"><li class=\"source\"><span class=\"source-title\">AI/ML Termbase</span></li>"
              "<li class=\"source\"><span class=\"source-title\">Topic List</span><span class=\"flag\">truncated</span></li></ol>");
    for (const std::string& field : deck.notes[0].fields)
        for (std::string hidden : {"termbase", "topic-list", "001_termbase.txt", "6193"})
            EXPECT_EQ(field.find(hidden), std::string::npos) << hidden << " shown in " << field;
    // Names only: the kind is an attribute, and the CSS adds no kind either.
    EXPECT_EQ(anki_backend::strip_html(deck.notes[0].fields[field_index("Aliases")]), "KVkey-value cache");
    const std::string css = model_of(deck)["css"];
    EXPECT_EQ(css.find("content: \"abbr.\""), std::string::npos) << css;
    EXPECT_EQ(css.find("content: \"expansion\""), std::string::npos) << css;
    // The deck's description lists the sources by title, linked to their URL.
    const std::string desc = deck.decks[std::to_string(anki_backend::kDeckId)]["desc"];
    EXPECT_NE(desc.find("<div class=\"glossc-sources\">Sources: <ul><li class=\"source\"><a class=\"source-title\" "
                        "href=\"https://example.org/t?a=1&amp;b=&lt;2&gt;\">AI/ML Termbase</a></li><li class=\"source\">"
                        "<span class=\"source-title\">Topic List</span></li></ul></div>"),
              std::string::npos)
        << desc;
    EXPECT_EQ(desc.find("001_termbase.txt"), std::string::npos) << desc;

    ir::Glossary back = anki_backend::read(apkg);
    EXPECT_TRUE(back == anki_backend::project(g));
    ASSERT_EQ(back.sources.size(), 2u);
    EXPECT_EQ(back.sources[0].id, "AI/ML Termbase");
    EXPECT_EQ(back.sources[0].url, "https://example.org/t?a=1&b=<2>");
    ASSERT_EQ(back.concepts[0].definitions.size(), 2u);
    EXPECT_EQ(back.concepts[0].definitions[1].source, "Topic List");
    EXPECT_EQ(back.concepts[0].definitions[1].line, 0u);
}

// The done-when check of issue 24 on the seed deck: no note shows a source
// id, a source's file name or a line number where it names a definition's
// source; each definition is named by a title of the manifest.
TEST_F(AnkiSeedDeck, NotesNameSourcesByTitleOnly) {
    std::set<std::string> titles;
    for (const auto& source : glossary_.sources) {
        ASSERT_NE(source.title, source.id) << "the seed manifest gives every source a title";
        titles.insert(source.title);
    }
    std::size_t definitions = 0;
    for (const auto& n : deck_.notes) {
        const std::string& field = n.fields[field_index("Sources")];
        static const std::regex kSource("<li class=\"source\"><span class=\"source-title\">([^<]*)</span>");
        for (std::sregex_iterator it(field.begin(), field.end(), kSource), end; it != end; ++it, ++definitions)
            EXPECT_TRUE(titles.count((*it)[1])) << "not a source title: " << (*it)[1];
        const std::string shown = anki_backend::strip_html(n.flds);
        EXPECT_FALSE(std::regex_search(shown, std::regex("line [0-9]"))) << shown;
        for (const auto& source : glossary_.sources) EXPECT_EQ(shown.find(source.file), std::string::npos) << shown;
        std::string sources_shown = anki_backend::strip_html(field);
        for (const auto& source : glossary_.sources)
            EXPECT_EQ(sources_shown.find(source.id), std::string::npos) << source.id << " in " << sources_shown;
    }
    std::size_t expected = 0;
    for (const auto& c : glossary_.concepts) expected += c.definitions.size();
    EXPECT_EQ(definitions, expected) << "one title per definition";
}

// ---- The reverse card's prompt ----------------------------------------------------------------

const std::string kMasked(anki_backend::kMask);

TEST(AnkiPrompt, MasksNamesLongestFirstWithTheirEndings) {
    const std::vector<std::string> names{"KV cache", "KV"};
    EXPECT_EQ(anki_backend::mask_names("KV cache (KV) keeps KV-cache entries; KV caches grow.", names),
              kMasked + " (" + kMasked + ") keeps " + kMasked + " entries; " + kMasked + " grow.");
    EXPECT_EQ(anki_backend::mask_names("attentional attention's Attention, ATTENTION\xE2\x80\x99s", {"attention"}),
              "attentional " + kMasked + " " + kMasked + ", " + kMasked);
    EXPECT_EQ(anki_backend::mask_names("LoRAs and LoRA-based; QLoRA, loraX", {"LoRA"}),
              kMasked + " and " + kMasked + "-based; QLoRA, loraX");
    EXPECT_EQ(anki_backend::mask_names("caf\xC3\xA9s KV\xC3\xA9 \xE2\x80\x94KV\xE2\x80\x94", {"KV"}),
              "caf\xC3\xA9s KV\xC3\xA9 \xE2\x80\x94" + kMasked + "\xE2\x80\x94")
        << "a letter beyond ASCII is part of a word, a dash is not";
    EXPECT_EQ(anki_backend::mask_names("C++ and C", {"C++"}), kMasked + " and C");
}

TEST(AnkiPrompt, NamesAreTheHeadwordLabelsAndTheHeadwordWithoutItsQualifier) {
    ir::Concept c;
    c.headword = "Verifier (RL answer checker)";
    c.labels = {{"verifier", ir::LabelKind::Variant, {}}, {"RLVR judge", ir::LabelKind::Hidden, {}}};
    EXPECT_EQ(anki_backend::names_to_mask(c),
              (std::vector<std::string>{"Verifier (RL answer checker)", "RLVR judge", "Verifier", "verifier"}));
    c.headword = "A (Active params)";
    c.labels.clear();
    EXPECT_EQ(anki_backend::names_to_mask(c), (std::vector<std::string>{"A (Active params)"}))
        << "a one-letter name is not masked in every \"a\"";
}

TEST(AnkiPrompt, IsOneSummaryWithNamesMaskedInEveryNodeButFormulas) {
    ir::Concept c;
    c.headword = "KV cache";
    c.labels = {{"KV", ir::LabelKind::Abbreviation, {}}};
    ir::Definition long_one, summary;
    long_one.body = ir::paragraphs({ir::text("A long body about the KV cache.")});
    summary.summary = {ir::text("Keeps "), ir::emph({ir::text("KV")}), ir::text(" pairs: "), ir::math("KV"),
                       ir::code("KV cache.get()")};
    c.definitions = {long_one, summary};
    EXPECT_EQ(anki_backend::reverse_prompt(c),
              (ir::RichText{ir::text("Keeps "), ir::emph({ir::text(kMasked)}), ir::text(" pairs: "), ir::math("KV"),
                            ir::code(kMasked + ".get()")}))
        << "a summary before any body";
    c.definitions = {long_one};
    EXPECT_EQ(anki_backend::reverse_prompt(c), (ir::RichText{ir::text("A long body about the " + kMasked + ".")}))
        << "no summary: the first paragraph of a body";
    c.definitions[0].body = {ir::bullet_list({ir::paragraphs({ir::text("KV")})})};
    EXPECT_TRUE(anki_backend::reverse_prompt(c).empty()) << "nothing to ask with";
}

TEST(AnkiPrompt, TheReverseCardAsksWithThePromptAlone) {
    Collection deck = testing::anki::open_apkg(render(anki_backend::stream, hostile_glossary(), RenderContext{kT1}));
    const auto& tmpls = model_of(deck)["tmpls"];
    ASSERT_EQ(tmpls.size(), 2u);
    EXPECT_NE(tmpls[1]["qfmt"].get<std::string>().find("class=\"definition-field asking\">{{Definition}}"),
              std::string::npos);
    EXPECT_NE(tmpls[1]["afmt"].get<std::string>().find("<div class=\"definition-field\">{{Definition}}"),
              std::string::npos)
        << "every definition on the answer side";
    const std::string css = model_of(deck)["css"].get<std::string>();
    EXPECT_NE(css.find(".asking .reverse-prompt ~ * { display: none; }"), std::string::npos);
    EXPECT_NE(css.find(".reverse-prompt { display: none; }"), std::string::npos) << "not on the other card";
}

// ---- Blocks ------------------------------------------------------------------------------

// A definition with every kind of block (its displayed formulas: one MathJax
// takes, one it may not show); details in blocks, an example of one
// paragraph (written as before blocks).
ir::Glossary blocks_glossary() {
    ir::Definition d;
    d.source = "s";
    d.summary = {ir::text("Weighs tokens.")};
    d.body = testing::every_kind_of_block("\\href{javascript:alert(1)}{x}");
    d.details = {ir::paragraph({ir::text("Cost:")}), ir::display_math("O(n)")};
    d.example = ir::paragraphs({ir::text("See above.")});
    ir::Glossary g;
    g.title = "T";
    g.concepts.emplace_back().id = "attention";
    g.concepts[0].headword = "attention";
    g.concepts[0].definitions = {d};
    return g;
}

TEST(AnkiBlocks, FieldsShowEveryKindOfBlock) {
    Collection deck = testing::anki::open_apkg(render(anki_backend::stream, blocks_glossary(), RenderContext{kT1}));
    ASSERT_EQ(deck.notes.size(), 1u);
    const auto& fields = deck.notes[0].fields;
    EXPECT_EQ(fields[field_index("Definition")],
              "<div class=\"reverse-prompt\">Weighs tokens.</div>"
              "<ol class=\"definitions single\"><li class=\"definition\" value=\"1\"><div class=\"summary\">Weighs "
              "tokens.</div><div class=\"body\">"
              "<p>Intro with <span class=\"math\">\\(x^2\\)</span>.</p>"
              "<ul><li>one</li><li><p>two</p><ul><li>nested</li></ul></li></ul>"
              "<ol start=\"3\"><li>third</li><li><em>fourth</em></li></ol>"
              "<pre><code class=\"language-c++\">  if (a &lt; b &amp;&amp; c&#91;0])<br>    return &quot;]]&gt;&quot;;</code></pre>"
              "<div class=\"math\">\\&#91;\\sum_i x_i\\]</div>"
              "<pre><code>\\href{javascript:alert(1)}{x}</code></pre>"
              "<blockquote><p>quoted</p><p>twice</p></blockquote>"
              "<table><thead><tr><th>h1</th><th>h2</th></tr></thead>"
              "<tbody><tr><td>a</td><td><code>b</code></td></tr></tbody></table>"
              "</div></li></ol>");
    EXPECT_EQ(fields[field_index("Details")],
              "<div class=\"details\" data-def=\"1\"><p>Cost:</p><div class=\"math\">\\&#91;O(n)\\]</div></div>");
    EXPECT_EQ(fields[field_index("Example")], "<div class=\"example\" data-def=\"1\">See above.</div>");
}

TEST(AnkiBlocks, ReadBackAsWritten) {
    ir::Glossary g = blocks_glossary();
    ir::Glossary back = anki_backend::read(render(anki_backend::stream, g, RenderContext{kT1}));
    EXPECT_TRUE(back == anki_backend::project(g));
    // The blocks come back; the formula MathJax may not show comes back as the code it is shown as.
    ir::Blocks body = g.concepts[0].definitions[0].body;
    body[5] = ir::code_block("\\href{javascript:alert(1)}{x}");
    ASSERT_EQ(back.concepts.size(), 1u);
    EXPECT_EQ(back.concepts[0].definitions[0].body, body);
    EXPECT_EQ(back.concepts[0].definitions[0].details, g.concepts[0].definitions[0].details);
}

TEST(AnkiBlocks, RefusedDisplayedFormulasAreReported) {
    DiagnosticSink diagnostics;
    render(anki_backend::stream, blocks_glossary(), RenderContext{kT1}, diagnostics, "glossary.apkg");
    ASSERT_EQ(diagnostics.all().size(), 1u);
    EXPECT_EQ(diagnostics.all()[0].code, "anki-math-refused");
    EXPECT_NE(diagnostics.all()[0].message.find("\\href"), std::string::npos) << diagnostics.all()[0].message;
}

// The CSS of blocks (and the newer note type that carries it) only in a deck
// that shows blocks: a deck of one-paragraph definitions keeps the note type
// it had, byte for byte.
TEST(AnkiBlocks, NoteTypeHasBlockCssOnlyWithBlocks) {
    Collection plain = testing::anki::open_apkg(render(anki_backend::stream, hostile_glossary(), RenderContext{kT1}));
    Collection blocks = testing::anki::open_apkg(render(anki_backend::stream, blocks_glossary(), RenderContext{kT1}));
    EXPECT_EQ(model_of(plain)["mod"], anki_backend::kNoteTypeModified);
    EXPECT_EQ(model_of(plain)["css"].get<std::string>().find("overflow-x"), std::string::npos);
    EXPECT_EQ(model_of(blocks)["mod"], anki_backend::kNoteTypeBlocksModified);
    EXPECT_GT(anki_backend::kNoteTypeBlocksModified, anki_backend::kNoteTypeModified) << "Anki takes only a newer note type";
    std::string css = model_of(blocks)["css"].get<std::string>();
    EXPECT_TRUE(css.starts_with(model_of(plain)["css"].get<std::string>()));
    for (std::string_view rule : {"pre {", "overflow-x: auto", "th, td { border", "blockquote {"})
        EXPECT_NE(css.find(rule), std::string::npos) << rule;
}

TEST(AnkiBackend, OurDeckIsNeverAnkisDefault) {
    ir::Glossary g;
    g.title = "default";
    Collection deck = testing::anki::open_apkg(render(anki_backend::stream, g, RenderContext{kT1}));
    EXPECT_EQ(deck.decks["1"]["name"], "Default");
    EXPECT_EQ(deck.decks[std::to_string(anki_backend::kDeckId)]["name"], "default glossary");
}

TEST(AnkiBackend, ChecksumIsAnkis) {
    EXPECT_EQ(testing::anki::sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(testing::anki::sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(anki_backend::field_checksum("abc"), 0xa9993e36);
    EXPECT_EQ(anki_backend::field_checksum("<b>a</b>b&amp;c"), csum_for("ab&c"));
    EXPECT_EQ(anki_backend::strip_html("a&nbsp;b<br>c &lt;d&gt;"), "a bc <d>");
    EXPECT_EQ(anki_backend::note_guid("attention"), guid_for("attention"));
}

TEST(AnkiBackend, NoteModComesFromTheLedger) {
    ir::Glossary g = hostile_glossary();
    ir::Concept other;
    other.id = "other";
    other.headword = "Other";
    g.concepts.push_back(other);
    other.id = "older";
    g.concepts.push_back(other);
    const std::int64_t earlier = kT2 - 86400;
    ASSERT_GT(earlier, anki_backend::kFieldsModified);
    RenderContext context{kT2, {{"evil", earlier}, {"older", anki_backend::kFieldsModified - 86400}}};
    Collection deck = testing::anki::open_apkg(render(anki_backend::stream, g, context));
    std::map<std::string, std::int64_t> mods;
    for (const auto& n : deck.notes) mods[n.fields[field_index("ConceptId")]] = n.mod;
    EXPECT_EQ(mods["evil"], earlier) << "from RenderContext.modified";
    EXPECT_EQ(mods["other"], kT2) << "not in the ledger: the build's timestamp";
    EXPECT_EQ(mods["older"], anki_backend::kFieldsModified) << "never older than the notes' fields";
    EXPECT_EQ(deck.mod, kT2 * 1000);
}

TEST(AnkiBackend, SameGlossaryGivesSameBytes) {
    ir::Glossary g = hostile_glossary();
    auto deck = [&g](std::int64_t timestamp) { return render(anki_backend::stream, g, RenderContext{timestamp}); };
    EXPECT_EQ(deck(kT1), deck(kT1));
    EXPECT_NE(deck(kT1), deck(kT2));
}

// ---- Editions --------------------------------------------------------------------------------

struct NoteState {
    std::string guid;
    std::int64_t mod = 0;
    std::string flds;
};

std::map<std::string, NoteState> notes_by_concept(const Collection& deck) {
    std::map<std::string, NoteState> out;
    for (const auto& n : deck.notes) out[n.fields[field_index("ConceptId")]] = {n.guid, n.mod, n.flds};
    return out;
}

// A termbase entry of one source only, with an ASCII one-liner as the file spells it.
struct Edit {
    std::string concept_id, entry_id, needle;
};

Edit choose_edit(const ir::Glossary& first, const std::string& termbase_text) {
    auto termbase = nlohmann::json::parse(termbase_text);
    for (const auto& c : first.concepts) {
        if (c.provenance.size() != 1 || c.provenance[0].source != "termbase") continue;
        const std::string& key = c.provenance[0].key;
        if (!termbase["entries"].contains(key)) continue;
        const auto& entry = termbase["entries"][key];
        if (!entry.contains("oneliner") || !entry["oneliner"].is_string()) continue;
        std::string needle = "\"oneliner\": " + entry["oneliner"].dump();
        if (termbase_text.find(needle) != std::string::npos && entry["oneliner"].get<std::string>().size() > 20)
            return {c.id, key, needle};
    }
    return {};
}

// A copy of the seed sources without a ledger: a first edition to come.
struct EditionSources {
    testing::TempDir tmp;
    fs::path sources = tmp / "sources";
    fs::path manifest = sources / "glossary.toml";

    EditionSources() {
        fs::copy(testing::source_dir() / "sources", sources, fs::copy_options::recursive);
        fs::remove(sources / "ledger.json");
    }

    // Appends a sentence to the one-liner of a termbase entry that is a
    // concept of its own (`edition` read back from the JSON output); the
    // concept's id.
    std::string revise_a_definition(const ir::Glossary& edition) {
        std::string termbase_file;
        for (const auto& s : edition.sources)
            if (s.id == "termbase") termbase_file = s.file;
        if (termbase_file.empty()) return {};
        std::string termbase = testing::read_bytes(sources / termbase_file);
        Edit edit = choose_edit(edition, termbase);
        if (edit.concept_id.empty()) return {};
        std::string revised = edit.needle.substr(0, edit.needle.size() - 1) + " Revised for the second edition.\"";
        termbase.replace(termbase.find(edit.needle), edit.needle.size(), revised);
        testing::write_text(sources / termbase_file, termbase);
        return edit.concept_id;
    }
};

TEST(AnkiEdition, NotesKeepIdentityAndModChangesOnlyWithContent) {
    EditionSources edition;
    const fs::path& tmp = edition.tmp.path();
    const fs::path& sources = edition.sources;
    const fs::path& manifest = edition.manifest;

    auto first = build(manifest, tmp / "out1", kT1, true);
    ASSERT_EQ(first.status, 0) << first.output;
    ASSERT_TRUE(fs::exists(sources / "ledger.json")) << "--release writes the ledger";
    ir::Glossary glossary1 = json_backend::read(testing::read_bytes(tmp / "out1" / "glossary.json"));
    Collection deck1 = testing::anki::open_apkg(testing::read_bytes(tmp / "out1" / "glossary.apkg"));

    // The second edition: one definition edited, one new source.
    const std::string edited = edition.revise_a_definition(glossary1);
    ASSERT_FALSE(edited.empty()) << "no editable termbase entry";
    testing::write_text(sources / "zz-extra.json", R"({
  "categories": [],
  "entries": {
    "quokka-normalization": {
      "id": "quokka-normalization",
      "name": "Quokka Normalization",
      "oneliner": "A made-up normalization that only the edition test defines.",
      "explanation": "It exists so that a second edition has one concept more than the first."
    }
  }
}
)");
    {
        std::ofstream out(manifest, std::ios::app);
        out << "\n[[source]]\nid = \"edition-test\"\nfile = \"zz-extra.json\"\nformat = \"termbase-json\"\npriority = 5\n";
    }
    auto second = build(manifest, tmp / "out2", kT2, true);
    ASSERT_EQ(second.status, 0) << second.output;
    Collection deck2 = testing::anki::open_apkg(testing::read_bytes(tmp / "out2" / "glossary.apkg"));

    auto before = notes_by_concept(deck1), after = notes_by_concept(deck2);
    // The first edition is dated before the notes' fields last changed.
    const std::int64_t first_mod = std::max(kT1, anki_backend::kFieldsModified);
    // Every concept of the first edition is still there, under the same guid.
    for (const auto& [id, note] : before) {
        ASSERT_TRUE(after.count(id)) << "concept " << id << " disappeared";
        EXPECT_EQ(after[id].guid, note.guid) << id;
        EXPECT_EQ(note.mod, first_mod);
    }
    // The edited note changed, and its mod moved to the second edition.
    ASSERT_TRUE(after.count(edited));
    EXPECT_NE(after[edited].flds.find("Revised for the second edition."), std::string::npos);
    EXPECT_EQ(after[edited].mod, kT2);
    // mod changes exactly when the note's content does.
    std::size_t unchanged = 0;
    for (const auto& [id, note] : before) {
        bool changed = after[id].flds != note.flds;
        EXPECT_EQ(after[id].mod, changed ? kT2 : first_mod) << id << (changed ? " changed" : " did not change");
        unchanged += !changed;
    }
    EXPECT_GT(unchanged, before.size() / 2);
    std::cout << "[edition] " << before.size() << " notes, " << before.size() - unchanged << " changed (edited: "
              << edited << "), " << after.size() - before.size() << " added\n";
    // The new concept is a new note of this edition.
    std::size_t added = 0;
    for (const auto& [id, note] : after) {
        if (before.count(id)) continue;
        ++added;
        EXPECT_EQ(note.mod, kT2) << id;
        EXPECT_EQ(note.guid, guid_for(id));
    }
    EXPECT_GE(added, 1u);
    // The note type is the same: id, fields, templates, CSS, mod.
    EXPECT_EQ(deck1.models, deck2.models);
    EXPECT_EQ(model_of(deck2)["id"].get<std::int64_t>(), anki_backend::kNoteTypeId);
    EXPECT_TRUE(deck2.decks.contains(std::to_string(anki_backend::kDeckId)));

    // Two builds of the same sources give the same bytes.
    auto third = build(manifest, tmp / "out3", kT2, false);
    ASSERT_EQ(third.status, 0) << third.output;
    EXPECT_TRUE(testing::read_bytes(tmp / "out2" / "glossary.apkg") == testing::read_bytes(tmp / "out3" / "glossary.apkg"))
        << "rebuilding the second edition changed the deck's bytes";
}

// A second edition dated before the first (a SOURCE_DATE_EPOCH from the
// past) never lowers a note's mod, and the note whose definition changed
// gets a newer one than it had, or Anki would keep the old text.
TEST(AnkiEdition, AnEarlierDatedEditionNeverMovesAModBackwards) {
    EditionSources edition;
    const fs::path& tmp = edition.tmp.path();
    auto first = build(edition.manifest, tmp / "out1", kT2, true);
    ASSERT_EQ(first.status, 0) << first.output;
    ir::Glossary glossary1 = json_backend::read(testing::read_bytes(tmp / "out1" / "glossary.json"));
    auto before = notes_by_concept(testing::anki::open_apkg(testing::read_bytes(tmp / "out1" / "glossary.apkg")));

    const std::string edited = edition.revise_a_definition(glossary1);
    ASSERT_FALSE(edited.empty()) << "no editable termbase entry";
    auto second = build(edition.manifest, tmp / "out2", kT1, true);
    ASSERT_EQ(second.status, 0) << second.output;
    EXPECT_NE(second.output.find("[release-dated-before-ledger]"), std::string::npos) << second.output;
    auto after = notes_by_concept(testing::anki::open_apkg(testing::read_bytes(tmp / "out2" / "glossary.apkg")));

    ASSERT_EQ(after.size(), before.size());
    for (const auto& [id, note] : before) {
        ASSERT_TRUE(after.count(id)) << id;
        EXPECT_GE(after[id].mod, note.mod) << id << ": a mod moved backwards";
        EXPECT_EQ(after[id].mod > note.mod, after[id].flds != note.flds) << id << ": newer exactly when changed";
    }
    EXPECT_NE(after[edited].flds.find("Revised for the second edition."), std::string::npos);
    EXPECT_EQ(after[edited].mod, before[edited].mod + 1) << "one second after the ledger's latest change";
}

}  // namespace
}  // namespace glossc
