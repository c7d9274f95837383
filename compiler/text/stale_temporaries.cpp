#include "text/stale_temporaries.hpp"

#include <sys/stat.h>
#include <unistd.h>

namespace glossc::text {

bool is_temporary_name(std::string_view name, std::initializer_list<std::string_view> targets) {
    // "." + target + ".tmp-" + 6: the target is at least one character.
    constexpr std::string_view kMarker = ".tmp-";
    constexpr std::size_t kRandom = 6;
    if (name.size() < 1 + 1 + kMarker.size() + kRandom || name.front() != '.') return false;
    std::string_view random = name.substr(name.size() - kRandom);
    for (char c : random)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    std::string_view rest = name.substr(1, name.size() - 1 - kRandom);
    if (!rest.ends_with(kMarker)) return false;
    std::string_view target = rest.substr(0, rest.size() - kMarker.size());
    for (std::string_view prefix : targets)
        if (target.size() > prefix.size() && target.starts_with(prefix)) return true;
    return false;
}

namespace {

// Whether `name` is "." + one of `folders` + ".tmp-" + six letters or digits.
bool is_temporary_folder_name(std::string_view name, const std::vector<std::string>& folders) {
    // The shape (".", ".tmp-", six letters) is is_temporary_name's with any
    // target; the target is then `folder` exactly.
    for (const auto& folder : folders)
        if (name.size() == 1 + folder.size() + 11 && name.substr(1, folder.size()) == folder &&
            is_temporary_name(name, {""}))
            return true;
    return false;
}

void remove_folder(const std::filesystem::path& path, RemovedFiles& removed) {
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && !it->is_symlink(ec)) {
            ++removed.files;
            removed.bytes += it->file_size(ec);
        }
    std::filesystem::remove_all(path, ec);
}

}  // namespace

RemovedFiles remove_temporaries(const std::filesystem::path& dir, std::initializer_list<std::string_view> targets,
                                const std::vector<std::string>& folders) {
    RemovedFiles removed;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::filesystem::path& path = it->path();
        const std::string name = path.filename().native();
        // lstat: the entry itself, never what a link points at.
        struct stat info {};
        if (is_temporary_folder_name(name, folders)) {
            if (::lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) remove_folder(path, removed);
            continue;
        }
        if (!is_temporary_name(name, targets)) continue;
        if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) continue;
        if (::unlink(path.c_str()) != 0) continue;
        ++removed.files;
        removed.bytes += static_cast<std::uintmax_t>(info.st_size);
    }
    return removed;
}

}  // namespace glossc::text
