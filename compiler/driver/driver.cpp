#include "driver/driver.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <map>
#include <numeric>
#include <ostream>
#include <sstream>

#include "backend.hpp"
#include "diagnostics/diagnostics.hpp"
#include "latex/latex_backend.hpp"
#include "latex/latex_pdf.hpp"
#include "merge/merge.hpp"
#include "parallel/parallel.hpp"
#include "readers/reader.hpp"
#include "readers/sanitize.hpp"
#include "report/merge_report.hpp"
#include "text/file_io.hpp"
#include "text/utf8.hpp"

#include <malloc.h>
#include <unistd.h>

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

// After the diagnostics, one line per source this build adds: what it did
// to the glossary ("notes: 12 entries, 3 joined existing concepts, 9 new
// concepts"); with -v, the concepts by name and the near misses.
void print_changes(const std::vector<merge::SourceChange>& changes, bool verbose, std::ostream& out) {
    auto count = [](std::size_t n, std::string_view one, std::string_view many) {
        return std::to_string(n) + " " + std::string(n == 1 ? one : many);
    };
    auto names = [](const std::vector<merge::SourceChange::ConceptRef>& concepts) {
        std::string list;
        for (const auto& c : concepts) list += (list.empty() ? "" : "; ") + c.headword + " [" + c.id + "]";
        return list;
    };
    for (const auto& change : changes) {
        out << change.source << ": " << count(change.entries, "entry", "entries") << ", "
            << count(change.joined.size(), "joined existing concept", "joined existing concepts") << ", "
            << count(change.created.size(), "new concept", "new concepts");
        if (!verbose) {
            out << (change.near_misses.empty() ? "" : ", " + count(change.near_misses.size(), "near miss", "near misses"))
                << "\n";
            continue;
        }
        out << "\n";
        if (!change.joined.empty()) out << "  joined: " << names(change.joined) << "\n";
        if (!change.created.empty()) out << "  new: " << names(change.created) << "\n";
        for (const auto& miss : change.near_misses) {
            char similarity[16];
            std::snprintf(similarity, sizeof similarity, "%.2f", miss.similarity);
            out << "  near miss: " << miss.entry << " / " << miss.other << ": " << miss.why << " (similarity "
                << similarity << ")\n";
        }
    }
}

void report_all(DiagnosticSink& from, DiagnosticSink& to) {
    for (auto& d : from.take())
        to.report(d.severity, Location{std::move(d.file), d.line, d.column}, d.code, std::move(d.message));
}

// The merge's data (spelling, taxonomy, overrides, ledger) and every source,
// read side by side on up to parallel::jobs() threads: the data is one more
// item beside the sources. Each item reports into a sink of its own, and the
// sinks are emptied into `sink` in item order (the data first), so
// diagnostics do not depend on which finished first. When the data has
// errors, nothing else is reported: as if the sources had not been read.
struct Inputs {
    std::optional<merge::MergeData> merge_data;
    std::vector<SourceEntries> sources;
};
Inputs read_inputs(const Manifest& manifest, DiagnosticSink& sink) {
    const auto& specs = manifest.sources;
    Inputs inputs;
    inputs.sources.resize(specs.size());
    std::vector<DiagnosticSink> sinks(specs.size() + 1);
    parallel::for_each_index(specs.size() + 1, [&](std::size_t i) {
        if (i == 0) inputs.merge_data = merge::load_merge_data(manifest, sinks[0]);
        else inputs.sources[i - 1] = read_source(specs[i - 1], sinks[i]);
    });
    report_all(sinks[0], sink);
    if (!inputs.merge_data) return inputs;
    for (std::size_t i = 1; i < sinks.size(); ++i) report_all(sinks[i], sink);
    return inputs;
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
        return CompileResult{status, std::nullopt, 0, {}, {}, std::nullopt, {}};
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

    Stages* stages = request.stages;
    if (stages) stages->start("read", "reading " + std::to_string(manifest->sources.size()) + " sources");
    auto [merge_data, sources] = read_inputs(*manifest, sink);
    if (!merge_data) return fail(kExitSourceErrors);

    std::int64_t timestamp = edition_timestamp(*manifest);
    if (stages) {
        std::size_t entries = 0;
        for (const auto& source : sources) entries += source.result.entries.size();
        stages->start("merge", "merging " + std::to_string(entries) + " entries");
    }
    merge::MergeResult merged = merge::merge_sources(*manifest, std::move(sources), *merge_data, timestamp, sink);
    // The readers' entries are not needed any more: free them before the
    // backends need the memory.
    std::vector<SourceEntries>().swap(sources);
#ifdef __GLIBC__
    // Hand the freed pages back: malloc keeps them otherwise, and the
    // backends' documents would come on top of them in the peak RSS.
    malloc_trim(0);
#endif
    if (stages) stages->finish();
    ir::Glossary& glossary = merged.glossary;
    glossary.edition = format_date(timestamp);
    glossary.diagnostics = sink.take();
    sort_diagnostics(glossary.diagnostics);
    print_diagnostics(glossary.diagnostics, diagnostics_out);
    print_changes(merged.changes, request.verbose, diagnostics_out);
    bool errors = false;
    for (const auto& d : glossary.diagnostics) errors = errors || d.severity == ir::Severity::Error;
    return CompileResult{errors ? kExitSourceErrors : kExitOk, std::move(glossary), timestamp,
                         std::move(merged.trace), std::move(merged.ledger), manifest->ledger,
                         std::move(merged.changes)};
}

int run_check(const CompileRequest& request, std::ostream& diagnostics_out) {
    return compile(request, diagnostics_out).status;
}

RenderContext prepare_backends(CompileResult& compiled, bool keep_ledger) {
    // The merge trace is for the report and explain: freed before the
    // backends need the memory.
    compiled.trace = merge::MergeTrace{};
    RenderContext context{compiled.timestamp, {}};
    // Only the concepts that changed before this edition: the others changed
    // at `timestamp`, which is what the backends assume of a concept not listed.
    for (const auto& c : compiled.ledger.concepts)
        if (c.modified != compiled.timestamp) context.modified.emplace(c.id, c.modified);
    // The ledger is written only for a release: otherwise its lines (an id,
    // a headword and the entry refs of every concept) are freed too.
    if (!keep_ledger) compiled.ledger = merge::Ledger{};
    return context;
}

bool write_outputs(const ir::Glossary& glossary, const RenderContext& context,
                   const std::vector<const BackendInfo*>& backends, const std::filesystem::path& out_dir,
                   Stages* stages, std::ostream& err) {
    // Backends run in parallel, each writing its own file and its messages
    // into its own slot; the messages are printed in backend order. Each
    // backend's bytes are freed as soon as its file is written, so at most
    // jobs() documents are in memory at once.
    // The files are renamed into place only when every backend has written
    // its own: a build that fails part-way (a full disk) leaves the previous
    // outputs as they were, not a mix of two editions.
    std::vector<std::string> messages(backends.size());
    std::vector<char> failed(backends.size(), 0);
    std::vector<std::filesystem::path> temporaries(backends.size());
    if (stages) {
        std::string names;
        for (const BackendInfo* backend : backends) names += (names.empty() ? "" : ", ") + std::string(backend->format);
        stages->start("write", "writing " + names);
    }
    // Started in the order of their start_rank (backend.hpp).
    std::vector<std::size_t> start_order(backends.size());
    std::iota(start_order.begin(), start_order.end(), std::size_t{0});
    std::stable_sort(start_order.begin(), start_order.end(), [&backends](std::size_t a, std::size_t b) {
        return backends[a]->start_rank > backends[b]->start_rank;
    });
    parallel::for_each_index(backends.size(), [&](std::size_t k) {
        const std::size_t i = start_order[k];
        const BackendInfo* backend = backends[i];
        double wall = wall_seconds(), cpu = thread_cpu_seconds();
        auto path = out_dir / backend->file_name;
        std::vector<ir::Diagnostic> warnings;
        if (backend->stream) {
            // Straight to the file as it is made: the whole document is
            // never in memory.
            // A failed append removes the file; finish() then gives no path.
            text::TemporaryFile file(path);
            backend->stream(glossary, context, [&file](std::string_view piece) { file.append(piece); });
            temporaries[i] = file.finish();
        } else {
            std::string bytes;
            if (backend->format == "latex") {
                // Formulas outside the LaTeX math allow-list are printed as text: say which.
                auto edition = latex_backend::write_with_warnings(glossary, context, path.generic_string());
                bytes = std::move(edition.tex);
                warnings = std::move(edition.math_warnings);
            } else {
                bytes = backend->write(glossary, context);
            }
            temporaries[i] = text::write_temporary_beside(path, bytes);
        }
        if (temporaries[i].empty()) {
            messages[i] = path.generic_string() + ": error: cannot write output: " + text::last_io_error() +
                          " [output-unwritable]\n";
            failed[i] = 1;
            return;
        }
        for (const auto& d : warnings) messages[i] += format_diagnostic(d) + "\n";
        if (stages) stages->record({"  " + std::string(backend->format), wall_seconds() - wall, thread_cpu_seconds() - cpu});
    });
    if (stages) stages->finish();
    bool ok = std::find(failed.begin(), failed.end(), 1) == failed.end();
    for (std::size_t i = 0; i < backends.size(); ++i) {
        if (temporaries[i].empty()) continue;
        auto path = out_dir / backends[i]->file_name;
        if (!ok) {
            text::discard_temporary(temporaries[i]);
        } else if (!text::commit_temporary(temporaries[i], path)) {
            messages[i] += path.generic_string() + ": error: cannot write output: " + text::last_io_error() +
                           " [output-unwritable]\n";
            ok = false;
        }
    }
    for (const auto& message : messages) err << message;
    return ok;
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
    std::unique_ptr<Stages> stages;
    if (request.timings || progress_wanted(STDERR_FILENO))
        stages = std::make_unique<Stages>(progress_wanted(STDERR_FILENO) ? &err : nullptr);
    CompileRequest compile_request = request.compile;
    compile_request.stages = stages.get();
    CompileResult compiled = compile(compile_request, err);
    // A compiler writes no output when its input has errors.
    if (compiled.status != kExitOk || !compiled.glossary) return compiled.status;
    std::error_code ec;
    std::filesystem::create_directories(request.out_dir, ec);
    if (ec) {
        err << "glossc: error: cannot create output folder '" << request.out_dir.generic_string()
            << "': " << ec.message() << " [output-unwritable]\n";
        return kExitUsageOrIo;
    }
    RenderContext context = prepare_backends(compiled, request.release);
    if (!write_outputs(*compiled.glossary, context, backends, request.out_dir, stages.get(), err))
        return kExitUsageOrIo;
    if (stages) {
        stages->finish();
        std::string table = request.timings ? stages->table() : std::string();
        stages.reset();  // clears the progress line before anything else is printed
        err << table;
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
    std::string bytes =
        report::merge_report(*compiled.glossary, compiled.trace, format->second.first, compiled.changes);
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
