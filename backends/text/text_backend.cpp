// What the writer and the reader share (text_format.hpp), and project().
#include <utility>

#include "common/headword_order.hpp"
#include "text/text_backend.hpp"
#include "text/text_format.hpp"

namespace glossc::text_backend {

namespace format {

const ir::Blocks& quoted(const ir::Block& quote) {
    static const ir::Blocks kNone;
    return quote.items.empty() ? kNone : quote.items.front();
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

ir::Blocks flattened(const ir::Blocks& blocks) {
    ir::Blocks out;
    auto items = [](const ir::Block& list) {
        std::vector<ir::Blocks> kept;
        for (const auto& item : list.items) kept.push_back(flattened(item));
        return kept;
    };
    for (const auto& block : blocks) {
        switch (block.kind) {
            case ir::BlockKind::Paragraph: out.push_back(ir::paragraph(flattened(block.text))); break;
            case ir::BlockKind::BulletList: out.push_back(ir::bullet_list(items(block))); break;
            case ir::BlockKind::OrderedList: out.push_back(ir::ordered_list(items(block), block.start)); break;
            case ir::BlockKind::Code: out.push_back(ir::code_block(block.literal, block.language)); break;
            case ir::BlockKind::DisplayMath: out.push_back(ir::display_math(block.literal)); break;
            case ir::BlockKind::Quote: out.push_back(ir::quote(flattened(quoted(block)))); break;
            case ir::BlockKind::Table: {
                std::vector<std::vector<ir::RichText>> rows;
                for (const auto& row : block.rows) {
                    auto& kept = rows.emplace_back();
                    for (const auto& cell : row) kept.push_back(flattened(cell));
                }
                out.push_back(ir::table(std::move(rows)));
                break;
            }
        }
    }
    return out;
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
            def.summary = format::flattened(d.summary);
            def.body = format::flattened(d.body);
            def.details = format::flattened(d.details);
            def.example = format::flattened(d.example);
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
