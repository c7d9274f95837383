// Reader for the topic list (003):
//
//   Tag: path-scaling-advanced                                  header: the list's tag
//   223 topic(s)                                                header: a count claim
//   - PagedAttentionPagedAttention stores the KV cache ...      one topic per line
//
// A topic line is the entry marker, then the title glued to its definition
// with no separator; split_glued_title finds the seam. The tag is every
// entry's category. The count claim is checked against the topic lines, so a
// lost line is reported. Definitions are checked for the damage this scrape
// has: text cut off mid-sentence, formulas that lost a backslash.
//
// In a topic list "State Space Models / Mamba" is one topic about two related
// things, not one thing with two names: a title with " / " stays whole. Other
// titles are split into names by split_headword ("Low-Rank Adaptation (LoRA)").
//
// Options ([source.options] in the manifest):
//   entry_marker      what a topic line starts with (default "- ").
//   tag_prefix        what the tag line starts with (default "Tag:").
//   topic_count       a whole-line regex for the count claim, the number in
//                     group 1 (default "(\d+) topics?(\(s\))?").
//   sentence_openers  words that open a definition without naming the topic
//                     (default: A, An, The, This, In, ...; see glued_title.hpp).
//   chrome            other header lines (whole-line regexes).
#include <charconv>
#include <optional>

#include "math/tex_lint.hpp"
#include "readers/glued_title.hpp"
#include "readers/line_source.hpp"
#include "readers/names.hpp"
#include "readers/options.hpp"
#include "readers/readers.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

namespace {

struct Layout {
    std::string entry_marker;
    std::string tag_prefix;
    std::regex topic_count;
    std::vector<std::string> sentence_openers;
    PageChrome chrome;
};

std::optional<Layout> read_options(const SourceSpec& spec, DiagnosticSink& sink) {
    ReaderOptions options(spec, sink, {"entry_marker", "tag_prefix", "topic_count", "sentence_openers", "chrome"});
    Layout layout;
    layout.entry_marker = options.string("entry_marker", "- ");
    layout.tag_prefix = options.string("tag_prefix", "Tag:");
    layout.topic_count = options.pattern("topic_count", R"((\d+) topics?(\(s\))?)");
    layout.sentence_openers = options.strings("sentence_openers", false, {});
    if (layout.sentence_openers.empty())
        layout.sentence_openers.assign(default_sentence_openers().begin(), default_sentence_openers().end());
    layout.chrome = PageChrome(options.patterns("chrome"));
    if (!options.ok()) return std::nullopt;
    return layout;
}

// The number a count line ("223 topic(s)") claims.
std::optional<std::size_t> claimed_count(std::string_view line, const std::regex& topic_count) {
    std::cmatch match;
    if (!match_line(line, topic_count, &match) || match.size() < 2 || !match[1].matched) return std::nullopt;
    std::string_view digits(match[1].first, static_cast<std::size_t>(match[1].length()));
    std::size_t count = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return count;
}

// Formulas that lost a backslash ("eta" for "\beta"), and a formula opened
// but never closed (a definition cut inside it).
void check_math(const ir::RichText& prose, const Location& where, DiagnosticSink& sink) {
    for (const auto& node : prose) {
        if (node.kind == ir::InlineKind::Text && node.text.find("\\(") != std::string::npos)
            sink.warning(where, "math-unclosed", "a formula opened with \\( is never closed; it is kept as text");
        if (node.kind != ir::InlineKind::Math) continue;
        for (const auto& bare : text::find_bare_tex_commands(node.text)) {
            std::string meant;
            for (const auto& command : bare.meant) meant += (meant.empty() ? "" : " or ") + command;
            sink.warning(where, "math-missing-backslash",
                         "formula '" + text::excerpt(node.text) + "' has a bare '" + bare.word +
                             "': a TeX command that lost its backslash (" + meant + "?)");
        }
    }
}

SplitName names_of(std::string_view title) {
    if (title.find(" / ") != std::string_view::npos) return SplitName{std::string(title), {}};
    return split_headword(title);
}

std::optional<Entry> read_topic(const SourceSpec& spec, const text::Line& line, std::string_view glued,
                                const Layout& layout, DiagnosticSink& sink) {
    Location where = location(spec, line.number);
    auto seam = split_glued_title(glued, layout.sentence_openers);
    if (!seam) {
        report_unplaced_line(spec, line, "a topic line, but no title can be told from its definition", sink);
        return std::nullopt;
    }
    std::string_view title = text::trim(glued.substr(0, seam->at));
    std::string_view definition = text::trim(glued.substr(seam->at));
    if (seam->margin < kUncertainSplitMargin)
        sink.note(where, "topic-split-uncertain",
                  "read as title '" + std::string(title) + "' and definition '" + text::excerpt(definition, 30) +
                      "', but another split is nearly as likely");

    Entry entry;
    entry.key = std::string(title);
    entry.line = line.number;
    SplitName names = names_of(title);
    entry.headword = std::move(names.headword);
    entry.labels = std::move(names.labels);
    entry.definition.source = spec.id;
    entry.definition.line = line.number;
    entry.definition.summary = text::parse_prose(definition);
    flag_if_cut_off(spec, entry, line, sink);
    check_math(entry.definition.summary, where, sink);
    return entry;
}

}  // namespace

ReaderResult read_topic_list(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    auto layout = read_options(spec, sink);
    if (!layout) return {};
    ReaderResult result;
    std::vector<std::string> tags;
    struct CountClaim {
        std::uint32_t line;
        std::size_t count;
    };
    std::vector<CountClaim> claims;
    std::size_t topic_lines = 0;

    for (const auto& line : text::non_blank_lines(document)) {
        if (text::starts_with(line.text, layout->entry_marker)) {
            ++topic_lines;
            std::string_view glued = text::trim(line.text.substr(layout->entry_marker.size()));
            if (auto entry = read_topic(spec, line, glued, *layout, sink)) result.entries.push_back(std::move(*entry));
        } else if (text::starts_with(line.text, layout->tag_prefix)) {
            std::string_view tag = text::trim(line.text.substr(layout->tag_prefix.size()));
            if (tag.empty())
                report_unplaced_line(spec, line, "a tag line without a tag", sink);
            else
                tags.emplace_back(tag);
        } else if (auto count = claimed_count(line.text, layout->topic_count)) {
            claims.push_back({line.number, *count});
        } else if (!layout->chrome.matches(line.text)) {
            report_unplaced_line(spec, line, "neither a topic nor a header line", sink);
        }
    }

    // The tag line may stand anywhere in the header; every topic gets every tag.
    for (auto& entry : result.entries) entry.categories = tags;
    if (tags.empty())
        sink.warning(location(spec, 0), "topic-list-no-tag",
                     "no '" + layout->tag_prefix + "' line: the topics get no category");
    if (claims.empty())
        sink.warning(location(spec, 0), "topic-count-missing",
                     "the header does not say how many topics there are, so lost ones cannot be detected");
    for (const auto& claim : claims)
        if (claim.count != topic_lines)
            sink.warning(location(spec, claim.line), "topic-count-mismatch",
                         "the header claims " + std::to_string(claim.count) + " topic(s) but the list has " +
                             std::to_string(topic_lines));
    return result;
}

}  // namespace glossc::readers
