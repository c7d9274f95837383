// What every backend gets from its stream() alone (backend.hpp).
#include "backend.hpp"

#include "text/file_io.hpp"

namespace glossc {

std::string render(StreamFunction stream, const ir::Glossary& glossary, const RenderContext& context) {
    DiagnosticSink dropped;
    return render(stream, glossary, context, dropped, {});
}

std::string render(StreamFunction stream, const ir::Glossary& glossary, const RenderContext& context,
                   DiagnosticSink& diagnostics, std::string_view path) {
    std::string document;
    BackendOutput out{[&document](std::string_view piece) { document += piece; }, diagnostics, std::string(path)};
    stream(glossary, context, out);
    return document;
}

std::filesystem::path write_temporary(const BackendInfo& backend, const ir::Glossary& glossary,
                                      const RenderContext& context, const std::filesystem::path& path,
                                      DiagnosticSink& diagnostics) {
    // A failed append removes the file; finish() then gives no path.
    text::TemporaryFile file(path);
    BackendOutput out{[&file](std::string_view piece) { file.append(piece); }, diagnostics, path.generic_string()};
    backend.stream(glossary, context, out);
    std::filesystem::path temporary = file.finish();
    if (temporary.empty())
        diagnostics.error({path.generic_string()}, "output-unwritable",
                          "cannot write output: " + text::last_io_error());
    return temporary;
}

}  // namespace glossc
