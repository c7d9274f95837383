#include "readers/generic.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "readers/names.hpp"
#include "text/acronym.hpp"
#include "text/arxiv.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::generic {

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A name for matching within one source: lower case, white space collapsed.
std::string fold(std::string_view s) { return lower_ascii(text::collapse_whitespace(s)); }

// White space for collapsing: ASCII white space and U+00A0 (a decoded &nbsp;).
std::size_t space_width(std::string_view s, std::size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
    return 0;
}

class Tidier {
public:
    ir::RichText run(const ir::RichText& in) {
        ir::RichText out;
        for (const auto& node : in) {
            switch (node.kind) {
                case ir::InlineKind::Text: text(out, node.text); break;
                case ir::InlineKind::Math:
                case ir::InlineKind::Code: {
                    std::string content = text::collapse_whitespace(node.text);
                    if (content.empty()) break;
                    flush_space(out);
                    out.push_back(ir::Inline{node.kind, std::move(content), {}, {}});
                    any_ = true;
                    last_space_ = false;
                    break;
                }
                default: {
                    flush_space(out);
                    ir::Inline copy{node.kind, {}, node.target, run(node.children)};
                    if (copy.children.empty()) break;
                    out.push_back(std::move(copy));
                    break;
                }
            }
        }
        return out;
    }

private:
    void text(ir::RichText& out, std::string_view s) {
        std::string buffer;
        for (std::size_t i = 0; i < s.size();) {
            if (std::size_t width = space_width(s, i)) {
                i += width;
                if (any_ && !last_space_) pending_ = true;
                continue;
            }
            if (pending_) {
                buffer += ' ';
                pending_ = false;
            }
            buffer += s[i++];
            any_ = true;
            last_space_ = false;
        }
        if (pending_ && !buffer.empty()) {
            buffer += ' ';
            pending_ = false;
            last_space_ = true;
        }
        text::append_text(out, buffer);
    }
    void flush_space(ir::RichText& out) {
        if (pending_) {
            text::append_text(out, " ");
            pending_ = false;
            last_space_ = true;
        }
    }

    bool any_ = false;         // content seen: leading white space is dropped
    bool pending_ = false;     // white space seen since the last content
    bool last_space_ = false;  // the last character written is a space
};

// Drops trailing spaces at the end of rich text (and of its last node's children).
void trim_end(ir::RichText& text) {
    while (!text.empty()) {
        ir::Inline& last = text.back();
        if (last.kind == ir::InlineKind::Text) {
            while (!last.text.empty() && last.text.back() == ' ') last.text.pop_back();
            if (last.text.empty()) {
                text.pop_back();
                continue;
            }
        } else if (!last.children.empty()) {
            trim_end(last.children);
            if (last.children.empty()) {
                text.pop_back();
                continue;
            }
        }
        break;
    }
}

void parse_math_in_text(ir::RichText& text) {
    ir::RichText out;
    for (auto& node : text) {
        if (node.kind == ir::InlineKind::Text) {
            for (auto& part : text::parse_inline_math(node.text)) {
                if (part.kind == ir::InlineKind::Text) {
                    text::append_text(out, part.text);
                } else {
                    out.push_back(std::move(part));
                }
            }
            continue;
        }
        if (!node.children.empty()) parse_math_in_text(node.children);
        out.push_back(std::move(node));
    }
    text = std::move(out);
}

std::size_t plain_length(const ir::Inline& node) {
    switch (node.kind) {
        case ir::InlineKind::Text:
        case ir::InlineKind::Code: return node.text.size();
        case ir::InlineKind::Math: return node.text.size() + 2;
        default: {
            std::size_t n = 0;
            for (const auto& child : node.children) n += plain_length(child);
            return n;
        }
    }
}

// Returns how much of `count` is left after dropping from `text`.
std::size_t drop_front(ir::RichText& text, std::size_t count) {
    while (count > 0 && !text.empty()) {
        ir::Inline& first = text.front();
        std::size_t length = plain_length(first);
        if (length <= count) {
            count -= length;
            text.erase(text.begin());
            continue;
        }
        if (first.kind == ir::InlineKind::Text || first.kind == ir::InlineKind::Code) {
            first.text.erase(0, count);
            count = 0;
        } else if (first.kind == ir::InlineKind::Math) {
            count = 0;  // a formula is never cut
        } else {
            count = drop_front(first.children, count);
        }
    }
    return count;
}

void drop_leading_space(ir::RichText& text) {
    while (!text.empty()) {
        ir::Inline& first = text.front();
        if (first.kind == ir::InlineKind::Text) {
            std::size_t n = 0;
            while (n < first.text.size() && first.text[n] == ' ') ++n;
            first.text.erase(0, n);
            if (first.text.empty()) {
                text.erase(text.begin());
                continue;
            }
        } else if (first.kind != ir::InlineKind::Math && first.kind != ir::InlineKind::Code) {
            drop_leading_space(first.children);
            if (first.children.empty()) {
                text.erase(text.begin());
                continue;
            }
        }
        break;
    }
}

// ---- Labelled paragraphs -----------------------------------------------------------

enum class Role { Names, Example, Related, Category };

struct ParagraphLabel {
    std::string_view prefix;  // lower case
    Role role;
    bool needs_colon;         // "Related: x" but "Also known as x"
};

const ParagraphLabel kLabels[] = {
    {"also known as", Role::Names, false}, {"also called", Role::Names, false},
    {"also sometimes called", Role::Names, false}, {"sometimes called", Role::Names, false},
    {"also referred to as", Role::Names, false},
    {"a.k.a.", Role::Names, false},        {"aka", Role::Names, true},
    {"aliases", Role::Names, true},        {"alias", Role::Names, true},
    {"synonyms", Role::Names, true},       {"synonym", Role::Names, true},
    {"other names", Role::Names, true},    {"abbreviations", Role::Names, true},
    {"abbreviation", Role::Names, true},   {"examples", Role::Example, true},
    {"example", Role::Example, true},      {"see also", Role::Related, false},
    {"related terms", Role::Related, true}, {"related", Role::Related, true},
    {"categories", Role::Category, true},  {"category", Role::Category, true},
};

// The label a paragraph opens with, and how many characters it takes
// (label, colon and following spaces).
std::optional<std::pair<Role, std::size_t>> paragraph_label(std::string_view plain_text) {
    std::string lowered = lower_ascii(plain_text.substr(0, 24));
    for (const auto& label : kLabels) {
        if (!text::starts_with(lowered, label.prefix)) continue;
        std::size_t at = label.prefix.size();
        while (at < plain_text.size() && plain_text[at] == ' ') ++at;
        if (at < plain_text.size() && plain_text[at] == ':') {
            ++at;
        } else if (label.needs_colon || at == label.prefix.size()) {
            continue;
        }
        while (at < plain_text.size() && plain_text[at] == ' ') ++at;
        // "Example:" alone labels the blocks that follow it (its code).
        if (at >= plain_text.size() && !(label.role == Role::Example && plain_text.back() == ':')) continue;
        return std::make_pair(label.role, at);
    }
    return std::nullopt;
}

// "KV cache, key-value cache or KVC." -> the names.
std::vector<std::string> names_in(std::string_view list) {
    std::string s(list);
    for (std::string_view separator : {" or ", ", ", ","})
        for (std::size_t at; (at = s.find(separator)) != std::string::npos;) s.replace(at, separator.size(), ";");
    std::vector<std::string> out;
    for (auto& name : split_list(s)) {
        std::string_view n = name;
        while (!n.empty() && (n.back() == '.' || n.back() == ' ')) n.remove_suffix(1);
        n = text::trim(n);
        if (n.size() >= 2 && (n.front() == '"' || n.front() == '\'') && n.back() == n.front())
            n = n.substr(1, n.size() - 2);
        if (!n.empty()) out.emplace_back(n);
    }
    return out;
}

void add_name(Entry& entry, std::string_view printed) {
    std::string cleaned = clean_term(printed);
    if (cleaned.empty()) return;
    SplitName names = split_headword(cleaned);
    add_label(entry.labels, entry.headword,
              {names.headword, label_kind_for(names.headword, entry.headword), {}});
    for (const auto& label : names.labels)
        add_label(entry.labels, entry.headword, {label.text, label_kind_for(label.text, entry.headword), {}});
}

// "RAG: Retrieval-Augmented Generation", "| GD | Gradient Descent |": a
// definition that only spells out its abbreviated term names the term
// again. The spelled-out form becomes an expansion label (the definition
// stays as written), so that the entry meets the concept of either name.
void add_expansion_of_definition(Entry& entry) {
    const ir::RichText& summary = entry.definition.summary;
    if (summary.size() != 1 || summary[0].kind != ir::InlineKind::Text || !entry.definition.body.empty()) return;
    std::string_view expansion = text::trim(summary[0].text);
    if (!expansion.empty() && expansion.back() == '.') expansion.remove_suffix(1);
    // "Compute Unified Device Architecture (NVIDIA)": the qualifier is not part of the name.
    if (std::size_t paren = expansion.find(" ("); paren != std::string_view::npos && expansion.back() == ')')
        expansion = text::trim(expansion.substr(0, paren));
    if (!name_sized(expansion, 8) || !text::looks_like_abbreviation(entry.headword) ||
        !text::abbreviates(entry.headword, expansion))
        return;
    add_label(entry.labels, entry.headword, {std::string(expansion), ir::LabelKind::Expansion, {}});
}

}  // namespace

void tidy(ir::RichText& text, bool parse_math) {
    Tidier tidier;
    text = tidier.run(text);
    trim_end(text);
    if (parse_math) parse_math_in_text(text);
}

ir::RichText* first_paragraph(ir::Blocks& blocks) {
    return !blocks.empty() && blocks.front().kind == ir::BlockKind::Paragraph ? &blocks.front().text : nullptr;
}

std::string plain(const ir::RichText& text) { return text::plain_text(text, "$", "$"); }

void drop_prefix(ir::RichText& text, std::size_t count) {
    drop_front(text, count);
    drop_leading_space(text);
}

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i < s.size() && s[i] != ';' && s[i] != '|') continue;
        std::string part = text::collapse_whitespace(s.substr(start, i - start));
        if (!part.empty()) out.push_back(std::move(part));
        start = i + 1;
    }
    return out;
}

ir::Reference reference_from(std::string_view value) {
    ir::Reference ref;
    std::string v = text::collapse_whitespace(value);
    std::string lowered = lower_ascii(v);
    bool url = (text::starts_with(lowered, "http://") || text::starts_with(lowered, "https://") ||
                text::starts_with(lowered, "www.") || text::starts_with(lowered, "doi:")) &&
               v.find(' ') == std::string::npos;
    if (url) {
        ref.url = v;
    } else {
        ref.title = v;
    }
    ref.arxiv = text::cited_arxiv_id(v);
    if (ref.arxiv.empty()) ref.arxiv = text::linked_arxiv_id(v);
    return ref;
}

std::optional<std::pair<std::string, ir::RichText>> split_bold_term(const ir::RichText& paragraph) {
    if (paragraph.empty() || paragraph[0].kind != ir::InlineKind::Strong) return std::nullopt;
    std::string term = text::collapse_whitespace(plain(paragraph[0].children));
    ir::RichText rest(paragraph.begin() + 1, paragraph.end());
    if (text::ends_with(term, ":")) {
        term.pop_back();
    } else if (text::ends_with(term, ".") && !rest.empty() && name_sized(term, 8) &&
               !(term.size() >= 2 && term[term.size() - 2] == '.')) {
        term.pop_back();  // "**Term.** definition" (not "**e.g.**" or "...")
    } else {
        if (rest.empty() || rest[0].kind != ir::InlineKind::Text) return std::nullopt;
        std::string_view t = rest[0].text;
        std::size_t i = 0;
        while (i < t.size() && t[i] == ' ') ++i;
        std::string qualifier;
        if (i < t.size() && t[i] == '(') {
            std::size_t close = t.find(')', i);
            if (close == std::string_view::npos) return std::nullopt;
            qualifier = std::string(t.substr(i, close + 1 - i));
            i = close + 1;
            while (i < t.size() && t[i] == ' ') ++i;
        }
        bool spaced = i > 0 && t[i - 1] == ' ';
        std::size_t separator = 0;
        if (i < t.size() && t[i] == ':') {
            separator = 1;
        } else if (t.substr(i, 3) == "\xE2\x80\x94" || t.substr(i, 3) == "\xE2\x80\x93") {  // em, en dash
            separator = 3;
        } else if (spaced && i < t.size() && t[i] == '-' && (i + 1 == t.size() || t[i + 1] == ' ')) {
            separator = 1;
        }
        if (separator == 0) return std::nullopt;
        if (!qualifier.empty()) term += " " + qualifier;
        rest[0].text.erase(0, i + separator);
        if (rest[0].text.empty()) rest.erase(rest.begin());
    }
    drop_leading_space(rest);
    if (text::trim(term).empty()) return std::nullopt;
    return std::make_pair(term, rest);
}

bool name_sized(std::string_view term, std::size_t max_words) {
    term = text::trim(term);
    if (term.empty() || term.size() > 80) return false;
    if (term.find("://") != std::string_view::npos) return false;
    std::size_t words = 1;
    for (std::size_t i = 0; i < term.size(); ++i) {
        char c = term[i];
        if (c == ' ') ++words;
        // Sentence punctuation: ". " inside, "?", "!", ";".
        if (c == '?' || c == '!' || c == ';') return false;
        if (c == '.' && i + 1 < term.size() && term[i + 1] == ' ') return false;
    }
    return words <= max_words;
}

std::optional<std::pair<std::string, ir::RichText>> split_plain_term(const ir::RichText& paragraph) {
    if (paragraph.empty()) return std::nullopt;
    // "`torch.compile`: …", "*perplexity* — …": a term set in code or emphasis.
    if ((paragraph[0].kind == ir::InlineKind::Code || paragraph[0].kind == ir::InlineKind::Emph) &&
        paragraph.size() > 1 && paragraph[1].kind == ir::InlineKind::Text) {
        std::string term = text::collapse_whitespace(plain({paragraph[0]}));
        std::string_view t = paragraph[1].text;
        std::size_t separator = t.size() >= 1 && t[0] == ':' ? 1
                                : text::starts_with(t, " \xE2\x80\x94 ") || text::starts_with(t, " \xE2\x80\x93 ") ? 5
                                                                                                               : 0;
        if (separator == 0 || !name_sized(term, 6)) return std::nullopt;
        ir::RichText rest(paragraph.begin() + 1, paragraph.end());
        rest[0].text.erase(0, separator);
        if (rest[0].text.empty()) rest.erase(rest.begin());
        drop_leading_space(rest);
        return std::make_pair(term, rest);
    }
    if (paragraph[0].kind != ir::InlineKind::Text) return std::nullopt;
    std::string_view t = paragraph[0].text;
    std::size_t colon = t.find(':');
    while (colon != std::string_view::npos && t.substr(colon, 3) == "://") colon = t.find(':', colon + 3);
    std::size_t end = std::string_view::npos, separator = 0;
    if (colon != std::string_view::npos && (colon + 1 == t.size() || t[colon + 1] == ' ')) {
        end = colon;
        separator = 1;
    }
    for (std::string_view dash : {" \xE2\x80\x94 ", " \xE2\x80\x93 "}) {  // " — ", " – "
        std::size_t at = t.find(dash);
        if (at != std::string_view::npos && at < end) {
            end = at;
            separator = dash.size();
        }
    }
    if (end == std::string_view::npos) return std::nullopt;
    std::string term(text::trim(t.substr(0, end)));
    if (!name_sized(term, 6) || text::ends_with(term, ".")) return std::nullopt;
    // The rest may hold the whole definition, or nothing when the item's
    // nested blocks define the term ("- Parameters:" over a nested list).
    if (end + separator == t.size() && paragraph.size() > 1) return std::nullopt;  // "Term:**bold**" is no term
    ir::RichText rest = paragraph;
    rest[0].text.erase(0, end + separator);
    if (rest[0].text.empty()) rest.erase(rest.begin());
    drop_leading_space(rest);
    return std::make_pair(term, rest);
}

std::string clean_term(std::string_view printed) {
    std::string term = text::collapse_whitespace(printed);
    // A trailing attribute block of Pandoc, kramdown and MkDocs: "Term {#term .glossary}".
    if (term.size() > 2 && term.back() == '}') {
        std::size_t open = term.rfind(" {");
        if (open != std::string::npos && open > 0 && (term[open + 2] == '#' || term[open + 2] == '.'))
            term = std::string(text::trim(std::string_view(term).substr(0, open)));
    }
    static const std::string_view kMarks[] = {":", "\xC2\xB6" /* ¶ */, "#", "\xC2\xA7" /* § */,
                                              "\xF0\x9F\x94\x97" /* 🔗 */};
    for (bool changed = true; changed;) {
        changed = false;
        for (auto mark : kMarks) {
            if (term.size() > mark.size() && text::ends_with(term, mark)) {
                term.resize(term.size() - mark.size());
                term = std::string(text::trim(term));
                changed = true;
            }
        }
    }
    return term;
}

bool is_index_letter(std::string_view title) {
    title = text::trim(title);
    auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    if (title.size() == 1) return letter(title[0]);
    // "A-C", "A–C", "A - C"
    if (title.size() < 3 || !letter(title.front()) || !letter(title.back())) return false;
    std::string_view middle = text::trim(title.substr(1, title.size() - 2));
    return middle == "-" || middle == "\xE2\x80\x93" || middle == "\xE2\x80\x94";
}

std::optional<Entry> finish(const SourceSpec& spec, Draft draft, DiagnosticSink& sink) {
    Location where = location(spec, draft.line);
    std::string printed = clean_term(draft.printed);
    if (printed.empty()) {
        std::string context = text::collapse_whitespace(draft.context);
        if (context.empty() && !draft.blocks.empty()) context = text::plain_text(draft.blocks, "$", "$");
        if (context.empty()) context = plain(draft.summary);
        sink.error(where, "entry-no-name",
                   "an entry has no term" + (context.empty() ? std::string() : ": '" + text::excerpt(context) + "'") +
                       "; it is skipped");
        return std::nullopt;
    }
    Entry entry;
    entry.key = draft.key.empty() ? printed : draft.key;
    entry.line = draft.line;
    SplitName names = split_headword(printed);
    entry.headword = names.headword;
    entry.labels = names.labels;
    for (const auto& alias : draft.aliases) add_name(entry, alias);
    entry.categories = std::move(draft.categories);
    entry.related = std::move(draft.related);
    entry.references = std::move(draft.references);

    ir::Definition& definition = entry.definition;
    definition.source = spec.id;
    definition.line = draft.line;
    definition.summary = std::move(draft.summary);
    definition.details = std::move(draft.details);
    definition.example = std::move(draft.example);
    // Blocks that follow an "Example:" paragraph (its code, its list) belong
    // to the example until the next paragraph.
    ir::Blocks* continued = nullptr;
    for (auto& block : draft.blocks) {
        if (block.kind != ir::BlockKind::Paragraph) {
            (continued ? *continued : definition.body).push_back(std::move(block));
            continue;
        }
        continued = nullptr;
        ir::RichText& paragraph = block.text;
        if (paragraph.empty()) continue;
        if (auto label = paragraph_label(plain(paragraph))) {
            std::string rest = plain(paragraph).substr(label->second);
            bool prose_follows = false;
            switch (label->first) {
                case Role::Names: {
                    // "Also called the response variable or “y,” the dependent
                    // variable is …": the names, then the definition goes on.
                    OpeningNames opening = opening_names(rest);
                    for (const auto& name : opening.names) add_name(entry, name);
                    // No name at all ("Also called when …"): the paragraph is prose.
                    prose_follows = opening.rest < rest.size();
                    if (prose_follows && !opening.names.empty()) drop_prefix(paragraph, label->second + opening.rest);
                    break;
                }
                case Role::Example:
                    drop_prefix(paragraph, label->second);
                    if (!paragraph.empty()) definition.example.push_back(ir::paragraph(std::move(paragraph)));
                    continued = &definition.example;
                    break;
                case Role::Related:
                    for (const auto& name : names_in(rest)) entry.related.push_back(name);
                    break;
                case Role::Category:
                    for (const auto& name : names_in(rest)) entry.categories.push_back(name);
                    break;
            }
            if (!prose_follows) continue;
        }
        if (definition.summary.empty() && definition.body.empty()) {
            definition.summary = std::move(paragraph);
        } else {
            definition.body.push_back(ir::paragraph(std::move(paragraph)));
        }
    }
    for (auto& block : draft.body) definition.body.push_back(std::move(block));
    // A definition whose prose opens with its paragraph has it as summary.
    if (definition.summary.empty() && !definition.body.empty() &&
        definition.body.front().kind == ir::BlockKind::Paragraph) {
        definition.summary = std::move(definition.body.front().text);
        definition.body.erase(definition.body.begin());
    }
    add_expansion_of_definition(entry);
    if (definition.summary.empty() && definition.body.empty())
        sink.warning(where, "entry-no-definition", "entry '" + entry.key + "' has no definition");

    for (auto& extra : draft.extras) {
        extra.source = spec.id;
        entry.extras.push_back(std::move(extra));
    }
    return entry;
}

SourceSpec fragment_spec(std::string format) {
    SourceSpec spec;
    spec.id = spec.file = spec.display_path = "field";
    spec.format = std::move(format);
    return spec;
}

void add_entries(const SourceSpec& spec, std::vector<Draft> drafts, ReaderResult& result, DiagnosticSink& sink) {
    for (auto& draft : drafts) {
        std::string_view layout = draft.layout;
        auto entry = finish(spec, std::move(draft), sink);
        if (!entry) continue;
        result.entries.push_back(std::move(*entry));
        if (layout.empty()) continue;
        auto counted = std::find_if(result.layout.begin(), result.layout.end(),
                                    [&](const auto& kind) { return kind.first == layout; });
        if (counted == result.layout.end()) {
            result.layout.emplace_back(layout, 1);
        } else {
            ++counted->second;
        }
    }
    resolve_related(spec, result.entries, sink);
}

void resolve_related(const SourceSpec& spec, std::vector<Entry>& entries, DiagnosticSink& sink) {
    std::set<std::string> keys;
    std::map<std::string, std::string> key_of_name;
    for (const auto& e : entries) keys.insert(e.key);
    for (const auto& e : entries) key_of_name.emplace(fold(e.key), e.key);
    for (const auto& e : entries) key_of_name.emplace(fold(e.headword), e.key);
    for (const auto& e : entries)
        for (const auto& l : e.labels) key_of_name.emplace(fold(l.text), e.key);
    for (auto& e : entries) {
        std::vector<std::string> resolved, unknown;
        for (const auto& name : e.related) {
            std::string key;
            if (keys.count(name)) {
                key = name;
            } else if (auto it = key_of_name.find(fold(name)); it != key_of_name.end()) {
                key = it->second;
            }
            if (key.empty()) {
                if (std::find(unknown.begin(), unknown.end(), name) == unknown.end()) unknown.push_back(name);
            } else if (key != e.key && std::find(resolved.begin(), resolved.end(), key) == resolved.end()) {
                resolved.push_back(key);
            }
        }
        e.related = std::move(resolved);
        if (unknown.empty()) continue;
        std::string list;
        for (const auto& name : unknown) list += (list.empty() ? "" : "; ") + name;
        sink.warning(location(spec, e.line), "related-unknown",
                     "entry '" + e.key + "' is related to '" + list +
                         "', which no entry of this source names; kept as an extra");
        e.extras.push_back({spec.id, "related", list});
    }
}

}  // namespace glossc::generic
