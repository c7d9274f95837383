#include "merge/merge.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "merge/clusters.hpp"
#include "parallel/parallel.hpp"
#include "merge/similarity.hpp"
#include "text/acronym.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"
#include "text/slug.hpp"

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

std::optional<MergeData> load_merge_data(const Manifest& manifest, DiagnosticSink& sink) {
    MergeData data;
    bool ok = true;
    if (manifest.taxonomy) {
        data.taxonomy = load_taxonomy(*manifest.taxonomy, sink);
        ok = ok && data.taxonomy.has_value();
    }
    if (manifest.spelling) {
        auto spelling = load_spelling(*manifest.spelling, sink);
        ok = ok && spelling.has_value();
        if (spelling) data.spelling = std::move(*spelling);
    }
    if (manifest.overrides) {
        auto overrides = load_overrides(*manifest.overrides, sink);
        ok = ok && overrides.has_value();
        if (overrides) data.overrides = std::move(*overrides);
    }
    if (manifest.ledger) {
        auto ledger = load_ledger(*manifest.ledger, sink);
        ok = ok && ledger.has_value();
        if (ledger) data.ledger = std::move(*ledger);
    }
    if (!ok) return std::nullopt;
    return data;
}

namespace {

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
};

// Everything a reader said about an entry, as one string: two sources with
// equal fingerprints hold the same entries.
std::string fingerprint(const std::vector<Entry>& entries) {
    nlohmann::json doc = nlohmann::json::array();
    for (const auto& e : entries) {
        nlohmann::json labels = nlohmann::json::array();
        for (const auto& l : e.labels) labels.push_back({l.text, ir::to_string(l.kind)});
        nlohmann::json extras = nlohmann::json::array();
        for (const auto& x : e.extras) extras.push_back({x.key, x.value});
        nlohmann::json references = nlohmann::json::array();
        for (const auto& r : e.references) references.push_back({r.title, r.authors, r.venue, r.arxiv, r.url});
        doc.push_back({e.key, e.headword, labels, e.categories, definition_text(e.definition), e.definition.flags,
                       e.related, references, extras});
    }
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string plain(const ir::RichText& text) { return glossc::text::plain_text(text); }

// Weaker names a headword offers for matching, never printed as labels:
// "Load Balancing (MoE)" -> "Load Balancing"; "Pre-Norm vs Post-Norm",
// "Gradient Accumulation & Micro-Batching", "State Space Models / Mamba" ->
// each side; "KL-Divergence Penalty in RLHF" -> "KL-Divergence Penalty";
// "What is a jailbreak in the context of LLMs?" -> "jailbreak". Topic lists
// and FAQ-style glossaries title their entries this way.
std::vector<std::string> base_names(const std::string& headword) {
    static const std::regex question(R"(^(?:what|who)\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.+?)\s*\?$)",
                                     std::regex::icase);
    static const std::regex context(R"(^(.+?)\s+in\s+(?:the\s+)?context\s+of\s+.+$)", std::regex::icase);
    static const std::regex qualifier(R"(^(.+\S)\s+in\s+\S+$)");
    std::vector<std::string> out;
    auto add = [&out, &headword](std::string name) {
        if (!name.empty() && name != headword && std::find(out.begin(), out.end(), name) == out.end())
            out.push_back(std::move(name));
    };
    // Each derived name may be cut further ("Radix / Prefix-Cache Attention (SGLang)").
    std::vector<std::string> work{headword};
    for (std::size_t i = 0; i < work.size() && i < 16; ++i) {
        const std::string name = work[i];
        std::vector<std::string> derived;
        std::smatch m;
        if (!name.empty() && name.back() == ')') {
            std::size_t open = name.rfind(" (");
            if (open != std::string::npos && open > 0) derived.push_back(name.substr(0, open));
        }
        // The cheap tests first: std::regex is slow, and this runs per entry.
        if (name.ends_with('?') && std::regex_match(name, m, question)) derived.push_back(m[1]);
        if (name.find(" in ") != std::string::npos) {
            if (std::regex_match(name, m, context)) derived.push_back(m[1]);
            else if (std::regex_match(name, m, qualifier)) derived.push_back(m[1]);
        }
        for (std::string_view separator : {" vs ", " & ", " and ", " / "}) {
            std::size_t at = name.find(separator);
            if (at == std::string::npos || at == 0 || name.find('(') < at) continue;
            derived.push_back(name.substr(0, at));
            derived.push_back(name.substr(at + separator.size()));
        }
        for (auto& d : derived) {
            // "-Reward / -RM" names suffixes, not terms: no "-Reward" alone.
            if (d.empty() || d.front() == '-' || d.back() == '-') continue;
            if (std::find(work.begin(), work.end(), d) == work.end()) work.push_back(d);
            add(std::move(d));
        }
    }
    return out;
}

// Names a definition gives its term: "also called the context window or
// sequence length", "also known as nucleus sampling", "a.k.a. X".
// "causal or autoregressive language modeling" gives both full names.
std::vector<std::string> definition_aliases(const std::string& definition) {
    static const std::regex declared(
        R"re((?:also|sometimes|often|commonly)\s+(?:called|known\s+as|referred\s+to\s+as|termed)\s+(?:the\s+|an?\s+)?([^.,;:()"]{2,60}?)(?=\s*[.,;:()]|$))re",
        std::regex::icase);
    std::vector<std::string> out;
    // The cheap test first: std::regex is slow, and this runs per definition.
    std::string lower = definition;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.find("called") == std::string::npos && lower.find("known") == std::string::npos &&
        lower.find("referred") == std::string::npos && lower.find("termed") == std::string::npos)
        return out;
    for (auto it = std::sregex_iterator(definition.begin(), definition.end(), declared); it != std::sregex_iterator();
         ++it) {
        std::string names = (*it)[1];
        std::vector<std::string> alternatives;
        for (std::size_t start = 0;;) {
            std::size_t at = names.find(" or ", start);
            alternatives.push_back(names.substr(start, at == std::string::npos ? std::string::npos : at - start));
            if (at == std::string::npos) break;
            start = at + 4;
        }
        // "causal or autoregressive language modeling": a lone first word
        // shares the last alternative's noun.
        const std::string& last = alternatives.back();
        std::size_t space = last.find(' ');
        for (auto& alternative : alternatives) {
            alternative = std::string(glossc::text::trim(alternative));  // "… also known as bias " at the end
            if (alternative.starts_with("the ")) alternative.erase(0, 4);
            if (&alternative != &last && alternative.find(' ') == std::string::npos && space != std::string::npos)
                alternative += last.substr(space);
            if (alternative.size() >= 2 && alternative.size() <= 60) out.push_back(alternative);
        }
    }
    return out;
}

// The same letters, ignoring ASCII case: "Triton" / "triton".
bool same_letters(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// True when `name` is written as a proper name throughout `text`: it occurs
// again after the opening word (not only where any word is capitalised), and
// every occurrence is written as `name` is ("Triton ... written in Triton").
// "Dropout is a regularization ... the dropout rate" is a common noun.
bool written_as_proper_name(std::string_view name, std::string_view text) {
    if (name.empty() || !std::isupper(static_cast<unsigned char>(name.front()))) return false;
    auto is_word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; };
    bool inside_a_sentence = false;
    for (std::size_t at = 0; at + name.size() <= text.size(); ++at) {
        bool starts_word = at == 0 || !is_word_char(text[at - 1]);
        bool ends_word = at + name.size() == text.size() || !is_word_char(text[at + name.size()]);
        if (!starts_word || !ends_word) continue;
        std::string_view occurrence = text.substr(at, name.size());
        if (!same_letters(occurrence, name)) continue;
        if (occurrence != name) return false;
        std::size_t before = at;
        while (before > 0 && std::isspace(static_cast<unsigned char>(text[before - 1]))) --before;
        if (before > 0 && std::string_view(".!?:").find(text[before - 1]) == std::string_view::npos)
            inside_a_sentence = true;
    }
    return inside_a_sentence;
}

// The subject a definition opens with, when it is the first words of the
// headword and a proper name: a topic titled "Triton GPU Kernel Programming"
// whose text begins "Triton (OpenAI, 2019) is a Python-embedded DSL" and
// goes on "written in Triton" is about Triton. "Dropout Rate: Dropout is a
// regularization ..." is about a rate, not about dropout (a common noun),
// and a definition that opens with the whole headword gives nothing new.
std::optional<std::string> definition_subject(const std::string& headword, const std::string& definition) {
    std::size_t verb = std::string::npos;
    for (std::string_view v : {" is ", " are "}) verb = std::min(verb, definition.find(v));
    if (verb == std::string::npos || verb > 80) return std::nullopt;
    std::string subject = definition.substr(0, verb);
    if (auto open = subject.find(" ("); open != std::string::npos && subject.back() == ')') subject.erase(open);
    if (subject.empty() || subject.find_first_of(".,;:!?()\"") != std::string::npos) return std::nullopt;
    if (headword.size() <= subject.size() + 1 || headword[subject.size()] != ' ') return std::nullopt;
    if (!same_letters(std::string_view(headword).substr(0, subject.size()), subject)) return std::nullopt;
    if (!written_as_proper_name(subject, definition)) return std::nullopt;
    return subject;
}

// "test-time-compute": lower-case words joined by hyphens, as termbase ids
// are; "e-0042" (a number) and "Test-Time" (a name) are not.
// True when an entry's definition says more than its names: "RAG:
// Retrieval-Augmented Generation" (a definition that is only the expansion
// of its term) says which names go together, not what the concept is, so it
// is no evidence of meaning (a homonym test on it would split the concept
// it names).
bool defines_more_than_names(const Entry& entry) {
    const ir::Definition& d = entry.definition;
    if (d.summary.empty() && d.body.empty()) return false;
    if (!d.body.empty()) return true;
    std::string summary(glossc::text::trim(plain(d.summary)));
    while (!summary.empty() && (summary.back() == '.' || summary.back() == ' ')) summary.pop_back();
    std::string folded = fold_case(summary);
    if (folded == fold_case(entry.headword)) return false;
    for (const auto& label : entry.labels)
        if (folded == fold_case(label.text)) return false;
    return true;
}

bool is_slug(std::string_view key) {
    if (key.find('-') == std::string_view::npos) return false;
    bool word_start = true;
    for (unsigned char c : key) {
        if (c == '-') {
            if (word_start) return false;  // "--", or a leading hyphen
            word_start = true;
        } else if (word_start ? (c < 'a' || c > 'z') : !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return false;
        } else {
            word_start = false;
        }
    }
    return !word_start;
}

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

class Merger {
public:
    Merger(const Manifest& manifest, const std::vector<SourceEntries>& sources, const MergeData& data,
           std::int64_t timestamp, DiagnosticSink& sink)
        : manifest_(manifest), sources_(sources), data_(data), timestamp_(timestamp), sink_(sink) {}

    // The caller hands over the entries: concepts take their definitions and
    // extras instead of copying them (half the glossary's memory).
    void take_entries() { take_entries_ = true; }
    // This merge is of the glossary before the added sources: its concepts
    // are written to `out` (with the indices of these sources).
    void keep_concepts(std::vector<BaseConcept>* out) { base_out_ = out; }
    // The glossary had these concepts before the added sources: each stays
    // one concept (new entries may join it, new evidence may join two), and
    // keeps its headword unless an added source of higher priority names it.
    void extend(const std::vector<BaseConcept>* base) { base_ = base; }

    MergeResult run() {
        collect_records();
        ConstrainedClusters clusters(records_.size());
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
            auto build_similarity = [this, &similarity] {
                similarity.emplace(records_.size(), [this](std::size_t r, std::vector<std::uint64_t>& terms) {
                    if (records_[r].mirror_of) return;
                    for_each_content_word(definition_text(records_[r].entry->definition), data_.spelling,
                                          [&terms](std::string_view word) { terms.push_back(TfIdf::term(word)); });
                });
            };
            if (records_.size() > 4 * TfIdf::kBatch) {
                parallel::for_each_index(2, [&](std::size_t task) {
                    if (task == 0) build_similarity();
                    else find_candidate_pairs();
                });
            } else {
                build_similarity();
                find_candidate_pairs();
            }
            drop_blocking_keys();
            apply_overrides(clusters);
            score_and_cluster(*similarity, clusters);
            join_undefined_entries(clusters);
            decltype(candidates_)().swap(candidates_);
        }
        build_concepts(clusters);
        return std::move(result_);
    }

private:
    // ---- 1. records and names -------------------------------------------------

    void collect_records() {
        // Priority order (then id) makes every tie-break independent of the
        // order sources are listed in.
        std::vector<std::size_t> order(sources_.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
            const auto& sa = sources_[a].spec;
            const auto& sb = sources_[b].spec;
            return sa.priority != sb.priority ? sa.priority > sb.priority : sa.id < sb.id;
        });
        std::map<std::string, std::size_t> first_record_of_fingerprint;
        // Only sources with as many entries as another can be its copy: the
        // others need no fingerprint (it serialises every entry).
        std::map<std::size_t, int> sources_of_size;
        std::size_t entries = 0;
        for (const auto& source : sources_) {
            ++sources_of_size[source.result.entries.size()];
            entries += source.result.entries.size();
        }
        records_.reserve(entries);
        result_.trace.entries.reserve(entries);
        first_record_of_source_.resize(sources_.size());
        for (std::size_t s : order) {
            const auto& source = sources_[s];
            std::size_t first_record = records_.size();
            first_record_of_source_[s] = first_record;
            bool may_be_copy = sources_of_size[source.result.entries.size()] > 1;
            auto [mirrored, fresh] = first_record_of_fingerprint.emplace(
                may_be_copy ? fingerprint(source.result.entries) : "\x1f" + std::to_string(s), first_record);
            if (!fresh && !source.result.entries.empty())
                sink_.note(Location{source.spec.display_path}, "source-duplicate",
                           "source '" + source.spec.id + "' has the same entries as source '" +
                               records_[mirrored->second].spec->id + "'; it adds provenance only");
            std::unordered_map<std::string_view, int> seen_keys;
            seen_keys.reserve(source.result.entries.size());
            for (std::size_t i = 0; i < source.result.entries.size(); ++i) {
                const Entry& entry = source.result.entries[i];
                Record record;
                record.spec = &source.spec;
                record.entry = &entry;
                record.ref = source.spec.id + ":" + entry.key;
                if (int n = ++seen_keys[entry.key]; n > 1) record.ref += "#" + std::to_string(n);
                record.defined = defines_more_than_names(entry);
                record.names_only = !record.defined && entry.definition.example.empty() &&
                                    entry.definition.details.empty();
                if (!fresh) record.mirror_of = mirrored->second + i;
                if (data_.taxonomy)
                    for (const auto& name : entry.categories)
                        if (auto id = data_.taxonomy->map(source.spec.id, name)) record.topics.insert(*id);
                result_.trace.entries.push_back({s, i, record.ref, {}});
                records_.push_back(std::move(record));
            }
        }
        // Names and their keys: most of the merge's normalisation work, one
        // record per index on several threads (each writes only its own).
        parallel::for_each_index(records_.size(), [this](std::size_t r) { add_names(records_[r]); });
    }

    void add_names(Record& record) const {
        const Entry& entry = *record.entry;
        record.names.push_back(make_name(entry.headword, ir::LabelKind::Preferred));
        for (const auto& label : entry.labels) record.names.push_back(make_name(label.text, label.kind));
        for (const auto& base : base_names(entry.headword)) {
            Name name = make_name(base, ir::LabelKind::Hidden);
            name.base_only = true;
            record.names.push_back(std::move(name));
        }
        for (const auto& alias :
             definition_aliases(plain(entry.definition.summary) + " " + plain(entry.definition.body))) {
            Name name = make_name(alias, ir::LabelKind::Variant);
            name.from_definition = true;
            record.names.push_back(std::move(name));
        }
        // A definition that opens with the first words of the headword names
        // what the entry is about ("Triton GPU Kernel Programming": "Triton
        // (OpenAI, 2019) is a ..."). Hidden: a key to match on, not a label,
        // since the entry never calls itself that (and not a declared name).
        if (auto subject = definition_subject(entry.headword, plain(entry.definition.summary))) {
            Name name = make_name(*subject, ir::LabelKind::Hidden);
            name.from_definition = true;
            record.names.push_back(std::move(name));
        }
        // A key the source itself gives as words ("test-time-compute" for the
        // entry it titles "Test-Time Compute Scaling") is how its author names
        // the entry: a key to match on, not a label to show. Like a headword
        // without its qualifier it is base-only, so it counts as a headword
        // when it meets another entry's headword.
        if (is_slug(entry.key)) {
            Name name = make_name(entry.key, ir::LabelKind::Hidden);
            name.base_only = true;
            if (name.keys.exact != record.names[0].keys.exact) record.names.push_back(std::move(name));
        }
    }

    Name make_name(const std::string& text, ir::LabelKind kind) const {
        return Name{text, kind, false, make_keys(text, data_.spelling)};
    }

    // ---- 2. blocking -------------------------------------------------------------

    struct Candidate {
        MatchKind match;
        std::size_t name_a, name_b;
    };
    struct PairCandidate {
        std::size_t a, b;  // records, a < b
        Candidate candidate;
    };

    void add_candidate(std::size_t a, std::size_t na, std::size_t b, std::size_t nb, MatchKind match) {
        if (a == b) return;
        if (a > b) {
            std::swap(a, b);
            std::swap(na, nb);
        }
        candidates_.push_back({a, b, Candidate{match, na, nb}});
        // Settled along the way, so that the pairs found twice do not pile up.
        if (candidates_.size() >= 2 * settled_ + (1u << 20)) settle_candidates();
    }

    // One candidate per pair of records, in record order: the strongest kind
    // of key wins; among equals, headword meeting headword, then the first
    // found. A sorted list rather than a map keyed by the pair: a pair is
    // found by several keys, and a million-entry corpus has millions of
    // pairs, where a tree node per pair cost more than the pairs.
    void settle_candidates() {
        auto rank = [this](const PairCandidate& p) {
            return std::make_pair(p.candidate.match,
                                  !(headword_name(p.a, p.candidate.name_a) && headword_name(p.b, p.candidate.name_b)));
        };
        parallel::stable_sort(candidates_.begin(), candidates_.end(), [](const PairCandidate& x, const PairCandidate& y) {
            return std::tie(x.a, x.b) < std::tie(y.a, y.b);
        });
        std::size_t kept = 0;
        for (std::size_t i = 0; i < candidates_.size();) {
            std::size_t best = i, j = i + 1;
            for (; j < candidates_.size() && candidates_[j].a == candidates_[i].a && candidates_[j].b == candidates_[i].b;
                 ++j)
                if (rank(candidates_[j]) < rank(candidates_[best])) best = j;
            candidates_[kept++] = candidates_[best];
            i = j;
        }
        candidates_.resize(kept);
        settled_ = kept;
    }

    // The headword itself, or a weaker form of it (base name): names the
    // entry is printed under, as opposed to its aliases.
    bool headword_name(std::size_t record, std::size_t name) const {
        return name == 0 || records_[record].names[name].base_only;
    }

    // One side is a name the other's definition declares ("also called X";
    // a definition's subject is hidden, not declared), the other side the
    // headword X.
    bool declares_headword(std::size_t a, std::size_t name_a, std::size_t b, std::size_t name_b) const {
        auto declared = [](const Name& n) { return n.from_definition && n.kind != ir::LabelKind::Hidden; };
        return (declared(records_[a].names[name_a]) && headword_name(b, name_b)) ||
               (declared(records_[b].names[name_b]) && headword_name(a, name_a));
    }

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

    void find_candidate_pairs() {
        Postings buckets, short_forms, initials, contractions, heads, prefixes;
        std::vector<std::pair<std::size_t, std::size_t>> from_definitions;
        // Room for what the loop below can add (a name goes to at most six
        // buckets and one posting of each other index): reserved memory the
        // lists do not fill is never touched, and growing a list of tens of
        // millions of postings by copying costs more than sorting it.
        std::size_t names = 0;
        for (const auto& record : records_) names += record.names.size();
        buckets.reserve(6 * names);
        for (Postings* index : {&short_forms, &initials, &contractions, &heads, &prefixes}) index->reserve(names);
        for (std::size_t r = 0; r < records_.size(); ++r) {
            if (records_[r].mirror_of) continue;  // it follows its original
            for (std::size_t n = 0; n < records_[r].names.size(); ++n) {
                const Name& name = records_[r].names[n];
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
        auto too_common = [this](const std::string& key, std::size_t size) {
            if (size <= kMaxBucket) return false;
            sink_.warning(Location{}, "merge-key-too-common",
                          "the name key '" + key + "' is shared by " + std::to_string(size) +
                              " names; it is not used as merge evidence");
            return true;
        };
        buckets.for_each_group([&](MatchKind kind, std::string_view key, const auto& postings) {
            if (too_common(std::string(key), postings.size())) return;
            for (std::size_t i = 0; i < postings.size(); ++i)
                for (std::size_t j = i + 1; j < postings.size(); ++j)
                    add_candidate(postings[i].first, postings[i].second, postings[j].first, postings[j].second, kind);
        });
        short_forms.for_each_group([&](MatchKind, std::string_view key, const auto& shorts) {
            auto longs = initials.find(key);
            if (longs.empty() || shorts.size() * longs.size() > kMaxBucket * 4) return;
            for (const auto& [rs, ns] : shorts)
                for (const auto& [rl, nl] : longs)
                    if (glossc::text::abbreviates(records_[rs].names[ns].text, records_[rl].names[nl].text))
                        add_candidate(rs, ns, rl, nl, MatchKind::Acronym);
        });
        // A contraction meets the spelled-out names it contracts.
        contractions.for_each_group([&](MatchKind, std::string_view, const auto& postings) {
            if (postings.size() > kMaxBucket) return;
            for (const auto& [ra, na] : postings)
                for (const auto& [rb, nb] : postings)
                    if (records_[ra].names[na].keys.is_contraction && !records_[rb].names[nb].keys.is_contraction)
                        add_candidate(ra, na, rb, nb, MatchKind::Contraction);
        });
        for (const auto& [ra, na] : from_definitions) {
            auto same_name = buckets.find(records_[ra].names[na].keys.exact, MatchKind::SameName);
            if (same_name.empty() || same_name.size() > kMaxBucket) continue;
            for (const auto& [rb, nb] : same_name) add_candidate(ra, na, rb, nb, MatchKind::DefinitionAlias);
        }
        // A coined word meets the titles that start with it and go on with
        // the kind of thing it is: "GPTQ" / "GPTQ Quantization". Other names
        // with words after them are usually other things ("gradient" /
        // "gradient clipping", "prompt" / "prompt engineering"), with
        // definitions as similar as true pairs', so they are not candidates.
        for (std::size_t r = 0; r < records_.size(); ++r) {
            if (records_[r].mirror_of) continue;
            for (std::size_t n = 0; n < records_[r].names.size(); ++n) {
                const Name& name = records_[r].names[n];
                if (name.from_definition || name.keys.tokens.size() != 1 || !is_coined(name.text)) continue;
                auto longer = prefixes.find(name.keys.families.front());
                if (longer.empty() || longer.size() > kMaxBucket) continue;
                for (const auto& [rb, nb] : longer)
                    if (headword_name(rb, nb) && starts_with_word(records_[rb].names[nb].text, name.text) &&
                        names_a_kind(records_[rb].names[nb].keys))
                        add_candidate(r, n, rb, nb, MatchKind::NameAndKind);
            }
        }
        // Names with the same head noun, one with modifiers in front of the
        // other's words ("softmax temperature" / "temperature").
        heads.for_each_group([&](MatchKind, std::string_view, const auto& postings) {
            if (postings.size() > kMaxBucket) return;
            for (const auto& [ra, na] : postings)
                for (const auto& [rb, nb] : postings)
                    if (ra != rb && premodifies(records_[ra].names[na].keys, records_[rb].names[nb].keys))
                        add_candidate(ra, na, rb, nb, MatchKind::Modifier);
        });
        settle_candidates();
    }

    // A word nobody writes in prose: capitals or digits after its first
    // letter ("GPTQ", "vLLM", "QLoRA", "fp8"), as opposed to "Triton" or
    // "reward". Such a word is a name of one thing.
    static bool is_coined(std::string_view word) {
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
    static bool starts_with_word(std::string_view name, std::string_view word) {
        if (name.size() <= word.size() + 1 || name[word.size()] != ' ') return false;
        if (!same_letters(name.substr(0, word.size()), word)) return false;
        return std::isalpha(static_cast<unsigned char>(name[word.size() + 1]));
    }

    // "RLHF as KL-Regularized Policy Optimization" says something about
    // RLHF; a kind is a noun phrase without function words. The name's
    // folded tokens after the first are the words that follow the coined one.
    static bool names_a_kind(const NameKeys& title) {
        static constexpr std::string_view kFunctionWords[] = {"a", "an", "and", "as", "at", "by", "for", "from", "in",
                                                              "is", "of", "on", "or", "the", "to", "vs", "with"};
        for (std::size_t t = 1; t < title.tokens.size(); ++t)
            for (auto function_word : kFunctionWords)
                if (title.tokens[t] == function_word) return false;
        return true;
    }

    // True when `longer` is `shorter` with words in front of or inside it
    // but the same last word: "kl divergence penalty" / "kl penalty".
    static bool premodifies(const NameKeys& longer, const NameKeys& shorter) {
        if (longer.tokens.size() <= shorter.tokens.size()) return false;
        if (longer.families.back() != shorter.families.back()) return false;
        std::size_t matched = 0;
        for (const auto& family : longer.families)
            if (matched < shorter.families.size() && family == shorter.families[matched]) ++matched;
        return matched == shorter.families.size();
    }

    // Only the exact key is used after blocking: the others go, so that
    // they do not add to the memory the concepts need.
    void drop_blocking_keys() {
        for (auto& record : records_)
            for (auto& name : record.names) {
                NameKeys& k = name.keys;
                NameKeys kept;
                kept.exact = std::move(k.exact);
                kept.is_contraction = k.is_contraction;
                k = std::move(kept);
            }
    }

    // ---- 3 + 4. overrides, scoring, clustering ------------------------------------

    std::optional<std::size_t> resolve(const EntryName& name) {
        // Indexed on first use: only overrides name entries by reference.
        if (ref_index_.empty()) {
            ref_index_.reserve(records_.size());
            for (std::size_t r = 0; r < records_.size(); ++r) ref_index_[records_[r].ref] = r;  // the last wins
        }
        auto it = ref_index_.find(name.source + ":" + name.key);
        if (it != ref_index_.end()) return it->second;
        sink_.warning(name.where, "override-unknown-entry",
                      "no entry '" + name.key + "' in source '" + name.source + "'; this override is ignored");
        return std::nullopt;
    }

    void apply_overrides(ConstrainedClusters& clusters) {
        for (std::size_t r = 0; r < records_.size(); ++r)
            if (records_[r].mirror_of) clusters.force_union(*records_[r].mirror_of, r);
        // What the glossary already has is one concept per concept whatever
        // the added sources say (they were merged under the same overrides).
        if (base_) {
            base_of_record_.assign(records_.size(), kNoBase);
            for (std::size_t b = 0; b < base_->size(); ++b) {
                const auto& entries = (*base_)[b].entries;
                for (const auto& [source, index] : entries) {
                    std::size_t r = first_record_of_source_[source] + index;
                    base_of_record_[r] = b;
                    clusters.force_union(first_record_of_source_[entries.front().first] + entries.front().second, r);
                }
            }
        }
        for (const auto& group : data_.overrides.not_same_as) {
            std::vector<std::size_t> members;
            for (const auto& e : group.entries)
                if (auto r = resolve(e)) members.push_back(*r);
            for (std::size_t i = 0; i < members.size(); ++i)
                for (std::size_t j = i + 1; j < members.size(); ++j) clusters.cannot_link(members[i], members[j]);
        }
        for (const auto& group : data_.overrides.same_as) {
            std::vector<std::size_t> members;
            for (const auto& e : group.entries)
                if (auto r = resolve(e)) members.push_back(*r);
            for (std::size_t i = 1; i < members.size(); ++i) {
                if (clusters.forbidden(members[0], members[i])) {
                    sink_.warning(group.where, "override-conflict",
                                  "same_as joins '" + records_[members[0]].ref + "' and '" + records_[members[i]].ref +
                                      "', which a not_same_as keeps apart; not_same_as wins");
                    continue;
                }
                clusters.force_union(members[0], members[i]);
                result_.trace.pairs.push_back({members[0], members[i], MatchKind::Override,
                                               records_[members[0]].entry->headword,
                                               records_[members[i]].entry->headword, 1.0, Decision::Override});
            }
        }
    }

    // Two clusters may join unless a source would then hold two different
    // entries (by headword) in one concept.
    bool sources_compatible(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) const {
        for (std::size_t ra : a)
            for (std::size_t rb : b)
                if (records_[ra].spec == records_[rb].spec &&
                    records_[ra].names[0].keys.exact != records_[rb].names[0].keys.exact &&
                    !internal_duplicates_.count({std::min(ra, rb), std::max(ra, rb)}))
                    return false;
        return true;
    }

    void score_and_cluster(const TfIdf& similarity, ConstrainedClusters& clusters) {
        struct Edge {
            double score;
            std::size_t pair;
        };
        std::vector<Edge> edges;
        std::vector<PairRecord>& pairs = result_.trace.pairs;
        for (const auto& [a, b, candidate] : candidates_) {
            PairRecord pair{a, b, candidate.match, records_[a].names[candidate.name_a].text,
                            records_[b].names[candidate.name_b].text, similarity.cosine(a, b), Decision::Merged};
            bool strong = candidate.match == MatchKind::SameName || candidate.match == MatchKind::SameNameNoSpace;
            bool both_defined = records_[a].defined && records_[b].defined;
            bool same_source = records_[a].spec == records_[b].spec;
            double score = 0;
            if (same_source) {
                // An internal duplicate has the same headword (001's two
                // "Test-Time Compute Scaling"), or the same abbreviation and
                // similar wording (003's "Sparsely-Gated Mixture of Experts
                // (MoE)" and "Sparse Mixture-of-Experts (MoE) Layer");
                // anything else is two entries.
                bool same_headword = records_[a].names[0].keys.exact == records_[b].names[0].keys.exact;
                bool same_abbreviation = records_[a].names[candidate.name_a].kind == ir::LabelKind::Abbreviation &&
                                         records_[b].names[candidate.name_b].kind == ir::LabelKind::Abbreviation &&
                                         pair.similarity >= kInternalDuplicateThreshold;
                if (same_abbreviation && !same_headword) internal_duplicates_.insert({a, b});
                pair.decision = same_headword || same_abbreviation ? Decision::Merged : Decision::SameSource;
                score = 3 + pair.similarity;
            } else if (strong) {
                if (both_defined && pair.similarity < kHomonymThreshold) {
                    pair.decision = Decision::Homonym;
                } else if (both_defined && pair.similarity < kUncertainThreshold && data_.taxonomy &&
                           data_.taxonomy->distant(records_[a].topics, records_[b].topics)) {
                    pair.decision = Decision::TopicHomonym;
                }
                if (pair.decision != Decision::Merged) clusters.cannot_link(a, b);
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
            if (headword_name(a, candidate.name_a) && headword_name(b, candidate.name_b) &&
                candidate.match != MatchKind::NameAndKind)
                score += 1.5;
            else if (candidate.match == MatchKind::DefinitionAlias && declares_headword(a, candidate.name_a, b, candidate.name_b))
                // A definition's "also called X" meeting the other entry's
                // headword X ranks with two equal headwords, since that is
                // what the definition says the entry is: it wins over a
                // match of the same stem only ("causal language model" is a
                // model, "causal language modeling" an objective).
                score += 1 + 1.5;
            pairs.push_back(pair);
            if (pair.decision != Decision::Merged) continue;
            if (!same_source && (records_[a].names_only || records_[b].names_only)) {
                undefined_edges_.push_back(pairs.size() - 1);  // join_undefined_entries
            } else {
                edges.push_back({score, pairs.size() - 1});
            }
        }
        parallel::stable_sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) { return x.score > y.score; });
        for (const auto& edge : edges) union_or_refuse(clusters, pairs[edge.pair]);
    }

    // Joins a merged pair's clusters; a refused union is recorded with the
    // pair that blocked it, which the report names.
    void union_or_refuse(ConstrainedClusters& clusters, PairRecord& pair) {
        auto compatible = [this](const std::vector<std::size_t>& x, const std::vector<std::size_t>& y) {
            return sources_compatible(x, y);
        };
        ConstrainedClusters::Refusal refusal;
        if (clusters.try_union(pair.a, pair.b, compatible, &refusal)) return;
        pair.decision = Decision::Constrained;
        pair.blocked_by = refusal.reason == ConstrainedClusters::Refusal::Reason::CannotLink
                              ? PairRecord::Blocker::MustStayApart
                              : PairRecord::Blocker::SameSource;
        pair.blocked_a = refusal.a;
        pair.blocked_b = refusal.b;
    }

    // An entry that says nothing but names (no definition, example or
    // details, or a definition that only spells out its term) is evidence of
    // names, not of meaning: it joins a concept only on an exact
    // name (or the same name without spaces), after every defined entry has
    // found its concept, and only when the names it matches all lead to one
    // concept. A name two concepts carry (a homonym) leaves it on its own.
    void join_undefined_entries(ConstrainedClusters& clusters) {
        std::vector<PairRecord>& pairs = result_.trace.pairs;
        // The pairs of each undefined entry, in record order.
        std::map<std::size_t, std::vector<std::size_t>> pairs_of;
        for (std::size_t p : undefined_edges_) {
            const PairRecord& pair = pairs[p];
            bool exact = pair.match == MatchKind::SameName || pair.match == MatchKind::SameNameNoSpace;
            if (!exact) {
                pairs[p].decision = Decision::TooWeak;
                continue;
            }
            if (records_[pair.a].names_only) pairs_of[pair.a].push_back(p);
            if (records_[pair.b].names_only) pairs_of[pair.b].push_back(p);
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
                std::erase_if(joining, [&](std::size_t p) { return !matched_expansion(entry, pairs[p]); });
                if (concepts_of(joining).size() != 1) joining.clear();
            }
            for (std::size_t p : entry_pairs) {
                PairRecord& pair = pairs[p];
                if (pair.decision != Decision::Merged) continue;
                if (std::find(joining.begin(), joining.end(), p) == joining.end()) {
                    pair.decision = Decision::Ambiguous;
                } else {
                    union_or_refuse(clusters, pair);
                }
            }
        }
        std::vector<std::size_t>().swap(undefined_edges_);
    }

    // True when `pair` matched an expansion the entry `record` gives.
    bool matched_expansion(std::size_t record, const PairRecord& pair) const {
        const std::string& name = pair.a == record ? pair.name_a : pair.name_b;
        for (const auto& n : records_[record].names)
            if (n.text == name && n.kind == ir::LabelKind::Expansion) return true;
        return false;
    }

    // ---- 5. concepts -------------------------------------------------------------

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

    void choose_headword(Draft& draft) {
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
            const Record& r = records_[draft.members[position]];
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
        if (base_) pin_headword(draft);
    }

    // The headword of the concept the glossary had (the highest-priority
    // one, when new evidence joined several), unless an added source of
    // higher priority gives the headword now.
    void pin_headword(Draft& draft) const {
        const BaseConcept* best = nullptr;
        for (std::size_t r : draft.members) {
            std::size_t b = base_of_record_[r];
            if (b == kNoBase) continue;
            const BaseConcept& candidate = (*base_)[b];
            if (!best || candidate.priority > best->priority ||
                (candidate.priority == best->priority && candidate.entries.size() > best->entries.size()))
                best = &candidate;
        }
        if (!best || draft.chosen_priority > best->priority) return;
        draft.concept_.headword = best->chosen_headword;
        draft.chosen_key = make_keys(best->chosen_headword, data_.spelling).exact;
        draft.chosen_priority = best->priority;
        draft.published_headword = best->headword;
        draft.headword_pinned = true;
    }

    static ir::LabelKind kind_relative_to(const std::string& name, const std::string& headword, ir::LabelKind given) {
        if (glossc::text::abbreviates(name, headword)) return ir::LabelKind::Abbreviation;
        if (glossc::text::abbreviates(headword, name)) return ir::LabelKind::Expansion;
        if (given == ir::LabelKind::Abbreviation || given == ir::LabelKind::Expansion) return given;
        return ir::LabelKind::Variant;
    }

    void collect_labels(Draft& draft) {
        ir::Concept& c = draft.concept_;
        std::string headword_key =
            draft.headword_overridden ? make_keys(c.headword, data_.spelling).exact : draft.chosen_key;
        ir::Label preferred{c.headword, ir::LabelKind::Preferred, {}};
        std::vector<ir::Label> labels;
        std::map<std::string, std::size_t> by_key;
        auto add_source = [](std::vector<std::string>& sources, const std::string& id) {
            if (std::find(sources.begin(), sources.end(), id) == sources.end()) sources.push_back(id);
        };
        for (std::size_t r : draft.members) {
            const Record& record = records_[r];
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

    void collect_categories(Draft& draft) {
        ir::Concept& c = draft.concept_;
        auto add = [&c](const std::string& id) {
            if (std::find(c.categories.begin(), c.categories.end(), id) == c.categories.end()) c.categories.push_back(id);
        };
        if (!data_.taxonomy) {
            for (std::size_t r : draft.members)
                for (const auto& name : records_[r].entry->categories) add(name);
            return;
        }
        for (std::size_t r : draft.members) {
            const Record& record = records_[r];
            for (const auto& name : record.entry->categories) {
                if (auto id = data_.taxonomy->map(record.spec->id, name)) {
                    add(*id);
                } else if (unmapped_reported_.insert(record.spec->id + "\x1f" + name).second) {
                    sink_.warning(location(*record.spec, record.entry->line), "category-unmapped",
                                  "category '" + name + "' of source '" + record.spec->id +
                                      "' is not in the taxonomy; add it to the taxonomy's [map]");
                }
            }
        }
        if (c.categories.empty()) add(data_.taxonomy->fallback);
    }

    static void add_reference(std::vector<ir::Reference>& references, const ir::Reference& ref) {
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

    Draft draft_concept(std::vector<std::size_t> members) {
        Draft draft;
        draft.members = std::move(members);
        std::sort(draft.members.begin(), draft.members.end());
        choose_headword(draft);
        draft.chosen_headword = draft.concept_.headword;
        ir::Concept& c = draft.concept_;
        for (std::size_t r : draft.members) {
            const Record& record = records_[r];
            const Entry& e = *record.entry;
            const auto& d = e.definition;
            c.provenance.push_back({record.spec->id, record.spec->file, e.key, e.line});
            if (record.mirror_of) continue;
            bool has_definition =
                !d.summary.empty() || !d.body.empty() || !d.details.empty() || !d.example.empty() || !d.flags.empty();
            for (const auto& ref : e.references) add_reference(c.references, ref);
            if (take_entries_) {
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

    void apply_concept_overrides(std::vector<Draft>& drafts, const std::vector<std::size_t>& draft_of_record) {
        for (const auto& h : data_.overrides.headwords) {
            if (auto r = resolve(h.entry)) {
                Draft& d = drafts[draft_of_record[*r]];
                d.concept_.headword = h.headword;
                d.headword_overridden = true;
            }
        }
        for (const auto& c : data_.overrides.categories) {
            if (auto r = resolve(c.entry)) {
                Draft& d = drafts[draft_of_record[*r]];
                d.concept_.categories = c.categories;
                d.categories_overridden = true;
            }
        }
    }

    // Homonyms share a headword: each gets a qualifier from what tells it
    // apart, an expansion only it has, else its first category's label.
    void qualify_homonyms(std::vector<Draft>& drafts) {
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
                if (qualifier.empty() && !c.categories.empty()) qualifier = category_label(c.categories.front());
                if (qualifier.empty() || used.count(fold_case(qualifier)) ||
                    published.count(fold_case(c.headword + " (" + qualifier + ")")))
                    qualifier = c.provenance.front().source;
                used.insert(fold_case(qualifier));
                c.headword += " (" + qualifier + ")";
            }
        }
    }

    std::string category_label(const std::string& id) const {
        if (data_.taxonomy)
            for (const auto& c : data_.taxonomy->categories)
                if (c.id == id) return c.label;
        return id;
    }

    void assign_ids(std::vector<Draft>& drafts) {
        // Votes: how many of a draft's entries a ledger id was formed from.
        std::map<std::string, std::string> id_of_ref;
        // Only looked up, never listed: hashed.
        std::unordered_set<std::string> reserved(data_.ledger.retired.begin(), data_.ledger.retired.end());
        for (const auto& lc : data_.ledger.concepts) {
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
                if (auto it = id_of_ref.find(records_[r].ref); it != id_of_ref.end()) ++count[it->second];
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
            return sa != sb ? sa < sb : records_[drafts[a].members.front()].ref < records_[drafts[b].members.front()].ref;
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

    void resolve_related(std::vector<Draft>& drafts, const std::vector<std::size_t>& draft_of_record) {
        // related keys name entries of the same source: (source, key) ->
        // its first record, looked up only, so hashed.
        struct SourceKeyHash {
            std::size_t operator()(const std::pair<const SourceSpec*, std::string_view>& k) const {
                return std::hash<std::string_view>()(k.second) ^ std::hash<const void*>()(k.first);
            }
        };
        std::unordered_map<std::pair<const SourceSpec*, std::string_view>, std::size_t, SourceKeyHash> record_of_key;
        record_of_key.reserve(records_.size());
        for (std::size_t r = 0; r < records_.size(); ++r)
            record_of_key.emplace(std::make_pair(records_[r].spec, std::string_view(records_[r].entry->key)), r);
        // Each draft changes only its own related list (the ids are all
        // assigned): on several threads.
        parallel::for_each_index(drafts.size(), [&](std::size_t i) {
            ir::Concept& c = drafts[i].concept_;
            const Draft& draft = drafts[i];
            for (std::size_t r : draft.members) {
                for (const auto& key : records_[r].entry->related) {
                    auto it = record_of_key.find({records_[r].spec, std::string_view(key)});
                    if (it == record_of_key.end()) continue;  // the reader reported it
                    const std::string& id = drafts[draft_of_record[it->second]].concept_.id;
                    if (id != c.id && std::find(c.related.begin(), c.related.end(), id) == c.related.end())
                        c.related.push_back(id);
                }
            }
        });
    }

    void build_concepts(ConstrainedClusters& clusters) {
        // One group per cluster, in the order of their first members (record order).
        std::vector<std::vector<std::size_t>> groups;
        {
            constexpr std::size_t kNone = static_cast<std::size_t>(-1);
            std::vector<std::size_t> group_of_root(records_.size(), kNone);
            for (std::size_t r = 0; r < records_.size(); ++r) {
                std::size_t& group = group_of_root[clusters.find(r)];
                if (group == kNone) {
                    group = groups.size();
                    groups.emplace_back();
                }
                groups[group].push_back(r);
            }
        }

        std::vector<std::size_t> draft_of_record(records_.size());
        for (std::size_t i = 0; i < groups.size(); ++i)
            for (std::size_t r : groups[i]) draft_of_record[r] = i;
        // A draft reads (and takes the entries of) its own members only: on
        // several threads.
        std::vector<Draft> drafts(groups.size());
        parallel::for_each_index(groups.size(), [&](std::size_t i) { drafts[i] = draft_concept(std::move(groups[i])); });
        std::vector<std::vector<std::size_t>>().swap(groups);
        apply_concept_overrides(drafts, draft_of_record);
        // Each draft's labels read only its own members: on several threads.
        parallel::for_each_index(drafts.size(), [&](std::size_t i) { collect_labels(drafts[i]); });
        for (auto& draft : drafts)
            if (!draft.categories_overridden) collect_categories(draft);
        qualify_homonyms(drafts);
        assign_ids(drafts);
        resolve_related(drafts, draft_of_record);
        if (base_out_) keep_base_concepts(drafts);
        if (base_) count_changes(drafts);

        ir::Glossary& g = result_.glossary;
        g.title = manifest_.title;
        g.language = manifest_.language;
        for (const auto& source : sources_)
            g.sources.push_back({source.spec.id, source.spec.file, source.spec.format, source.spec.priority,
                                 static_cast<std::uint32_t>(source.result.entries.size())});
        collect_glossary_categories(drafts);

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
        for (const auto& lc : data_.ledger.concepts) previous[lc.id] = &lc;
        // Each concept's ledger line and its entries' trace are its own:
        // made on several threads, each in its place in id order.
        std::vector<LedgerConcept> ledger(by_id.size());
        parallel::for_each_index(by_id.size(), [&](std::size_t k) {
            const std::size_t i = by_id[k];
            const Draft& d = drafts[i];
            for (std::size_t r : d.members) result_.trace.entries[r].concept_id = d.concept_.id;
            LedgerConcept lc{d.concept_.id, d.concept_.headword, {}, std::move(hashes[i]), timestamp_};
            lc.entries.reserve(d.members.size());
            for (std::size_t r : d.members) lc.entries.push_back(records_[r].ref);
            if (auto it = previous.find(lc.id); it != previous.end() && it->second->content_hash == lc.content_hash)
                lc.modified = it->second->modified;
            ledger[k] = std::move(lc);
        });
        // Moved into book order on several threads (each concept is its own).
        g.concepts.resize(order.size());
        parallel::for_each_index(order.size(), [&](std::size_t k) { g.concepts[k] = std::move(drafts[order[k]].concept_); });
        std::set<std::string> retired(data_.ledger.retired.begin(), data_.ledger.retired.end());
        if (!data_.ledger.concepts.empty()) {
            std::unordered_set<std::string_view> live;
            live.reserve(ledger.size());
            for (const auto& lc : ledger) live.insert(lc.id);
            for (const auto& lc : data_.ledger.concepts)
                if (!live.count(lc.id)) retired.insert(lc.id);
        }
        result_.ledger.concepts = std::move(ledger);
        result_.ledger.retired.assign(retired.begin(), retired.end());
    }

    void keep_base_concepts(const std::vector<Draft>& drafts) {
        base_out_->reserve(drafts.size());
        for (const auto& d : drafts) {
            BaseConcept concept_{{}, d.chosen_headword, d.concept_.headword, d.chosen_priority};
            for (std::size_t r : d.members)
                concept_.entries.emplace_back(result_.trace.entries[r].source, result_.trace.entries[r].index);
            base_out_->push_back(std::move(concept_));
        }
    }

    // What each added source changed: the concepts it joined, the ones it
    // made, and the pairs it nearly joined (MergeResult::changes).
    void count_changes(const std::vector<Draft>& drafts) {
        std::map<const SourceSpec*, SourceChange> changes;
        for (const auto& d : drafts) {
            bool existing = false;
            std::set<const SourceSpec*> added;
            for (std::size_t r : d.members) {
                existing = existing || base_of_record_[r] != kNoBase;
                if (base_of_record_[r] == kNoBase) added.insert(records_[r].spec);
            }
            for (const SourceSpec* spec : added) {
                SourceChange& change = changes[spec];
                (existing ? change.joined : change.created).push_back({d.concept_.id, d.concept_.headword});
            }
        }
        for (const auto& pair : result_.trace.pairs) {
            if (pair.decision == Decision::Merged || !is_near_miss(pair)) continue;
            bool a_added = base_of_record_[pair.a] == kNoBase, b_added = base_of_record_[pair.b] == kNoBase;
            if (a_added == b_added) continue;
            const SourceSpec* spec = records_[a_added ? pair.a : pair.b].spec;
            changes[spec].near_misses.push_back({records_[a_added ? pair.a : pair.b].ref,
                                                 records_[a_added ? pair.b : pair.a].ref, std::string(to_string(pair.decision)),
                                                 pair.similarity});
        }
        for (const auto& source : sources_) {
            auto it = changes.find(&source.spec);
            if (it == changes.end()) continue;
            it->second.source = source.spec.id;
            it->second.entries = source.result.entries.size();
            result_.changes.push_back(std::move(it->second));
        }
    }

    void collect_glossary_categories(const std::vector<Draft>& drafts) {
        ir::Glossary& g = result_.glossary;
        std::set<std::string> used;
        for (const auto& d : drafts) used.insert(d.concept_.categories.begin(), d.concept_.categories.end());
        if (data_.taxonomy) {
            for (const auto& c : data_.taxonomy->categories)
                if (used.count(c.id)) g.categories.push_back(c);
            for (const auto& id : used)  // categories named only by an override
                if (std::none_of(g.categories.begin(), g.categories.end(), [&](const auto& c) { return c.id == id; }))
                    g.categories.push_back({id, id});
            return;
        }
        std::map<std::string, std::string> declared;
        for (const auto& s : sources_)
            for (const auto& c : s.result.declared_categories) declared.emplace(c.id, c.label);
        for (const auto& id : used) g.categories.push_back({id, declared.count(id) ? declared[id] : id});
    }

    const Manifest& manifest_;
    const std::vector<SourceEntries>& sources_;
    bool take_entries_ = false;
    const MergeData& data_;
    std::int64_t timestamp_;
    DiagnosticSink& sink_;
    std::vector<Record> records_;
    std::unordered_map<std::string_view, std::size_t> ref_index_;  // Record::ref -> record (resolve)
    std::vector<PairCandidate> candidates_;  // settled: one per pair, in (a, b) order
    std::size_t settled_ = 0;                 // candidates_ after the last settle_candidates()
    // Pairs of one source's entries found to be one concept (score_and_cluster).
    std::set<std::pair<std::size_t, std::size_t>> internal_duplicates_;
    std::set<std::string> unmapped_reported_;
    std::vector<std::size_t> undefined_edges_;  // pairs with an undefined entry (join_undefined_entries)
    std::vector<std::size_t> first_record_of_source_;
    std::vector<BaseConcept>* base_out_ = nullptr;
    const std::vector<BaseConcept>* base_ = nullptr;
    std::vector<std::size_t> base_of_record_;  // index into *base_, or kNoBase for an added source's entry
    MergeResult result_;
};

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
    Merger merger(manifest, base, data, timestamp, said_by_the_full_merge);
    merger.keep_concepts(&concepts);
    merger.run();
    for (auto& c : concepts)
        for (auto& entry : c.entries) entry.first = full_index[entry.first];
    return concepts;
}

}  // namespace

// Adding sources never takes the glossary apart: the glossary without them
// is merged first, and its concepts are kept whole in the full merge (see
// Merger::extend). Costs a second merge only in a build that adds sources.
MergeResult merge_sources(const Manifest& manifest, const std::vector<SourceEntries>& sources, const MergeData& data,
                          std::int64_t timestamp, DiagnosticSink& sink) {
    auto base = base_concepts(manifest, sources, data, timestamp);
    Merger merger(manifest, sources, data, timestamp, sink);
    if (base) merger.extend(&*base);
    return merger.run();
}

MergeResult merge_sources(const Manifest& manifest, std::vector<SourceEntries>&& sources, const MergeData& data,
                          std::int64_t timestamp, DiagnosticSink& sink) {
    auto base = base_concepts(manifest, sources, data, timestamp);
    Merger merger(manifest, sources, data, timestamp, sink);
    if (base) merger.extend(&*base);
    merger.take_entries();
    return merger.run();
}

}  // namespace glossc::merge
