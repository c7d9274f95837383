// The one door every input goes through: the manifest, each source and
// each data file (taxonomy, spelling, overrides, ledger, gold labels).
// A path given as an input may name anything: a FIFO (reading it blocks
// until someone writes), /dev/zero (endless), a directory, a socket. Only a
// regular file of bounded size is opened for reading; anything else is
// refused with a reason a diagnostic can quote ("is a FIFO (named pipe)"),
// before a byte is read and without blocking.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "diagnostics/diagnostics.hpp"

namespace glossc::text {

// Size limits of the files that are not sources (sources: kMaxSourceBytes,
// readers/sanitize.hpp). The hand-written TOML files (manifest, taxonomy,
// spelling, overrides, gold labels) are a few KiB; 64 MiB is far past any
// real one and bounds what a damaged or hostile one can cost. The ledger is
// written by glossc and grows with the glossary, about 200 bytes a concept:
// 1 GiB holds some five million concepts.
inline constexpr std::uint64_t kMaxDataFileBytes = std::uint64_t{64} << 20;
inline constexpr std::uint64_t kMaxLedgerBytes = std::uint64_t{1} << 30;

enum class InputError : std::uint8_t {
    None,
    Missing,     // no such file (or a folder on the way is not one)
    Denied,      // permission denied
    NotAFile,    // a directory, FIFO, device or socket
    TooLarge,    // over the caller's limit
    Unreadable,  // any other failure to open or read
};

// What a path names, found with stat() (after symlinks) without opening it:
// opening a device can have effects of its own (a tape rewinds, a watchdog
// starts), and opening a FIFO for reading blocks. `reason` is empty when it
// is a regular file, and says what it is otherwise: "does not exist", "is a
// directory", "is a FIFO (named pipe)", "is a character device", ...
struct InputKind {
    InputError error = InputError::None;
    std::string reason;
    std::uint64_t size = 0;  // of a regular file
};
InputKind inspect_input(const std::filesystem::path& path);

// An input file, open for reading. The constructor checks the path with
// inspect_input, opens it without blocking (O_NONBLOCK), and checks again
// what it opened (fstat: the path may have been swapped in between) and its
// size against `max_bytes`. ok() is false, with error() and reason() set,
// when it is refused; nothing has been read then.
class InputFile {
public:
    InputFile(const std::filesystem::path& path, std::uint64_t max_bytes);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    bool ok() const { return error_ == InputError::None; }
    InputError error() const { return error_; }
    const std::string& reason() const { return reason_; }
    std::uint64_t size() const { return size_; }  // when known (TooLarge included)

    // The whole file into `out`. A file that grows past the limit while it
    // is read is cut off there and refused (TooLarge); a read error is
    // Unreadable. Returns ok().
    bool read(std::string& out);
    // The file's bytes, mapped read-only where the file can be mapped (a
    // large source is then not copied into fresh memory), read otherwise (an
    // empty file, a file of /proc). Valid while this object lives; nullopt
    // when the read fails. The file must not be cut short while it is
    // mapped (reading past its new end faults, as with any mapped file); a
    // build's sources are not written while it runs.
    std::optional<std::string_view> contents();

private:
    bool refuse(InputError error, std::string reason);
    int fd_ = -1;
    std::uint64_t max_bytes_;
    std::uint64_t size_ = 0;
    InputError error_ = InputError::None;
    std::string reason_;
    const char* mapped_ = nullptr;
    std::string buffer_;
};

// "300 MiB" for a size in a diagnostic (whole MiB, rounded down; bytes
// below 1 MiB).
std::string describe_size(std::uint64_t bytes);

// A data file read through the door, into `out`. On refusal reports it and
// returns false:
//   a directory, FIFO, device or socket      -> input-not-a-file
//   over `max_bytes`                         -> input-too-large
//   missing, not permitted, failing to read  -> `<what>-unreadable`
// `what` names the file in messages and codes ("taxonomy", "ledger").
// Its text is not repaired as a source's is (readers/sanitize.hpp): the
// strict TOML and JSON parsers reject invalid UTF-8 and control characters
// with their line:col instead, since a repaired id or name in a data file
// would silently point elsewhere.
bool read_data_file(const std::filesystem::path& path, std::string_view what, std::uint64_t max_bytes,
                    std::string& out, DiagnosticSink& sink);

}  // namespace glossc::text
