// Where tests find the repository's files and a scratch folder.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace glossc::testing {

inline std::filesystem::path source_dir() { return GLOSSC_SOURCE_DIR; }
inline std::filesystem::path seeds_manifest() { return source_dir() / "sources" / "glossary.toml"; }
inline std::filesystem::path glossc_binary() { return GLOSSC_BINARY; }

// A fresh, empty folder under the system temp folder, removed on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

void write_text(const std::filesystem::path& path, const std::string& text);
std::string read_bytes(const std::filesystem::path& path);
// A build's output for `format` under `out_dir` as its backend's reader
// takes it (a folder backend's files packed: backends/common/folder_bundle.hpp).
std::string read_output(const std::filesystem::path& out_dir, std::string_view format);

struct CommandResult {
    int status = -1;
    std::string output;  // stdout and stderr together
};
// Runs a shell command line and captures its output.
CommandResult run_command(const std::string& command_line);
std::string shell_quote(const std::string& s);

}  // namespace glossc::testing
