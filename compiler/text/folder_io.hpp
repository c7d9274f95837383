// Outputs that are a folder of files (a StarDict dictionary, a web site):
// written into a temporary folder beside the target, then swapped into
// place whole, so that a reader of out/ sees the previous edition's folder
// or the new one, never a mix (the single-file outputs' rule, file_io.hpp).
#pragma once

#include <filesystem>

namespace glossc::text {

// A new, empty folder beside `target` (".NAME.tmp-XXXXXX", the pattern of
// temporary files, so a later build's cleanup finds both). Empty path on
// failure (last_io_error() says why).
std::filesystem::path make_temporary_folder(const std::filesystem::path& target);

// Puts the temporary folder at `target`: a rename when there is nothing
// there, an atomic exchange (renameat2 RENAME_EXCHANGE) with the previous
// folder otherwise, whose files are then removed. A file or symlink at
// `target` is not replaced (false). On failure the temporary is removed.
bool commit_temporary_folder(const std::filesystem::path& temporary, const std::filesystem::path& target);

// Removes a temporary folder and everything in it.
void discard_temporary_folder(const std::filesystem::path& temporary);

}  // namespace glossc::text
