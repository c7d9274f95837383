#include "merge/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace glossc::merge {

TfIdf::TfIdf(const std::vector<std::vector<std::string>>& documents) {
    std::unordered_map<std::string, std::size_t> term_ids;
    std::vector<std::size_t> document_frequency;
    std::vector<std::map<std::size_t, double>> counts(documents.size());
    for (std::size_t d = 0; d < documents.size(); ++d) {
        for (const auto& word : documents[d]) {
            auto [it, inserted] = term_ids.emplace(word, terms_.size());
            if (inserted) {
                terms_.push_back(word);
                document_frequency.push_back(0);
            }
            if (counts[d][it->second]++ == 0) ++document_frequency[it->second];
        }
    }
    // Entries without text (no definition, or a duplicate source's copy) do
    // not count as documents, so they cannot shift any idf.
    const double n = static_cast<double>(
        std::count_if(documents.begin(), documents.end(), [](const auto& d) { return !d.empty(); }));
    vectors_.resize(documents.size());
    for (std::size_t d = 0; d < documents.size(); ++d) {
        double norm = 0;
        for (const auto& [term, count] : counts[d]) {
            // Sublinear tf and smoothed idf, as scikit-learn's defaults do.
            double weight = (1 + std::log(count)) * (1 + std::log((1 + n) / (1 + static_cast<double>(document_frequency[term]))));
            vectors_[d].push_back({term, weight});
            norm += weight * weight;
        }
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
