// The one door for every input (compiler/text/input_file.hpp), with what
// cannot be committed to the bad-input corpus: FIFOs, sockets, symlinks and
// sparse files, made here at run time. A FIFO given as any input used to
// block glossc forever, and /dev/zero to grow it until it aborted (exit
// 134): every case runs the real binary under `timeout`, so a hang fails
// the test (exit 124) instead of blocking the suite. Also: source paths
// must stay inside the manifest's folder unless `allow_outside = true`.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "diagnostics/diagnostics.hpp"
#include "support/paths.hpp"
#include "text/input_file.hpp"

namespace glossc {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;
using testing::TempDir;
using testing::write_text;
using text::InputError;
using text::InputFile;

constexpr const char* kTerms = "term,definition\nAlpha,The first letter.\nBeta,The second letter.\n";

void make_fifo(const fs::path& path) { ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0) << path; }

// A sparse file of `bytes` (no disk used), for the size limits.
void make_sparse(const fs::path& path, std::uintmax_t bytes) {
    write_text(path, "");
    fs::resize_file(path, bytes);
}

// Runs glossc with `arguments` in `folder`. A run that outlives the timeout
// is killed and exits 124: a hang fails the test rather than the suite. The
// timeout is generous, far over a run's real time, as a machine may be busy.
testing::CommandResult glossc(const fs::path& folder, const std::string& arguments) {
    return run_command("cd " + shell_quote(folder.string()) + " && timeout -k 10 120 " +
                       shell_quote(testing::glossc_binary().string()) + " " + arguments + " </dev/null");
}

bool has(const testing::CommandResult& result, const std::string& text) {
    return result.output.find(text) != std::string::npos;
}

// A manifest in `folder` with `top` lines (data files, allow_outside) and
// one source named `file`.
void write_manifest(const fs::path& folder, const std::string& top, const std::string& file) {
    write_text(folder / "glossary.toml", "title = \"Inputs\"\ndate = \"2026-01-01\"\n" + top +
                                             "\n[[source]]\nid = \"terms\"\nfile = \"" + file +
                                             "\"\nformat = \"csv\"\n");
}

// ---- The door itself ---------------------------------------------------------------

TEST(InputFile, ReadsARegularFile) {
    TempDir dir;
    write_text(dir / "a.csv", kTerms);
    InputFile file(dir / "a.csv", 1 << 20);
    ASSERT_TRUE(file.ok()) << file.reason();
    std::string bytes;
    EXPECT_TRUE(file.read(bytes));
    EXPECT_EQ(bytes, kTerms);
    InputFile mapped(dir / "a.csv", 1 << 20);
    auto contents = mapped.contents();
    ASSERT_TRUE(contents);
    EXPECT_EQ(*contents, kTerms);
    write_text(dir / "empty", "");
    InputFile empty_file(dir / "empty", 1 << 20);
    auto empty = empty_file.contents();
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
}

TEST(InputFile, NamesWhatAPathIsWhenItIsNoRegularFile) {
    TempDir dir;
    make_fifo(dir / "fifo");
    fs::create_directory(dir / "folder");
    fs::create_symlink(dir / "fifo", dir / "link-to-fifo");
    fs::create_symlink(dir / "nowhere", dir / "dangling");
    // A socket bound to a path in the folder.
    int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(sock, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::string socket_path = (dir / "socket").string();
    ASSERT_LT(socket_path.size(), sizeof address.sun_path);
    socket_path.copy(address.sun_path, socket_path.size());
    ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);

    struct Case {
        fs::path path;
        InputError error;
        std::string reason;
    };
    const std::vector<Case> cases = {
        {dir / "fifo", InputError::NotAFile, "is a FIFO (named pipe), not a regular file"},
        {dir / "link-to-fifo", InputError::NotAFile, "is a FIFO (named pipe), not a regular file"},
        {dir / "folder", InputError::NotAFile, "is a directory, not a regular file"},
        {dir / "socket", InputError::NotAFile, "is a socket, not a regular file"},
        {"/dev/zero", InputError::NotAFile, "is a character device, not a regular file"},
        {"/dev/null", InputError::NotAFile, "is a character device, not a regular file"},
        {dir / "missing", InputError::Missing, "does not exist"},
        {dir / "dangling", InputError::Missing, "does not exist"},
        {dir / "folder" / "missing" / "deeper", InputError::Missing, "does not exist"},
    };
    for (const auto& c : cases) {
        InputFile file(c.path, 1 << 20);
        EXPECT_FALSE(file.ok()) << c.path;
        EXPECT_EQ(file.error(), c.error) << c.path;
        EXPECT_EQ(file.reason(), c.reason) << c.path;
        std::string bytes = "left over";
        EXPECT_FALSE(file.read(bytes)) << c.path;
        EXPECT_TRUE(bytes.empty()) << c.path;
        EXPECT_FALSE(file.contents()) << c.path;
        EXPECT_EQ(text::inspect_input(c.path).reason, c.reason) << c.path;
    }
    ::close(sock);
}

TEST(InputFile, RefusesAFileOverItsLimitUnread) {
    TempDir dir;
    make_sparse(dir / "big", (std::uintmax_t{3} << 20) + 1);
    InputFile file(dir / "big", std::uint64_t{2} << 20);
    EXPECT_EQ(file.error(), InputError::TooLarge);
    EXPECT_EQ(file.reason(), "is 3 MiB, over the limit of 2 MiB");
    EXPECT_EQ(file.size(), (std::uint64_t{3} << 20) + 1);
    InputFile under(dir / "big", std::uint64_t{4} << 20);
    EXPECT_TRUE(under.ok());
}

TEST(InputFile, AFileThatGrowsPastTheLimitWhileReadIsCutOff) {
    // A file of /proc says its size is 0 and holds more: what is read is
    // bounded all the same.
    InputFile file("/proc/self/maps", 16);
    ASSERT_TRUE(file.ok()) << file.reason();
    std::string bytes;
    EXPECT_FALSE(file.read(bytes));
    EXPECT_EQ(file.error(), InputError::TooLarge);
    EXPECT_TRUE(bytes.empty());
}

TEST(InputFile, PermissionDeniedIsSaid) {
    if (::geteuid() == 0) GTEST_SKIP() << "running as root, which reads any file";
    TempDir dir;
    write_text(dir / "secret", "x");
    fs::permissions(dir / "secret", fs::perms::none);
    InputFile file(dir / "secret", 1 << 20);
    EXPECT_EQ(file.error(), InputError::Denied);
    EXPECT_EQ(file.reason(), "may not be read (permission denied)");
}

TEST(InputFile, DataFilesAreReportedWithStableCodes) {
    TempDir dir;
    make_fifo(dir / "fifo");
    make_sparse(dir / "big", (std::uintmax_t{65} << 20));
    struct Case {
        fs::path path;
        std::string code, message;
    };
    const std::vector<Case> cases = {
        {dir / "fifo", "input-not-a-file", "the taxonomy file is a FIFO (named pipe), not a regular file; it is not read"},
        {dir / "big", "input-too-large", "the taxonomy file is 65 MiB, over the limit of 64 MiB; it is not read"},
        {dir / "missing", "taxonomy-unreadable", "the taxonomy file does not exist"},
    };
    for (const auto& c : cases) {
        DiagnosticSink sink;
        std::string bytes;
        EXPECT_FALSE(text::read_data_file(c.path, "taxonomy", text::kMaxDataFileBytes, bytes, sink));
        ASSERT_EQ(sink.all().size(), 1u) << c.path;
        EXPECT_EQ(sink.all()[0].code, c.code);
        EXPECT_EQ(sink.all()[0].message, c.message);
        EXPECT_EQ(sink.all()[0].file, c.path.lexically_normal().generic_string());
    }
}

// ---- Every input through the binary --------------------------------------------------

// Each data file, the manifest and a source as a FIFO: refused at once,
// with the diagnostic that names it. Nothing ever writes to these FIFOs.
TEST(InputFiles, AFifoGivenAsAnyInputIsRefusedWithoutBlocking) {
    struct Case {
        std::string name, top, source, args;
        int exit;
        std::string code, text;
    };
    const std::vector<Case> cases = {
        {"taxonomy", "taxonomy = \"pipe\"", "terms.csv", "", 1, "input-not-a-file", "the taxonomy file is a FIFO (named pipe)"},
        {"spelling", "spelling = \"pipe\"", "terms.csv", "", 1, "input-not-a-file", "the spelling file is a FIFO (named pipe)"},
        {"overrides", "overrides = \"pipe\"", "terms.csv", "", 1, "input-not-a-file", "the overrides file is a FIFO (named pipe)"},
        {"ledger", "ledger = \"pipe\"", "terms.csv", "", 1, "input-not-a-file", "the ledger file is a FIFO (named pipe)"},
        {"source", "", "pipe", "", 1, "input-not-a-file", "source 'terms': 'pipe' is a FIFO (named pipe)"},
        {"--source", "", "terms.csv", "--source pipe=csv", 1, "input-not-a-file", "'pipe' is a FIFO (named pipe)"},
        {"--manifest", "", "terms.csv", "--manifest pipe", 2, "manifest-unreadable",
         "pipe: error: the manifest is a FIFO (named pipe), not a regular file"},
    };
    for (const auto& c : cases) {
        TempDir dir;
        write_text(dir / "terms.csv", kTerms);
        write_manifest(dir.path(), c.top, c.source);
        make_fifo(dir / "pipe");
        std::string args = c.args.starts_with("--manifest") ? c.args : "--manifest glossary.toml " + c.args;
        for (const char* command : {"check", "build --formats json --out out"}) {
            auto result = glossc(dir.path(), std::string(command) + " " + args);
            EXPECT_NE(result.status, 124) << c.name << ": glossc hung on a FIFO";
            EXPECT_EQ(result.status, c.exit) << c.name << "\n" << result.output;
            EXPECT_TRUE(has(result, "[" + c.code + "]")) << c.name << "\n" << result.output;
            EXPECT_TRUE(has(result, c.text)) << c.name << "\n" << result.output;
            EXPECT_FALSE(fs::exists(dir / "out" / "glossary.json")) << c.name;
        }
    }
}

TEST(InputFiles, DevZeroGivenAsAnyInputIsACharacterDevice) {
    struct Case {
        std::string name, top, source, args;
        int exit;
        std::string code;
    };
    const std::vector<Case> cases = {
        {"taxonomy", "taxonomy = \"/dev/zero\"", "terms.csv", "", 1, "input-not-a-file"},
        {"ledger", "ledger = \"/dev/zero\"", "terms.csv", "", 1, "input-not-a-file"},
        {"source", "allow_outside = true", "/dev/zero", "", 1, "input-not-a-file"},
        {"--source", "", "terms.csv", "--source /dev/zero=csv", 1, "input-not-a-file"},
        {"--manifest", "", "terms.csv", "--manifest /dev/zero", 2, "manifest-unreadable"},
    };
    for (const auto& c : cases) {
        TempDir dir;
        write_text(dir / "terms.csv", kTerms);
        write_manifest(dir.path(), c.top, c.source);
        std::string args = c.args.starts_with("--manifest") ? c.args : "--manifest glossary.toml " + c.args;
        auto result = glossc(dir.path(), "check " + args);
        EXPECT_NE(result.status, 134) << c.name << ": aborted, out of memory";
        EXPECT_NE(result.status, 124) << c.name << ": hung";
        EXPECT_EQ(result.status, c.exit) << c.name << "\n" << result.output;
        EXPECT_TRUE(has(result, "[" + c.code + "]")) << c.name << "\n" << result.output;
        EXPECT_TRUE(has(result, "is a character device, not a regular file")) << c.name << "\n" << result.output;
    }
}

TEST(InputFiles, OversizedDataFilesAreRefusedUnread) {
    TempDir dir;
    write_text(dir / "terms.csv", kTerms);
    make_sparse(dir / "taxonomy.toml", std::uintmax_t{65} << 20);
    write_manifest(dir.path(), "taxonomy = \"taxonomy.toml\"", "terms.csv");
    auto result = glossc(dir.path(), "check --manifest glossary.toml");
    EXPECT_EQ(result.status, 1) << result.output;
    EXPECT_TRUE(has(result, "taxonomy.toml: error: the taxonomy file is 65 MiB, over the limit of 64 MiB; it is not read "
                            "[input-too-large]"))
        << result.output;

    make_sparse(dir / "big.toml", std::uintmax_t{65} << 20);
    auto manifest = glossc(dir.path(), "check --manifest big.toml");
    EXPECT_EQ(manifest.status, 2) << manifest.output;
    EXPECT_TRUE(has(manifest, "big.toml: error: the manifest is 65 MiB, over the limit of 64 MiB [manifest-unreadable]"))
        << manifest.output;
}

// ---- Sources stay in the manifest's folder -------------------------------------------

// A tree: glossary/ (the manifest's folder) beside outside/terms.csv.
struct Tree {
    TempDir dir;
    fs::path folder = dir / "glossary";
    Tree() {
        fs::create_directories(folder);
        fs::create_directories(dir / "outside");
        write_text(dir / "outside" / "terms.csv", kTerms);
        write_text(folder / "terms.csv", kTerms);
    }
};

TEST(InputFiles, ASourceOutsideTheManifestsFolderIsAnError) {
    Tree tree;
    fs::create_symlink("../outside/terms.csv", tree.folder / "link.csv");
    fs::create_directory_symlink("../outside", tree.folder / "linked-folder");
    const std::string absolute = (tree.dir / "outside" / "terms.csv").string();
    for (const std::string& file : {std::string("../outside/terms.csv"), absolute, std::string("link.csv"),
                                    std::string("linked-folder/terms.csv"), std::string("sub/../../outside/terms.csv")}) {
        write_manifest(tree.folder, "", file);
        auto result = glossc(tree.dir.path(), "check --manifest glossary/glossary.toml");
        EXPECT_EQ(result.status, 1) << file << "\n" << result.output;
        EXPECT_TRUE(has(result, "[source-outside-manifest-folder]")) << file << "\n" << result.output;
        EXPECT_TRUE(has(result, "source 'terms': '")) << file << "\n" << result.output;
        EXPECT_TRUE(has(result, "outside/terms.csv', outside the manifest's folder 'glossary'")) << result.output;
        EXPECT_FALSE(has(result, "[layout]")) << file << ": the file was read\n" << result.output;
    }
}

TEST(InputFiles, AllowOutsideReadsItWithANote) {
    Tree tree;
    fs::create_symlink("../outside/terms.csv", tree.folder / "link.csv");
    for (const std::string& file : {std::string("../outside/terms.csv"), (tree.dir / "outside" / "terms.csv").string(),
                                    std::string("link.csv")}) {
        write_manifest(tree.folder, "allow_outside = true", file);
        auto result = glossc(tree.dir.path(), "check --manifest glossary/glossary.toml");
        EXPECT_EQ(result.status, 0) << file << "\n" << result.output;
        EXPECT_TRUE(has(result, "note: source 'terms': '")) << result.output;
        EXPECT_TRUE(has(result, "is outside the manifest's folder, as allow_outside = true allows "
                                "[source-outside-allowed]"))
            << file << "\n" << result.output;
    }
    write_manifest(tree.folder, "allow_outside = \"yes\"", "terms.csv");
    auto wrong_type = glossc(tree.dir.path(), "check --manifest glossary/glossary.toml");
    EXPECT_EQ(wrong_type.status, 1) << wrong_type.output;
    EXPECT_TRUE(has(wrong_type, "field 'allow_outside' must be true or false [manifest-bad-field]")) << wrong_type.output;
}

TEST(InputFiles, InsideTheFolderAfterSymlinksIsInside) {
    Tree tree;
    // The manifest's folder reached through a symlink, and a symlink inside
    // it to a file inside it: both resolve inside.
    fs::create_directory_symlink("glossary", tree.dir / "alias");
    fs::create_directories(tree.folder / "data");
    write_text(tree.folder / "data" / "real.csv", kTerms);
    fs::create_symlink("data/real.csv", tree.folder / "link.csv");
    for (const std::string& file : {std::string("terms.csv"), std::string("link.csv"), std::string("data/../terms.csv"),
                                    (tree.folder / "terms.csv").string()}) {
        write_manifest(tree.folder, "", file);
        for (const char* manifest : {"glossary/glossary.toml", "alias/glossary.toml"}) {
            auto result = glossc(tree.dir.path(), std::string("check --manifest ") + manifest);
            EXPECT_EQ(result.status, 0) << file << " via " << manifest << "\n" << result.output;
            EXPECT_FALSE(has(result, "source-outside")) << result.output;
        }
    }
    // A manifest in the working folder itself.
    write_manifest(tree.folder, "", "terms.csv");
    auto here = glossc(tree.folder, "check --manifest glossary.toml");
    EXPECT_EQ(here.status, 0) << here.output;
}

TEST(InputFiles, ACommandLineSourceMayLieAnywhere) {
    Tree tree;
    write_manifest(tree.folder, "", "terms.csv");
    auto result = glossc(tree.dir.path(), "check --manifest glossary/glossary.toml --source outside/terms.csv");
    EXPECT_EQ(result.status, 0) << result.output;
    EXPECT_FALSE(has(result, "source-outside")) << result.output;
}

}  // namespace
}  // namespace glossc
