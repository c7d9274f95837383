// dictzip writing and reading (dictzip.hpp), with zlib: a chunk must end in
// a full flush without the final block, which a whole-buffer compressor
// (libdeflate, the zip writer's) cannot do.
#include "stardict/dictzip.hpp"

#include <algorithm>
#include <stdexcept>

#include <zlib.h>

#include "parallel/parallel.hpp"

namespace glossc::stardict_backend::dictzip {

namespace {

constexpr int kLevel = Z_DEFAULT_COMPRESSION;
constexpr int kRawDeflate = -15;  // window bits: raw deflate, no zlib wrapper
constexpr std::size_t kBatchChunks = 64;  // deflated together, on several threads
constexpr unsigned char kFlagExtra = 0x04, kFlagHeaderCrc = 0x02, kFlagName = 0x08, kFlagComment = 0x10;
constexpr unsigned char kOsUnix = 3;

void put16(std::string& out, std::size_t value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t value) {
    put16(out, value & 0xFFFF);
    put16(out, value >> 16);
}

// One chunk, deflated on its own: a fresh stream, so that it inflates
// without the chunks before it; ended by a full flush (byte-aligned, no
// final block) or, for the last chunk, by the final block.
std::string deflate_chunk(std::string_view data, bool final) {
    z_stream stream{};
    if (deflateInit2(&stream, kLevel, Z_DEFLATED, kRawDeflate, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 64, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, final ? Z_FINISH : Z_FULL_FLUSH);
    const bool done = final ? rc == Z_STREAM_END : (rc == Z_OK && stream.avail_out > 0);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (!done || stream.avail_in != 0) throw std::runtime_error("zlib: a dictzip chunk did not fit its buffer");
    return out;
}

std::uint16_t get16(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                      (static_cast<unsigned char>(bytes[at + 1]) << 8));
}

std::uint32_t get32(std::string_view bytes, std::size_t at) {
    return get16(bytes, at) | (static_cast<std::uint32_t>(get16(bytes, at + 2)) << 16);
}

[[noreturn]] void fail(const std::string& message) {
    throw BackendReadError("glossary.dict.dz: " + message);
}

// Inflates one chunk on its own into `out`: it must give exactly `length`
// bytes and use all of its input, ending at a flush or (the last chunk)
// with the final block.
void inflate_chunk(std::string_view chunk, std::size_t length, bool final, std::size_t number, std::string& out) {
    z_stream stream{};
    if (inflateInit2(&stream, kRawDeflate) != Z_OK) throw std::runtime_error("zlib: inflateInit2 failed");
    const std::size_t start = out.size();
    out.resize(start + length + 1);  // one more: a chunk that gives more is caught
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    stream.avail_in = static_cast<uInt>(chunk.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + start);
    stream.avail_out = static_cast<uInt>(length + 1);
    const int rc = inflate(&stream, Z_SYNC_FLUSH);
    const std::size_t produced = stream.total_out;
    const bool consumed = stream.avail_in == 0;
    inflateEnd(&stream);
    out.resize(start + std::min(produced, length));
    const bool ended_right = final ? rc == Z_STREAM_END : rc == Z_OK || rc == Z_BUF_ERROR;
    if (!ended_right || !consumed || produced != length)
        fail("chunk " + std::to_string(number + 1) + " does not inflate on its own to " + std::to_string(length) +
             " bytes");
}

}  // namespace

void Writer::add(std::string_view data) {
    pending_ += data;
    size_ += data.size();
    crc_ = crc32_z(crc_, reinterpret_cast<const Bytef*>(data.data()), data.size());
    // Whole chunks are deflated a batch at a time; at least one byte stays
    // pending, so that the last chunk is deflated by finish(), with the
    // final block.
    while (pending_.size() > kBatchChunks * kChunkLength) deflate_chunks(kBatchChunks, false);
}

bool Writer::fits() const {
    const std::uint64_t chunks = size_ == 0 ? 1 : (size_ + kChunkLength - 1) / kChunkLength;
    return chunks <= kMaxChunks;
}

void Writer::deflate_chunks(std::size_t count, bool final) {
    const std::size_t first = chunks_.size();
    chunks_.resize(first + count);
    const std::string_view data = pending_;
    parallel::for_each_index(count, [&](std::size_t k) {
        std::string_view piece = data.substr(std::min(data.size(), k * kChunkLength), kChunkLength);
        chunks_[first + k] = deflate_chunk(piece, final && k + 1 == count);
    });
    pending_.erase(0, std::min(pending_.size(), count * kChunkLength));
}

void Writer::finish(const ChunkSink& sink) {
    // What is left, and an empty chunk (the final block alone) for no data.
    deflate_chunks(std::max<std::size_t>(1, (pending_.size() + kChunkLength - 1) / kChunkLength), true);
    std::string header;
    header += "\x1f\x8b\x08";
    header += static_cast<char>(kFlagExtra);
    const bool fits_32_bits = timestamp_ >= 0 && timestamp_ <= 0xFFFFFFFFLL;
    put32(header, fits_32_bits ? static_cast<std::uint32_t>(timestamp_) : 0);
    header += '\0';  // XFL
    header += static_cast<char>(kOsUnix);
    put16(header, 10 + 2 * chunks_.size());  // XLEN
    header += "RA";
    put16(header, 6 + 2 * chunks_.size());  // LEN
    put16(header, 1);                        // VER
    put16(header, kChunkLength);
    put16(header, chunks_.size());
    for (const auto& chunk : chunks_) put16(header, chunk.size());
    sink(header);
    for (auto& chunk : chunks_) {
        sink(chunk);
        std::string().swap(chunk);
    }
    std::string trailer;
    put32(trailer, static_cast<std::uint32_t>(crc_));
    put32(trailer, static_cast<std::uint32_t>(size_ & 0xFFFFFFFFu));
    sink(trailer);
}

std::string inflate(std::string_view file) {
    if (file.size() < 18 || static_cast<unsigned char>(file[0]) != 0x1f || static_cast<unsigned char>(file[1]) != 0x8b ||
        file[2] != 8)
        fail("not a gzip file");
    const auto flags = static_cast<unsigned char>(file[3]);
    if (!(flags & kFlagExtra)) fail("no extra field: a gzip file, but not a dictzip file");
    const std::size_t extra_length = get16(file, 10);
    std::size_t at = 12;
    if (at + extra_length > file.size()) fail("truncated header");
    // Find the "RA" subfield among the extra field's subfields.
    std::string_view extra = file.substr(at, extra_length);
    std::string_view random_access;
    for (std::size_t i = 0; i + 4 <= extra.size();) {
        const std::size_t length = get16(extra, i + 2);
        if (i + 4 + length > extra.size()) fail("malformed extra field");
        if (extra[i] == 'R' && extra[i + 1] == 'A') random_access = extra.substr(i + 4, length);
        i += 4 + length;
    }
    if (random_access.size() < 6 || get16(random_access, 0) != 1) fail("no version-1 \"RA\" subfield");
    const std::size_t chunk_length = get16(random_access, 2);
    const std::size_t count = get16(random_access, 4);
    if (random_access.size() != 6 + 2 * count || count == 0 || chunk_length == 0) fail("malformed \"RA\" subfield");
    at += extra_length;
    // Fields dictzip may add after the extra field.
    for (unsigned char flag : {kFlagName, kFlagComment}) {
        if (!(flags & flag)) continue;
        const std::size_t end = file.find('\0', at);
        if (end == std::string_view::npos) fail("truncated header");
        at = end + 1;
    }
    if (flags & kFlagHeaderCrc) at += 2;
    std::size_t compressed = 0;
    for (std::size_t k = 0; k < count; ++k) compressed += get16(random_access, 6 + 2 * k);
    if (at + compressed + 8 != file.size()) fail("the chunk sizes do not add up to the file's size");
    const std::uint32_t crc = get32(file, file.size() - 8);
    const std::uint32_t size = get32(file, file.size() - 4);
    // Every chunk but the last holds chunk_length bytes of data.
    const std::uint64_t before_last = static_cast<std::uint64_t>(count - 1) * chunk_length;
    const std::uint64_t last = (size - before_last) & 0xFFFFFFFFu;
    if (last > chunk_length || (count > 1 && last == 0)) fail("the data's size does not match the chunk count");
    std::string out;
    out.reserve(before_last + last);
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t chunk_size = get16(random_access, 6 + 2 * k);
        const bool final = k + 1 == count;
        inflate_chunk(file.substr(at, chunk_size), final ? last : chunk_length, final, k, out);
        at += chunk_size;
    }
    if (static_cast<std::uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(out.data()), out.size())) != crc)
        fail("CRC-32 mismatch");
    return out;
}

}  // namespace glossc::stardict_backend::dictzip
