#include "diagnostics/diagnostics.hpp"

#include <algorithm>
#include <cassert>
#include <tuple>

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

}  // namespace

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
    diagnostics_.push_back(ir::Diagnostic{severity, where.file, where.line, where.column,
                                          std::string(code), std::move(message)});
}

std::size_t DiagnosticSink::count(ir::Severity severity) const {
    return static_cast<std::size_t>(std::count_if(
        diagnostics_.begin(), diagnostics_.end(),
        [severity](const ir::Diagnostic& d) { return d.severity == severity; }));
}

std::string format_diagnostic(const ir::Diagnostic& d) {
    std::string out = d.file.empty() ? std::string("glossc") : d.file;
    if (d.line > 0) {
        out += ':' + std::to_string(d.line);
        if (d.column > 0) out += ':' + std::to_string(d.column);
    }
    out += ": ";
    out += ir::to_string(d.severity);
    out += ": ";
    out += d.message;
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
