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
//   - a heading above the term levels (h1, #) is the page title, one below
//     them inside a definition is part of it;
//   - prose outside every entry (an introduction, a footer) is reported
//     ("unplaced-text"), so nothing is dropped silently.
#pragma once

#include <set>
#include <vector>

#include "readers/generic.hpp"

namespace glossc::generic {

class Outline {
public:
    Outline(const SourceSpec& spec, DiagnosticSink& sink, std::set<int> term_levels);

    void heading(int level, const ir::RichText& title, std::uint32_t line);
    // Prose of the current term, or unplaced prose.
    void content(std::vector<ir::RichText> paragraphs, std::uint32_t line);
    // A self-contained entry: it ends the current term; a pending heading
    // above it becomes a section.
    void entry(Draft draft);
    // True while prose would join a term (a term heading is open).
    bool in_term() const { return current_.has_value() || pending_.has_value(); }
    // True while a term has prose: what follows more likely belongs to it.
    bool in_definition() const { return current_.has_value(); }

    // Every entry, in document order.
    std::vector<Draft> finish();

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
    std::vector<std::string> section_categories() const;

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    std::set<int> term_levels_;
    std::optional<Heading> pending_;
    std::optional<Draft> current_;
    std::vector<Heading> sections_;
    std::vector<Draft> drafts_;
    std::string hint_;
};

}  // namespace glossc::generic
