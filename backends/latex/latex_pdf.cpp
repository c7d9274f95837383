#include "latex/latex_pdf.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text/file_io.hpp"
#include "text/stale_temporaries.hpp"

extern char** environ;

namespace glossc::latex_backend {

namespace {

namespace fs = std::filesystem;

constexpr const char* kTools[] = {"latexmk", "lualatex"};

// The program's path on PATH, or empty.
std::string find_program(std::string_view name) {
    const char* path = std::getenv("PATH");
    if (!path) return {};
    std::stringstream dirs{std::string(path)};
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) dir = ".";
        fs::path candidate = fs::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate.string();
    }
    return {};
}

ir::Diagnostic diagnostic(ir::Severity severity, std::string file, std::string code, std::string message) {
    return {severity, std::move(file), 0, 0, std::move(code), std::move(message)};
}

// Runs `argv` in `dir` with `env`, its output going to `log`; the exit status
// (-1 when it could not be started or was killed).
int run_program(const std::string& program, const std::vector<std::string>& argv, const std::vector<std::string>& env,
        const fs::path& dir, const fs::path& log) {
    // Everything the child needs is prepared before fork().
    std::vector<char*> args, envp;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    std::string dir_string = dir.string(), log_string = log.string();
    pid_t pid = ::fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int fd = ::open(log_string.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
        int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (fd < 0 || null < 0 || ::chdir(dir_string.c_str()) != 0 || ::dup2(null, 0) < 0 || ::dup2(fd, 1) < 0 ||
            ::dup2(fd, 2) < 0)
            ::_exit(127);
        ::execve(program.c_str(), args.data(), envp.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The environment of the TeX run: ours, with the settings above.
std::vector<std::string> tex_environment(std::int64_t timestamp) {
    const std::vector<std::pair<std::string, std::string>> kSet{
        {"openin_any", "p"},
        {"openout_any", "p"},
        {"SOURCE_DATE_EPOCH", std::to_string(timestamp)},
        {"FORCE_SOURCE_DATE", "1"},
        {"max_print_line", "10000"}};
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e) {
        std::string_view entry(*e);
        std::string_view name = entry.substr(0, entry.find('='));
        bool replaced = false;
        for (const auto& [key, value] : kSet) replaced = replaced || name == key;
        if (!replaced) env.emplace_back(entry);
    }
    for (const auto& [key, value] : kSet) env.push_back(key + "=" + value);
    return env;
}

// What a LuaLaTeX log says about a build: errors ("!" lines with the input
// line they stopped at) and the warnings that make a PDF wrong.
void check_log(const std::string& log, const std::string& log_name, bool failed, PdfResult& result) {
    std::istringstream in(log);
    std::string line;
    std::set<std::string> seen;
    std::string last_error;
    while (std::getline(in, line)) {
        if (line.starts_with("! ")) {
            last_error = line.substr(2);
            if (failed) result.diagnostics.push_back(diagnostic(ir::Severity::Error, log_name, "pdf-latex-error",
                                                                "LuaLaTeX stopped: " + last_error));
        } else if (failed && line.starts_with("l.") && !last_error.empty() && !result.diagnostics.empty()) {
            result.diagnostics.back().message += " (at glossary.tex " + line.substr(0, line.find(' ')) + ")";
            last_error.clear();
        } else if (line.starts_with("Missing character:")) {
            if (seen.insert(line).second)
                result.diagnostics.push_back(diagnostic(ir::Severity::Warning, log_name, "pdf-missing-character", line));
        } else if (line.find("LaTeX Warning: Reference") != std::string::npos ||
                   line.find("LaTeX Warning: There were undefined references") != std::string::npos) {
            if (seen.insert(line).second)
                result.diagnostics.push_back(diagnostic(ir::Severity::Warning, log_name, "pdf-undefined-reference", line));
        } else if (line.find("Rerun to get") != std::string::npos || line.find("may have changed. Rerun") != std::string::npos) {
            if (seen.insert(line).second)
                result.diagnostics.push_back(diagnostic(ir::Severity::Warning, log_name, "pdf-rerun", line));
        }
    }
}


// ---- The run's own folder ----------------------------------------------------------------------
// latexmk runs in a fresh folder made by mkdtemp inside the build folder
// (out/latex-build/.pdf-run-XXXXXX), never in the build folder itself: a
// symbolic link planted there (latex-build/glossary.log -> a file of the
// user's) would have TeX write through it, and two runs in one folder would
// write over each other's files. When the run ends its files are renamed
// into the build folder (a rename replaces a link there, never follows it;
// and it is the same file system) and its folder removed, on failure too.

constexpr std::string_view kRunPrefix = ".pdf-run-";

// `dir` as a real folder: made if missing; a symbolic link there is removed
// (the link, not what it points at) and a folder made in its place.
bool make_real_folder(const fs::path& dir, std::string& why) {
    std::error_code ec;
    if (dir.has_parent_path()) fs::create_directories(dir.parent_path(), ec);
    if (ec) {
        why = ec.message();
        return false;
    }
    struct stat info {};
    if (::lstat(dir.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode)) return true;
        if (!S_ISLNK(info.st_mode)) {
            why = "it is a file, not a folder";
            return false;
        }
        if (::unlink(dir.c_str()) != 0 && errno != ENOENT) {
            why = std::strerror(errno);
            return false;
        }
    } else if (errno != ENOENT) {
        why = std::strerror(errno);
        return false;
    }
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
        why = std::strerror(errno);
        return false;
    }
    if (::lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        why = "it is not a folder";
        return false;
    }
    return true;
}

// The run's folder, removed with everything in it when the run is over.
class PrivateFolder {
public:
    explicit PrivateFolder(const fs::path& parent) {
        std::string name = (parent / (std::string(kRunPrefix) + "XXXXXX")).string();
        if (::mkdtemp(name.data())) path_ = name;
    }
    ~PrivateFolder() {
        std::error_code ec;
        if (!path_.empty()) fs::remove_all(path_, ec);  // removes links, never what they point at
    }
    PrivateFolder(const PrivateFolder&) = delete;
    PrivateFolder& operator=(const PrivateFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// Copies a regular file (not a link to one) to a new file `to`.
void copy_regular_file(const fs::path& from, const fs::path& to) {
    int in = ::open(from.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (in < 0) return;
    struct stat info {};
    int out = -1;
    if (::fstat(in, &info) == 0 && S_ISREG(info.st_mode))
        out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    bool ok = out >= 0;
    char buffer[1 << 16];
    while (ok) {
        ssize_t n = ::read(in, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        for (ssize_t done = 0; ok && done < n;) {
            ssize_t written = ::write(out, buffer + done, static_cast<std::size_t>(n - done));
            if (written < 0 && errno == EINTR) continue;
            ok = written > 0;
            if (ok) done += written;
        }
    }
    ::close(in);
    if (out >= 0) {
        ::close(out);
        if (!ok) ::unlink(to.c_str());
    }
}

// The previous run's files (the .aux, latexmk's .fdb_latexmk, the PDF), so
// that latexmk finds an unchanged edition up to date, as it did when it ran
// in the build folder itself. Only regular files are copied, never through a
// link; what cannot be copied is made anew by the run.
void seed(const fs::path& build_dir, const fs::path& run) {
    std::error_code ec;
    for (fs::directory_iterator it(build_dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.starts_with('.') || name == "glossary.tex") continue;
        copy_regular_file(it->path(), run / name);
    }
}

// Moves the run's files into the build folder, each by a rename.
bool publish(const fs::path& run, const fs::path& build_dir, std::string& why) {
    std::error_code ec;
    for (fs::directory_iterator it(run, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
        fs::path target = build_dir / it->path().filename();
        if (std::rename(it->path().c_str(), target.c_str()) != 0) {
            why = target.generic_string() + ": " + std::strerror(errno);
            return false;
        }
    }
    if (ec) why = ec.message();
    return !ec;
}

// What killed builds left in the build folder: run folders, and the
// temporaries of files written there. Only with the output folder's lock
// held (run_pdf_step). Returns the bytes removed.
std::uintmax_t remove_stale_runs(const fs::path& build_dir, std::size_t& count) {
    struct stat info {};
    if (::lstat(build_dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) return 0;
    std::uintmax_t bytes = 0;
    std::error_code ec;
    std::vector<fs::path> runs;
    for (fs::directory_iterator it(build_dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.size() == kRunPrefix.size() + 6 && name.starts_with(kRunPrefix) && !it->is_symlink(ec) &&
            it->is_directory(ec))
            runs.push_back(it->path());
    }
    for (const auto& run : runs) {
        std::error_code walk;
        for (fs::recursive_directory_iterator it(run, walk), end; !walk && it != end; it.increment(walk)) {
            std::error_code size;
            if (it->is_regular_file(size) && !it->is_symlink(size)) bytes += it->file_size(size);
        }
        std::error_code removed;
        fs::remove_all(run, removed);
        if (!removed) ++count;
    }
    auto temporaries = text::remove_temporaries(build_dir, {"glossary."});
    count += temporaries.files;
    return bytes + temporaries.bytes;
}

}  // namespace

std::vector<std::string> missing_pdf_tools() {
    std::vector<std::string> missing;
    for (const char* tool : kTools)
        if (find_program(tool).empty()) missing.emplace_back(tool);
    return missing;
}

PdfResult compile_pdf(const PdfRequest& request) {
    PdfResult result;
    auto error = [&](std::string file, std::string code, std::string message) {
        result.diagnostics.push_back(diagnostic(ir::Severity::Error, std::move(file), std::move(code), std::move(message)));
        return result;
    };
    std::string latexmk = find_program("latexmk");
    if (latexmk.empty() || find_program("lualatex").empty())
        return error({}, "pdf-tools-missing",
                     "--pdf needs LuaLaTeX and latexmk, which are not installed; on Debian install the packages " +
                         std::string(kPdfPackages));

    std::string tex;
    if (!text::read_file(request.tex, tex)) return error(request.tex.generic_string(), "output-unwritable", text::last_io_error());
    if (std::string why; !make_real_folder(request.build_dir, why))
        return error(request.build_dir.generic_string(), "output-unwritable", "cannot create the build folder: " + why);
    PrivateFolder run(request.build_dir);
    if (run.path().empty())
        return error(request.build_dir.generic_string(), "output-unwritable",
                     "cannot create a folder for the run: " + std::string(std::strerror(errno)));
    seed(request.build_dir, run.path());
    const std::string job = "glossary";
    if (!text::write_file_atomically(run.path() / (job + ".tex"), tex))
        return error(request.build_dir.generic_string(), "output-unwritable", text::last_io_error());

    const std::vector<std::string> argv{"latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error",
                                        "-no-shell-escape", "-recorder", job + ".tex"};
    fs::path output = request.build_dir / "latexmk.out";
    int status = run_program(latexmk, argv, tex_environment(request.timestamp), run.path(), run.path() / "latexmk.out");

    // The log and the PDF are read in the run's folder, before its files
    // move to the build folder (where the diagnostics name the log); the
    // PDF is then copied into place last, atomically: a failed build leaves
    // the old one.
    std::string log_name = (request.build_dir / (job + ".log")).generic_string();
    std::string log;
    text::read_file(run.path() / (job + ".log"), log);
    std::string pdf;
    bool made_pdf = status == 0 && text::read_file(run.path() / (job + ".pdf"), pdf);
    std::string pdf_error = made_pdf ? std::string() : text::last_io_error();
    if (std::string why; !publish(run.path(), request.build_dir, why))
        return error(request.build_dir.generic_string(), "output-unwritable", "cannot move the run's files: " + why);
    check_log(log, log_name, status != 0, result);
    if (status != 0) {
        bool explained = false;
        for (const auto& d : result.diagnostics) explained = explained || d.severity == ir::Severity::Error;
        if (!explained)
            error(output.generic_string(), "pdf-latex-error",
                  "latexmk failed (exit status " + std::to_string(status) + "); see its output here");
        return result;
    }
    if (!made_pdf) return error(output.generic_string(), "pdf-latex-error", "latexmk made no PDF: " + pdf_error);
    if (!text::write_file_atomically(request.pdf, pdf))
        return error(request.pdf.generic_string(), "output-unwritable", "cannot write the PDF: " + text::last_io_error());
    result.ok = true;
    return result;
}

namespace {

bool pdf_tools_ready(DiagnosticSink& diagnostics) {
    auto missing = missing_pdf_tools();
    if (missing.empty()) return true;
    diagnostics.error({}, "pdf-tools-missing",
                      "--pdf needs " + missing.front() + ", which is not installed; on Debian install " +
                          std::string(kPdfPackages));
    return false;
}

bool run_pdf_step(const PostBuildRequest& request, DiagnosticSink& diagnostics) {
    const fs::path build_dir = request.out_dir / "latex-build";
    // The driver holds the output folder's lock (driver/output_lock.hpp): no
    // live build owns the run folders or temporaries of a killed one here.
    std::size_t stale = 0;
    if (std::uintmax_t bytes = remove_stale_runs(build_dir, stale); stale > 0) {
        char size[32];
        std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(bytes) / 1e6);
        diagnostics.note({}, "output-stale-temporaries",
                         "removed " + std::to_string(stale) + " run folder" + (stale == 1 ? "" : "s") +
                             " or temporary file" + (stale == 1 ? "" : "s") + " (" + size + ") left in " + build_dir.generic_string() +
                             "/ by earlier builds that were stopped");
    }
    PdfResult pdf = compile_pdf({request.document, build_dir, request.out_dir / "glossary.pdf", request.timestamp});
    for (auto& d : pdf.diagnostics)
        diagnostics.report(d.severity, {std::move(d.file), d.line, d.column}, d.code, std::move(d.message));
    return pdf.ok;
}

}  // namespace

const PostBuild kPdfStep{"pdf",
                         "also compile out/glossary.tex to out/glossary.pdf with LuaLaTeX (needs texlive-luatex, "
                         "latexmk and the Noto fonts)",
                         pdf_tools_ready, run_pdf_step};

}  // namespace glossc::latex_backend
