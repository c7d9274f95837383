// Deterministic zip archives, written once for every backend that ships a zip
// (EPUB, Anki): entries in the order given, fixed timestamps, no extra
// fields, so two builds give identical bytes. Written to a sink a member at
// a time, each deflated by libdeflate (several members can be packed on
// several threads at once); read with libzip.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::zip {

struct Member {
    std::string name;
    std::string bytes;
    bool store = false;  // true: no compression (EPUB's mimetype must be stored)
};

// A member compressed ahead of its place in the archive: a large document is
// packed as soon as it is made and its text freed, so that only its deflated
// bytes wait for the archive to be written.
struct PackedMember {
    std::string name;
    std::unique_ptr<char[]> data;    // the member's bytes as stored: deflated, or as they are
    std::uint64_t stored_size = 0;    // how many of them
    std::uint32_t crc = 0;            // of the uncompressed bytes
    std::uint64_t size = 0;           // uncompressed
    bool store = false;
};

// Deflates `bytes`, or keeps them as they are when `store`. Safe to call
// on several threads at once.
PackedMember pack(std::string name, std::string_view bytes, bool store = false);

// Writes an archive member by member, handing its bytes to `sink` in order:
// an archive never needs to be in memory whole. `timestamp` (seconds since
// the epoch, e.g. SOURCE_DATE_EPOCH) is every member's modification time.
// Throws std::runtime_error on an archive zip cannot hold without zip64
// (over 4 GiB or 65535 members).
class ArchiveWriter {
public:
    using Sink = std::function<void(std::string_view)>;
    ArchiveWriter(std::int64_t timestamp, Sink sink);
    void add(PackedMember member);  // writes its header and data; the data is freed
    void add(std::string name, std::string_view bytes, bool store = false) { add(pack(std::move(name), bytes, store)); }
    void finish();  // the central directory

private:
    Sink sink_;
    std::uint32_t date_ = 0, time_ = 0;
    std::uint64_t written_ = 0;
    std::string directory_;
    std::size_t members_ = 0;
};

// Builds a whole archive in memory, with ArchiveWriter.
std::string write_archive(const std::vector<Member>& members, std::int64_t timestamp);

// Reads every member of an archive, in archive order. Throws
// std::runtime_error on anything that is not a readable zip.
std::vector<Member> read_archive(std::string_view archive);

}  // namespace glossc::zip
