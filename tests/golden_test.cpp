// Golden tests: one small, fixed glossary, rendered by every registered
// backend and compared byte for byte with the reviewed output checked in under
// tests/golden/. The input is data, tests/golden/small.json, read with the
// JSON backend's reader.
//
// Adding a backend: add its row to kGoldens below (the golden file's name and
// how its output becomes reviewable text), then generate the file and review
// it. Text formats compare their bytes as they are; a binary format (epub,
// apkg) gives a canonical text dump instead, e.g. its zip entries in order
// with each text member's content and a digest of each binary one.
//
// Regenerating after a reviewed change of output (then read `git diff tests/golden`):
//   GLOSSC_UPDATE_GOLDEN=1 build/tests/glossc_tests --gtest_filter='*Golden*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <set>
#include <sstream>

#include "support/reader_fixtures.hpp"
#include "backend.hpp"
#include "json/json_backend.hpp"
#include "support/anki_inspect.hpp"
#include "support/epub_inspect.hpp"
#include "support/paths.hpp"
#include "support/stardict_inspect.hpp"

namespace glossc {
namespace {

struct GoldenFile {
    std::string_view format;
    std::string_view file;                                // under tests/golden/
    std::function<std::string(const std::string&)> dump;  // output -> reviewable text
    bool text_like = true;  // the golden is the output itself, so the backend's reader reads it
};

std::string as_is(const std::string& bytes) { return bytes; }

const std::vector<GoldenFile>& goldens() {
    static const std::vector<GoldenFile> kGoldens{
        {"json", "small.glossary.json", as_is},
        {"text", "small.glossary.txt", as_is},
        {"epub", "small.glossary.epub.txt", testing::epub::dump, false},
        {"anki", "small.glossary.apkg.txt", testing::anki::dump, false},
        {"latex", "small.glossary.tex", as_is},
        {"stardict", "small.stardict.txt", testing::stardict::dump, false},
        // A folder: its files packed as render() packs them, all text.
        {"web", "small.web.txt", as_is},
    };
    return kGoldens;
}

const RenderContext kContext{1795478400};  // 2026-11-23T00:00:00Z, the fixture's edition

std::filesystem::path golden_dir() { return testing::source_dir() / "tests" / "golden"; }

bool updating() {
    const char* update = std::getenv("GLOSSC_UPDATE_GOLDEN");
    return update && std::string(update) == "1";
}

ir::Glossary small_glossary() { return json_backend::read(testing::read_bytes(golden_dir() / "small.json")); }

const GoldenFile* golden_for(std::string_view format) {
    for (const auto& golden : goldens())
        if (golden.format == format) return &golden;
    return nullptr;
}

// The first line where two texts differ, for a readable failure.
std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream a(expected), b(actual);
    std::string la, lb;
    for (int line = 1;; ++line) {
        bool more_a = static_cast<bool>(std::getline(a, la));
        bool more_b = static_cast<bool>(std::getline(b, lb));
        if (!more_a && !more_b) return "they differ only in the final line end";
        if (!more_a || !more_b || la != lb)
            return "line " + std::to_string(line) + ":\n  golden: " + (more_a ? la : "<end>") +
                   "\n  output: " + (more_b ? lb : "<end>");
    }
}

class Golden : public ::testing::TestWithParam<const BackendInfo*> {};

TEST_P(Golden, OutputMatchesReviewedFile) {
    const BackendInfo& backend = *GetParam();
    const auto* golden = golden_for(backend.format);
    ASSERT_TRUE(golden) << "backend '" << backend.format
                        << "' has no golden file: add its row to kGoldens in tests/golden_test.cpp";
    std::string output = golden->dump(render(backend.stream, small_glossary(), kContext));
    auto path = golden_dir() / golden->file;
    if (updating()) {
        testing::write_text(path, output);
        std::cout << "[golden] wrote " << path.string() << "\n";
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; GLOSSC_UPDATE_GOLDEN=1 writes it";
    std::string expected = testing::read_bytes(path);
    EXPECT_TRUE(output == expected) << backend.format << " output differs from " << path.string() << " at "
                                    << first_difference(expected, output)
                                    << "\n(if the change is intended: GLOSSC_UPDATE_GOLDEN=1, then review the diff)";
}

// The reviewed file itself is what the backend's reader accepts: reading it
// gives the projection of the fixture.
TEST_P(Golden, ReviewedFileReadsBack) {
    const BackendInfo& backend = *GetParam();
    const auto* golden = golden_for(backend.format);
    if (!golden || !golden->text_like) GTEST_SKIP() << "no text-like golden for " << backend.format;
    auto path = golden_dir() / golden->file;
    if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is missing";
    EXPECT_TRUE(backend.read(testing::read_bytes(path)) == backend.project(small_glossary())) << path;
}

std::vector<const BackendInfo*> all_backends() {
    std::vector<const BackendInfo*> out;
    for (const auto& backend : backend_registry()) out.push_back(&backend);
    return out;
}

INSTANTIATE_TEST_SUITE_P(Backends, Golden, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return std::string(info.param->format); });

// The fixture keeps exercising what backends get wrong; trimming it fails here.
TEST(GoldenFixture, ExercisesTheHardParts) {
    ir::Glossary g = small_glossary();
    std::set<ir::InlineKind> inline_kinds;
    std::function<void(const ir::RichText&)> collect = [&](const ir::RichText& text) {
        for (const auto& node : text) {
            inline_kinds.insert(node.kind);
            collect(node.children);
        }
    };
    std::set<ir::LabelKind> label_kinds;
    bool two_sources = false, non_ascii = false, digit_first = false, cycle = false;
    for (const auto& c : g.concepts) {
        for (const auto& l : c.labels) label_kinds.insert(l.kind);
        std::set<std::string> sources;
        for (const auto& d : c.definitions) {
            sources.insert(d.source);
            for (const auto* text : testing::rich_texts(d)) collect(*text);
        }
        two_sources = two_sources || sources.size() >= 2;
        for (unsigned char ch : c.headword) non_ascii = non_ascii || ch >= 0x80;
        digit_first = digit_first || (!c.headword.empty() && c.headword[0] >= '0' && c.headword[0] <= '9');
        for (const auto& r : c.related)
            for (const auto& other : g.concepts)
                if (other.id == r)
                    for (const auto& back : other.related) cycle = cycle || back == c.id;
    }
    EXPECT_EQ(inline_kinds.size(), 7u) << "text, math, code, emph, strong, link and ref";
    EXPECT_EQ(label_kinds.size(), 5u) << "every kind of label";
    EXPECT_TRUE(two_sources) << "a concept with definitions from two sources";
    EXPECT_TRUE(non_ascii) << "a non-ASCII headword";
    EXPECT_TRUE(digit_first) << "a headword starting with a digit";
    EXPECT_TRUE(cycle) << "a related cycle";
}

}  // namespace
}  // namespace glossc
