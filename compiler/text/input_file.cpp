#include "text/input_file.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace glossc::text {

namespace {

// What a failed stat() or open() means, as InputKind.
InputKind from_errno(int error) {
    switch (error) {
        case ENOENT:
        case ENOTDIR:
            return {InputError::Missing, "does not exist"};
        case EACCES:
        case EPERM:
            return {InputError::Denied, "may not be read (permission denied)"};
        case ELOOP:
            return {InputError::Unreadable, "is a loop of symbolic links"};
        default:
            return {InputError::Unreadable, std::string("cannot be read: ") + std::strerror(error)};
    }
}

// Empty for a regular file; what it is otherwise.
std::string what_it_is(mode_t mode) {
    if (S_ISREG(mode)) return {};
    std::string kind = S_ISDIR(mode)    ? "a directory"
                       : S_ISFIFO(mode) ? "a FIFO (named pipe)"
                       : S_ISCHR(mode)  ? "a character device"
                       : S_ISBLK(mode)  ? "a block device"
                       : S_ISSOCK(mode) ? "a socket"
                                        : "something other than a file";
    return "is " + kind + ", not a regular file";
}

std::string over_limit(std::uint64_t bytes, std::uint64_t max_bytes) {
    return "is " + describe_size(bytes) + ", over the limit of " + describe_size(max_bytes);
}

}  // namespace

std::string describe_size(std::uint64_t bytes) {
    if (bytes < (std::uint64_t{1} << 20)) return std::to_string(bytes) + " bytes";
    return std::to_string(bytes >> 20) + " MiB";
}

InputKind inspect_input(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return from_errno(errno);
    if (std::string reason = what_it_is(info.st_mode); !reason.empty()) return {InputError::NotAFile, reason};
    return {InputError::None, {}, static_cast<std::uint64_t>(info.st_size)};
}

InputFile::InputFile(const std::filesystem::path& path, std::uint64_t max_bytes) : max_bytes_(max_bytes) {
    // Checked before opening: a device is never opened at all.
    InputKind kind = inspect_input(path);
    if (kind.error != InputError::None) {
        refuse(kind.error, std::move(kind.reason));
        return;
    }
    size_ = kind.size;
    if (size_ > max_bytes_) {
        refuse(InputError::TooLarge, over_limit(size_, max_bytes_));
        return;
    }
    // O_NONBLOCK: if a FIFO took the file's place since stat(), open()
    // returns at once instead of waiting for a writer.
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd_ < 0) {
        kind = from_errno(errno);
        refuse(kind.error, std::move(kind.reason));
        return;
    }
    struct stat info {};
    if (::fstat(fd_, &info) != 0) {
        refuse(InputError::Unreadable, std::string("cannot be read: ") + std::strerror(errno));
        return;
    }
    if (std::string reason = what_it_is(info.st_mode); !reason.empty()) {
        refuse(InputError::NotAFile, std::move(reason));
        return;
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
    if (size_ > max_bytes_) {
        refuse(InputError::TooLarge, over_limit(size_, max_bytes_));
        return;
    }
    // A regular file: reads block as usual (O_NONBLOCK means nothing for
    // one, but say so).
    if (int flags = ::fcntl(fd_, F_GETFL); flags != -1) ::fcntl(fd_, F_SETFL, flags & ~O_NONBLOCK);
}

InputFile::~InputFile() {
    if (mapped_) ::munmap(const_cast<char*>(mapped_), static_cast<std::size_t>(size_));
    if (fd_ >= 0) ::close(fd_);
}

bool InputFile::refuse(InputError error, std::string reason) {
    error_ = error;
    reason_ = std::move(reason);
    return false;
}

bool InputFile::read(std::string& out) {
    out.clear();
    if (!ok()) return false;
    if (::lseek(fd_, 0, SEEK_SET) < 0 && errno != ESPIPE)
        return refuse(InputError::Unreadable, std::string("cannot be read: ") + std::strerror(errno));
    // The size a regular file has, so a large file is not copied through
    // every doubling of the string; the loop still reads what it holds.
    out.reserve(static_cast<std::size_t>(size_));
    char chunk[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd_, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            int error = errno;
            out.clear();
            return refuse(InputError::Unreadable, std::string("cannot be read: ") + std::strerror(error));
        }
        if (n == 0) break;
        if (out.size() + static_cast<std::size_t>(n) > max_bytes_) {
            // Growing while it is read (a log being written, a file of
            // /proc): no more than the limit is ever held.
            std::string().swap(out);
            return refuse(InputError::TooLarge, "grew past the limit of " + describe_size(max_bytes_) + " while it was read");
        }
        out.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
}

std::optional<std::string_view> InputFile::contents() {
    if (!ok()) return std::nullopt;
    if (mapped_) return std::string_view(mapped_, static_cast<std::size_t>(size_));
    if (size_ > 0) {
        void* p = ::mmap(nullptr, static_cast<std::size_t>(size_), PROT_READ, MAP_PRIVATE, fd_, 0);
        if (p != MAP_FAILED) {
            mapped_ = static_cast<const char*>(p);
            return std::string_view(mapped_, static_cast<std::size_t>(size_));
        }
    }
    // Not a file that can be mapped (an empty one, one of /proc or /sys): read.
    if (!read(buffer_)) return std::nullopt;
    return std::string_view(buffer_);
}

bool read_data_file(const std::filesystem::path& path, std::string_view what, std::uint64_t max_bytes,
                    std::string& out, DiagnosticSink& sink) {
    InputFile file(path, max_bytes);
    if (file.read(out)) return true;
    const Location where{path.lexically_normal().generic_string()};
    const std::string subject = "the " + std::string(what) + " file ";
    switch (file.error()) {
        case InputError::NotAFile:
            sink.error(where, "input-not-a-file", subject + file.reason() + "; it is not read");
            break;
        case InputError::TooLarge:
            sink.error(where, "input-too-large", subject + file.reason() + "; it is not read");
            break;
        default:
            sink.error(where, std::string(what) + "-unreadable", subject + file.reason());
            break;
    }
    return false;
}

}  // namespace glossc::text
