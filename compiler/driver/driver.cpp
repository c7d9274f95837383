#include "driver/driver.hpp"

#include <cstdlib>
#include <ctime>
#include <map>
#include <ostream>
#include <sstream>

#include "backend.hpp"
#include "diagnostics/diagnostics.hpp"
#include "latex/latex_backend.hpp"
#include "latex/latex_pdf.hpp"
#include "merge/merge.hpp"
#include "readers/reader.hpp"
#include "readers/sanitize.hpp"
#include "report/merge_report.hpp"
#include "text/file_io.hpp"
#include "text/utf8.hpp"

namespace glossc {

namespace {

void print_diagnostics(const std::vector<ir::Diagnostic>& diagnostics, std::ostream& out) {
    for (const auto& d : diagnostics) out << format_diagnostic(d) << '\n';
    if (auto summary = format_summary(diagnostics); !summary.empty()) out << summary << '\n';
}

// Parses "YYYY-MM-DD" into seconds since the epoch (UTC midnight).
std::optional<std::int64_t> parse_date(const std::string& date) {
    std::tm tm{};
    if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<std::int64_t>(timegm(&tm));
}

// Reads one source with its reader; readers/sanitize.hpp repairs and bounds
// the input first, so readers only handle valid, bounded text.
SourceEntries read_source(const SourceSpec& spec, DiagnosticSink& sink) {
    return SourceEntries{spec, read_source_file(spec, sink)};
}

}  // namespace

std::string format_date(std::int64_t timestamp) {
    std::time_t t = static_cast<std::time_t>(timestamp);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
    return buffer;
}

std::int64_t edition_timestamp(const Manifest& manifest) {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        long long value = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && value >= 0) return value;
    }
    return parse_date(manifest.date).value_or(0);
}

CompileResult compile(const CompileRequest& request, std::ostream& diagnostics_out) {
    DiagnosticSink sink;
    auto fail = [&](int status) {
        auto diagnostics = sink.take();
        sort_diagnostics(diagnostics);
        print_diagnostics(diagnostics, diagnostics_out);
        return CompileResult{status, std::nullopt, 0, {}, {}, std::nullopt};
    };
    auto manifest = load_manifest(request.manifest, sink);
    if (!manifest) {
        bool unreadable = !sink.all().empty() && sink.all().back().code == "manifest-unreadable";
        return fail(unreadable ? kExitUsageOrIo : kExitSourceErrors);
    }
    for (const auto& argument : request.extra_sources) {
        auto spec = command_line_source(argument, *manifest, sink);
        if (!spec) return fail(kExitUsageOrIo);
        manifest->sources.push_back(std::move(*spec));
    }
    if (!validate_sources(*manifest, sink)) return fail(kExitSourceErrors);

    auto merge_data = merge::load_merge_data(*manifest, sink);
    if (!merge_data) return fail(kExitSourceErrors);

    std::vector<SourceEntries> sources;
    sources.reserve(manifest->sources.size());
    for (const auto& spec : manifest->sources) sources.push_back(read_source(spec, sink));

    std::int64_t timestamp = edition_timestamp(*manifest);
    merge::MergeResult merged = merge::merge_sources(*manifest, sources, *merge_data, timestamp, sink);
    ir::Glossary& glossary = merged.glossary;
    glossary.edition = format_date(timestamp);
    glossary.diagnostics = sink.take();
    sort_diagnostics(glossary.diagnostics);
    print_diagnostics(glossary.diagnostics, diagnostics_out);
    bool errors = false;
    for (const auto& d : glossary.diagnostics) errors = errors || d.severity == ir::Severity::Error;
    return CompileResult{errors ? kExitSourceErrors : kExitOk, std::move(glossary), timestamp,
                         std::move(merged.trace), std::move(merged.ledger), manifest->ledger};
}

int run_check(const CompileRequest& request, std::ostream& diagnostics_out) {
    return compile(request, diagnostics_out).status;
}

int run_build(const BuildRequest& request, std::ostream& err) {
    std::vector<const BackendInfo*> backends;
    if (request.formats.empty()) {
        for (const auto& backend : backend_registry()) backends.push_back(&backend);
    } else {
        for (const auto& format : request.formats) {
            const BackendInfo* backend = find_backend(format);
            if (!backend) {
                std::string known;
                for (const auto& b : backend_registry()) known += (known.empty() ? "" : ", ") + std::string(b.format);
                err << "glossc: error: unknown output format '" << format << "' (known: " << known
                    << ") [usage-unknown-format]\n";
                return kExitUsageOrIo;
            }
            backends.push_back(backend);
        }
    }
    if (request.pdf) {
        bool latex = false;
        for (const BackendInfo* backend : backends) latex = latex || backend->format == "latex";
        if (!latex) {
            err << "glossc: error: --pdf compiles the LaTeX edition: add 'latex' to --formats [usage-pdf-needs-latex]\n";
            return kExitUsageOrIo;
        }
        if (auto missing = latex_backend::missing_pdf_tools(); !missing.empty()) {
            err << "glossc: error: --pdf needs " << missing.front() << ", which is not installed; on Debian install "
                << latex_backend::kPdfPackages << " [pdf-tools-missing]\n";
            return kExitUsageOrIo;
        }
    }
    CompileResult compiled = compile(request.compile, err);
    // A compiler writes no output when its input has errors.
    if (compiled.status != kExitOk || !compiled.glossary) return compiled.status;

    std::error_code ec;
    std::filesystem::create_directories(request.out_dir, ec);
    if (ec) {
        err << "glossc: error: cannot create output folder '" << request.out_dir.generic_string()
            << "': " << ec.message() << " [output-unwritable]\n";
        return kExitUsageOrIo;
    }
    RenderContext context{compiled.timestamp, {}};
    for (const auto& c : compiled.ledger.concepts) context.modified[c.id] = c.modified;
    for (const BackendInfo* backend : backends) {
        std::string bytes = backend->write(*compiled.glossary, context);
        auto path = request.out_dir / backend->file_name;
        if (!text::write_file_atomically(path, bytes)) {
            err << path.generic_string() << ": error: cannot write output: " << text::last_io_error()
                << " [output-unwritable]\n";
            return kExitUsageOrIo;
        }
        // Formulas outside the LaTeX math allow-list are printed as text: say which.
        if (backend->format == "latex")
            for (const auto& d : latex_backend::math_warnings(*compiled.glossary, context, path.generic_string()))
                err << format_diagnostic(d) << '\n';
    }
    if (request.pdf) {
        auto pdf = latex_backend::compile_pdf({request.out_dir / "glossary.tex", request.out_dir / "latex-build",
                                               request.out_dir / "glossary.pdf", compiled.timestamp});
        for (const auto& d : pdf.diagnostics) err << format_diagnostic(d) << '\n';
        if (!pdf.ok) return kExitUsageOrIo;
    }
    if (request.release) {
        if (!compiled.ledger_path) {
            err << "glossc: error: --release needs a 'ledger' file named in the manifest [release-no-ledger]\n";
            return kExitUsageOrIo;
        }
        if (!text::write_file_atomically(*compiled.ledger_path, merge::serialize_ledger(compiled.ledger))) {
            err << compiled.ledger_path->generic_string() << ": error: cannot write ledger: " << text::last_io_error()
                << " [output-unwritable]\n";
            return kExitUsageOrIo;
        }
    }
    return kExitOk;
}

namespace {
bool write_output(const std::filesystem::path& dir, const std::string& name, const std::string& bytes, std::ostream& err) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    auto path = dir / name;
    if (ec || !text::write_file_atomically(path, bytes)) {
        err << path.generic_string() << ": error: cannot write output: "
            << (ec ? ec.message() : text::last_io_error()) << " [output-unwritable]\n";
        return false;
    }
    return true;
}
}  // namespace

int run_report(const ReportRequest& request, std::ostream& err) {
    static const std::map<std::string, std::pair<report::Format, std::string>> kFormats{
        {"html", {report::Format::Html, "merge-report.html"}},
        {"md", {report::Format::Markdown, "merge-report.md"}},
        {"text", {report::Format::Text, "merge-report.txt"}}};
    auto format = kFormats.find(request.format);
    if (format == kFormats.end()) {
        err << "glossc: error: unknown report format '" << request.format << "' (known: html, md, text) [usage-unknown-format]\n";
        return kExitUsageOrIo;
    }
    CompileResult compiled = compile(request.compile, err);
    if (!compiled.glossary) return compiled.status;
    std::string bytes = report::merge_report(*compiled.glossary, compiled.trace, format->second.first);
    if (!write_output(request.out_dir, format->second.second, bytes, err)) return kExitUsageOrIo;
    return compiled.status;
}

int run_explain(const CompileRequest& request, const std::string& term, std::ostream& out, std::ostream& err) {
    std::ostringstream quiet;  // the sources' diagnostics are `glossc check`'s business
    CompileResult compiled = compile(request, quiet);
    if (!compiled.glossary) {
        err << quiet.str();
        return compiled.status;
    }
    std::string explanation = report::explain(*compiled.glossary, compiled.trace, term);
    if (explanation.empty()) {
        err << "glossc: error: no concept is named '" << term << "' [explain-unknown-term]\n";
        return kExitSourceErrors;
    }
    out << explanation;
    return kExitOk;
}

}  // namespace glossc
