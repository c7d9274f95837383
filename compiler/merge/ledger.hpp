// The ledger (sources/ledger.json): what must persist between editions.
// Concept ids are pinned to the entries that formed them, so adding a source
// or editing a definition never renames an existing concept; each concept's
// content hash and modification time let the Anki deck update a note only
// when its content changed. Only `glossc build --release` writes it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostics.hpp"
#include "ir/ir.hpp"

namespace glossc::merge {

struct LedgerConcept {
    std::string id;
    std::string headword;
    std::vector<std::string> entries;  // "source-id:key" of the entries that formed it
    std::string content_hash;
    std::int64_t modified = 0;         // seconds since the epoch of the last content change

    friend bool operator==(const LedgerConcept&, const LedgerConcept&) = default;
};

struct Ledger {
    std::vector<LedgerConcept> concepts;
    std::vector<std::string> retired;  // ids no concept has any more; never reused

    friend bool operator==(const Ledger&, const Ledger&) = default;
};

// The content a learner sees, hashed (16 hex digits): what decides whether
// a new edition changed a concept. Line numbers and provenance are not
// content.
std::string content_hash(const ir::Concept& c);

// When this edition's new and changed concepts changed: the edition's time,
// or, when the edition is dated before the latest change the ledger records
// (a SOURCE_DATE_EPOCH earlier than the previous release's), one second
// after that change. Anki updates a note only when the incoming `mod` is
// newer than the one it has, so a note's time never goes backwards.
std::int64_t edition_change_time(const Ledger& previous, std::int64_t timestamp);

// The latest modification time the ledger records; 0 when it has none.
std::int64_t latest_change(const Ledger& ledger);

// The `ledger_version` this glossc writes and reads; a ledger without one
// (written before the field existed) is read as this version.
inline constexpr std::int64_t kLedgerVersion = 1;
// The latest `modified` a ledger may hold: 9999-12-31T23:59:59Z. Dates
// past it cannot be printed as years of four digits, and a value near
// INT64_MAX would overflow the arithmetic on it.
inline constexpr std::int64_t kLastModified = 253402300799;

// A missing file is an empty ledger (the first edition); a broken one is an error.
std::optional<Ledger> load_ledger(const std::filesystem::path& path, DiagnosticSink& sink);
// The same from text already read (`display_path` is what diagnostics print).
// The ledger is checked whole, each problem an error at its line: the shape
// and type of every field (`modified` an integer in [0, kLastModified]), a
// known `ledger_version`, every id a slug (text::is_slug) and on one concept
// only, retired ids unique and no concept's, every entry pinned to one
// concept once. A ledger with errors is not used (nullopt): a merge on a
// ledger that gives one id to two concepts would hand ids to the wrong
// concepts, and learners' notes follow the ids.
std::optional<Ledger> parse_ledger(std::string_view text, const std::string& display_path, DiagnosticSink& sink);
std::string serialize_ledger(const Ledger& ledger);

}  // namespace glossc::merge
