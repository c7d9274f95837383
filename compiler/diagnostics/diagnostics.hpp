// Compiler-style diagnostics: `file:line:col: severity: message [code]`,
// with a stable code per kind of problem (as Clang does) and a summary count.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace glossc {

// Where a diagnostic points. Line and column are 1-based; 0 means "whole
// file" or "whole line".
struct Location {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

// Collects diagnostics from every stage. Stages report; only the driver
// decides what an error means for the exit status.
class DiagnosticSink {
public:
    void report(ir::Severity severity, const Location& where, std::string_view code,
                std::string message);
    void error(const Location& where, std::string_view code, std::string message) {
        report(ir::Severity::Error, where, code, std::move(message));
    }
    void warning(const Location& where, std::string_view code, std::string message) {
        report(ir::Severity::Warning, where, code, std::move(message));
    }
    void note(const Location& where, std::string_view code, std::string message) {
        report(ir::Severity::Note, where, code, std::move(message));
    }

    const std::vector<ir::Diagnostic>& all() const { return diagnostics_; }
    std::vector<ir::Diagnostic> take() { return std::move(diagnostics_); }
    std::size_t count(ir::Severity severity) const;
    bool has_errors() const { return count(ir::Severity::Error) > 0; }

private:
    std::vector<ir::Diagnostic> diagnostics_;
};

// `file:line:col: severity: message [code]` (line/col omitted when 0). The
// file and the message are escaped (escape_for_terminal): a hostile name
// cannot move the terminal's cursor or reorder the line.
std::string format_diagnostic(const ir::Diagnostic& diagnostic);

// The text with what a terminal would act on shown as escapes instead: C0
// and C1 controls and DEL as `\x1b` / `\u009b`, bidirectional formatting
// characters as `\u202e`, bytes that are not UTF-8 as `\xff`. A backslash
// stays itself, so escaping twice changes nothing.
std::string escape_for_terminal(std::string_view text);

// "2 errors, 5 warnings generated." style summary; empty when nothing was reported.
std::string format_summary(const std::vector<ir::Diagnostic>& diagnostics);

// Diagnostics sorted by file, line, column, code: the order users read them in
// and one that does not depend on the order stages ran.
void sort_diagnostics(std::vector<ir::Diagnostic>& diagnostics);

}  // namespace glossc
