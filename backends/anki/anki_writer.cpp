// The Anki writer: glossary -> fields' HTML (anki_note.cpp, anki_html.cpp)
// -> an in-memory SQLite collection in schema 11 (anki_collection.cpp, its
// JSON settings in anki_settings.cpp) -> a zip, here. Format and choices:
// anki_backend.hpp.
#include "anki/anki_backend.hpp"
#include "anki/anki_collection.hpp"
#include "anki/anki_format.hpp"
#include "anki/anki_math.hpp"
#include "common/zip_archive.hpp"
#include "text/html_render.hpp"
#include "text/lines.hpp"

namespace glossc::anki_backend {

namespace {

// One warning per formula the deck shows as code (anki_html.cpp): MathJax
// would not render it, or it holds active content. Displayed formulas too.
void report_refused_math(const ir::Glossary& glossary, BackendOutput& output) {
    for (const auto& c : glossary.concepts)
        for (const auto& d : c.definitions) {
            auto check = [&](std::string_view tex, bool) {
                MathJaxFormula formula = mathjax_formula(tex);
                if (formula.ok) return;
                output.diagnostics.warning({output.path, 0, 0}, "anki-math-refused",
                                           "formula '" + text::excerpt(tex, 60) + "' in '" + c.headword +
                                               "' (from " + d.source + ", line " + std::to_string(d.line) +
                                               ") is shown as code: " + formula.reason);
            };
            text::for_each_formula(d.summary, check);
            for (const ir::Blocks* field : {&d.body, &d.details, &d.example}) text::for_each_formula(*field, check);
        }
}

}  // namespace

void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output) {
    zip::PackedMember packed;
    {
        // The database is closed (and its memory freed) once deflated.
        format::Database db = collection(glossary, context);
        packed = zip::pack(std::string(format::kPackageCollection), database_bytes(db.get()));
    }
    zip::ArchiveWriter archive(context.timestamp, output.write);
    archive.add(std::move(packed));
    archive.add(std::string(format::kPackageMedia), "{}");
    archive.finish();
    report_refused_math(glossary, output);
}

}  // namespace glossc::anki_backend
