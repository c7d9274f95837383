#include "report/synonyms.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <utility>

#include "merge/normalize.hpp"
#include "merge/similarity.hpp"
#include "parallel/parallel.hpp"

namespace glossc::report {

namespace {

using Term = std::uint64_t;

// The report has no spelling map: both sides of every comparison go through
// the same folding, which is what matters here.
const merge::SpellingMap& no_spelling() {
    static const merge::SpellingMap empty;
    return empty;
}

// The content words of a text (folded, stemmed, stop words out), as terms.
std::vector<Term> terms_of(std::string_view text) {
    std::vector<Term> terms;
    merge::for_each_content_word(text, no_spelling(),
                                 [&terms](std::string_view word) { terms.push_back(merge::TfIdf::term(word)); });
    return terms;
}

std::vector<Term> distinct(std::vector<Term> terms) {
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
}

// Term -> the entries that hold it, for rare terms only: in at least two
// entries (else nobody to pair with) and at most kMaxPostings. Flat sorted
// lists, looked up by binary search: no node per term.
class RareTermIndex {
public:
    explicit RareTermIndex(const std::vector<std::vector<Term>>& terms_per_entry) {
        std::vector<std::pair<Term, std::uint32_t>> postings;
        for (std::size_t e = 0; e < terms_per_entry.size(); ++e)
            for (Term t : terms_per_entry[e]) postings.emplace_back(t, static_cast<std::uint32_t>(e));
        parallel::stable_sort(postings.begin(), postings.end(),
                              [](const auto& x, const auto& y) { return x.first < y.first; });
        for (std::size_t i = 0; i < postings.size();) {
            std::size_t j = i;
            while (j < postings.size() && postings[j].first == postings[i].first) ++j;
            if (j - i >= 2 && j - i <= kMaxPostings) {
                terms_.push_back(postings[i].first);
                starts_.push_back(entries_.size());
                for (std::size_t k = i; k < j; ++k) entries_.push_back(postings[k].second);
            }
            i = j;
        }
        starts_.push_back(entries_.size());
    }
    std::span<const std::uint32_t> entries_of(Term term) const {
        auto it = std::lower_bound(terms_.begin(), terms_.end(), term);
        if (it == terms_.end() || *it != term) return {};
        auto k = static_cast<std::size_t>(it - terms_.begin());
        return std::span<const std::uint32_t>(entries_).subspan(starts_[k], starts_[k + 1] - starts_[k]);
    }

private:
    std::vector<Term> terms_;           // sorted
    std::vector<std::size_t> starts_;   // terms_[k]'s entries: entries_[starts_[k] .. starts_[k + 1])
    std::vector<std::uint32_t> entries_;
};

struct Proposal {
    std::size_t other;
    double similarity;
    double score;
};

// The words of a's names whose content word b's names share, as a prints them.
std::vector<std::string> shared_name_words(const std::string& names, const std::vector<Term>& theirs) {
    std::vector<std::string> out;
    std::vector<Term> reported;
    std::string word;
    auto flush = [&] {
        for (Term t : distinct(terms_of(word)))
            if (std::binary_search(theirs.begin(), theirs.end(), t) &&
                std::find(reported.begin(), reported.end(), t) == reported.end()) {
                reported.push_back(t);
                out.push_back(word);
            }
        word.clear();
    };
    // Words as for_each_content_word cuts them: "Prefix-Cache" is two.
    for (char c : names) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80 || c == '+') word += c;
        else flush();
    }
    flush();
    return out;
}

}  // namespace

std::vector<PossibleSynonym> possible_synonyms(const std::vector<SynonymEntry>& entries,
                                               const std::function<bool(std::size_t, std::size_t)>& listed) {
    const std::size_t n = entries.size();
    // Each definition's words are read once: for TF-IDF, then as a set.
    std::vector<std::vector<Term>> name_terms(n), definition_terms(n);
    parallel::for_each_index(n, [&](std::size_t e) {
        if (entries[e].definition.empty()) return;  // nothing to judge it by
        name_terms[e] = distinct(terms_of(entries[e].names));
        definition_terms[e] = terms_of(entries[e].definition);
    });
    const merge::TfIdf similarity(n, [&definition_terms](std::size_t e, std::vector<std::uint64_t>& terms) {
        terms.insert(terms.end(), definition_terms[e].begin(), definition_terms[e].end());
    });
    parallel::for_each_index(n, [&](std::size_t e) { definition_terms[e] = distinct(std::move(definition_terms[e])); });
    const RareTermIndex by_name(name_terms), by_definition(definition_terms);
    // Concepts by number, with the sources each already draws on: a source
    // has one entry per concept (the merge's own rule), so an entry is no
    // synonym of a concept that already holds another entry of its source.
    std::vector<std::uint32_t> concept_of(n);
    std::vector<std::vector<std::size_t>> sources_of_concept;
    {
        std::unordered_map<std::string_view, std::uint32_t> number;
        for (std::size_t e = 0; e < n; ++e) {
            auto [it, fresh] = number.try_emplace(entries[e].concept_id, static_cast<std::uint32_t>(number.size()));
            if (fresh) sources_of_concept.emplace_back();
            concept_of[e] = it->second;
            auto& sources = sources_of_concept[it->second];
            if (std::find(sources.begin(), sources.end(), entries[e].source) == sources.end())
                sources.push_back(entries[e].source);
        }
    }
    auto holds_source = [&](std::size_t concept_entry, std::size_t source_entry) {
        const auto& sources = sources_of_concept[concept_of[concept_entry]];
        return std::find(sources.begin(), sources.end(), entries[source_entry].source) != sources.end();
    };
    // A name word weighs by its rarity: 1 in two names, near 0 in kMaxPostings.
    auto rarity = [](std::size_t postings) {
        return std::max(0.01, 1.0 - std::log(static_cast<double>(postings - 1)) / std::log(double{kMaxPostings}));
    };

    // Each entry's best partners. Entries are taken a block at a time, on
    // several threads; a block counts what each other entry shares with the
    // current one in arrays indexed by entry (reset through the list of the
    // entries it touched), linear in the postings it reads.
    std::vector<std::vector<Proposal>> best(n);
    constexpr std::size_t kBlock = 4096;
    parallel::for_each_index((n + kBlock - 1) / kBlock, [&](std::size_t block) {
        std::vector<std::uint32_t> names(n), words(n);
        std::vector<double> name_weight(n);
        std::vector<std::uint32_t> touched;
        for (std::size_t e = block * kBlock; e < std::min(n, (block + 1) * kBlock); ++e) {
            touched.clear();
            auto touch = [&](std::uint32_t other) {
                if (names[other] == 0 && words[other] == 0) touched.push_back(other);
            };
            for (Term t : name_terms[e]) {
                auto others = by_name.entries_of(t);
                double weight = rarity(others.size());
                for (std::uint32_t other : others) {
                    touch(other);
                    ++names[other];
                    name_weight[other] += weight;
                }
            }
            for (Term t : definition_terms[e])
                for (std::uint32_t other : by_definition.entries_of(t)) {
                    touch(other);
                    ++words[other];
                }
            std::vector<Proposal>& mine = best[e];
            for (std::uint32_t other : touched) {
                const std::size_t shared_names = names[other], shared_words = words[other];
                const double weight = name_weight[other];
                names[other] = words[other] = 0;
                name_weight[other] = 0;
                if (entries[other].source == entries[e].source || concept_of[other] == concept_of[e] ||
                    (shared_names == 0 && shared_words < 2) || holds_source(e, other) || holds_source(other, e) ||
                    listed(std::min<std::size_t>(e, other), std::max<std::size_t>(e, other)))
                    continue;
                double cosine = similarity.cosine(e, other);
                if (cosine < (shared_names > 0 ? kSharedNameSimilarity : kDefinitionOnlySimilarity)) continue;
                // A shared rare name word is evidence of its own: it ranks a
                // pair above one with slightly closer wording only
                // (calibrated on the seeds' missed gold pairs:
                // docs/architecture.md, "Merge quality").
                mine.push_back({other, cosine, cosine + 0.1 * std::min(weight, 2.0)});
            }
            auto better = [](const Proposal& x, const Proposal& y) {
                return x.score != y.score ? x.score > y.score : x.other < y.other;
            };
            std::size_t kept = std::min(mine.size(), kSynonymsPerEntry);
            std::partial_sort(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(kept), mine.end(), better);
            mine.resize(kept);
        }
    });

    // A pair either entry proposed, once, best first.
    struct Ranked {
        double score;
        std::size_t a, b;
        double similarity;
    };
    std::vector<Ranked> ranked;
    for (std::size_t e = 0; e < n; ++e)
        for (const auto& p : best[e])
            ranked.push_back({p.score, std::min(e, p.other), std::max(e, p.other), p.similarity});
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) {
        return std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
    ranked.erase(std::unique(ranked.begin(), ranked.end(),
                             [](const Ranked& x, const Ranked& y) { return x.a == y.a && x.b == y.b; }),
                 ranked.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) { return x.score > y.score; });
    std::vector<PossibleSynonym> out;
    out.reserve(ranked.size());
    for (const auto& r : ranked)
        out.push_back({r.a, r.b, r.similarity, shared_name_words(entries[r.a].names, name_terms[r.b])});
    return out;
}

}  // namespace glossc::report

