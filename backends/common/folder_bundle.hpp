// A folder backend's files as one string: what render() gives and a folder
// backend's reader takes, so that the round-trip property, golden files and
// tools treat every backend alike (backend.hpp). On disk the files are a
// folder (out/stardict/); pack_folder() reads one back into this form.
//
// The form: for each file, in the byte order of their names, a line "<size> <name>\n" (size in
// decimal bytes, name relative to the folder with '/' between parts), then
// exactly `size` bytes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::folder {

struct File {
    std::string name;
    std::string bytes;

    friend bool operator==(const File&, const File&) = default;
};

// Packs the files in the byte order of their names.
std::string pack(std::vector<File> files);
// Throws BackendReadError when `bundle` is not in the form above or a name
// could leave the folder ("..", an absolute path, an empty part).
std::vector<File> unpack(std::string_view bundle);
// The file named `name`, or a BackendReadError naming what is missing.
const File& member(const std::vector<File>& files, std::string_view name);

// Whether a name a backend gives is a plain relative path inside its folder.
bool safe_name(std::string_view name);

// A written folder's files, by name (sorted), packed.
std::string pack_folder(const std::filesystem::path& folder);

}  // namespace glossc::folder
