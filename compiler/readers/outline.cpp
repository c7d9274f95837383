#include "readers/outline.hpp"

#include <algorithm>

#include "text/lines.hpp"

namespace glossc::generic {

Outline::Outline(const SourceSpec& spec, DiagnosticSink& sink, std::set<int> term_levels)
    : spec_(spec), sink_(sink), term_levels_(std::move(term_levels)) {
    if (term_levels_.empty()) term_levels_ = {2, 3};
}

void Outline::heading(int level, const ir::RichText& title, std::uint32_t line) {
    if (!term_levels_.count(level) && level > *term_levels_.rbegin()) {
        // A sub-heading: part of the definition it sits in.
        content({title}, line);
        return;
    }
    close_current();
    if (pending_) {
        if (level > pending_->level) {
            pending_to_section();
        } else if (!is_index_letter(pending_->title)) {
            open_pending();  // a term with nothing under it: reported by finish()
            close_current();
        }
        pending_.reset();
    }
    while (!sections_.empty() && sections_.back().level >= level) sections_.pop_back();
    // A heading above the term levels is the page's (or a part's) title.
    if (term_levels_.count(level)) pending_ = Heading{level, clean_term(plain(title)), line};
}

void Outline::content(std::vector<ir::RichText> paragraphs, std::uint32_t line) {
    paragraphs.erase(std::remove_if(paragraphs.begin(), paragraphs.end(),
                                    [](const ir::RichText& p) { return p.empty(); }),
                     paragraphs.end());
    if (paragraphs.empty()) return;
    if (pending_) open_pending();
    if (current_) {
        for (auto& paragraph : paragraphs) current_->paragraphs.push_back(std::move(paragraph));
        return;
    }
    for (const auto& paragraph : paragraphs)
        sink_.warning(location(spec_, line), "unplaced-text",
                      "text belongs to no entry: '" + text::excerpt(plain(paragraph)) + "'" +
                          (hint_.empty() ? std::string() : " (" + hint_ + ")"));
}

void Outline::entry(Draft draft) {
    close_current();
    if (pending_) pending_to_section();
    for (const auto& category : section_categories())
        if (std::find(draft.categories.begin(), draft.categories.end(), category) == draft.categories.end())
            draft.categories.push_back(category);
    drafts_.push_back(std::move(draft));
}

std::vector<Draft> Outline::finish() {
    close_current();
    if (pending_ && !is_index_letter(pending_->title)) {
        open_pending();
        close_current();
    }
    pending_.reset();
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
    draft.categories = section_categories();
    current_ = std::move(draft);
    pending_.reset();
}

void Outline::pending_to_section() {
    sections_.push_back(*pending_);
    pending_.reset();
}

std::vector<std::string> Outline::section_categories() const {
    for (auto it = sections_.rbegin(); it != sections_.rend(); ++it)
        if (!is_index_letter(it->title) && !it->title.empty()) return {it->title};
    return {};
}

}  // namespace glossc::generic
