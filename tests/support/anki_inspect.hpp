// Looking into an .apkg the way Anki does, independently of the backend's
// own reader: unzip, write collection.anki2 to a file, open it with SQLite,
// and read the rows. Also an independent SHA-1 and Anki's HTML stripping,
// for checking guids and checksums, and a canonical text dump of a deck for
// the golden test.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace glossc::testing::anki {

struct Note {
    std::int64_t id = 0;
    std::string guid;
    std::int64_t mid = 0, mod = 0, usn = 0;
    std::string tags, flds;
    std::string sfld;
    bool sfld_is_text = true;  // false when SQLite's INTEGER affinity made it a number
    std::int64_t csum = 0, flags = 0;
    std::string data;
    std::vector<std::string> fields;  // flds split at U+001F
};

struct Card {
    std::int64_t id = 0, nid = 0, did = 0, ord = 0, mod = 0, usn = 0, type = 0, queue = 0, due = 0, ivl = 0,
                 factor = 0, reps = 0, lapses = 0, left = 0, odue = 0, odid = 0, flags = 0;
    std::string data;
};

struct SchemaObject {
    std::string type, name, table, sql;
};

struct Column {
    std::string name, type;
    bool notnull = false;
    int pk = 0;
    friend bool operator==(const Column&, const Column&) = default;
};

struct Collection {
    std::vector<std::string> members;  // zip member names, in order
    std::string media;
    std::vector<SchemaObject> schema;  // sqlite_master, by type and name
    std::string integrity;             // PRAGMA integrity_check
    std::int64_t col_rows = 0;
    std::int64_t id = 0, crt = 0, mod = 0, scm = 0, ver = 0, dty = 0, usn = 0, ls = 0;
    nlohmann::json conf, models, decks, dconf, tags;
    std::vector<Note> notes;  // by id
    std::vector<Card> cards;  // by id
    std::int64_t revlog_rows = 0, graves_rows = 0;
    std::map<std::string, std::vector<Column>> table_info;  // PRAGMA table_info per table
};

// Throws std::runtime_error when the package cannot be opened.
Collection open_apkg(const std::string& apkg);

std::string sha1_hex(std::string_view bytes);
// Anki's strip_html (rslib text.rs), written separately from the backend's.
std::string anki_strip_html(const std::string& html);
// Anki's base91 of a 64-bit number.
std::string base91(std::uint64_t number);

// A reviewable text form of a deck: zip members, schema, col JSON (pretty),
// notes in card order with their fields by name, cards.
std::string dump(const std::string& apkg);

}  // namespace glossc::testing::anki
