#include "merge/normalize.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <unordered_set>

#include <utf8proc.h>

#include "text/inline_math.hpp"
#include "text/lines.hpp"
#include "text/utf8.hpp"

namespace glossc::merge {

namespace {

// NFKC + case fold + mark stripping of text that is valid to fold as a
// whole; utf8proc's result ends at a NUL byte.
std::string fold_with_utf8proc(std::string_view text) {
    std::string valid = glossc::text::repair_utf8(text);
    utf8proc_uint8_t* folded = nullptr;
    auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                  UTF8PROC_STRIPMARK | UTF8PROC_STABLE);
    if (utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid.data()),
                     static_cast<utf8proc_ssize_t>(valid.size()), &folded, options) < 0 || !folded)
        return valid;
    std::string out(reinterpret_cast<const char*>(folded));
    std::free(folded);
    return out;
}

bool is_ascii_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

}  // namespace

std::string fold_case(std::string_view text) {
    // ASCII fast path: for ASCII text NFKC, case folding and mark stripping
    // are only lower-casing, and utf8proc costs ten times more. A definition
    // with one "é" or "—" in it is still mostly ASCII, so the text is folded
    // word by word (runs between ASCII spaces, tabs and line breaks), and
    // only runs of words with non-ASCII bytes go through utf8proc. That
    // gives the same result as folding the whole text: utf8proc maps each
    // character on its own, and those separators neither compose with a
    // neighbour nor move past a combining mark (a property test checks it).
    // (utf8proc's result ends at a NUL byte: so does this one.)
    text = text.substr(0, text.find('\0'));
    std::string out;
    out.reserve(text.size());
    auto word_end = [&](std::size_t at, bool& ascii) {
        ascii = true;
        for (; at < text.size() && !is_ascii_space(text[at]); ++at)
            if (static_cast<unsigned char>(text[at]) >= 0x80) ascii = false;
        return at;
    };
    for (std::size_t start = 0; start < text.size();) {
        if (is_ascii_space(text[start])) {
            out += text[start++];
            continue;
        }
        bool ascii = true;
        std::size_t end = word_end(start, ascii);
        if (ascii) {
            for (std::size_t i = start; i < end; ++i)
                out += (text[i] >= 'A' && text[i] <= 'Z') ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
        } else {
            // Greek or Cyrillic prose is all such words: one call for the run.
            for (;;) {
                std::size_t next = end;
                while (next < text.size() && is_ascii_space(text[next])) ++next;
                bool next_ascii = true;
                std::size_t next_end = next < text.size() ? word_end(next, next_ascii) : next;
                if (next == text.size() || next_ascii) break;
                end = next_end;
            }
            out += fold_with_utf8proc(text.substr(start, end - start));
        }
        start = end;
    }
    return out;
}

namespace {

// Calls visit(word) for each word of folded text, a view into it: letters,
// digits and '+' (C++, Classifiers++) form words; everything else separates
// them. Non-ASCII letters are kept. A word is always a run of the text's
// bytes, so no word is copied to be looked at.
template <class Visit>
void for_each_word(std::string_view folded, Visit visit) {
    std::size_t start = 0, length = 0;  // the current word: folded.substr(start, length)
    auto flush = [&] {
        if (length > 0) visit(folded.substr(start, length));
        length = 0;
    };
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    for (std::size_t i = 0; i < folded.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(folded[i]);
        bool word_char = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c >= 0x80;
        // General punctuation (U+2010..U+205F: dashes, quotes, bullets) separates words.
        if (c == 0xE2 && i + 1 < folded.size() && static_cast<unsigned char>(folded[i + 1]) == 0x80) {
            flush();
            i += 2;
            continue;
        }
        // A '.' inside a number ("3.5") belongs to it.
        if (c == '.' && length > 0 && i + 1 < folded.size() && is_digit(folded[start + length - 1]) &&
            is_digit(folded[i + 1])) {
            ++length;
            continue;
        }
        if (word_char) {
            if (length == 0) start = i;
            ++length;
        } else {
            flush();
        }
    }
    flush();
}

std::vector<std::string> words_of(std::string_view folded) {
    std::vector<std::string> words;
    for_each_word(folded, [&words](std::string_view word) { words.emplace_back(word); });
    return words;
}

bool ends_with(std::string_view s, std::string_view suffix) { return glossc::text::ends_with(s, suffix); }

const std::unordered_set<std::string_view> kStopWords{
    "a",    "an",   "the",  "of",   "and",  "or",   "to",    "in",   "on",   "for",  "with", "by",
    "is",   "are",  "was",  "be",   "as",   "at",   "that",  "this", "it",   "its",  "from", "into",
    "than", "then", "so",   "can",  "each", "which", "their", "they", "not", "but",  "more", "only",
    "all",  "one",  "such", "when", "how",  "what", "while", "both", "also", "has",  "have", "instead",
    "rather", "most", "over", "per", "use", "used", "uses", "using", "model", "models", "e", "g", "i",
    "you", "your", "we", "our", "like", "any", "no", "up", "out", "about", "same", "every", "where", "who"};

}  // namespace

namespace {

// singular() and stem_word() on a word in place: content_words applies both
// to every word of every definition.
void make_singular(std::string& word) {
    if (word.size() <= 3 || word.back() != 's') return;
    if (ends_with(word, "ss") || ends_with(word, "us") || ends_with(word, "is") || ends_with(word, "ous")) return;
    if (ends_with(word, "ies") && word.size() > 4) {
        word.resize(word.size() - 3);
        word += 'y';
    } else if (ends_with(word, "ches") || ends_with(word, "shes") || ends_with(word, "xes") || ends_with(word, "sses")) {
        word.resize(word.size() - 2);
    } else {
        word.pop_back();
    }
}

void make_stem(std::string& word) {
    for (std::string_view suffix : {"ing", "ed", "e"}) {
        if (word.size() > suffix.size() + 2 && ends_with(word, suffix)) {
            word.resize(word.size() - suffix.size());
            break;
        }
    }
    // "tuning"/"tune" both end up "tun"; double consonants from -ing ("embedding") fold too.
    if (word.size() > 3 && word[word.size() - 1] == word[word.size() - 2] && std::isalpha(word.back()))
        word.pop_back();
}

}  // namespace

std::string singular(std::string_view w) {
    std::string word(w);
    make_singular(word);
    return word;
}

std::string stem_word(std::string_view w) {
    std::string word(w);
    make_stem(word);
    return word;
}

std::string word_family(std::string_view w) {
    std::string word(w);
    if (word.size() > 7 && ends_with(word, "ation")) word.resize(word.size() - 5);
    return stem_word(word);
}

namespace {

// The parts of one camel-case word ("BatchNorm" -> "Batch", "Norm";
// "RMSNorm" -> "RMS", "Norm"); one part when it is not camel case.
std::vector<std::string> camel_case_parts(std::string_view word) {
    std::vector<std::string> parts;
    std::string current;
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        bool boundary = !current.empty() && upper(c) &&
                        (lower(current.back()) || (i + 1 < word.size() && lower(word[i + 1]) && upper(current.back())));
        if (boundary) {
            parts.push_back(std::move(current));
            current.clear();
        }
        current += c;
    }
    if (!current.empty()) parts.push_back(std::move(current));
    return parts;
}

std::string first_letters(const std::vector<std::string>& words) {
    std::string key;
    for (const auto& word : words) {
        if (!key.empty()) key += ' ';
        key += word.substr(0, 4);
    }
    return key;
}

// A name's words, folded, spelling-mapped and singular: what its keys are made of.
std::vector<std::string> name_tokens(std::string_view name, const SpellingMap& spelling) {
    std::vector<std::string> tokens;
    for (auto& word : words_of(fold_case(name))) {
        if (auto it = spelling.words.find(word); it != spelling.words.end()) word = it->second;
        tokens.push_back(singular(word));
    }
    return tokens;
}

std::string joined_tokens(const std::vector<std::string>& tokens) {
    std::string out;
    for (const auto& token : tokens) {
        if (!out.empty()) out += ' ';
        out += token;
    }
    return out;
}

}  // namespace

std::string exact_key(std::string_view name, const SpellingMap& spelling) {
    return joined_tokens(name_tokens(name, spelling));
}

NameKeys make_keys(std::string_view name, const SpellingMap& spelling) {
    NameKeys keys;
    keys.tokens = name_tokens(name, spelling);
    keys.exact = joined_tokens(keys.tokens);
    for (const auto& token : keys.tokens) keys.nospace += token;
    if (!keys.tokens.empty()) {
        for (std::size_t i = 0; i + 1 < keys.tokens.size(); ++i) keys.stem += keys.tokens[i];
        keys.stem += stem_word(keys.tokens.back());
    }
    for (const auto& token : keys.tokens) keys.families.push_back(word_family(token));
    if (keys.tokens.size() >= 2) {
        for (const auto& token : keys.tokens)
            if (!token.empty()) keys.initials += token.front();
        std::string specific;
        for (const auto& token : keys.tokens)
            if (!spelling.generic.count(token)) specific += (specific.empty() ? "" : " ") + token;
        if (!specific.empty() && specific != keys.exact) keys.specific = specific;
        std::vector<std::string> family = keys.families;
        std::sort(family.begin(), family.end());
        for (const auto& word : family) keys.word_bag += (keys.word_bag.empty() ? "" : " ") + word;
        keys.contraction = first_letters(keys.tokens);
    } else if (keys.tokens.size() == 1) {
        // Only an ASCII word in camel case is a contraction: "BatchNorm", not "GPT".
        auto parts = camel_case_parts(name);
        bool ascii_word = std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        });
        if (ascii_word && parts.size() >= 2 &&
            std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return p.size() >= 2; })) {
            for (auto& part : parts) part = fold_case(part);
            keys.contraction = first_letters(parts);
            keys.is_contraction = true;
        }
    }
    return keys;
}

void for_each_content_word(std::string_view text, const SpellingMap& spelling,
                           const std::function<void(std::string_view)>& visit) {
    // No stop word is longer than this: longer words skip the lookup.
    static const std::size_t longest_stop_word =
        std::max_element(kStopWords.begin(), kStopWords.end(), [](std::string_view a, std::string_view b) {
            return a.size() < b.size();
        })->size();
    const std::string folded = fold_case(text);
    std::string kept;  // one buffer for every word: stemming changes the word in place
    for_each_word(folded, [&](std::string_view word) {
        if (word.size() < 2 || (word.size() <= longest_stop_word && kStopWords.count(word))) return;
        auto it = spelling.words.find(word);
        kept.assign(it != spelling.words.end() ? std::string_view(it->second) : word);
        make_singular(kept);
        make_stem(kept);
        visit(kept);
    });
}

std::string definition_text(const ir::Definition& d) {
    using glossc::text::plain_text;
    return plain_text(d.summary) + " " + plain_text(d.body) + " " + plain_text(d.details) + " " + plain_text(d.example);
}

}  // namespace glossc::merge
