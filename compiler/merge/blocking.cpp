// Phase 2 of the merge: entries are compared only when they share a name key
// (exact, no space, stem, base name, word bag, contraction, acronym <->
// initials, coined name + kind, head noun) — never all pairs (phases.hpp).
#include <algorithm>
#include <iterator>
#include <tuple>

#include "merge/phases.hpp"
#include "parallel/parallel.hpp"
#include "text/acronym.hpp"

namespace glossc::merge {

namespace {

// The candidates found so far. A sorted list rather than a map keyed by the
// pair: a pair is found by several keys, and a million-entry corpus has
// millions of pairs, where a tree node per pair cost more than the pairs.
class CandidateList {
public:
    explicit CandidateList(const std::vector<Record>& records) : records_(records) {}

    void add(std::size_t a, std::size_t na, std::size_t b, std::size_t nb, MatchKind match) {
        if (a == b) return;
        if (a > b) {
            std::swap(a, b);
            std::swap(na, nb);
        }
        list_.push_back({a, b, Candidate{match, na, nb}});
        // Settled along the way, so that the pairs found twice do not pile up.
        if (list_.size() >= 2 * settled_ + (1u << 20)) settle_in_place();
    }

    // One candidate per pair of records, in record order (see
    // find_candidate_pairs).
    std::vector<PairCandidate> settle() {
        settle_in_place();
        return std::move(list_);
    }

private:
    void settle_in_place() {
        auto rank = [this](const PairCandidate& p) {
            return std::make_pair(p.candidate.match, !(records_[p.a].headword_name(p.candidate.name_a) &&
                                                       records_[p.b].headword_name(p.candidate.name_b)));
        };
        parallel::stable_sort(list_.begin(), list_.end(), [](const PairCandidate& x, const PairCandidate& y) {
            return std::tie(x.a, x.b) < std::tie(y.a, y.b);
        });
        std::size_t kept = 0;
        for (std::size_t i = 0; i < list_.size();) {
            std::size_t best = i, j = i + 1;
            for (; j < list_.size() && list_[j].a == list_[i].a && list_[j].b == list_[i].b; ++j)
                if (rank(list_[j]) < rank(list_[best])) best = j;
            list_[kept++] = list_[best];
            i = j;
        }
        list_.resize(kept);
        settled_ = kept;
    }

    const std::vector<Record>& records_;
    std::vector<PairCandidate> list_;  // settled up to settled_: one per pair, in (a, b) order
    std::size_t settled_ = 0;
};

// key -> (record, name) postings, as one sorted list instead of a map:
// keys are views into the records' names (no copies) and there are no
// tree nodes, which were most of the merge's memory on large corpora.
// Groups come out in key order with postings in insertion order, as
// iterating a std::map of vectors gave them.
class Postings {
public:
    // A key's first eight bytes, big-endian and zero-padded, decide most
    // comparisons without reading the key itself (a cache miss for each
    // of tens of millions of postings at 1M entries); equal prefixes
    // fall back to the whole key. Zero padding keeps the order of the
    // keys: a key that ends first is a prefix of the other, and smaller.
    struct Posting {
        std::uint64_t prefix;
        std::string_view key;
        std::uint32_t record, name;
        MatchKind kind;
    };
    void add(MatchKind kind, std::string_view key, std::size_t record, std::size_t name) {
        list_.push_back({prefix_of(key), key, static_cast<std::uint32_t>(record), static_cast<std::uint32_t>(name),
                         kind});
    }
    void add(std::string_view key, std::size_t record, std::size_t name) { add(MatchKind{}, key, record, name); }
    void reserve(std::size_t postings) { list_.reserve(postings); }
    void sort() { parallel::stable_sort(list_.begin(), list_.end(), before); }
    // Calls visit(kind, key, group) for each group of equal keys, in key order.
    template <class Visit>
    void for_each_group(Visit visit) const {
        std::vector<std::pair<std::size_t, std::size_t>> group;
        for (std::size_t i = 0; i < list_.size();) {
            std::size_t j = i;
            group.clear();
            for (; j < list_.size() && list_[j].kind == list_[i].kind && list_[j].key == list_[i].key; ++j)
                group.emplace_back(list_[j].record, list_[j].name);
            visit(list_[i].kind, list_[i].key, group);
            i = j;
        }
    }
    // The postings of one key (after sort()).
    std::vector<std::pair<std::size_t, std::size_t>> find(std::string_view key, MatchKind kind = MatchKind{}) const {
        Posting probe{prefix_of(key), key, 0, 0, kind};
        auto [first, last] = std::equal_range(list_.begin(), list_.end(), probe, before);
        std::vector<std::pair<std::size_t, std::size_t>> out;
        for (auto it = first; it != last; ++it) out.emplace_back(it->record, it->name);
        return out;
    }

private:
    static std::uint64_t prefix_of(std::string_view key) {
        std::uint64_t prefix = 0;
        for (std::size_t i = 0; i < 8; ++i)
            prefix = prefix << 8 | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0u);
        return prefix;
    }
    static bool before(const Posting& a, const Posting& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        if (a.prefix != b.prefix) return a.prefix < b.prefix;
        return a.key < b.key;
    }

    std::vector<Posting> list_;
};

// A word nobody writes in prose: capitals or digits after its first
// letter ("GPTQ", "vLLM", "QLoRA", "fp8"), as opposed to "Triton" or
// "reward". Such a word is a name of one thing.
bool is_coined(std::string_view word) {
    bool letter = false, marked = false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        auto c = static_cast<unsigned char>(word[i]);
        if (std::isalpha(c)) letter = true;
        if (i > 0 && (std::isupper(c) || std::isdigit(c))) marked = true;
        if (c == ' ' || c == '-' || c == '/') return false;
    }
    return letter && marked;
}

// "GPTQ Quantization" starts with the word "GPTQ"; "TTFT, ITL, TPS"
// (a list) and "GPTQ-based" do not.
bool starts_with_word(std::string_view name, std::string_view word) {
    if (name.size() <= word.size() + 1 || name[word.size()] != ' ') return false;
    if (!same_letters(name.substr(0, word.size()), word)) return false;
    return std::isalpha(static_cast<unsigned char>(name[word.size() + 1]));
}

// "RLHF as KL-Regularized Policy Optimization" says something about
// RLHF; a kind is a noun phrase without function words. The name's
// folded tokens after the first are the words that follow the coined one.
bool names_a_kind(const NameKeys& title) {
    static constexpr std::string_view kFunctionWords[] = {"a", "an", "and", "as", "at", "by", "for", "from", "in",
                                                          "is", "of", "on", "or", "the", "to", "vs", "with"};
    for (std::size_t t = 1; t < title.tokens.size(); ++t)
        for (auto function_word : kFunctionWords)
            if (title.tokens[t] == function_word) return false;
    return true;
}

// True when `longer` is `shorter` with words in front of or inside it
// but the same last word: "kl divergence penalty" / "kl penalty".
bool premodifies(const NameKeys& longer, const NameKeys& shorter) {
    if (longer.tokens.size() <= shorter.tokens.size()) return false;
    if (longer.families.back() != shorter.families.back()) return false;
    std::size_t matched = 0;
    for (const auto& family : longer.families)
        if (matched < shorter.families.size() && family == shorter.families[matched]) ++matched;
    return matched == shorter.families.size();
}

}  // namespace

std::vector<PairCandidate> find_candidate_pairs(const std::vector<Record>& records, DiagnosticSink& sink) {
    CandidateList candidates(records);
    Postings buckets, short_forms, initials, contractions, heads, prefixes;
    std::vector<std::pair<std::size_t, std::size_t>> from_definitions;
    // Room for what the loop below can add (a name goes to at most six
    // buckets and one posting of each other index): reserved memory the
    // lists do not fill is never touched, and growing a list of tens of
    // millions of postings by copying costs more than sorting it.
    std::size_t names = 0;
    for (const auto& record : records) names += record.names.size();
    buckets.reserve(6 * names);
    for (Postings* index : {&short_forms, &initials, &contractions, &heads, &prefixes}) index->reserve(names);
    for (std::size_t r = 0; r < records.size(); ++r) {
        if (records[r].mirror_of) continue;  // it follows its original
        for (std::size_t n = 0; n < records[r].names.size(); ++n) {
            const Name& name = records[r].names[n];
            const NameKeys& k = name.keys;
            if (k.exact.empty()) continue;
            if (name.from_definition) {
                from_definitions.push_back({r, n});
                continue;
            }
            if (!k.specific.empty()) buckets.add(MatchKind::BaseName, k.specific, r, n);
            if (!k.word_bag.empty()) buckets.add(MatchKind::SameWords, k.word_bag, r, n);
            heads.add(k.families.back(), r, n);
            if (name.base_only) {
                buckets.add(MatchKind::BaseName, k.exact, r, n);
                continue;
            }
            buckets.add(MatchKind::SameName, k.exact, r, n);
            buckets.add(MatchKind::SameNameNoSpace, k.nospace, r, n);
            buckets.add(MatchKind::SameStem, k.stem, r, n);
            // A base name also meets full names with the same key.
            buckets.add(MatchKind::BaseName, k.exact, r, n);
            if (!k.contraction.empty()) contractions.add(k.contraction, r, n);
            if (k.tokens.size() == 1 && glossc::text::looks_like_abbreviation(name.text) && k.nospace.size() >= 2)
                short_forms.add(k.nospace, r, n);
            if (k.initials.size() >= 2) initials.add(k.initials, r, n);
            if (k.families.size() >= 2) prefixes.add(k.families.front(), r, n);
        }
    }
    // Each index sorts on its own thread.
    Postings* indexes[] = {&buckets, &short_forms, &initials, &contractions, &heads, &prefixes};
    parallel::for_each_index(std::size(indexes), [&indexes](std::size_t i) { indexes[i]->sort(); });
    // A key shared this widely is no evidence (and comparing all its
    // names would be quadratic).
    constexpr std::size_t kMaxBucket = 200;
    auto too_common = [&sink](const std::string& key, std::size_t size) {
        if (size <= kMaxBucket) return false;
        sink.warning(Location{}, "merge-key-too-common",
                     "the name key '" + key + "' is shared by " + std::to_string(size) +
                         " names; it is not used as merge evidence");
        return true;
    };
    buckets.for_each_group([&](MatchKind kind, std::string_view key, const auto& postings) {
        if (too_common(std::string(key), postings.size())) return;
        for (std::size_t i = 0; i < postings.size(); ++i)
            for (std::size_t j = i + 1; j < postings.size(); ++j)
                candidates.add(postings[i].first, postings[i].second, postings[j].first, postings[j].second, kind);
    });
    short_forms.for_each_group([&](MatchKind, std::string_view key, const auto& shorts) {
        auto longs = initials.find(key);
        if (longs.empty() || shorts.size() * longs.size() > kMaxBucket * 4) return;
        for (const auto& [rs, ns] : shorts)
            for (const auto& [rl, nl] : longs)
                if (glossc::text::abbreviates(records[rs].names[ns].text, records[rl].names[nl].text))
                    candidates.add(rs, ns, rl, nl, MatchKind::Acronym);
    });
    // A contraction meets the spelled-out names it contracts.
    contractions.for_each_group([&](MatchKind, std::string_view, const auto& postings) {
        if (postings.size() > kMaxBucket) return;
        for (const auto& [ra, na] : postings)
            for (const auto& [rb, nb] : postings)
                if (records[ra].names[na].keys.is_contraction && !records[rb].names[nb].keys.is_contraction)
                    candidates.add(ra, na, rb, nb, MatchKind::Contraction);
    });
    for (const auto& [ra, na] : from_definitions) {
        auto same_name = buckets.find(records[ra].names[na].keys.exact, MatchKind::SameName);
        if (same_name.empty() || same_name.size() > kMaxBucket) continue;
        for (const auto& [rb, nb] : same_name) candidates.add(ra, na, rb, nb, MatchKind::DefinitionAlias);
    }
    // A coined word meets the titles that start with it and go on with
    // the kind of thing it is: "GPTQ" / "GPTQ Quantization". Other names
    // with words after them are usually other things ("gradient" /
    // "gradient clipping", "prompt" / "prompt engineering"), with
    // definitions as similar as true pairs', so they are not candidates.
    for (std::size_t r = 0; r < records.size(); ++r) {
        if (records[r].mirror_of) continue;
        for (std::size_t n = 0; n < records[r].names.size(); ++n) {
            const Name& name = records[r].names[n];
            if (name.from_definition || name.keys.tokens.size() != 1 || !is_coined(name.text)) continue;
            auto longer = prefixes.find(name.keys.families.front());
            if (longer.empty() || longer.size() > kMaxBucket) continue;
            for (const auto& [rb, nb] : longer)
                if (records[rb].headword_name(nb) && starts_with_word(records[rb].names[nb].text, name.text) &&
                    names_a_kind(records[rb].names[nb].keys))
                    candidates.add(r, n, rb, nb, MatchKind::NameAndKind);
        }
    }
    // Names with the same head noun, one with modifiers in front of the
    // other's words ("softmax temperature" / "temperature").
    heads.for_each_group([&](MatchKind, std::string_view, const auto& postings) {
        if (postings.size() > kMaxBucket) return;
        for (const auto& [ra, na] : postings)
            for (const auto& [rb, nb] : postings)
                if (ra != rb && premodifies(records[ra].names[na].keys, records[rb].names[nb].keys))
                    candidates.add(ra, na, rb, nb, MatchKind::Modifier);
    });
    return candidates.settle();
}

void drop_blocking_keys(std::vector<Record>& records) {
    for (auto& record : records)
        for (auto& name : record.names) {
            NameKeys& k = name.keys;
            NameKeys kept;
            kept.exact = std::move(k.exact);
            kept.is_contraction = k.is_contraction;
            k = std::move(kept);
        }
}

}  // namespace glossc::merge
