#include "diagnostics/diagnostics.hpp"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <tuple>

#include <utf8proc.h>

#include "diagnostics/catalogue.hpp"

namespace glossc {

namespace {

// Messages quote the input, and the input may be a 50 MB line or hold line
// breaks: a diagnostic stays one readable line of bounded length.
constexpr std::size_t kMaxMessageBytes = 1000;

void make_one_short_line(std::string& message) {
    for (char& c : message)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (message.size() <= kMaxMessageBytes) return;
    std::size_t cut = kMaxMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;  // a code point boundary
    message.resize(cut);
    message += "\xE2\x80\xA6";  // U+2026 …
}

// Code points that must not reach a terminal as they are: C0 controls and
// DEL (an ESC starts a sequence that moves the cursor, recolours or
// retitles the terminal), C1 controls (U+009B is a CSI on its own), and the
// bidirectional formatting characters that reorder the rest of the line
// ("Trojan Source": U+202A-U+202E, U+2066-U+2069, and the marks U+200E,
// U+200F, U+061C).
bool unsafe_on_a_terminal(utf8proc_int32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
           c == 0x200E || c == 0x200F || c == 0x061C;
}

}  // namespace

std::string escape_for_terminal(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    char escape[16];
    for (std::size_t i = 0; i < s.size();) {
        auto byte = static_cast<unsigned char>(s[i]);
        if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII, nearly every byte
            out += s[i++];
            continue;
        }
        utf8proc_int32_t c = -1;
        utf8proc_ssize_t length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                                   static_cast<utf8proc_ssize_t>(s.size() - i), &c);
        if (length <= 0) {  // a byte that is no UTF-8: shown, not sent (0x9B alone is a CSI too)
            std::snprintf(escape, sizeof escape, "\\x%02x", byte);
            out += escape;
            ++i;
            continue;
        }
        if (!unsafe_on_a_terminal(c)) {
            out.append(s, i, static_cast<std::size_t>(length));
        } else {
            std::snprintf(escape, sizeof escape, c < 0x80 ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(c));
            out += escape;
        }
        i += static_cast<std::size_t>(length);
    }
    return out;
}

void DiagnosticSink::report(ir::Severity severity, const Location& where, std::string_view code,
                            std::string message) {
    // Every code is in the catalogue (docs/diagnostics.md documents it), at a
    // severity the catalogue lists for it. The reporter's severity is the one
    // used: it knows the case (a problem can be milder in one), and a release
    // build does not look the code up. Debug builds (the sanitizer suite)
    // check every call made; tests/diagnostics_catalogue_test.cpp checks every
    // call written.
    assert(is_catalogued(code, severity) && "a diagnostic code missing from compiler/diagnostics/catalogue.cpp");
    make_one_short_line(message);
    // Escaped where it is kept, so every output of it (the terminal,
    // glossary.json's diagnostics) shows what the input held.
    if (!std::all_of(message.begin(), message.end(), [](char c) { return c >= 0x20 && c < 0x7F; }))
        message = escape_for_terminal(message);
    diagnostics_.push_back(ir::Diagnostic{severity, where.file, where.line, where.column,
                                          std::string(code), std::move(message)});
}

std::size_t DiagnosticSink::count(ir::Severity severity) const {
    return static_cast<std::size_t>(std::count_if(
        diagnostics_.begin(), diagnostics_.end(),
        [severity](const ir::Diagnostic& d) { return d.severity == severity; }));
}

std::string format_diagnostic(const ir::Diagnostic& d) {
    // File names come from the command line and from folders (an archive
    // may hold any name); messages are escaped already when reported, but
    // not a diagnostic made elsewhere (read back from glossary.json).
    std::string out = d.file.empty() ? std::string("glossc") : escape_for_terminal(d.file);
    if (d.line > 0) {
        out += ':' + std::to_string(d.line);
        if (d.column > 0) out += ':' + std::to_string(d.column);
    }
    out += ": ";
    out += ir::to_string(d.severity);
    out += ": ";
    out += escape_for_terminal(d.message);
    if (!d.code.empty()) out += " [" + d.code + "]";
    return out;
}

std::string format_summary(const std::vector<ir::Diagnostic>& diagnostics) {
    std::size_t counts[3] = {0, 0, 0};
    for (const auto& d : diagnostics) ++counts[static_cast<int>(d.severity)];
    std::string out;
    auto add = [&out](std::size_t n, std::string_view word) {
        if (n == 0) return;
        if (!out.empty()) out += ", ";
        out += std::to_string(n) + ' ' + std::string(word) + (n == 1 ? "" : "s");
    };
    add(counts[static_cast<int>(ir::Severity::Error)], "error");
    add(counts[static_cast<int>(ir::Severity::Warning)], "warning");
    add(counts[static_cast<int>(ir::Severity::Note)], "note");
    if (!out.empty()) out += " generated.";
    return out;
}

void sort_diagnostics(std::vector<ir::Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const ir::Diagnostic& a, const ir::Diagnostic& b) {
                         return std::tie(a.file, a.line, a.column, a.code) <
                                std::tie(b.file, b.line, b.column, b.code);
                     });
}

}  // namespace glossc
