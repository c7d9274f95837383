// Backends whose output is a folder of files (backend.hpp, begin_file): the
// driver writes them aside and swaps the whole folder in, render() and
// pack_folder() give the same packed form, and the packed form refuses
// names that would leave the folder.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "backend.hpp"
#include "common/folder_bundle.hpp"
#include "driver/driver.hpp"
#include "support/paths.hpp"
#include "text/folder_io.hpp"

namespace glossc {
namespace {

// Two files, one in a subfolder; the title decides the first file's bytes.
void folder_stream(const ir::Glossary& glossary, const RenderContext&, BackendOutput& output) {
    output.begin_file("index.html");
    output.write("<h1>");
    output.write(glossary.title);
    output.write("</h1>\n");
    output.begin_file("letters/a.html");
    output.write("a\n");
}

ir::Glossary read_folder(std::string_view bytes) {
    auto files = folder::unpack(bytes);
    ir::Glossary g;
    g.title = folder::member(files, "index.html").bytes;
    return g;
}

const BackendInfo kFolder{"site", "site/", "a folder backend for this test", folder_stream, read_folder, nullptr, 0};

ir::Glossary titled(std::string title) {
    ir::Glossary g;
    g.title = std::move(title);
    return g;
}

std::size_t entries_in(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

TEST(FolderOutput, TheDriverWritesTheFolderAndReplacesThePreviousOneWhole) {
    testing::TempDir dir;
    std::ostringstream err;
    ASSERT_TRUE(write_outputs(titled("One"), RenderContext{}, {&kFolder}, dir.path(), nullptr, err)) << err.str();
    EXPECT_EQ(testing::read_bytes(dir / "site/index.html"), "<h1>One</h1>\n");
    EXPECT_EQ(testing::read_bytes(dir / "site/letters/a.html"), "a\n");
    // A file the previous edition had and this one does not is gone: the
    // folder is swapped, not written over.
    testing::write_text(dir / "site/stale.html", "old");
    ASSERT_TRUE(write_outputs(titled("Two"), RenderContext{}, {&kFolder}, dir.path(), nullptr, err)) << err.str();
    EXPECT_EQ(testing::read_bytes(dir / "site/index.html"), "<h1>Two</h1>\n");
    EXPECT_FALSE(std::filesystem::exists(dir / "site/stale.html"));
    EXPECT_EQ(entries_in(dir.path()), 1u) << "no temporary or previous folder left beside it";
}

TEST(FolderOutput, RenderAndTheWrittenFolderPackAlike) {
    testing::TempDir dir;
    std::ostringstream err;
    ASSERT_TRUE(write_outputs(titled("T"), RenderContext{}, {&kFolder}, dir.path(), nullptr, err));
    std::string rendered = render(folder_stream, titled("T"), RenderContext{});
    EXPECT_EQ(folder::pack_folder(dir / "site"), rendered);
}

TEST(FolderOutput, AFileWhereTheFolderGoesIsNotReplaced) {
    testing::TempDir dir;
    testing::write_text(dir / "site", "a file of the user's");
    std::ostringstream err;
    EXPECT_FALSE(write_outputs(titled("T"), RenderContext{}, {&kFolder}, dir.path(), nullptr, err));
    EXPECT_NE(err.str().find("[output-unwritable]"), std::string::npos) << err.str();
    EXPECT_EQ(testing::read_bytes(dir / "site"), "a file of the user's");
    EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(FolderOutput, PackedFormRoundTripsAndRefusesNamesOutsideTheFolder) {
    std::vector<folder::File> files{{"b.txt", "two\n"}, {"a/x.bin", std::string("\0\n1", 3)}, {"e", ""}};
    auto back = folder::unpack(folder::pack(files));
    ASSERT_EQ(back.size(), 3u);
    EXPECT_EQ(back[0], (folder::File{"a/x.bin", std::string("\0\n1", 3)}));  // sorted by name
    EXPECT_EQ(folder::member(back, "b.txt").bytes, "two\n");
    EXPECT_THROW(folder::member(back, "c"), BackendReadError);
    for (std::string bad : {"3 ../x\nabc", "3 /etc/x\nabc", "3 a//b\nabc", "1 a/./b\nx", "3 a\nab", "x a\n", "3 \nabc"})
        EXPECT_THROW(folder::unpack(bad), BackendReadError) << bad;
}

}  // namespace
}  // namespace glossc
