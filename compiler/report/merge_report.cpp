// The merge report's sections (merge_report.hpp): what the merge decided and
// why, indexed from the glossary and the merge trace, as a document
// (report_document.hpp) rendered in the format asked for; and `explain`,
// which reads the same index for one term.
#include "report/merge_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include <toml++/toml.h>

#include "merge/normalize.hpp"
#include "report/report_document.hpp"
#include "report/synonyms.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::report {

namespace {

std::string fixed(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    return buffer;
}

std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

// At most about `limit` code points of plain text, cut at a word boundary
// with "…": enough of a definition to judge a pair by.
std::string shorten(std::string_view text, std::size_t limit = 160) {
    std::string s = glossc::text::collapse_whitespace(text);
    std::size_t points = 0, cut = std::string::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (points++ == limit) {
            cut = i;
            break;
        }
    }
    if (cut == std::string::npos) return s;
    // Back to the last space, unless that loses more than half the text.
    if (std::size_t space = s.rfind(' ', cut); space != std::string::npos && space >= cut / 2) cut = space;
    s.resize(cut);
    while (!s.empty() && std::string_view(" ,;:.-(").find(s.back()) != std::string_view::npos) s.pop_back();
    return s + "…";
}

std::vector<std::string> override_snippets(const std::string& ref_a, const std::string& ref_b) {
    return {override_table("same_as", ref_a, ref_b), override_table("not_same_as", ref_a, ref_b)};
}

bool is_homonym(const merge::PairRecord& p) {
    return p.decision == merge::Decision::Homonym || p.decision == merge::Decision::TopicHomonym;
}

// The pairs the merge compared, by their two entries (several records of
// one pair kept in trace order).
class ComparedPairs {
public:
    explicit ComparedPairs(const merge::MergeTrace& trace) {
        for (const auto& p : trace.pairs) pairs_.push_back({std::min(p.a, p.b), std::max(p.a, p.b), &p});
        std::stable_sort(pairs_.begin(), pairs_.end(), before);
    }
    // The records of the pair (none when the merge never compared them).
    std::vector<const merge::PairRecord*> find(std::size_t a, std::size_t b) const {
        Record probe{std::min(a, b), std::max(a, b), nullptr};
        auto [first, last] = std::equal_range(pairs_.begin(), pairs_.end(), probe, before);
        std::vector<const merge::PairRecord*> out;
        for (auto it = first; it != last; ++it) out.push_back(it->pair);
        return out;
    }
    bool homonyms(std::size_t a, std::size_t b) const {
        auto records = find(a, b);
        return std::any_of(records.begin(), records.end(), [](const auto* p) { return is_homonym(*p); });
    }
    // Shown among the homonym splits or the near misses already.
    bool listed(std::size_t a, std::size_t b) const {
        auto records = find(a, b);
        return std::any_of(records.begin(), records.end(),
                           [](const auto* p) { return is_homonym(*p) || merge::is_near_miss(*p); });
    }

private:
    struct Record {
        std::size_t a, b;
        const merge::PairRecord* pair;
    };
    static bool before(const Record& x, const Record& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); }
    std::vector<Record> pairs_;
};

// True when a trace entry's ref ("source:key", "source:key#2" for a second
// entry with that key) names the entry of this provenance.
bool names_entry(const std::string& ref, const ir::Provenance& p) {
    std::size_t length = p.source.size() + 1 + p.key.size();
    return ref.size() >= length && ref.compare(0, p.source.size(), p.source) == 0 && ref[p.source.size()] == ':' &&
           ref.compare(p.source.size() + 1, p.key.size(), p.key) == 0 && (ref.size() == length || ref[length] == '#');
}

// What the report needs to know about entries and concepts, indexed once.
class Index {
public:
    Index(const ir::Glossary& glossary, const merge::MergeTrace& trace)
        : trace_(trace), pairs_(trace), views_(trace.entries.size()) {
        std::unordered_map<std::string_view, std::size_t> concept_index;
        for (std::size_t c = 0; c < glossary.concepts.size(); ++c) concept_index[glossary.concepts[c].id] = c;
        for (std::size_t s = 0; s < glossary.sources.size(); ++s) source_index_[glossary.sources[s].id] = s;
        // A concept lists its entries' provenance in trace order, and their
        // definitions in the same order (entries without one skipped): one
        // cursor into each per concept.
        std::vector<std::size_t> next_provenance(glossary.concepts.size()), next_definition(glossary.concepts.size());
        for (std::size_t e = 0; e < trace.entries.size(); ++e) {
            auto it = concept_index.find(trace.entries[e].concept_id);
            if (it == concept_index.end()) continue;
            const ir::Concept& c = glossary.concepts[it->second];
            View& view = views_[e];
            view.concept_ = &c;
            const std::string source = source_id(e);
            std::size_t& p = next_provenance[it->second];
            if (p < c.provenance.size() && c.provenance[p].source == source) {
                view.provenance = &c.provenance[p++];
            } else {
                for (const auto& candidate : c.provenance)
                    if (names_entry(trace.entries[e].ref, candidate)) view.provenance = &candidate;
            }
            if (!view.provenance) continue;
            std::size_t& d = next_definition[it->second];
            auto same_place = [&view](const ir::Definition& def) {
                return def.source == view.provenance->source && def.line == view.provenance->line;
            };
            if (d < c.definitions.size() && same_place(c.definitions[d])) {
                view.definition = &c.definitions[d++];
            } else {
                auto found = std::find_if(c.definitions.begin(), c.definitions.end(), same_place);
                if (found != c.definitions.end()) view.definition = &*found;
            }
        }
        for (std::size_t e = 0; e < trace.entries.size(); ++e)
            entries_of_concept_[trace.entries[e].concept_id].push_back(e);
    }

    const ir::Concept* concept_of_entry(std::size_t entry) const { return views_[entry].concept_; }
    std::size_t source_of(std::size_t entry) const { return trace_.entries[entry].source; }
    std::string source_id(std::size_t entry) const {
        const std::string& ref = trace_.entries[entry].ref;
        return ref.substr(0, ref.find(':'));
    }
    std::optional<std::size_t> source_index(const std::string& id) const {
        auto it = source_index_.find(id);
        if (it == source_index_.end()) return std::nullopt;
        return it->second;
    }

    // The entry's short definition as plain text: its summary (or body, or
    // example), shortened.
    std::string snippet(std::size_t entry) const {
        const ir::Definition* d = views_[entry].definition;
        if (!d) return {};
        using glossc::text::plain_text;
        return shorten(!d->summary.empty() ? plain_text(d->summary)
                                           : plain_text(!d->body.empty() ? d->body : d->example));
    }
    // All of its definition, for similarity.
    std::string definition_text(std::size_t entry) const {
        const ir::Definition* d = views_[entry].definition;
        return d ? merge::definition_text(*d) : std::string();
    }
    // The names the entry's source gives the concept, the one it prints the
    // entry under first: the concept's labels carry the sources that use them.
    std::vector<std::string> names(std::size_t entry) const {
        std::vector<std::string> out;
        const ir::Concept* c = concept_of_entry(entry);
        const ir::Provenance* p = views_[entry].provenance;
        if (!c) return out;
        const std::string source = source_id(entry);
        static const merge::SpellingMap no_spelling;
        const std::string key = p ? merge::exact_key(p->key, no_spelling) : std::string();
        for (const auto& l : c->labels) {
            if (std::find(l.sources.begin(), l.sources.end(), source) == l.sources.end()) continue;
            out.push_back(l.text);
            if (!key.empty() && merge::exact_key(l.text, no_spelling) == key) std::swap(out.front(), out.back());
        }
        if (out.empty() && p) out.push_back(p->key);
        return out;
    }
    std::string describe(std::size_t entry) const {
        const ir::Concept* c = concept_of_entry(entry);
        return trace_.entries[entry].ref + (c ? " → " + c->headword + " [" + c->id + "]" : "");
    }
    Cell entry_cell(std::size_t entry) const { return Cell(describe(entry), snippet(entry)); }
    // "“CPT” (termbase:cpt)": how a blocking entry is named.
    std::string who(std::size_t entry) const {
        auto n = names(entry);
        return "“" + (n.empty() ? trace_.entries[entry].ref : n.front()) + "” (" + trace_.entries[entry].ref + ")";
    }

    // Why a Constrained pair was kept apart: "kept apart because X and Y
    // must stay apart: ...", naming the pair that blocked the union; empty
    // for any other pair.
    std::string blocked_reason(const merge::PairRecord& p) const {
        using Blocker = merge::PairRecord::Blocker;
        if (p.decision != merge::Decision::Constrained || p.blocked_by == Blocker::None) return {};
        std::string why;
        if (p.blocked_by == Blocker::SameSource) {
            why = "two different entries of one source";
        } else {
            // A cannot-link pair is a homonym pair the merge found, or else
            // an editor's not_same_as (the only two kinds it makes).
            why = pairs_.homonyms(p.blocked_a, p.blocked_b) ? "homonyms (the same name, dissimilar definitions)"
                                                             : "not_same_as in the overrides";
        }
        return "kept apart because " + who(p.blocked_a) + " and " + who(p.blocked_b) + " must stay apart: " + why;
    }
    // The decision, with the blocking pair when there is one.
    std::string decision(const merge::PairRecord& p) const {
        std::string reason = blocked_reason(p);
        return reason.empty() ? std::string(merge::to_string(p.decision)) : reason;
    }

    // The entries that formed a concept, in trace order.
    const std::vector<std::size_t>& entries_of(const std::string& concept_id) const {
        static const std::vector<std::size_t> none;
        auto it = entries_of_concept_.find(concept_id);
        return it == entries_of_concept_.end() ? none : it->second;
    }
    const ir::Provenance* provenance(std::size_t entry) const { return views_[entry].provenance; }
    const ComparedPairs& pairs() const { return pairs_; }

private:
    struct View {
        const ir::Concept* concept_ = nullptr;
        const ir::Provenance* provenance = nullptr;
        const ir::Definition* definition = nullptr;  // null when the entry gave none
    };
    const merge::MergeTrace& trace_;
    ComparedPairs pairs_;
    std::vector<View> views_;
    std::map<std::string, std::size_t> source_index_;
    std::unordered_map<std::string, std::vector<std::size_t>> entries_of_concept_;
};

std::string evidence(const merge::PairRecord& p) {
    return std::string(merge::to_string(p.match)) + ": “" + p.name_a + "” / “" + p.name_b + "”";
}

std::set<std::string> sources_of(const ir::Concept& c) {
    std::set<std::string> out;
    for (const auto& p : c.provenance) out.insert(p.source);
    return out;
}

// Unique anchors for rows of pairs: "near_kv-cache__kv-cache-quantization",
// then "_2", "_3" for another pair of the same two concepts. Concept ids are
// slugs ([a-z0-9-]), so an id with '_' never collides with one.
class Anchors {
public:
    std::string make(const std::string& prefix, const Index& index, std::size_t a, std::size_t b) {
        auto id_of = [&index](std::size_t e) {
            const ir::Concept* c = index.concept_of_entry(e);
            return c ? c->id : std::string("entry_") + std::to_string(e);
        };
        std::string id = prefix + id_of(a) + "__" + id_of(b);
        if (int n = ++used_[id]; n > 1) id += "_" + std::to_string(n);
        return id;
    }

private:
    std::map<std::string, int> used_;
};

std::vector<PossibleSynonym> find_possible_synonyms(const Index& index, const merge::MergeTrace& trace) {
    std::vector<SynonymEntry> entries(trace.entries.size());
    for (std::size_t e = 0; e < trace.entries.size(); ++e) {
        entries[e].source = trace.entries[e].source;
        entries[e].concept_id = trace.entries[e].concept_id;
        entries[e].names = join(index.names(e), " / ");
        entries[e].definition = index.definition_text(e);
    }
    const ComparedPairs& compared = index.pairs();
    return possible_synonyms(entries, [&compared](std::size_t a, std::size_t b) { return compared.listed(a, b); });
}

}  // namespace

std::string merge_report(const ir::Glossary& glossary, const merge::MergeTrace& trace, Format format,
                         const std::vector<merge::SourceChange>& changes) {
    Index index(glossary, trace);
    Anchors anchors;
    Document doc;
    std::string title = "Merge report: " + glossary.title;
    doc.push_back(heading(1, title));

    std::vector<PossibleSynonym> synonyms = find_possible_synonyms(index, trace);
    std::size_t multi = 0, homonyms = 0, near = 0;
    for (const auto& c : glossary.concepts) multi += sources_of(c).size() > 1;
    for (const auto& p : trace.pairs) {
        homonyms += is_homonym(p);
        near += merge::is_near_miss(p);
    }
    doc.push_back(paragraph(std::to_string(trace.entries.size()) + " entries from " +
                            std::to_string(glossary.sources.size()) + " sources became " +
                            std::to_string(glossary.concepts.size()) + " concepts; " + std::to_string(multi) +
                            " concepts draw on two or more sources. " + std::to_string(homonyms) +
                            " pairs were kept apart as homonyms; " + std::to_string(near) +
                            " pairs scored close to a threshold (near misses); " + std::to_string(synonyms.size()) +
                            " pairs in different concepts look like possible synonyms. Edition " + glossary.edition +
                            "."));
    doc.push_back(paragraph("Thresholds: the same name with definition similarity (TF-IDF cosine) below " +
                            fixed(merge::kHomonymThreshold) + " is a homonym, and below " +
                            fixed(merge::kUncertainThreshold) +
                            " too when the two entries' categories are distant; a weaker match (stem, base name, acronym) needs " +
                            fixed(merge::kWeakEvidenceThreshold) + "."));
    doc.push_back(contents());

    // The filter shows a row for either of its two entries' sources.
    auto pair_sources = [&index](std::size_t a, std::size_t b) {
        std::vector<std::size_t> out{index.source_of(a)};
        if (index.source_of(b) != out.front()) out.push_back(index.source_of(b));
        return out;
    };

    // Counts per source.
    doc.push_back(heading(2, "Sources", "sec_sources"));
    std::vector<Row> rows;
    for (const auto& s : glossary.sources) {
        std::size_t merged = 0, alone = 0;
        for (const auto& c : glossary.concepts) {
            std::size_t mine = 0;
            for (const auto& p : c.provenance) mine += p.source == s.id;
            if (mine == 0) continue;
            (sources_of(c).size() > 1 ? merged : alone) += mine;
        }
        std::size_t errors = 0, warnings = 0;
        for (const auto& d : glossary.diagnostics) {
            if (d.file.size() < s.file.size() || d.file.compare(d.file.size() - s.file.size(), s.file.size(), s.file) != 0)
                continue;
            errors += d.severity == ir::Severity::Error;
            warnings += d.severity == ir::Severity::Warning;
        }
        rows.push_back(Row({s.id, s.file, s.format, std::to_string(s.priority), std::to_string(s.entries),
                            std::to_string(merged), std::to_string(alone),
                            std::to_string(errors) + " / " + std::to_string(warnings)}));
    }
    doc.push_back(table({"source", "file", "format", "priority", "entries in", "merged with other sources",
                         "new (this source only)", "rejected or reported (errors / warnings)"},
                        std::move(rows)));

    // What each added source changed: the glossary it joins stays whole
    // (merge.hpp), so these are the only changes it makes.
    for (const auto& change : changes) {
        std::size_t source = 0;
        while (source < glossary.sources.size() && glossary.sources[source].id != change.source) ++source;
        doc.push_back(heading(2, "Added source " + change.source, "sec_added_" + std::to_string(source), {source}));
        doc.push_back(paragraph(std::to_string(change.entries) + " entries: they joined " +
                                std::to_string(change.joined.size()) + " concepts the glossary had and made " +
                                std::to_string(change.created.size()) + " new concepts; " +
                                std::to_string(change.near_misses.size()) +
                                " near misses with the glossary's entries."));
        rows.clear();
        for (const auto& c : change.joined) rows.push_back(Row({"joined", c.headword, c.id}));
        for (const auto& c : change.created) rows.push_back(Row({"new", c.headword, c.id}));
        if (!rows.empty()) doc.push_back(table({"", "concept", "id"}, std::move(rows)));
        rows.clear();
        for (const auto& miss : change.near_misses) {
            Cell paste;
            paste.code = override_snippets(miss.entry, miss.other);
            rows.push_back(Row({miss.entry, miss.other, miss.why, fixed(miss.similarity), std::move(paste)}));
        }
        if (!rows.empty())
            doc.push_back(table({"added entry", "glossary's entry", "decision", "similarity", "to settle it"},
                                std::move(rows)));
    }

    doc.push_back(heading(2, "Homonym splits", "sec_homonyms"));
    rows.clear();
    for (const auto& p : trace.pairs)
        if (is_homonym(p))
            rows.push_back(Row({p.name_a, index.entry_cell(p.a), index.entry_cell(p.b), fixed(p.similarity)},
                               anchors.make("homonym_", index, p.a, p.b), pair_sources(p.a, p.b)));
    if (rows.empty()) doc.push_back(paragraph("None."));
    else doc.push_back(table({"name", "sense A", "sense B", "similarity"}, std::move(rows)));

    doc.push_back(heading(2, "Near misses", "sec_near_misses"));
    doc.push_back(paragraph("Pairs whose evidence was close to a threshold, or whose union was refused because it "
                            "would join entries that must stay apart, with each entry's definition. An editor "
                            "settles any of them by pasting one of the two tables of the last column into "
                            "sources/overrides.toml: same_as makes the two entries one concept, not_same_as keeps "
                            "them apart."));
    rows.clear();
    for (const auto& p : trace.pairs) {
        if (!merge::is_near_miss(p)) continue;
        Cell paste;
        paste.code = override_snippets(trace.entries[p.a].ref, trace.entries[p.b].ref);
        rows.push_back(Row({index.entry_cell(p.a), index.entry_cell(p.b), evidence(p),
                            fixed(p.similarity) + " (needs " + fixed(merge::required_similarity(p.match)) + ")",
                            index.decision(p),
                            std::move(paste)},
                           anchors.make("near_", index, p.a, p.b), pair_sources(p.a, p.b)));
    }
    if (rows.empty()) doc.push_back(paragraph("None."));
    else
        doc.push_back(
            table({"entry", "entry", "evidence", "similarity", "decision", "override to paste"}, std::move(rows)));

    doc.push_back(heading(2, "Possible synonyms", "sec_possible_synonyms"));
    doc.push_back(paragraph(
        "Entries of different sources in different concepts that no name key brought together, or whose evidence "
        "the merge found far too weak, but whose names share a rare word (and whose definitions reach a similarity "
        "of " + fixed(kSharedNameSimilarity) + ") or whose definitions are close (" + fixed(kDefinitionOnlySimilarity) +
        " or more). Concepts that already hold an entry of the other source are left out (a source has one entry "
        "per concept). Each entry's best " + std::to_string(kSynonymsPerEntry) +
        ", best first; most are related concepts rather than one. Paste same_as for a pair that is one concept."));
    rows.clear();
    for (const auto& s : synonyms) {
        std::string why = s.shared_words.empty() ? std::string("close definitions")
                                                 : "names share “" + join(s.shared_words, "”, “") + "”";
        for (const merge::PairRecord* p : index.pairs().find(s.a, s.b))
            why += "; the merge compared them: " + evidence(*p) + ", " + std::string(merge::to_string(p->decision)) +
                   " (needs " + fixed(merge::required_similarity(p->match)) + ")";
        Cell paste;
        paste.code = override_snippets(trace.entries[s.a].ref, trace.entries[s.b].ref);
        rows.push_back(Row({index.entry_cell(s.a), index.entry_cell(s.b), why, fixed(s.similarity), std::move(paste)},
                           anchors.make("synonym_", index, s.a, s.b), pair_sources(s.a, s.b)));
    }
    if (rows.empty()) doc.push_back(paragraph("None."));
    else doc.push_back(table({"entry", "entry", "evidence", "similarity", "override to paste"}, std::move(rows)));

    doc.push_back(heading(2, "Concepts drawn from several sources", "sec_concepts"));
    std::map<std::string, std::vector<const merge::PairRecord*>> pairs_of_concept;
    for (const auto& p : trace.pairs)
        if (p.decision == merge::Decision::Merged || p.decision == merge::Decision::Override)
            pairs_of_concept[trace.entries[p.a].concept_id].push_back(&p);
    for (const auto& c : glossary.concepts) {
        auto ids = sources_of(c);
        if (ids.size() < 2) continue;
        std::vector<std::size_t> filter;
        for (const auto& id : ids)
            if (auto s = index.source_index(id)) filter.push_back(*s);
        // Anchored by the concept id itself: links from elsewhere name it.
        doc.push_back(heading(3, c.headword + " [" + c.id + "]", c.id, std::move(filter)));
        rows.clear();
        for (const auto& l : c.labels)
            rows.push_back(Row({l.text, std::string(ir::to_string(l.kind)), join(l.sources)}));
        doc.push_back(table({"label", "kind", "used by"}, std::move(rows)));
        rows.clear();
        for (std::size_t e : index.entries_of(c.id)) {
            const std::string& ref = trace.entries[e].ref;
            const ir::Provenance* p = index.provenance(e);
            rows.push_back(Row({index.source_id(e), p ? p->key : ref.substr(ref.find(':') + 1),
                                p ? p->file + ":" + std::to_string(p->line) : std::string(), index.snippet(e)}));
        }
        doc.push_back(table({"source", "entry as printed", "where", "definition"}, std::move(rows)));
        rows.clear();
        for (const auto* p : pairs_of_concept[c.id])
            rows.push_back(Row({trace.entries[p->a].ref, trace.entries[p->b].ref, evidence(*p), fixed(p->similarity)}));
        if (!rows.empty()) doc.push_back(table({"entry", "entry", "evidence", "similarity"}, std::move(rows)));
    }

    std::vector<std::string> source_names;
    for (const auto& s : glossary.sources) source_names.push_back(s.id);
    switch (format) {
        case Format::Html: return render_html(doc, title, source_names);
        case Format::Markdown: return render_markdown(doc);
        case Format::Text: return render_text(doc);
    }
    return {};
}

// Written by the TOML library, so that what merge_data.cpp parses back is
// what was meant, whatever a key holds.
std::string override_table(std::string_view table, const std::string& ref_a, const std::string& ref_b) {
    toml::table root{{table, toml::array{toml::table{{"entries", toml::array{ref_a, ref_b}}}}}};
    std::ostringstream out;
    out << toml::toml_formatter{root, toml::format_flags::allow_unicode_strings} << '\n';
    return out.str();
}

std::string explain(const ir::Glossary& glossary, const merge::MergeTrace& trace, std::string_view term) {
    merge::SpellingMap no_spelling;
    auto wanted = merge::make_keys(term, no_spelling);
    Index index(glossary, trace);
    std::string out;
    for (const auto& c : glossary.concepts) {
        bool named = false;
        for (const auto& l : c.labels) {
            auto keys = merge::make_keys(l.text, no_spelling);
            named = named || keys.exact == wanted.exact || keys.nospace == wanted.nospace;
        }
        named = named || c.id == term;
        if (!named) continue;
        out += c.headword + " [" + c.id + "]\n";
        out += "  names: ";
        std::vector<std::string> names;
        for (const auto& l : c.labels) names.push_back(l.text + " (" + std::string(ir::to_string(l.kind)) + ", " + join(l.sources) + ")");
        out += join(names, "; ") + "\n";
        out += "  categories: " + join(c.categories) + "\n";
        out += "  formed from " + std::to_string(c.provenance.size()) + " entr" + (c.provenance.size() == 1 ? "y" : "ies") + ":\n";
        for (const auto& p : c.provenance) out += "    " + p.file + ":" + std::to_string(p.line) + "  " + p.source + ": " + p.key + "\n";
        std::string merged, apart;
        for (const auto& p : trace.pairs) {
            bool in_a = trace.entries[p.a].concept_id == c.id, in_b = trace.entries[p.b].concept_id == c.id;
            if (!in_a && !in_b) continue;
            std::string line = "    " + trace.entries[p.a].ref + " + " + trace.entries[p.b].ref + ": " +
                               std::string(merge::to_string(p.match)) + " (“" + p.name_a + "” / “" + p.name_b +
                               "”), definition similarity " + fixed(p.similarity) + " -> " + index.decision(p);
            (in_a && in_b ? merged : apart) += line + "\n";
        }
        if (!merged.empty()) out += "  merged because:\n" + merged;
        if (!apart.empty()) out += "  kept apart from:\n" + apart;
        out += "\n";
    }
    return out;
}

}  // namespace glossc::report
