#include "merge/similarity.hpp"

#include <algorithm>
#include <cmath>

#include <tsl/robin_map.h>
#define XXH_INLINE_ALL  // a word is a few bytes: a call would cost more than hashing it
#include <xxhash.h>

#include "parallel/parallel.hpp"

namespace glossc::merge {

std::uint64_t TfIdf::term(std::string_view word) { return XXH3_64bits(word.data(), word.size()); }

TfIdf::TfIdf(const std::vector<std::vector<std::string>>& documents)
    : TfIdf(documents.size(), [&documents](std::size_t d, std::vector<std::uint64_t>& terms) {
          for (const auto& word : documents[d]) terms.push_back(term(word));
      }) {}

TfIdf::TfIdf(std::size_t count, const TermsOf& terms_of) {
    // Each document's distinct terms with how often each occurs (weighted in
    // place below), sorted by term.
    // In batches: when other work holds a core as this starts (the merge's
    // candidate search), a later batch takes it once that work is done.
    vectors_.resize(count);
    for (std::size_t first = 0; first < count; first += kBatch) {
        parallel::for_each_index(std::min(kBatch, count - first), [&](std::size_t k) {
            thread_local std::vector<std::uint64_t> terms;
            terms.clear();
            terms_of(first + k, terms);
            std::sort(terms.begin(), terms.end());
            auto& vector = vectors_[first + k];
            std::size_t distinct = terms.empty() ? 0 : 1;
            for (std::size_t i = 1; i < terms.size(); ++i) distinct += terms[i] != terms[i - 1];
            vector.reserve(distinct);
            for (std::uint64_t t : terms) {
                if (vector.empty() || vector.back().term != t) vector.push_back({t, 0});
                vector.back().value += 1;
            }
        });
    }
    // How many documents use each term: each thread counts the terms of one
    // shard (by hash) in its own table.
    const std::size_t shards = std::max(1u, parallel::jobs());
    // The term's top 32 bits scaled to [0, shards): a multiplication where % was a division per term.
    auto shard_of = [shards](std::uint64_t term) { return static_cast<std::size_t>(((term >> 32) * shards) >> 32); };
    std::vector<tsl::robin_map<std::uint64_t, std::uint32_t>> document_frequency(shards);
    parallel::for_each_index(shards, [&](std::size_t shard) {
        auto& table = document_frequency[shard];
        for (const auto& vector : vectors_)
            for (const Weight& w : vector)
                if (shard_of(w.term) == shard) ++table[w.term];
    });
    // Entries without text (no definition, or a duplicate source's copy) do
    // not count as documents, so they cannot shift any idf.
    const double n = static_cast<double>(
        std::count_if(vectors_.begin(), vectors_.end(), [](const auto& vector) { return !vector.empty(); }));
    parallel::for_each_index(count, [&](std::size_t d) {
        double norm = 0;
        for (Weight& w : vectors_[d]) {
            const double occurrences = w.value;
            const double documents = document_frequency[shard_of(w.term)].find(w.term)->second;
            // Sublinear tf and smoothed idf, as scikit-learn's defaults do.
            w.value = (1 + std::log(occurrences)) * (1 + std::log((1 + n) / (1 + documents)));
            norm += w.value * w.value;
        }
        norm = std::sqrt(norm);
        if (norm > 0)
            for (Weight& w : vectors_[d]) w.value /= norm;
    });
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

}  // namespace glossc::merge
