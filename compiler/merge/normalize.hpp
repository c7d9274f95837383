// Matching keys for names (the original text is always kept elsewhere):
// Unicode NFKC + case fold + marks stripped (utf8proc), dashes, slashes and
// underscores as spaces, punctuation dropped, British spellings mapped to
// American ones (data), plurals folded. Keys are only for matching.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/ir.hpp"

namespace glossc::merge {

// Hashes a string or a view of one alike, so that a map keyed by strings is
// looked up by views without copying them.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Word-level spelling map (British -> American), loaded from data.
struct SpellingMap {
    // Looked up for every word of every definition (never listed): hashed.
    std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> words;
    std::set<std::string> generic;  // head words naming the kind of thing ("optimizer", "sampling")
};

struct NameKeys {
    std::string exact;     // "kv cache" (tokens after folding, spelling and plural rules)
    std::string nospace;   // "kvcache": "KV-Cache" = "KV cache" = "KVCache"
    std::string stem;      // nospace with the last word stemmed: "Fine-tune" = "Finetuning"
    std::string initials;  // "kvc" for multi-word names, for acronym blocking; empty otherwise
    std::string specific;  // exact key without generic head words ("adam" for "Adam Optimizer"); empty if none
    // Word stems in sorted order, for names of two or more words: "Quantized
    // KV Cache" = "KV Cache Quantization". Empty for one-word names.
    std::string word_bag;
    std::vector<std::string> families;  // word_family of each token
    // For a camel-case contraction ("BatchNorm", "LayerNorm") and for
    // multi-word names: the first four letters of each word ("batc norm"),
    // so a contraction meets the name it contracts ("Batch Normalization").
    std::string contraction;
    bool is_contraction = false;  // the name is one camel-case word of two or more parts
    std::vector<std::string> tokens;
};

// NFKC + case fold + strip marks, as UTF-8.
std::string fold_case(std::string_view text);

NameKeys make_keys(std::string_view name, const SpellingMap& spelling);
// make_keys(name, spelling).exact alone, without the other keys.
std::string exact_key(std::string_view name, const SpellingMap& spelling);

// Plural folding of one folded word ("embeddings" -> "embedding",
// "strategies" -> "strategy"); words that only look plural stay.
std::string singular(std::string_view word);

// Light stemming of one folded word for the stem key ("caching" -> "cach",
// "cache" -> "cach", "tuned" -> "tun").
std::string stem_word(std::string_view word);

// The word family of a folded word, for the word-bag key: stem_word, and
// "-ation" as the verb ("quantization" = "quantized" = "quantize").
std::string word_family(std::string_view word);

// A definition's text, all its fields as plain text: what TF-IDF reads and
// what a concept's content hash covers.
std::string definition_text(const ir::Definition& definition);

// The content words of a text for similarity, each handed to visit as a
// view (valid during the call): folded, spelling-mapped, stemmed, stop words
// removed.
void for_each_content_word(std::string_view text, const SpellingMap& spelling,
                           const std::function<void(std::string_view)>& visit);

}  // namespace glossc::merge
