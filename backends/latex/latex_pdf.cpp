#include "latex/latex_pdf.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text/file_io.hpp"

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
int run(const std::string& program, const std::vector<std::string>& argv, const std::vector<std::string>& env,
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
        int fd = ::open(log_string.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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
    std::error_code ec;
    fs::create_directories(request.build_dir, ec);
    if (ec)
        return error(request.build_dir.generic_string(), "output-unwritable", "cannot create the build folder: " + ec.message());
    const std::string job = "glossary";
    if (!text::write_file_atomically(request.build_dir / (job + ".tex"), tex))
        return error(request.build_dir.generic_string(), "output-unwritable", text::last_io_error());

    const std::vector<std::string> argv{"latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error",
                                        "-no-shell-escape", "-recorder", job + ".tex"};
    fs::path output = request.build_dir / "latexmk.out";
    int status = run(latexmk, argv, tex_environment(request.timestamp), request.build_dir, output);

    std::string log_name = (request.build_dir / (job + ".log")).generic_string();
    std::string log;
    text::read_file(request.build_dir / (job + ".log"), log);
    check_log(log, log_name, status != 0, result);
    if (status != 0) {
        bool explained = false;
        for (const auto& d : result.diagnostics) explained = explained || d.severity == ir::Severity::Error;
        if (!explained)
            error(output.generic_string(), "pdf-latex-error",
                  "latexmk failed (exit status " + std::to_string(status) + "); see its output here");
        return result;
    }
    std::string pdf;
    if (!text::read_file(request.build_dir / (job + ".pdf"), pdf))
        return error(output.generic_string(), "pdf-latex-error", "latexmk made no PDF: " + text::last_io_error());
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
    PdfResult pdf = compile_pdf(
        {request.document, request.out_dir / "latex-build", request.out_dir / "glossary.pdf", request.timestamp});
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
