// What the writer and the reader share (text_format.hpp), and project().
#include <utility>

#include "common/headword_order.hpp"
#include "text/text_backend.hpp"
#include "text/text_format.hpp"

namespace glossc::text_backend {

namespace format {

const ir::RichText& rich_field(const ir::Definition& d, std::size_t i) {
    switch (i) {
        case 0: return d.summary;
        case 1: return d.body;
        case 2: return d.details;
        default: return d.example;
    }
}

ir::RichText& rich_field(ir::Definition& d, std::size_t i) {
    return const_cast<ir::RichText&>(rich_field(static_cast<const ir::Definition&>(d), i));
}

std::string plain(const ir::RichText& text) {
    std::string out;
    for (const auto& node : text) {
        switch (node.kind) {
            case ir::InlineKind::Text: out += node.text; break;
            case ir::InlineKind::Math: out += "$" + node.text + "$"; break;
            case ir::InlineKind::Code: out += "`" + node.text + "`"; break;
            case ir::InlineKind::Emph: out += "*" + plain(node.children) + "*"; break;
            case ir::InlineKind::Strong: out += "**" + plain(node.children) + "**"; break;
            case ir::InlineKind::Link: {
                std::string shown = plain(node.children);
                if (node.target.empty()) {
                    out += shown;
                } else if (shown.empty() || shown == node.target) {
                    out += "<" + node.target + ">";
                } else {
                    out += shown + " <" + node.target + ">";
                }
                break;
            }
            case ir::InlineKind::Ref: out += plain(node.children); break;
        }
    }
    return out;
}

ir::RichText flattened(const ir::RichText& text) {
    std::string shown = plain(text);
    if (shown.empty()) return {};
    return {ir::text(std::move(shown))};
}

bool repeats_headword(const ir::Label& label, const ir::Concept& concept_) {
    return label.kind == ir::LabelKind::Preferred && label.text == concept_.headword;
}

}  // namespace format

ir::Glossary project(const ir::Glossary& glossary) {
    ir::Glossary out;
    out.title = glossary.title;
    out.language = glossary.language;
    out.edition = glossary.edition;
    out.categories = glossary.categories;
    for (std::size_t index : order::concept_order(glossary.concepts)) {
        const ir::Concept& c = glossary.concepts[index];
        ir::Concept p;
        p.id = c.id;
        p.headword = c.headword;
        for (const auto& label : c.labels)
            if (!format::repeats_headword(label, c)) p.labels.push_back({label.text, label.kind, {}});
        p.categories = c.categories;
        for (const auto& d : c.definitions) {
            ir::Definition def;
            def.source = d.source;
            def.line = d.line;
            for (std::size_t i = 0; i < format::kRichFields; ++i)
                format::rich_field(def, i) = format::flattened(format::rich_field(d, i));
            def.flags = d.flags;
            p.definitions.push_back(std::move(def));
        }
        p.related = c.related;
        p.references = c.references;
        out.concepts.push_back(std::move(p));
    }
    return out;
}

}  // namespace glossc::text_backend
