// The StarDict backend beyond the round trip (backend_roundtrip_test.cpp):
// the format check (tests/support/stardict_inspect, which knows nothing of
// the backend's code) on hand-made, hostile and generated glossaries, the
// article people read, the reader's refusals, dictzip and gzip on our
// .dict.dz, and the seed build looked up with sdcv.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "backend.hpp"
#include "json/json_backend.hpp"
#include "stardict/stardict_backend.hpp"
#include "stardict/stardict_format.hpp"
#include "support/generators.hpp"
#include "support/glossary_fixtures.hpp"
#include "support/paths.hpp"
#include "support/property.hpp"
#include "support/stardict_inspect.hpp"

namespace glossc {
namespace {

using testing::make_concept;

namespace fs = std::filesystem;
namespace inspect = testing::stardict;
namespace f = stardict_backend::format;

constexpr std::int64_t kTimestamp = 1795478400;  // 2026-11-24T00:00:00Z

std::string dictionary(const ir::Glossary& g) { return render(stardict_backend::stream, g, RenderContext{kTimestamp}); }

std::string problems_of(const std::string& packed) {
    std::string out;
    for (const auto& p : inspect::check(packed)) out += "  " + p + "\n";
    return out;
}

// The article of the first index entry with `word`.
std::string article_of(const std::string& packed, const std::string& word) {
    inspect::Dictionary d = inspect::open(packed);
    for (const auto& entry : d.index)
        if (entry.word == word) return inspect::article(d, entry);
    return "(no entry " + word + ")";
}

ir::Glossary small_glossary() {
    ir::Glossary g;
    g.title = "Test Glossary";
    g.language = "en";
    g.edition = "2026-11-23";
    g.sources = testing::titled_sources();
    g.categories = {{"attention", "Attention & Position"}, {"serving", "Inference & Serving"}};
    ir::Concept kv = make_concept("kv-cache", "KV Cache");
    kv.labels = {{"KV Cache", ir::LabelKind::Preferred, {"termbase"}},
                 {"Key-Value Cache", ir::LabelKind::Expansion, {"termbase"}},
                 {"kv cahce", ir::LabelKind::Hidden, {"topics"}}};
    kv.categories = {"attention", "serving"};
    ir::Definition d;
    d.source = "termbase";
    d.line = 12;
    d.summary = {ir::text("Keeps "), ir::math("K"), ir::text(" and "), ir::math("V"), ir::text(" of past tokens.")};
    d.body = {ir::paragraph({ir::text("Grows with the context.")}),
              ir::bullet_list({{ir::paragraph({ir::text("one")})}, {ir::paragraph({ir::text("two")})}}),
              ir::code_block("cache = {}\n\n  cache[k] = v", "python")};
    d.details = {ir::paragraph({ir::text("Size: "), ir::math("2 n_\\text{layers} d")})};
    d.flags = {"truncated"};
    kv.definitions.push_back(d);
    ir::Definition topic;
    topic.source = "topics";
    topic.summary = {ir::text("Cached keys and values.")};
    kv.definitions.push_back(topic);
    kv.related = {"attention"};
    kv.references = {{"Efficiently Scaling Transformer Inference", "Pope et al.", "", "2211.05102", ""}};
    ir::Concept attention = make_concept("attention", "attention");
    attention.labels = {{"attn", ir::LabelKind::Abbreviation, {"termbase"}}};
    g.concepts = {kv, attention};
    return g;
}

// ---- Words and order --------------------------------------------------------------

TEST(StardictFormat, CompareIsStardictStrcmp) {
    const std::vector<std::string> words{"a", "A", "b", "B", "ab", "aB", "Ab", "AB", "a b", "a-b", "_x", "[x]", "~",
                                         "é", "É", "z", "Zeta", "zeta", "ζ", "10", "9", "", "\x7f"};
    for (const auto& a : words)
        for (const auto& b : words) {
            const int ours = f::compare(a, b), theirs = inspect::stardict_strcmp(a, b);
            EXPECT_EQ(ours < 0, theirs < 0) << a << " / " << b;
            EXPECT_EQ(ours == 0, theirs == 0) << a << " / " << b;
        }
    // Case-insensitive first, so "B" comes before "a" is false; "B" before "b".
    EXPECT_LT(f::compare("apple", "Banana"), 0);
    EXPECT_LT(f::compare("B", "b"), 0);
    EXPECT_LT(f::compare("[", "a"), 0) << "'[' sorts before letters folded to lower case";
}

TEST(StardictFormat, NamesBecomeWordsALookupCanType) {
    EXPECT_EQ(f::word_of("KV Cache").text, "KV Cache");
    EXPECT_EQ(f::word_of("  KV\tCache\n(draft) ").text, "KV Cache (draft)");
    EXPECT_EQ(f::word_of("a\xc2\x85" "b\xe2\x80\xa8" "c").text, "a b c") << "C1 NEL and U+2028 are line breaks";
    EXPECT_EQ(f::word_of(std::string("a\0b", 3)).text, "a b");
    EXPECT_TRUE(f::word_of("\n\t \x01").text.empty());
    // Cut to 255 bytes, never inside a character.
    std::string long_name;
    while (long_name.size() < 400) long_name += "é";
    f::Word word = f::word_of(long_name);
    EXPECT_TRUE(word.shortened);
    EXPECT_EQ(word.text.size(), 254u);
    EXPECT_EQ(word.text, long_name.substr(0, 254));
    EXPECT_FALSE(f::word_of(std::string(255, 'x')).shortened);
}

// ---- The dictionary people read ---------------------------------------------------------

TEST(StardictBackend, TheArticleIsReadablePlainText) {
    const std::string packed = dictionary(small_glossary());
    EXPECT_EQ(problems_of(packed), "");
    EXPECT_EQ(article_of(packed, "KV Cache"),
              "Also: Key-Value Cache\n"
              "Categories: Attention & Position; Inference & Serving\n"
              "From AI/ML Termbase (truncated):\n"
              "  Keeps $K$ and $V$ of past tokens.\n"
              "  Grows with the context.\n"
              "  - one\n"
              "  - two\n"
              "  ```python\n"
              "  cache = {}\n"
              "\n"
              "    cache[k] = v\n"
              "  ```\n"
              "  Details: Size: $2 n_\\text{layers} d$\n"
              "From Topic List:\n"
              "  Cached keys and values.\n"
              "See also: attention\n"
              "Reference: Efficiently Scaling Transformer Inference\n"
              "  Authors: Pope et al.\n"
              "  arXiv: 2211.05102");
    inspect::Dictionary d = inspect::open(packed);
    ASSERT_EQ(d.index.size(), 2u);
    EXPECT_EQ(d.index[0].word, "attention");
    EXPECT_EQ(d.index[1].word, "KV Cache");
    std::vector<std::string> synonyms;
    for (const auto& s : d.synonyms) synonyms.push_back(s.word + " -> " + d.index[s.index].word);
    EXPECT_EQ(synonyms, (std::vector<std::string>{"attn -> attention", "Key-Value Cache -> KV Cache",
                                                  "kv cahce -> KV Cache"}))
        << "every other name, hidden search forms too; not the headword";
    EXPECT_EQ(d.options["bookname"], "Test Glossary");
    EXPECT_EQ(d.options["sametypesequence"], "m");
    EXPECT_EQ(d.options["date"], "2026.11.24") << "the build's date (SOURCE_DATE_EPOCH), as EPUB's dcterms:modified";
    EXPECT_EQ(d.options["description"],
              "Edition: 2026-11-23<br>Language: en<br>Sources: AI/ML Termbase <https://example.org/termbase>; Topic List");
    EXPECT_EQ(d.dict.mtime, kTimestamp);
    EXPECT_EQ(d.dict.flags, 0x04u) << "FEXTRA only: no file name";
}

TEST(StardictBackend, StructureInTheTextIsEscaped) {
    ir::Glossary g = small_glossary();
    ir::Concept& c = g.concepts[1];
    c.labels.push_back({"a; b", ir::LabelKind::Variant, {}});
    ir::Definition d;
    d.source = "topics";
    d.summary = {ir::text("- not a list")};
    d.body = {ir::paragraph({ir::text(" leading space\nand a line break")}), ir::paragraph({ir::text("Details: no")}),
              ir::code_block("```\n\\<", "")};
    c.definitions.push_back(d);
    const std::string packed = dictionary(g);
    EXPECT_EQ(article_of(packed, "attention"),
              "Also: attn; a\\<;> b\n"
              "From Topic List:\n"
              "  \\<>- not a list\n"
              "  \\<sp>leading space\\<n>and a line break\n"
              "  \\<>Details: no\n"
              "  ```\n"
              "  \\<`>``\n"
              "  \\<\\><\n"
              "  ```");
    EXPECT_EQ(stardict_backend::read(packed), stardict_backend::project(g));
}

TEST(StardictBackend, NamesThatCannotBeWordsAreHandledAndReported) {
    ir::Glossary g = small_glossary();
    std::string long_name = "Very " + std::string(300, 'L') + " Long";
    ir::Concept unusable = make_concept("unusable", "\xc2\x85");  // a headword of only a C1 control
    unusable.labels = {{"\n\t", ir::LabelKind::Variant, {}}, {long_name, ir::LabelKind::Variant, {}},
                       {"two\nlines", ir::LabelKind::Variant, {}}};
    g.concepts.push_back(unusable);
    ir::Concept twin = make_concept("kv-cache-2", "KV Cache");  // the same headword: two entries
    g.concepts.push_back(twin);
    DiagnosticSink sink;
    const std::string packed = render(stardict_backend::stream, g, RenderContext{kTimestamp}, sink, "out/stardict");
    EXPECT_EQ(problems_of(packed), "");
    std::multiset<std::string> codes;
    for (const auto& diagnostic : sink.all()) codes.insert(diagnostic.code);
    EXPECT_EQ(codes, (std::multiset<std::string>{"stardict-name-shortened", "stardict-name-unusable",
                                                 "stardict-name-unusable"}));
    inspect::Dictionary d = inspect::open(packed);
    std::vector<std::string> words;
    for (const auto& entry : d.index) words.push_back(entry.word);
    EXPECT_EQ(words, (std::vector<std::string>{"attention", "KV Cache", "KV Cache", "unusable"}))
        << "the unusable headword is indexed under the concept id; twins keep the glossary's order";
    EXPECT_TRUE(article_of(packed, "unusable").starts_with("Headword: \\<U+85>\n")) << "the article names it whole";
    std::set<std::string> synonyms;
    for (const auto& s : d.synonyms) synonyms.insert(s.word);
    EXPECT_TRUE(synonyms.count("two lines"));
    EXPECT_TRUE(synonyms.count("Very " + std::string(250, 'L'))) << "cut to 255 bytes";
    EXPECT_EQ(stardict_backend::read(packed), stardict_backend::project(g));
}

TEST(StardictBackend, AnEmptyGlossaryIsAnEmptyDictionary) {
    ir::Glossary g;
    g.title = "Empty";
    const std::string packed = dictionary(g);
    EXPECT_EQ(problems_of(packed), "");
    inspect::Dictionary d = inspect::open(packed);
    EXPECT_TRUE(d.index.empty());
    EXPECT_FALSE(d.files.count("glossary.syn")) << "the .syn is optional: none when it would be empty";
    EXPECT_EQ(stardict_backend::read(packed), stardict_backend::project(g));
}

TEST(StardictBackend, GeneratedDictionariesPassTheFormatCheck) {
    testing::check_property("stardict format check", 200, [](const ir::Glossary& g) {
        const std::string problems = problems_of(dictionary(g));
        RC_ASSERT(problems == "");
    });
}

TEST(StardictBackend, ChunksInflateAloneAcrossManyChunks) {
    // Enough text for several dictzip chunks, of text that does not compress.
    ir::Glossary g = small_glossary();
    std::uint64_t state = 12345;
    for (int i = 0; i < 40; ++i) {
        ir::Concept c = make_concept("c" + std::to_string(i), "term " + std::to_string(i));
        std::string text;
        for (int k = 0; k < 6000; ++k) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            text += static_cast<char>('!' + (state >> 33) % 90);
        }
        ir::Definition d;
        d.source = "topics";
        d.summary = {ir::text(text)};
        c.definitions.push_back(d);
        g.concepts.push_back(c);
    }
    const std::string packed = dictionary(g);
    EXPECT_EQ(problems_of(packed), "");
    inspect::Dictionary d = inspect::open(packed);
    EXPECT_GE(d.dict.chunk_sizes.size(), 4u);
    EXPECT_EQ(stardict_backend::read(packed), stardict_backend::project(g));
}

// ---- The reader refuses what the writer never writes ------------------------------------------

std::string repacked(std::map<std::string, std::string> files) {
    std::string out;
    for (const auto& [name, bytes] : files) out += std::to_string(bytes.size()) + " " + name + "\n" + bytes;
    return out;
}

TEST(StardictBackend, TheReaderAndTheCheckRefuseBrokenDictionaries) {
    const std::string packed = dictionary(small_glossary());
    ASSERT_NO_THROW(stardict_backend::read(packed));
    const inspect::Dictionary d = inspect::open(packed);
    auto broken = [&](const std::string& name, std::string bytes) {
        auto files = d.files;
        files[name] = std::move(bytes);
        return repacked(files);
    };
    auto set_be32 = [](std::string bytes, std::size_t at, std::uint32_t value) {
        for (int i = 3; i >= 0; --i, value >>= 8) bytes[at + i] = static_cast<char>(value & 0xFF);
        return bytes;
    };
    const std::string& idx = d.files.at("glossary.idx");
    const std::size_t first_numbers = idx.find('\0') + 1;
    const std::string& syn = d.files.at("glossary.syn");
    std::string dz = d.files.at("glossary.dict.dz");
    dz[dz.size() - 20] ^= 0x55;  // inside the last chunk
    std::string ifo = d.files.at("glossary.ifo");
    ifo.replace(ifo.find("wordcount=2"), 11, "wordcount=3");
    // The two index entries swapped: out of order.
    const std::size_t second = first_numbers + 8;
    const std::string swapped = idx.substr(second) + idx.substr(0, second);
    const std::map<std::string, std::string> cases{
        {"offset past the data", broken("glossary.idx", set_be32(idx, first_numbers, 1u << 30))},
        {"synonym index past the index", broken("glossary.syn", set_be32(syn, syn.find('\0') + 1, 7))},
        {"corrupt chunk", broken("glossary.dict.dz", dz)},
        {"wrong word count", broken("glossary.ifo", ifo)},
        {"index out of order", broken("glossary.idx", swapped)},
        {"empty .dict.dz", broken("glossary.dict.dz", "")},
    };
    for (const auto& [what, bytes] : cases) {
        EXPECT_THROW(stardict_backend::read(bytes), BackendReadError) << what;
        EXPECT_FALSE(inspect::check(bytes).empty()) << "the format check misses: " << what;
    }
}

// ---- dictzip and gzip read our .dict.dz --------------------------------------------------

bool have(const std::string& program) {
    return testing::run_command("command -v " + program + " >/dev/null").status == 0;
}

TEST(StardictBackend, DictzipAndGzipReadTheDictionary) {
    if (!have("dictzip") || !have("gzip")) GTEST_SKIP() << "skipped: dictzip or gzip not installed (./dev installs them)";
    testing::TempDir dir;
    const inspect::Dictionary d = inspect::open(dictionary(small_glossary()));
    testing::write_text(dir / "glossary.dict.dz", d.files.at("glossary.dict.dz"));
    const std::string file = testing::shell_quote((dir / "glossary.dict.dz").string());
    testing::CommandResult test = testing::run_command("dictzip -t " + file);
    EXPECT_EQ(test.status, 0) << test.output;
    testing::CommandResult list = testing::run_command("dictzip -l " + file);
    EXPECT_NE(list.output.find("dzip"), std::string::npos) << "dictzip sees a dictzip file, not plain gzip:\n"
                                                           << list.output;
    testing::CommandResult gunzip = testing::run_command("gzip -dc " + file + " 2>/dev/null");
    EXPECT_EQ(gunzip.status, 0);
    EXPECT_EQ(gunzip.output, d.dict.data);
}

// ---- The seed build, looked up with sdcv ------------------------------------------------------

class StardictSeedBuild : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new testing::TempDir();
        for (const char* jobs : {"2", "1"}) {
            const fs::path out = *dir_ / (std::string("out-") + jobs);
            build_[jobs[0] - '1'] = testing::run_command(
                "SOURCE_DATE_EPOCH=1700000000 " + testing::shell_quote(testing::glossc_binary().string()) +
                " build --manifest " + testing::shell_quote(testing::seeds_manifest().string()) + " --out " +
                testing::shell_quote(out.string()) + " --formats stardict,json --jobs " + jobs);
        }
        // sdcv writes its index cache (glossary.idx.oft) beside the
        // dictionary: it gets a copy, so the build's folder stays as built.
        std::error_code error;
        fs::copy(out() / "stardict", lookup_dir(), fs::copy_options::recursive, error);
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    static fs::path out() { return *dir_ / "out-2"; }
    static fs::path lookup_dir() { return *dir_ / "lookup"; }
    static std::string packed() { return testing::read_output(out(), "stardict"); }

    // sdcv on our dictionary alone, with a home and cache of its own (it
    // makes a config folder and may write a cache there), looking up each
    // of `words`.
    static testing::CommandResult sdcv(const std::vector<std::string>& words, const std::string& options) {
        const std::string home = testing::shell_quote((*dir_ / "home").string());
        std::string command = "{ HOME=" + home + " XDG_CACHE_HOME=" + home +
                              " sdcv --only-data-dir --data-dir " + testing::shell_quote(lookup_dir().string()) +
                              " --non-interactive " + options + " --";
        for (const auto& word : words) command += " " + testing::shell_quote(word);
        return testing::run_command(command + " 2>/dev/null; }");
    }

    static void require_build() {
        ASSERT_EQ(build_[1].status, 0) << build_[1].output;
        ASSERT_EQ(build_[0].status, 0) << build_[0].output;
    }

    static testing::TempDir* dir_;
    static testing::CommandResult build_[2];  // --jobs 1, --jobs 2
};

testing::TempDir* StardictSeedBuild::dir_ = nullptr;
testing::CommandResult StardictSeedBuild::build_[2];

TEST_F(StardictSeedBuild, PassesTheFormatCheckAndReadsBack) {
    require_build();
    const std::string dictionary = packed();
    EXPECT_EQ(problems_of(dictionary), "");
    const ir::Glossary glossary = json_backend::read(testing::read_bytes(out() / "glossary.json"));
    EXPECT_GT(glossary.concepts.size(), 500u);
    EXPECT_TRUE(stardict_backend::read(dictionary) == stardict_backend::project(glossary));
    EXPECT_EQ(build_[1].output.find("stardict-"), std::string::npos) << "no name of the seeds needs a warning";
}

TEST_F(StardictSeedBuild, TwoBuildsGiveTheSameBytes) {
    require_build();
    EXPECT_TRUE(testing::read_output(*dir_ / "out-1", "stardict") == packed()) << "--jobs 1 and --jobs 2 differ";
}

TEST_F(StardictSeedBuild, SdcvPrintsTheKvCacheArticleForItsExpansion) {
    require_build();
    if (!have("sdcv")) GTEST_SKIP() << "skipped: sdcv not installed (./dev test installs it)";
    testing::CommandResult result = sdcv({"Key-Value Cache"}, "");
    ASSERT_EQ(result.status, 0) << result.output;
    EXPECT_NE(result.output.find("-->AI/ML Glossary\n-->KV Cache\n"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("\nAlso: Key-Value Cache; "), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("\nFrom AI/ML Termbase:\n  Stores computed K and V tensors"), std::string::npos)
        << result.output;
}

// Every headword and every other name, looked up in one sdcv process (its
// JSON output: one line per word). A name that names one concept finds that
// concept. A name several concepts share (sdcv matches letters regardless
// of ASCII case: "Verifier" and "verifier" are one name to it) finds one of
// them: Debian's sdcv (0.5.2) gives one entry per lookup, looking in the
// .syn before the .idx, where GoldenDict, KOReader and sdcv from 0.5.3 on
// list every concept.
// sdcv reads a word with "*" or "?" as a pattern over the .idx alone, and
// one starting with "/" or "|" as a fuzzy or full-text search: such names
// are not looked up here (the format check covers their .syn entries).
TEST_F(StardictSeedBuild, SdcvFindsEveryConceptByEveryName) {
    require_build();
    if (!have("sdcv")) GTEST_SKIP() << "skipped: sdcv not installed (./dev test installs it)";
    const ir::Glossary glossary = json_backend::read(testing::read_bytes(out() / "glossary.json"));
    // name, ASCII letters in lower case -> headwords of the concepts it names
    std::map<std::string, std::set<std::string>> concepts_by_name;
    auto folded = [](std::string name) {
        for (char& c : name)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return name;
    };
    std::vector<std::string> names;
    for (const auto& c : glossary.concepts) {
        std::vector<std::string> own{c.headword};
        for (const auto& label : c.labels) own.push_back(label.text);
        for (const auto& name : own) {
            if (name.find_first_of("*?") != std::string::npos || name.starts_with("/") || name.starts_with("|")) continue;
            auto& headwords = concepts_by_name[folded(name)];
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
            headwords.insert(c.headword);
        }
    }
    testing::CommandResult result = sdcv(names, "--exact-search --json-output");
    ASSERT_EQ(result.status, 0) << result.output;
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < result.output.size();) {
        std::size_t end = std::min(result.output.find('\n', at), result.output.size());
        lines.push_back(result.output.substr(at, end - at));
        at = end + 1;
    }
    // sdcv takes the "--" that ends its options for a word too: its line first.
    ASSERT_EQ(lines.size(), names.size() + 1) << result.output.substr(0, 2000);
    std::size_t shared = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const nlohmann::json found = nlohmann::json::parse(lines[i + 1]);
        const std::set<std::string>& expected = concepts_by_name[folded(names[i])];
        std::set<std::string> words;
        for (const auto& hit : found) words.insert(hit.at("word").get<std::string>());
        bool right = false;
        for (const auto& word : words) right = right || expected.count(word) > 0;
        EXPECT_TRUE(right) << "sdcv finds no concept named \"" << names[i] << "\": " << lines[i + 1].substr(0, 300);
        if (expected.size() == 1)
            EXPECT_EQ(words, expected) << "\"" << names[i] << "\" names one concept";
        else
            ++shared;
    }
    EXPECT_GT(names.size(), 900u);
    EXPECT_LT(shared, 30u) << "names several concepts share are rare in the seeds";
}

}  // namespace
}  // namespace glossc
