// Documents organised by headings (an HTML page, a Markdown file), shared by
// their generic readers. A reader walks its document in order and reports
// headings, prose and self-contained entries (a <dt>/<dd> group, a
// "**Term**: definition" list item, a table row); the outline decides what
// each heading is:
//
//   - a heading at a term level (h2/h3, ##/###, by default) followed by prose
//     is a term: the prose up to the next heading is its definition;
//   - a heading followed by a deeper heading or by self-contained entries is
//     a section: its title becomes the category of the entries under it
//     (an index letter "A" or "A–C" is no category);
//   - a term heading followed by nothing is an entry with no definition;
//   - a heading at no term level is a section too (h1/# and headings that
//     name the document, "Glossary", "Terms and definitions", are titles:
//     no category, no entry); one below the term levels inside a definition
//     is part of it;
//   - a term heading that names the document ("### General Glossary"
//     followed by the first term) is its title, not an entry;
//   - section numbers printed before term headings ("4.1 cache", "B.3 …",
//     "IV. …") are dropped from the terms and categories when the document
//     numbers most of its term headings ("3D convolution" among unnumbered
//     headings keeps its number);
//   - prose outside every entry (an introduction, a footer) is reported
//     ("unplaced-text"), so nothing is dropped silently.
#pragma once

#include <set>
#include <vector>

#include "readers/generic.hpp"

namespace glossc::generic {

// The layout of the entries term headings give (Draft::layout).
inline constexpr std::string_view kHeadingSections = "heading sections";

class Outline {
public:
    Outline(const SourceSpec& spec, DiagnosticSink& sink, std::set<int> term_levels);

    void heading(int level, const ir::RichText& title, std::uint32_t line);
    // Prose of the current term, or unplaced prose.
    void content(ir::Blocks blocks, std::uint32_t line);
    // A self-contained entry: it ends the current term; a pending heading
    // above it becomes a section.
    void entry(Draft draft);
    // True while prose would join a term (a term heading is open).
    bool in_term() const { return current_.has_value() || pending_.has_value(); }
    // True while a term has prose: what follows more likely belongs to it.
    bool in_definition() const { return current_.has_value(); }
    // The layout of the entry that has prose and would take more
    // (kHeadingSections for a term heading), or empty.
    std::string_view open_layout() const { return current_ ? current_->layout : std::string_view(); }

    // An entry whose definition may go on in the prose that follows (a
    // "**Term**" paragraph): it stays open, like a term heading, until the
    // next heading or entry.
    void open_entry(Draft draft);

    // Every entry, in document order.
    std::vector<Draft> finish();
    // How many section headings grouped the entries (each entry counted
    // under its innermost section), for the "read N entries" note.
    std::size_t sections_used() const { return sections_used_.size(); }

    // Why prose outside the entries is reported (for the message), e.g. "set
    // the 'container' option to the element that holds the glossary".
    void set_unplaced_hint(std::string hint) { hint_ = std::move(hint); }

private:
    struct Heading {
        int level = 0;
        std::string title;
        std::uint32_t line = 0;
    };
    void close_current();
    void open_pending();
    void pending_to_section();
    std::vector<std::string> section_categories();

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    std::set<int> term_levels_;
    std::optional<Heading> pending_;
    std::optional<Draft> current_;
    std::vector<Heading> sections_;
    std::vector<Draft> drafts_;
    std::string hint_;
    std::set<std::uint32_t> sections_used_;  // lines of the innermost sections entries were under
};

// A heading that names the document or its list, or a part of it that is
// no glossary content, rather than a term or a topic: "Glossary", "General
// Glossary", "📖 Terminology", "Terms and definitions", "Term: Definition",
// "Table of contents", "Overview", "Other resources & references".
bool is_title_like(std::string_view heading);

}  // namespace glossc::generic
