#include "text/acronym.hpp"

#include <cctype>

namespace glossc::text {

namespace {
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_word_start(std::string_view s, std::size_t i) {
    if (i == 0) return true;
    char prev = s[i - 1];
    if (!is_alnum(prev)) return true;
    // camelCase and letter/digit boundaries start words too ("BitsAndBytes").
    return (std::islower(static_cast<unsigned char>(prev)) && std::isupper(static_cast<unsigned char>(s[i])));
}
}  // namespace

bool looks_like_abbreviation(std::string_view s) {
    if (s.empty() || s.size() > 12) return false;
    bool has_letter = false;
    for (char c : s) {
        if (c == ' ') return false;
        has_letter = has_letter || std::isalpha(static_cast<unsigned char>(c));
    }
    return has_letter;
}

// Shaped like a short form, not like a word: two capitals ("LoRA", "KV"), a
// digit ("bf16", "ct2"), or a short lower-case token ("bnb"). "Attention"
// is a word, even though its letters occur in "Self-Attention".
bool shaped_like_short_form(std::string_view s) {
    int upper = 0, lower = 0, digit = 0;
    for (char c : s) {
        upper += std::isupper(static_cast<unsigned char>(c)) != 0;
        lower += std::islower(static_cast<unsigned char>(c)) != 0;
        digit += std::isdigit(static_cast<unsigned char>(c)) != 0;
    }
    return upper >= 2 || digit > 0 || (upper == 0 && lower <= 4);
}

bool abbreviates(std::string_view short_form, std::string_view long_form) {
    if (short_form.size() < 2 || long_form.size() <= short_form.size()) return false;
    if (!looks_like_abbreviation(short_form) || !shaped_like_short_form(short_form)) return false;
    // Letters and digits of the short form, matched right to left.
    long s = static_cast<long>(short_form.size()) - 1;
    long l = static_cast<long>(long_form.size()) - 1;
    while (s >= 0) {
        char c = lower(short_form[static_cast<std::size_t>(s)]);
        if (!is_alnum(c)) {
            --s;
            continue;
        }
        // The first character must start a word of the long form.
        bool first = true;
        for (long k = s - 1; k >= 0; --k) first = first && !is_alnum(short_form[static_cast<std::size_t>(k)]);
        while (l >= 0 && (lower(long_form[static_cast<std::size_t>(l)]) != c ||
                          (first && !is_word_start(long_form, static_cast<std::size_t>(l))))) {
            --l;
        }
        if (l < 0) return false;
        --l;
        --s;
    }
    return true;
}

}  // namespace glossc::text
