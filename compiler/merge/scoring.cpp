// Phase 3 of the merge: each candidate pair's evidence, the kind of key
// shared plus the TF-IDF cosine of the definitions, and what it decides
// (phases.hpp; the thresholds are in merge.hpp).
#include "merge/phases.hpp"

namespace glossc::merge {

std::string_view to_string(MatchKind kind) {
    switch (kind) {
        case MatchKind::Override: return "editor override";
        case MatchKind::SameName: return "same name";
        case MatchKind::SameNameNoSpace: return "same name without spaces/dashes";
        case MatchKind::SameStem: return "same stem";
        case MatchKind::BaseName: return "same name without qualifier or generic word";
        case MatchKind::Acronym: return "acronym of expansion";
        case MatchKind::SameWords: return "same words in another order or form";
        case MatchKind::Contraction: return "contraction of the name";
        case MatchKind::DefinitionAlias: return "named in the other's definition";
        case MatchKind::NameAndKind: return "coined name followed by its kind";
        case MatchKind::Modifier: return "same head noun with modifiers";
    }
    return "?";
}

double required_similarity(MatchKind kind) {
    switch (kind) {
        case MatchKind::Override: return 0;
        case MatchKind::SameName:
        case MatchKind::SameNameNoSpace: return kHomonymThreshold;
        case MatchKind::Modifier: return kModifierThreshold;
        default: return kWeakEvidenceThreshold;
    }
}

std::string_view to_string(Decision decision) {
    switch (decision) {
        case Decision::Merged: return "merged";
        case Decision::Homonym: return "kept apart: homonym (dissimilar definitions)";
        case Decision::TopicHomonym: return "kept apart: homonym (weakly similar definitions, distant categories)";
        case Decision::TooWeak: return "kept apart: evidence too weak";
        case Decision::SameSource: return "kept apart: two entries of one source";
        case Decision::Constrained: return "kept apart: would join entries that must stay apart";
        case Decision::Override: return "merged by editor override";
        case Decision::Ambiguous: return "kept apart: no definition, and its name is several concepts'";
    }
    return "?";
}

bool is_near_miss(const PairRecord& p) {
    switch (p.decision) {
        case Decision::Constrained:
        case Decision::TopicHomonym:
        case Decision::Ambiguous: return true;
        case Decision::TooWeak: return p.similarity >= required_similarity(p.match) - 0.04;
        case Decision::Homonym: return p.similarity >= kHomonymThreshold - 0.02;
        case Decision::Merged:
            return p.match != MatchKind::SameName && p.match != MatchKind::SameNameNoSpace &&
                   p.similarity < required_similarity(p.match) + 0.03;
        case Decision::SameSource:
        case Decision::Override: return false;
    }
    return false;
}

namespace {

// One side is a name the other's definition declares ("also called X";
// a definition's subject is hidden, not declared), the other side the
// headword X.
bool declares_headword(const std::vector<Record>& records, std::size_t a, std::size_t name_a, std::size_t b,
                       std::size_t name_b) {
    auto declared = [](const Name& n) { return n.from_definition && n.kind != ir::LabelKind::Hidden; };
    return (declared(records[a].names[name_a]) && records[b].headword_name(name_b)) ||
           (declared(records[b].names[name_b]) && records[a].headword_name(name_a));
}

}  // namespace

TfIdf definition_vectors(const std::vector<Record>& records, const SpellingMap& spelling) {
    return TfIdf(records.size(), [&records, &spelling](std::size_t r, std::vector<std::uint64_t>& terms) {
        if (records[r].mirror_of) return;
        for_each_content_word(definition_text(records[r].entry->definition), spelling,
                              [&terms](std::string_view word) { terms.push_back(TfIdf::term(word)); });
    });
}

Scores score_pairs(const std::vector<Record>& records, const std::vector<PairCandidate>& candidates,
                   const TfIdf& similarity, const Taxonomy* taxonomy, std::vector<PairRecord>& pairs) {
    Scores scores;
    for (const auto& [a, b, candidate] : candidates) {
        PairRecord pair{a, b, candidate.match, records[a].names[candidate.name_a].text,
                        records[b].names[candidate.name_b].text, similarity.cosine(a, b), Decision::Merged};
        bool strong = candidate.match == MatchKind::SameName || candidate.match == MatchKind::SameNameNoSpace;
        bool both_defined = records[a].defined && records[b].defined;
        bool same_source = records[a].spec == records[b].spec;
        double score = 0;
        if (same_source) {
            // An internal duplicate has the same headword (001's two
            // "Test-Time Compute Scaling"), or the same abbreviation and
            // similar wording (003's "Sparsely-Gated Mixture of Experts
            // (MoE)" and "Sparse Mixture-of-Experts (MoE) Layer");
            // anything else is two entries.
            bool same_headword = records[a].names[0].keys.exact == records[b].names[0].keys.exact;
            bool same_abbreviation = records[a].names[candidate.name_a].kind == ir::LabelKind::Abbreviation &&
                                     records[b].names[candidate.name_b].kind == ir::LabelKind::Abbreviation &&
                                     pair.similarity >= kInternalDuplicateThreshold;
            if (same_abbreviation && !same_headword) scores.internal_duplicates.insert({a, b});
            pair.decision = same_headword || same_abbreviation ? Decision::Merged : Decision::SameSource;
            score = 3 + pair.similarity;
        } else if (strong) {
            if (both_defined && pair.similarity < kHomonymThreshold) {
                pair.decision = Decision::Homonym;
            } else if (both_defined && pair.similarity < kUncertainThreshold && taxonomy &&
                       taxonomy->distant(records[a].topics, records[b].topics)) {
                pair.decision = Decision::TopicHomonym;
            }
            if (pair.decision != Decision::Merged) scores.apart.push_back(pairs.size());
            score = 2 + pair.similarity;
        } else {
            if (pair.similarity < required_similarity(candidate.match)) pair.decision = Decision::TooWeak;
            score = 1 + pair.similarity;
        }
        // Headword meeting headword outranks any match through an alias:
        // a source's aliases are looser than its headwords.
        // A coined name meeting a longer title is weaker evidence than
        // any alias: "LoRA" is "Low-Rank Adaptation (LoRA)" before it is
        // "LoRA Adapter".
        if (records[a].headword_name(candidate.name_a) && records[b].headword_name(candidate.name_b) &&
            candidate.match != MatchKind::NameAndKind)
            score += 1.5;
        else if (candidate.match == MatchKind::DefinitionAlias &&
                 declares_headword(records, a, candidate.name_a, b, candidate.name_b))
            // A definition's "also called X" meeting the other entry's
            // headword X ranks with two equal headwords, since that is
            // what the definition says the entry is: it wins over a
            // match of the same stem only ("causal language model" is a
            // model, "causal language modeling" an objective).
            score += 1 + 1.5;
        pairs.push_back(pair);
        if (pair.decision != Decision::Merged) continue;
        if (!same_source && (records[a].names_only || records[b].names_only)) {
            scores.undefined.push_back(pairs.size() - 1);
        } else {
            scores.edges.push_back({score, pairs.size() - 1});
        }
    }
    return scores;
}

}  // namespace glossc::merge
