// dictzip, the compressed form of a StarDict .dict file (glossary.dict.dz):
// a gzip file (RFC 1952) whose data is deflated in chunks of kChunkLength
// bytes, each chunk on its own (a fresh deflate stream ended by a full
// flush, the last by the final block), and whose header lists the chunks'
// compressed sizes in an extra field, so that a reader inflates only the
// chunk an article lies in. gzip -dc reads it as any gzip file.
//
// The header, as dictd's dictzip writes it (all numbers little-endian):
//   1f 8b 08        gzip, deflate
//   04              FLG: FEXTRA only (no file name, no comment)
//   MTIME (4)       the edition's timestamp (SOURCE_DATE_EPOCH), 0 before 1970 or past 2106
//   00 03           XFL 0, OS 3 (Unix), whatever the machine
//   XLEN (2)        = 10 + 2 * count
//   'R' 'A'         the subfield dictzip reads
//   LEN (2)         = 6 + 2 * count
//   VER (2) = 1, CHLEN (2) = kChunkLength, CHCNT (2) = count
//   count x (2)     each chunk's compressed size
// then the chunks back to back, then CRC-32 and ISIZE of the whole data.
// Data of no bytes is one empty chunk (the final block alone).
//
// A chunk's compressed size must fit in 16 bits, which kChunkLength
// guarantees for any data (dictzip's own figure), and XLEN limits the count:
// at most kMaxChunks chunks, some 1.9 GB of articles.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "backend.hpp"

namespace glossc::stardict_backend::dictzip {

inline constexpr std::size_t kChunkLength = 58315;
inline constexpr std::size_t kMaxChunks = (0xFFFF - 10) / 2;

// Collects the data a piece at a time, deflating whole chunks as they fill
// (a batch of them at a time, on several threads), so the data is never in
// memory whole: only its compressed chunks, which must all be known before
// the header can be written.
class Writer {
public:
    explicit Writer(std::int64_t timestamp) : timestamp_(timestamp) {}
    void add(std::string_view data);
    std::uint64_t size() const { return size_; }
    // Whether the data fits in one dictzip file (kMaxChunks).
    bool fits() const;
    // Deflates what is left and hands the whole file to `sink`.
    void finish(const ChunkSink& sink);

private:
    void deflate_chunks(std::size_t count, bool final);

    std::int64_t timestamp_;
    std::string pending_;               // data not yet deflated
    std::vector<std::string> chunks_;   // deflated, in order
    std::uint64_t size_ = 0;
    unsigned long crc_ = 0;
};

// The data of a dictzip file. Every chunk is inflated on its own, as a
// reader with random access does; throws BackendReadError when the file is
// not a dictzip file of this form or a chunk does not inflate alone.
std::string inflate(std::string_view file);

}  // namespace glossc::stardict_backend::dictzip
