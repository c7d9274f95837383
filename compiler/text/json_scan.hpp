// A cheap structural pass over JSON text before nlohmann::json parses it.
// nlohmann's parser is recursive (100 000 nested arrays overflow the stack)
// and keeps only the last of two equal keys, so both are checked here first:
// one linear pass, iterative, tolerant of text that is not JSON at all (the
// parser reports syntax errors afterwards).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics/diagnostics.hpp"

namespace glossc::text {

// Deeper nesting than this is refused. Real glossaries nest 4-5 levels.
inline constexpr std::size_t kMaxJsonDepth = 128;

struct JsonScan {
    std::optional<std::size_t> too_deep_at;  // offset of the first '[' or '{' beyond the limit
    struct DuplicateKey {
        std::string key;     // as written, without the quotes
        std::size_t first = 0;  // offsets of the two occurrences
        std::size_t again = 0;
    };
    std::vector<DuplicateKey> duplicates;  // in document order; scanning stops at too_deep_at
};

JsonScan scan_json(std::string_view document, std::size_t max_depth = kMaxJsonDepth);

// Runs scan_json and reports: nesting too deep as an error `json-too-deep`
// (returns false: the document must not be parsed), each duplicate key as a
// warning `json-duplicate-key` (the parser keeps the last one).
bool check_json_structure(std::string_view document, const std::string& display_path, DiagnosticSink& sink);

// Where the tokens of a JSON document start, for nlohmann's SAX interface,
// which reports no positions. The parser calls one handler method per token
// (a key, a scalar, the '{' or '[' that opens a container, the '}' or ']'
// that closes it; ',' and ':' call none), in document order, and only once
// it has read the token whole. So a cursor that skips whitespace, ',' and
// ':' and then steps over one token per call stays in step with it: called
// first thing in each handler method, `next()` returns the offset of the
// token that method reports. (No look at the parser's internals: only the
// order of the calls.)
class JsonTokenCursor {
public:
    explicit JsonTokenCursor(std::string_view document);
    std::size_t next();

private:
    std::string_view document_;
    std::size_t pos_ = 0;
};

// True when nlohmann's dump (ensure_ascii off) writes the string between its
// quotes as it is: valid UTF-8 without a quote, a backslash or a control
// character below U+0020, which is nearly every string. Writers that skip
// the serializer for such strings get its bytes exactly.
bool dumps_verbatim(std::string_view s);

// Reports an exception from nlohmann::json::parse as an error `json-syntax`,
// at the offending byte for a syntax error. Parsing also throws for numbers
// out of range ("1e999999"), which are no parse_error: catch the base class.
void report_json_error(const nlohmann::json::exception& error, std::string_view document,
                       const std::string& display_path, DiagnosticSink& sink);

}  // namespace glossc::text
