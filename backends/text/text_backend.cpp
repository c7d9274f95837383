// What the writer and the reader share (text_format.hpp), and project().
#include <algorithm>
#include <utility>

#include "common/headword_order.hpp"
#include "common/source_titles.hpp"
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

ir::Definition flattened(const ir::Definition& definition, const sources::Titles& titles) {
    ir::Definition out;
    out.source = definition.source;
    sources::to_reader_view(out, titles);
    out.summary = flattened(definition.summary);
    out.body = flattened(definition.body);
    out.details = flattened(definition.details);
    out.example = flattened(definition.example);
    out.flags = sources::reader_flags(definition.flags);
    return out;
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

std::vector<std::string> shown_aliases(const ir::Concept& concept_) {
    std::vector<std::string> out;
    for (const auto& label : concept_.labels) {
        if (label.kind == ir::LabelKind::Hidden || label.text == concept_.headword) continue;
        if (std::find(out.begin(), out.end(), label.text) == out.end()) out.push_back(label.text);
    }
    return out;
}

}  // namespace format

ir::Glossary project(const ir::Glossary& glossary) {
    ir::Glossary out = sources::reader_front_matter(glossary);
    out.categories = glossary.categories;
    const sources::Titles titles(glossary);
    for (std::size_t index : order::concept_order(glossary.concepts)) {
        const ir::Concept& c = glossary.concepts[index];
        ir::Concept p;
        p.id = c.id;
        p.headword = c.headword;
        for (auto& alias : format::shown_aliases(c)) p.labels.push_back({std::move(alias), format::kShownAliasKind, {}});
        p.categories = c.categories;
        for (const auto& d : c.definitions) p.definitions.push_back(format::flattened(d, titles));
        p.related = c.related;
        p.references = c.references;
        out.concepts.push_back(std::move(p));
    }
    return out;
}

}  // namespace glossc::text_backend
