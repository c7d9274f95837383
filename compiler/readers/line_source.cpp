#include "readers/line_source.hpp"

#include <algorithm>

#include "text/scrape_damage.hpp"

namespace glossc {

bool match_line(std::string_view line, const std::regex& pattern, std::cmatch* match) {
    if (line.size() > kMaxPatternLineBytes) return false;
    std::cmatch ignored;
    return std::regex_match(line.data(), line.data() + line.size(), match ? *match : ignored, pattern);
}

bool PageChrome::matches(std::string_view line) const {
    for (const auto& pattern : patterns_)
        if (match_line(line, pattern)) return true;
    return false;
}

void report_unplaced_line(const SourceSpec& spec, const text::Line& line, std::string_view why,
                          DiagnosticSink& sink) {
    sink.warning(location(spec, line.number), "unplaced-line",
                 "line belongs to no entry: '" + text::excerpt(line.text) + "' (" + std::string(why) + ")");
}

void flag_if_cut_off(const SourceSpec& spec, Entry& entry, const text::Line& line, DiagnosticSink& sink) {
    if (!text::looks_cut_off(line.text)) return;
    auto& flags = entry.definition.flags;
    if (std::find(flags.begin(), flags.end(), "truncated") == flags.end()) flags.push_back("truncated");
    sink.warning(location(spec, line.number), "text-cut-off",
                 "entry '" + entry.key + "': the text stops mid-sentence: '" + text::excerpt(line.text) + "'");
}

}  // namespace glossc
