// Dates in UTC, written once: every date glossc writes (the edition, the
// EPUB's dcterms:modified, the PDF's CreationDate, ZIP member times) comes
// from a Unix timestamp and must not depend on the machine's time zone.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace glossc::text {

// The timestamp's calendar fields in UTC.
std::tm utc_time(std::int64_t seconds);

// The timestamp formatted by strftime in UTC: format_utc(t, "%Y-%m-%d").
std::string format_utc(std::int64_t seconds, const char* format);

}  // namespace glossc::text
