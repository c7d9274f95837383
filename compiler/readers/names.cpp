#include "readers/names.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "text/acronym.hpp"
#include "text/lines.hpp"

namespace glossc {

namespace {

std::vector<std::string> split_on(std::string_view s, std::string_view separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t at = s.find(separator, start);
        auto part = text::trim(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (!part.empty()) parts.emplace_back(part);
        if (at == std::string_view::npos) break;
        start = at + separator.size();
    }
    return parts;
}

bool is_upper_initial_abbreviation(std::string_view s, std::string_view long_form) {
    // "SentencePiece (SPM)": an all-capital short form sharing the first
    // letter is an abbreviation even where the letters do not all match.
    if (s.size() < 2 || long_form.empty()) return false;
    for (char c : s)
        if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
    return std::toupper(static_cast<unsigned char>(long_form.front())) == s.front();
}

ir::LabelKind relation(std::string_view name, std::string_view other, bool& related) {
    ir::LabelKind kind = label_kind_for(name, other);
    related = kind != ir::LabelKind::Variant;
    return kind;
}

// A headword printed in quotes ("\"aha moment\"", curly quotes too) names
// the quoted phrase; the quotes are the source's typography.
std::string_view strip_enclosing_quotes(std::string_view name) {
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"\"", "\""},
                               {"\xE2\x80\x9C", "\xE2\x80\x9D"}}) {  // U+201C, U+201D
        if (name.size() > open.size() + close.size() && text::starts_with(name, open) &&
            text::ends_with(name, close))
            return text::trim(name.substr(open.size(), name.size() - open.size() - close.size()));
    }
    return name;
}

// "length / format reward", "SSM / hybrid architectures": single words
// before a lower-case phrase share its head noun (length reward, format
// reward). Such a headword names several things defined together, not one
// thing's several names. "Top-p / Nucleus Sampling" (a capitalised name) and
// "bf16 / bfloat16" (no shared head) are not of this kind.
bool shares_head_noun(const std::vector<std::string>& parts) {
    const std::string& last = parts.back();
    if (last.find(' ') == std::string::npos || !std::islower(static_cast<unsigned char>(last.front())))
        return false;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i)
        if (parts[i].find(' ') != std::string::npos) return false;
    return true;
}

// Lower case without one trailing plural "s": "Adapters" -> "adapter".
std::string word_stem(std::string_view word) {
    std::string out;
    for (char c : word) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (out.size() > 3 && out.back() == 's') out.pop_back();
    return out;
}

// A word as prose spells it: lower case after an optional capital
// ("Adapters", "gradient"); "ZeRO" and "AdamW" are not.
bool is_plain_word(std::string_view word) {
    if (word.empty()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        auto c = static_cast<unsigned char>(word[i]);
        if (!std::isalpha(c) || (i > 0 && std::isupper(c))) return false;
    }
    return true;
}

// True when the plain word `word` is, give or take a plural "s", a word of
// `phrase`: "Adapters" / "adapter layers", "Checkpoint" / "model checkpoint",
// "Gradient" / "gradients". Schwartz & Hearst matching would take the word
// for an abbreviation of the phrase; it is the same word, so a variant. (An
// acronym that happens to spell a word, "ZeRO" / "Zero Redundancy
// Optimizer", is not a plain word.)
bool is_word_of(std::string_view word, std::string_view phrase) {
    if (!is_plain_word(word)) return false;
    std::string stem = word_stem(word);
    std::size_t start = 0;
    while (start <= phrase.size()) {
        std::size_t end = phrase.find_first_of(" -/", start);
        if (end == std::string_view::npos) end = phrase.size();
        if (end > start && word_stem(phrase.substr(start, end - start)) == stem) return true;
        start = end + 1;
    }
    return false;
}

// "AGI or Artificial General Intelligence", "Conversational or Chat AI":
// the parts, when they are names. They are when one abbreviates another,
// or when each is a capitalised phrase of at most five words; then single
// words before a last phrase share its head noun ("Conversational AI", "Chat
// AI"). "Trillion parameters or tokens" is a description, not names.
std::optional<std::vector<std::string>> or_alternatives(std::string_view name) {
    std::vector<std::string> parts = split_on(name, " or ");
    if (parts.size() < 2) return std::nullopt;
    bool abbreviation = false;
    for (const auto& part : parts)
        for (const auto& other : parts)
            abbreviation = abbreviation || (&part != &other && text::abbreviates(part, other));
    if (!abbreviation) {
        for (const auto& part : parts) {
            auto first = static_cast<unsigned char>(part.front());
            if (text::count_words(part) > 5 || (!std::isupper(first) && !std::isdigit(first))) return std::nullopt;
        }
        const std::string& last = parts.back();
        bool singles = std::all_of(parts.begin(), parts.end() - 1,
                                   [](const std::string& part) { return text::count_words(part) == 1; });
        if (singles && text::count_words(last) > 1) {
            std::string head = last.substr(last.rfind(' '));
            for (std::size_t i = 0; i + 1 < parts.size(); ++i) parts[i] += head;
        }
    }
    return parts;
}

// "Zero-shot Prompting/Learning": one slash between the two last words,
// after a beginning they share -> "Zero-shot Prompting", "Zero-shot
// Learning". Slashed abbreviations ("I/O", "TCP/IP", "FP16/BF16"), a name
// that is one slashed word ("input/output") and a slash before the last
// word ("A/B testing", "Prefill/Decode Serving") name one thing.
std::optional<std::pair<std::string, std::string>> slashed_last_word(std::string_view name) {
    std::size_t space = name.rfind(' ');
    if (space == std::string_view::npos) return std::nullopt;
    std::string_view shared = text::trim(name.substr(0, space));
    std::string_view last = name.substr(space + 1);
    std::size_t slash = last.find('/');
    if (shared.empty() || shared.find('/') != std::string_view::npos || slash == std::string_view::npos)
        return std::nullopt;
    auto is_word = [](std::string_view word) {
        bool lower = false;
        for (char c : word) {
            auto u = static_cast<unsigned char>(c);
            if (!std::isalpha(u) && c != '-') return false;
            lower = lower || std::islower(u);
        }
        return word.size() >= 2 && lower;
    };
    std::string_view first = last.substr(0, slash), second = last.substr(slash + 1);
    if (!is_word(first) || !is_word(second)) return std::nullopt;
    std::string beginning = std::string(shared) + " ";
    return std::make_pair(beginning + std::string(first), beginning + std::string(second));
}

// ---- Names opening a definition ----------------------------------------------------------

constexpr std::size_t kMaxNameWords = 5;

// An item that starts a clause ("it is used …") ends the list of names.
bool opens_clause(std::string_view item) {
    static constexpr std::string_view kClauseWords[] = {
        "it", "this", "these", "they", "which", "that", "who", "where", "when", "is", "are", "was",
        "were", "refers", "means", "used", "because", "since", "while", "although", "i.e.", "e.g."};
    std::string first(item.substr(0, item.find(' ')));
    for (auto& c : first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::find(std::begin(kClauseWords), std::end(kClauseWords), first) != std::end(kClauseWords);
}

// Quotes around a name, and the punctuation after it: “y,” -> y. A U+FFFD
// there is a quote lost to a bad encoding (reported as invalid UTF-8).
constexpr std::string_view kQuotes[] = {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
                                        "\xE2\x80\x99", "\xEF\xBF\xBD"};  // " ' “ ” ‘ ’ U+FFFD
constexpr std::string_view kEndMarks[] = {",", ".", ";", ":"};

// `s` trimmed of white space and of the `marks` at its start (or end).
template <std::size_t N>
std::string_view strip_marks(std::string_view s, const std::string_view (&marks)[N], bool at_end) {
    for (bool changed = true; changed;) {
        changed = false;
        s = text::trim(s);
        for (auto mark : marks) {
            if (s.size() <= mark.size() || !(at_end ? text::ends_with(s, mark) : text::starts_with(s, mark))) continue;
            s = at_end ? s.substr(0, s.size() - mark.size()) : s.substr(mark.size());
            changed = true;
        }
    }
    return s;
}

std::string listed_name(std::string_view item) {
    for (std::string_view before; before != item;) {
        before = item;
        item = strip_marks(strip_marks(strip_marks(item, kQuotes, false), kQuotes, true), kEndMarks, true);
    }
    // "the response variable": the article is not part of the name.
    for (std::string_view article : {"the ", "a ", "an "})
        if (item.size() > article.size() && text::starts_with(item, article)) item.remove_prefix(article.size());
    return text::collapse_whitespace(item);
}

// A "." that ends an abbreviation ("e.g.", "U.S.") rather than a sentence.
bool ends_abbreviation(std::string_view text, std::size_t dot) {
    std::size_t start = text.rfind(' ', dot);
    start = start == std::string_view::npos ? 0 : start + 1;
    std::string_view word = text.substr(start, dot - start);
    return word.size() <= 1 || word.find('.') != std::string_view::npos;
}

// ---- Names and glosses ----------------------------------------------------------

// Words that join the words of a name and say nothing of whether it is one:
// "Mixture of Experts" and "weights for inference" both have "of"/"for".
bool is_particle(std::string_view word) {
    static constexpr std::string_view kParticles[] = {"a",   "an",   "and", "as",  "at",   "by",   "for",
                                                      "from", "in",  "into", "of", "on",   "or",   "over",
                                                      "per", "the",  "to",  "via", "vs",   "with"};
    return std::find(std::begin(kParticles), std::end(kParticles), word) != std::end(kParticles);
}

}  // namespace

bool is_naming_tag(std::string_view name) {
    name = text::trim(name);
    return !name.empty() && (name.front() == '-' || name.back() == '/');
}

std::optional<GlossedName> split_gloss(std::string_view printed) {
    std::size_t best = std::string_view::npos, length = 0;
    for (std::string_view dash : {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " - "}) {  // em dash, en dash, hyphen
        std::size_t at = printed.find(dash);
        if (at < best) {
            best = at;
            length = dash.size();
        }
    }
    if (best == std::string_view::npos) return std::nullopt;
    GlossedName out{text::trim(printed.substr(0, best)), text::trim(printed.substr(best + length))};
    if (out.name.empty() || out.gloss.empty()) return std::nullopt;
    return out;
}

bool reads_as_description(std::string_view label, std::string_view headword) {
    if (text::abbreviates(headword, label)) return false;
    if (split_gloss(label)) return true;
    std::size_t words = 0, lower_words = 0;
    for (std::size_t start = 0; start < label.size();) {
        std::size_t end = label.find(' ', start);
        if (end == std::string_view::npos) end = label.size();
        std::string_view word = label.substr(start, end - start);
        start = end + 1;
        // "/", "&", "+", "×" stand between words; they are none.
        if (std::none_of(word.begin(), word.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
            continue;
        ++words;
        if (std::islower(static_cast<unsigned char>(word.front())) && !is_particle(word)) ++lower_words;
    }
    return words >= 4 && lower_words >= 2;
}

OpeningNames opening_names(std::string_view text) {
    OpeningNames out;
    std::size_t item = 0;  // where the current item starts
    std::size_t depth = 0;  // parentheses: "KV cache (KVC), …" is one item
    // Takes the item ending at `end`; false when it is no name (the list ended before it).
    auto take = [&](std::size_t end) {
        std::string name = listed_name(text.substr(item, end - item));
        if (name.empty()) return true;
        if (text::count_words(name) > kMaxNameWords || opens_clause(name)) return false;
        out.names.push_back(std::move(name));
        return true;
    };
    auto rest_at = [&](std::size_t at) {
        while (at < text.size() && text[at] == ' ') ++at;
        out.rest = at;
        return out;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '(') ++depth;
        if (c == ')' && depth > 0) --depth;
        if (depth > 0) continue;
        bool sentence_end = (c == '.' || c == '?' || c == '!' || c == ':') &&
                            (i + 1 == text.size() || text[i + 1] == ' ') &&
                            !(c == '.' && ends_abbreviation(text, i));
        std::size_t separator = c == ',' || c == ';' || c == '|' || sentence_end ? 1 : 0;
        if (separator == 0 && text.substr(i, 4) == " or ") separator = 4;
        if (separator == 0) continue;
        if (!take(i)) return rest_at(item);
        // Quotes right after the comma close the name before it: “y,” and "y,".
        item = i + separator;
        for (bool quote = true; quote;) {
            quote = false;
            for (auto mark : kQuotes)
                if (text.substr(item).starts_with(mark)) {
                    item += mark.size();
                    quote = true;
                }
        }
        if (sentence_end) return rest_at(item);
        i = item - 1;
    }
    if (!take(text.size())) return rest_at(item);
    out.rest = text.size();
    return out;
}

ir::LabelKind label_kind_for(std::string_view name, std::string_view headword) {
    if (is_word_of(name, headword) || is_word_of(headword, name)) return ir::LabelKind::Variant;
    if (text::abbreviates(name, headword)) return ir::LabelKind::Abbreviation;
    if (text::abbreviates(headword, name)) return ir::LabelKind::Expansion;
    return ir::LabelKind::Variant;
}

void add_label(std::vector<ir::Label>& labels, std::string_view headword, ir::Label label) {
    label.text = std::string(text::trim(label.text));
    if (label.text.empty() || label.text == headword) return;
    for (const auto& existing : labels)
        if (existing.text == label.text) return;
    labels.push_back(std::move(label));
}

SplitName split_headword(std::string_view printed) {
    std::string_view name = strip_enclosing_quotes(text::trim(printed));
    SplitName out{std::string(name), {}};
    if (is_naming_tag(name) || name.find(" vs ") != std::string_view::npos) return out;

    // "X (Y)" and "X (Y) Z".
    std::size_t open = name.find(" (");
    std::size_t close = open == std::string_view::npos ? open : name.find(')', open);
    if (open != std::string_view::npos && close != std::string_view::npos &&
        name.find('(', open + 2) > close) {
        std::string_view before = text::trim(name.substr(0, open));
        std::string_view inside = text::trim(name.substr(open + 2, close - open - 2));
        std::string_view after = text::trim(name.substr(close + 1));
        if (!after.empty()) {
            // "Key-Value (KV) Caching": the parenthesis abbreviates the words before it.
            if (text::abbreviates(inside, before)) {
                out.headword = std::string(before) + " " + std::string(after);
                add_label(out.labels, out.headword,
                          {std::string(inside) + " " + std::string(after), ir::LabelKind::Abbreviation, {}});
            } else if (text::looks_like_abbreviation(before) && text::abbreviates(before, inside)) {
                // "ROC (Receiver Operating Characteristic) Curve": the parenthesis spells out the word before it.
                out.headword = std::string(before) + " " + std::string(after);
                add_label(out.labels, out.headword,
                          {std::string(inside) + " " + std::string(after), ir::LabelKind::Expansion, {}});
            }
            return out;
        }
        std::vector<std::string> alternatives = split_on(inside, "/");
        bool all_named = true;
        std::vector<ir::Label> labels;
        for (const auto& alternative : alternatives) {
            bool related = false;
            ir::LabelKind kind = relation(alternative, before, related);
            if (!related && is_upper_initial_abbreviation(alternative, before)) {
                related = true;
                kind = ir::LabelKind::Abbreviation;
            }
            // "fp8 (E4M3 / E5M2)": a list of short forms names variants.
            if (!related && alternatives.size() > 1 && text::looks_like_abbreviation(alternative)) related = true;
            all_named = all_named && related;
            labels.push_back({alternative, kind, {}});
        }
        if (all_named && !alternatives.empty()) {
            out.headword = std::string(before);
            for (auto& label : labels) add_label(out.labels, out.headword, std::move(label));
        }
        // Otherwise the parenthesis is a qualifier ("Load Balancing (MoE)"):
        // it stays in the headword and is not a name.
        return out;
    }

    // "bf16 / bfloat16", "Top-p / Nucleus Sampling".
    if (name.find(" / ") != std::string_view::npos) {
        std::vector<std::string> parts = split_on(name, " / ");
        if (parts.size() < 2 || shares_head_noun(parts)) return out;
        out.headword = parts.front();
        for (std::size_t i = 1; i < parts.size(); ++i) {
            bool related = false;
            ir::LabelKind kind = relation(parts[i], out.headword, related);
            add_label(out.labels, out.headword, {parts[i], kind, {}});
        }
        return out;
    }

    if (auto parts = or_alternatives(name)) {
        out.headword = parts->front();
        for (std::size_t i = 1; i < parts->size(); ++i)
            add_label(out.labels, out.headword, {(*parts)[i], label_kind_for((*parts)[i], out.headword), {}});
        return out;
    }
    if (auto pair = slashed_last_word(name)) {
        out.headword = pair->first;
        add_label(out.labels, out.headword, {pair->second, label_kind_for(pair->second, out.headword), {}});
    }
    return out;
}

}  // namespace glossc
