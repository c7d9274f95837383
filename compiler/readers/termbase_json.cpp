// Reader for the JSON termbase (001):
//   {"categories": [{id, label, order, entries: [ids]}],
//    "entries": {id: {id, name, expansion, category, oneliner, explanation,
//                     fundamentals, related, seen_in, sources, confidence,
//                     verified_date, foundational_papers, resources}}}
// Every field is kept: names become typed labels, prose becomes rich text
// with `$...$` math, papers and resources become references, and the rest
// (seen_in, confidence, verified date, fields we do not know) become extras.
// An expansion written "NAME — gloss" gives NAME as a label and closes the
// definition's body with the gloss (read_expansion below).
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "readers/names.hpp"
#include "readers/readers.hpp"
#include "text/acronym.hpp"
#include "text/arxiv.hpp"
#include "text/inline_math.hpp"
#include "text/json_scan.hpp"
#include "text/line_index.hpp"
#include "text/lines.hpp"
#include "text/utf8.hpp"

namespace glossc::readers {

namespace {

using nlohmann::json;

const std::set<std::string> kKnownFields{
    "id",        "name",          "expansion",           "category",  "oneliner", "explanation",
    "fundamentals", "related",    "seen_in",             "sources",   "confidence", "verified_date",
    "foundational_papers", "resources"};

// nlohmann::json keeps no positions, so an entry's line is found by looking
// for its key (`"id": {`) among the members of the top-level "entries"
// object. The keys of those members only (not the fields inside each entry,
// nor a category's own "entries" list) are indexed, in one pass over the
// document: looking each entry up with a search from the start would be
// quadratic on a large termbase. The document is valid JSON here (it was
// parsed), so strings, nesting and colons can be followed byte by byte.
class KeyLocator {
public:
    explicit KeyLocator(std::string_view document) : lines_(document) {
        auto skip_space = [&](std::size_t at) {
            while (at < document.size() && std::isspace(static_cast<unsigned char>(document[at]))) ++at;
            return at;
        };
        // Only quotes and brackets matter; the bytes between are skipped a
        // table lookup at a time.
        static constexpr auto kStructure = [] {
            std::array<bool, 256> table{};
            for (unsigned char c : std::string_view("\"{}[]")) table[c] = true;
            return table;
        }();
        int depth = 0;                             // objects and arrays open around the current byte
        std::size_t entries_open = std::string_view::npos;  // the '{' of the top-level "entries" object
        bool in_entries = false;                   // among its members (depth 2)
        for (std::size_t i = 0; i < document.size(); ++i) {
            while (i < document.size() && !kStructure[static_cast<unsigned char>(document[i])]) ++i;
            if (i == document.size()) break;
            const char c = document[i];
            if (c == '"') {
                std::size_t end = i + 1;
                while (end < document.size() && document[end] != '"') end += document[end] == '\\' ? 2 : 1;
                if (end >= document.size()) break;
                std::size_t after = skip_space(end + 1);
                if (after < document.size() && document[after] == ':') {
                    std::string_view key = document.substr(i + 1, end - i - 1);
                    if (depth == 1 && key == "entries") {
                        // A repeated "entries" member: nlohmann keeps the last one.
                        std::size_t value = skip_space(after + 1);
                        if (value < document.size() && document[value] == '{') entries_open = value;
                    } else if (in_entries && depth == 2) {
                        first_offset_.emplace(key, i);
                    }
                }
                i = end;
            } else if (c == '{' || c == '[') {
                ++depth;
                if (i == entries_open) {
                    first_offset_.clear();
                    in_entries = true;
                }
            } else {
                if (depth == 2) in_entries = false;
                --depth;
            }
        }
    }
    std::uint32_t line_of(const std::string& key) const {
        // The key as JSON writes it, escapes included; nearly every key
        // needs none, and is looked up as it is.
        bool plain = std::none_of(key.begin(), key.end(), [](char c) {
            return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
        });
        std::string quoted = plain ? std::string() : json(key).dump();
        std::string_view written = plain ? std::string_view(key) : std::string_view(quoted).substr(1, quoted.size() - 2);
        auto it = first_offset_.find(written);
        return it == first_offset_.end() ? 0 : lines_.line_of(it->second);
    }

private:
    text::LineIndex lines_;
    std::unordered_map<std::string_view, std::size_t> first_offset_;  // key text -> offset of its opening quote
};

// A member of an object, or null when the value is no object or lacks the
// member: a damaged termbase is read as far as it goes (nlohmann's value()
// throws on a non-object, and on a member of another type than the default).
const json& member(const json& value, const char* key) {
    static const json kNull;
    if (!value.is_object()) return kNull;
    auto it = value.find(key);
    return it == value.end() ? kNull : *it;
}

std::string string_of(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return {};
    return value.dump();
}

ir::RichText prose(const json& entry, const char* field) {
    auto it = entry.find(field);
    if (it == entry.end() || it->is_null()) return {};
    return text::parse_inline_math(text::collapse_whitespace(string_of(*it)));
}

std::string join_strings(const json& value) {
    if (!value.is_array()) return string_of(value);
    std::string out;
    for (const auto& item : value) out += (out.empty() ? "" : ", ") + string_of(item);
    return out;
}

// The expansion field, split into names:
//   "Agent-to-Agent Protocol (Google)"        -> expansion + note "Google"
//   "Sequence-to-Sequence (Encoder-Decoder)"  -> expansion + variant "Encoder-Decoder"
//   "Chain-of-Thought (CoT)"                  -> expansion + abbreviation "CoT"
//   "Data Parallelism (DDP / Distributed Data Parallel)" -> expansion + two names
//   "Top-p (Nucleus) Sampling"                -> "Top-p Sampling" + variant "Nucleus Sampling"
//   "GPU Memory (VRAM) for LLMs"              -> "GPU Memory" + abbreviation "VRAM" + note "for LLMs"
// A parenthesis holding a name (a short form, or several words or a
// hyphenated compound in capitals) is another name; one holding a single word
// or lower-case prose is a note, kept as an extra.
struct ExpansionParts {
    std::string expansion;
    ir::LabelKind kind = ir::LabelKind::Expansion;  // of `expansion`
    std::vector<ir::Label> names;
    std::string note;
    std::string gloss;  // "NAME — gloss" as printed, when the field holds one
};

// "VRAM", "DDP", "CAI", "IQ4": two or more capitals, digits allowed, no
// lower case. Such a word in parentheses after a name is its short form.
bool is_capital_short_form(std::string_view word) {
    if (word.size() < 2 || word.size() > 8) return false;
    int capitals = 0;
    for (char c : word) {
        auto u = static_cast<unsigned char>(c);
        if (std::isupper(u)) ++capitals;
        else if (!std::isdigit(u)) return false;
    }
    return capitals >= 2;
}

// `after_name` when `before` follows a name and a dash ("OLMo — Open
// Language Model (AI2)"): a short form there names who made it, not the term.
bool names_a_term(std::string_view inside, std::string_view before, bool after_name) {
    if (inside.empty()) return false;
    if (text::abbreviates(inside, before)) return true;
    if (std::isupper(static_cast<unsigned char>(inside.front())) &&
        (inside.find(' ') != std::string_view::npos || inside.find('-') != std::string_view::npos))
        return true;
    return !after_name && is_capital_short_form(inside);
}

ir::Label name_label(std::string_view name, std::string_view before) {
    ir::LabelKind kind = label_kind_for(name, before);
    if (kind == ir::LabelKind::Variant && is_capital_short_form(name)) kind = ir::LabelKind::Abbreviation;
    return {std::string(name), kind, {}};
}

std::string joined_note(std::string_view a, std::string_view b) {
    if (a.empty()) return std::string(b);
    if (b.empty()) return std::string(a);
    return std::string(a) + "; " + std::string(b);
}

ExpansionParts split_expansion(std::string_view expansion, bool after_name = false) {
    expansion = text::trim(expansion);
    ExpansionParts parts;
    parts.expansion = std::string(expansion);
    std::size_t open = expansion.find(" (");
    std::size_t close = open == std::string_view::npos ? open : expansion.find(')', open);
    if (open == std::string_view::npos || close == std::string_view::npos || open == 0) return parts;
    std::string_view before = text::trim(expansion.substr(0, open));
    std::string_view inside = text::trim(expansion.substr(open + 2, close - open - 2));
    std::string_view after = text::trim(expansion.substr(close + 1));
    // "Top-p (Nucleus) Sampling": the words after the parenthesis belong to
    // both names. "(VRAM) for LLMs": a lower-case tail qualifies, it is no name.
    bool tail_is_name = !after.empty() && !std::islower(static_cast<unsigned char>(after.front()));
    if (tail_is_name) {
        parts.expansion = std::string(before) + " " + std::string(after);
        parts.names.push_back(name_label(std::string(inside) + " " + std::string(after), parts.expansion));
        return parts;
    }
    parts.expansion = std::string(before);
    // "DDP / Distributed Data Parallel": several names, when each is one.
    std::vector<std::string_view> alternatives;
    for (std::size_t start = 0;;) {
        std::size_t at = inside.find(" / ", start);
        alternatives.push_back(text::trim(inside.substr(start, at == std::string_view::npos ? at : at - start)));
        if (at == std::string_view::npos) break;
        start = at + 3;
    }
    bool each_a_name = alternatives.size() > 1 &&
                       std::all_of(alternatives.begin(), alternatives.end(),
                                   [&](std::string_view a) { return names_a_term(a, before, after_name); });
    if (each_a_name) {
        for (auto alternative : alternatives) parts.names.push_back(name_label(alternative, before));
    } else if (alternatives.size() == 1 && names_a_term(inside, before, after_name)) {
        parts.names.push_back(name_label(inside, before));
    } else {
        parts.note = std::string(inside);
    }
    parts.note = joined_note(parts.note, after);
    return parts;
}

// "TTFT, ITL, TPS": short forms listed, several things, not one name.
bool lists_short_forms(std::string_view name) {
    if (name.find(", ") == std::string_view::npos) return false;
    for (std::size_t start = 0;;) {
        std::size_t at = name.find(", ", start);
        if (!is_capital_short_form(text::trim(name.substr(start, at == std::string_view::npos ? at : at - start))))
            return false;
        if (at == std::string_view::npos) return true;
        start = at + 2;
    }
}

// "Community collective": words after the first all in lower case, a
// phrase of prose rather than a proper name ("Meta AI", "Tom Jobbins").
bool is_prose_phrase(std::string_view name) {
    std::size_t space = name.find(' ');
    if (space == std::string_view::npos) return false;
    for (std::size_t start = space + 1; start < name.size();) {
        std::size_t end = std::min(name.find(' ', start), name.size());
        if (!std::islower(static_cast<unsigned char>(name[start]))) return false;
        start = end + 1;
    }
    return true;
}

// The expansion field, read for the names it gives. Most hold names (above);
// 38 of the seed's hold "NAME — gloss" (names.hpp's split_gloss):
//   "bitsandbytes — Tim Dettmers' quantization library" -> name "bitsandbytes" + gloss
//   "CLIP — Contrastive Language-Image Pre-training"     -> the words after the
//        dash spell the name out: they are the expansion, and there is no gloss
//   "TTFT, ITL, TPS — Core LLM Serving …", "Community collective — Hermes, …"
//        -> no name before the dash (a list, a phrase of prose): all of it is gloss
//   "DeepSeek — V2/V3, R1, Coder" for "deepseek-ai/" -> the maker of a naming
//        tag is no name of it (names.hpp's is_naming_tag): all of it is gloss
// The gloss is kept whole, as printed, for the definition: it is what the
// source says of the term, and the name before it is what it says it of.
ExpansionParts read_expansion(std::string_view field, std::string_view headword) {
    field = text::trim(field);
    std::optional<GlossedName> glossed = split_gloss(field);
    if (!glossed) return split_expansion(field);
    ExpansionParts spelled = split_expansion(glossed->gloss, true);
    if (text::abbreviates(glossed->name, spelled.expansion)) {
        if (glossed->name != headword) spelled.names.insert(spelled.names.begin(), name_label(glossed->name, headword));
        return spelled;
    }
    ExpansionParts parts;
    if (!is_naming_tag(headword) && !lists_short_forms(glossed->name) && !is_prose_phrase(glossed->name)) {
        parts = split_expansion(glossed->name);
        // A name beside a gloss is as often the maker or a spelling
        // ("Meta AI" for meta-llama/, "bitsandbytes") as a spelling-out.
        parts.kind = label_kind_for(parts.expansion, headword);
    }
    parts.gloss = std::string(field);
    return parts;
}

void read_references(const json& entry, Entry& out) {
    if (auto it = entry.find("foundational_papers"); it != entry.end() && it->is_array()) {
        for (const auto& paper : *it) {
            ir::Reference ref;
            ref.title = string_of(member(paper, "title"));
            ref.authors = string_of(member(paper, "authors"));
            ref.venue = string_of(member(paper, "venue"));
            ref.arxiv = string_of(member(paper, "arxiv"));
            ref.url = string_of(member(paper, "url"));
            out.references.push_back(std::move(ref));
        }
    }
    if (auto it = entry.find("resources"); it != entry.end() && it->is_array()) {
        for (const auto& resource : *it) {
            ir::Reference ref;
            ref.title = string_of(member(resource, "label"));
            ref.url = string_of(member(resource, "url"));
            out.references.push_back(std::move(ref));
        }
    }
    if (auto it = entry.find("sources"); it != entry.end() && it->is_array()) {
        for (const auto& citation : *it) {
            ir::Reference ref;
            ref.title = string_of(citation);
            ref.arxiv = text::cited_arxiv_id(ref.title);
            out.references.push_back(std::move(ref));
        }
    }
}

}  // namespace

ReaderResult read_termbase_json(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    ReaderResult result;
    if (!text::check_json_structure(document, spec.display_path, sink)) return result;
    json root;
    try {
        root = json::parse(document.begin(), document.end(), nullptr, true, false);
    } catch (const json::exception& error) {
        text::report_json_error(error, document, spec.display_path, sink);
        return result;
    }
    if (!root.is_object() || !root.contains("entries") || !root["entries"].is_object()) {
        sink.error(location(spec, 1, 1), "termbase-shape",
                   "expected an object with an \"entries\" object ({\"categories\": [...], \"entries\": {...}})");
        return result;
    }
    KeyLocator locate(document);

    // Declared categories, in their "order".
    std::map<std::string, std::string> category_of_entry;
    if (auto it = root.find("categories"); it != root.end() && it->is_array()) {
        std::vector<std::pair<std::int64_t, ir::Category>> ordered;
        std::int64_t position = 0;
        for (const auto& category : *it) {
            if (!category.is_object() || !category.contains("id")) {
                sink.warning(location(spec, 0), "termbase-bad-category", "a category without an id is ignored");
                continue;
            }
            ir::Category c{string_of(category["id"]), string_of(category.value("label", category["id"]))};
            const json& order_value = member(category, "order");
            std::int64_t order = order_value.is_number_integer() ? order_value.get<std::int64_t>() : position;
            ++position;
            if (auto members = category.find("entries"); members != category.end() && members->is_array())
                for (const auto& member : *members) category_of_entry[string_of(member)] = c.id;
            ordered.emplace_back(order, std::move(c));
        }
        std::stable_sort(ordered.begin(), ordered.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [order, category] : ordered) result.declared_categories.push_back(std::move(category));
    }

    for (const auto& [key, entry] : root["entries"].items()) {
        std::uint32_t line = locate.line_of(key);
        Location where = location(spec, line);
        if (!entry.is_object()) {
            sink.error(where, "termbase-bad-entry", "entry '" + key + "' is not an object; it is skipped");
            continue;
        }
        std::string name = string_of(member(entry, "name"));
        if (text::trim(name).empty()) {
            sink.error(where, "entry-no-name", "entry '" + key + "' has no name; it is skipped");
            continue;
        }
        if (entry.contains("id") && string_of(entry["id"]) != key)
            sink.warning(where, "termbase-id-mismatch",
                         "entry '" + key + "' says its id is '" + string_of(entry["id"]) + "'");

        Entry out;
        out.key = key;
        out.line = line;
        SplitName names = split_headword(name);
        out.headword = names.headword;
        out.labels = names.labels;
        ExpansionParts expansion = read_expansion(string_of(member(entry, "expansion")), out.headword);
        if (!expansion.expansion.empty() && expansion.expansion != out.headword)
            add_label(out.labels, out.headword, {expansion.expansion, expansion.kind, {}});
        for (auto& label : expansion.names) add_label(out.labels, out.headword, std::move(label));
        if (!expansion.note.empty()) out.extras.push_back({spec.id, "expansion note", expansion.note});

        std::string category = string_of(member(entry, "category"));
        if (!category.empty()) out.categories.push_back(category);
        if (auto listed = category_of_entry.find(key); listed != category_of_entry.end() && listed->second != category) {
            sink.warning(where, "termbase-category-mismatch",
                         "entry '" + key + "' has category '" + category + "' but is listed under '" +
                             listed->second + "'; both are kept");
            out.categories.push_back(listed->second);
        }

        out.definition.source = spec.id;
        out.definition.line = line;
        out.definition.summary = prose(entry, "oneliner");
        out.definition.body = ir::paragraphs(prose(entry, "explanation"));
        // The gloss closes the body: the source's own words, beside the
        // name it gives, where every output shows a definition's prose.
        if (!expansion.gloss.empty()) {
            ir::Blocks note = ir::paragraphs(text::parse_inline_math(text::collapse_whitespace(expansion.gloss)));
            out.definition.body.insert(out.definition.body.end(), note.begin(), note.end());
        }
        out.definition.details = ir::paragraphs(prose(entry, "fundamentals"));
        if (out.definition.summary.empty() && out.definition.body.empty())
            sink.warning(where, "entry-no-definition", "entry '" + key + "' has no definition");

        if (auto related = entry.find("related"); related != entry.end() && related->is_array())
            for (const auto& id : *related) out.related.push_back(string_of(id));
        read_references(entry, out);

        if (entry.contains("seen_in")) out.extras.push_back({spec.id, "seen in", join_strings(entry["seen_in"])});
        if (entry.contains("confidence")) out.extras.push_back({spec.id, "confidence", string_of(entry["confidence"])});
        if (entry.contains("verified_date"))
            out.extras.push_back({spec.id, "verified date", string_of(entry["verified_date"])});
        for (const auto& [field, value] : entry.items()) {
            if (kKnownFields.count(field)) continue;
            sink.note(where, "termbase-unknown-field", "entry '" + key + "': field '" + field + "' kept as an extra");
            out.extras.push_back({spec.id, field, string_of(value)});
        }
        result.entries.push_back(std::move(out));
    }

    // related ids that name no entry
    std::set<std::string> keys;
    for (const auto& e : result.entries) keys.insert(e.key);
    for (const auto& e : result.entries)
        for (const auto& id : e.related)
            if (!keys.count(id))
                sink.warning(location(spec, e.line), "related-unknown",
                             "entry '" + e.key + "' is related to unknown entry '" + id + "'");
    return result;
}

}  // namespace glossc::readers
