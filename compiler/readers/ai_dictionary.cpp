// Reader for "The AI Dictionary" (000), the plain text of a web page:
//
//   102 terms · machine-readable at /what          header: claims a term count
//   Ask the Docent                                  page chrome
//   AdamW                                           headword
//   TrainingAdam with weight decay                  category glued to an alias
//   The default optimizer for training ...          one-line definition  -> summary
//   AdamW adapts the learning rate per ...          long explanation     -> body
//   ExampleA typical run: AdamW with lr=2e-4 ...    "Example" glued to it -> example
//
// Blank lines between the five lines of an entry carry nothing. An entry
// starts at a line followed by a category line; it is read field by field up
// to its example line, so prose that merely begins with a category word is
// never taken for a new entry. A damaged entry (a line missing, the file cut
// off) keeps what it has and is reported; a line outside every entry is page
// chrome named in the manifest or is reported. Nothing is invented: a header
// claiming more terms than the page holds gets a warning, not an entry.
//
// Options ([source.options] in the manifest):
//   categories      required: the page's category names. A category line is
//                   the longest of them that prefixes it, then the alias.
//   chrome          page chrome outside the entries (whole-line regexes).
//   term_count      a whole-line regex for the header's count claim, the
//                   number in group 1 (default "(\d+) terms\b.*").
//   example_marker  what the example line starts with (default "Example").
#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <set>

#include "readers/line_source.hpp"
#include "readers/names.hpp"
#include "readers/options.hpp"
#include "readers/readers.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers {

namespace {

struct Layout {
    std::vector<std::string> categories;  // longest first: the first prefix found is the longest
    PageChrome chrome;
    std::regex term_count;
    std::string example_marker;
};

std::optional<Layout> read_options(const SourceSpec& spec, DiagnosticSink& sink) {
    ReaderOptions options(spec, sink, {"categories", "chrome", "term_count", "example_marker"});
    Layout layout;
    layout.categories = options.strings("categories", true,
                                        "the category names the page glues to aliases, e.g. "
                                        "categories = [\"Training\", \"Inference\"]");
    std::stable_sort(layout.categories.begin(), layout.categories.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    layout.chrome = PageChrome(options.patterns("chrome"));
    layout.term_count = options.pattern("term_count", R"((\d+) terms\b.*)");
    layout.example_marker = options.string("example_marker", "Example");
    if (!options.ok()) return std::nullopt;
    return layout;
}

struct CategoryLine {
    std::string_view category;
    std::string_view alias;  // empty when the line is the category alone
};

bool ends_like_sentence(std::string_view s) {
    return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

// "TrainingAdam with weight decay" -> Training + "Adam with weight decay".
// The page glues the alias to its category; where the longest category is
// followed by a space or punctuation ("Training a model ...", "QuKaiZen's
// engine ...") or the rest ends like a sentence, the line is prose.
std::optional<CategoryLine> split_category_line(std::string_view line, const std::vector<std::string>& categories) {
    for (const auto& category : categories) {
        if (!text::starts_with(line, category)) continue;
        std::string_view alias = line.substr(category.size());
        if (alias.empty()) return CategoryLine{category, alias};
        auto glued = static_cast<unsigned char>(alias.front());
        if ((glued < 0x80 && !std::isalnum(glued)) || ends_like_sentence(alias)) return std::nullopt;
        return CategoryLine{category, alias};
    }
    return std::nullopt;
}

// "A and B", "A, B and C".
std::string join_words(const std::vector<std::string_view>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + std::string(items[i]);
    return out;
}

class Parser {
public:
    Parser(const SourceSpec& spec, const Layout& layout, std::string_view document, DiagnosticSink& sink)
        : spec_(spec), layout_(layout), lines_(text::non_blank_lines(document)), sink_(sink) {}

    ReaderResult run() {
        ReaderResult result;
        for (std::size_t at = 0; at < lines_.size();) {
            if (starts_entry(at)) {
                at = read_entry(at, result.entries);
            } else {
                read_outside_line(lines_[at]);
                ++at;
            }
        }
        check_count_claims(result.entries.size());
        return result;
    }

private:
    std::optional<CategoryLine> category_line(std::size_t at) const {
        if (at >= lines_.size()) return std::nullopt;
        return split_category_line(lines_[at].text, layout_.categories);
    }
    bool starts_entry(std::size_t at) const { return category_line(at + 1).has_value(); }
    bool is_example(std::size_t at) const { return text::starts_with(lines_[at].text, layout_.example_marker); }

    // Reads the entry whose headword is at `at`; returns the index after it.
    std::size_t read_entry(std::size_t at, std::vector<Entry>& entries) {
        const text::Line& head = lines_[at];
        CategoryLine category = *category_line(at + 1);

        // Text lines up to and including the example line, or up to the next
        // entry where the example is missing.
        std::vector<const text::Line*> prose;
        const text::Line* example = nullptr;
        std::size_t next = at + 2;
        while (next < lines_.size() && !example) {
            if (is_example(next)) {
                example = &lines_[next++];
            } else if (starts_entry(next)) {
                break;
            } else {
                prose.push_back(&lines_[next++]);
            }
        }

        Entry entry;
        entry.key = std::string(head.text);
        entry.line = head.number;
        SplitName names = split_headword(head.text);
        entry.headword = names.headword;
        entry.labels = names.labels;
        if (!category.alias.empty())
            add_label(entry.labels, entry.headword,
                      {std::string(category.alias), label_kind_for(category.alias, entry.headword), {}});
        entry.categories.emplace_back(category.category);

        ir::Definition& definition = entry.definition;
        definition.source = spec_.id;
        definition.line = head.number;
        if (!prose.empty()) definition.summary = text::parse_prose(prose[0]->text);
        if (prose.size() > 1) definition.body = ir::paragraphs(text::parse_prose(read_explanation(entry.key, prose)));
        std::string_view example_text;
        if (example) example_text = text::trim(example->text.substr(layout_.example_marker.size()));
        definition.example = ir::paragraphs(text::parse_prose(example_text));

        report_missing_parts(entry, prose.size(), example_text.empty(), next >= lines_.size());
        for (const text::Line* line : prose) flag_if_cut_off(spec_, entry, *line, sink_);
        if (!example_text.empty()) flag_if_cut_off(spec_, entry, *example, sink_);

        entries.push_back(std::move(entry));
        return next;
    }

    // The long explanation is one line; further text lines before the
    // example are kept with it and reported, since the layout has no place
    // for them.
    std::string read_explanation(const std::string& key, const std::vector<const text::Line*>& prose) {
        std::string body(prose[1]->text);
        for (std::size_t i = 2; i < prose.size(); ++i) {
            sink_.warning(location(spec_, prose[i]->number), "entry-extra-line",
                          "entry '" + key + "' has more than one explanation line; '" +
                              text::excerpt(prose[i]->text) + "' is kept as part of its explanation");
            body += " ";
            body += prose[i]->text;
        }
        return body;
    }

    void report_missing_parts(Entry& entry, std::size_t prose_lines, bool no_example, bool at_end_of_file) {
        std::vector<std::string_view> missing;
        if (prose_lines == 0) missing.push_back("no one-line definition");
        if (prose_lines < 2) missing.push_back("no long explanation");
        if (no_example) missing.push_back("no example");
        if (missing.empty()) return;
        // An incomplete last entry is where a cut-off file shows.
        if (at_end_of_file) {
            entry.definition.flags.push_back("truncated");
            sink_.warning(location(spec_, entry.line), "entry-truncated",
                          "the file ends inside entry '" + entry.key + "': it has " + join_words(missing));
        } else {
            sink_.warning(location(spec_, entry.line), "entry-incomplete",
                          "entry '" + entry.key + "' has " + join_words(missing) +
                              " (an entry is five lines: headword, category, definition, explanation, example)");
        }
    }

    // A line outside every entry: a count claim, page chrome, or reported.
    void read_outside_line(const text::Line& line) {
        std::cmatch match;
        if (match_line(line.text, layout_.term_count, &match) && match.size() > 1) {
            std::size_t claimed = 0;
            auto digits = match[1];
            if (std::from_chars(digits.first, digits.second, claimed).ec == std::errc()) {
                claims_.push_back({line.number, claimed});
                return;
            }
        }
        if (layout_.chrome.matches(line.text)) return;
        report_unplaced_line(spec_, line, "expected a headword followed by a category line", sink_);
    }

    // One warning per claimed number that differs from what was found, at
    // the first line claiming it.
    void check_count_claims(std::size_t found) {
        std::set<std::size_t> reported;
        for (const auto& claim : claims_) {
            if (claim.count == found || !reported.insert(claim.count).second) continue;
            sink_.warning(location(spec_, claim.line), "entry-count-mismatch",
                          "the header claims " + std::to_string(claim.count) + " terms but " +
                              std::to_string(found) + " entries were found; none is invented for the difference");
        }
    }

    struct CountClaim {
        std::uint32_t line = 0;
        std::size_t count = 0;
    };

    const SourceSpec& spec_;
    const Layout& layout_;
    std::vector<text::Line> lines_;
    DiagnosticSink& sink_;
    std::vector<CountClaim> claims_;
};

}  // namespace

ReaderResult read_ai_dictionary(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    std::optional<Layout> layout = read_options(spec, sink);
    if (!layout) return {};
    return Parser(spec, *layout, document, sink).run();
}

}  // namespace glossc::readers
