// The backend interface from the driver's side: a backend the driver has
// never heard of (a row made here, not in the registry) is written, reported
// and rendered like the real ones, since a backend is only its stream()
// (backends/backend.hpp). And the registry's rows are complete.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "backend.hpp"
#include "driver/driver.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

// Writes the glossary's title in two pieces and reports one warning at the
// document's second line. (Reports need a catalogued code: LaTeX's stands in.)
void fake_stream(const ir::Glossary& glossary, const RenderContext&, BackendOutput& output) {
    output.write(glossary.title + "\n");
    output.write("second line\n");
    output.diagnostics.warning({output.path, 2, 0}, "latex-math-rejected", "something on the second line");
}

const BackendInfo kFake{"fake", "fake.txt", "a backend for this test", fake_stream, nullptr, nullptr, 0};

ir::Glossary titled(std::string title) {
    ir::Glossary g;
    g.title = std::move(title);
    return g;
}

TEST(FakeBackend, TheDriverWritesItsFileAndPrintsItsDiagnostics) {
    testing::TempDir dir;
    std::ostringstream err;
    ASSERT_TRUE(write_outputs(titled("Title"), RenderContext{}, {&kFake}, dir.path(), nullptr, err)) << err.str();
    EXPECT_EQ(testing::read_bytes(dir / "fake.txt"), "Title\nsecond line\n");
    EXPECT_EQ(err.str(), (dir / "fake.txt").generic_string() +
                             ":2: warning: something on the second line [latex-math-rejected]\n");
    // Nothing but the output: the temporary was renamed into place.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
    EXPECT_EQ(files, 1u);
}

TEST(FakeBackend, AnUnwritableFolderIsAnErrorNamingTheFile) {
    testing::TempDir dir;
    std::ostringstream err;
    auto missing = dir / "no-such-folder";
    EXPECT_FALSE(write_outputs(titled("Title"), RenderContext{}, {&kFake}, missing, nullptr, err));
    EXPECT_NE(err.str().find((missing / "fake.txt").generic_string() + ": error: cannot write output: "),
              std::string::npos)
        << err.str();
    EXPECT_NE(err.str().find("[output-unwritable]"), std::string::npos) << err.str();
    EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST(FakeBackend, RenderIsTheStreamedDocument) {
    EXPECT_EQ(render(fake_stream, titled("T"), RenderContext{}), "T\nsecond line\n");
    DiagnosticSink sink;
    EXPECT_EQ(render(fake_stream, titled("T"), RenderContext{}, sink, "out/fake.txt"), "T\nsecond line\n");
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(format_diagnostic(sink.all()[0]),
              "out/fake.txt:2: warning: something on the second line [latex-math-rejected]");
}

// What the driver relies on in every row: a reader, a projection and a
// stream; distinct names and files; a post-build step that can be asked for.
TEST(BackendRegistry, EveryRowIsComplete) {
    std::set<std::string_view> formats, files, options;
    for (const auto& backend : backend_registry()) {
        EXPECT_TRUE(backend.stream && backend.read && backend.project) << backend.format;
        EXPECT_TRUE(formats.insert(backend.format).second) << backend.format;
        EXPECT_TRUE(files.insert(backend.file_name).second) << backend.file_name;
        EXPECT_EQ(find_backend(backend.format), &backend);
        if (const PostBuild* step = backend.post_build) {
            EXPECT_TRUE(step->ready && step->run) << backend.format;
            EXPECT_FALSE(step->help.empty()) << backend.format;
            EXPECT_TRUE(options.insert(step->option).second) << step->option;
        }
    }
    EXPECT_EQ(find_backend("no-such-format"), nullptr);
}

}  // namespace
}  // namespace glossc
