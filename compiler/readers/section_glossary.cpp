// Reader for "Every term, in one place" (004), a glossary whose entries point
// at the explainer section that introduces them:
//
//   Glossary                                                header (page chrome)
//   - "aha moment" Introduced in §23 · GRPO & DeepSeek-R1    term line
//   - The observation in DeepSeek-R1-Zero that, under ...    its definition
//
// A term line is a "- " item holding the marker; the next "- " item without
// the marker is its definition. The section is kept whole as the extra
// "introduced in" ("§23 · GRPO & DeepSeek-R1"): section numbers repeat across
// explainer series, so the number alone names nothing. The section's title is
// the entry's category. A term without a definition is kept and reported; a
// definition without a term and any other line outside a pair are reported,
// unless the manifest names them as page chrome.
//
// Options ([source.options] in the manifest):
//   chrome             header lines above the entries (whole-line regexes).
//   introduced_marker  the words between term and section (default "Introduced in").
//   section_separator  between a section's number and title (default " · ").
#include <optional>

#include "readers/line_source.hpp"
#include "readers/names.hpp"
#include "readers/options.hpp"
#include "readers/readers.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

namespace {

struct Layout {
    PageChrome chrome;
    std::string introduced_marker;
    std::string section_separator;
};

std::optional<Layout> read_options(const SourceSpec& spec, DiagnosticSink& sink) {
    ReaderOptions options(spec, sink, {"chrome", "introduced_marker", "section_separator"});
    Layout layout;
    layout.chrome = PageChrome(options.patterns("chrome"));
    layout.introduced_marker = options.string("introduced_marker", "Introduced in");
    layout.section_separator = options.string("section_separator", " · ");
    if (!options.ok()) return std::nullopt;
    return layout;
}

// The text of a "- " list item, or nothing for a line that is not one.
std::optional<std::string_view> list_item(std::string_view line) {
    if (line == "-") return std::string_view{};
    if (!text::starts_with(line, "- ")) return std::nullopt;
    return text::trim(line.substr(2));
}

struct TermLine {
    std::string_view term;     // as printed: "\"aha moment\""
    std::string_view section;  // "§23 · GRPO & DeepSeek-R1"; empty if the line stops at the marker
};

// "- TERM Introduced in SECTION". The last marker counts, so a term that
// contains the words keeps them.
std::optional<TermLine> parse_term_line(std::string_view line, const Layout& layout) {
    auto item = list_item(line);
    if (!item) return std::nullopt;
    const std::string marker = " " + layout.introduced_marker;
    for (std::size_t at = item->rfind(marker); at != std::string_view::npos && at > 0;
         at = item->rfind(marker, at - 1)) {
        std::size_t after = at + marker.size();
        if (after < item->size() && (*item)[after] != ' ') continue;  // "Introduced inside"
        std::string_view term = text::trim(item->substr(0, at));
        if (term.empty()) return std::nullopt;
        return TermLine{term, text::trim(item->substr(after))};
    }
    return std::nullopt;
}

class Parser {
public:
    Parser(const SourceSpec& spec, const Layout& layout, std::string_view document, DiagnosticSink& sink)
        : spec_(spec), layout_(layout), lines_(text::non_blank_lines(document)), sink_(sink) {}

    ReaderResult run() {
        ReaderResult result;
        for (std::size_t at = 0; at < lines_.size();) {
            if (auto term = parse_term_line(lines_[at].text, layout_)) {
                at = read_entry(at, *term, result.entries);
            } else {
                read_outside_line(lines_[at]);
                ++at;
            }
        }
        return result;
    }

private:
    // Reads the entry whose term line is at `at`; returns the index after it.
    std::size_t read_entry(std::size_t at, const TermLine& term, std::vector<Entry>& entries) {
        const text::Line& head = lines_[at];
        Entry entry;
        entry.key = std::string(term.term);
        entry.line = head.number;
        SplitName names = split_headword(term.term);
        entry.headword = names.headword;
        entry.labels = names.labels;
        read_section(entry, term.section);
        entry.definition.source = spec_.id;
        entry.definition.line = head.number;

        // The next line is the definition unless it is not a "- " item or
        // is another term. An empty "-" item still takes the definition's place.
        std::size_t next = at + 1;
        const text::Line* following = next < lines_.size() ? &lines_[next] : nullptr;
        bool another_term = following && parse_term_line(following->text, layout_);
        std::optional<std::string_view> definition;
        if (following && !another_term) definition = list_item(following->text);
        if (definition) ++next;

        if (definition && !definition->empty()) {
            entry.definition.summary = text::parse_prose(*definition);
            flag_if_cut_off(spec_, entry, *following, sink_);
        } else {
            std::string why = !following     ? "the file ends after it"
                              : definition   ? "its '-' item is empty"
                              : another_term ? "the next line is another term"
                                             : "the next line is not a '- ' item";
            sink_.warning(location(spec_, entry.line), "entry-no-definition",
                          "term '" + entry.key + "' has no definition: " + why + "; the term is kept without one");
        }
        entries.push_back(std::move(entry));
        return next;
    }

    // "§23 · GRPO & DeepSeek-R1": kept whole as the extra; the title is the category.
    void read_section(Entry& entry, std::string_view section) {
        if (section.empty()) {
            sink_.warning(location(spec_, entry.line), "entry-no-section",
                          "term '" + entry.key + "' names no section after '" + layout_.introduced_marker + "'");
            return;
        }
        entry.extras.push_back({spec_.id, "introduced in", std::string(section)});
        std::size_t separator = section.find(layout_.section_separator);
        if (separator != std::string_view::npos) {
            std::string_view title = text::trim(section.substr(separator + layout_.section_separator.size()));
            if (!title.empty()) entry.categories.emplace_back(title);
        }
    }

    void read_outside_line(const text::Line& line) {
        if (list_item(line.text)) {
            report_unplaced_line(spec_, line, "a '- ' item that follows no term line", sink_);
        } else if (!layout_.chrome.matches(line.text)) {
            report_unplaced_line(spec_, line, "expected '- TERM " + layout_.introduced_marker +
                                                  " SECTION' or the '- definition' after it", sink_);
        }
    }

    const SourceSpec& spec_;
    const Layout& layout_;
    std::vector<text::Line> lines_;
    DiagnosticSink& sink_;
};

}  // namespace

ReaderResult read_section_glossary(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    std::optional<Layout> layout = read_options(spec, sink);
    if (!layout) return {};
    return Parser(spec, *layout, document, sink).run();
}

}  // namespace glossc::readers
