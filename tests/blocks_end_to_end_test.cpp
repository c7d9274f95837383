// Definitions with structure from source to every output (issue 23): a
// Markdown, an HTML and a reStructuredText source with paragraphs, nested
// lists, code, display math, quotes and tables are built with glossc; each
// output is read back with its backend's reader and must still hold the
// blocks, as that backend carries them (project()).
#include <gtest/gtest.h>

#include "backend.hpp"
#include "support/paths.hpp"
#include "support/reader_fixtures.hpp"

namespace glossc {
namespace {

using testing::shape;

const ir::Concept* find_headword(const ir::Glossary& g, std::string_view headword) {
    for (const auto& c : g.concepts)
        if (c.headword == headword) return &c;
    return nullptr;
}

// The body of the definition of `headword` that came from `source`.
const ir::Blocks* body_of(const ir::Glossary& g, std::string_view headword, std::string_view source) {
    const ir::Concept* c = find_headword(g, headword);
    if (!c) return nullptr;
    for (const auto& d : c->definitions)
        if (d.source == source) return &d.body;
    return nullptr;
}

struct Case {
    const char* file;
    const char* format;
    const char* headword;
    const char* shape;
};

TEST(BlocksEndToEnd, EveryOutputKeepsTheBlocksOfEverySourceFormat) {
    const Case cases[] = {
        {"blocks.md", "markdown", "Beam search",
         "paragraph ordered_list[paragraph | paragraph bullet_list[paragraph | paragraph] | paragraph] code "
         "display_math quote[paragraph] table"},
        {"blocks.html", "html", "Tokenizer",
         "paragraph ordered_list[paragraph bullet_list[paragraph] | paragraph] code display_math quote[paragraph] "
         "table"},
        {"sphinx-glossary.rst", "rst", "decode", "ordered_list[paragraph | paragraph bullet_list[paragraph]]"},
    };
    testing::TempDir dir;
    std::string command = testing::shell_quote(testing::glossc_binary().string()) + " build --manifest " +
                          testing::shell_quote((dir / "glossary.toml").string()) + " --out " +
                          testing::shell_quote((dir / "out").string());
    std::string manifest = "title = \"Blocks\"\nlanguage = \"en\"\ndate = \"2026-12-05\"\n";
    for (const auto& c : cases) {
        std::filesystem::copy_file(testing::source_dir() / "tests" / "data" / "sources" / c.file, dir / c.file);
        std::string id = c.format;
        manifest += "\n[[source]]\nid = \"" + id + "\"\nfile = \"" + c.file + "\"\nformat = \"" + c.format + "\"\npriority = 1\n";
    }
    testing::write_text(dir / "glossary.toml", manifest);
    auto built = testing::run_command(command);
    ASSERT_EQ(built.status, 0) << built.output;
    for (const auto& backend : backend_registry()) {
        std::string bytes = testing::read_output(dir / "out", backend.format);
        ir::Glossary back = backend.read(bytes);
        for (const auto& c : cases) {
            const ir::Blocks* body = body_of(back, c.headword, c.format);
            ASSERT_NE(body, nullptr) << backend.format << ": " << c.headword;
            EXPECT_EQ(shape(*body), c.shape) << backend.format << ": " << c.headword << " from " << c.file;
        }
        // Code keeps its lines in every output.
        const ir::Blocks* beam = body_of(back, "Beam search", "markdown");
        ASSERT_NE(beam, nullptr);
        EXPECT_EQ(beam->at(2).literal, "def step(beams):\n    return sorted(beams)[:k]") << backend.format;
        EXPECT_EQ(beam->at(3).literal, "\\log p(y) = \\sum_t \\log p(y_t \\mid y_{<t})") << backend.format;
    }
}

}  // namespace
}  // namespace glossc
