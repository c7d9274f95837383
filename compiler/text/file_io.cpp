#include "text/file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace glossc::text {

namespace {
thread_local std::string g_last_error;

bool fail(const std::string& what) {
    g_last_error = what + ": " + std::strerror(errno);
    return false;
}
}  // namespace

std::string last_io_error() { return g_last_error; }

bool read_file(const std::filesystem::path& path, std::string& out) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        errno = EISDIR;
        return fail(path.string());
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return fail(path.string());
    out.clear();
    // Reserve the size a regular file has, so a large source is not copied
    // through every doubling of the string (and does not peak at twice its
    // size); the loop below still reads whatever the file really holds.
    if (auto size = std::filesystem::file_size(path, ec); !ec && size < out.max_size()) out.reserve(size);
    char buffer[1 << 16];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) out.append(buffer, n);
    bool ok = !std::ferror(file);
    if (!ok) fail(path.string());
    std::fclose(file);
    return ok;
}

std::filesystem::path write_temporary_beside(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    std::string temp_template = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
    int fd = ::mkstemp(temp_template.data());
    if (fd < 0) {
        fail(path.string());
        return {};
    }
    auto give_up = [&] {
        int saved = errno;
        ::close(fd);
        ::unlink(temp_template.c_str());
        errno = saved;
        fail(path.string());
        return std::filesystem::path();
    };
    const char* data = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t written = ::write(fd, data, left);
        if (written < 0) {
            if (errno == EINTR) continue;
            return give_up();
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
    // Outputs are ordinary readable files, not mkstemp's 0600.
    ::fchmod(fd, 0644);
    if (::fsync(fd) != 0) return give_up();
    if (::close(fd) != 0) {
        int saved = errno;
        ::unlink(temp_template.c_str());
        errno = saved;
        fail(path.string());
        return {};
    }
    return temp_template;
}

bool commit_temporary(const std::filesystem::path& temporary, const std::filesystem::path& path) {
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(temporary.c_str());
        errno = saved;
        return fail(path.string());
    }
    return true;
}

void discard_temporary(const std::filesystem::path& temporary) { ::unlink(temporary.c_str()); }

bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::path temporary = write_temporary_beside(path, bytes);
    return !temporary.empty() && commit_temporary(temporary, path);
}

}  // namespace glossc::text
