#include "common/zip_archive.hpp"

#include <algorithm>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <tuple>

#include <zip.h>
#include <libdeflate.h>
#include <zlib.h>

#include "parallel/parallel.hpp"

namespace glossc::zip {

namespace {

[[noreturn]] void fail(const std::string& what, zip_error_t* error) {
    std::string message = what + ": " + (error ? zip_error_strerror(error) : "unknown error");
    throw std::runtime_error(message);
}

}  // namespace

namespace {

// A member up to this size is deflated whole, by libdeflate: at level 1 it
// is 1.8x as fast as zlib and its output a tenth smaller (measured on the
// seed build's XHTML and Anki collection: 230 vs 124 MB/s, 22.7% vs 25.1%
// of the input), and deflating was half of the EPUB and Anki backends' time.
// Members differ in size, and the letter files are packed on several
// threads at once, so whole members keep both cores busy.
constexpr std::size_t kWholeMember = std::size_t{64} << 20;
// A larger member (a large deck's collection) is deflated in chunks of this
// size, each on its own thread (see parallel.hpp), and the chunks' deflate
// streams concatenated, as pigz does: each chunk but the last ends with a
// sync flush (byte-aligned, not final), so the concatenation is one valid
// deflate stream. libdeflate writes only complete streams, so this is zlib's
// work. The sizes are fixed, so the bytes do not depend on the number of
// threads.
constexpr std::size_t kChunk = 1 << 20;
// Level 1 (Z_BEST_SPEED). Measured on the members of a 20k-entry build
// (23 MB of XHTML, 24 MB of SQLite), deflating 1 MiB chunks:
//   level 1: epub 18.2% of the input in 0.14 s, apkg 22.5% in 0.17 s
//   level 2: 17.9% in 0.15 s, 22.1% in 0.18 s
//   level 4: 16.1% in 0.22 s, 20.5% in 0.27 s
//   level 6: 15.3% in 0.41 s, 19.3% in 0.48 s (zlib's default, used before)
// Deflating was the largest single cost of the EPUB and Anki backends; level
// 1 takes a third of level 6's time for archives about a fifth larger, and
// the budget (1M entries in under a minute) is CPU, not bytes. The
// level is fixed (the same number for both libraries), so the bytes stay the
// same from build to build.
constexpr int kLevel = Z_BEST_SPEED;

// Deflates a whole member: one raw deflate stream.
std::string deflate_whole(std::string_view data) {
    std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> compressor(
        libdeflate_alloc_compressor(kLevel), libdeflate_free_compressor);
    if (!compressor) throw std::runtime_error("cannot start deflate");
    // The bound is about the input's size; the output is a fifth of it. The
    // buffer is left uninitialized, so only the pages deflate writes are
    // touched, and the result is copied out at its size.
    const std::size_t bound = libdeflate_deflate_compress_bound(compressor.get(), data.size());
    std::unique_ptr<char[]> buffer(new char[bound]);
    std::size_t size = libdeflate_deflate_compress(compressor.get(), data.data(), data.size(), buffer.get(), bound);
    if (size == 0) throw std::runtime_error("deflate failed");
    return std::string(buffer.get(), size);
}

// Deflates one chunk of a member: a raw deflate stream that ends with a
// sync flush, or with the final block for the member's last chunk.
std::string deflate_chunk(std::string_view data, bool last) {
    z_stream stream{};
    if (deflateInit2(&stream, kLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("cannot start deflate");
    std::unique_ptr<z_stream, decltype(&deflateEnd)> guard(&stream, deflateEnd);
    std::string deflated(deflateBound(&stream, data.size()) + 16, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(deflated.data());
    stream.avail_out = static_cast<uInt>(deflated.size());
    int status = deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH);
    if (status != (last ? Z_STREAM_END : Z_OK) || stream.avail_in != 0) throw std::runtime_error("deflate failed");
    deflated.resize(deflated.size() - stream.avail_out);
    deflated.shrink_to_fit();  // the bound is about the input's size: do not keep it per chunk
    return deflated;
}

// libdeflate's CRC-32 (the zip one) is several times as fast as zlib's.
std::uint32_t crc_of(std::string_view data) { return libdeflate_crc32(0, data.data(), data.size()); }

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

// MS-DOS date and time (UTC, so that the bytes do not depend on the time zone).
std::pair<std::uint32_t, std::uint32_t> dos_date_time(std::int64_t timestamp) {
    // DOS times cannot go below 1980; clamp so a zero SOURCE_DATE_EPOCH still works.
    time_t t = static_cast<time_t>(timestamp < 315532800 ? 315532800 : timestamp);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::uint32_t date = static_cast<std::uint32_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
    std::uint32_t time = static_cast<std::uint32_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    return {date, time};
}

}  // namespace

PackedMember pack(std::string name, std::string_view bytes, bool store) {
    PackedMember member{std::move(name), {}, 0, bytes.size(), 0, store};
    if (store || bytes.size() <= kWholeMember) {
        member.crc = crc_of(bytes);
        member.pieces.push_back(store ? std::string(bytes) : deflate_whole(bytes));
        member.stored_size = member.pieces.back().size();
        return member;
    }
    const std::size_t chunks = std::max<std::size_t>(1, (bytes.size() + kChunk - 1) / kChunk);
    std::vector<std::uint32_t> crcs(chunks);
    member.pieces.resize(chunks);
    parallel::for_each_index(chunks, [&](std::size_t i) {
        std::string_view data = bytes.substr(std::min(bytes.size(), i * kChunk), kChunk);
        member.pieces[i] = deflate_chunk(data, i + 1 == chunks);
        crcs[i] = crc_of(data);
    });
    unsigned long crc = crc32(0L, Z_NULL, 0);
    for (std::size_t i = 0; i < chunks; ++i) {
        std::size_t length = std::min(kChunk, bytes.size() - std::min(bytes.size(), i * kChunk));
        crc = crc32_combine(crc, crcs[i], static_cast<z_off_t>(length));
        member.stored_size += member.pieces[i].size();
    }
    member.crc = static_cast<std::uint32_t>(crc);
    return member;
}

ArchiveWriter::ArchiveWriter(std::int64_t timestamp, Sink sink) : sink_(std::move(sink)) {
    std::tie(date_, time_) = dos_date_time(timestamp);
}

void ArchiveWriter::add(PackedMember member) {
    if (written_ > 0xffffffffu || member.size > 0xffffffffu || member.stored_size > 0xffffffffu)
        throw std::runtime_error("zip archive over 4 GiB (zip64 is not written)");
    const std::uint32_t offset = static_cast<std::uint32_t>(written_);
    // Local file header, and its copy in the central directory; general
    // purpose flag 0x0800: the name is UTF-8.
    auto header = [&](std::string& to, bool central) {
        put32(to, central ? 0x02014b50 : 0x04034b50);
        if (central) put16(to, 20);  // version made by: 2.0, MS-DOS attributes
        put16(to, 20);               // version needed to extract
        put16(to, 0x0800);
        put16(to, member.store ? 0 : 8);
        put16(to, time_);
        put16(to, date_);
        put32(to, member.crc);
        put32(to, static_cast<std::uint32_t>(member.stored_size));
        put32(to, static_cast<std::uint32_t>(member.size));
        put16(to, static_cast<std::uint32_t>(member.name.size()));
        put16(to, 0);  // no extra field
        if (central) {
            put16(to, 0);  // comment
            put16(to, 0);  // disk
            put16(to, 0);  // internal attributes
            put32(to, 0);  // external attributes
            put32(to, offset);
        }
        to += member.name;
    };
    std::string local;
    header(local, false);
    sink_(local);
    written_ += local.size();
    // Each piece is freed once written.
    for (auto& piece : member.pieces) {
        sink_(piece);
        written_ += piece.size();
        std::string().swap(piece);
    }
    header(directory_, true);
    ++members_;
}

void ArchiveWriter::finish() {
    if (written_ > 0xffffffffu || members_ > 0xffff) throw std::runtime_error("zip archive too large");
    std::string end = directory_;
    put32(end, 0x06054b50);  // end of central directory
    put16(end, 0);
    put16(end, 0);
    put16(end, static_cast<std::uint32_t>(members_));
    put16(end, static_cast<std::uint32_t>(members_));
    put32(end, static_cast<std::uint32_t>(directory_.size()));
    put32(end, static_cast<std::uint32_t>(written_));
    put16(end, 0);  // comment
    sink_(end);
}

std::string write_archive(const std::vector<Member>& members, std::int64_t timestamp) {
    std::string out;
    ArchiveWriter writer(timestamp, [&out](std::string_view piece) { out += piece; });
    for (const auto& member : members) writer.add(member.name, member.bytes, member.store);
    writer.finish();
    return out;
}

std::vector<Member> read_archive(std::string_view bytes) {
    // libzip opens an empty buffer as an empty archive; a real one has at
    // least its 22-byte end-of-central-directory record.
    if (bytes.size() < 22) throw std::runtime_error("not a zip archive: too short");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) fail("cannot read zip", &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive) {
        zip_source_free(source);
        fail("not a zip archive", &error);
    }
    std::unique_ptr<zip_t, decltype(&zip_discard)> guard(archive, zip_discard);
    std::vector<Member> members;
    zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) < 0) fail("cannot stat member", zip_get_error(archive));
        if (stat.size > (std::uint64_t{1} << 31)) throw std::runtime_error("zip member too large");
        zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        if (!file) fail("cannot open member", zip_get_error(archive));
        Member member{stat.name, std::string(static_cast<std::size_t>(stat.size), '\0'), stat.comp_method == ZIP_CM_STORE};
        zip_int64_t n = zip_fread(file, member.bytes.data(), stat.size);
        zip_fclose(file);
        if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size) throw std::runtime_error("short read of zip member " + member.name);
        members.push_back(std::move(member));
    }
    return members;
}

}  // namespace glossc::zip
