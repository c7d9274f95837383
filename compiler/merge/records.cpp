// Phase 1 of the merge: one record per entry, with every name it goes by
// and their matching keys (phases.hpp).
#include <algorithm>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "merge/phases.hpp"
#include "parallel/parallel.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::merge {

bool same_letters(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

namespace {

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
std::string plain(const ir::Blocks& blocks) { return glossc::text::plain_text(blocks); }

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

// "test-time-compute": lower-case words joined by hyphens, as termbase ids
// are; "e-0042" (a number) and "Test-Time" (a name) are not.
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

Name make_name(const std::string& text, ir::LabelKind kind, const SpellingMap& spelling) {
    return Name{text, kind, false, make_keys(text, spelling)};
}

void add_names(Record& record, const SpellingMap& spelling) {
    const Entry& entry = *record.entry;
    record.names.push_back(make_name(entry.headword, ir::LabelKind::Preferred, spelling));
    for (const auto& label : entry.labels) record.names.push_back(make_name(label.text, label.kind, spelling));
    for (const auto& base : base_names(entry.headword)) {
        Name name = make_name(base, ir::LabelKind::Hidden, spelling);
        name.base_only = true;
        record.names.push_back(std::move(name));
    }
    for (const auto& alias :
         definition_aliases(plain(entry.definition.summary) + " " + plain(entry.definition.body))) {
        Name name = make_name(alias, ir::LabelKind::Variant, spelling);
        name.from_definition = true;
        record.names.push_back(std::move(name));
    }
    // A definition that opens with the first words of the headword names
    // what the entry is about ("Triton GPU Kernel Programming": "Triton
    // (OpenAI, 2019) is a ..."). Hidden: a key to match on, not a label,
    // since the entry never calls itself that (and not a declared name).
    if (auto subject = definition_subject(entry.headword, plain(entry.definition.summary))) {
        Name name = make_name(*subject, ir::LabelKind::Hidden, spelling);
        name.from_definition = true;
        record.names.push_back(std::move(name));
    }
    // A key the source itself gives as words ("test-time-compute" for the
    // entry it titles "Test-Time Compute Scaling") is how its author names
    // the entry: a key to match on, not a label to show. Like a headword
    // without its qualifier it is base-only, so it counts as a headword
    // when it meets another entry's headword.
    if (is_slug(entry.key)) {
        Name name = make_name(entry.key, ir::LabelKind::Hidden, spelling);
        name.base_only = true;
        if (name.keys.exact != record.names[0].keys.exact) record.names.push_back(std::move(name));
    }
}

}  // namespace

RecordSet collect_records(const std::vector<SourceEntries>& sources, const MergeData& data, DiagnosticSink& sink) {
    RecordSet set;
    std::vector<Record>& records = set.records;
    // Priority order (then id): see RecordSet.
    std::vector<std::size_t> order(sources.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&sources](std::size_t a, std::size_t b) {
        const auto& sa = sources[a].spec;
        const auto& sb = sources[b].spec;
        return sa.priority != sb.priority ? sa.priority > sb.priority : sa.id < sb.id;
    });
    std::map<std::string, std::size_t> first_record_of_fingerprint;
    // Only sources with as many entries as another can be its copy: the
    // others need no fingerprint (it serialises every entry).
    std::map<std::size_t, int> sources_of_size;
    std::size_t entries = 0;
    for (const auto& source : sources) {
        ++sources_of_size[source.result.entries.size()];
        entries += source.result.entries.size();
    }
    records.reserve(entries);
    set.entries.reserve(entries);
    set.first_record_of_source.resize(sources.size());
    for (std::size_t s : order) {
        const auto& source = sources[s];
        std::size_t first_record = records.size();
        set.first_record_of_source[s] = first_record;
        bool may_be_copy = sources_of_size[source.result.entries.size()] > 1;
        auto [mirrored, fresh] = first_record_of_fingerprint.emplace(
            may_be_copy ? fingerprint(source.result.entries) : "\x1f" + std::to_string(s), first_record);
        if (!fresh && !source.result.entries.empty())
            sink.note(Location{source.spec.display_path}, "source-duplicate",
                      "source '" + source.spec.id + "' has the same entries as source '" +
                          records[mirrored->second].spec->id + "'; it adds provenance only");
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
            if (data.taxonomy)
                for (const auto& name : entry.categories)
                    if (auto id = data.taxonomy->map(source.spec.id, name)) record.topics.insert(*id);
            set.entries.push_back({s, i, record.ref, {}});
            records.push_back(std::move(record));
        }
    }
    // Names and their keys: most of the merge's normalisation work, one
    // record per index on several threads (each writes only its own).
    parallel::for_each_index(records.size(), [&](std::size_t r) { add_names(records[r], data.spelling); });
    return set;
}

std::optional<std::size_t> EntryRefs::resolve(const EntryName& name, DiagnosticSink& sink) {
    if (index_.empty()) {
        index_.reserve(records_.size());
        for (std::size_t r = 0; r < records_.size(); ++r) index_[records_[r].ref] = r;  // the last wins
    }
    auto it = index_.find(name.source + ":" + name.key);
    if (it != index_.end()) return it->second;
    sink.warning(name.where, "override-unknown-entry",
                 "no entry '" + name.key + "' in source '" + name.source + "'; this override is ignored");
    return std::nullopt;
}

}  // namespace glossc::merge
