// The backend interface: each output format is one folder under backends/
// with a writer and a reader of its own output, so that
// read(write(ir)) == project(ir) can be checked as a property.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ir/ir.hpp"

namespace glossc {

struct RenderContext {
    std::int64_t timestamp = 0;  // seconds since the epoch (SOURCE_DATE_EPOCH); dates in outputs come from it
    // When each concept's content last changed (concept id -> seconds since
    // the epoch), from the ledger; concepts not listed changed at `timestamp`.
    // The Anki deck's note `mod` comes from here.
    std::map<std::string, std::int64_t> modified{};
};

// Thrown by a backend's reader when its input is not what its writer writes.
class BackendReadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where a streaming writer puts its document, a piece at a time: a large
// document goes to its file as it is made instead of being held whole.
using ChunkSink = std::function<void(std::string_view)>;

struct BackendInfo {
    std::string_view format;     // name on the command line (--formats)
    std::string_view file_name;  // output file under out/
    std::string_view summary;
    std::string (*write)(const ir::Glossary&, const RenderContext&);
    ir::Glossary (*read)(std::string_view bytes);
    // The part of the IR this format carries, in the form its reader gives it
    // back. Documented beside each backend; the identity for JSON.
    ir::Glossary (*project)(const ir::Glossary&);
    // The same bytes as `write`, handed to a sink in pieces (the zips a
    // member at a time); null for a backend that builds its file whole.
    void (*stream)(const ir::Glossary&, const RenderContext&, const ChunkSink&);
    // When a build starts it, relative to the others (higher first). The
    // costliest start first, so that the cheap ones fill in around them
    // rather than one costly backend running alone at the end: EPUB and
    // JSON, then Anki when JSON is done. The two that hold the most memory
    // at their end (EPUB its deflated book and index pages, Anki its
    // collection and the collection deflated: 1.5 GB at 1M entries) thus
    // reach it at different times: with Anki first and EPUB after JSON,
    // since JSON is written with direct I/O, the two ends met and the
    // build's peak grew from 3.5 to 4.1 GB. Measured with glossc-bench and
    // VmRSS samples; the order never changes the outputs.
    int start_rank;
};

// The one table of backends (backends/registry.cpp).
std::span<const BackendInfo> backend_registry();
const BackendInfo* find_backend(std::string_view format);

}  // namespace glossc
