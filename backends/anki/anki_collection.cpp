#include "text/inline_math.hpp"
#include "anki/anki_collection.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "anki/anki_note.hpp"
#include "anki/anki_settings.hpp"
#include "parallel/parallel.hpp"

namespace glossc::anki_backend {

namespace {

using format::Database;
using format::Statement;

// rslib/src/storage/schema11.sql: its tables (kIndexes below has the rest)
constexpr std::string_view kTables = R"(create table col
(
    id     integer primary key,
    crt    integer not null,
    mod    integer not null,
    scm    integer not null,
    ver    integer not null,
    dty    integer not null,
    usn    integer not null,
    ls     integer not null,
    conf   text    not null,
    models text    not null,
    decks  text    not null,
    dconf  text    not null,
    tags   text    not null
);

create table notes
(
    id    integer primary key,
    guid  text    not null,
    mid   integer not null,
    mod   integer not null,
    usn   integer not null,
    tags  text    not null,
    flds  text    not null,
    sfld  integer not null,
    csum  integer not null,
    flags integer not null,
    data  text    not null
);

create table cards
(
    id     integer primary key,
    nid    integer not null,
    did    integer not null,
    ord    integer not null,
    mod    integer not null,
    usn    integer not null,
    type   integer not null,
    queue  integer not null,
    due    integer not null,
    ivl    integer not null,
    factor integer not null,
    reps   integer not null,
    lapses integer not null,
    left   integer not null,
    odue   integer not null,
    odid   integer not null,
    flags  integer not null,
    data   text    not null
);

create table revlog
(
    id      integer primary key,
    cid     integer not null,
    usn     integer not null,
    ease    integer not null,
    ivl     integer not null,
    lastIvl integer not null,
    factor  integer not null,
    time    integer not null,
    type    integer not null
);

create table graves
(
    usn  integer not null,
    oid  integer not null,
    type integer not null
);
)";

// The schema's indexes, created after the rows are in: one sort per index
// instead of an index insert per row, and densely packed pages.
constexpr std::string_view kIndexes = R"(-- syncing
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
-- card spacing, etc
create index ix_cards_nid on cards (nid);
-- scheduling and deck limiting
create index ix_cards_sched on cards (did, queue, due);
-- revlog by card
create index ix_revlog_cid on revlog (cid);
-- field uniqueness
create index ix_notes_csum on notes (csum);
)";

// A note as its row stores it, made on a worker thread: the fields joined,
// the sort field, checksum and guid (two SHA-1s) with them.
struct NoteRow {
    Note note;
    std::string guid;
    std::string fields;      // joined by U+001F
    std::string sort_field;  // the first field without markup
    std::int64_t checksum = 0;
};

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errmsg(db);
        sqlite3_free(error);
        throw std::runtime_error("SQLite: " + message);
    }
}

void bind_value(Statement& s, int index, std::int64_t value) {
    if (sqlite3_bind_int64(s.get(), index, value) != SQLITE_OK) throw std::runtime_error("SQLite: cannot bind");
}

// The value must outlive the statement's run(): every caller binds strings
// that do, so SQLite reads them where they are instead of copying each.
void bind_value(Statement& s, int index, const std::string& value) {
    if (sqlite3_bind_text64(s.get(), index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK)
        throw std::runtime_error("SQLite: cannot bind");
}
// A temporary would be gone before the statement runs.
void bind_value(Statement& s, int index, std::string&& value) = delete;

void run(Statement& s) {
    while (s.step()) {
    }
    sqlite3_reset(s.get());
    sqlite3_clear_bindings(s.get());
}

// Characters of rich text, markup aside.
std::size_t text_size(const ir::RichText& text) {
    std::size_t size = 0;
    for (const auto& node : text) size += node.text.size() + node.target.size() + text_size(node.children);
    return size;
}

// A generous guess at the collection's size: twice the text a note shows,
// and room for its card rows, index entries and markup (a 1M-entry deck
// measures 1.7 KB a note, 2.2 times its text).
sqlite3_int64 estimated_collection_size(const ir::Glossary& g) {
    sqlite3_int64 size = 1 << 20;
    for (const auto& c : g.concepts) {
        std::size_t text = c.id.size() + 2 * c.headword.size();
        for (const auto& label : c.labels) text += label.text.size();
        for (const auto& d : c.definitions)
            text += d.source.size() + text_size(d.summary) + text::plain_text(d.body).size() + text::plain_text(d.details).size() + text::plain_text(d.example).size();
        for (const auto& r : c.references) text += r.title.size() + r.authors.size() + r.venue.size() + r.url.size();
        size += static_cast<sqlite3_int64>(2 * text + 640);
    }
    return size;
}

}  // namespace

// The collection, in an in-memory database of SQLite's "memdb" VFS: its file
// image is one buffer, which database_bytes() hands out without a copy. The
// buffer is reserved at its estimated size up front: memdb grows it by
// doubling, each time copying it and briefly holding the old one and the
// new (1 GiB more at 1M entries). Pages never written are never touched,
// so a generous estimate costs address space only; a larger deck still
// grows as before.
Database collection(const ir::Glossary& g, const RenderContext& context) {
    sqlite3* raw = nullptr;
    // One thread uses the connection: no mutex on every call.
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
        sqlite3_close(raw);
        throw std::runtime_error("SQLite: cannot open an in-memory database");
    }
    Database db(raw);
    sqlite3_int64 reserve = estimated_collection_size(g);
    auto* buffer = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(reserve)));
    if (!buffer) reserve = 0;  // no room for the guess: memdb grows the buffer as it goes
    // On failure SQLite frees the buffer (FREEONCLOSE).
    if (sqlite3_deserialize(db.get(), "main", buffer, 0, reserve,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
        throw std::runtime_error("SQLite: cannot make an in-memory database");
    // memdb caps a database at 1 GiB by default; a large deck is more.
    sqlite3_int64 limit = std::numeric_limits<sqlite3_int64>::max();
    sqlite3_file_control(db.get(), "main", SQLITE_FCNTL_SIZE_LIMIT, &limit);
    exec(db.get(), "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA encoding = 'UTF-8';");
    exec(db.get(), "BEGIN");
    exec(db.get(), std::string(kTables));

    const std::int64_t ts = context.timestamp;
    // Every tag, in the order of the first concept that has it.
    std::vector<std::string> all_tags;
    bool any_blocks = false;  // a note shows blocks: the note type has their CSS
    {
        Statement note(db.get(), "insert into notes values (?,?,?,?,?,?,?,?,?,0,'')");
        Statement card(db.get(), "insert into cards values (?,?,?,?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')");
        // Note ids in concept order: a taken id moves the later concept on.
        std::vector<std::int64_t> ids(g.concepts.size());
        {
            std::unordered_set<std::int64_t> used;
            used.reserve(g.concepts.size());
            for (std::size_t i = 0; i < g.concepts.size(); ++i) {
                std::int64_t id = format::preferred_note_id(g.concepts[i].id);
                while (!used.insert(id).second) id += 2;
                ids[i] = id;
            }
        }
        // Notes (and their cards, ids id and id + 1) are inserted in id
        // order, which appends to the tables' b-trees; in concept order,
        // ids are random and every insert searched and split pages (leaving
        // them half full).
        std::vector<std::size_t> by_id(g.concepts.size());
        std::iota(by_id.begin(), by_id.end(), std::size_t{0});
        std::sort(by_id.begin(), by_id.end(), [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
        // tag -> (concept index, place in its tags) of its first use
        std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> first_use;
        Names names = index_names(g);
        // Notes are rendered in parallel, a batch at a time (so that a large
        // deck's notes are not all in memory at once).
        constexpr std::size_t kBatch = 4096;
        std::vector<NoteRow> batch;
        for (std::size_t n = 0; n < by_id.size(); ++n) {
            const std::size_t i = by_id[n];
            const ir::Concept& c = g.concepts[i];
            if (n % kBatch == 0) {
                batch.assign(std::min(kBatch, by_id.size() - n), NoteRow{});
                parallel::for_each_index(batch.size(), [&](std::size_t k) {
                    const ir::Concept& concept_k = g.concepts[by_id[n + k]];
                    NoteRow& row = batch[k];
                    row.note = render_note(names, concept_k);
                    row.guid = note_guid(concept_k.id);
                    for (std::size_t f = 0; f < kFieldCount; ++f) {
                        if (f) row.fields += '\x1f';
                        row.fields += row.note.fields[f];
                    }
                    row.sort_field = strip_html(row.note.fields[0]);
                    row.checksum = field_checksum(row.note.fields[0]);
                });
            }
            const NoteRow& row = batch[n % kBatch];
            const Note& rendered = row.note;
            any_blocks = any_blocks || rendered.has_blocks;
            const std::int64_t id = ids[i];
            auto modified = context.modified.find(c.id);
            const std::int64_t mod =
                std::max(modified != context.modified.end() ? modified->second : ts, kFieldsModified);
            std::string tags;
            for (std::size_t t = 0; t < rendered.tags.size(); ++t) {
                tags += " " + rendered.tags[t];
                auto [first, added] = first_use.emplace(rendered.tags[t], std::pair(i, t));
                if (!added) first->second = std::min(first->second, std::pair(i, t));
            }
            if (!tags.empty()) tags += " ";
            bind_value(note, 1, id);
            bind_value(note, 2, row.guid);
            bind_value(note, 3, kNoteTypeId);
            bind_value(note, 4, mod);
            bind_value(note, 5, -1);
            bind_value(note, 6, tags);
            bind_value(note, 7, row.fields);
            bind_value(note, 8, row.sort_field);
            bind_value(note, 9, row.checksum);
            run(note);
            for (std::int64_t ord = 0; ord < 2; ++ord) {
                bind_value(card, 1, id + ord);
                bind_value(card, 2, id);
                bind_value(card, 3, kDeckId);
                bind_value(card, 4, ord);
                bind_value(card, 5, mod);
                bind_value(card, 6, static_cast<std::int64_t>(i + 1));
                run(card);
            }
        }
        for (const auto& [tag, first] : first_use) all_tags.push_back(tag);
        std::sort(all_tags.begin(), all_tags.end(),
                  [&](const std::string& a, const std::string& b) { return first_use.at(a) < first_use.at(b); });
    }
    exec(db.get(), std::string(kIndexes));
    Json tags = Json::object();
    for (const auto& tag : all_tags) tags[tag] = -1;
    Json decks{{std::to_string(format::kDefaultDeckId), deck_json(format::kDefaultDeckId, "Default", "", ts, 0)},
               {std::to_string(kDeckId), deck_json(kDeckId, deck_name(g.title), deck_description(g), ts, -1)}};
    {
        Statement col(db.get(), "insert into col values (1,?,?,?,11,0,0,0,?,?,?,?,?)");
        bind_value(col, 1, ts - ((ts % 86400) + 86400) % 86400);
        bind_value(col, 2, ts * 1000);
        bind_value(col, 3, ts * 1000);
        const std::string conf = dump(conf_json(g.concepts.size())), models = dump(models_json(any_blocks)),
                          deck_list = dump(decks), options = dump(options_json()), tag_list = dump(tags);
        bind_value(col, 4, conf);
        bind_value(col, 5, models);
        bind_value(col, 6, deck_list);
        bind_value(col, 7, options);
        bind_value(col, 8, tag_list);
        run(col);
    }
    exec(db.get(), "COMMIT");
    // No VACUUM: every statement above runs in a fixed order (rows in id
    // order, appended to their b-trees; indexes built after them, each from
    // one sort), so the pages are already packed and their bytes depend on
    // the glossary only. VACUUM copied the whole database through a
    // temporary file to get the same.
    return db;
}

std::string_view database_bytes(sqlite3* db) {
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db, "main", &size, SQLITE_SERIALIZE_NOCOPY);
    if (!bytes) throw std::runtime_error("SQLite: cannot serialize the collection");
    return {reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size)};
}

}  // namespace glossc::anki_backend
