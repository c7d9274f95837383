#include "readers/outline.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "text/lines.hpp"
#include "text/inline_math.hpp"

namespace glossc::generic {

namespace {

// The length of a section number opening a heading's title, with the space
// after it: "4.1 ", "4.1. ", "12) ", "B.3 ", "IV. " (a Roman numeral needs
// its "." or ")": "I/O" and "IV fluids" are terms). 0 when there is none, or
// when nothing follows it: a number that is the term, or is part of its
// first word ("3D convolution", "1x1 convolution", "5G"), is no section
// number, nor is a year ("2001 …": parts have at most three digits).
std::size_t section_number_length(std::string_view title) {
    auto digit = [&](std::size_t i) { return i < title.size() && std::isdigit(static_cast<unsigned char>(title[i])); };
    std::size_t i = 0;
    auto number = [&] {
        std::size_t start = i;
        while (digit(i)) ++i;
        return i > start && i - start <= 3;
    };
    bool roman = false;
    if (digit(0)) {
        if (!number()) return 0;
    } else if (title.size() > 2 && std::isupper(static_cast<unsigned char>(title[0])) && title[1] == '.' &&
               digit(2)) {
        i = 1;  // "B.3": an appendix letter, then numbers
    } else {
        while (i < title.size() && std::string_view("IVXLC").find(title[i]) != std::string_view::npos) ++i;
        if (i == 0 || i > 6) return 0;
        roman = true;
    }
    while (i + 1 < title.size() && title[i] == '.' && digit(i + 1)) {
        ++i;
        if (!number()) return 0;
    }
    if (i < title.size() && (title[i] == '.' || title[i] == ')')) {
        ++i;
    } else if (roman) {
        return 0;
    }
    std::size_t end = i;
    while (i < title.size() && title[i] == ' ') ++i;
    return i > end && i < title.size() ? i : 0;
}

// Section numbers printed in term headings are dropped from the terms
// (and from the section titles that became categories) when the page
// numbers its headings; a page that does not keeps numbers that are
// part of its terms ("8 bit quantization" among unnumbered headings).
void strip_section_numbers(std::vector<Draft>& drafts) {
    std::size_t headings = 0, numbered = 0;
    for (const auto& draft : drafts) {
        if (draft.layout != kHeadingSections) continue;
        ++headings;
        if (section_number_length(draft.printed) > 0) ++numbered;
    }
    if (numbered < 2 || numbered * 2 < headings) return;
    auto strip = [](std::string& title) { title.erase(0, section_number_length(title)); };
    for (auto& draft : drafts) {
        if (draft.layout == kHeadingSections) strip(draft.printed);
        for (auto& category : draft.categories) strip(category);
    }
}


}  // namespace

Outline::Outline(const SourceSpec& spec, DiagnosticSink& sink, std::set<int> term_levels)
    : spec_(spec), sink_(sink), term_levels_(std::move(term_levels)) {}

void Outline::heading(int level, const ir::RichText& title, std::uint32_t line) {
    bool below_terms = !term_levels_.empty() && level > *term_levels_.rbegin();
    if (below_terms && in_term()) {
        // A sub-heading: part of the definition it sits in.
        content(ir::paragraphs(title), line);
        return;
    }
    close_current();
    if (pending_) {
        if (level > pending_->level) {
            pending_to_section();
        } else if (!is_index_letter(pending_->title) && !is_title_like(pending_->title)) {
            open_pending();  // a term with nothing under it: reported by finish()
            close_current();
        }
        pending_.reset();
    }
    while (!sections_.empty() && sections_.back().level >= level) sections_.pop_back();
    std::string name = clean_term(plain(title));
    if (term_levels_.count(level)) {
        pending_ = Heading{level, std::move(name), line};
    } else if (level > 1 && !is_title_like(name)) {
        // Not a term level: a section whose title is its entries' category.
        sections_.push_back(Heading{level, std::move(name), line});
    }
}

void Outline::content(ir::Blocks blocks, std::uint32_t line) {
    std::erase_if(blocks, [](const ir::Block& b) { return b.kind == ir::BlockKind::Paragraph && b.text.empty(); });
    if (blocks.empty()) return;
    if (pending_) open_pending();
    if (current_) {
        for (auto& block : blocks) current_->blocks.push_back(std::move(block));
        return;
    }
    // The excerpt names the first paragraph (or list item) of the prose.
    std::vector<ir::RichText> paragraphs;
    for (const auto& block : blocks) {
        if (block.kind == ir::BlockKind::BulletList || block.kind == ir::BlockKind::OrderedList) {
            for (const auto& item : block.items) paragraphs.push_back(text::flatten(item));
        } else {
            paragraphs.push_back(text::flatten({block}));
        }
    }
    // One warning per block (a list of links is one block, not one per item).
    std::string more = paragraphs.size() > 1 ? " and " + std::to_string(paragraphs.size() - 1) +
                                                   (paragraphs.size() == 2 ? " more paragraph" : " more paragraphs")
                                             : std::string();
    sink_.warning(location(spec_, line), "unplaced-text",
                  "text belongs to no entry: '" + text::excerpt(plain(paragraphs.front())) + "'" + more +
                      (hint_.empty() ? std::string() : " (" + hint_ + ")"));
}

void Outline::entry(Draft draft) {
    open_entry(std::move(draft));
    close_current();
}

void Outline::open_entry(Draft draft) {
    close_current();
    if (pending_) pending_to_section();
    for (const auto& category : section_categories())
        if (std::find(draft.categories.begin(), draft.categories.end(), category) == draft.categories.end())
            draft.categories.push_back(category);
    current_ = std::move(draft);
}

std::vector<Draft> Outline::finish() {
    close_current();
    if (pending_ && !is_index_letter(pending_->title) && !is_title_like(pending_->title)) {
        open_pending();
        close_current();
    }
    pending_.reset();
    strip_section_numbers(drafts_);
    return std::move(drafts_);
}

void Outline::close_current() {
    if (!current_) return;
    drafts_.push_back(std::move(*current_));
    current_.reset();
}

void Outline::open_pending() {
    Draft draft;
    draft.printed = pending_->title;
    draft.line = pending_->line;
    draft.layout = kHeadingSections;
    draft.categories = section_categories();
    current_ = std::move(draft);
    pending_.reset();
}

void Outline::pending_to_section() {
    sections_.push_back(*pending_);
    pending_.reset();
}

std::vector<std::string> Outline::section_categories() {
    if (!sections_.empty()) sections_used_.insert(sections_.back().line);
    for (auto it = sections_.rbegin(); it != sections_.rend(); ++it)
        if (!is_index_letter(it->title) && !it->title.empty()) return {it->title};
    return {};
}

bool is_title_like(std::string_view heading) {
    std::string lowered = text::collapse_whitespace(heading);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view word : {"glossary", "glossaries", "terminology", "vocabulary", "lexicon", "dictionary",
                                  "table of contents", "resources", "references", "further reading", "external links",
                                  "see also", "acknowledg", "license", "licence", "contributing", "changelog",
                                  "introduction", "overview", "about this"})
        if (lowered.find(word) != std::string::npos) return true;
    // "Terms", "Definitions", "Terms and definitions", "Term: Definition", "Contents"
    static const std::regex kListName(R"(^(terms|definitions|contents|(terms?|words?|acronyms?|abbreviations?)\s*(and|&|:|/|\||-|–|—)\s*(definitions?|meanings?|expansions?))$)");
    return std::regex_match(lowered, kListName);
}

}  // namespace glossc::generic
