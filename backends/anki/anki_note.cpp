#include "anki/anki_note.hpp"

#include <algorithm>

#include "anki/anki_format.hpp"
#include "anki/anki_html.hpp"
#include "anki/anki_prompt.hpp"
#include "common/source_titles.hpp"
#include "text/arxiv.hpp"
#include "text/html_render.hpp"

namespace glossc::anki_backend {

Names index_names(const ir::Glossary& glossary) {
    Names names{{}, {}, sources::Titles(glossary)};
    names.headwords.reserve(glossary.concepts.size());
    for (const auto& c : glossary.concepts) names.headwords.emplace(c.id, c.headword);
    for (const auto& c : glossary.categories) names.category_labels.emplace(c.id, c.label);
    return names;
}

namespace {

// The name of `id`, or the id itself when nothing has it.
std::string_view name_of(const NameIndex& names, const std::string& id) {
    auto it = names.find(id);
    return it == names.end() ? std::string_view(id) : it->second;
}

// A tag Anki accepts: no spaces, quotes, control characters or "::" of our own.
std::string tag_of(std::string_view category_id) {
    std::string tag(kTagRoot);
    tag += "::";
    if (category_id.empty()) return tag + "_";
    for (char c : category_id) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
        tag += keep ? c : '_';
    }
    return tag;
}

}  // namespace

Note render_note(const Names& names, const ir::Concept& c) {
    Note note;
    auto& f = note.fields;
    append_prose(f[0], c.headword);
    for (const auto& label : c.labels) {
        if (label.kind == ir::LabelKind::Preferred && label.text == c.headword) continue;
        html(f[1], "<span class=\"alias\" data-kind=\"", ir::to_string(label.kind), "\">", Prose{label.text}, "</span>");
    }
    // The reverse card's prompt first: the card shows it alone, the list is its answer.
    if (ir::RichText prompt = reverse_prompt(c); !prompt.empty())
        html(f[2], "<div class=\"reverse-prompt\">", Rich{prompt}, "</div>");
    // Only definitions with something to show: a card's front is never a blank list item.
    const std::string_view single = c.definitions.size() == 1 ? " single" : "";
    bool listed = false;
    for (std::size_t i = 0; i < c.definitions.size(); ++i) {
        const auto& d = c.definitions[i];
        if (shows_nothing(d.summary) && shows_nothing(d.body)) continue;
        if (!listed) html(f[2], "<ol class=\"definitions", single, "\">");
        listed = true;
        html(f[2], "<li class=\"definition\" value=\"", std::to_string(i + 1), "\"><div class=\"summary\">",
             Rich{d.summary}, "</div><div class=\"body\">", Flow{d.body}, "</div></li>");
    }
    if (listed) f[2] += "</ol>";
    if (!c.related.empty()) {
        html(f[2], "<div class=\"see-also\">", format::kSeeAlsoLead);
        for (std::size_t i = 0; i < c.related.size(); ++i) {
            if (i) f[2] += format::kSeeAlsoSeparator;
            html(f[2], "<span class=\"ref\" data-concept=\"", Attribute{c.related[i]}, "\">",
                 Prose{name_of(names.headwords, c.related[i])}, "</span>");
        }
        f[2] += "</div>";
    }
    for (std::size_t i = 0; i < c.definitions.size(); ++i) {
        const auto& d = c.definitions[i];
        const std::string n = std::to_string(i + 1);
        if (!shows_nothing(d.details))
            html(f[3], "<div class=\"details\" data-def=\"", n, "\">", Flow{d.details}, "</div>");
        if (!shows_nothing(d.example))
            html(f[4], "<div class=\"example\" data-def=\"", n, "\">", Flow{d.example}, "</div>");
        for (const ir::Blocks* field : {&d.body, &d.details, &d.example})
            note.has_blocks = note.has_blocks || !text::is_inline_flow(*field);
    }
    for (const auto& id : c.categories) {
        html(f[5], "<span class=\"category\" data-id=\"", Attribute{id}, "\">",
             Prose{name_of(names.category_labels, id)}, "</span>");
        std::string tag = tag_of(id);
        if (std::find(note.tags.begin(), note.tags.end(), tag) == note.tags.end()) note.tags.push_back(tag);
    }
    if (!c.definitions.empty()) {
        html(f[6], "<ol class=\"sources", single, "\">");
        for (const auto& d : c.definitions) {
            // The source's title: learners never see its id or a line number.
            html(f[6], "<li class=\"source\"><span class=\"source-title\">", Prose{names.source_titles.of(d.source)},
                 "</span>");
            for (const auto& flag : sources::reader_flags(d.flags))
                html(f[6], "<span class=\"flag\">", Prose{flag}, "</span>");
            f[6] += "</li>";
        }
        f[6] += "</ol>";
    }
    if (!c.references.empty()) {
        f[6] += "<ul class=\"references\">";
        for (const auto& r : c.references) {
            f[6] += "<li class=\"reference\">";
            if (!r.title.empty()) html(f[6], "<span class=\"title\">", Prose{r.title}, "</span>");
            if (!r.authors.empty()) html(f[6], "<span class=\"authors\">", Prose{r.authors}, "</span>");
            if (!r.venue.empty()) html(f[6], "<span class=\"venue\">", Prose{r.venue}, "</span>");
            if (text::is_arxiv_id(r.arxiv))
                html(f[6], "<a class=\"arxiv\" href=\"https://arxiv.org/abs/", Attribute{r.arxiv}, "\">",
                     Escaped{r.arxiv}, "</a>");
            else if (!r.arxiv.empty())
                html(f[6], "<span class=\"arxiv\">", Prose{r.arxiv}, "</span>");
            if (clickable(r.url))
                html(f[6], "<a class=\"url\" href=\"", Attribute{r.url}, "\">", Prose{r.url}, "</a>");
            else if (!r.url.empty())
                html(f[6], "<span class=\"url\">", Prose{r.url}, "</span>");
            f[6] += "</li>";
        }
        f[6] += "</ul>";
    }
    append_prose(f[7], c.id);
    return note;
}

}  // namespace glossc::anki_backend
