#include "support/anki_inspect.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <sqlite3.h>

#include "common/zip_archive.hpp"
#include "support/paths.hpp"
#include "text/utf8.hpp"

namespace glossc::testing::anki {

namespace {

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Stmt = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Stmt prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
        throw std::runtime_error("SQLite: " + std::string(sqlite3_errmsg(db)) + " in " + sql);
    return Stmt(statement, sqlite3_finalize);
}

std::string column_text(sqlite3_stmt* s, int i) {
    const unsigned char* text = sqlite3_column_text(s, i);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(s, i)))
                : std::string();
}

std::int64_t single_integer(sqlite3* db, const std::string& sql) {
    auto s = prepare(db, sql);
    if (sqlite3_step(s.get()) != SQLITE_ROW) throw std::runtime_error("no row for " + sql);
    return sqlite3_column_int64(s.get(), 0);
}

nlohmann::json json_of(const std::string& text) {
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) throw std::runtime_error("invalid JSON in col: " + text.substr(0, 80));
    return json;
}

std::vector<std::string> split(const std::string& s, char separator) {
    std::vector<std::string> out(1);
    for (char c : s) {
        if (c == separator)
            out.emplace_back();
        else
            out.back() += c;
    }
    return out;
}

std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

}  // namespace

// FIPS 180-4 SHA-1, written here so the test does not trust the backend's.
std::string sha1_hex(std::string_view data) {
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::string message(data);
    std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
    message += static_cast<char>(0x80);
    while (message.size() % 64 != 56) message += '\0';
    for (int i = 7; i >= 0; --i) message += static_cast<char>((bits >> (i * 8)) & 0xFF);
    for (std::size_t chunk = 0; chunk < message.size(); chunk += 64) {
        std::uint32_t w[80];
        for (int i = 0; i < 16; ++i)
            w[i] = (std::uint32_t{static_cast<unsigned char>(message[chunk + 4 * i])} << 24) |
                   (std::uint32_t{static_cast<unsigned char>(message[chunk + 4 * i + 1])} << 16) |
                   (std::uint32_t{static_cast<unsigned char>(message[chunk + 4 * i + 2])} << 8) |
                   std::uint32_t{static_cast<unsigned char>(message[chunk + 4 * i + 3])};
        for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            std::uint32_t f, k;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    char hex[41];
    for (int i = 0; i < 5; ++i) std::snprintf(hex + 8 * i, 9, "%08x", h[i]);
    return std::string(hex, 40);
}

std::string anki_strip_html(const std::string& html) {
    static const std::regex kTags(R"(<!--[\s\S]*?-->|<[\s\S]*?>)");
    std::string text = std::regex_replace(html, kTags, "");
    if (text.find('&') == std::string::npos) return text;
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out += text[i];
            continue;
        }
        std::size_t end = text.find(';', i);
        if (end == std::string::npos) return text;
        std::string name = text.substr(i + 1, end - i - 1);
        static const std::map<std::string, std::string> kNamed{
            {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}};
        if (auto it = kNamed.find(name); it != kNamed.end()) {
            out += it->second;
        } else if (name.size() > 1 && name[0] == '#') {
            std::uint32_t cp = name[1] == 'x' ? static_cast<std::uint32_t>(std::stoul(name.substr(2), nullptr, 16))
                                              : static_cast<std::uint32_t>(std::stoul(name.substr(1)));
            text::append_utf8(out, cp);
        } else {
            return text;
        }
        i = end;
    }
    // Decoding turns no-break spaces into spaces.
    std::string spaced;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out.compare(i, 2, "\xC2\xA0") == 0) {
            spaced += ' ';
            ++i;
        } else {
            spaced += out[i];
        }
    }
    return spaced;
}

std::string base91(std::uint64_t number) {
    const std::string table =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";
    std::string out;
    while (number) {
        out = table[number % table.size()] + out;
        number /= table.size();
    }
    return out;
}

Collection open_apkg(const std::string& apkg) {
    Collection c;
    std::string collection_bytes;
    for (auto& member : zip::read_archive(apkg)) {
        c.members.push_back(member.name);
        if (member.name == "collection.anki2") collection_bytes = member.bytes;
        if (member.name == "media") c.media = member.bytes;
    }
    TempDir dir;
    auto path = dir / "collection.anki2";
    write_text(path, collection_bytes);
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(raw);
        throw std::runtime_error("cannot open collection.anki2");
    }
    Db db(raw, sqlite3_close);

    {
        auto s = prepare(db.get(), "PRAGMA integrity_check");
        while (sqlite3_step(s.get()) == SQLITE_ROW) c.integrity += column_text(s.get(), 0);
    }
    {
        auto s = prepare(db.get(), "select type, name, tbl_name, ifnull(sql, '') from sqlite_master order by type, name");
        while (sqlite3_step(s.get()) == SQLITE_ROW)
            c.schema.push_back({column_text(s.get(), 0), column_text(s.get(), 1), column_text(s.get(), 2),
                                column_text(s.get(), 3)});
    }
    for (const auto& object : c.schema) {
        if (object.type != "table") continue;
        auto s = prepare(db.get(), "PRAGMA table_info(" + object.name + ")");
        auto& columns = c.table_info[object.name];
        while (sqlite3_step(s.get()) == SQLITE_ROW)
            columns.push_back({column_text(s.get(), 1), column_text(s.get(), 2), sqlite3_column_int(s.get(), 3) != 0,
                               sqlite3_column_int(s.get(), 5)});
    }
    c.col_rows = single_integer(db.get(), "select count(*) from col");
    {
        auto s = prepare(db.get(),
                         "select id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags from col");
        if (sqlite3_step(s.get()) == SQLITE_ROW) {
            std::int64_t* ints[] = {&c.id, &c.crt, &c.mod, &c.scm, &c.ver, &c.dty, &c.usn, &c.ls};
            for (int i = 0; i < 8; ++i) *ints[i] = sqlite3_column_int64(s.get(), i);
            c.conf = json_of(column_text(s.get(), 8));
            c.models = json_of(column_text(s.get(), 9));
            c.decks = json_of(column_text(s.get(), 10));
            c.dconf = json_of(column_text(s.get(), 11));
            c.tags = json_of(column_text(s.get(), 12));
        }
    }
    {
        auto s = prepare(db.get(),
                         "select id, guid, mid, mod, usn, tags, flds, sfld, typeof(sfld), csum, flags, data from notes "
                         "order by id");
        while (sqlite3_step(s.get()) == SQLITE_ROW) {
            Note n;
            n.id = sqlite3_column_int64(s.get(), 0);
            n.guid = column_text(s.get(), 1);
            n.mid = sqlite3_column_int64(s.get(), 2);
            n.mod = sqlite3_column_int64(s.get(), 3);
            n.usn = sqlite3_column_int64(s.get(), 4);
            n.tags = column_text(s.get(), 5);
            n.flds = column_text(s.get(), 6);
            n.sfld = column_text(s.get(), 7);
            n.sfld_is_text = column_text(s.get(), 8) == "text";
            n.csum = sqlite3_column_int64(s.get(), 9);
            n.flags = sqlite3_column_int64(s.get(), 10);
            n.data = column_text(s.get(), 11);
            n.fields = split(n.flds, '\x1f');
            c.notes.push_back(std::move(n));
        }
    }
    {
        auto s = prepare(db.get(),
                         "select id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, "
                         "odid, flags, data from cards order by id");
        while (sqlite3_step(s.get()) == SQLITE_ROW) {
            Card k;
            std::int64_t* ints[] = {&k.id,  &k.nid,    &k.did,  &k.ord,    &k.mod,  &k.usn,  &k.type, &k.queue, &k.due,
                                    &k.ivl, &k.factor, &k.reps, &k.lapses, &k.left, &k.odue, &k.odid, &k.flags};
            for (int i = 0; i < 17; ++i) *ints[i] = sqlite3_column_int64(s.get(), i);
            k.data = column_text(s.get(), 17);
            c.cards.push_back(std::move(k));
        }
    }
    c.revlog_rows = single_integer(db.get(), "select count(*) from revlog");
    c.graves_rows = single_integer(db.get(), "select count(*) from graves");
    return c;
}

std::string dump(const std::string& apkg) {
    Collection c = open_apkg(apkg);
    std::ostringstream out;
    out << "== zip members\n";
    for (const auto& name : c.members) out << name << "\n";
    out << "== media\n" << c.media << "\n";
    out << "== schema (integrity: " << c.integrity << ")\n";
    for (const auto& object : c.schema) out << object.type << " " << object.name << " on " << object.table << "\n";
    out << "== col\n";
    out << "id " << c.id << " crt " << c.crt << " mod " << c.mod << " scm " << c.scm << " ver " << c.ver << " dty "
        << c.dty << " usn " << c.usn << " ls " << c.ls << "\n";
    // The note types' CSS and templates as they are, not as JSON strings.
    nlohmann::json models = c.models;
    std::string raw;
    for (auto& [id, model] : models.items()) {
        if (model.contains("css") && model["css"].is_string()) {
            raw += "-- note type " + id + " css\n" + model["css"].get<std::string>() + "\n";
            model["css"] = "(below)";
        }
        if (model.contains("tmpls") && model["tmpls"].is_array())
            for (auto& t : model["tmpls"])
                for (const char* key : {"qfmt", "afmt"})
                    if (t.contains(key) && t[key].is_string()) {
                        raw += "-- template " + t.value("name", std::string("?")) + " " + key + "\n" +
                               t[key].get<std::string>() + "\n";
                        t[key] = "(below)";
                    }
    }
    for (auto [name, json] : {std::pair{"conf", &c.conf}, std::pair{"models", &models}, std::pair{"decks", &c.decks},
                              std::pair{"dconf", &c.dconf}, std::pair{"tags", &c.tags}})
        out << name << " " << json->dump(2) << "\n";
    out << raw;
    std::vector<std::string> field_names;
    for (const auto& [id, model] : c.models.items())
        for (const auto& field : model["flds"]) field_names.push_back(field["name"].get<std::string>());
    std::map<std::int64_t, std::int64_t> due_of;
    for (const auto& k : c.cards) due_of.try_emplace(k.nid, k.due);
    std::vector<const Note*> notes;
    for (const auto& n : c.notes) notes.push_back(&n);
    std::stable_sort(notes.begin(), notes.end(), [&](const Note* a, const Note* b) { return due_of[a->id] < due_of[b->id]; });
    out << "== notes\n";
    for (const Note* n : notes) {
        out << "note " << n->id << " guid " << n->guid << " mid " << n->mid << " mod " << n->mod << " usn " << n->usn
            << " csum " << n->csum << " flags " << n->flags << " data \"" << n->data << "\"\n";
        out << "  tags \"" << n->tags << "\"\n";
        out << "  sfld " << (n->sfld_is_text ? "" : "(integer) ") << n->sfld << "\n";
        for (std::size_t i = 0; i < n->fields.size(); ++i)
            out << "  " << (i < field_names.size() ? field_names[i] : "?") << ": " << n->fields[i] << "\n";
    }
    out << "== cards\n";
    for (const auto& k : c.cards)
        out << "card " << k.id << " nid " << k.nid << " did " << k.did << " ord " << k.ord << " mod " << k.mod << " usn "
            << k.usn << " type " << k.type << " queue " << k.queue << " due " << k.due << " ivl " << k.ivl << " factor "
            << k.factor << " reps " << k.reps << " lapses " << k.lapses << " left " << k.left << " odue " << k.odue
            << " odid " << k.odid << " flags " << k.flags << " data \"" << k.data << "\"\n";
    out << "== revlog " << c.revlog_rows << " rows, graves " << c.graves_rows << " rows\n";
    return out.str();
}

}  // namespace glossc::testing::anki
