// Possible synonyms for the merge report: pairs of entries in different
// concepts that no name key brought together ("cosine decay" / "Cosine
// Annealing", "CPT" / "Domain-Specific Pretraining") or whose evidence was
// far too weak ("NTK-aware scaling" / "NTK-aware RoPE Scaling"), but whose
// names share a rare word or whose definitions are close. Found without
// comparing all pairs: an inverted index from rare words (of names and of
// definitions) to entries proposes candidates, TF-IDF cosine ranks them, and
// each entry keeps its best few, so it stays fast on 100k entries.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::report {

struct SynonymEntry {
    std::size_t source = 0;        // entries of one source are never proposed
    std::string_view concept_id;   // nor entries already in one concept
    std::string names;             // the entry's names (headword and labels), any separator
    std::string definition;        // its definition as plain text; empty when it has none
};

struct PossibleSynonym {
    std::size_t a = 0, b = 0;                 // indices into the entries, a < b
    double similarity = 0;                    // TF-IDF cosine of the two definitions
    std::vector<std::string> shared_words;    // words of both names, as a's names print them
};

// A word in this many entries' names or definitions says little about which
// two go together, and scanning its entries would be quadratic.
inline constexpr std::size_t kMaxPostings = 40;
// Each entry proposes at most this many partners.
inline constexpr std::size_t kSynonymsPerEntry = 3;
// Names sharing a rare word need this much definition similarity; entries
// whose names share nothing need close definitions.
// (The seeds' synonyms that share no name key reach 0.21-0.60.)
inline constexpr double kSharedNameSimilarity = 0.15;
inline constexpr double kDefinitionOnlySimilarity = 0.40;

// Pairs of defined entries from different sources and concepts, neither
// concept already holding an entry of the other's source, best first.
// `listed(a, b)` (a < b, called from several threads) tells which pairs the
// caller shows elsewhere (near misses, homonyms): those are left out. A pair
// the merge compared and found too weak may come back here.
std::vector<PossibleSynonym> possible_synonyms(const std::vector<SynonymEntry>& entries,
                                               const std::function<bool(std::size_t, std::size_t)>& listed);

}  // namespace glossc::report
