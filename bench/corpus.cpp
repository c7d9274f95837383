// The synthetic corpus (corpus.hpp). Each concept gets a coined word that no
// other concept has (its index spelled in two-letter syllables), so names only
// meet where the corpus means them to: the same concept in another source,
// spelled the same, in lower case, hyphenated, or by its abbreviation. Each
// concept also has core words that all its definitions use, so definitions
// of one concept are similar (TF-IDF) and those of different concepts are not.
// Every concept is drawn from its own random stream, so the file contents do
// not depend on the order they are written in.
#include "corpus.hpp"

#include <array>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "markdown_list.hpp"

namespace glossc::bench {

namespace {

// SplitMix64: tiny, and the same numbers on every platform and compiler
// (std::uniform_int_distribution is not specified bit for bit).
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    bool chance(unsigned percent) { return below(100) < percent; }
    template <class T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[below(N)];
    }

private:
    std::uint64_t state_;
};

enum Source : std::size_t { kTermbaseA, kTermbaseB, kDictionary, kSections, kTopics, kSourceCount };

struct SourceInfo {
    const char* id;
    const char* file;
    const char* format;
    int priority;
    unsigned weight;  // share of single-source concepts, percent
};
constexpr std::array<SourceInfo, kSourceCount> kSources{{
    {"termbase-a", "termbase-a.json", "termbase-json", 50, 25},
    {"termbase-b", "termbase-b.json", "termbase-json", 45, 20},
    {"dictionary", "dictionary.txt", "ai-dictionary", 40, 20},
    {"sections", "sections.txt", "section-glossary", 30, 20},
    {"topics", "topics.txt", "topic-list", 20, 15},
}};

constexpr std::array<std::string_view, 8> kCategories{"Training",  "Inference", "Architecture", "Quantization",
                                                      "Alignment", "Data",      "Evaluation",   "Systems"};
constexpr std::array<std::string_view, 20> kHeads{
    "Attention", "Sampling",     "Quantization", "Decoding",      "Tokenizer",   "Optimizer", "Cache",
    "Loss",      "Embedding",    "Pruning",      "Scheduler",     "Routing",     "Alignment", "Distillation",
    "Normalization", "Benchmark", "Kernel",      "Adapter",       "Parallelism", "Regularization"};
constexpr std::array<std::string_view, 12> kModifiers{"Sparse",  "Dense",    "Adaptive", "Grouped",
                                                      "Dynamic", "Residual", "Stochastic", "Causal",
                                                      "Hybrid",  "Latent",   "Gated",    "Streaming"};
// Everyday words for the rest of a definition: frequent, so they weigh
// little in TF-IDF, as in real definitions.
constexpr std::array<std::string_view, 48> kFiller{
    "model",    "training", "tokens",   "memory",    "layer",     "weights",  "inference", "quality",
    "method",   "compute",  "faster",   "accuracy",  "context",   "batch",    "gradient",  "parameters",
    "reduces",  "improves", "keeps",    "splits",    "combines",  "measures", "stores",    "schedules",
    "large",    "small",    "each",     "every",     "during",    "without",  "across",    "between",
    "sequence", "output",   "input",    "hardware",  "latency",   "throughput", "loss",    "data",
    "naïve",    "cheaper",  "stable",   "robust",    "numerical", "vector",   "matrix",    "step"};
// Formulas from the LaTeX backend's math allow-list, so that every format
// renders them.
constexpr std::array<std::string_view, 6> kMath{"$\\alpha$", "$O(n \\log n)$", "$x_i^2$", "$\\frac{1}{\\sqrt{d}}$",
                                                "$\\sum_i p_i \\log p_i$", "$\\theta_t$"};
constexpr std::array<std::string_view, 6> kUnicode{"— roughly", "≈ twice", "→ then", "(café-scale)", "Zürich-style",
                                                   "über-fast"};

constexpr std::string_view kConsonants = "bdfgklmnprtvz";
constexpr std::string_view kVowels = "aiou";  // no 'e' and no final 's': plural and stem folding leave them alone

// A coined word: a number in base 52 as CV syllables. Concept names use 4
// syllables (enough for 7 million concepts), so no two concepts share
// theirs; definitions' core words use 3, so they never equal a name. The
// number is scrambled first (an odd multiplier coprime to 13 is a bijection
// modulo 52^k), so neighbouring concepts do not look alike.
std::string coined_word(std::size_t index, int syllables = 4) {
    std::size_t modulus = 1;
    for (int i = 0; i < syllables; ++i) modulus *= 52;
    index = (index % modulus) * 2654435761u % modulus;
    std::string word;
    for (int i = 0; i < syllables; ++i) {
        std::size_t syllable = index % 52;
        index /= 52;
        word += kConsonants[syllable % 13];
        word += kVowels[syllable / 13];
    }
    word[0] = static_cast<char>(word[0] - 'a' + 'A');
    return word;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}
std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

struct Concept {
    std::size_t index = 0;
    std::string name;          // the canonical name
    std::string abbreviation;  // empty for most concepts
    std::size_t category = 0;
    std::vector<std::string> core;  // words every definition of the concept uses
    std::array<bool, kSourceCount> in{};
    std::size_t sources = 0;
};

Concept make_concept(std::size_t index, std::uint64_t seed) {
    Random random(seed * 0x100000001B3ull + index);
    Concept c;
    c.index = index;
    std::string coined = coined_word(index);
    std::size_t shape = random.below(100);
    std::string_view head = random.pick(kHeads);
    if (shape < 40) c.name = coined + " " + std::string(head);
    else if (shape < 65) c.name = std::string(random.pick(kModifiers)) + " " + coined + " " + std::string(head);
    else if (shape < 85) c.name = coined;
    else c.name = coined + " " + std::string(head) + " " + std::string(random.pick(kHeads));
    // Abbreviations are consonants of the coined word plus the initials of
    // the other words: "Kabori Attention" -> "KBRA".
    if (shape < 65 && random.chance(35)) {
        std::string consonants;
        for (char ch : coined)
            if (kVowels.find(static_cast<char>(ch | 0x20)) == std::string_view::npos && consonants.size() < 3)
                consonants += ch;
        std::size_t at = c.name.find(coined);
        std::string front = at > 0 ? std::string(1, c.name[0]) : "";  // the modifier's initial
        std::string tail;  // initials of the words after the coined one
        for (std::size_t i = at + coined.size(); i + 1 < c.name.size(); ++i)
            if (c.name[i] == ' ') tail += c.name[i + 1];
        c.abbreviation = upper(front + consonants + tail);
    }
    // A few names carry a non-ASCII letter, as real glossaries do (names from
    // other languages).
    if (random.chance(5)) {
        std::size_t at = c.name.find('a', 1);
        if (at != std::string::npos && at < coined.size()) c.name.replace(at, 1, "á");
    }
    c.category = random.below(kCategories.size());
    // From a vocabulary of 20000 words, about the size of a real glossary's.
    for (int i = 0; i < 6; ++i) c.core.push_back(lower(coined_word(random.below(20000), 3)));
    // About 30% of concepts are in two or three sources.
    if (random.chance(30)) {
        std::size_t want = random.chance(70) ? 2 : 3;
        while (c.sources < want) {
            std::size_t s = random.below(kSourceCount);
            if (!c.in[s]) {
                c.in[s] = true;
                ++c.sources;
            }
        }
    } else {
        std::size_t roll = random.below(100), s = 0;
        for (unsigned acc = kSources[0].weight; roll >= acc; acc += kSources[++s].weight) {
        }
        c.in[s] = true;
        c.sources = 1;
    }
    return c;
}

// How one source names a concept: mostly as it is, but sometimes in lower
// case, hyphenated, or by its abbreviation (the expansion then given as an
// alias where the format has a place for one).
struct Naming {
    std::string headword;
    std::string alias;  // empty when none
};

Naming naming_in(const Concept& c, Random& random, bool first_source) {
    Naming n{c.name, c.abbreviation};
    if (first_source) return n;
    std::size_t variant = random.below(100);
    if (variant < 20) {
        n.headword = lower(c.name);
    } else if (variant < 35 && c.name.find(' ') != std::string::npos) {
        n.headword = c.name;
        n.headword[n.headword.find(' ')] = '-';
    } else if (variant < 55 && !c.abbreviation.empty()) {
        n.headword = c.abbreviation;
        n.alias = c.name;
    }
    return n;
}

std::string sentence(const Concept& c, Random& random, std::size_t words, bool math) {
    std::string out;
    for (std::size_t i = 0; i < words; ++i) {
        if (!out.empty()) out += ' ';
        if (random.chance(40)) out += c.core[random.below(c.core.size())];
        else out += random.pick(kFiller);
    }
    if (math) out += " with " + std::string(random.pick(kMath));
    if (random.chance(10)) out += " " + std::string(random.pick(kUnicode));
    return out;
}

struct Definition {
    std::string summary, body, example;
};

Definition definition_of(const Concept& c, Random& random) {
    Definition d;
    d.summary = c.name + " " + sentence(c, random, 10, false) + ".";
    d.body = "It " + sentence(c, random, 18, random.chance(30)) + ". The " + lower(c.name) + " " +
             sentence(c, random, 12, false) + ".";
    d.example = "A run " + sentence(c, random, 8, false) + ".";
    return d;
}

std::string slug(std::string_view name) {
    std::string out;
    for (char ch : lower(name)) {
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += ch;
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

class Writer {
public:
    explicit Writer(const std::filesystem::path& dir) {
        for (std::size_t s = 0; s < kSourceCount; ++s) open(files_[s], dir / kSources[s].file);
        open(markdown_, dir / "glossary.md");
    }

    void begin(const std::array<std::size_t, kSourceCount>& counts, std::uint64_t seed) {
        for (Source s : {kTermbaseA, kTermbaseB}) {
            files_[s] << "{\n  \"categories\": [\n";
            for (std::size_t i = 0; i < kCategories.size(); ++i)
                files_[s] << "    {\"id\": \"" << slug(kCategories[i]) << "\", \"label\": \"" << kCategories[i]
                          << "\", \"order\": " << i << ", \"entries\": []}" << (i + 1 < kCategories.size() ? "," : "")
                          << "\n";
            files_[s] << "  ],\n  \"entries\": {";
        }
        files_[kDictionary] << "The Synthetic Dictionary.\n\n" << counts[kDictionary] << " terms\n\n";
        files_[kSections] << "Glossary\n";
        files_[kTopics] << "Tag: synthetic\n" << counts[kTopics] << " topic(s)\n";
        markdown_ << "---\ntitle: Synthetic glossary (seed " << seed << ")\nlang: en\n---\n\n";
    }

    void add(const Concept& c, std::uint64_t seed) {
        Random random(seed * 0xC2B2AE3D27D4EB4Full + c.index);
        bool first = true;
        std::vector<std::pair<std::string, Definition>> written;  // for the Markdown rendering
        for (std::size_t s = 0; s < kSourceCount; ++s) {
            if (!c.in[s]) continue;
            Naming naming = naming_in(c, random, first);
            first = false;
            Definition d = definition_of(c, random);
            switch (static_cast<Source>(s)) {
                case kTermbaseA:
                case kTermbaseB: termbase_entry(static_cast<Source>(s), c, naming, d, random); break;
                case kDictionary: dictionary_entry(c, naming, d); break;
                case kSections: section_entry(c, naming, d); break;
                case kTopics: topic_entry(c, naming, d); break;
                case kSourceCount: break;
            }
            written.emplace_back(kSources[s].id, std::move(d));
        }
        std::vector<std::string> aliases;
        if (!c.abbreviation.empty()) aliases.push_back(c.abbreviation);
        std::vector<std::string> definitions;
        for (const auto& [source, d] : written) definitions.push_back(d.summary + " " + d.body + " Example: " + d.example);
        write_definition_item(markdown_, c.name, aliases, definitions);
    }

    void end() {
        for (Source s : {kTermbaseA, kTermbaseB}) files_[s] << "\n  }\n}\n";
        for (auto& file : files_) check(file);
        check(markdown_);
    }

private:
    static void open(std::ofstream& file, const std::filesystem::path& path) {
        file.open(path, std::ios::binary);
        if (!file) throw std::runtime_error("cannot write " + path.string());
    }
    static void check(std::ofstream& file) {
        file.flush();
        if (!file) throw std::runtime_error("write failed");
    }

    void termbase_entry(Source s, const Concept& c, const Naming& naming, const Definition& d, Random& random) {
        std::string id = slug(naming.headword) + "-" + std::to_string(c.index);
        nlohmann::json entry{{"id", id},
                             {"name", naming.headword},
                             {"category", slug(kCategories[c.category])},
                             {"oneliner", d.summary},
                             {"explanation", d.body},
                             {"fundamentals", d.example}};
        if (!c.abbreviation.empty() && naming.headword == c.abbreviation) entry["expansion"] = c.name;
        else if (!c.abbreviation.empty()) entry["name"] = naming.headword + " (" + c.abbreviation + ")";
        // Related entries: earlier entries of the same file, so every id resolves.
        auto& ids = ids_[s];
        nlohmann::json related = nlohmann::json::array();
        for (std::size_t i = 0, n = ids.empty() ? 0 : random.below(3); i < n; ++i)
            related.push_back(ids[ids.size() - 1 - random.below(std::min<std::size_t>(ids.size(), 50))]);
        entry["related"] = related;
        if (random.chance(20))
            entry["sources"] = {"Author et al., 'On " + c.name + ",' 2025, arXiv:2501." +
                                std::to_string(10000 + c.index % 90000)};
        entry["confidence"] = "high";
        files_[s] << (ids.empty() ? "\n    " : ",\n    ") << nlohmann::json(id).dump() << ": "
                  << entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
        ids.push_back(id);
    }

    void dictionary_entry(const Concept& c, const Naming& naming, const Definition& d) {
        // The alias is glued to the category line, as on the seed page.
        std::string alias = naming.alias.empty() ? c.abbreviation : naming.alias;
        files_[kDictionary] << naming.headword << "\n\n"
                            << kCategories[c.category] << alias << "\n\n"
                            << d.summary << "\n\n"
                            << d.body << "\n\n"
                            << "Example" << d.example << "\n\n";
    }

    void section_entry(const Concept& c, const Naming& naming, const Definition& d) {
        std::string term = naming.headword;
        if (naming.alias.empty() && !c.abbreviation.empty()) term += " (" + c.abbreviation + ")";
        files_[kSections] << "- " << term << " Introduced in §" << (c.category + 1) << " · "
                          << kCategories[c.category] << "\n- " << d.summary << " " << d.body << "\n";
    }

    void topic_entry(const Concept& c, const Naming& naming, const Definition& d) {
        // Title glued to its definition, which restarts with the title.
        std::string title = naming.headword;
        if (naming.alias.empty() && !c.abbreviation.empty()) title += " (" + c.abbreviation + ")";
        files_[kTopics] << "- " << title << d.summary << " " << d.body << "\n";
    }

    std::array<std::ofstream, kSourceCount> files_;
    std::ofstream markdown_;
    std::array<std::vector<std::string>, kSourceCount> ids_;
};

void write_manifest(const std::filesystem::path& dir) {
    std::ofstream out(dir / "glossary.toml", std::ios::binary);
    out << "# A synthetic corpus written by glossc-corpus (bench/corpus.cpp).\n"
           "title = \"Synthetic glossary\"\nlanguage = \"en\"\ndate = \"2026-01-01\"\n";
    for (const auto& s : kSources) {
        out << "\n[[source]]\nid = \"" << s.id << "\"\nfile = \"" << s.file << "\"\nformat = \"" << s.format
            << "\"\npriority = " << s.priority << "\n";
        if (std::string_view(s.format) == "ai-dictionary") {
            out << "[source.options]\ncategories = [";
            for (std::size_t i = 0; i < kCategories.size(); ++i) out << (i ? ", " : "") << '"' << kCategories[i] << '"';
            out << "]\nchrome = ['The Synthetic Dictionary\\.']\n";
        }
        if (std::string_view(s.format) == "section-glossary") out << "[source.options]\nchrome = ['Glossary']\n";
    }
    if (!out.flush()) throw std::runtime_error("cannot write " + (dir / "glossary.toml").string());
}

}  // namespace

CorpusSummary write_corpus(const CorpusOptions& options) {
    std::filesystem::create_directories(options.out);
    // First pass: which concepts, and how many entries each source gets (the
    // dictionary and topic list state their counts in their headers).
    CorpusSummary summary;
    std::array<std::size_t, kSourceCount> counts{};
    std::vector<std::array<bool, kSourceCount>> membership;
    while (summary.entries < options.entries) {
        Concept c = make_concept(summary.concepts, options.seed);
        // The last concept keeps only as many sources as there are entries left.
        for (std::size_t s = 0; s < kSourceCount; ++s) {
            if (c.in[s] && summary.entries == options.entries) c.in[s] = false;
            if (c.in[s]) {
                ++counts[s];
                ++summary.entries;
            }
        }
        membership.push_back(c.in);
        ++summary.concepts;
    }
    write_manifest(options.out);
    Writer writer(options.out);
    writer.begin(counts, options.seed);
    for (std::size_t i = 0; i < summary.concepts; ++i) {
        Concept c = make_concept(i, options.seed);
        c.in = membership[i];
        c.sources = 0;
        for (bool in : c.in) c.sources += in;
        if (c.sources > 1) ++summary.shared_concepts;
        writer.add(c, options.seed);
    }
    writer.end();
    return summary;
}

}  // namespace glossc::bench
