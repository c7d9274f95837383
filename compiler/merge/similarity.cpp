#include "merge/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "parallel/parallel.hpp"

namespace glossc::merge {

TfIdf::TfIdf(const std::vector<std::vector<std::string>>& documents)
    : TfIdf(documents.size(), [&documents](std::size_t d) { return documents[d]; }) {}

TfIdf::TfIdf(std::size_t count, const std::function<std::vector<std::string>(std::size_t)>& words_of) {
    std::unordered_map<std::string, std::size_t> term_ids;
    std::vector<std::size_t> document_frequency;
    // Per document, (term, count) by term. The words themselves are only
    // held a batch at a time: for a large corpus they were most of the
    // merge's memory.
    std::vector<std::vector<std::pair<std::size_t, std::uint32_t>>> counts(count);
    std::size_t non_empty = 0;
    std::vector<std::vector<std::string>> batch;
    std::vector<std::size_t> ids;
    for (std::size_t first = 0; first < count; first += kBatch) {
        batch.assign(std::min(kBatch, count - first), {});
        parallel::for_each_index(batch.size(), [&](std::size_t k) { batch[k] = words_of(first + k); });
        // Term ids in order of first use, document by document: the same
        // ids, so the same summation order in cosine, on any thread count.
        for (std::size_t k = 0; k < batch.size(); ++k) {
            ids.clear();
            for (const auto& word : batch[k]) {
                // try_emplace: no node is built for a word already seen.
                auto [it, inserted] = term_ids.try_emplace(word, terms_.size());
                if (inserted) {
                    terms_.push_back(word);
                    document_frequency.push_back(0);
                }
                ids.push_back(it->second);
            }
            if (!ids.empty()) ++non_empty;
            std::sort(ids.begin(), ids.end());
            auto& document = counts[first + k];
            for (std::size_t id : ids) {
                if (document.empty() || document.back().first != id) {
                    document.emplace_back(id, 0);
                    ++document_frequency[id];
                }
                ++document.back().second;
            }
        }
    }
    // Entries without text (no definition, or a duplicate source's copy) do
    // not count as documents, so they cannot shift any idf.
    const double n = static_cast<double>(non_empty);
    vectors_.resize(count);
    for (std::size_t d = 0; d < count; ++d) {
        double norm = 0;
        vectors_[d].reserve(counts[d].size());
        for (const auto& [term, occurrences] : counts[d]) {
            // Sublinear tf and smoothed idf, as scikit-learn's defaults do.
            double weight = (1 + std::log(static_cast<double>(occurrences))) *
                            (1 + std::log((1 + n) / (1 + static_cast<double>(document_frequency[term]))));
            vectors_[d].push_back({term, weight});
            norm += weight * weight;
        }
        std::vector<std::pair<std::size_t, std::uint32_t>>().swap(counts[d]);
        norm = std::sqrt(norm);
        if (norm > 0)
            for (auto& w : vectors_[d]) w.value /= norm;
    }
}

double TfIdf::cosine(std::size_t a, std::size_t b) const {
    const auto& x = vectors_[a];
    const auto& y = vectors_[b];
    double dot = 0;
    std::size_t i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
        if (x[i].term < y[j].term) {
            ++i;
        } else if (y[j].term < x[i].term) {
            ++j;
        } else {
            dot += x[i++].value * y[j++].value;
        }
    }
    return dot;
}

std::vector<std::string> TfIdf::top_words(std::size_t document, std::size_t count) const {
    auto weights = vectors_[document];
    std::stable_sort(weights.begin(), weights.end(), [this](const Weight& a, const Weight& b) {
        return a.value != b.value ? a.value > b.value : terms_[a.term] < terms_[b.term];
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < weights.size() && i < count; ++i) out.push_back(terms_[weights[i].term]);
    return out;
}

}  // namespace glossc::merge
