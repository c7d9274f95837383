// The Anki writer: glossary -> fields' HTML (anki_note.cpp, anki_html.cpp)
// -> an in-memory SQLite collection in schema 11 (anki_collection.cpp, its
// JSON settings in anki_settings.cpp) -> a zip, here. Format and choices:
// anki_backend.hpp.
#include "anki/anki_backend.hpp"
#include "anki/anki_collection.hpp"
#include "anki/anki_format.hpp"
#include "anki/anki_math.hpp"
#include "common/zip_archive.hpp"
#include "text/lines.hpp"

namespace glossc::anki_backend {

namespace {

// One warning per formula the deck shows as code (anki_html.cpp): MathJax
// would not render it, or it holds active content.
void report_refused_math(const ir::Glossary& glossary, BackendOutput& output) {
    auto visit = [&](const ir::RichText& text, const ir::Concept& c, const ir::Definition& d, auto& self) -> void {
        for (const auto& node : text) {
            if (node.kind != ir::InlineKind::Math) {
                self(node.children, c, d, self);
                continue;
            }
            MathJaxFormula formula = mathjax_formula(node.text);
            if (formula.ok) continue;
            output.diagnostics.warning({output.path, 0, 0}, "anki-math-refused",
                                       "formula '" + text::excerpt(node.text, 60) + "' in '" + c.headword +
                                           "' (from " + d.source + ", line " + std::to_string(d.line) +
                                           ") is shown as code: " + formula.reason);
        }
    };
    for (const auto& c : glossary.concepts)
        for (const auto& d : c.definitions)
            for (const auto* text : {&d.summary, &d.body, &d.details, &d.example}) visit(*text, c, d, visit);
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
