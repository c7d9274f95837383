// Properties of the merge over generated sources drawn from a small
// vocabulary, so that names collide, homonyms appear and acronyms meet their
// expansions:
//   - a source added twice changes nothing but provenance;
//   - the result does not depend on the order of sources of equal priority;
//   - alias resolution is total and unique (ambiguous only for homonyms);
//   - every entry ends in exactly one concept's provenance;
//   - adding a source never takes a concept apart, and never renames one
//     whose headword comes from a source of higher priority (monotone merge).
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "ir/alias_index.hpp"
#include "merge/ledger.hpp"
#include "merge/normalize.hpp"
#include "support/generators.hpp"
#include "support/merge_fixtures.hpp"
#include "support/property.hpp"

namespace glossc {
namespace {

const std::vector<std::string> kNames{"KV cache", "KV-Cache", "Key-Value Cache", "RAFT", "Adam", "AdamW", "DPO",
                                      "Direct Preference Optimization", "token", "tokenizer", "Embeddings",
                                      "embedding", "Verifier", "Fine-tuning", "Finetuning", "LoRA (Low-Rank Adaptation)",
                                      "Low-Rank Adaptation", "reward", "reward model", "Load Balancing (MoE)"};
const std::vector<std::string> kDefinitions{
    "Stores attention keys and values of earlier tokens so each decoding step reuses them.",
    "Trains on questions with oracle and distractor documents to ground answers in retrieval.",
    "Samples completions, ranks them with a reward model and fine-tunes on the best ones.",
    "An adaptive optimizer with running estimates of gradient moments.",
    "Optimizes a policy directly on preference pairs without a separate reward model.",
    "Splits text into units from a learned vocabulary.",
    "A dense vector that represents a token or document.",
    "Checks the draft model's proposed tokens in one forward pass of the target model.",
    "",
};

rc::Gen<Entry> entry_gen() {
    return rc::gen::exec([] {
        Entry e = testing::make_entry(*rc::gen::elementOf(kNames), *rc::gen::elementOf(kDefinitions));
        if (*rc::gen::inRange(0, 4) == 0) e.labels.push_back({*rc::gen::elementOf(kNames), ir::LabelKind::Variant, {}});
        if (*rc::gen::inRange(0, 3) == 0) e.categories.push_back(*rc::gen::element<std::string>("Training", "Inference"));
        return e;
    });
}

rc::Gen<std::vector<SourceEntries>> sources_gen() {
    return rc::gen::exec([] {
        std::vector<SourceEntries> sources;
        int count = *rc::gen::inRange(1, 5);
        for (int i = 0; i < count; ++i) {
            auto entries = *rc::gen::container<std::vector<Entry>>(*rc::gen::inRange(0, 8), entry_gen());
            // Keys are unique within a source, as readers print them.
            std::set<std::string> keys;
            std::vector<Entry> unique;
            for (auto& e : entries)
                if (keys.insert(e.key).second) unique.push_back(std::move(e));
            sources.push_back(testing::make_source("s" + std::to_string(i), *rc::gen::element(1, 5, 5, 9), std::move(unique)));
        }
        return sources;
    });
}

// The glossary without what a duplicate source may change: provenance, the
// sources a label is used by, the list of sources.
ir::Glossary without_provenance(ir::Glossary g) {
    g.sources.clear();
    for (auto& c : g.concepts) {
        c.provenance.clear();
        for (auto& l : c.labels) l.sources.clear();
    }
    return g;
}

TEST(MergeProperties, ASourceAddedTwiceChangesNothingButProvenance) {
    testing::check_property("merge idempotent", 300, [] {
        auto sources = *sources_gen();
        RC_PRE(!sources.empty());
        auto once = testing::merge_all(sources);
        auto copy = sources[*rc::gen::inRange<std::size_t>(0, sources.size())];
        copy.spec.id += "-again";
        sources.push_back(copy);
        auto twice = testing::merge_all(sources);
        RC_ASSERT(without_provenance(twice.glossary) == without_provenance(once.glossary));
    });
}

TEST(MergeProperties, OrderOfEqualPrioritySourcesDoesNotMatter) {
    testing::check_property("merge order independent", 300, [] {
        auto sources = *sources_gen();
        auto shuffled = sources;
        // Shuffle (Fisher-Yates), then restore priority order: only
        // equal-priority sources change places.
        for (std::size_t i = shuffled.size(); i > 1; --i)
            std::swap(shuffled[i - 1], shuffled[*rc::gen::inRange<std::size_t>(0, i)]);
        std::stable_sort(shuffled.begin(), shuffled.end(),
                         [](const SourceEntries& a, const SourceEntries& b) { return a.spec.priority > b.spec.priority; });
        auto a = testing::merge_all(sources).glossary;
        auto b = testing::merge_all(shuffled).glossary;
        auto by_id = [](std::vector<ir::Source> s) {
            std::sort(s.begin(), s.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
            return s;
        };
        RC_ASSERT(by_id(a.sources) == by_id(b.sources));
        a.sources.clear();
        b.sources.clear();
        RC_ASSERT(a == b);
    });
}

TEST(MergeProperties, AliasResolutionIsTotalAndUnique) {
    testing::check_property("alias resolution", 300, [] {
        auto g = testing::merge_all(*sources_gen()).glossary;
        ir::AliasIndex index(g);
        for (const auto& c : g.concepts) {
            for (const auto& l : c.labels) {
                auto ids = index.resolve(l.text);
                RC_ASSERT(std::find(ids.begin(), ids.end(), c.id) != ids.end());
                RC_ASSERT(index.ambiguous(l.text) == (ids.size() > 1));
            }
        }
        // Concept ids are unique slugs.
        std::set<std::string> ids;
        for (const auto& c : g.concepts) RC_ASSERT(ids.insert(c.id).second);
    });
}

TEST(MergeProperties, EveryEntryIsInExactlyOneConcept) {
    testing::check_property("merge accounting", 300, [] {
        auto sources = *sources_gen();
        auto g = testing::merge_all(sources).glossary;
        std::multiset<std::string> in, out;
        for (const auto& s : sources)
            for (const auto& e : s.result.entries) in.insert(s.spec.id + ":" + e.key);
        for (const auto& c : g.concepts)
            for (const auto& p : c.provenance) out.insert(p.source + ":" + p.key);
        RC_ASSERT(in == out);
    });
}

// Ledgers of earlier editions hold content hashes: content_hash writes the
// dump it hashes piece by piece, and must give what hashing the dump of the
// whole document (as it was first computed) gives, for any concept.
std::string content_hash_of_document(const ir::Concept& c) {
    nlohmann::json doc;
    doc["headword"] = c.headword;
    for (const auto& l : c.labels) doc["labels"].push_back({l.text, ir::to_string(l.kind)});
    doc["categories"] = c.categories;
    for (const auto& d : c.definitions) doc["definitions"].push_back({d.source, merge::definition_text(d), d.flags});
    doc["related"] = c.related;
    for (const auto& r : c.references) doc["references"].push_back({r.title, r.authors, r.venue, r.arxiv, r.url});
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char byte : doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) {
        hash ^= byte;
        hash *= 1099511628211ull;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

// The glossary's concepts as sets of entries ("source:key"), with their headwords.
std::vector<std::pair<std::set<std::string>, std::string>> concepts_of(const ir::Glossary& g) {
    std::vector<std::pair<std::set<std::string>, std::string>> out;
    for (const auto& c : g.concepts) {
        std::set<std::string> entries;
        for (const auto& p : c.provenance) entries.insert(p.source + ":" + p.key);
        out.emplace_back(std::move(entries), c.headword);
    }
    return out;
}

TEST(MergeProperties, AnAddedSourceNeverTakesAConceptApartNorRenamesIt) {
    testing::check_property("monotone merge", 1000, [] {
        auto sources = *sources_gen();
        auto added = *sources_gen();
        SourceEntries newcomer = std::move(added.front());
        newcomer.spec.id = "added";
        newcomer.spec.added = true;
        newcomer.spec.priority = *rc::gen::element<std::int64_t>(0, 1, 5, 9);
        for (auto& e : newcomer.result.entries) e.definition.source = "added";
        std::int64_t lowest = newcomer.spec.priority + 1;
        for (const auto& source : sources) lowest = std::min(lowest, source.spec.priority);

        auto before = concepts_of(testing::merge_all(sources).glossary);
        sources.push_back(newcomer);
        auto after = concepts_of(testing::merge_all(sources).glossary);
        std::map<std::string, std::size_t> concept_of_entry;
        for (std::size_t i = 0; i < after.size(); ++i)
            for (const auto& entry : after[i].first) concept_of_entry[entry] = i;
        for (const auto& [entries, headword] : before) {
            std::set<std::size_t> now;
            for (const auto& entry : entries) now.insert(concept_of_entry.at(entry));
            RC_ASSERT(now.size() == 1u);  // never taken apart
            if (newcomer.spec.priority >= lowest) continue;
            // Below every source of the glossary, the newcomer names nothing
            // anew: a concept keeps its headword, or takes the headword of
            // another concept of the glossary that new evidence joined to it.
            const std::string& now_headword = after[*now.begin()].second;
            bool kept = now_headword == headword;
            for (const auto& [other_entries, other_headword] : before)
                kept = kept || (other_headword == now_headword && concept_of_entry.at(*other_entries.begin()) == *now.begin());
            RC_ASSERT(kept);
        }
    });
}

TEST(ContentHash, IsTheHashOfTheConceptsDocument) {
    testing::check_property("content hash", 300, [](const ir::Glossary& glossary) {
        for (const auto& c : glossary.concepts) RC_ASSERT(merge::content_hash(c) == content_hash_of_document(c));
    });
}

// Strings nlohmann writes as they are (valid UTF-8 without quotes,
// backslashes or control characters) are hashed without it: any bytes at
// all must still hash as the dump does.
TEST(ContentHash, IsTheHashOfTheDocumentForAnyBytes) {
    testing::check_property("content hash, any bytes", 500, [] {
        const auto text = rc::gen::oneOf(
            rc::gen::arbitrary<std::string>(), rc::gen::string<std::string>(),
            rc::gen::element<std::string>("plain words", "caf\xC3\xA9", "\xE2\x80\x94 dash", "quote \" here",
                                          "back\\slash", "tab\tand\nline", "\x7F", "\xC3", "\xED\xA0\x80",
                                          "\xF4\x90\x80\x80", "\xC0\xAF", ""));
        ir::Concept c;
        c.headword = *text;
        c.categories = *rc::gen::container<std::vector<std::string>>(text);
        c.labels.push_back({*text, ir::LabelKind::Variant, {}});
        ir::Definition d;
        d.source = *text;
        d.summary.push_back(ir::Inline{ir::InlineKind::Text, *text, {}, {}});
        d.flags = *rc::gen::container<std::vector<std::string>>(text);
        c.definitions.push_back(d);
        c.related = *rc::gen::container<std::vector<std::string>>(text);
        c.references.push_back({*text, *text, *text, *text, *text});
        RC_ASSERT(merge::content_hash(c) == content_hash_of_document(c));
    });
}

}  // namespace
}  // namespace glossc
