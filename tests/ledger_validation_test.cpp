// The ledger is checked whole before a merge uses it (ledger.hpp,
// parse_ledger): every rule a test, each problem an error at its line; and
// the build stops on a broken ledger instead of handing ids to the wrong
// concepts. The bad-input corpus (tests/bad_input/ledger-*) runs the same
// cases through the binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "merge/ledger.hpp"
#include "support/paths.hpp"
#include "text/json_scan.hpp"
#include "text/slug.hpp"

namespace glossc {
namespace {

using testing::run_command;
using testing::shell_quote;

struct Parsed {
    std::optional<merge::Ledger> ledger;
    std::vector<std::string> lines;  // format_diagnostic of each diagnostic
    bool has(std::string_view text) const {
        for (const auto& line : lines)
            if (line.find(text) != std::string::npos) return true;
        return false;
    }
    std::string all() const {
        std::string out;
        for (const auto& line : lines) out += line + "\n";
        return out;
    }
};

Parsed parse(std::string_view text) {
    DiagnosticSink sink;
    Parsed parsed;
    parsed.ledger = merge::parse_ledger(text, "ledger.json", sink);
    for (const auto& d : sink.all()) parsed.lines.push_back(format_diagnostic(d));
    return parsed;
}

// One concept per line, for lines and columns that are easy to read.
std::string ledger_of(const std::vector<std::string>& concepts, std::string_view retired = "[]",
                      std::string_view version = "\"ledger_version\": 1,\n") {
    std::string out = "{\n";
    out += version;
    out += "\"concepts\": [\n";
    for (std::size_t i = 0; i < concepts.size(); ++i) out += concepts[i] + (i + 1 < concepts.size() ? ",\n" : "\n");
    out += "],\n\"retired\": " + std::string(retired) + "\n}\n";
    return out;
}

std::string concept_line(std::string_view id, std::string_view entry, std::string_view modified = "1700000000") {
    return "{\"id\": \"" + std::string(id) + "\", \"headword\": \"H\", \"entries\": [\"" + std::string(entry) +
           "\"], \"content_hash\": \"0\", \"modified\": " + std::string(modified) + "}";
}

TEST(LedgerValidation, TheCommittedLedgerIsValid) {
    auto parsed = parse(testing::read_bytes(testing::source_dir() / "sources" / "ledger.json"));
    ASSERT_TRUE(parsed.ledger) << parsed.all();
    EXPECT_TRUE(parsed.lines.empty()) << parsed.all();
    EXPECT_GT(parsed.ledger->concepts.size(), 100u);
}

TEST(LedgerValidation, WhatTheWriterWritesReadsBackTheSame) {
    merge::Ledger ledger;
    ledger.concepts = {{"kv-cache", "KV cache", {"termbase:kv-cache", "notes:KV \"cache\"\\"}, "0123456789abcdef", 0},
                       {"ablation-2", "Ablation (study)", {"ai-dictionary:Ablation"}, "fedcba9876543210",
                        merge::kLastModified}};
    ledger.retired = {"old-id", "x"};
    auto parsed = parse(merge::serialize_ledger(ledger));
    ASSERT_TRUE(parsed.ledger) << parsed.all();
    EXPECT_TRUE(parsed.lines.empty()) << parsed.all();
    EXPECT_EQ(*parsed.ledger, ledger);
    EXPECT_NE(merge::serialize_ledger(ledger).find("\"ledger_version\": 1"), std::string::npos);
}

TEST(LedgerValidation, ALedgerWithoutAVersionIsReadAsTheCurrentOne) {
    auto parsed = parse(ledger_of({concept_line("a", "s:a")}, "[]", ""));
    ASSERT_TRUE(parsed.ledger) << parsed.all();
    EXPECT_TRUE(parsed.lines.empty()) << parsed.all();
}

TEST(LedgerValidation, AnUnknownVersionIsAnError) {
    auto parsed = parse(ledger_of({}, "[]", "\"ledger_version\": 2,\n"));
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("ledger.json:2:19: error: ledger_version 2 is not one this glossc reads")) << parsed.all();
    EXPECT_TRUE(parsed.has("[ledger-unknown-version]")) << parsed.all();
    parsed = parse(ledger_of({}, "[]", "\"ledger_version\": \"1\",\n"));
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("ledger.json:2:19: error: 'ledger_version' must be an integer, not a string")) << parsed.all();
}

// The case: a hand-edited ledger gives Accelerate the id of
// Ablation. Read as it was, the merge gave Accelerate `ablation` and
// renamed Ablation `ablation-2`: both learners' notes changed identity.
TEST(LedgerValidation, OneIdOnTwoConceptsIsAnErrorNamingBothLines) {
    auto parsed = parse(ledger_of({concept_line("ablation", "ai-dictionary:Ablation"),
                                   concept_line("accelerate", "ai-dictionary:Accelerate"),
                                   concept_line("ablation", "ai-dictionary:Accelerator")}));
    EXPECT_FALSE(parsed.ledger);
    ASSERT_EQ(parsed.lines.size(), 1u) << parsed.all();
    EXPECT_EQ(parsed.lines[0],
              "ledger.json:6:8: error: id 'ablation' is given to two concepts (the other at line 4): each concept "
              "has an id of its own, or concepts would trade ids [ledger-duplicate-id]");
}

TEST(LedgerValidation, IdsMustBeSlugs) {
    EXPECT_TRUE(text::is_slug("ablation"));
    EXPECT_TRUE(text::is_slug("kv-cache-2"));
    EXPECT_TRUE(text::is_slug("6nd-rule"));
    for (const char* bad : {"", "-a", "a-", "a--b", "A", "kv cache", "kv_cache", "caf\xC3\xA9", "a/b", "..", "a\nb"})
        EXPECT_FALSE(text::is_slug(bad)) << bad;
    // Every slug slugify makes is one.
    for (const char* name : {"KV cache", "Ünïcode Attention++", "  --x--  ", "日本語", "GPT-4o (mini)"})
        EXPECT_TRUE(text::is_slug(text::slugify(name))) << name;

    auto parsed = parse(ledger_of({concept_line("KV cache", "s:a"), concept_line("../../etc", "s:b")}, "[\"Old\"]"));
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("ledger.json:4:8: error: id 'KV cache' is not a slug")) << parsed.all();
    EXPECT_TRUE(parsed.has("ledger.json:5:8: error: id '../../etc' is not a slug")) << parsed.all();
    EXPECT_TRUE(parsed.has("ledger.json:7:13: error: id 'Old' is not a slug")) << parsed.all();
}

TEST(LedgerValidation, RetiredIdsAreUniqueAndNoConceptsOwn) {
    auto parsed = parse(ledger_of({concept_line("a", "s:a")}, "[\"gone\", \"a\", \"gone\"]"));
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("ledger.json:6:21: error: id 'a' is retired and also a concept's (line 4); a retired id "
                           "is never given again [ledger-retired-in-use]"))
        << parsed.all();
    EXPECT_TRUE(parsed.has("ledger.json:6:26: error: retired id 'gone' is listed twice (first at line 6) "
                           "[ledger-duplicate-id]"))
        << parsed.all();
}

TEST(LedgerValidation, AnEntryIsPinnedToOneConceptOnce) {
    auto parsed = parse(ledger_of({concept_line("a", "s:x"), concept_line("b", "s:x")}));
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("ledger.json:5:42: error: entry 's:x' is pinned to two concepts: 'a' (line 4) and 'b'; "
                           "an entry forms one concept [ledger-duplicate-entry]"))
        << parsed.all();
    parsed = parse(ledger_of({"{\"id\": \"a\", \"entries\": [\"s:x\", \"s:x\"]}"}));
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("ledger.json:4:32: error: entry 's:x' is listed twice in concept 'a' (first at line 4)"))
        << parsed.all();
}

TEST(LedgerValidation, ModifiedIsAnIntegerFromTheEpochToTheYear9999) {
    // 1e300 was read as a double and cast: INT64_MIN.
    auto parsed = parse(ledger_of({concept_line("a", "s:a", "1e300")}));
    EXPECT_FALSE(parsed.ledger);
    ASSERT_EQ(parsed.lines.size(), 1u) << parsed.all();
    EXPECT_EQ(parsed.lines[0], "ledger.json:4:83: error: 'modified' must be an integer, not a number with a fraction "
                               "or an exponent [ledger-bad-field]");
    for (const char* bad : {"1.0", "-1", "253402300800", "9223372036854775807", "9223372036854775808",
                            "18446744073709551615", "-9223372036854775808", "\"1700000000\"", "null", "true"}) {
        parsed = parse(ledger_of({concept_line("a", "s:a", bad)}));
        EXPECT_FALSE(parsed.ledger) << bad;
        EXPECT_TRUE(parsed.has("ledger.json:4:83: error: 'modified' must be")) << bad << "\n" << parsed.all();
    }
    for (const char* good : {"0", "253402300799", "1795392000"}) {
        parsed = parse(ledger_of({concept_line("a", "s:a", good)}));
        ASSERT_TRUE(parsed.ledger) << good << "\n" << parsed.all();
        EXPECT_EQ(parsed.ledger->concepts[0].modified, std::stoll(good));
    }
}

// Wrong types name the field and its line (they used to be reported with
// neither: "type must be string, but is number").
TEST(LedgerValidation, WrongTypesNameTheFieldAndTheLine) {
    auto parsed = parse(ledger_of({"{\"id\": 5, \"entries\": [\"s:a\"]}", "{\"id\": \"b\", \"entries\": \"s:b\"}",
                                   "{\"id\": \"c\", \"entries\": [7], \"headword\": {\"x\": [1, 2]}}",
                                   "{\"id\": \"d\", \"entries\": [], \"content_hash\": 12}", "[]",
                                   "{\"entries\": []}", "{\"id\": \"e\"}"},
                                  "{\"a\": 1}"));
    EXPECT_FALSE(parsed.ledger);
    for (const char* expected : {
             "ledger.json:4:8: error: 'id' must be a string, not an integer [ledger-bad-field]",
             "ledger.json:5:24: error: 'entries' must be an array of \"source-id:key\" strings, not a string",
             "ledger.json:6:25: error: each of 'entries' must be a string \"source-id:key\", not an integer",
             "ledger.json:6:41: error: 'headword' must be a string, not an object",
             "ledger.json:7:44: error: 'content_hash' must be a string, not an integer",
             "ledger.json:8:1: error: each of 'concepts' must be an object, not an array",
             "ledger.json:9:1: error: a concept needs an 'id'",
             "ledger.json:10:1: error: a concept needs 'entries'",
             "ledger.json:12:12: error: 'retired' must be an array of ids, not an object",
         })
        EXPECT_TRUE(parsed.has(expected)) << expected << "\n" << parsed.all();
    // A field of the wrong type is reported as that, not as missing too.
    EXPECT_EQ(parsed.lines.size(), 9u) << parsed.all();

    parsed = parse("[1, 2]");
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("ledger.json:1:1: error: the ledger must be a JSON object, not an array")) << parsed.all();
    parsed = parse("{\"retired\": []}");
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("ledger.json:1:1: error: the ledger has no 'concepts'")) << parsed.all();
}

TEST(LedgerValidation, MembersItDoesNotKnowAreLeftAlone) {
    auto parsed = parse("{\"comment\": {\"id\": 5, \"concepts\": 1}, \"concepts\": [{\"id\": \"a\", \"entries\": [], "
                        "\"note\": [1e300, {\"modified\": \"x\"}]}]}");
    ASSERT_TRUE(parsed.ledger) << parsed.all();
    EXPECT_TRUE(parsed.lines.empty()) << parsed.all();
    ASSERT_EQ(parsed.ledger->concepts.size(), 1u);
}

TEST(LedgerValidation, SyntaxErrorsArePlaced) {
    auto parsed = parse("{\n \"concepts\": [\n  {\"id\": \"a\",, }\n ]\n}\n");
    EXPECT_FALSE(parsed.ledger);
    ASSERT_EQ(parsed.lines.size(), 1u) << parsed.all();
    EXPECT_EQ(parsed.lines[0].rfind("ledger.json:3:14: error: invalid JSON: syntax error", 0), 0u) << parsed.all();
    EXPECT_TRUE(parsed.has("[ledger-syntax]"));
    parsed = parse("");
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("[ledger-syntax]")) << parsed.all();
    parsed = parse("{\"concepts\": [], \"x\": 1e999999}");
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("[ledger-syntax]")) << parsed.all();
    parsed = parse(std::string(1000, '[') + std::string(1000, ']'));
    EXPECT_FALSE(parsed.ledger);
    EXPECT_TRUE(parsed.has("[json-too-deep]")) << parsed.all();
}

// Offsets come from a cursor kept in step with nlohmann's SAX calls: it must
// step over escaped quotes, a byte order mark, numbers against brackets and
// multi-byte text (columns count code points, the byte order mark one).
TEST(LedgerValidation, PositionsSurviveEscapesNumbersAndUnicode) {
    auto parsed = parse("\xEF\xBB\xBF{\"concepts\":[{\"id\":\"a\",\"headword\":\"\\\"\xC3\xA9\\\\\",\"entries\":[],"
                        "\"modified\":[1,2.5e3,-0]},{\"id\":\"b\\\"\",\"entries\":[]}],\"retired\":[]}");
    EXPECT_FALSE(parsed.ledger);
    ASSERT_EQ(parsed.lines.size(), 2u) << parsed.all();
    EXPECT_EQ(parsed.lines[0].rfind("ledger.json:1:68: error: 'modified' must be an integer, not an array", 0), 0u)
        << parsed.all();
    EXPECT_EQ(parsed.lines[1].rfind("ledger.json:1:88: error: id 'b\"' is not a slug", 0), 0u) << parsed.all();

    // The cursor alone: one offset per SAX call, in order.
    std::string_view doc = " {\"k\" : [1 ,\"a\\\"b\",{}] , \"n\":null}";
    text::JsonTokenCursor cursor(doc);
    std::vector<std::size_t> offsets;
    for (int i = 0; i < 11; ++i) offsets.push_back(cursor.next());
    EXPECT_EQ(offsets, (std::vector<std::size_t>{1, 2, 8, 9, 12, 19, 20, 21, 25, 29, 33}));
}

TEST(LedgerValidation, DuplicateKeysWarnAndTheLastIsRead) {
    auto parsed = parse("{\"concepts\": [{\"id\": \"a\", \"id\": \"b\", \"entries\": [\"s:1\"], \"entries\": [\"s:2\"]}]}");
    ASSERT_TRUE(parsed.ledger) << parsed.all();
    EXPECT_TRUE(parsed.has("[json-duplicate-key]")) << parsed.all();
    EXPECT_EQ(parsed.ledger->concepts[0].id, "b");
    EXPECT_EQ(parsed.ledger->concepts[0].entries, std::vector<std::string>{"s:2"});
}

// End to end: a seeds ledger edited so that Accelerate's concept has
// Ablation's id. The build stops (exit status 1, nothing written) and names
// both lines, instead of renaming Ablation `ablation-2`.
TEST(LedgerValidation, TheBuildStopsOnALedgerThatWouldSwapIds) {
    testing::TempDir dir;
    std::filesystem::copy(testing::source_dir() / "sources", dir / "sources", std::filesystem::copy_options::recursive);
    auto path = dir / "sources" / "ledger.json";
    std::string ledger = testing::read_bytes(path);
    auto ablation = ledger.find("\"id\": \"ablation\"");
    auto accelerate = ledger.find("\"id\": \"accelerate\"");
    ASSERT_NE(ablation, std::string::npos);
    ASSERT_NE(accelerate, std::string::npos);
    ledger.replace(accelerate, std::string("\"id\": \"accelerate\"").size(), "\"id\": \"ablation\"");
    testing::write_text(path, ledger);
    auto line_of = [&](std::size_t offset) { return std::to_string(1 + std::count(ledger.begin(), ledger.begin() + offset, '\n')); };
    const std::string first = line_of(std::min(ablation, accelerate)), second = line_of(std::max(ablation, accelerate));

    auto result = run_command("SOURCE_DATE_EPOCH=1795392000 " + shell_quote(testing::glossc_binary().string()) +
                              " build --formats json --manifest " + shell_quote((dir / "sources" / "glossary.toml").string()) +
                              " --out " + shell_quote((dir / "out").string()));
    EXPECT_EQ(result.status, 1) << result.output;
    EXPECT_NE(result.output.find("ledger.json:" + second + ":10: error: id 'ablation' is given to two concepts (the other at line " +
                                 first + ")"),
              std::string::npos)
        << result.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "out" / "glossary.json"));
}

}  // namespace
}  // namespace glossc
