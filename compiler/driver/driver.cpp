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
#include "driver/output_lock.hpp"
#include "merge/merge.hpp"
#include "parallel/parallel.hpp"
#include "readers/reader.hpp"
#include "readers/sanitize.hpp"
#include "report/merge_report.hpp"
#include "text/dates.hpp"
#include "text/file_io.hpp"
#include "text/utf8.hpp"

#include <malloc.h>
#include <unistd.h>

namespace glossc {

namespace {

// One line per diagnostic; the sources' diagnostics end with a summary
// line, the driver's own (usage and I/O errors, a backend's warnings) not.
void print_each(const std::vector<ir::Diagnostic>& diagnostics, std::ostream& out) {
    for (const auto& d : diagnostics) out << format_diagnostic(d) << '\n';
}
void print_diagnostics(const std::vector<ir::Diagnostic>& diagnostics, std::ostream& out) {
    print_each(diagnostics, out);
    if (auto summary = format_summary(diagnostics); !summary.empty()) out << summary << '\n';
}

// The driver's own errors (usage and I/O: "glossc: error: ... [code]" when
// they name no file) are reported into a sink as every stage's are, and
// printed when the command stops; returns the exit status.
int stop(DiagnosticSink& problems, std::ostream& out, int status = kExitUsageOrIo) {
    print_each(problems.take(), out);
    return status;
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

std::string format_date(std::int64_t timestamp) { return text::format_utc(timestamp, "%Y-%m-%d"); }

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
    std::optional<Manifest> manifest;
    if (!request.manifest_given && !request.extra_sources.empty() && !std::filesystem::exists(request.manifest)) {
        // Trying a file without a glossary: the --source files alone, with
        // the default settings of a manifest that names nothing.
        manifest.emplace();
        manifest->title = "Glossary";
        manifest->dir = ".";
        manifest->display_path = request.manifest.generic_string();
        sink.note({}, "manifest-none",
                  "no " + request.manifest.generic_string() +
                      ": the --source files are read alone, with default settings (title, no taxonomy, no ledger)");
    } else {
        manifest = load_manifest(request.manifest, sink);
    }
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
    // Backends run in parallel, each writing its own file (write_temporary:
    // straight to the file as it is made) and reporting into its own sink;
    // the diagnostics are printed in backend order.
    // The files are renamed into place only when every backend has written
    // its own: a build that fails part-way (a full disk) leaves the previous
    // outputs as they were, not a mix of two editions.
    std::vector<DiagnosticSink> sinks(backends.size());
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
        const BackendInfo& backend = *backends[i];
        double wall = wall_seconds(), cpu = thread_cpu_seconds();
        temporaries[i] = write_temporary(backend, glossary, context, output_path(backend, out_dir), sinks[i]);
        if (stages && !temporaries[i].empty())
            stages->record({"  " + std::string(backend.format), wall_seconds() - wall, thread_cpu_seconds() - cpu});
    });
    if (stages) stages->finish();
    bool ok = std::none_of(temporaries.begin(), temporaries.end(), [](const auto& t) { return t.empty(); });
    for (std::size_t i = 0; i < backends.size(); ++i) {
        if (temporaries[i].empty()) continue;
        auto path = output_path(*backends[i], out_dir);
        if (!ok) {
            discard_output(*backends[i], temporaries[i]);
        } else if (!commit_output(*backends[i], temporaries[i], path)) {
            sinks[i].error({path.generic_string()}, "output-unwritable",
                           "cannot write output: " + text::last_io_error());
            ok = false;
        }
    }
    for (const auto& sink : sinks) print_each(sink.all(), err);
    return ok;
}

namespace {

// The backends --formats names (every one when it names none); null when it
// names a format no backend writes (reported).
std::optional<std::vector<const BackendInfo*>> chosen_backends(const std::vector<std::string>& formats,
                                                               DiagnosticSink& problems) {
    std::vector<const BackendInfo*> backends;
    if (formats.empty())
        for (const auto& backend : backend_registry()) backends.push_back(&backend);
    for (const auto& format : formats) {
        const BackendInfo* backend = find_backend(format);
        if (!backend) {
            std::string known;
            for (const auto& b : backend_registry()) known += (known.empty() ? "" : ", ") + std::string(b.format);
            problems.error({}, "usage-unknown-format", "unknown output format '" + format + "' (known: " + known + ")");
            return std::nullopt;
        }
        backends.push_back(backend);
    }
    return backends;
}

// Whether the post-build steps asked for (backend.hpp) can run, before anything
// is read: the backend whose file each works on is among those built, and
// its programs are installed. Reports why not.
bool steps_can_run(const std::vector<const BackendInfo*>& steps, const std::vector<const BackendInfo*>& backends,
                   DiagnosticSink& problems) {
    for (const BackendInfo* owner : steps) {
        if (std::find(backends.begin(), backends.end(), owner) == backends.end()) {
            const std::string format(owner->format);
            problems.error({}, "usage-option-needs-format",
                           "--" + std::string(owner->post_build->option) + " works on the " + format +
                               " output: add '" + format + "' to --formats");
            return false;
        }
        if (!owner->post_build->ready(problems)) return false;
    }
    return true;
}

}  // namespace

int run_build(const BuildRequest& request, std::ostream& err) {
    DiagnosticSink problems;
    auto backends = chosen_backends(request.formats, problems);
    if (!backends || !steps_can_run(request.post_builds, *backends, problems)) return stop(problems, err);
    // A release reads the ledger and writes it back: no other release of
    // the same manifest may come between (output_lock.hpp).
    std::optional<FolderLock> ledger_lock;
    if (request.release && !(ledger_lock = lock_manifest_folder(request.compile.manifest, problems, err)))
        return stop(problems, err);
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
        problems.error({}, "output-unwritable",
                       "cannot create output folder '" + request.out_dir.generic_string() + "': " + ec.message());
        return stop(problems, err);
    }
    // Held until the build returns, the PDF step and the ledger included.
    auto out_lock = lock_output_folder(request.out_dir, problems, err);
    if (!out_lock) return stop(problems, err);
    remove_stale_temporaries(request.out_dir, problems);
    print_each(problems.take(), err);
    RenderContext context = prepare_backends(compiled, request.release);
    if (!write_outputs(*compiled.glossary, context, *backends, request.out_dir, stages.get(), err))
        return kExitUsageOrIo;
    if (stages) {
        stages->finish();
        std::string table = request.timings ? stages->table() : std::string();
        stages.reset();  // clears the progress line before anything else is printed
        err << table;
    }
    for (const BackendInfo* backend : request.post_builds) {
        bool ok = backend->post_build->run({request.out_dir / backend->file_name, request.out_dir, compiled.timestamp},
                                           problems);
        print_each(problems.take(), err);  // warnings too, and at once: the next step may take minutes
        if (!ok) return kExitUsageOrIo;
    }
    if (request.release) {
        if (!compiled.ledger_path) {
            problems.error({}, "release-no-ledger", "--release needs a 'ledger' file named in the manifest");
            return stop(problems, err);
        }
        // A release dated before a change the ledger keeps is most likely a
        // wrong SOURCE_DATE_EPOCH: its changes were moved after that change
        // (merge::edition_change_time), which the editor should know.
        if (std::int64_t latest = merge::latest_change(compiled.ledger); latest > compiled.timestamp) {
            problems.warning({compiled.ledger_path->generic_string()}, "release-dated-before-ledger",
                             "this release is dated " + format_date(compiled.timestamp) +
                                 ", before the latest change the ledger records (" + format_date(latest) +
                                 "): what it changes is dated one second after that change, so that Anki "
                                 "still updates those notes; check SOURCE_DATE_EPOCH");
            print_each(problems.take(), err);
        }
        if (!text::write_file_atomically(*compiled.ledger_path, merge::serialize_ledger(compiled.ledger))) {
            problems.error({compiled.ledger_path->generic_string()}, "output-unwritable",
                           "cannot write ledger: " + text::last_io_error());
            return stop(problems, err);
        }
    }
    return kExitOk;
}

namespace {
bool write_output(const std::filesystem::path& dir, const std::string& name, const std::string& bytes,
                  DiagnosticSink& problems) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    auto path = dir / name;
    if (ec || !text::write_file_atomically(path, bytes)) {
        problems.error({path.generic_string()}, "output-unwritable",
                       "cannot write output: " + (ec ? ec.message() : text::last_io_error()));
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
    DiagnosticSink problems;
    auto format = kFormats.find(request.format);
    if (format == kFormats.end()) {
        problems.error({}, "usage-unknown-format",
                       "unknown report format '" + request.format + "' (known: html, md, text)");
        return stop(problems, err);
    }
    CompileResult compiled = compile(request.compile, err);
    if (!compiled.glossary) return compiled.status;
    std::string bytes =
        report::merge_report(*compiled.glossary, compiled.trace, format->second.first, compiled.changes);
    std::error_code ec;
    std::filesystem::create_directories(request.out_dir, ec);
    std::optional<FolderLock> out_lock;
    if (!ec) {
        if (!(out_lock = lock_output_folder(request.out_dir, problems, err))) return stop(problems, err);
        remove_stale_temporaries(request.out_dir, problems);
        print_each(problems.take(), err);
    }
    if (!write_output(request.out_dir, format->second.second, bytes, problems)) return stop(problems, err);
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
        DiagnosticSink problems;
        problems.error({}, "explain-unknown-term", "no concept is named '" + term + "'");
        return stop(problems, err, kExitSourceErrors);
    }
    out << explanation;
    return kExitOk;
}

}  // namespace glossc
