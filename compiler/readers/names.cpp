#include "readers/names.hpp"

#include <cctype>

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
    related = true;
    if (text::abbreviates(name, other)) return ir::LabelKind::Abbreviation;
    if (text::abbreviates(other, name)) return ir::LabelKind::Expansion;
    related = false;
    return ir::LabelKind::Variant;
}

}  // namespace

void add_label(std::vector<ir::Label>& labels, std::string_view headword, ir::Label label) {
    label.text = std::string(text::trim(label.text));
    if (label.text.empty() || label.text == headword) return;
    for (const auto& existing : labels)
        if (existing.text == label.text) return;
    labels.push_back(std::move(label));
}

SplitName split_headword(std::string_view printed) {
    std::string_view name = text::trim(printed);
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
