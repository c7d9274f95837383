// The temporaries of killed builds: text::TemporaryFile names its file
// "." + the target's name + ".tmp-" + mkstemp's six letters or digits
// (`.glossary.json.tmp-a1B2c3`), and a build killed before it renamed or
// removed them leaves them behind, as large as the outputs. A later build
// removes them once it holds the folder's lock (driver/output_lock.hpp), when
// no live build can own one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::text {

// Whether `name` is a temporary of a target whose name starts with one of
// `targets` ("glossary." for out/glossary.*).
bool is_temporary_name(std::string_view name, std::initializer_list<std::string_view> targets);

struct RemovedFiles {
    std::size_t files = 0;
    std::uintmax_t bytes = 0;
};

// Removes the regular files in `dir` (not below it) whose names are such
// temporaries, and the folders named as temporaries of one of `folders`
// exactly (a folder output's, text/folder_io.hpp: ".stardict.tmp-a1B2c3"),
// with what they hold. A symbolic link is left alone, as is a file that
// cannot be removed.
RemovedFiles remove_temporaries(const std::filesystem::path& dir, std::initializer_list<std::string_view> targets,
                                const std::vector<std::string>& folders = {});

}  // namespace glossc::text
