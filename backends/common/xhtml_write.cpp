#include "common/xhtml_write.hpp"

#include "common/source_titles.hpp"
#include "epub/epub_format.hpp"
#include "text/arxiv.hpp"

namespace glossc::xhtml {

namespace f = epub_backend::format;

namespace {

constexpr std::string_view kField = "field";  // a field's label ("Details:"), for people only

// A source's title in the element the dialect names.
std::string source_title(std::string_view title, const Dialect& dialect) {
    const std::string tag(dialect.source_title);
    return "<" + tag + " class=\"" + std::string(f::kSourceTitle) + "\">" + f::xml_text(title) + "</" + tag + ">";
}

}  // namespace

std::string span(std::string_view class_name, std::string_view value) {
    return "<span class=\"" + std::string(class_name) + "\">" + f::xml_text(value) + "</span>";
}

std::string paragraph(std::string_view class_name, std::string_view lead, const std::vector<std::string>& items,
                      std::string_view separator) {
    std::string out = "<p class=\"" + std::string(class_name) + "\">" + std::string(lead);
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(separator) : "") + items[i];
    return out + "</p>\n";
}

bool linkable_arxiv(std::string_view id) {
    return text::is_arxiv_id(id) && id.front() != '/' && id.find("..") == std::string_view::npos;
}

void append_aliases(std::string& out, const ir::Concept& c, const Dialect& dialect) {
    std::vector<std::string> aliases, hidden;
    for (const auto& label : c.labels) {
        if (f::repeats_headword(label, c)) continue;
        (label.kind == ir::LabelKind::Hidden ? hidden : aliases)
            .push_back("<span class=\"" + std::string(f::kAlias) + "\" " + std::string(f::kKindAttribute) + "=\"" +
                       std::string(ir::to_string(label.kind)) + "\"" + std::string(dialect.name) + ">" +
                       f::xml_text(label.text) + "</span>");
    }
    if (!aliases.empty()) out += paragraph(f::kAliases, "Also called: ", aliases, "; ");
    if (!hidden.empty()) {
        out += "<p class=\"" + std::string(f::kAliases) + "\" hidden=\"hidden\">";
        for (std::size_t i = 0; i < hidden.size(); ++i) out += (i ? "; " : "") + hidden[i];
        out += "</p>\n";
    }
}

void append_see_also(std::string& out, const std::vector<std::string>& related, const ConceptTargets& concepts,
                     const Dialect& dialect) {
    std::vector<std::string> items;
    for (const auto& id : related) {
        auto target = concepts.find(id);
        if (target == concepts.end()) {
            items.push_back(span(f::kRelated, id));
        } else {
            items.push_back("<a class=\"" + std::string(f::kRelated) + "\"" + std::string(dialect.concept_link) +
                            " href=\"" + target->second.href + "\"" + std::string(dialect.name) + ">" +
                            f::xml_text(target->second.item->headword) + "</a>");
        }
    }
    if (!items.empty()) out += paragraph(f::kSeeAlso, "See also: ", items, "; ");
}

bool append_definition(std::string& out, const ir::Definition& d, std::string_view title, InlinePolicy& rich) {
    out += "<div class=\"" + std::string(f::kDefinition) + "\">\n";
    // A field of one paragraph is a <p> (a summary always is), as before
    // blocks existed.
    auto inline_field = [&](std::string_view class_name, std::string_view label, const ir::RichText& content) {
        if (content.empty()) return;
        out += "<p class=\"" + std::string(class_name) + "\">";
        if (label.empty()) {
            text::append_inline_html(out, content, rich);
        } else {
            out += "<span class=\"" + std::string(kField) + "\">" + std::string(label) + "</span> <span class=\"" +
                   std::string(f::kContent) + "\">";
            text::append_inline_html(out, content, rich);
            out += "</span>";
        }
        out += "</p>\n";
    };
    // Any other field is a <div> of blocks (a <p> holds no blocks), its
    // label a paragraph of its own.
    bool blocks = false;
    auto block_field = [&](std::string_view class_name, std::string_view label, const ir::Blocks& content) {
        if (text::is_inline_flow(content)) {
            if (!content.empty()) inline_field(class_name, label, content.front().text);
            return;
        }
        blocks = true;
        out += "<div class=\"" + std::string(class_name) + "\">\n";
        if (!label.empty())
            out += "<p><span class=\"" + std::string(kField) + "\">" + std::string(label) +
                   "</span></p>\n<div class=\"" + std::string(f::kContent) + "\">\n";
        text::append_blocks_html(out, content, rich);
        if (!label.empty()) out += "</div>\n";
        out += "</div>\n";
    };
    inline_field(f::kSummary, "", d.summary);
    block_field(f::kBody, "", d.body);
    block_field(f::kDetails, "Details:", d.details);
    block_field(f::kExample, "Example:", d.example);
    // The source's title, never its id or a line number: those are for
    // editors (the JSON, the merge report), not readers.
    out += "<p class=\"" + std::string(f::kSource) + "\">\u2014 " + source_title(title, rich.dialect());
    if (const auto flags = sources::reader_flags(d.flags); !flags.empty()) {
        out += " (";
        for (std::size_t i = 0; i < flags.size(); ++i) out += (i ? ", " : "") + span(f::kFlag, flags[i]);
        out += ")";
    }
    out += "</p>\n</div>\n";
    return blocks;
}

std::string reference(const ir::Reference& r, const Dialect& dialect) {
    const std::string external(dialect.external_link);
    std::vector<std::string> parts;
    if (!r.title.empty())
        parts.push_back("<cite class=\"" + std::string(f::kReferenceTitle) + "\">" + f::xml_text(r.title) + "</cite>");
    if (!r.authors.empty()) parts.push_back(span(f::kAuthors, r.authors));
    if (!r.venue.empty()) parts.push_back(span(f::kVenue, r.venue));
    if (!r.arxiv.empty()) {
        parts.push_back("arXiv " + (linkable_arxiv(r.arxiv) ? "<a class=\"" + std::string(f::kArxiv) +
                                                                  "\" href=\"https://arxiv.org/abs/" + r.arxiv + "\"" +
                                                                  external + ">" + f::xml_text(r.arxiv) + "</a>"
                                                            : span(f::kArxiv, r.arxiv)));
    }
    if (!r.url.empty()) {
        parts.push_back(is_plain_url(r.url) ? "<a class=\"" + std::string(f::kUrl) + "\" href=\"" +
                                                  f::xml_attribute(r.url) + "\"" + external + ">" + f::xml_text(r.url) +
                                                  "</a>"
                                            : span(f::kUrl, r.url));
    }
    return paragraph(f::kReference, "Reference: ", parts, ", ");
}

void append_source(std::string& out, const ir::Source& shown, const Dialect& dialect) {
    out += "<li class=\"" + std::string(f::kSource) + "\">";
    if (is_plain_url(shown.url)) {
        out += "<a class=\"" + std::string(f::kSourceTitle) + "\" href=\"" + f::xml_attribute(shown.url) + "\"" +
               std::string(dialect.external_link) + ">" + f::xml_text(shown.title) + "</a>";
    } else {
        out += source_title(shown.title, dialect);
        if (!shown.url.empty()) out += " (" + span(f::kUrl, shown.url) + ")";
    }
    out += "</li>\n";
}

}  // namespace glossc::xhtml
