// The Anki writer: glossary -> fields' HTML (anki_note.cpp, anki_html.cpp)
// -> an in-memory SQLite collection in schema 11 (anki_collection.cpp, its
// JSON settings in anki_settings.cpp) -> a zip, here. Format and choices:
// anki_backend.hpp.
#include "anki/anki_backend.hpp"
#include "anki/anki_collection.hpp"
#include "anki/anki_format.hpp"
#include "common/zip_archive.hpp"

namespace glossc::anki_backend {

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
}

}  // namespace glossc::anki_backend
