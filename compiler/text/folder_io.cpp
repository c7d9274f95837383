// Folder outputs written aside and swapped into place (folder_io.hpp).
#include "text/folder_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>

#include "text/file_io.hpp"

namespace glossc::text {

namespace {
bool fail(const std::filesystem::path& what, int error) {
    errno = error;
    return record_io_error(what.string());
}
}  // namespace

std::filesystem::path make_temporary_folder(const std::filesystem::path& target) {
    std::filesystem::path dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    std::string name = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    if (!::mkdtemp(name.data())) {
        fail(target, errno);
        return {};
    }
    // Outputs are ordinary readable folders, not mkdtemp's 0700.
    ::chmod(name.c_str(), 0755);
    return name;
}

bool commit_temporary_folder(const std::filesystem::path& temporary, const std::filesystem::path& target) {
    struct stat info {};
    if (::lstat(target.c_str(), &info) != 0) {
        if (errno == ENOENT && std::rename(temporary.c_str(), target.c_str()) == 0) return true;
        int saved = errno;
        discard_temporary_folder(temporary);
        return fail(target, saved);
    }
    if (!S_ISDIR(info.st_mode)) {
        discard_temporary_folder(temporary);
        return fail(target, ENOTDIR);
    }
    if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
        int saved = errno;
        discard_temporary_folder(temporary);
        return fail(target, saved);
    }
    discard_temporary_folder(temporary);  // now the previous edition's folder
    return true;
}

void discard_temporary_folder(const std::filesystem::path& temporary) {
    std::error_code ignored;
    std::filesystem::remove_all(temporary, ignored);
}

}  // namespace glossc::text
