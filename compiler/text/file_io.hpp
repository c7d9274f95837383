// File reading and atomic writing, written once. Outputs are never left
// half-written: bytes go to a temporary file beside the target, which is
// renamed over it only when complete.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace glossc::text {

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
class TemporaryFile {
public:
    explicit TemporaryFile(const std::filesystem::path& target);
    ~TemporaryFile();
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    bool append(std::string_view bytes);
    std::filesystem::path finish();

private:
    void give_up();
    std::filesystem::path target_;
    std::string path_;
    int fd_ = -1;
};
// Renames the temporary over the target; on failure the temporary is removed.
bool commit_temporary(const std::filesystem::path& temporary, const std::filesystem::path& path);
void discard_temporary(const std::filesystem::path& temporary);

// The reason for the last failed read/write in this thread (strerror text).
std::string last_io_error();

}  // namespace glossc::text
