// Outputs that survive faults (issue 25), end to end with `glossc`: builds
// into one output folder at once take turns (the folder's lock), what killed
// builds left behind is removed, and a symbolic link planted in the output
// folder is replaced, never written through. The PDF cases are skipped,
// visibly, without a TeX installation.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/paths.hpp"
#include "text/file_io.hpp"
#include "text/stale_temporaries.hpp"

namespace glossc {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;
using testing::TempDir;

std::string glossc() { return shell_quote(testing::glossc_binary().string()); }
std::string quoted(const fs::path& path) { return shell_quote(path.string()); }

// A small glossary of its own (the PDF cases compile it: the seeds would
// take minutes), with a ledger for --release.
void write_small_glossary(const fs::path& dir) {
    testing::write_text(dir / "glossary.toml", "title = \"Faults\"\nledger = \"ledger.json\"\n"
                                               "[[source]]\nid = \"notes\"\nfile = \"notes.md\"\nformat = \"markdown\"\n");
    testing::write_text(dir / "notes.md",
                        "## Epoch\n\nOne pass over the training data.\n\n"
                        "## Batch\n\nThe examples of one step; see also Epoch.\n\n"
                        "## Learning rate\n\nHow far one step moves the weights.\n");
}

std::string build_command(const fs::path& dir, const fs::path& out, const std::string& options) {
    return "SOURCE_DATE_EPOCH=1795392000 " + glossc() + " build --manifest " + quoted(dir / "glossary.toml") +
           " --out " + quoted(out) + " " + options;
}

bool tex_missing(std::string& tool) {
    for (const char* name : {"lualatex", "latexmk", "pdftotext"})
        if (run_command(std::string("command -v ") + name + " >/dev/null").status != 0) {
            tool = name;
            return true;
        }
    return false;
}

#define SKIP_WITHOUT_TEX()                                                                        \
    do {                                                                                          \
        if (std::string tool; tex_missing(tool)) GTEST_SKIP() << "skipped: " << tool << " not installed"; \
    } while (0)

// Two builds started at once into one folder; each one's status and output.
struct Pair {
    int status[2] = {-1, -1};
    std::string output[2];
};
Pair build_twice_at_once(const std::string& command, const fs::path& scratch) {
    std::string line;
    for (int i = 0; i < 2; ++i) {
        std::string n = std::to_string(i);
        line += "( " + command + " >" + quoted(scratch / ("out" + n)) + " 2>&1; echo $? >" +
                quoted(scratch / ("status" + n)) + " ) & ";
    }
    auto ran = run_command(line + "wait");
    EXPECT_EQ(ran.status, 0) << ran.output;
    Pair pair;
    for (int i = 0; i < 2; ++i) {
        std::string n = std::to_string(i);
        pair.status[i] = std::stoi(testing::read_bytes(scratch / ("status" + n)));
        pair.output[i] = testing::read_bytes(scratch / ("out" + n));
    }
    return pair;
}

// The files of an output folder, by name (a lock file left there would be
// one of them).
std::map<std::string, std::string> files_of(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file()) files[entry.path().filename().string()] = testing::read_bytes(entry.path());
    return files;
}

// What is left in `dir` of the temporaries and run folders of builds.
std::vector<std::string> leftovers(const fs::path& dir) {
    std::vector<std::string> found;
    if (!fs::exists(dir)) return found;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        if (name.find(".tmp-") != std::string::npos || name.starts_with(".pdf-run-")) found.push_back(name);
    }
    return found;
}

// Polls for `done` (a file appearing, a line printed), for at most `limit`:
// not a timing assertion, only a guard that a hung build fails the test
// instead of hanging it.
template <typename Done>
bool eventually(Done done, std::chrono::seconds limit = std::chrono::seconds(300)) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

std::string read_if_there(const fs::path& path) { return fs::exists(path) ? testing::read_bytes(path) : ""; }

// The test holds a lock as another build would, starts a build in the
// background and sees it wait for the lock (and write nothing), then lets it
// go. The lock's file descriptor is not inherited by the shell (O_CLOEXEC):
// it would hold the lock too.
struct HeldLock {
    explicit HeldLock(const fs::path& path, bool folder) {
        fd = ::open(path.c_str(), folder ? O_RDONLY | O_DIRECTORY | O_CLOEXEC : O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        EXPECT_GE(fd, 0) << path;
        EXPECT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
        if (!folder) {
            std::string pid = std::to_string(::getpid()) + "\n";
            EXPECT_EQ(::write(fd, pid.data(), pid.size()), static_cast<ssize_t>(pid.size()));
        }
    }
    ~HeldLock() { release(); }
    void release() {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
    int fd = -1;
};

struct Background {
    Background(const std::string& command, const fs::path& scratch) : log(scratch / "log"), status(scratch / "status") {
        std::string line = "( " + command + " >" + quoted(log) + " 2>&1; echo $? >" + quoted(status) + ".part && mv " +
                           quoted(status) + ".part " + quoted(status) + " ) &";
        EXPECT_EQ(std::system(line.c_str()), 0);
    }
    // Waits for it to end (at most the guard's limit); its exit status.
    int wait() {
        if (!eventually([&] { return fs::exists(status); })) return -1;
        return std::stoi(testing::read_bytes(status));
    }
    fs::path log, status;
};

// ---- The output folder's lock ---------------------------------------------------------------

// Two builds into one folder at once both succeed, one after the other,
// with the bytes of a build that ran alone.
TEST(OutputFaults, TwoBuildsIntoOneFolderAtOnceMatchOneBuildAlone) {
    TempDir dir;
    write_small_glossary(dir.path());
    auto alone = run_command(build_command(dir.path(), dir / "alone", "--formats json,text,latex,epub,anki"));
    ASSERT_EQ(alone.status, 0) << alone.output;
    for (int round = 0; round < 3; ++round) {
        fs::path out = dir / ("shared" + std::to_string(round));
        Pair pair = build_twice_at_once(build_command(dir.path(), out, "--formats json,text,latex,epub,anki"), dir.path());
        for (int i = 0; i < 2; ++i) EXPECT_EQ(pair.status[i], 0) << pair.output[i];
        EXPECT_EQ(files_of(out), files_of(dir / "alone")) << "round " << round;
        EXPECT_TRUE(leftovers(out).empty());
    }
}

TEST(OutputFaults, ABuildWaitsWhileAnotherHoldsTheOutputFolder) {
    TempDir dir;
    write_small_glossary(dir.path());
    fs::path out = dir / "out";
    fs::create_directories(out);
    HeldLock held(out / ".glossc.lock", false);
    Background build(build_command(dir.path(), out, "--formats json"), dir.path());
    // It says it waits, naming the holder, and writes nothing meanwhile.
    ASSERT_TRUE(eventually([&] { return read_if_there(build.log).find("[output-locked]") != std::string::npos; }))
        << read_if_there(build.log);
    std::string note = read_if_there(build.log);
    EXPECT_NE(note.find("glossc: note: waiting for another glossc build (pid " + std::to_string(::getpid()) + ")"),
              std::string::npos)
        << note;
    EXPECT_FALSE(fs::exists(out / "glossary.json"));
    EXPECT_FALSE(fs::exists(build.status));
    held.release();
    ASSERT_EQ(build.wait(), 0) << read_if_there(build.log);
    EXPECT_TRUE(nlohmann::json::accept(testing::read_bytes(out / "glossary.json")));
    // Said once; the lock file goes with the build that held it last.
    std::string log = read_if_there(build.log);
    EXPECT_EQ(log.find("[output-locked]"), log.rfind("[output-locked]")) << log;
    EXPECT_FALSE(fs::exists(out / ".glossc.lock"));
}

// A release reads the ledger and writes it back: a second release of the
// same manifest waits for the first.
TEST(OutputFaults, AReleaseWaitsForAnotherReleaseOfTheSameManifest) {
    TempDir dir;
    write_small_glossary(dir.path());
    HeldLock held(dir.path(), true);
    Background release(build_command(dir.path(), dir / "out", "--formats json --release"), dir.path());
    ASSERT_TRUE(eventually([&] {
        return read_if_there(release.log).find("waiting for another glossc release") != std::string::npos;
    })) << read_if_there(release.log);
    EXPECT_FALSE(fs::exists(dir / "ledger.json"));
    EXPECT_FALSE(fs::exists(dir / "out" / "glossary.json"));
    held.release();
    ASSERT_EQ(release.wait(), 0) << read_if_there(release.log);
    EXPECT_TRUE(fs::exists(dir / "ledger.json"));
}

// A link planted as the lock file is refused, not written through.
TEST(OutputFaults, ALinkPlantedAsTheLockFileIsRefused) {
    TempDir dir;
    write_small_glossary(dir.path());
    fs::create_directories(dir / "out");
    testing::write_text(dir / "precious.txt", "keep me\n");
    fs::create_symlink(dir / "precious.txt", dir / "out" / ".glossc.lock");
    auto built = run_command(build_command(dir.path(), dir / "out", "--formats json"));
    EXPECT_EQ(built.status, 2) << built.output;
    EXPECT_NE(built.output.find("lock file: it is not a regular file (remove it) [output-unwritable]"),
              std::string::npos)
        << built.output;
    EXPECT_EQ(testing::read_bytes(dir / "precious.txt"), "keep me\n");
    EXPECT_FALSE(fs::exists(dir / "out" / "glossary.json"));
}

// ---- What killed builds left behind -------------------------------------------------------

// The temporary-file names the cleanup looks for are the ones TemporaryFile
// really makes.
TEST(OutputFaults, StaleTemporaryNamesAreTemporaryFilesNames) {
    TempDir dir;
    text::TemporaryFile file(dir / "glossary.json");
    ASSERT_TRUE(file.append("{}"));
    fs::path temporary = file.finish();
    ASSERT_FALSE(temporary.empty());
    EXPECT_TRUE(text::is_temporary_name(temporary.filename().string(), {"glossary."})) << temporary;
    EXPECT_FALSE(text::is_temporary_name(temporary.filename().string(), {"merge-report."})) << temporary;
    EXPECT_TRUE(text::is_temporary_name(".glossary.pdf.tmp-aZ09xY", {"glossary."}));
    for (const char* other : {"glossary.json.tmp-abc123", ".glossary.tmp-abc123", ".glossary.json.tmp-abc12",
                              ".glossary.json.tmp-abc1234", ".glossary.json.tmp-abc_12", ".notes.json.tmp-abc123",
                              ".glossary.json.tmp-", ".glossary.json"})
        EXPECT_FALSE(text::is_temporary_name(other, {"glossary.", "merge-report."})) << other;
}

TEST(OutputFaults, TemporariesOfKilledBuildsAreRemoved) {
    TempDir dir;
    write_small_glossary(dir.path());
    fs::path out = dir / "out";
    fs::create_directories(out);
    // What killed builds leave (a million bytes each), and what only looks alike.
    const std::vector<std::string> stale{".glossary.json.tmp-Ab12Cd", ".glossary.apkg.tmp-000000",
                                         ".glossary.pdf.tmp-zzzzzz", ".merge-report.html.tmp-q1w2e3"};
    for (const auto& name : stale) testing::write_text(out / name, std::string(1000000, 'x'));
    const std::vector<std::string> kept{".glossary.json.tmp-Ab12C", "glossary.json.tmp-Ab12Cd", ".notes.json.tmp-Ab12Cd",
                                        "mine.txt"};
    for (const auto& name : kept) testing::write_text(out / name, "mine\n");
    testing::write_text(dir / "precious.txt", "keep me\n");
    fs::create_symlink(dir / "precious.txt", out / ".glossary.txt.tmp-Lnk123");
    fs::create_directories(out / ".glossary.epub.tmp-Dir123");
    // A folder backend's temporary folder (text/folder_io.hpp) goes with
    // what it holds; a folder of a name no backend writes stays.
    fs::create_directories(out / ".stardict.tmp-Fold12" / "sub");
    testing::write_text(out / ".stardict.tmp-Fold12" / "sub" / "glossary.idx", std::string(1000000, 'x'));
    fs::create_directories(out / ".stardicts.tmp-Fold12");

    auto built = run_command(build_command(dir.path(), out, "--formats json"));
    ASSERT_EQ(built.status, 0) << built.output;
    for (const auto& name : stale) EXPECT_FALSE(fs::exists(out / name)) << name;
    for (const auto& name : kept) EXPECT_EQ(testing::read_bytes(out / name), "mine\n") << name;
    EXPECT_TRUE(fs::is_symlink(out / ".glossary.txt.tmp-Lnk123"));
    EXPECT_EQ(testing::read_bytes(dir / "precious.txt"), "keep me\n");
    EXPECT_TRUE(fs::is_directory(out / ".glossary.epub.tmp-Dir123"));
    EXPECT_FALSE(fs::exists(out / ".stardict.tmp-Fold12"));
    EXPECT_TRUE(fs::is_directory(out / ".stardicts.tmp-Fold12"));
    EXPECT_NE(built.output.find("glossc: note: removed 5 temporary files (5.0 MB) left in " + out.generic_string() +
                                "/ by earlier builds that were stopped [output-stale-temporaries]"),
              std::string::npos)
        << built.output;

    // Nothing left to remove: no note.
    auto again = run_command(build_command(dir.path(), out, "--formats json"));
    ASSERT_EQ(again.status, 0) << again.output;
    EXPECT_EQ(again.output.find("[output-stale-temporaries]"), std::string::npos) << again.output;
}

// ---- The PDF --------------------------------------------------------------------------------

// The case of the issue: two --pdf builds into one folder at once gave a
// corrupt glossary.pdf. Now both succeed and the PDF is that of a build alone.
TEST(OutputFaults, TwoPdfBuildsIntoOneFolderAtOnceGiveTheSamePdf) {
    SKIP_WITHOUT_TEX();
    TempDir dir;
    write_small_glossary(dir.path());
    auto alone = run_command(build_command(dir.path(), dir / "alone", "--formats latex --pdf"));
    ASSERT_EQ(alone.status, 0) << alone.output;
    std::string pdf = testing::read_bytes(dir / "alone" / "glossary.pdf");
    ASSERT_TRUE(pdf.starts_with("%PDF-"));
    auto text = run_command("pdftotext " + quoted(dir / "alone" / "glossary.pdf") + " -");
    ASSERT_EQ(text.status, 0) << text.output;
    EXPECT_NE(text.output.find("Learning rate"), std::string::npos) << text.output;

    fs::path out = dir / "shared";
    Pair pair = build_twice_at_once(build_command(dir.path(), out, "--formats latex --pdf"), dir.path());
    for (int i = 0; i < 2; ++i) EXPECT_EQ(pair.status[i], 0) << pair.output[i];
    EXPECT_EQ(testing::read_bytes(out / "glossary.pdf"), pdf);
    EXPECT_EQ(testing::read_bytes(out / "glossary.tex"), testing::read_bytes(dir / "alone" / "glossary.tex"));
    EXPECT_TRUE(leftovers(out).empty());
}

// Links planted in the build folder, and the build folder itself a link:
// replaced, never written through; the log is still offered there. A run
// folder that a killed build left is removed.
TEST(OutputFaults, LinksPlantedInTheLatexBuildFolderAreNotWrittenThrough) {
    SKIP_WITHOUT_TEX();
    TempDir dir;
    write_small_glossary(dir.path());
    fs::path out = dir / "out";
    fs::path build = out / "latex-build";
    fs::create_directories(build / ".pdf-run-Kil1ed");
    testing::write_text(build / ".pdf-run-Kil1ed" / "glossary.pdf", std::string(100000, 'x'));
    const std::string precious = "the user's file\n";
    for (const char* name : {"glossary.log", "latexmk.out", "glossary.aux", "glossary.pdf", "glossary.tex"}) {
        testing::write_text(dir / (std::string("precious-") + name), precious);
        fs::create_symlink(dir / (std::string("precious-") + name), build / name);
    }
    auto built = run_command(build_command(dir.path(), out, "--formats latex --pdf"));
    ASSERT_EQ(built.status, 0) << built.output;
    for (const char* name : {"glossary.log", "latexmk.out", "glossary.aux", "glossary.pdf", "glossary.tex"}) {
        EXPECT_EQ(testing::read_bytes(dir / (std::string("precious-") + name)), precious) << name;
        EXPECT_FALSE(fs::is_symlink(build / name)) << name;
    }
    EXPECT_NE(testing::read_bytes(build / "glossary.log").find("LuaHBTeX"), std::string::npos);
    EXPECT_FALSE(fs::exists(build / ".pdf-run-Kil1ed"));
    EXPECT_NE(built.output.find("[output-stale-temporaries]"), std::string::npos) << built.output;
    EXPECT_TRUE(leftovers(out).empty());
    EXPECT_TRUE(testing::read_bytes(out / "glossary.pdf").starts_with("%PDF-"));

    // The build folder itself a link to a folder of the user's.
    fs::create_directories(dir / "users-folder");
    testing::write_text(dir / "users-folder" / "glossary.log", precious);
    fs::remove_all(build);
    fs::create_directory_symlink(dir / "users-folder", build);
    auto again = run_command(build_command(dir.path(), out, "--formats latex --pdf"));
    ASSERT_EQ(again.status, 0) << again.output;
    EXPECT_FALSE(fs::is_symlink(build));
    EXPECT_TRUE(fs::exists(build / "glossary.log"));
    EXPECT_EQ(files_of(dir / "users-folder"), (std::map<std::string, std::string>{{"glossary.log", precious}}));
}

}  // namespace
}  // namespace glossc
