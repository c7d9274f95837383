// From the entries of every source to one glossary: one concept per meaning.
//
// The pipeline (docs/architecture.md, "Merge pipeline"), one phase per file
// of compiler/merge/, each handing the next its values (phases.hpp); merge.cpp
// runs them:
//   1. records.cpp — names: every entry's headword and labels, with matching
//      keys (normalize.hpp); a qualified headword "Load Balancing (MoE)" also
//      offers its base name, as weaker evidence;
//   2. blocking.cpp — entries are compared only when they share a key (exact,
//      no space, stem, base name, or acronym <-> initials) — never all pairs;
//   3. scoring.cpp — the kind of key shared plus the TF-IDF cosine of their
//      definitions (similarity.hpp). The same name with dissimilar
//      definitions is a homonym: the pair must stay apart;
//   4. clustering.cpp — union-find, strongest evidence first, refusing any
//      union that joins entries that must stay apart or two different
//      entries of one source (clusters.hpp); editors' overrides come first
//      and win, and so do the concepts the glossary had before the sources
//      a build adds (merge.cpp merges the glossary without them first);
//   5. concepts.cpp — headword by source priority then frequency, every
//      other name a typed label, every definition kept with its source,
//      unified categories, related ids resolved, references deduplicated,
//      homonyms qualified, ids kept stable by the ledger (ledger.hpp).
// The editors' data it reads (taxonomy, spelling, overrides, ledger) is
// loaded by merge_data.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "diagnostics/diagnostics.hpp"
#include "ir/ir.hpp"
#include "manifest/manifest.hpp"
#include "merge/ledger.hpp"
#include "merge/merge_data.hpp"
#include "readers/reader.hpp"

namespace glossc {

struct SourceEntries {
    SourceSpec spec;
    ReaderResult result;
};

namespace merge {

// Evidence thresholds on definition similarity (TF-IDF cosine). Calibrated on
// the seed sources with the merge-quality benchmark (docs/architecture.md,
// "Merge quality").
inline constexpr double kHomonymThreshold = 0.05;  // same name, both defined, below this: homonyms
// Between the two, the same name is a homonym only when the entries' unified
// categories are distant (Taxonomy::distant): weak wording overlap plus
// different topics.
inline constexpr double kUncertainThreshold = 0.10;
inline constexpr double kWeakEvidenceThreshold = 0.10;  // stem/base-name/acronym matches need this much
// A name that is another name plus modifiers in front of the same head noun
// ("softmax temperature" / "temperature") is usually a narrower concept
// ("structured pruning" / "pruning"); only near-paraphrase definitions make
// it the same one. The seeds' narrower pairs reach 0.36 (docs/architecture.md,
// "Merge pipeline").
inline constexpr double kModifierThreshold = 0.45;
// Two entries of one source are one concept (an internal duplicate) when
// they share their headword, or their abbreviation and this much wording.
inline constexpr double kInternalDuplicateThreshold = 0.25;

// Kinds of shared name keys, strongest first.
enum class MatchKind : std::uint8_t {
    Override,
    SameName,
    SameNameNoSpace,
    SameStem,
    SameWords,        // the same words in another order or form: "Quantized KV Cache" / "KV Cache Quantization"
    Contraction,      // "BatchNorm" / "Batch Normalization"
    BaseName,
    Acronym,
    DefinitionAlias,  // a name the other entry's definition gives ("also called the context window")
    NameAndKind,      // a coined name followed by the kind of thing it is ("GPTQ" / "GPTQ Quantization")
    Modifier,         // the same head noun with modifiers in front ("softmax temperature" / "temperature")
};
enum class Decision : std::uint8_t {
    Merged, Homonym, TopicHomonym, TooWeak, SameSource, Constrained, Override,
    Ambiguous,  // an entry with no definition whose name several concepts carry
};

std::string_view to_string(MatchKind kind);

// The definition similarity a cross-source match of this kind needs.
double required_similarity(MatchKind kind);
std::string_view to_string(Decision decision);

struct PairRecord;
// A pair an editor should look at: kept apart (or merged) close to a
// threshold, refused by a constraint, or an unplaced entry with no
// definition whose name several concepts carry.
bool is_near_miss(const PairRecord& pair);

struct EntryRecord {
    std::size_t source = 0;  // index into the sources given to merge_sources
    std::size_t index = 0;   // index into that source's entries
    std::string ref;         // "source-id:key", how editors name it
    std::string concept_id;  // the concept it ended in
};

struct PairRecord {
    std::size_t a = 0, b = 0;  // indices into MergeTrace::entries
    MatchKind match = MatchKind::SameName;
    std::string name_a, name_b;  // the names that matched
    double similarity = 0;
    Decision decision = Decision::Merged;
    // For a Constrained pair: the two entries (indices into
    // MergeTrace::entries, blocked_a on a's side) whose clusters' union was
    // refused, and why: they must stay apart (a homonym pair or an editor's
    // not_same_as), or they are two different entries of one source.
    enum class Blocker : std::uint8_t { None, MustStayApart, SameSource };
    Blocker blocked_by = Blocker::None;
    std::size_t blocked_a = 0, blocked_b = 0;
};

struct MergeTrace {
    std::vector<EntryRecord> entries;
    std::vector<PairRecord> pairs;
};

// What a source added in this build changed (see merge_sources): which
// concepts the glossary had that its entries joined, which concepts it
// made, and which pairs with the glossary's entries were kept apart.
struct SourceChange {
    struct ConceptRef {
        std::string id, headword;
    };
    struct NearMiss {
        std::string entry, other;  // "source:key" of the added entry and of the glossary's entry
        std::string why;           // to_string(Decision)
        double similarity = 0;
    };
    std::string source;
    std::size_t entries = 0;
    std::vector<ConceptRef> joined, created;
    std::vector<NearMiss> near_misses;
};

struct MergeResult {
    ir::Glossary glossary;
    MergeTrace trace;
    Ledger ledger;  // the ledger a release build writes for this edition
    std::vector<SourceChange> changes;  // one per added source that has entries, in source order
};

MergeResult merge_sources(const Manifest& manifest, const std::vector<SourceEntries>& sources,
                          const MergeData& data, std::int64_t timestamp, DiagnosticSink& sink);
// The same, for a caller that has no use for the entries afterwards (the
// driver): concepts take the entries' definitions and extras instead of
// copying them.
MergeResult merge_sources(const Manifest& manifest, std::vector<SourceEntries>&& sources, const MergeData& data,
                          std::int64_t timestamp, DiagnosticSink& sink);

}  // namespace merge
}  // namespace glossc
