// Phase 4 of the merge: union-find, strongest evidence first, refusing any
// union that joins entries that must stay apart or two different entries
// of one source; editors' overrides and the glossary's own concepts come
// first and win (phases.hpp, clusters.hpp).
#include <algorithm>
#include <map>

#include "merge/phases.hpp"
#include "parallel/parallel.hpp"

namespace glossc::merge {

namespace {

// Two clusters may join unless a source would then hold two different
// entries (by headword) in one concept.
bool sources_compatible(const std::vector<Record>& records, const Scores& scores, const std::vector<std::size_t>& a,
                        const std::vector<std::size_t>& b) {
    for (std::size_t ra : a)
        for (std::size_t rb : b)
            if (records[ra].spec == records[rb].spec &&
                records[ra].names[0].keys.exact != records[rb].names[0].keys.exact &&
                !scores.internal_duplicates.count({std::min(ra, rb), std::max(ra, rb)}))
                return false;
    return true;
}

// Joins a merged pair's clusters; a refused union is recorded with the
// pair that blocked it, which the report names.
void union_or_refuse(ConstrainedClusters& clusters, const ConstrainedClusters::Compatible& compatible,
                     PairRecord& pair) {
    ConstrainedClusters::Refusal refusal;
    if (clusters.try_union(pair.a, pair.b, compatible, &refusal)) return;
    pair.decision = Decision::Constrained;
    pair.blocked_by = refusal.reason == ConstrainedClusters::Refusal::Reason::CannotLink
                          ? PairRecord::Blocker::MustStayApart
                          : PairRecord::Blocker::SameSource;
    pair.blocked_a = refusal.a;
    pair.blocked_b = refusal.b;
}

// True when `pair` matched an expansion the entry `record` gives.
bool matched_expansion(const std::vector<Record>& records, std::size_t record, const PairRecord& pair) {
    const std::string& name = pair.a == record ? pair.name_a : pair.name_b;
    for (const auto& n : records[record].names)
        if (n.text == name && n.kind == ir::LabelKind::Expansion) return true;
    return false;
}

// An entry that says nothing but names (no definition, example or
// details, or a definition that only spells out its term) is evidence of
// names, not of meaning: it joins a concept only on an exact
// name (or the same name without spaces), after every defined entry has
// found its concept, and only when the names it matches all lead to one
// concept. A name two concepts carry (a homonym) leaves it on its own.
void join_undefined_entries(ConstrainedClusters& clusters, const ConstrainedClusters::Compatible& compatible,
                            const std::vector<Record>& records, const std::vector<std::size_t>& undefined,
                            std::vector<PairRecord>& pairs) {
    // The pairs of each undefined entry, in record order.
    std::map<std::size_t, std::vector<std::size_t>> pairs_of;
    for (std::size_t p : undefined) {
        const PairRecord& pair = pairs[p];
        bool exact = pair.match == MatchKind::SameName || pair.match == MatchKind::SameNameNoSpace;
        if (!exact) {
            pairs[p].decision = Decision::TooWeak;
            continue;
        }
        if (records[pair.a].names_only) pairs_of[pair.a].push_back(p);
        if (records[pair.b].names_only) pairs_of[pair.b].push_back(p);
    }
    for (const auto& item : pairs_of) {
        const std::size_t entry = item.first;  // named, not bound: lambdas below capture it
        const std::vector<std::size_t>& entry_pairs = item.second;
        auto concepts_of = [&](const std::vector<std::size_t>& some) {
            std::set<std::size_t> concepts;
            for (std::size_t p : some) {
                std::size_t other = pairs[p].a == entry ? pairs[p].b : pairs[p].a;
                if (clusters.find(other) != clusters.find(entry)) concepts.insert(clusters.find(other));
            }
            return concepts;
        };
        std::vector<std::size_t> joining = entry_pairs;
        if (concepts_of(joining).size() > 1) {
            // "HF: Hugging Face": the abbreviation names several
            // concepts; the spelled-out name says which one is meant.
            std::erase_if(joining, [&](std::size_t p) { return !matched_expansion(records, entry, pairs[p]); });
            if (concepts_of(joining).size() != 1) joining.clear();
        }
        for (std::size_t p : entry_pairs) {
            PairRecord& pair = pairs[p];
            if (pair.decision != Decision::Merged) continue;
            if (std::find(joining.begin(), joining.end(), p) == joining.end()) {
                pair.decision = Decision::Ambiguous;
            } else {
                union_or_refuse(clusters, compatible, pair);
            }
        }
    }
}

}  // namespace

BaseGlossary base_glossary(const std::vector<BaseConcept>* concepts, const RecordSet& set) {
    BaseGlossary base;
    if (!concepts) return base;
    base.concepts = concepts;
    base.concept_of_record.assign(set.records.size(), kNoBase);
    for (std::size_t b = 0; b < concepts->size(); ++b)
        for (const auto& [source, index] : (*concepts)[b].entries)
            base.concept_of_record[set.record_of(source, index)] = b;
    return base;
}

void apply_overrides(ConstrainedClusters& clusters, const RecordSet& set, const BaseGlossary& base,
                     const Overrides& overrides, EntryRefs& refs, std::vector<PairRecord>& pairs,
                     DiagnosticSink& sink) {
    const std::vector<Record>& records = set.records;
    for (std::size_t r = 0; r < records.size(); ++r)
        if (records[r].mirror_of) clusters.force_union(*records[r].mirror_of, r);
    // What the glossary already has is one concept per concept whatever
    // the added sources say (they were merged under the same overrides).
    if (base.concepts)
        for (const BaseConcept& concept_ : *base.concepts) {
            const auto& [first_source, first_index] = concept_.entries.front();
            for (const auto& [source, index] : concept_.entries)
                clusters.force_union(set.record_of(first_source, first_index), set.record_of(source, index));
        }
    for (const auto& group : overrides.not_same_as) {
        std::vector<std::size_t> members;
        for (const auto& e : group.entries)
            if (auto r = refs.resolve(e, sink)) members.push_back(*r);
        for (std::size_t i = 0; i < members.size(); ++i)
            for (std::size_t j = i + 1; j < members.size(); ++j) clusters.cannot_link(members[i], members[j]);
    }
    for (const auto& group : overrides.same_as) {
        std::vector<std::size_t> members;
        for (const auto& e : group.entries)
            if (auto r = refs.resolve(e, sink)) members.push_back(*r);
        for (std::size_t i = 1; i < members.size(); ++i) {
            if (clusters.forbidden(members[0], members[i])) {
                sink.warning(group.where, "override-conflict",
                             "same_as joins '" + records[members[0]].ref + "' and '" + records[members[i]].ref +
                                 "', which a not_same_as keeps apart; not_same_as wins");
                continue;
            }
            clusters.force_union(members[0], members[i]);
            pairs.push_back({members[0], members[i], MatchKind::Override, records[members[0]].entry->headword,
                             records[members[i]].entry->headword, 1.0, Decision::Override});
        }
    }
}

void cluster_pairs(ConstrainedClusters& clusters, const std::vector<Record>& records, Scores&& scores,
                   std::vector<PairRecord>& pairs) {
    for (std::size_t p : scores.apart) clusters.cannot_link(pairs[p].a, pairs[p].b);
    const ConstrainedClusters::Compatible compatible = [&records, &scores](const std::vector<std::size_t>& x,
                                                                           const std::vector<std::size_t>& y) {
        return sources_compatible(records, scores, x, y);
    };
    parallel::stable_sort(scores.edges.begin(), scores.edges.end(),
                          [](const Scores::Edge& x, const Scores::Edge& y) { return x.score > y.score; });
    for (const auto& edge : scores.edges) union_or_refuse(clusters, compatible, pairs[edge.pair]);
    join_undefined_entries(clusters, compatible, records, scores.undefined, pairs);
}

}  // namespace glossc::merge
