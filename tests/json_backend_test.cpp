// The JSON backend against its contract: the schema in the repository
// accepts the real build's output (checked by an independent validator,
// python3-jsonschema) and rejects documents that break the contract.
#include <gtest/gtest.h>

#include <sstream>

#include "backend.hpp"
#include "driver/driver.hpp"
#include "json/json_backend.hpp"
#include "support/generators.hpp"
#include "support/paths.hpp"
#include "support/property.hpp"

namespace glossc {
namespace {

using testing::TempDir;

const char* kValidator = "/usr/bin/python3";

testing::CommandResult validate(const std::filesystem::path& document) {
    auto schema = testing::source_dir() / "backends" / "json" / "glossary.schema.json";
    std::string script =
        "import json,sys,jsonschema;"
        "s=json.load(open(sys.argv[1]));jsonschema.Draft202012Validator.check_schema(s);"
        "jsonschema.Draft202012Validator(s).validate(json.load(open(sys.argv[2])))";
    return testing::run_command(std::string(kValidator) + " -c " + testing::shell_quote(script) + " " +
                                testing::shell_quote(schema.string()) + " " + testing::shell_quote(document.string()));
}

bool validator_available() {
    return testing::run_command(std::string(kValidator) + " -c 'import jsonschema'").status == 0;
}

TEST(JsonBackend, RealBuildValidatesAgainstSchema) {
    if (!validator_available()) GTEST_SKIP() << "skipped: python3-jsonschema is not installed";
    std::ostringstream diagnostics;
    CompileResult result = compile(CompileRequest{testing::seeds_manifest(), {}}, diagnostics);
    ASSERT_TRUE(result.glossary) << diagnostics.str();
    TempDir dir;
    testing::write_text(dir / "glossary.json", render(json_backend::stream, *result.glossary, RenderContext{}));
    auto check = validate(dir / "glossary.json");
    EXPECT_EQ(check.status, 0) << check.output;
}

TEST(JsonBackend, SchemaRejectsContractViolations) {
    if (!validator_available()) GTEST_SKIP() << "skipped: python3-jsonschema is not installed";
    ir::Glossary g;
    g.title = "T";
    ir::Concept c;
    c.id = "Not A Slug";
    c.headword = "x";
    c.provenance.push_back({"s", "f", "k", 1});
    g.concepts.push_back(c);
    TempDir dir;
    testing::write_text(dir / "bad.json", render(json_backend::stream, g, RenderContext{}));
    EXPECT_NE(validate(dir / "bad.json").status, 0) << "an id that is not a slug must fail the schema";
    g.concepts[0].id = "fine";
    g.concepts[0].provenance.clear();
    testing::write_text(dir / "bad.json", render(json_backend::stream, g, RenderContext{}));
    EXPECT_NE(validate(dir / "bad.json").status, 0) << "a concept without provenance must fail the schema";
    g.concepts[0].provenance.push_back({"s", "f", "k", 1});
    testing::write_text(dir / "good.json", render(json_backend::stream, g, RenderContext{}));
    EXPECT_EQ(validate(dir / "good.json").status, 0);
}

TEST(JsonBackend, FollowsTheContractNames) {
    ir::Glossary g;
    ir::Concept c;
    c.id = "a";
    c.headword = "A";
    c.labels.push_back({"A", ir::LabelKind::Preferred, {"s"}});
    c.provenance.push_back({"s", "f.txt", "A", 3});
    g.concepts.push_back(c);
    g.sources.push_back({"s", "f.txt", "topic-list", 1, 1, "Topic list", {}});
    auto doc = nlohmann::json::parse(render(json_backend::stream, g, RenderContext{}));
    EXPECT_EQ(doc["schema_version"], 2);
    EXPECT_EQ(doc["sources"][0]["entries"], 1);
    EXPECT_EQ(doc["concepts"][0]["labels"][0]["kind"], "preferred");
    EXPECT_EQ(doc["concepts"][0]["provenance"][0]["key"], "A");
    EXPECT_EQ(doc["concepts"][0]["provenance"][0]["line"], 3);
    EXPECT_TRUE(doc["diagnostics"].is_array());
}

// Concepts are written without building nlohmann trees: the document must
// still be byte for byte what nlohmann's pretty printer makes of it (its
// indentation, separators, empty containers and string escapes), for any
// glossary, and with bytes that are not UTF-8 at all in its strings. (The
// round-trip property checks that it holds the glossary.)
TEST(JsonBackend, IsWhatNlohmannDumps) {
    auto check = [](const ir::Glossary& g) {
        const std::string out = render(json_backend::stream, g, RenderContext{});
        const auto parsed = nlohmann::ordered_json::parse(out);
        RC_ASSERT(parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n" == out);
    };
    testing::check_property("JSON = nlohmann's dump", 200, check);
    testing::check_property("JSON = nlohmann's dump, any bytes", 200, [&](ir::Glossary g) {
        RC_PRE(!g.concepts.empty());
        const auto bytes = *rc::gen::arbitrary<std::string>();
        ir::Concept& c = g.concepts.front();
        c.headword += bytes;
        c.related.push_back(bytes);
        if (!c.definitions.empty()) c.definitions.front().summary.push_back(ir::Inline{ir::InlineKind::Text, bytes, {}, {}});
        check(g);
    });
}

// Version 1 of the contract had rich text in body, details and example; a
// file written then still reads, each such field as one paragraph.
TEST(JsonBackend, ReadsSchemaVersionOne) {
    const std::string v1 = R"json({"schema_version": 1, "title": "T", "language": "en", "edition": "2026-01-01",
        "sources": [], "categories": [], "diagnostics": [],
        "concepts": [{"id": "a", "headword": "A", "labels": [], "categories": [], "related": [], "references": [],
          "provenance": [], "extras": [],
          "definitions": [{"source": "s", "line": 3, "summary": [{"type": "text", "text": "One."}],
            "body": [{"type": "text", "text": "More "}, {"type": "math", "tex": "x"}],
            "details": [], "example": [{"type": "code", "text": "f()"}], "flags": []}]}]})json";
    ir::Glossary g = json_backend::read(v1);
    ASSERT_EQ(g.concepts.size(), 1u);
    const ir::Definition& d = g.concepts[0].definitions.at(0);
    EXPECT_EQ(d.body, ir::paragraphs({ir::text("More "), ir::math("x")}));
    EXPECT_TRUE(d.details.empty());
    EXPECT_EQ(d.example, ir::paragraphs({ir::code("f()")}));
    EXPECT_THROW(json_backend::read(R"({"schema_version": 3})"), BackendReadError);
}

// Blocks as the contract names them (schema_version 2).
TEST(JsonBackend, WritesBlocksByTheContract) {
    ir::Glossary g;
    ir::Concept c;
    c.id = "a";
    c.headword = "A";
    ir::Definition d;
    d.source = "s";
    d.body = {ir::paragraph({ir::text("p")}), ir::ordered_list({{ir::paragraph({ir::text("i")})}}, 3),
              ir::code_block("x = 1\n  y", "python"), ir::display_math("a^2"),
              ir::quote({ir::paragraph({ir::text("q")})}), ir::table({{{ir::text("h")}}, {{ir::text("c")}}})};
    c.definitions.push_back(d);
    g.concepts.push_back(c);
    auto doc = nlohmann::json::parse(render(json_backend::stream, g, RenderContext{}));
    const auto& body = doc["concepts"][0]["definitions"][0]["body"];
    EXPECT_EQ(body[0]["type"], "paragraph");
    EXPECT_EQ(body[0]["content"][0]["text"], "p");
    EXPECT_EQ(body[1]["type"], "ordered_list");
    EXPECT_EQ(body[1]["start"], 3);
    EXPECT_EQ(body[1]["items"][0][0]["type"], "paragraph");
    EXPECT_EQ(body[2]["type"], "code");
    EXPECT_EQ(body[2]["language"], "python");
    EXPECT_EQ(body[2]["text"], "x = 1\n  y");
    EXPECT_EQ(body[3]["tex"], "a^2");
    EXPECT_EQ(body[4]["blocks"][0]["content"][0]["text"], "q");
    EXPECT_EQ(body[5]["rows"][1][0][0]["text"], "c");
    EXPECT_EQ(json_backend::read(render(json_backend::stream, g, RenderContext{})), g);
}

TEST(JsonBackend, ReaderNamesWhatIsWrong) {
    try {
        json_backend::read(R"({"schema_version": 1, "title": "T"})");
        FAIL() << "expected BackendReadError";
    } catch (const BackendReadError& error) {
        EXPECT_NE(std::string(error.what()).find("language"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace glossc
