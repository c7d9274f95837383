// What every backend gets from its stream() alone (backend.hpp).
#include "backend.hpp"

#include <memory>

#include "common/folder_bundle.hpp"
#include "text/file_io.hpp"
#include "text/folder_io.hpp"

namespace glossc {

bool writes_folder(const BackendInfo& backend) { return backend.file_name.ends_with('/'); }

std::filesystem::path output_path(const BackendInfo& backend, const std::filesystem::path& out_dir) {
    std::string_view name = backend.file_name;
    if (writes_folder(backend)) name.remove_suffix(1);
    return out_dir / name;
}

std::string render(StreamFunction stream, const ir::Glossary& glossary, const RenderContext& context) {
    DiagnosticSink dropped;
    return render(stream, glossary, context, dropped, {});
}

std::string render(StreamFunction stream, const ir::Glossary& glossary, const RenderContext& context,
                   DiagnosticSink& diagnostics, std::string_view path) {
    std::string document;
    std::vector<folder::File> files;  // a folder backend's, when it calls begin_file
    BackendOutput out{[&](std::string_view piece) { (files.empty() ? document : files.back().bytes) += piece; },
                      diagnostics, std::string(path),
                      [&files](std::string_view name) { files.push_back({std::string(name), {}}); }};
    stream(glossary, context, out);
    return files.empty() ? document : folder::pack(std::move(files));
}

namespace {

// A folder backend's files, each a temporary file in the temporary folder
// renamed to its name when the next one starts; the first failure ends it.
class FolderWriter {
public:
    FolderWriter(std::filesystem::path folder, std::string display, DiagnosticSink& diagnostics)
        : folder_(std::move(folder)), display_(std::move(display)), diagnostics_(diagnostics) {}

    void begin_file(std::string_view name) {
        if (!finish_file()) return;
        if (!folder::safe_name(name)) {
            diagnostics_.error({display_}, "output-unwritable", "backend named a file outside its folder");
            failed_ = true;
            return;
        }
        target_ = folder_ / name;
        std::error_code ec;
        std::filesystem::create_directories(target_.parent_path(), ec);
        file_ = std::make_unique<text::TemporaryFile>(target_);
    }
    void write(std::string_view piece) {
        if (!file_ || failed_) return;
        if (!file_->append(piece)) fail();
    }
    // Ends the last file; false when any file could not be written.
    bool finish_file() {
        if (failed_) return false;
        if (!file_) return true;
        std::filesystem::path temporary = file_->finish();
        file_.reset();
        if (temporary.empty() || !text::commit_temporary(temporary, target_)) fail();
        return !failed_;
    }

private:
    void fail() {
        if (!failed_)
            diagnostics_.error({display_}, "output-unwritable", "cannot write output: " + text::last_io_error());
        failed_ = true;
        file_.reset();
    }
    std::filesystem::path folder_;
    std::string display_;
    DiagnosticSink& diagnostics_;
    std::unique_ptr<text::TemporaryFile> file_;
    std::filesystem::path target_;
    bool failed_ = false;
};

std::filesystem::path write_temporary_folder(const BackendInfo& backend, const ir::Glossary& glossary,
                                             const RenderContext& context, const std::filesystem::path& path,
                                             DiagnosticSink& diagnostics) {
    std::filesystem::path folder = text::make_temporary_folder(path);
    if (folder.empty()) {
        diagnostics.error({path.generic_string()}, "output-unwritable",
                          "cannot write output: " + text::last_io_error());
        return {};
    }
    FolderWriter writer(folder, path.generic_string(), diagnostics);
    BackendOutput out{[&writer](std::string_view piece) { writer.write(piece); }, diagnostics,
                      path.generic_string() + "/",
                      [&writer](std::string_view name) { writer.begin_file(name); }};
    backend.stream(glossary, context, out);
    if (!writer.finish_file()) {
        text::discard_temporary_folder(folder);
        return {};
    }
    return folder;
}

}  // namespace

std::filesystem::path write_temporary(const BackendInfo& backend, const ir::Glossary& glossary,
                                      const RenderContext& context, const std::filesystem::path& path,
                                      DiagnosticSink& diagnostics) {
    if (writes_folder(backend)) return write_temporary_folder(backend, glossary, context, path, diagnostics);
    // A failed append removes the file; finish() then gives no path.
    text::TemporaryFile file(path);
    BackendOutput out{[&file](std::string_view piece) { file.append(piece); }, diagnostics, path.generic_string(),
                      {}};
    backend.stream(glossary, context, out);
    std::filesystem::path temporary = file.finish();
    if (temporary.empty())
        diagnostics.error({path.generic_string()}, "output-unwritable",
                          "cannot write output: " + text::last_io_error());
    return temporary;
}

bool commit_output(const BackendInfo& backend, const std::filesystem::path& temporary,
                   const std::filesystem::path& path) {
    return writes_folder(backend) ? text::commit_temporary_folder(temporary, path)
                                  : text::commit_temporary(temporary, path);
}

void discard_output(const BackendInfo& backend, const std::filesystem::path& temporary) {
    if (writes_folder(backend))
        text::discard_temporary_folder(temporary);
    else
        text::discard_temporary(temporary);
}

}  // namespace glossc
