// The index of names and the categories page (described in epub_indexes.hpp).
#include "epub/epub_indexes.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "common/headword_order.hpp"
#include "epub/epub_format.hpp"
#include "ir/alias_index.hpp"

namespace glossc::epub_backend {

namespace {

namespace f = format;

// A name as a reader compares it by eye: ASCII letters in lower case and
// digits, nothing else ("Fine-Tuning", "finetuning" and "Fine Tuning" are
// one); bytes outside ASCII as they are.
std::string compact(std::string_view name) {
    std::string out;
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out += c;
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c | 0x20);
    }
    return out;
}

// The jump list that opens a long page: one link per section, in page order.
struct Jump {
    std::string anchor;  // without "#"
    std::string text;    // as XML text
};
std::string jump_list(std::string_view label, const std::vector<Jump>& jumps) {
    if (jumps.empty()) return {};
    std::string out = "<nav class=\"jump\" aria-label=\"" + f::xml_attribute(label) + "\">\n<ul class=\"jump\">\n";
    for (const auto& jump : jumps) out += "<li><a href=\"#" + jump.anchor + "\">" + jump.text + "</a></li>\n";
    return out + "</ul>\n</nav>\n";
}

class IndexPages {
public:
    IndexPages(const ir::Glossary& glossary, const ConceptTargets& concepts) : g_(glossary), concepts_(concepts) {}

    std::string index() const {
        ir::AliasIndex index(g_);
        // Each name's line first, so that a letter with no line left (every
        // name a self-reference) has no heading.
        std::vector<std::pair<std::string, std::string>> lines;  // letter, line
        for (const auto& alias : index.aliases()) {
            std::string line = index_line(alias);
            if (!line.empty()) lines.emplace_back(order::section_of(alias.text), std::move(line));
        }
        // Sections as in the glossary ("#" first, then letters); within a
        // section, the index's own order (by matching key).
        std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
            return std::make_pair(a.first != "#", std::string_view(a.first)) <
                   std::make_pair(b.first != "#", std::string_view(b.first));
        });
        std::vector<Jump> jumps;
        std::string sections;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const std::string& letter = lines[i].first;
            if (i == 0 || letter != lines[i - 1].first) {
                if (i > 0) sections += "</ul>\n";
                jumps.push_back({f::section_anchor(letter), f::xml_text(section_name(letter))});
                sections += "<h2 id=\"" + jumps.back().anchor + "\">" + jumps.back().text + "</h2>\n<ul class=\"index\">\n";
            }
            sections += lines[i].second;
        }
        if (!lines.empty()) sections += "</ul>\n";
        std::string body = "<section role=\"doc-index\">\n<h1>Index of names</h1>\n";
        body += lines.empty() ? "<p>No entries.</p>\n" : jump_list("Letters", jumps) + sections;
        return body + "</section>\n";
    }

    std::string categories(const std::vector<std::size_t>& book_order) const {
        // Each category's members in book order, from one pass over the
        // concepts (not one pass per category).
        std::unordered_map<std::string_view, std::pair<std::string, std::size_t>> members_of;  // items, count
        for (std::size_t index : book_order) {
            const ir::Concept& c = g_.concepts[index];
            for (auto id = c.categories.begin(); id != c.categories.end(); ++id)
                if (std::find(c.categories.begin(), id, *id) == id) {  // a concept is listed once per category
                    auto& [items, count] = members_of[*id];
                    items += "<li>" + concept_link(c.id, false) + "</li>\n";
                    ++count;
                }
        }
        std::vector<Jump> jumps;
        std::string sections;
        std::set<std::string> written;
        for (const auto& category : g_.categories) {
            // Ids are unique in the IR; a repeated one would repeat an HTML id.
            if (!written.insert(category.id).second) continue;
            const auto& [members, count] = members_of[category.id];
            std::string label = f::xml_text(category.label);
            jumps.push_back({f::anchor(category.id), label + " (" + std::to_string(count) + ")"});
            sections += "<section class=\"" + std::string(f::kCategory) + "\" id=\"" + jumps.back().anchor +
                        "\">\n<h2 class=\"" + std::string(f::kCategoryLabel) + "\">" + label + "</h2>\n";
            sections += members.empty() ? "<p>No entries.</p>\n" : "<ul class=\"members\">\n" + members + "</ul>\n";
            sections += "</section>\n";
        }
        std::string body = "<section>\n<h1>Categories</h1>\n";
        body += g_.categories.empty() ? "<p>No categories.</p>\n" : jump_list("Categories", jumps) + sections;
        return body + "</section>\n";
    }

private:
    const std::string& headword_of(const std::string& id) const { return concepts_.at(id).item->headword; }

    // A link to a concept, its headword as text; with its id when another
    // listed concept has the same headword.
    std::string concept_link(const std::string& id, bool same_headword_listed) const {
        const LinkTarget<ir::Concept>& target = concepts_.at(id);
        std::string shown = f::xml_text(target.item->headword);
        if (same_headword_listed) shown += " (" + f::xml_text(id) + ")";
        return "<a href=\"" + target.href + "\">" + shown + "</a>";
    }

    // Links to `ids`, "; " between; concepts of one headword are told apart
    // by their ids.
    std::string links(const std::vector<const std::string*>& ids) const {
        std::map<std::string_view, int> headword_count;
        for (const std::string* id : ids) ++headword_count[headword_of(*id)];
        std::string out;
        for (std::size_t k = 0; k < ids.size(); ++k)
            out += (k ? "; " : "") + concept_link(*ids[k], headword_count[headword_of(*ids[k])] > 1);
        return out;
    }

    // The <li> of one name, or nothing when it would only send the reader
    // to the same name (see the header).
    std::string index_line(const ir::AliasIndex::Alias& alias) const {
        std::vector<const std::string*> own, others;  // concepts it is the headword of; the rest
        bool headword_line = false;
        for (const auto& id : alias.concept_ids) {
            if (!concepts_.count(id)) continue;
            bool headword = std::find(alias.headword_of.begin(), alias.headword_of.end(), id) != alias.headword_of.end();
            headword_line = headword_line || headword;
            (headword || compact(headword_of(id)) == compact(alias.text) ? own : others).push_back(&id);
        }
        if (headword_line) {
            std::string line = "<li>" + links(own);
            if (!others.empty()) line += "; <i>see also</i> " + links(others);
            return line + "</li>\n";
        }
        if (others.empty()) return {};
        return "<li>" + f::xml_text(alias.text) + ", <i>see</i> " + links(others) + "</li>\n";
    }

    const ir::Glossary& g_;
    const ConceptTargets& concepts_;
};

}  // namespace

std::string section_name(std::string_view letter) {
    return letter == "#" ? std::string("Symbols and numbers") : std::string(letter);
}

std::string index_body(const ir::Glossary& glossary, const ConceptTargets& concepts) {
    return IndexPages(glossary, concepts).index();
}

std::string categories_body(const ir::Glossary& glossary, const std::vector<std::size_t>& book_order,
                            const ConceptTargets& concepts) {
    return IndexPages(glossary, concepts).categories(book_order);
}

}  // namespace glossc::epub_backend
