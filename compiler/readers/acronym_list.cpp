// Reader for the auto-extracted acronym glossary (002), a noisy scrape:
//
//   Glossary                                              header (page chrome)
//   B                                                     letter heading
//   BatchNorm                                             term
//   🧮 MLP & Matmul →He init accounts for batch ...       icon, module, separator, context
//   The complete Transformer pipeline — from raw ...      a context whose term was lost
//   DDP (DistributedDataParallel) replicates the ...      ... one that names its own term
//
// An entry is a term line followed by its context line. The module is the
// entry's category (and kept as an extra); the context sentence is where the
// module uses the term, so it is kept as a usage example, not a definition.
// The scrape lost many terms and kept their context lines alone. Such a line
// is recovered as an entry only where it defines its own term ("DDP
// (DistributedDataParallel) replicates ...": an abbreviation, its expansion in
// parentheses, then the sentence goes on); it is flagged "recovered" and
// noted. Every other line outside an entry is reported with its line number:
// a context line without its term, a term without its context, leaked CSS
// class names, any other text. Nothing is dropped silently.
//
// Options ([source.options] in the manifest):
//   heading            a whole-line regex for letter headings (default "[A-Z]").
//   context_separator  what separates the module from the context (default "→").
//   chrome             header lines (whole-line regexes).
#include <cctype>
#include <optional>

#include "readers/line_source.hpp"
#include "readers/names.hpp"
#include "readers/options.hpp"
#include "readers/readers.hpp"
#include "text/acronym.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"
#include "text/scrape_damage.hpp"
#include "text/utf8.hpp"

namespace glossc::readers {

namespace {

// Terms are names ("BatchNorm", "Flash Attention"); longer lines are prose.
constexpr std::size_t kMaxTermWords = 4;
// Module names are short ("Fine-tuning & LoRA", "Case: Design Perplexity").
constexpr std::size_t kMaxModuleWords = 6;

struct Layout {
    std::regex heading;
    std::string context_separator;
    PageChrome chrome;
};

std::optional<Layout> read_options(const SourceSpec& spec, DiagnosticSink& sink) {
    ReaderOptions options(spec, sink, {"heading", "context_separator", "chrome"});
    Layout layout;
    layout.heading = options.pattern("heading", "[A-Z]");
    layout.context_separator = options.string("context_separator", "\xE2\x86\x92");  // →
    layout.chrome = PageChrome(options.patterns("chrome"));
    if (!options.ok()) return std::nullopt;
    return layout;
}

// "🧮 MLP & Matmul →He init accounts for ...": an icon, a short module name,
// the separator, then the context.
struct ContextLine {
    std::string_view module;
    std::string_view context;
};

std::optional<ContextLine> parse_context_line(std::string_view line, std::string_view separator) {
    std::size_t at = line.find(separator);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view label = text::trim(line.substr(0, at));
    std::size_t icon_end = label.find(' ');
    if (icon_end == std::string_view::npos || !text::is_pictograph(label.substr(0, icon_end))) return std::nullopt;
    std::string_view module = text::trim(label.substr(icon_end + 1));
    if (module.empty() || text::count_words(module) > kMaxModuleWords) return std::nullopt;
    return ContextLine{module, text::trim(line.substr(at + separator.size()))};
}

bool looks_like_term(std::string_view line) {
    if (line.empty() || text::count_words(line) > kMaxTermWords) return false;
    char last = line.back();
    return last != '.' && last != '?' && last != '!' && last != ':' && last != ',';
}

// "DDP (DistributedDataParallel) replicates ...": a line that defines its own
// term. The name is an abbreviation, the parenthesis holds nothing but its
// expansion (so "LIMA (Less Is More for Alignment, 2023) showed ..." is a
// citation, not a definition), and the sentence goes on in lower case.
std::optional<std::string_view> self_defined_name(std::string_view line) {
    std::size_t open = line.find(" (");
    if (open == std::string_view::npos) return std::nullopt;
    std::string_view short_form = line.substr(0, open);
    std::size_t close = line.find(')', open);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view long_form = line.substr(open + 2, close - open - 2);
    bool has_capital = false;
    for (char c : short_form) has_capital = has_capital || std::isupper(static_cast<unsigned char>(c));
    bool plain_words = !long_form.empty();
    for (char c : long_form)
        plain_words = plain_words && (std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '-');
    bool sentence_goes_on = close + 2 < line.size() && line[close + 1] == ' ' &&
                            std::islower(static_cast<unsigned char>(line[close + 2]));
    if (!has_capital || !plain_words || !sentence_goes_on || !text::abbreviates(short_form, long_form))
        return std::nullopt;
    return line.substr(0, close + 1);
}

// Normalised for "does the context mention the term": letters and digits,
// case-folded ("Flash Attention" mentions "FlashAttention").
std::string mention_key(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

class Parser {
public:
    Parser(const SourceSpec& spec, const Layout& layout, std::string_view document, DiagnosticSink& sink)
        : spec_(spec), layout_(layout), lines_(text::non_blank_lines(document)), sink_(sink) {}

    ReaderResult run() {
        ReaderResult result;
        for (std::size_t at = 0; at < lines_.size(); ++at) {
            const text::Line& line = lines_[at];
            if (layout_.chrome.matches(line.text)) continue;
            if (match_line(line.text, layout_.heading)) {
                enter_heading(line);
                continue;
            }
            std::optional<ContextLine> next =
                at + 1 < lines_.size() ? parse_context_line(lines_[at + 1].text, layout_.context_separator)
                                       : std::nullopt;
            if (next && looks_like_term(line.text)) {
                result.entries.push_back(read_term(line, lines_[at + 1], *next));
                ++at;
            } else if (auto name = self_defined_name(line.text)) {
                result.entries.push_back(recover(line, *name));
            } else {
                report_outside_line(line);
            }
        }
        return result;
    }

private:
    void enter_heading(const text::Line& line) {
        if (!heading_.empty() && line.text <= heading_)
            sink_.warning(location(spec_, line.number), "heading-out-of-order",
                          "heading '" + std::string(line.text) + "' comes after heading '" + heading_ + "'");
        heading_ = std::string(line.text);
    }

    // Entries are filed under the heading of their first letter; one that is
    // not shows a heading line was lost or the entry was misplaced.
    void check_filed_under_heading(const Entry& entry) {
        if (heading_.size() != 1 || entry.headword.empty()) return;
        if (std::toupper(static_cast<unsigned char>(entry.headword.front())) == heading_.front()) return;
        sink_.warning(location(spec_, entry.line), "entry-out-of-order",
                      "'" + entry.key + "' is filed under heading '" + heading_ + "'");
    }

    Entry start_entry(const text::Line& line, std::string_view name) {
        Entry entry;
        entry.key = std::string(name);
        entry.line = line.number;
        SplitName names = split_headword(name);
        entry.headword = std::move(names.headword);
        entry.labels = std::move(names.labels);
        entry.definition.source = spec_.id;
        check_filed_under_heading(entry);
        return entry;
    }

    Entry read_term(const text::Line& term, const text::Line& context_line, const ContextLine& context) {
        Entry entry = start_entry(term, term.text);
        entry.categories.emplace_back(context.module);
        entry.extras.push_back({spec_.id, "module", std::string(context.module)});
        // The definition is where the example text is printed.
        entry.definition.line = context_line.number;
        entry.definition.example = ir::paragraphs(text::parse_prose(context.context));
        Location where = location(spec_, context_line.number);
        if (context.context.empty())
            sink_.warning(where, "entry-no-example",
                          "'" + entry.key + "': the context line has no text after the module");
        // Context lines are often headings without a full stop; only the
        // scrape's own cut mark ("...") says one was cut off.
        if (text::ends_with_ellipsis(context.context)) flag_if_cut_off(spec_, entry, context_line, sink_);
        if (auto css = text::find_css_class_run(context.context, text::default_css_class_prefixes()))
            sink_.warning(where, "example-leaked-css",
                          "'" + entry.key + "': the example holds CSS class names leaked from the page ('" +
                              text::excerpt(context.context.substr(css->begin, css->end - css->begin), 40) +
                              "'); kept as printed");
        std::string key = mention_key(entry.headword);
        if (!key.empty() && mention_key(context.context).find(key) == std::string::npos) {
            entry.definition.flags.push_back("example-off-topic");
            sink_.note(where, "example-off-topic",
                       "'" + entry.key + "': the example does not mention the term (the scrape kept the module's "
                                         "blurb?): '" + text::excerpt(context.context, 40) + "'");
        }
        return entry;
    }

    Entry recover(const text::Line& line, std::string_view name) {
        Entry entry = start_entry(line, name);
        entry.definition.line = line.number;
        entry.definition.summary = text::parse_prose(line.text);
        entry.definition.flags.push_back("recovered");
        sink_.note(location(spec_, line.number), "entry-recovered",
                   "recovered '" + entry.headword + "' from a line that defines it; its term line was lost");
        flag_if_cut_off(spec_, entry, line, sink_);
        return entry;
    }

    void report_outside_line(const text::Line& line) {
        if (parse_context_line(line.text, layout_.context_separator)) {
            sink_.warning(location(spec_, line.number), "orphan-context",
                          "a module context line without its term (the line before is not a term): '" +
                              text::excerpt(line.text) + "'");
        } else if (looks_like_term(line.text)) {
            sink_.warning(location(spec_, line.number), "term-without-context",
                          "'" + std::string(line.text) + "' looks like a term but no module context line follows");
        } else if (text::find_css_class_run(line.text, text::default_css_class_prefixes())) {
            sink_.warning(location(spec_, line.number), "leaked-css-line",
                          "line belongs to no entry and holds CSS class names leaked from the page: '" +
                              text::excerpt(line.text) + "'");
        } else {
            report_unplaced_line(spec_, line, "a context sentence whose term was lost", sink_);
        }
    }

    const SourceSpec& spec_;
    const Layout& layout_;
    std::vector<text::Line> lines_;
    DiagnosticSink& sink_;
    std::string heading_;
};

}  // namespace

ReaderResult read_acronym_list(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    auto layout = read_options(spec, sink);
    if (!layout) return {};
    return Parser(spec, *layout, document, sink).run();
}

}  // namespace glossc::readers
