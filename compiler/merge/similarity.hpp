// Definition similarity: TF-IDF vectors over content words and their cosine.
// It is what keeps homonyms apart (RAFT the retrieval method vs RAFT the
// reward-ranked fine-tuning) while letting spelling variants merge.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace glossc::merge {

class TfIdf {
public:
    // One document per entry, as lists of content words.
    explicit TfIdf(const std::vector<std::vector<std::string>>& documents);
    // The same, with document d's words from words_of(d), called on
    // parallel threads and only a batch of documents' words held at once.
    static constexpr std::size_t kBatch = 4096;
    TfIdf(std::size_t count, const std::function<std::vector<std::string>(std::size_t)>& words_of);

    // Cosine similarity of two documents' TF-IDF vectors (0 when either is empty).
    double cosine(std::size_t a, std::size_t b) const;

    // The document's highest-weighted words, for explanations in the report.
    std::vector<std::string> top_words(std::size_t document, std::size_t count) const;

private:
    struct Weight {
        std::size_t term;
        double value;
    };
    std::vector<std::vector<Weight>> vectors_;  // sorted by term, unit length
    std::vector<std::string> terms_;
};

}  // namespace glossc::merge
