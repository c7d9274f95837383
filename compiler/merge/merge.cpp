// The merge: runs its phases (phases.hpp) in order, and the base-glossary
// run that keeps a build that adds sources from taking the glossary apart.
#include "merge/merge.hpp"

#include <map>
#include <optional>
#include <set>

#include "merge/phases.hpp"
#include "parallel/parallel.hpp"

namespace glossc::merge {

namespace {

// How a merge runs besides its inputs.
struct RunOptions {
    // The caller hands over the entries: concepts take their definitions and
    // extras instead of copying them (half the glossary's memory).
    bool take_entries = false;
    // The glossary had these concepts before the added sources: each stays
    // one concept (new entries may join it, new evidence may join two), and
    // keeps its headword unless an added source of higher priority names it.
    const std::vector<BaseConcept>* base = nullptr;
    // This merge is of the glossary before the added sources: its concepts
    // are written here (with the indices of these sources).
    std::vector<BaseConcept>* keep = nullptr;
};

// This merge's concepts, as the glossary a full merge keeps whole.
std::vector<BaseConcept> base_concepts_of(const std::vector<Draft>& drafts, const std::vector<EntryRecord>& entries) {
    std::vector<BaseConcept> concepts;
    concepts.reserve(drafts.size());
    for (const auto& d : drafts) {
        BaseConcept concept_{{}, d.chosen_headword, d.concept_.headword, d.chosen_priority};
        for (std::size_t r : d.members) concept_.entries.emplace_back(entries[r].source, entries[r].index);
        concepts.push_back(std::move(concept_));
    }
    return concepts;
}

// What each added source changed: the concepts it joined, the ones it
// made, and the pairs it nearly joined (MergeResult::changes).
std::vector<SourceChange> count_changes(const std::vector<Draft>& drafts, const std::vector<Record>& records,
                                        const BaseGlossary& base, const std::vector<PairRecord>& pairs,
                                        const std::vector<SourceEntries>& sources) {
    const std::vector<std::size_t>& base_of_record = base.concept_of_record;
    std::map<const SourceSpec*, SourceChange> changes;
    for (const auto& d : drafts) {
        bool existing = false;
        std::set<const SourceSpec*> added;
        for (std::size_t r : d.members) {
            existing = existing || base_of_record[r] != kNoBase;
            if (base_of_record[r] == kNoBase) added.insert(records[r].spec);
        }
        for (const SourceSpec* spec : added) {
            SourceChange& change = changes[spec];
            (existing ? change.joined : change.created).push_back({d.concept_.id, d.concept_.headword});
        }
    }
    for (const auto& pair : pairs) {
        if (pair.decision == Decision::Merged || !is_near_miss(pair)) continue;
        bool a_added = base_of_record[pair.a] == kNoBase, b_added = base_of_record[pair.b] == kNoBase;
        if (a_added == b_added) continue;
        const SourceSpec* spec = records[a_added ? pair.a : pair.b].spec;
        changes[spec].near_misses.push_back({records[a_added ? pair.a : pair.b].ref,
                                             records[a_added ? pair.b : pair.a].ref,
                                             std::string(to_string(pair.decision)), pair.similarity});
    }
    std::vector<SourceChange> out;
    for (const auto& source : sources) {
        auto it = changes.find(&source.spec);
        if (it == changes.end()) continue;
        it->second.source = source.spec.id;
        it->second.entries = source.result.entries.size();
        out.push_back(std::move(it->second));
    }
    return out;
}

MergeResult run(const Manifest& manifest, const std::vector<SourceEntries>& sources, const MergeData& data,
                std::int64_t timestamp, DiagnosticSink& sink, const RunOptions& options) {
    MergeResult result;
    RecordSet set = collect_records(sources, data, sink);
    std::vector<Record>& records = set.records;
    result.trace.entries = std::move(set.entries);
    const BaseGlossary base = base_glossary(options.base, set);
    EntryRefs refs(records);
    ConstrainedClusters clusters(records.size());
    {
        // The definitions' vectors are only needed for scoring: freed
        // before the concepts are built, where the merge's memory peaks.
        // The definitions' terms and the names' keys are independent
        // work. On a large glossary the two run side by side, so that
        // the candidate search's serial parts leave the other core to
        // TF-IDF (whose later batches take the core the candidates
        // leave). A small one is a single TF-IDF batch, which would then
        // have one core only: there they run one after the other. Only
        // find_candidate_pairs reports diagnostics.
        std::optional<TfIdf> similarity;
        std::vector<PairCandidate> candidates;
        if (records.size() > 4 * TfIdf::kBatch) {
            parallel::for_each_index(2, [&](std::size_t task) {
                if (task == 0) similarity.emplace(definition_vectors(records, data.spelling));
                else candidates = find_candidate_pairs(records, sink);
            });
        } else {
            similarity.emplace(definition_vectors(records, data.spelling));
            candidates = find_candidate_pairs(records, sink);
        }
        drop_blocking_keys(records);
        apply_overrides(clusters, set, base, data.overrides, refs, result.trace.pairs, sink);
        Scores scores = score_pairs(records, candidates, *similarity, data.taxonomy ? &*data.taxonomy : nullptr,
                                    result.trace.pairs);
        decltype(candidates)().swap(candidates);
        cluster_pairs(clusters, records, std::move(scores), result.trace.pairs);
    }
    std::vector<Draft> drafts = draft_concepts(records, clusters, data, base, options.take_entries, refs, sink);
    if (options.keep) *options.keep = base_concepts_of(drafts, result.trace.entries);
    if (base.concepts) result.changes = count_changes(drafts, records, base, result.trace.pairs, sources);
    publish_concepts(drafts, records, manifest, sources, data, timestamp, result);
    return result;
}

// Sources this build adds to the glossary: given with --source, or listed
// in the manifest but in no concept of the ledger (in no release yet).
std::vector<bool> added_sources(const std::vector<SourceEntries>& sources, const Ledger& ledger) {
    std::set<std::string_view> released;
    for (const auto& c : ledger.concepts)
        for (const auto& ref : c.entries) released.insert(std::string_view(ref).substr(0, ref.find(':')));
    std::vector<bool> added(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i)
        added[i] = sources[i].spec.added || (!released.empty() && !released.count(sources[i].spec.id));
    return added;
}

// The glossary before the added sources, as concepts of the full merge's
// sources; nothing when no source is added (or every one is).
std::optional<std::vector<BaseConcept>> base_concepts(const Manifest& manifest, const std::vector<SourceEntries>& sources,
                                                      const MergeData& data, std::int64_t timestamp) {
    std::vector<bool> added = added_sources(sources, data.ledger);
    std::vector<std::size_t> full_index;
    for (std::size_t i = 0; i < sources.size(); ++i)
        if (!added[i]) full_index.push_back(i);
    if (full_index.empty() || full_index.size() == sources.size()) return std::nullopt;
    std::vector<SourceEntries> base;
    base.reserve(full_index.size());
    for (std::size_t i : full_index) base.push_back(sources[i]);
    std::vector<BaseConcept> concepts;
    DiagnosticSink said_by_the_full_merge;  // the full merge reports the same things
    run(manifest, base, data, timestamp, said_by_the_full_merge, {.keep = &concepts});
    for (auto& c : concepts)
        for (auto& entry : c.entries) entry.first = full_index[entry.first];
    return concepts;
}

}  // namespace

// Adding sources never takes the glossary apart: the glossary without them
// is merged first, and its concepts are kept whole in the full merge (see
// RunOptions::base). Costs a second merge only in a build that adds sources.
MergeResult merge_sources(const Manifest& manifest, const std::vector<SourceEntries>& sources, const MergeData& data,
                          std::int64_t timestamp, DiagnosticSink& sink) {
    auto base = base_concepts(manifest, sources, data, timestamp);
    return run(manifest, sources, data, timestamp, sink, {.base = base ? &*base : nullptr});
}

MergeResult merge_sources(const Manifest& manifest, std::vector<SourceEntries>&& sources, const MergeData& data,
                          std::int64_t timestamp, DiagnosticSink& sink) {
    auto base = base_concepts(manifest, sources, data, timestamp);
    return run(manifest, sources, data, timestamp, sink, {.take_entries = true, .base = base ? &*base : nullptr});
}

}  // namespace glossc::merge
