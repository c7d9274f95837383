// The pipeline behind `glossc build` and `glossc check`: manifest -> readers
// -> merge -> backends, with diagnostics collected from every stage.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "backend.hpp"
#include "driver/stages.hpp"
#include "ir/ir.hpp"
#include "manifest/manifest.hpp"
#include "merge/merge.hpp"

namespace glossc {

// Exit statuses, as documented in `glossc --help`.
enum ExitStatus : int { kExitOk = 0, kExitSourceErrors = 1, kExitUsageOrIo = 2 };

struct CompileRequest {
    std::filesystem::path manifest = "sources/glossary.toml";
    std::vector<std::string> extra_sources{};  // --source FILE[=FORMAT]
    Stages* stages = nullptr;                // times the read and merge stages when set
    bool verbose = false;                    // -v: what each added source changed, concept by concept
    bool manifest_given = false;             // --manifest was on the command line
};

struct CompileResult {
    int status = kExitOk;                  // kExitOk unless the front end failed
    std::optional<ir::Glossary> glossary;  // present when the front end ran (even with errors)
    std::int64_t timestamp = 0;            // edition time (see edition_timestamp)
    merge::MergeTrace trace;               // why entries were merged or kept apart
    merge::Ledger ledger;                  // the ledger a release of this edition writes
    std::optional<std::filesystem::path> ledger_path;
    std::vector<merge::SourceChange> changes;  // what each added source changed
};

// Reads the manifest and every source and merges them. Every diagnostic ends
// up in the glossary (sorted) or, when there is none, is printed at once.
CompileResult compile(const CompileRequest& request, std::ostream& diagnostics_out);

struct BuildRequest {
    CompileRequest compile;
    bool release = false;  // also update the ledger (ids, content hashes) under sources/
    std::filesystem::path out_dir = "out";
    std::vector<std::string> formats;  // empty: every backend
    // Backends whose post-build step was asked for (by its option: backend.hpp,
    // PostBuild), run in this order once every output is written.
    std::vector<const BackendInfo*> post_builds;
    bool timings = false;  // print each stage's wall and CPU time on stderr (--timings)
};

// What the backends need from a compile (the edition time, when concepts
// changed), with what they do not need freed first: the merge trace, and the
// ledger unless `keep_ledger` (a release writes it).
RenderContext prepare_backends(CompileResult& compiled, bool keep_ledger);

// Runs the backends (in parallel, see parallel.hpp) and writes their files
// into out_dir; their diagnostics (I/O errors, a backend's warnings) go to
// err in backend order. Returns false when a file could not be written.
bool write_outputs(const ir::Glossary& glossary, const RenderContext& context,
                   const std::vector<const BackendInfo*>& backends, const std::filesystem::path& out_dir,
                   Stages* stages, std::ostream& err);

int run_build(const BuildRequest& request, std::ostream& diagnostics_out);

struct ReportRequest {
    CompileRequest compile;
    std::filesystem::path out_dir = "out";
    std::string format = "html";  // html -> merge-report.html, md -> merge-report.md, text -> merge-report.txt
};
int run_report(const ReportRequest& request, std::ostream& diagnostics_out);
int run_explain(const CompileRequest& request, const std::string& term, std::ostream& out, std::ostream& diagnostics_out);
int run_check(const CompileRequest& request, std::ostream& diagnostics_out);

// The edition date: SOURCE_DATE_EPOCH when set (reproducible builds), else
// the manifest's date. Returns seconds since the epoch.
std::int64_t edition_timestamp(const Manifest& manifest);
std::string format_date(std::int64_t timestamp);  // YYYY-MM-DD (UTC)

}  // namespace glossc
