// File reading and atomic writing, written once. Outputs are never left
// half-written: bytes go to a temporary file beside the target, which is
// renamed over it only when complete.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace glossc::text {

// Reads a file this program wrote or runs on (an output, a LaTeX log).
// Inputs (the manifest, sources, data files) are read through
// text/input_file.hpp instead, which refuses FIFOs, devices and oversized
// files.
bool read_file(const std::filesystem::path& path, std::string& out);

// Writes `bytes` to a temporary file in the target's folder, flushes it and
// renames it over `path`. On failure nothing is left behind and the old file
// (if any) is untouched.
bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// The same in two steps, for several files that must change together (a
// build's outputs): write every file to its temporary beside the target
// first, and rename them only when all were written. A failed write leaves
// nothing behind and returns an empty path.
std::filesystem::path write_temporary_beside(const std::filesystem::path& path, std::string_view bytes);
// A temporary file beside `target`, written piece by piece: for a document
// too large to hold whole in memory. A failed append removes the file (and
// every later append fails); so does destroying it unfinished. finish()
// flushes and closes it and returns its path (empty on failure), for
// commit_temporary or discard_temporary.
//
// Appends are gathered in a buffer. A file that outgrows it (a large
// glossary's JSON, deck or book) is written with direct I/O (O_DIRECT) in
// whole buffers: the bytes go from the buffer to the disk without a copy
// in the page cache, whose fresh pages cost more than rendering did at a
// million entries (see write_buffer). Where direct I/O is refused (tmpfs,
// some network file systems) it is written as usual. A smaller file is one
// ordinary write when it is finished.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::filesystem::path& target);
    ~TemporaryFile();
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    bool append(std::string_view bytes);
    std::filesystem::path finish();

    // The buffer: a multiple of any disk's block size, aligned to a page.
    static constexpr std::size_t kBufferSize = std::size_t{4} << 20;

private:
    struct FreeAligned {
        void operator()(char* p) const;
    };
    bool write_buffer();
    bool write_plain(const char* data, std::size_t size);
    bool set_direct(bool on);
    void give_up();
    std::filesystem::path target_;
    std::string path_;
    int fd_ = -1;
    std::unique_ptr<char[], FreeAligned> buffer_;
    std::size_t used_ = 0;
    enum class Direct : std::uint8_t { Untried, On, Off } direct_ = Direct::Untried;
};
// Renames the temporary over the target; on failure the temporary is removed.
bool commit_temporary(const std::filesystem::path& temporary, const std::filesystem::path& path);
void discard_temporary(const std::filesystem::path& temporary);

// The reason for the last failed read/write in this thread (strerror text).
std::string last_io_error();
// Records errno's message about `what` as last_io_error() gives it (for
// I/O helpers elsewhere); returns false.
bool record_io_error(const std::string& what);

}  // namespace glossc::text
