// Shared by the readers of line-based text sources (a web page saved as text,
// a bulleted list): what they do with lines around their entries and with
// text a scrape cut off.
//
// Scraped pages carry furniture (a title, navigation, an intro sentence) that is not
// glossary content; a source's manifest entry names it with the reader option
// `chrome`, a list of regular expressions that each match a whole line. Such
// lines are accounted for by the manifest; every other line outside an entry
// is reported, so nothing is dropped silently.
#pragma once

#include <regex>
#include <string_view>
#include <vector>

#include "readers/reader.hpp"
#include "text/lines.hpp"

namespace glossc {

// Reader patterns (chrome, count claims, headings) describe short header
// lines. libstdc++'s std::regex recurses once per character matched and
// overflows the stack on a line of a few hundred kilobytes, so longer lines
// are never matched against them.
inline constexpr std::size_t kMaxPatternLineBytes = 4096;

// std::regex_match of a whole line (submatches into `match` when given);
// false for lines over kMaxPatternLineBytes.
bool match_line(std::string_view line, const std::regex& pattern, std::cmatch* match = nullptr);

class PageChrome {
public:
    PageChrome() = default;
    explicit PageChrome(std::vector<std::regex> patterns) : patterns_(std::move(patterns)) {}

    bool matches(std::string_view line) const;

private:
    std::vector<std::regex> patterns_;
};

// Reports a line that belongs to no entry ("unplaced-line"), quoting its
// start; `why` says what the reader expected instead.
void report_unplaced_line(const SourceSpec& spec, const text::Line& line, std::string_view why,
                          DiagnosticSink& sink);

// Prose that stops mid-sentence (a scrape's length limit, a cut-off file):
// flags the entry's definition "truncated" and warns ("text-cut-off") at the
// line.
void flag_if_cut_off(const SourceSpec& spec, Entry& entry, const text::Line& line, DiagnosticSink& sink);

}  // namespace glossc
