// The deck's collection: an SQLite database in Anki's schema 11, built in
// memory (anki_backend.hpp: "The package" and "Rows").
#pragma once

#include <string_view>

#include "anki/anki_backend.hpp"
#include "anki/anki_format.hpp"

namespace glossc::anki_backend {

// The collection of the glossary's notes, in an in-memory database.
format::Database collection(const ir::Glossary& g, const RenderContext& context);

// The database's file image, as SQLite holds it (no copy).
std::string_view database_bytes(sqlite3* db);

}  // namespace glossc::anki_backend
