// The one table of backends. Adding an output format is adding a folder with
// its writer and reader, and a row here (docs/architecture.md, "How to add a
// backend").
#include "anki/anki_backend.hpp"
#include "backend.hpp"
#include "epub/epub_backend.hpp"
#include "json/json_backend.hpp"
#include "latex/latex_backend.hpp"
#include "latex/latex_pdf.hpp"
#include "stardict/stardict_backend.hpp"
#include "text/text_backend.hpp"
#include "web/web_backend.hpp"

namespace glossc {

std::span<const BackendInfo> backend_registry() {
    static const BackendInfo kBackends[] = {
        {"json", "glossary.json", "lossless JSON (schema: backends/json/glossary.schema.json)", json_backend::stream,
         json_backend::read, json_backend::project, 4},
        {"text", "glossary.txt", "plain text for people (terminal, less, grep), wrapped at 78 columns",
         text_backend::stream, text_backend::read, text_backend::project, 2},
        {"epub", "glossary.epub", "EPUB 3 book for e-readers (glossary semantics, MathML, indexes; passes epubcheck)",
         epub_backend::stream, epub_backend::read, epub_backend::project, 5},
        {"anki", "glossary.apkg", "Anki deck for learners (notes update in place on re-import)", anki_backend::stream,
         anki_backend::read, anki_backend::project, 3},
        {"latex", "glossary.tex", "LaTeX print edition for LuaLaTeX (--pdf compiles it to glossary.pdf)",
         latex_backend::stream, latex_backend::read, latex_backend::project, 1, &latex_backend::kPdfStep},
        {"stardict", "stardict/", "StarDict dictionary for pop-up lookup (KOReader, GoldenDict, sdcv)",
         stardict_backend::stream, stardict_backend::read, stardict_backend::project, 2},
        {"web", "web/", "static web site (search as you type, MathML; works from file:// and any server)",
         web_backend::stream, web_backend::read, web_backend::project, 2},
    };
    return kBackends;
}

const BackendInfo* find_backend(std::string_view format) {
    for (const auto& backend : backend_registry())
        if (backend.format == format) return &backend;
    return nullptr;
}

}  // namespace glossc
