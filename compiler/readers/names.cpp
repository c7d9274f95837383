#include "readers/names.hpp"

#include <cctype>
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

// Model-naming tags and organisation prefixes: "-sft / -dpo", "google/",
// "-Nano/-Micro". Their parts are not names of their own.
bool is_naming_tag(std::string_view name) {
    name = text::trim(name);
    return !name.empty() && (name.front() == '-' || name.back() == '/');
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

}  // namespace

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
    }
    return out;
}

}  // namespace glossc
