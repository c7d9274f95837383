// The backend interface: each output format is one folder under backends/
// with a writer and a reader of its own output, so that
// read(write(ir)) == project(ir) can be checked as a property.
//
// A backend only streams: it hands its document to a sink a piece at a time
// and reports what it has to say about it (a formula printed as text) as
// every stage does, through a DiagnosticSink. Everything else is derived
// once, here and in the driver, for every backend alike: the document in
// memory (render), the file written to a temporary and renamed into place
// (write_temporary), the order backends start in, and a step to run on the
// written file (PostBuild: LaTeX's PDF), so the driver names no format.
// docs/architecture.md, "How to add a backend", walks through adding one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "diagnostics/diagnostics.hpp"
#include "ir/ir.hpp"

namespace glossc {

struct RenderContext {
    std::int64_t timestamp = 0;  // seconds since the epoch (SOURCE_DATE_EPOCH); dates in outputs come from it
    // When each concept's content last changed (concept id -> seconds since
    // the epoch), from the ledger; concepts not listed changed at `timestamp`.
    // The Anki deck's note `mod` comes from here.
    std::map<std::string, std::int64_t> modified{};
};

// Thrown by a backend's reader when its input is not what its writer writes.
class BackendReadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where a streaming writer puts its document, a piece at a time: a large
// document goes to its file as it is made instead of being held whole.
using ChunkSink = std::function<void(std::string_view)>;

// What a backend's stream() writes into: the document's bytes, handed to
// `write` in order, and its diagnostics, which name the document by `path`
// (as the build writes it: "out/glossary.tex") and a line of it.
//
// A backend whose output is a folder of files (its file_name ends in '/':
// "stardict/") calls begin_file before each of its files, with the file's
// name inside the folder ("glossary.idx", "letters/a.html"); what `write`
// gets after it goes into that file. A single-file backend never calls it.
struct BackendOutput {
    ChunkSink write;
    DiagnosticSink& diagnostics;
    std::string path;
    std::function<void(std::string_view name)> begin_file;
};

using StreamFunction = void (*)(const ir::Glossary&, const RenderContext&, BackendOutput&);

// A step run on a backend's written file after every output is in place,
// when the build is asked for it by an option of its own (LaTeX's --pdf
// compiles glossary.tex to glossary.pdf).
struct PostBuildRequest {
    std::filesystem::path document;  // the backend's file, as written (out/glossary.tex)
    std::filesystem::path out_dir;   // the build's output folder, where the step's results go
    std::int64_t timestamp = 0;      // the edition's time (RenderContext::timestamp)
};
struct PostBuild {
    std::string_view option;  // the build option that asks for it, without "--": "pdf"
    std::string_view help;    // that option's help text
    // Whether it can run on this machine (its programs are installed): asked
    // before anything is read, so that a build that cannot finish does not
    // start. Reports why not, and returns false.
    bool (*ready)(DiagnosticSink& diagnostics);
    // Runs it: errors when it fails (then false), warnings for what it noticed.
    bool (*run)(const PostBuildRequest& request, DiagnosticSink& diagnostics);
};

struct BackendInfo {
    std::string_view format;     // name on the command line (--formats)
    std::string_view file_name;  // output file under out/, or folder when it ends in '/' ("stardict/")
    std::string_view summary;
    StreamFunction stream;
    ir::Glossary (*read)(std::string_view bytes);
    // `read` gets the document as render() makes it: a folder backend's
    // files packed into one string (common/folder_bundle.hpp).
    // The part of the IR this format carries, in the form its reader gives it
    // back. Documented beside each backend; the identity for JSON.
    ir::Glossary (*project)(const ir::Glossary&);
    // When a build starts it, relative to the others (higher first). The
    // costliest start first, so that the cheap ones fill in around them
    // rather than one costly backend running alone at the end: EPUB and
    // JSON, then Anki when JSON is done. The two that hold the most memory
    // at their end (EPUB its deflated book and index pages, Anki its
    // collection and the collection deflated: 1.5 GB at 1M entries) thus
    // reach it at different times: with Anki first and EPUB after JSON,
    // since JSON is written with direct I/O, the two ends met and the
    // build's peak grew from 3.5 to 4.1 GB. Measured with glossc-bench and
    // VmRSS samples; the order never changes the outputs.
    int start_rank;
    const PostBuild* post_build = nullptr;  // null for a backend with none
};

// The one table of backends (backends/registry.cpp).
std::span<const BackendInfo> backend_registry();
const BackendInfo* find_backend(std::string_view format);

// Whether a backend writes a folder of files rather than one file.
bool writes_folder(const BackendInfo& backend);
// Where a backend's output goes under `out_dir` (a folder's path without
// the final '/').
std::filesystem::path output_path(const BackendInfo& backend, const std::filesystem::path& out_dir);

// A backend's whole document in memory (tests and tools; the round-trip
// property): a folder backend's files packed into one string
// (common/folder_bundle.hpp). Its diagnostics are dropped, or reported into
// `diagnostics` naming the document `path`.
std::string render(StreamFunction stream, const ir::Glossary& glossary, const RenderContext& context);
std::string render(StreamFunction stream, const ir::Glossary& glossary, const RenderContext& context,
                   DiagnosticSink& diagnostics, std::string_view path);

// A backend's document written to a temporary file beside `path`, as it is
// made (the whole document is never in memory), for commit_output to rename
// over `path` once every output is written, or discard_output. A folder
// backend's files go into a temporary folder beside `path`.
// Returns the temporary's path; empty when it could not be written, with
// an `output-unwritable` error reported (and the temporary removed).
std::filesystem::path write_temporary(const BackendInfo& backend, const ir::Glossary& glossary,
                                      const RenderContext& context, const std::filesystem::path& path,
                                      DiagnosticSink& diagnostics);
// Puts a written temporary (file or folder) in place of `path`, or removes it.
bool commit_output(const BackendInfo& backend, const std::filesystem::path& temporary,
                   const std::filesystem::path& path);
void discard_output(const BackendInfo& backend, const std::filesystem::path& temporary);

}  // namespace glossc
