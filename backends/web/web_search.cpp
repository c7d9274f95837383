#include "web/web_search.hpp"

#include <cstdio>
#include <set>

#include "epub/epub_format.hpp"
#include "merge/normalize.hpp"
#include "web/web_format.hpp"

namespace glossc::web_backend {

namespace f = format;
namespace xml = epub_backend::format;

std::string fold_for_search(std::string_view name) {
    std::string folded = merge::fold_case(name);
    std::string out;
    out.reserve(folded.size());
    bool space = false;
    for (char c : folded) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

void append_js_string(std::string& out, std::string_view s) {
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '&') {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", c);
            out += escape;
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            // U+2028, U+2029: line terminators in JavaScript before ES2019.
            out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

std::string search_index(const std::vector<std::string>& pages, const std::vector<IndexedConcept>& concepts) {
    std::string out = "/* The web edition's search index, read by search.js: every name of every concept, folded. */\n";
    out += "window.";
    out += f::kSearchVariable;
    out += " = {\n\"pages\": [";
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (i) out += ", ";
        append_js_string(out, pages[i]);
    }
    out += "],\n\"concepts\": [";
    for (std::size_t i = 0; i < concepts.size(); ++i) {
        const ir::Concept& c = *concepts[i].item;
        out += i ? ",\n[" : "\n[";
        append_js_string(out, xml::anchor(c.id));
        out += ", ";
        append_js_string(out, xml::visible(c.headword));
        out += ", " + std::to_string(concepts[i].page) + "]";
    }
    out += "],\n\"names\": [";
    bool first = true;
    for (std::size_t i = 0; i < concepts.size(); ++i) {
        const ir::Concept& c = *concepts[i].item;
        std::set<std::string> seen;
        auto add = [&](const std::string& name, bool shown) {
            std::string folded = fold_for_search(xml::visible(name));
            if (folded.empty() || !seen.insert(folded).second) return;
            out += first ? "\n[" : ",\n[";
            first = false;
            append_js_string(out, folded);
            out += ", " + std::to_string(i);
            if (shown) {
                out += ", ";
                append_js_string(out, xml::visible(name));
            }
            out += ']';
        };
        add(c.headword, false);
        for (bool hidden : {false, true})
            for (const auto& label : c.labels)
                if ((label.kind == ir::LabelKind::Hidden) == hidden) add(label.text, !hidden);
    }
    out += "]};\n";
    return out;
}

}  // namespace glossc::web_backend
