// Each phase of the merge on its own (compiler/merge/phases.hpp): records,
// blocking, scoring, clustering and concepts, on a few tiny sources.
#include <algorithm>
#include <optional>

#include <gtest/gtest.h>

#include "merge/phases.hpp"
#include "support/merge_fixtures.hpp"

namespace glossc {
namespace {

using merge::Decision;
using merge::MatchKind;
using testing::make_entry;
using testing::make_source;

// The phases up to scoring, as merge.cpp runs them. The records point into
// the sources, which a move of the vector keeps in place.
struct Scored {
    std::vector<SourceEntries> sources;
    merge::RecordSet set;
    std::vector<merge::PairCandidate> candidates;
    std::vector<merge::PairRecord> pairs;
    std::optional<merge::Scores> scores;
};

Scored score(std::vector<SourceEntries> sources, const merge::MergeData& data = {}) {
    DiagnosticSink sink;
    Scored out{std::move(sources), {}, {}, {}, {}};
    out.set = merge::collect_records(out.sources, data, sink);
    out.candidates = merge::find_candidate_pairs(out.set.records, sink);
    merge::TfIdf similarity = merge::definition_vectors(out.set.records, data.spelling);
    merge::drop_blocking_keys(out.set.records);
    out.scores = merge::score_pairs(out.set.records, out.candidates, similarity, nullptr, out.pairs);
    return out;
}

// Two sources that each define "Transformer", with nothing in common.
std::vector<SourceEntries> homonym_sources() {
    return {make_source("nets", 10,
                        {make_entry("Transformer",
                                    "A neural network architecture built on self-attention over token sequences.")}),
            make_source("power", 5,
                        {make_entry("Transformer",
                                    "An electrical device that moves energy between circuits by induction.")})};
}

// "Dropout" in two sources, scored; the second defined as given.
Scored score_dropout(const char* second_definition) {
    return score({make_source("a", 2, {make_entry("Dropout", "Randomly zeroing activations in training.")}),
                  make_source("b", 1, {make_entry("Dropout", second_definition)})});
}

// Runs clustering on scored sources, with the glossary's concepts when given.
merge::ConstrainedClusters cluster(Scored& scored, const std::vector<merge::BaseConcept>* base_concepts = nullptr) {
    DiagnosticSink sink;
    merge::BaseGlossary base = merge::base_glossary(base_concepts, scored.set);
    merge::ConstrainedClusters clusters(scored.set.records.size());
    merge::EntryRefs refs(scored.set.records);
    merge::apply_overrides(clusters, scored.set, base, {}, refs, scored.pairs, sink);
    merge::cluster_pairs(clusters, scored.set.records, std::move(*scored.scores), scored.pairs);
    return clusters;
}

TEST(MergePhases, RecordsComeInPriorityOrderWithTheirNamesAndKeys) {
    std::vector<SourceEntries> sources = {
        make_source("low", 1, {make_entry("Load Balancing (MoE)", "Spreading tokens evenly across experts.")}),
        make_source("high", 9, {make_entry("KV Cache", "Stored keys and values of past tokens.",
                                           {{"Key-Value Cache", ir::LabelKind::Expansion, {}}})})};
    DiagnosticSink sink;
    merge::RecordSet set = merge::collect_records(sources, {}, sink);
    ASSERT_EQ(set.records.size(), 2u);
    EXPECT_EQ(set.record_of(1, 0), 0u);  // the higher priority source comes first
    EXPECT_EQ(set.record_of(0, 0), 1u);
    EXPECT_EQ(set.records[0].ref, "high:KV Cache");
    EXPECT_EQ(set.entries[0].source, 1u);

    const auto& kv = set.records[0].names;
    ASSERT_EQ(kv.size(), 2u);
    EXPECT_EQ(kv[0].kind, ir::LabelKind::Preferred);
    EXPECT_EQ(kv[0].keys.exact, "kv cache");
    EXPECT_EQ(kv[1].text, "Key-Value Cache");
    EXPECT_EQ(kv[1].keys.initials, "kvc");

    // A qualified headword also offers its base name, as a key only.
    const auto& moe = set.records[1].names;
    auto base = std::find_if(moe.begin(), moe.end(), [](const merge::Name& n) { return n.text == "Load Balancing"; });
    ASSERT_NE(base, moe.end());
    EXPECT_TRUE(base->base_only);
    EXPECT_TRUE(set.records[1].headword_name(static_cast<std::size_t>(base - moe.begin())));
}

TEST(MergePhases, RecordsOfASourceListedTwiceMirrorTheOriginal) {
    auto original = make_source("a", 5, {make_entry("Dropout", "Zeroing random activations while training.")});
    auto copy = original;
    copy.spec.id = "b";
    DiagnosticSink sink;
    std::vector<SourceEntries> sources = {original, copy};
    merge::RecordSet set = merge::collect_records(sources, {}, sink);
    ASSERT_EQ(set.records.size(), 2u);
    EXPECT_FALSE(set.records[0].mirror_of);
    EXPECT_EQ(set.records[1].mirror_of, std::optional<std::size_t>(0));
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "source-duplicate");
}

TEST(MergePhases, BlockingFindsTheCandidatePairsOfThreeTinyRecords) {
    std::vector<SourceEntries> sources = {
        make_source("a", 3, {make_entry("Retrieval-Augmented Generation", "Generating from retrieved passages.")}),
        make_source("b", 2, {make_entry("RAG", "Retrieving passages before generating an answer.")}),
        make_source("c", 1, {make_entry("Dropout", "Zeroing random activations while training.")})};
    DiagnosticSink sink;
    merge::RecordSet set = merge::collect_records(sources, {}, sink);
    auto candidates = merge::find_candidate_pairs(set.records, sink);
    // "RAG" abbreviates the first; "Dropout" shares no key with either.
    ASSERT_EQ(candidates.size(), 1u);
    EXPECT_EQ(candidates[0].a, 0u);
    EXPECT_EQ(candidates[0].b, 1u);
    EXPECT_EQ(candidates[0].candidate.match, MatchKind::Acronym);
    EXPECT_TRUE(sink.all().empty());
}

TEST(MergePhases, BlockingKeepsOneCandidatePerPairTheStrongestKind) {
    // "KV Cache" and "KV-Cache" share every key (same name, no space, stem,
    // base name): one candidate, of the strongest kind.
    std::vector<SourceEntries> sources = {make_source("a", 2, {make_entry("KV Cache", "Keys and values kept.")}),
                                          make_source("b", 1, {make_entry("KV-Cache", "Keys and values stored.")})};
    DiagnosticSink sink;
    merge::RecordSet set = merge::collect_records(sources, {}, sink);
    auto candidates = merge::find_candidate_pairs(set.records, sink);
    ASSERT_EQ(candidates.size(), 1u);
    EXPECT_EQ(candidates[0].candidate.match, MatchKind::SameName);
    EXPECT_EQ(candidates[0].candidate.name_a, 0u);
    EXPECT_EQ(candidates[0].candidate.name_b, 0u);
}

TEST(MergePhases, ScoringKeepsTheSameNameWithDissimilarDefinitionsApart) {
    Scored scored = score(homonym_sources());
    ASSERT_EQ(scored.pairs.size(), 1u);
    EXPECT_EQ(scored.pairs[0].decision, Decision::Homonym);
    EXPECT_LT(scored.pairs[0].similarity, merge::kHomonymThreshold);
    EXPECT_EQ(scored.scores->apart, std::vector<std::size_t>{0});
    EXPECT_TRUE(scored.scores->edges.empty());
}

TEST(MergePhases, ScoringMergesTheSameNameWithSimilarDefinitions) {
    Scored scored = score_dropout("Zeroing random activations in training.");
    ASSERT_EQ(scored.pairs.size(), 1u);
    EXPECT_EQ(scored.pairs[0].decision, Decision::Merged);
    ASSERT_EQ(scored.scores->edges.size(), 1u);
    EXPECT_EQ(scored.scores->edges[0].pair, 0u);
    EXPECT_GT(scored.scores->edges[0].score, 3.5);  // same name (2), headwords (1.5), plus the similarity
    EXPECT_TRUE(scored.scores->apart.empty());
}

TEST(MergePhases, ScoringSendsAnEntryThatIsOnlyNamesToTheLastStep) {
    Scored scored = score_dropout("");
    EXPECT_EQ(scored.pairs.at(0).decision, Decision::Merged);
    EXPECT_TRUE(scored.scores->edges.empty());
    EXPECT_EQ(scored.scores->undefined, std::vector<std::size_t>{0});
}

TEST(MergePhases, ClusteringKeepsHomonymsApart) {
    Scored scored = score(homonym_sources());
    merge::ConstrainedClusters clusters = cluster(scored);
    EXPECT_NE(clusters.find(0), clusters.find(1));
}

TEST(MergePhases, ClusteringKeepsABaseConceptWhole) {
    // The glossary had one "Transformer" concept of both entries: the
    // evidence that keeps them apart does not take it apart.
    Scored scored = score(homonym_sources());
    std::vector<merge::BaseConcept> base = {{{{0, 0}, {1, 0}}, "Transformer", "Transformer", 10}};
    merge::ConstrainedClusters clusters = cluster(scored, &base);
    EXPECT_EQ(clusters.find(0), clusters.find(1));
}

TEST(MergePhases, ClusteringLeavesAnUndefinedEntryAloneWhenItsNameIsTwoConcepts) {
    auto sources = homonym_sources();
    sources.push_back(make_source("list", 1, {make_entry("Transformer", "")}));
    Scored scored = score(sources);
    merge::ConstrainedClusters clusters = cluster(scored);
    EXPECT_NE(clusters.find(0), clusters.find(1));
    EXPECT_NE(clusters.find(2), clusters.find(0));
    EXPECT_NE(clusters.find(2), clusters.find(1));
    EXPECT_EQ(std::count_if(scored.pairs.begin(), scored.pairs.end(),
                            [](const merge::PairRecord& p) { return p.decision == Decision::Ambiguous; }),
              2);
}

TEST(MergePhases, ConceptsQualifyHomonymsAndGiveThemIds) {
    Scored scored = score(homonym_sources());
    merge::ConstrainedClusters clusters = cluster(scored);
    DiagnosticSink sink;
    merge::MergeData data;
    merge::EntryRefs refs(scored.set.records);
    auto drafts = merge::draft_concepts(scored.set.records, clusters, data, {}, false, refs, sink);
    ASSERT_EQ(drafts.size(), 2u);
    EXPECT_EQ(drafts[0].chosen_headword, "Transformer");
    EXPECT_EQ(drafts[0].concept_.headword, "Transformer (nets)");
    EXPECT_EQ(drafts[1].concept_.headword, "Transformer (power)");
    EXPECT_EQ(drafts[0].concept_.id, "transformer-nets");
    EXPECT_EQ(drafts[1].concept_.id, "transformer-power");

    merge::MergeResult result;
    result.trace.entries = scored.set.entries;
    Manifest manifest;
    merge::publish_concepts(drafts, scored.set.records, manifest, scored.sources, data, 0, result);
    ASSERT_EQ(result.glossary.concepts.size(), 2u);
    EXPECT_EQ(result.ledger.concepts.size(), 2u);
    EXPECT_EQ(result.trace.entries[1].concept_id, "transformer-power");
}

TEST(MergePhases, ConceptsTakeTheHeadwordOfTheHigherPrioritySource) {
    const char* definition = "Generating an answer from passages retrieved for the question.";
    Scored scored = score({make_source("low", 1,
                                       {make_entry("Retrieval-Augmented Generation", definition,
                                                   {{"RAG", ir::LabelKind::Abbreviation, {}}})}),
                           make_source("high", 9, {make_entry("RAG", definition)})});
    merge::ConstrainedClusters clusters = cluster(scored);
    DiagnosticSink sink;
    merge::EntryRefs refs(scored.set.records);
    auto drafts = merge::draft_concepts(scored.set.records, clusters, {}, {}, false, refs, sink);
    ASSERT_EQ(drafts.size(), 1u);
    EXPECT_EQ(drafts[0].concept_.headword, "RAG");
    ASSERT_EQ(drafts[0].concept_.labels.size(), 2u);
    EXPECT_EQ(drafts[0].concept_.labels[1].text, "Retrieval-Augmented Generation");
    EXPECT_EQ(drafts[0].concept_.labels[1].kind, ir::LabelKind::Expansion);
}

}  // namespace
}  // namespace glossc
