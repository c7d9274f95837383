#include "text/dates.hpp"

namespace glossc::text {

std::tm utc_time(std::int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}

std::string format_utc(std::int64_t seconds, const char* format) {
    std::tm tm = utc_time(seconds);
    char buffer[64];
    std::size_t length = std::strftime(buffer, sizeof buffer, format, &tm);
    return std::string(buffer, length);
}

}  // namespace glossc::text
