// Deterministic zip archives in memory, written once for every backend that
// ships a zip (EPUB, Anki): entries in the order given, fixed timestamps, no
// extra fields, so two builds give identical bytes. Written with zlib
// (members deflated in parallel, in fixed-size chunks); read with libzip.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::zip {

struct Member {
    std::string name;
    std::string bytes;
    bool store = false;  // true: no compression (EPUB's mimetype must be stored)
};

// Builds the archive. `timestamp` (seconds since the epoch, e.g.
// SOURCE_DATE_EPOCH) is every member's modification time. Throws
// std::runtime_error when libzip fails.
std::string write_archive(const std::vector<Member>& members, std::int64_t timestamp);

// Reads every member of an archive, in archive order. Throws
// std::runtime_error on anything that is not a readable zip.
std::vector<Member> read_archive(std::string_view archive);

}  // namespace glossc::zip
