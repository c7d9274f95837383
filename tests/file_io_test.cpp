// TemporaryFile: what is appended, piece by piece, is what the file holds,
// whichever way the pieces fall around its buffer (a file larger than the
// buffer is written with direct I/O where the file system allows it, and
// through the page cache where it does not); and an unfinished file leaves
// nothing behind.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "support/paths.hpp"
#include "support/property.hpp"
#include "text/file_io.hpp"

namespace {

namespace fs = std::filesystem;
using glossc::text::TemporaryFile;
constexpr std::size_t kBuffer = TemporaryFile::kBufferSize;

// Bytes that differ from one offset to the next, so a piece written twice,
// dropped or misplaced shows.
std::string pattern(std::size_t size, unsigned seed) {
    std::string out(size, '\0');
    std::uint32_t x = seed * 2654435761u + 1;
    for (auto& c : out) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = static_cast<char>(x);
    }
    return out;
}

// Writes `bytes` in pieces of the given sizes (the last piece takes the rest)
// into `folder`, commits it, and returns what the file holds.
std::string write_in_pieces(const fs::path& folder, const std::string& bytes, const std::vector<std::size_t>& pieces) {
    const fs::path target = folder / "out.bin";
    TemporaryFile file(target);
    std::size_t at = 0;
    for (std::size_t piece : pieces) {
        if (at >= bytes.size()) break;
        piece = std::min(piece, bytes.size() - at);
        EXPECT_TRUE(file.append(std::string_view(bytes).substr(at, piece)));
        at += piece;
    }
    EXPECT_TRUE(file.append(std::string_view(bytes).substr(at)));
    fs::path temporary = file.finish();
    EXPECT_FALSE(temporary.empty());
    EXPECT_TRUE(glossc::text::commit_temporary(temporary, target));
    EXPECT_EQ(fs::status(target).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    return glossc::testing::read_bytes(target);
}

// The folders to write into: the system temp folder (a disk, usually) and
// /dev/shm when there is one (tmpfs: before Linux 6.6 it refuses direct I/O,
// and the writes fall back to the page cache).
std::vector<fs::path> folders_to_try(const fs::path& temp) {
    std::vector<fs::path> out{temp};
    std::error_code ec;
    if (fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0) out.push_back("/dev/shm");
    return out;
}

TEST(TemporaryFile, HoldsWhatWasAppendedAroundTheBufferSize) {
    glossc::testing::TempDir dir;
    for (const fs::path& folder : folders_to_try(dir.path())) {
        for (std::size_t size : {std::size_t{0}, std::size_t{1}, kBuffer - 1, kBuffer, kBuffer + 1,
                                 2 * kBuffer + 4097, 3 * kBuffer}) {
            const std::string bytes = pattern(size, static_cast<unsigned>(size));
            // Whole, in pieces that do not divide the buffer, and in pieces larger than it.
            for (const auto& pieces : std::vector<std::vector<std::size_t>>{{}, {1000, 7, 65536, 333333},
                                                                            {kBuffer + 3, kBuffer - 5}}) {
                const std::string written = write_in_pieces(folder, bytes, pieces);
                ASSERT_EQ(written.size(), bytes.size()) << folder << ", " << size << " bytes";
                ASSERT_TRUE(written == bytes) << folder << ", " << size << " bytes";
            }
        }
        fs::remove(folder / "out.bin");
    }
}

TEST(TemporaryFile, HoldsWhatWasAppendedInAnyPieces) {
    glossc::testing::TempDir dir;
    glossc::testing::check_property("TemporaryFile holds its pieces in order", 25, [&] {
        const auto size = *rc::gen::inRange<std::size_t>(0, 2 * kBuffer + 10000);
        const auto pieces = *rc::gen::container<std::vector<std::size_t>>(rc::gen::inRange<std::size_t>(0, kBuffer));
        const std::string bytes = pattern(size, static_cast<unsigned>(size + pieces.size()));
        RC_ASSERT(write_in_pieces(dir.path(), bytes, pieces) == bytes);
    });
}

TEST(TemporaryFile, LeavesNothingBehindUnfinished) {
    glossc::testing::TempDir dir;
    {
        TemporaryFile file(dir / "out.bin");
        ASSERT_TRUE(file.append(pattern(kBuffer + 100, 1)));  // one direct write done, the rest buffered
    }
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

}  // namespace
