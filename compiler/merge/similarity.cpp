#include "merge/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "parallel/parallel.hpp"

namespace glossc::merge {

TfIdf::TfIdf(const std::vector<std::vector<std::string>>& documents)
    : TfIdf(documents.size(), [&documents](std::size_t d) { return documents[d]; }) {}

namespace {

// A word and its hash, computed once on the thread that found the word.
struct HashedWord {
    std::string text;
    std::size_t hash;
    bool operator==(const HashedWord& other) const { return text == other.text; }
};
struct StoredHash {
    std::size_t operator()(const HashedWord& word) const { return word.hash; }
};

// Term ids are handed out in order of first use, document by document and
// word by word, so that every build gives each term the same id, and cosine
// sums in the same order, on any number of threads. The table of terms is
// split into shards by hash, each looked up on its own thread: a word first
// seen in a batch is marked pending in its shard, and the pending words of
// all shards get their ids afterwards, in order of first use.
class TermTable {
public:
    explicit TermTable(std::size_t shards) : shards_(shards) {}

    // Replaces each word of the batch by its term id; a term first seen here
    // gets the next id.
    std::vector<std::vector<std::size_t>> identify(std::vector<std::vector<HashedWord>>& batch) {
        std::vector<std::vector<std::size_t>> ids(batch.size());
        for (std::size_t k = 0; k < batch.size(); ++k) ids[k].resize(batch[k].size());
        for (auto& shard : shards_) shard.fresh.clear();
        parallel::for_each_index(shards_.size(), [&](std::size_t s) {
            Shard& shard = shards_[s];
            for (std::size_t k = 0; k < batch.size(); ++k)
                for (std::size_t j = 0; j < batch[k].size(); ++j) {
                    HashedWord& word = batch[k][j];
                    if (word.hash % shards_.size() != s) continue;
                    auto [it, inserted] = shard.ids.try_emplace(std::move(word), kPending | shard.fresh.size());
                    if (inserted) shard.fresh.push_back({k, j, &it->second, &it->first.text});
                    ids[k][j] = it->second;
                }
        });
        // The batch's new terms, in order of first use.
        std::vector<Fresh*> fresh;
        for (auto& shard : shards_)
            for (auto& f : shard.fresh) fresh.push_back(&f);
        std::sort(fresh.begin(), fresh.end(),
                  [](const Fresh* a, const Fresh* b) { return std::tie(a->document, a->word) < std::tie(b->document, b->word); });
        for (Fresh* f : fresh) {
            *f->id = terms_.size();
            terms_.push_back(*f->text);
        }
        parallel::for_each_index(ids.size(), [&](std::size_t k) {
            for (std::size_t j = 0; j < ids[k].size(); ++j)
                if (ids[k][j] & kPending)
                    ids[k][j] = *shards_[batch[k][j].hash % shards_.size()].fresh[ids[k][j] & ~kPending].id;
        });
        return ids;
    }

    std::vector<std::string> take_terms() {
        shards_.clear();
        return std::move(terms_);
    }

private:
    static constexpr std::size_t kPending = std::size_t{1} << (8 * sizeof(std::size_t) - 1);
    struct Fresh {
        std::size_t document, word;
        std::size_t* id;
        const std::string* text;
    };
    struct Shard {
        std::unordered_map<HashedWord, std::size_t, StoredHash> ids;
        std::vector<Fresh> fresh;
    };
    std::vector<Shard> shards_;
    std::vector<std::string> terms_;
};

}  // namespace

TfIdf::TfIdf(std::size_t count, const std::function<std::vector<std::string>(std::size_t)>& words_of) {
    TermTable table(std::max(1u, parallel::jobs()));
    // Per document, (term, count) by term. The words themselves are only
    // held a batch at a time: for a large corpus they were most of the
    // merge's memory.
    std::vector<std::vector<std::pair<std::size_t, std::uint32_t>>> counts(count);
    std::size_t non_empty = 0;
    std::vector<std::vector<HashedWord>> batch;
    for (std::size_t first = 0; first < count; first += kBatch) {
        batch.assign(std::min(kBatch, count - first), {});
        parallel::for_each_index(batch.size(), [&](std::size_t k) {
            std::vector<std::string> words = words_of(first + k);
            batch[k].reserve(words.size());
            for (auto& word : words) {
                std::size_t hash = std::hash<std::string>{}(word);
                batch[k].push_back({std::move(word), hash});
            }
        });
        std::vector<std::vector<std::size_t>> ids = table.identify(batch);
        parallel::for_each_index(batch.size(), [&](std::size_t k) {
            std::sort(ids[k].begin(), ids[k].end());
            auto& document = counts[first + k];
            for (std::size_t id : ids[k]) {
                if (document.empty() || document.back().first != id) document.emplace_back(id, 0);
                ++document.back().second;
            }
        });
        for (std::size_t k = 0; k < batch.size(); ++k)
            if (!ids[k].empty()) ++non_empty;
    }
    terms_ = table.take_terms();
    // How many documents use each term: each thread counts a range of terms.
    std::vector<std::size_t> document_frequency(terms_.size());
    const std::size_t ranges = std::max(1u, parallel::jobs());
    parallel::for_each_index(ranges, [&](std::size_t part) {
        const std::size_t low = terms_.size() * part / ranges, high = terms_.size() * (part + 1) / ranges;
        for (const auto& document : counts)
            for (const auto& [term, occurrences] : document)
                if (term >= low && term < high) ++document_frequency[term];
    });
    // Entries without text (no definition, or a duplicate source's copy) do
    // not count as documents, so they cannot shift any idf.
    const double n = static_cast<double>(non_empty);
    vectors_.resize(count);
    parallel::for_each_index(count, [&](std::size_t d) {
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
