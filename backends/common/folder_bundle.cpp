// Folder backends' files packed into one string (folder_bundle.hpp).
#include "common/folder_bundle.hpp"

#include <algorithm>
#include <charconv>

#include "backend.hpp"
#include "text/file_io.hpp"

namespace glossc::folder {

bool safe_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.back() == '/') return false;
    for (std::size_t start = 0; start <= name.size();) {
        std::size_t end = std::min(name.find('/', start), name.size());
        std::string_view part = name.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") return false;
        start = end + 1;
    }
    return name.find_first_of(std::string_view("\0\n\\", 3)) == std::string_view::npos;
}

std::string pack(std::vector<File> files) {
    std::sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.name < b.name; });
    std::string out;
    for (const auto& file : files) {
        out += std::to_string(file.bytes.size());
        out += ' ';
        out += file.name;
        out += '\n';
        out += file.bytes;
    }
    return out;
}

std::vector<File> unpack(std::string_view bundle) {
    std::vector<File> files;
    while (!bundle.empty()) {
        std::size_t space = bundle.find(' ');
        std::size_t newline = bundle.find('\n');
        if (space == std::string_view::npos || newline == std::string_view::npos || space > newline)
            throw BackendReadError("folder bundle: expected \"<size> <name>\" line");
        std::size_t size = 0;
        auto [end, error] = std::from_chars(bundle.data(), bundle.data() + space, size);
        if (error != std::errc{} || end != bundle.data() + space)
            throw BackendReadError("folder bundle: bad size");
        std::string_view name = bundle.substr(space + 1, newline - space - 1);
        if (!safe_name(name)) throw BackendReadError("folder bundle: bad file name");
        bundle.remove_prefix(newline + 1);
        if (size > bundle.size()) throw BackendReadError("folder bundle: file cut short");
        files.push_back({std::string(name), std::string(bundle.substr(0, size))});
        bundle.remove_prefix(size);
    }
    return files;
}

const File& member(const std::vector<File>& files, std::string_view name) {
    for (const auto& file : files)
        if (file.name == name) return file;
    throw BackendReadError("missing file " + std::string(name));
}

std::string pack_folder(const std::filesystem::path& folder) {
    std::vector<File> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        File file{std::filesystem::relative(entry.path(), folder).generic_string(), {}};
        if (!text::read_file(entry.path(), file.bytes)) throw BackendReadError(text::last_io_error());
        files.push_back(std::move(file));
    }
    return pack(std::move(files));
}

}  // namespace glossc::folder
