#include "driver/output_lock.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <ostream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend.hpp"
#include "text/stale_temporaries.hpp"

namespace glossc {

namespace {

enum class Taken { Yes, TimedOut, Refused };

// An exclusive flock on `fd`, waiting until `deadline`; `on_wait` is
// called when the lock is found taken. flock has no timeout of its own,
// so a taken lock is tried again after a pause (growing to a quarter of a
// second): the waiting build starts at most that long after the other ends.
Taken take(int fd, std::chrono::steady_clock::time_point deadline, const std::function<void()>& on_wait) {
    using Clock = std::chrono::steady_clock;
    auto pause = std::chrono::milliseconds(10);
    bool waiting = false;
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return Taken::Yes;
        if (errno == EINTR) continue;
        if (errno != EWOULDBLOCK) return Taken::Refused;
        if (!waiting) {
            on_wait();
            waiting = true;
        }
        if (Clock::now() >= deadline) return Taken::TimedOut;
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(250));
    }
}

// " (pid 1234)" from the lock file of the build holding it, or "".
std::string holder(int fd) {
    char text[24] = {};
    ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
    if (n <= 0) return {};
    std::string pid(text, static_cast<std::size_t>(n));
    while (!pid.empty() && pid.back() == '\n') pid.pop_back();
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return {};
    return " (pid " + pid + ")";
}

// "out/" as the user named it.
std::string folder_name(const std::filesystem::path& dir) {
    std::string name = dir.generic_string();
    return name.empty() || name.ends_with('/') ? name : name + "/";
}

void print_note(std::ostream& err, std::string message) {
    err << format_diagnostic({ir::Severity::Note, {}, 0, 0, "output-locked", std::move(message)}) << '\n' << std::flush;
}

std::string minutes(std::chrono::seconds wait) {
    return std::to_string(std::chrono::duration_cast<std::chrono::minutes>(wait).count()) + " minutes";
}

}  // namespace

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
    if (this != &other) {
        release();
        fd_ = other.fd_;
        file_ = std::move(other.file_);
        other.fd_ = -1;
    }
    return *this;
}

FolderLock::~FolderLock() { release(); }

void FolderLock::release() {
    if (fd_ < 0) return;
    // Removed while still held: a build waiting on this file then finds,
    // once it has the lock, that the file is gone, and starts over on a new
    // one (lock_output_folder), so there is never more than one holder.
    if (!file_.empty()) ::unlink(file_.c_str());
    ::close(fd_);  // releases the lock
    fd_ = -1;
}

std::optional<FolderLock> lock_output_folder(const std::filesystem::path& dir, DiagnosticSink& problems,
                                             std::ostream& err) {
    const std::filesystem::path path = dir / kOutputLockName;
    const auto deadline = std::chrono::steady_clock::now() + kLockWait;
    bool noted = false;
    for (;;) {
        // O_NOFOLLOW: a symbolic link planted there is refused, not followed
        // (the pid would be written through it). O_NONBLOCK: a FIFO planted
        // there does not hang the open; it is refused below.
        int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
        struct stat info {};
        if (fd >= 0 && (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))) {
            ::close(fd);
            fd = -1;
            errno = EINVAL;
        }
        if (fd < 0) {
            std::string why =
                errno == ELOOP || errno == EINVAL ? "it is not a regular file (remove it)" : std::strerror(errno);
            problems.error({path.generic_string()}, "output-unwritable",
                           "cannot open the output folder's lock file: " + why);
            return std::nullopt;
        }
        Taken taken = take(fd, deadline, [&] {
            if (noted) return;
            noted = true;
            print_note(err, "waiting for another glossc build" + holder(fd) + " writing to " + folder_name(dir) +
                                " to finish");
        });
        if (taken == Taken::TimedOut) {
            problems.error({path.generic_string()}, "output-locked",
                           "another glossc build" + holder(fd) + " has been writing to " + folder_name(dir) +
                               " for over " + minutes(kLockWait) + ": it may hang; stop it, or build into another --out");
            ::close(fd);
            return std::nullopt;
        }
        if (taken == Taken::Refused) {
            problems.error({path.generic_string()}, "output-unwritable",
                           std::string("cannot lock the output folder: ") + std::strerror(errno));
            ::close(fd);
            return std::nullopt;
        }
        // The file locked must still be the one named: the build that held
        // it removes it before letting go (release()).
        struct stat named {};
        if (::lstat(path.c_str(), &named) == 0 && named.st_dev == info.st_dev && named.st_ino == info.st_ino) {
            std::string pid = std::to_string(::getpid()) + "\n";
            if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
                // Only the waiting note's pid is lost: the lock is held all the same.
            }
            return FolderLock(fd, path);
        }
        ::close(fd);
    }
}

std::optional<FolderLock> lock_manifest_folder(const std::filesystem::path& manifest, DiagnosticSink& problems,
                                               std::ostream& err) {
    std::filesystem::path dir = manifest.parent_path().empty() ? std::filesystem::path(".") : manifest.parent_path();
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    // No folder: the compile reports the manifest as unreadable.
    if (fd < 0) return FolderLock{};
    switch (take(fd, std::chrono::steady_clock::now() + kLockWait, [&] {
        print_note(err, "waiting for another glossc release of " + manifest.generic_string() +
                            " to finish writing its ledger");
    })) {
    case Taken::Yes:
        return FolderLock(fd, {});
    case Taken::TimedOut:
        problems.error({manifest.generic_string()}, "output-locked",
                       "another glossc release of this manifest has been running for over " + minutes(kLockWait) +
                           ": it may hang; stop it");
        ::close(fd);
        return std::nullopt;
    case Taken::Refused:
        break;
    }
    ::close(fd);
    return FolderLock{};
}

void remove_stale_temporaries(const std::filesystem::path& dir, DiagnosticSink& problems) {
    // The outputs glossc writes in an output folder: glossary.* (the
    // backends' files and the PDF), merge-report.* (glossc report) and the
    // folders of the backends that write one (stardict/, web/).
    std::vector<std::string> folders;
    for (const auto& backend : backend_registry())
        if (writes_folder(backend)) folders.push_back(output_path(backend, {}).generic_string());
    auto removed = text::remove_temporaries(dir, {"glossary.", "merge-report."}, folders);
    if (removed.files == 0) return;
    char size[32];
    std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(removed.bytes) / 1e6);
    problems.note({}, "output-stale-temporaries",
                  "removed " + std::to_string(removed.files) + " temporary file" + (removed.files == 1 ? "" : "s") +
                      " (" + size + ") left in " + folder_name(dir) + " by earlier builds that were stopped");
}

}  // namespace glossc
