// Phase 5 of the merge: from clusters to concepts. Headword by source
// priority then frequency, every other name a typed label, every definition
// kept with its source, unified categories, related ids resolved,
// references deduplicated, homonyms qualified, ids kept stable by the
// ledger (phases.hpp).
#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "merge/phases.hpp"
#include "parallel/parallel.hpp"
#include "text/acronym.hpp"
#include "text/slug.hpp"

namespace glossc::merge {

namespace {

// The headword of the concept the glossary had (the highest-priority
// one, when new evidence joined several), unless an added source of
// higher priority gives the headword now.
void pin_headword(Draft& draft, const BaseGlossary& base, const SpellingMap& spelling) {
    const BaseConcept* best = nullptr;
    for (std::size_t r : draft.members) {
        std::size_t b = base.concept_of_record[r];
        if (b == kNoBase) continue;
        const BaseConcept& candidate = (*base.concepts)[b];
        if (!best || candidate.priority > best->priority ||
            (candidate.priority == best->priority && candidate.entries.size() > best->entries.size()))
            best = &candidate;
    }
    if (!best || draft.chosen_priority > best->priority) return;
    draft.concept_.headword = best->chosen_headword;
    draft.chosen_key = make_keys(best->chosen_headword, spelling).exact;
    draft.chosen_priority = best->priority;
    draft.published_headword = best->headword;
    draft.headword_pinned = true;
}

void choose_headword(Draft& draft, const std::vector<Record>& records, const BaseGlossary& base,
                     const SpellingMap& spelling) {
    // Group the members' headwords by key; best group by source
    // priority, then by how many entries use it, then first seen.
    struct Group {
        std::int64_t priority;
        std::size_t count;
        std::size_t first;
        std::string text;
        std::string_view key;
    };
    std::map<std::string_view, Group> groups;
    for (std::size_t position = 0; position < draft.members.size(); ++position) {
        const Record& r = records[draft.members[position]];
        if (r.mirror_of) continue;
        auto [it, inserted] = groups.emplace(
            r.names[0].keys.exact, Group{r.spec->priority, 0, position, r.entry->headword, r.names[0].keys.exact});
        ++it->second.count;
    }
    const Group* best = nullptr;
    for (const auto& [key, group] : groups) {
        if (!best || group.priority > best->priority ||
            (group.priority == best->priority &&
             (group.count > best->count || (group.count == best->count && group.first < best->first))))
            best = &group;
    }
    draft.concept_.headword = best->text;
    draft.chosen_key = best->key;
    draft.chosen_priority = best->priority;
    if (base.concepts) pin_headword(draft, base, spelling);
}

ir::LabelKind kind_relative_to(const std::string& name, const std::string& headword, ir::LabelKind given) {
    if (glossc::text::abbreviates(name, headword)) return ir::LabelKind::Abbreviation;
    if (glossc::text::abbreviates(headword, name)) return ir::LabelKind::Expansion;
    if (given == ir::LabelKind::Abbreviation || given == ir::LabelKind::Expansion) return given;
    return ir::LabelKind::Variant;
}

void collect_labels(Draft& draft, const std::vector<Record>& records, const SpellingMap& spelling) {
    ir::Concept& c = draft.concept_;
    std::string headword_key = draft.headword_overridden ? make_keys(c.headword, spelling).exact : draft.chosen_key;
    ir::Label preferred{c.headword, ir::LabelKind::Preferred, {}};
    std::vector<ir::Label> labels;
    std::map<std::string, std::size_t> by_key;
    auto add_source = [](std::vector<std::string>& sources, const std::string& id) {
        if (std::find(sources.begin(), sources.end(), id) == sources.end()) sources.push_back(id);
    };
    for (std::size_t r : draft.members) {
        const Record& record = records[r];
        for (const Name& name : record.names) {
            if (name.base_only || name.kind == ir::LabelKind::Hidden || name.keys.exact.empty()) continue;
            if (name.keys.exact == headword_key) {
                add_source(preferred.sources, record.spec->id);
                continue;
            }
            auto [it, inserted] = by_key.emplace(name.keys.exact, labels.size());
            if (inserted)
                labels.push_back({name.text, kind_relative_to(name.text, c.headword, name.kind), {}});
            add_source(labels[it->second].sources, record.spec->id);
        }
    }
    c.labels.clear();
    c.labels.push_back(std::move(preferred));
    for (auto& label : labels) c.labels.push_back(std::move(label));
}

// Unified categories; `unmapped` holds the source categories already
// reported as missing from the taxonomy (once each).
void collect_categories(Draft& draft, const std::vector<Record>& records, const Taxonomy* taxonomy,
                        std::set<std::string>& unmapped, DiagnosticSink& sink) {
    ir::Concept& c = draft.concept_;
    auto add = [&c](const std::string& id) {
        if (std::find(c.categories.begin(), c.categories.end(), id) == c.categories.end()) c.categories.push_back(id);
    };
    if (!taxonomy) {
        for (std::size_t r : draft.members)
            for (const auto& name : records[r].entry->categories) add(name);
        return;
    }
    for (std::size_t r : draft.members) {
        const Record& record = records[r];
        for (const auto& name : record.entry->categories) {
            if (auto id = taxonomy->map(record.spec->id, name)) {
                add(*id);
            } else if (unmapped.insert(record.spec->id + "\x1f" + name).second) {
                sink.warning(location(*record.spec, record.entry->line), "category-unmapped",
                             "category '" + name + "' of source '" + record.spec->id +
                                 "' is not in the taxonomy; add it to the taxonomy's [map]");
            }
        }
    }
    if (c.categories.empty()) add(taxonomy->fallback);
}

void add_reference(std::vector<ir::Reference>& references, const ir::Reference& ref) {
    auto same = [&ref](const ir::Reference& other) {
        if (!ref.arxiv.empty() && ref.arxiv == other.arxiv) return true;
        if (!ref.url.empty() && ref.url == other.url) return true;
        return ref.url.empty() && other.url.empty() && ref.arxiv.empty() && other.arxiv.empty() &&
               fold_case(ref.title) == fold_case(other.title);
    };
    for (auto& existing : references) {
        if (!same(existing)) continue;
        // Keep the fuller record: fill what the first one left empty.
        for (auto field : {&ir::Reference::title, &ir::Reference::authors, &ir::Reference::venue,
                           &ir::Reference::arxiv, &ir::Reference::url})
            if ((existing.*field).empty()) existing.*field = ref.*field;
        return;
    }
    references.push_back(ref);
}

Draft draft_concept(std::vector<std::size_t> members, const std::vector<Record>& records, const BaseGlossary& base,
                    const SpellingMap& spelling, bool take_entries) {
    Draft draft;
    draft.members = std::move(members);
    std::sort(draft.members.begin(), draft.members.end());
    choose_headword(draft, records, base, spelling);
    draft.chosen_headword = draft.concept_.headword;
    ir::Concept& c = draft.concept_;
    for (std::size_t r : draft.members) {
        const Record& record = records[r];
        const Entry& e = *record.entry;
        const auto& d = e.definition;
        c.provenance.push_back({record.spec->id, record.spec->file, e.key, e.line});
        if (record.mirror_of) continue;
        bool has_definition =
            !d.summary.empty() || !d.body.empty() || !d.details.empty() || !d.example.empty() || !d.flags.empty();
        for (const auto& ref : e.references) add_reference(c.references, ref);
        if (take_entries) {
            // Only this concept reads the entry's definition and extras
            // from here on; the entry objects are the caller's, not const.
            Entry& taken = const_cast<Entry&>(e);
            if (has_definition) c.definitions.push_back(std::move(taken.definition));
            for (auto& extra : taken.extras) c.extras.push_back(std::move(extra));
            continue;
        }
        if (has_definition) c.definitions.push_back(d);
        for (const auto& extra : e.extras) c.extras.push_back(extra);
    }
    return draft;
}

// Two overrides of entries that ended in one concept, giving it different
// values: the last is applied, and both lines are named (README: a
// contradictory override is reported). One entry named twice is reported
// when the overrides are read (merge_data.cpp). `describe` says what an
// override sets, in words; equal words, equal values.
template <typename Override, typename Describe>
void check_concept_override(std::map<std::size_t, const Override*>& applied, std::size_t draft, const Override& o,
                            const char* table, Describe describe, DiagnosticSink& sink) {
    auto [it, fresh] = applied.emplace(draft, &o);
    if (fresh) return;
    const Override& earlier = *it->second;
    it->second = &o;
    if (earlier.entry.source == o.entry.source && earlier.entry.key == o.entry.key) return;
    const std::string now = describe(o), before = describe(earlier);
    if (now == before) return;
    sink.warning(o.entry.where, "override-conflict",
                 std::string(table) + " for '" + o.entry.source + ":" + o.entry.key + "' gives " + now +
                     ", and the one at line " + std::to_string(earlier.entry.where.line) + " for '" +
                     earlier.entry.source + ":" + earlier.entry.key + "' " + before +
                     ", to one concept; the last one is applied");
}

void apply_concept_overrides(std::vector<Draft>& drafts, const std::vector<std::size_t>& draft_of_record,
                             const Overrides& overrides, EntryRefs& refs, DiagnosticSink& sink) {
    std::map<std::size_t, const Overrides::Headword*> headword_of;
    for (const auto& h : overrides.headwords) {
        if (auto r = refs.resolve(h.entry, sink)) {
            check_concept_override(headword_of, draft_of_record[*r], h, "[[headword]]",
                                   [](const Overrides::Headword& o) { return "the headword '" + o.headword + "'"; }, sink);
            Draft& d = drafts[draft_of_record[*r]];
            d.concept_.headword = h.headword;
            d.headword_overridden = true;
        }
    }
    std::map<std::size_t, const Overrides::Categories*> categories_of;
    for (const auto& c : overrides.categories) {
        if (auto r = refs.resolve(c.entry, sink)) {
            check_concept_override(categories_of, draft_of_record[*r], c, "[[category]]",
                                   [](const Overrides::Categories& o) {
                                       std::string list;
                                       for (const auto& id : o.categories) list += (list.empty() ? "'" : ", '") + id + "'";
                                       return "the categories [" + list + "]";
                                   },
                                   sink);
            Draft& d = drafts[draft_of_record[*r]];
            d.concept_.categories = c.categories;
            d.categories_overridden = true;
        }
    }
}

std::string category_label(const std::string& id, const Taxonomy* taxonomy) {
    if (taxonomy)
        for (const auto& c : taxonomy->categories)
            if (c.id == id) return c.label;
    return id;
}

// Homonyms share a headword: each gets a qualifier from what tells it
// apart, an expansion only it has, else its first category's label.
void qualify_homonyms(std::vector<Draft>& drafts, const Taxonomy* taxonomy) {
    for (auto& draft : drafts)
        if (draft.headword_pinned && !draft.headword_overridden) draft.concept_.headword = draft.published_headword;
    // Grouped by the merge's own headword choice, so that a homonym whose
    // headword an editor set still makes the others take a qualifier.
    // Each group changes only its own drafts: groups are found by
    // sorting, and taken in any order.
    std::vector<std::size_t> by_key(drafts.size());
    std::iota(by_key.begin(), by_key.end(), std::size_t{0});
    parallel::stable_sort(by_key.begin(), by_key.end(),
                          [&drafts](std::size_t a, std::size_t b) { return drafts[a].chosen_key < drafts[b].chosen_key; });
    std::vector<std::size_t> group;
    for (std::size_t first = 0; first < by_key.size();) {
        std::size_t end = first + 1;
        while (end < by_key.size() && drafts[by_key[end]].chosen_key == drafts[by_key[first]].chosen_key) ++end;
        group.assign(by_key.begin() + static_cast<std::ptrdiff_t>(first), by_key.begin() + static_cast<std::ptrdiff_t>(end));
        first = end;
        if (group.size() < 2) continue;
        std::map<std::string, int> expansion_uses;
        for (std::size_t i : group)
            for (const auto& l : drafts[i].concept_.labels)
                if (l.kind == ir::LabelKind::Expansion) ++expansion_uses[fold_case(l.text)];
        std::set<std::string> used, published;
        for (std::size_t i : group)
            if (drafts[i].headword_pinned && !drafts[i].headword_overridden)
                published.insert(fold_case(drafts[i].published_headword));
        for (std::size_t i : group) {
            // A concept the glossary had keeps its headword: a newcomer
            // of the same name carries the qualifier.
            if (drafts[i].headword_overridden || drafts[i].headword_pinned) continue;
            ir::Concept& c = drafts[i].concept_;
            std::string qualifier;
            for (const auto& l : c.labels)
                if (l.kind == ir::LabelKind::Expansion && expansion_uses[fold_case(l.text)] == 1) {
                    qualifier = l.text;
                    break;
                }
            if (qualifier.empty() && !c.categories.empty()) qualifier = category_label(c.categories.front(), taxonomy);
            if (qualifier.empty() || used.count(fold_case(qualifier)) ||
                published.count(fold_case(c.headword + " (" + qualifier + ")")))
                qualifier = c.provenance.front().source;
            used.insert(fold_case(qualifier));
            c.headword += " (" + qualifier + ")";
        }
    }
}

void assign_ids(std::vector<Draft>& drafts, const std::vector<Record>& records, const Ledger& ledger) {
    // Votes: how many of a draft's entries a ledger id was formed from.
    std::map<std::string, std::string> id_of_ref;
    // Only looked up, never listed: hashed.
    std::unordered_set<std::string> reserved(ledger.retired.begin(), ledger.retired.end());
    for (const auto& lc : ledger.concepts) {
        reserved.insert(lc.id);
        for (const auto& ref : lc.entries) id_of_ref[ref] = lc.id;
    }
    struct Vote {
        std::size_t votes;
        std::string id;
        std::size_t draft;
    };
    std::vector<Vote> votes;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        std::map<std::string, std::size_t> count;
        for (std::size_t r : drafts[i].members)
            if (auto it = id_of_ref.find(records[r].ref); it != id_of_ref.end()) ++count[it->second];
        for (const auto& [id, n] : count) votes.push_back({n, id, i});
    }
    std::stable_sort(votes.begin(), votes.end(), [](const Vote& a, const Vote& b) {
        return a.votes != b.votes ? a.votes > b.votes : (a.id != b.id ? a.id < b.id : a.draft < b.draft);
    });
    // Views of the ids given out (each a draft's own, which stays put).
    std::unordered_set<std::string_view> taken;
    taken.reserve(drafts.size());
    for (const auto& v : votes) {
        if (!drafts[v.draft].concept_.id.empty() || taken.count(v.id)) continue;
        drafts[v.draft].concept_.id = v.id;
        taken.insert(drafts[v.draft].concept_.id);
    }
    // New concepts: a slug of the headword, never one the ledger ever gave out.
    std::vector<std::size_t> fresh;
    for (std::size_t i = 0; i < drafts.size(); ++i)
        if (drafts[i].concept_.id.empty()) fresh.push_back(i);
    // Slugs computed once, not in every comparison.
    std::vector<std::string> slug(drafts.size());
    parallel::for_each_index(fresh.size(), [&](std::size_t k) {
        slug[fresh[k]] = glossc::text::slugify(drafts[fresh[k]].concept_.headword);
    });
    parallel::stable_sort(fresh.begin(), fresh.end(), [&](std::size_t a, std::size_t b) {
        const auto& sa = slug[a];
        const auto& sb = slug[b];
        return sa != sb ? sa < sb : records[drafts[a].members.front()].ref < records[drafts[b].members.front()].ref;
    });
    for (std::size_t i : fresh) {
        std::string& id = drafts[i].concept_.id;
        id = std::move(slug[i]);
        auto given = [&] { return taken.count(id) || reserved.count(id); };
        if (given()) {
            const std::string base = id;
            for (int n = 2; given(); ++n) id = base + "-" + std::to_string(n);
        }
        taken.insert(id);
    }
}

void resolve_related(std::vector<Draft>& drafts, const std::vector<std::size_t>& draft_of_record,
                     const std::vector<Record>& records) {
    // related keys name entries of the same source: (source, key) ->
    // its first record, looked up only, so hashed.
    struct SourceKeyHash {
        std::size_t operator()(const std::pair<const SourceSpec*, std::string_view>& k) const {
            return std::hash<std::string_view>()(k.second) ^ std::hash<const void*>()(k.first);
        }
    };
    std::unordered_map<std::pair<const SourceSpec*, std::string_view>, std::size_t, SourceKeyHash> record_of_key;
    record_of_key.reserve(records.size());
    for (std::size_t r = 0; r < records.size(); ++r)
        record_of_key.emplace(std::make_pair(records[r].spec, std::string_view(records[r].entry->key)), r);
    // Each draft changes only its own related list (the ids are all
    // assigned): on several threads.
    parallel::for_each_index(drafts.size(), [&](std::size_t i) {
        ir::Concept& c = drafts[i].concept_;
        const Draft& draft = drafts[i];
        for (std::size_t r : draft.members) {
            for (const auto& key : records[r].entry->related) {
                auto it = record_of_key.find({records[r].spec, std::string_view(key)});
                if (it == record_of_key.end()) continue;  // the reader reported it
                const std::string& id = drafts[draft_of_record[it->second]].concept_.id;
                if (id != c.id && std::find(c.related.begin(), c.related.end(), id) == c.related.end())
                    c.related.push_back(id);
            }
        }
    });
}

void collect_glossary_categories(const std::vector<Draft>& drafts, const Taxonomy* taxonomy,
                                 const std::vector<SourceEntries>& sources, ir::Glossary& g) {
    std::set<std::string> used;
    for (const auto& d : drafts) used.insert(d.concept_.categories.begin(), d.concept_.categories.end());
    if (taxonomy) {
        for (const auto& c : taxonomy->categories)
            if (used.count(c.id)) g.categories.push_back(c);
        for (const auto& id : used)  // categories named only by an override
            if (std::none_of(g.categories.begin(), g.categories.end(), [&](const auto& c) { return c.id == id; }))
                g.categories.push_back({id, id});
        return;
    }
    std::map<std::string, std::string> declared;
    for (const auto& s : sources)
        for (const auto& c : s.result.declared_categories) declared.emplace(c.id, c.label);
    for (const auto& id : used) g.categories.push_back({id, declared.count(id) ? declared[id] : id});
}

}  // namespace

std::vector<Draft> draft_concepts(const std::vector<Record>& records, ConstrainedClusters& clusters,
                                  const MergeData& data, const BaseGlossary& base, bool take_entries, EntryRefs& refs,
                                  DiagnosticSink& sink) {
    const Taxonomy* taxonomy = data.taxonomy ? &*data.taxonomy : nullptr;
    // One group per cluster, in the order of their first members (record order).
    std::vector<std::vector<std::size_t>> groups;
    {
        constexpr std::size_t kNone = static_cast<std::size_t>(-1);
        std::vector<std::size_t> group_of_root(records.size(), kNone);
        for (std::size_t r = 0; r < records.size(); ++r) {
            std::size_t& group = group_of_root[clusters.find(r)];
            if (group == kNone) {
                group = groups.size();
                groups.emplace_back();
            }
            groups[group].push_back(r);
        }
    }

    std::vector<std::size_t> draft_of_record(records.size());
    for (std::size_t i = 0; i < groups.size(); ++i)
        for (std::size_t r : groups[i]) draft_of_record[r] = i;
    // A draft reads (and takes the entries of) its own members only: on
    // several threads.
    std::vector<Draft> drafts(groups.size());
    parallel::for_each_index(groups.size(), [&](std::size_t i) {
        drafts[i] = draft_concept(std::move(groups[i]), records, base, data.spelling, take_entries);
    });
    std::vector<std::vector<std::size_t>>().swap(groups);
    apply_concept_overrides(drafts, draft_of_record, data.overrides, refs, sink);
    // Each draft's labels read only its own members: on several threads.
    parallel::for_each_index(drafts.size(), [&](std::size_t i) { collect_labels(drafts[i], records, data.spelling); });
    std::set<std::string> unmapped;
    for (auto& draft : drafts)
        if (!draft.categories_overridden) collect_categories(draft, records, taxonomy, unmapped, sink);
    qualify_homonyms(drafts, taxonomy);
    assign_ids(drafts, records, data.ledger);
    resolve_related(drafts, draft_of_record, records);
    return drafts;
}

void publish_concepts(std::vector<Draft>& drafts, const std::vector<Record>& records, const Manifest& manifest,
                      const std::vector<SourceEntries>& sources, const MergeData& data, std::int64_t timestamp,
                      MergeResult& result) {
    ir::Glossary& g = result.glossary;
    g.title = manifest.title;
    g.language = manifest.language;
    for (const auto& source : sources)
        g.sources.push_back({source.spec.id, source.spec.file, source.spec.format, source.spec.priority,
                             static_cast<std::uint32_t>(source.result.entries.size()), source.spec.title,
                             source.spec.url});
    collect_glossary_categories(drafts, data.taxonomy ? &*data.taxonomy : nullptr, sources, g);

    // Book order (by folded headword) for the concepts, id order for the
    // ledger. Sort keys computed once, not in every comparison; they and
    // the content hashes are computed on several threads, and the two
    // orders are sorted side by side.
    std::vector<std::size_t> order(drafts.size()), by_id(drafts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::iota(by_id.begin(), by_id.end(), std::size_t{0});
    std::vector<std::string> folded(drafts.size()), hashes(drafts.size());
    parallel::for_each_index(drafts.size(), [&](std::size_t i) {
        folded[i] = fold_case(drafts[i].concept_.headword);
        hashes[i] = content_hash(drafts[i].concept_);
    });
    parallel::for_each_index(2, [&](std::size_t task) {
        if (task == 0)
            parallel::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                const auto& ka = folded[a];
                const auto& kb = folded[b];
                return ka != kb ? ka < kb : drafts[a].concept_.id < drafts[b].concept_.id;
            });
        else  // ids are unique: any sort gives this order
            parallel::stable_sort(by_id.begin(), by_id.end(), [&](std::size_t a, std::size_t b) {
                return drafts[a].concept_.id < drafts[b].concept_.id;
            });
    });
    std::vector<std::string>().swap(folded);
    // Only looked up: hashed (a ledger that lists an id twice: the last wins).
    std::unordered_map<std::string_view, const LedgerConcept*> previous;
    for (const auto& lc : data.ledger.concepts) previous[lc.id] = &lc;
    // Each concept's ledger line and its entries' trace are its own:
    // made on several threads, each in its place in id order. A new or
    // changed concept changed at the edition's time, never before the
    // ledger's latest change (ledger.hpp).
    const std::int64_t changed_at = edition_change_time(data.ledger, timestamp);
    std::vector<LedgerConcept> ledger(by_id.size());
    parallel::for_each_index(by_id.size(), [&](std::size_t k) {
        const std::size_t i = by_id[k];
        const Draft& d = drafts[i];
        for (std::size_t r : d.members) result.trace.entries[r].concept_id = d.concept_.id;
        LedgerConcept lc{d.concept_.id, d.concept_.headword, {}, std::move(hashes[i]), changed_at};
        lc.entries.reserve(d.members.size());
        for (std::size_t r : d.members) lc.entries.push_back(records[r].ref);
        if (auto it = previous.find(lc.id); it != previous.end() && it->second->content_hash == lc.content_hash)
            lc.modified = it->second->modified;
        ledger[k] = std::move(lc);
    });
    // Moved into book order on several threads (each concept is its own).
    g.concepts.resize(order.size());
    parallel::for_each_index(order.size(), [&](std::size_t k) { g.concepts[k] = std::move(drafts[order[k]].concept_); });
    std::set<std::string> retired(data.ledger.retired.begin(), data.ledger.retired.end());
    if (!data.ledger.concepts.empty()) {
        std::unordered_set<std::string_view> live;
        live.reserve(ledger.size());
        for (const auto& lc : ledger) live.insert(lc.id);
        for (const auto& lc : data.ledger.concepts)
            if (!live.count(lc.id)) retired.insert(lc.id);
    }
    result.ledger.concepts = std::move(ledger);
    result.ledger.retired.assign(retired.begin(), retired.end());
}

}  // namespace glossc::merge
