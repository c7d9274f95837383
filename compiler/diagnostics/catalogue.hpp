// The catalogue of diagnostics: every code glossc reports, the severities it
// is reported at and what it means, in one table. Codes are stable (users
// and scripts match on them), so a code is added here, never renamed.
// docs/diagnostics.md documents the same table, and
// tests/diagnostics_catalogue_test.cpp checks that the two agree, that
// every code the source reports is here and that every code here is reported.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "ir/ir.hpp"

namespace glossc {

// A set of severities, one bit each.
constexpr unsigned severity_bit(ir::Severity severity) { return 1u << static_cast<unsigned>(severity); }

struct DiagnosticKind {
    std::string_view code;
    // Most kinds have one severity. A few have two, where the same problem is
    // milder in one case: `markup-too-deep` is an error where the rest of the
    // file is lost and a warning where the deeper lines are kept as text.
    unsigned severities;
    std::string_view description;  // one line, for docs/diagnostics.md

    bool allows(ir::Severity severity) const { return (severities & severity_bit(severity)) != 0; }
};

// Every kind, sorted by code.
std::span<const DiagnosticKind> diagnostic_catalogue();

// The kind with this code, or nullptr.
const DiagnosticKind* find_diagnostic_kind(std::string_view code);

// True when `code` is catalogued and may be reported at `severity`.
bool is_catalogued(std::string_view code, ir::Severity severity);

// "error", "warning or note": the severity column of docs/diagnostics.md.
std::string severities_text(unsigned severities);

}  // namespace glossc
