// TF-IDF similarity: the vectors are built from hashed terms on parallel
// threads; cosine must be what the textbook computation over the words gives
// (sublinear tf, smoothed idf, unit length), whatever the documents.
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "merge/similarity.hpp"
#include "support/property.hpp"

namespace {

using glossc::merge::TfIdf;
using Documents = std::vector<std::vector<std::string>>;

// The cosine of documents a and b, computed the plain way: words as they
// are, in maps.
double reference_cosine(const Documents& documents, std::size_t a, std::size_t b) {
    std::map<std::string, std::size_t> frequency;  // documents using each word
    double n = 0;
    for (const auto& document : documents) {
        if (!document.empty()) ++n;
        for (const auto& word : std::set<std::string>(document.begin(), document.end())) ++frequency[word];
    }
    auto vector = [&](const std::vector<std::string>& document) {
        std::map<std::string, double> counts, weights;
        for (const auto& word : document) counts[word] += 1;
        double norm = 0;
        for (const auto& [word, count] : counts) {
            double weight = (1 + std::log(count)) * (1 + std::log((1 + n) / (1 + static_cast<double>(frequency[word]))));
            weights[word] = weight;
            norm += weight * weight;
        }
        for (auto& [word, weight] : weights) weight /= std::sqrt(norm);
        return weights;
    };
    auto x = vector(documents[a]), y = vector(documents[b]);
    double dot = 0;
    for (const auto& [word, weight] : x)
        if (auto it = y.find(word); it != y.end()) dot += weight * it->second;
    return dot;
}

TEST(TfIdf, IdenticalDocumentsAreSimilarAndDisjointOnesNot) {
    Documents documents{{"attention", "head", "query", "key"},
                        {"attention", "head", "query", "key"},
                        {"gradient", "clipping", "norm"},
                        {},
                        {"attention", "gradient"}};
    TfIdf tfidf(documents);
    EXPECT_NEAR(tfidf.cosine(0, 1), 1.0, 1e-12);
    EXPECT_EQ(tfidf.cosine(0, 2), 0.0);
    EXPECT_EQ(tfidf.cosine(0, 3), 0.0);  // an empty document is like nothing
    EXPECT_EQ(tfidf.cosine(3, 3), 0.0);
    EXPECT_GT(tfidf.cosine(0, 4), 0.0);
    EXPECT_LT(tfidf.cosine(0, 4), 1.0);
}

TEST(TfIdf, RepeatedWordsWeighMoreButSublinearly) {
    // "loss" twice in the first document: its weight there is 1 + ln 2
    // times the weight it has once, not twice.
    Documents documents{{"loss", "loss", "scale"}, {"loss", "scale"}, {"other"}};
    TfIdf tfidf(documents);
    EXPECT_NEAR(tfidf.cosine(0, 1), reference_cosine(documents, 0, 1), 1e-12);
    EXPECT_LT(tfidf.cosine(0, 1), 1.0);
}

TEST(TfIdf, CosineIsTheTextbookOne) {
    glossc::testing::check_property("TF-IDF cosine = reference", 200, [] {
        // A small vocabulary, so that documents share words and some repeat them.
        const auto word = rc::gen::map(rc::gen::inRange(0, 12), [](int i) { return "w" + std::to_string(i); });
        const auto documents = *rc::gen::resize(
            30, rc::gen::nonEmpty(rc::gen::container<Documents>(rc::gen::container<std::vector<std::string>>(word))));
        TfIdf tfidf(documents);
        for (std::size_t a = 0; a < documents.size(); ++a)
            for (std::size_t b = 0; b < documents.size(); ++b) {
                const double cosine = tfidf.cosine(a, b);
                RC_ASSERT(std::abs(cosine - reference_cosine(documents, a, b)) < 1e-9);
                RC_ASSERT(cosine == tfidf.cosine(b, a));
                RC_ASSERT(cosine >= 0.0);
                RC_ASSERT(cosine <= 1.0 + 1e-12);
            }
    });
}

TEST(TfIdf, MoreDocumentsThanABatch) {
    // Documents past the first batch get the same vectors as in it.
    Documents documents(TfIdf::kBatch + 10, std::vector<std::string>{"filler"});
    documents[1] = {"mixture", "experts", "router"};
    documents.back() = {"mixture", "experts", "router"};
    TfIdf tfidf(documents);
    EXPECT_NEAR(tfidf.cosine(1, documents.size() - 1), 1.0, 1e-12);
    EXPECT_NEAR(tfidf.cosine(1, documents.size() - 1), reference_cosine(documents, 1, documents.size() - 1), 1e-12);
    EXPECT_EQ(tfidf.cosine(0, 1), 0.0);
}

}  // namespace
