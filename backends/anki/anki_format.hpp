// What the Anki writer and reader share: digests, the SQLite handle, the
// class names of the fields' HTML. The format itself is described in
// anki_backend.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <sqlite3.h>

#include "anki/anki_backend.hpp"

namespace glossc::anki_backend::format {

inline constexpr std::string_view kPackageCollection = "collection.anki2";
inline constexpr std::string_view kPackageMedia = "media";
inline constexpr std::int64_t kDefaultDeckId = 1;  // Anki's "Default" deck
inline constexpr std::int64_t kOptionsGroupId = 1;  // Anki's "Default" options

// The wrapper that keeps MathJax away from prose holding a backslash.
inline constexpr std::string_view kNoMathClass = "nomath mathjax_ignore tex2jax_ignore";
inline constexpr std::string_view kSeeAlsoLead = "See also: ";
inline constexpr std::string_view kSeeAlsoSeparator = ", ";

using Sha1 = std::array<unsigned char, 20>;
Sha1 sha1(std::string_view bytes);  // OpenSSL libcrypto

// Big-endian 64-bit number from 8 bytes of a digest.
std::uint64_t be64(const Sha1& digest, std::size_t offset);

// The note id of a concept before clash resolution (see anki_backend.hpp).
std::int64_t preferred_note_id(std::string_view concept_id);

// The label the Category field shows for a category id: the glossary's
// label, or the id itself when the glossary does not list it.
std::string category_label(const ir::Glossary& glossary, const std::string& id);

// Rich text in canonical form: adjacent Text nodes joined, empty ones dropped.
ir::RichText canonical(const ir::RichText& text);

// An owned SQLite connection.
class Database {
public:
    Database() = default;
    explicit Database(sqlite3* db) : db_(db) {}
    Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
    ~Database() { sqlite3_close(db_); }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    sqlite3* get() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// An owned prepared statement.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement() { sqlite3_finalize(statement_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    sqlite3_stmt* get() const { return statement_; }
    // sqlite3_step: true for a row, false when done; throws on errors.
    bool step();
    std::string text(int column) const;
    std::int64_t integer(int column) const;
    bool is_integer(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_INTEGER; }

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* statement_ = nullptr;
};

}  // namespace glossc::anki_backend::format
