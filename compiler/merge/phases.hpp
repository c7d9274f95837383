// The merge's phases (merge.hpp names them and their files) and the values
// passed between them: records, candidate pairs, scores, clusters, drafts.
// merge.cpp runs them in order. Internal to compiler/merge (and its tests):
// callers use merge.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "merge/clusters.hpp"
#include "merge/merge.hpp"
#include "merge/normalize.hpp"
#include "merge/similarity.hpp"

namespace glossc::merge {

// ---- 1. records and names (records.cpp) -----------------------------------------

struct Name {
    std::string text;
    ir::LabelKind kind = ir::LabelKind::Variant;  // Preferred for the entry's headword
    bool base_only = false;                       // the headword without its qualifier: a key, not a label
    NameKeys keys;
    bool from_definition = false;  // given by the entry's definition ("also called ..."): weaker evidence
};

// One entry with everything the merge computes about it.
struct Record {
    const SourceSpec* spec = nullptr;
    const Entry* entry = nullptr;
    std::string ref;
    std::vector<Name> names;  // names[0] is the headword
    bool defined = false;     // has a summary or body (not only a usage example) that says more than its names
    // Says nothing but names: no definition, example or details, or a
    // definition that only spells out the term (join_undefined_entries).
    bool names_only = false;
    // The same entry in an earlier source with identical entries (a source
    // listed twice): it only adds provenance.
    std::optional<std::size_t> mirror_of;
    std::set<std::string> topics;  // unified categories of the entry

    // The headword itself, or a weaker form of it (base name): names the
    // entry is printed under, as opposed to its aliases.
    bool headword_name(std::size_t name) const { return name == 0 || names[name].base_only; }
};

struct RecordSet {
    // Sources in priority order (then id), each source's entries in order:
    // every tie-break downstream is independent of the order sources are
    // listed in.
    std::vector<Record> records;
    std::vector<EntryRecord> entries;  // the trace's, one per record (no concept yet)
    std::vector<std::size_t> first_record_of_source;  // by index into the sources given

    std::size_t record_of(std::size_t source, std::size_t entry) const {
        return first_record_of_source[source] + entry;
    }
};

// One record per entry of `sources`, with its names and their keys. Notes a
// source that has the same entries as another.
RecordSet collect_records(const std::vector<SourceEntries>& sources, const MergeData& data, DiagnosticSink& sink);

// The same letters, ignoring ASCII case: "Triton" / "triton".
bool same_letters(std::string_view a, std::string_view b);

// Entries as editors name them ("source-id:key", Record::ref), for the
// overrides. Indexed on first use: only overrides name entries by reference.
class EntryRefs {
public:
    explicit EntryRefs(const std::vector<Record>& records) : records_(records) {}
    // The record named, or nothing (with a warning: the override is ignored).
    std::optional<std::size_t> resolve(const EntryName& name, DiagnosticSink& sink);

private:
    const std::vector<Record>& records_;
    std::unordered_map<std::string_view, std::size_t> index_;  // Record::ref -> record
};

// ---- 2. blocking (blocking.cpp) ------------------------------------------------

struct Candidate {
    MatchKind match;
    std::size_t name_a, name_b;  // indices into the records' names
};
struct PairCandidate {
    std::size_t a, b;  // records, a < b
    Candidate candidate;
};

// Pairs of records that share a name key, one per pair in (a, b) order: the
// strongest kind of key wins; among equals, headword meeting headword, then
// the first found. Warns of a key too common to be evidence.
std::vector<PairCandidate> find_candidate_pairs(const std::vector<Record>& records, DiagnosticSink& sink);

// Only the exact key is used after blocking: the others go, so that they do
// not add to the memory the concepts need.
void drop_blocking_keys(std::vector<Record>& records);

// ---- 3. scoring (scoring.cpp) --------------------------------------------------

// The TF-IDF vectors of the records' definitions (a mirror has none).
TfIdf definition_vectors(const std::vector<Record>& records, const SpellingMap& spelling);

struct Scores {
    struct Edge {
        double score;      // the higher, the stronger the evidence
        std::size_t pair;  // index into MergeTrace::pairs
    };
    std::vector<Edge> edges;  // merged pairs of defined entries, in pair order
    // Merged pairs of two sources with an entry that says nothing but names:
    // joined last (join_undefined_entries).
    std::vector<std::size_t> undefined;
    // Homonym pairs: their entries must stay apart.
    std::vector<std::size_t> apart;
    // Pairs of one source's entries found to be one concept, (a, b) with a < b.
    std::set<std::pair<std::size_t, std::size_t>> internal_duplicates;
};

// Scores every candidate pair and decides it (merged, homonym, too weak,
// two entries of one source), appending one PairRecord per candidate to
// `pairs`. `taxonomy` may be null.
Scores score_pairs(const std::vector<Record>& records, const std::vector<PairCandidate>& candidates,
                   const TfIdf& similarity, const Taxonomy* taxonomy, std::vector<PairRecord>& pairs);

// ---- 4. clustering (clustering.cpp) --------------------------------------------

// A concept of the glossary as it is before the sources this build adds
// (merge_sources): its entries as (source, entry) indices of the sources
// given to the merge, and the headword it is published under.
struct BaseConcept {
    std::vector<std::pair<std::size_t, std::size_t>> entries;
    std::string chosen_headword;  // the merge's choice, before a homonym qualifier
    std::string headword;         // as published
    std::int64_t priority = 0;    // of the source the headword came from
};

constexpr std::size_t kNoBase = static_cast<std::size_t>(-1);

// The glossary before the added sources, as this merge's records see it;
// no concepts in a build that adds none.
struct BaseGlossary {
    const std::vector<BaseConcept>* concepts = nullptr;
    std::vector<std::size_t> concept_of_record;  // index into *concepts, or kNoBase for an added source's entry
};
// `concepts` (may be null: a build that adds no source) among the records of `set`.
BaseGlossary base_glossary(const std::vector<BaseConcept>* concepts, const RecordSet& set);

// What is one concept or two before any evidence is weighed: a source's
// copy joins its original, each of the glossary's concepts stays whole, an
// editor's not_same_as keeps entries apart and same_as joins them (each
// join recorded in `pairs`).
void apply_overrides(ConstrainedClusters& clusters, const RecordSet& set, const BaseGlossary& base,
                     const Overrides& overrides, EntryRefs& refs, std::vector<PairRecord>& pairs,
                     DiagnosticSink& sink);

// Joins the scored pairs' entries: homonyms kept apart, then the merged
// pairs strongest evidence first, then the entries that say nothing but
// names. A refused union turns its pair Constrained (or Ambiguous).
void cluster_pairs(ConstrainedClusters& clusters, const std::vector<Record>& records, Scores&& scores,
                   std::vector<PairRecord>& pairs);

// ---- 5. concepts (concepts.cpp) ------------------------------------------------

struct Draft {
    std::vector<std::size_t> members;  // record indices, in record order
    ir::Concept concept_;
    std::string chosen_headword;  // the merge's own choice, before any override
    std::string chosen_key;       // its key (NameKeys::exact)
    std::int64_t chosen_priority = 0;  // of the source the chosen headword came from
    // A concept the glossary already had keeps the headword it was
    // published under (pin_headword), qualifier and all.
    bool headword_pinned = false;
    std::string published_headword;
    bool headword_overridden = false;
    bool categories_overridden = false;
};

// One draft per cluster, in the order of their first members (record
// order): headword, labels, definitions, categories, references, related
// ids, homonym qualifiers and ids (the ledger's where it has them). With
// `take_entries` the drafts take the entries' definitions and extras
// instead of copying them (the entries are the caller's, not const).
std::vector<Draft> draft_concepts(const std::vector<Record>& records, ConstrainedClusters& clusters,
                                  const MergeData& data, const BaseGlossary& base, bool take_entries, EntryRefs& refs,
                                  DiagnosticSink& sink);

// The glossary (concepts in book order), the ledger for this edition (id
// order) and each trace entry's concept, from the drafts (whose concepts
// are moved out).
void publish_concepts(std::vector<Draft>& drafts, const std::vector<Record>& records, const Manifest& manifest,
                      const std::vector<SourceEntries>& sources, const MergeData& data, std::int64_t timestamp,
                      MergeResult& result);

}  // namespace glossc::merge
