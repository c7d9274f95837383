// Builds that share a folder take turns: a lock on the output folder, held
// from before the first output is written until the build ends, and one on
// the manifest's folder for a release (which reads the ledger, then writes
// it). Both are flock(2) locks: the kernel drops them when the process ends,
// however it ends, so a killed build never leaves a stale lock behind.
//
// A build that finds the lock taken waits for it (a note says so, once), for
// at most kLockWait; after that it stops with an `output-locked` error. Why
// wait rather than fail at once: the second of two builds started together
// (`make -j`, two terminals) then succeeds, with the same bytes as if it had
// run alone, instead of failing for no fault of its own; and the lock is only
// ever held by a live glossc, so the wait ends when that build ends. The
// bound is for a build that hangs: the largest measured build (1M entries,
// every format) takes about a minute, a PDF of 200k entries some minutes.
//
// With the output folder's lock held no live build can be writing there, so
// the temporaries that killed builds left behind (text::TemporaryFile's
// `.glossary.json.tmp-XXXXXX`) are removed then (remove_stale_temporaries).
#pragma once

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <optional>

#include "diagnostics/diagnostics.hpp"

namespace glossc {

inline constexpr std::chrono::seconds kLockWait{3600};
// The lock file in the output folder.
inline constexpr const char* kOutputLockName = ".glossc.lock";

// A held lock; released when destroyed (or when the process ends).
class FolderLock {
public:
    FolderLock() = default;
    // `file`: the lock file, removed on release; empty for a folder's own lock.
    FolderLock(int fd, std::filesystem::path file) : fd_(fd), file_(std::move(file)) {}
    FolderLock(FolderLock&& other) noexcept : fd_(other.fd_), file_(std::move(other.file_)) { other.fd_ = -1; }
    FolderLock& operator=(FolderLock&& other) noexcept;
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    ~FolderLock();

private:
    void release();
    int fd_ = -1;
    std::filesystem::path file_;
};

// Takes the lock of the output folder `dir` (which must exist): its file
// `.glossc.lock`, created if missing and never followed if it is a symbolic
// link. The file holds the holder's pid, for the note of a build that waits,
// and is removed when the lock is released, so that a build leaves no file
// of its own behind (a killed build's is taken over by the next). While waiting, the note is printed on `err` at once (the wait may be
// long); a failure is reported into `problems` (`output-locked` when the
// wait passed kLockWait, `output-unwritable` when the lock file cannot be
// opened) and gives nullopt.
std::optional<FolderLock> lock_output_folder(const std::filesystem::path& dir, DiagnosticSink& problems,
                                             std::ostream& err);

// Takes the lock of the folder holding the manifest (the folder itself: no
// file is added to the sources), for a release, before the ledger is read.
// A file system that cannot lock a folder (flock refused) gives an unheld
// lock rather than an error: two releases at once are rare, and the ledger
// is still written atomically.
std::optional<FolderLock> lock_manifest_folder(const std::filesystem::path& manifest, DiagnosticSink& problems,
                                               std::ostream& err);

// Removes the temporaries that killed builds left in the output folder `dir`
// (regular files named as text::TemporaryFile names them, for an output
// glossc writes there; anything else, a symbolic link of such a name
// included, is left alone), with a note of how many and their size. Call it
// only with the folder's lock held.
void remove_stale_temporaries(const std::filesystem::path& dir, DiagnosticSink& problems);

}  // namespace glossc
