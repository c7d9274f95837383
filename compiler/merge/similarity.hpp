// Definition similarity: TF-IDF vectors over content words and their cosine.
// It is what keeps homonyms apart (RAFT the retrieval method vs RAFT the
// reward-ranked fine-tuning) while letting spelling variants merge.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::merge {

class TfIdf {
public:
    // A term is known by a 64-bit hash of its word (XXH3), not by the word:
    // the vectors are built without a table of words, and on any number of
    // threads they, and the order cosine sums in, are the same. Two words
    // would have to share a hash to be taken for one term; among the 10^6
    // words of a million-entry glossary the odds of any such pair are about
    // 3 in 10^8.
    static std::uint64_t term(std::string_view word);

    // One document per entry, as lists of content words.
    explicit TfIdf(const std::vector<std::vector<std::string>>& documents);
    // The same, with document d's terms appended to `terms` by terms_of(d,
    // terms), called on parallel threads, kBatch documents at a time.
    static constexpr std::size_t kBatch = 4096;
    using TermsOf = std::function<void(std::size_t document, std::vector<std::uint64_t>& terms)>;
    TfIdf(std::size_t count, const TermsOf& terms_of);

    // Cosine similarity of two documents' TF-IDF vectors (0 when either is empty).
    double cosine(std::size_t a, std::size_t b) const;

private:
    struct Weight {
        std::uint64_t term;
        double value;
    };
    std::vector<std::vector<Weight>> vectors_;  // sorted by term, unit length
};

}  // namespace glossc::merge
