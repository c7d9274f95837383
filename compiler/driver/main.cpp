// glossc: the glossary compiler's command line.
#include <iostream>
#include <map>
#include <sstream>

#include <CLI/CLI.hpp>
#include <sqlite3.h>

#include "backend.hpp"
#include "driver/driver.hpp"
#include "parallel/parallel.hpp"
#include "readers/reader.hpp"

namespace {

std::vector<std::string> split_formats(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

// "json, text, ...": every output format, as the registry lists them.
std::string format_names() {
    std::string names;
    for (const auto& b : glossc::backend_registry()) names += (names.empty() ? "" : ", ") + std::string(b.format);
    return names;
}

std::string formats_help() {
    std::string out = "Output formats:\n";
    for (const auto& b : glossc::backend_registry())
        out += "  " + std::string(b.format) + " -> out/" + std::string(b.file_name) + "  " + std::string(b.summary) + "\n";
    out += "Source formats (manifest 'format'):\n";
    for (const auto& r : glossc::reader_registry()) out += "  " + std::string(r.format) + "  " + std::string(r.summary) + "\n";
    out += "Exit status: 0 ok; 1 errors in the manifest or sources (nothing written); 2 usage or I/O error.\n";
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    // SQLite's memory statistics take a global mutex on every allocation,
    // and the Anki deck makes millions; glossc never reads them. (Must come
    // before SQLite starts.)
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    CLI::App app{"glossc: compiles glossary sources into one merged glossary (" + format_names() + ")"};
    app.footer(formats_help());
    app.set_version_flag("--version", std::string("glossc ") + GLOSSC_VERSION);
    app.require_subcommand(1);

    glossc::BuildRequest build;
    std::string formats;
    unsigned jobs = 0;
    auto add_compile_options = [&jobs](CLI::App* command, glossc::CompileRequest& request) {
        command->add_option("--manifest", request.manifest, "source manifest (TOML)")
            ->capture_default_str()
            ->each([&request](const std::string&) { request.manifest_given = true; });
        command->add_option("--jobs,-j", jobs,
                            "threads for readers, merge and backends (default 0: the hardware threads); "
                            "output is the same for any number");
        command->add_option("--source", request.extra_sources,
                            "extra source FILE[=FORMAT] for this run (format guessed from the extension)");
        command->add_flag("-v,--verbose", request.verbose,
                          "with --source: list the concepts each added source joined and made, and its near misses");
    };
    CLI::App* build_command = app.add_subcommand("build", "read, merge and write every output format");
    add_compile_options(build_command, build.compile);
    build_command->add_option("--out", build.out_dir, "output folder")->capture_default_str();
    build_command->add_option("--formats", formats, "comma-separated output formats (default: all)");
    // A flag for each backend's post-build step, from the registry (backend.hpp).
    std::map<const glossc::BackendInfo*, bool> post_builds;
    for (const auto& backend : glossc::backend_registry())
        if (backend.post_build)
            build_command->add_flag("--" + std::string(backend.post_build->option), post_builds[&backend],
                                    std::string(backend.post_build->help));
    build_command->add_flag("--timings", build.timings, "print each stage's wall and CPU time on stderr");
    build_command->add_flag("--release", build.release,
                            "release an edition: record concept ids and content hashes in the ledger (sources/)");

    glossc::CompileRequest check;
    CLI::App* check_command = app.add_subcommand("check", "read and merge, print diagnostics, write nothing");
    add_compile_options(check_command, check);

    glossc::ReportRequest report;
    CLI::App* report_command =
        app.add_subcommand("report", "write the merge report for editors (out/merge-report.html)");
    add_compile_options(report_command, report.compile);
    report_command->add_option("--out", report.out_dir, "output folder")->capture_default_str();
    report_command->add_option("--format", report.format, "html, md or text")->capture_default_str();

    glossc::CompileRequest explain;
    std::string term;
    CLI::App* explain_command =
        app.add_subcommand("explain", "print which entries formed the concept TERM names, and why");
    add_compile_options(explain_command, explain);
    explain_command->add_option("term", term, "a headword or alias")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int status = app.exit(error);
        return status == 0 ? 0 : glossc::kExitUsageOrIo;
    }
    glossc::parallel::set_jobs(jobs);
    if (*build_command) {
        build.formats = split_formats(formats);
        for (const auto& backend : glossc::backend_registry())
            if (backend.post_build && post_builds[&backend]) build.post_builds.push_back(&backend);
        return glossc::run_build(build, std::cerr);
    }
    if (*report_command) return glossc::run_report(report, std::cerr);
    if (*explain_command) return glossc::run_explain(explain, term, std::cout, std::cerr);
    return glossc::run_check(check, std::cerr);
}
