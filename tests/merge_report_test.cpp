// `glossc report` and `glossc explain` on the seed sources.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "driver/driver.hpp"
#include "merge/clusters.hpp"
#include "merge/merge_data.hpp"
#include "merge/quality.hpp"
#include "report/merge_report.hpp"
#include "report/synonyms.hpp"
#include "support/merge_fixtures.hpp"
#include "support/paths.hpp"
#include "text/utf8.hpp"

namespace glossc {
namespace {

using testing::run_command;
using testing::shell_quote;

std::string glossc() { return shell_quote(testing::glossc_binary().string()); }
std::string manifest() { return shell_quote(testing::seeds_manifest().string()); }

// The seeds compiled once for the tests that read the report in process.
const CompileResult& seeds() {
    static const CompileResult compiled = [] {
        std::ostringstream diagnostics;
        return compile(CompileRequest{testing::seeds_manifest(), {}}, diagnostics);
    }();
    return compiled;
}

const std::string& seeds_report(report::Format format) {
    static std::map<report::Format, std::string> reports;
    auto [it, fresh] = reports.try_emplace(format);
    if (fresh) it->second = report::merge_report(*seeds().glossary, seeds().trace, format);
    return it->second;
}

// The rows of a section of the text report: one block of "  header: value"
// lines each.
std::vector<std::string> text_rows(const std::string& report, const std::string& section, const std::string& next) {
    std::size_t start = report.find(section + "\n" + std::string(section.size(), '-'));
    std::size_t end = report.find(next + "\n" + std::string(next.size(), '-'));
    EXPECT_NE(start, std::string::npos) << section;
    EXPECT_NE(end, std::string::npos) << next;
    std::vector<std::string> rows;
    std::string body = report.substr(start, end - start);
    for (std::size_t at = 0; at < body.size();) {
        std::size_t blank = body.find("\n\n", at);
        std::string block = body.substr(at, blank == std::string::npos ? std::string::npos : blank - at);
        if (block.find("  entry: ") != std::string::npos) rows.push_back(block);
        if (blank == std::string::npos) break;
        at = blank + 2;
    }
    return rows;
}

std::vector<std::string> near_miss_rows() {
    return text_rows(seeds_report(report::Format::Text), "Near misses", "Possible synonyms");
}
std::vector<std::string> synonym_rows() {
    return text_rows(seeds_report(report::Format::Text), "Possible synonyms", "Concepts drawn from several sources");
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

bool row_pairs(const std::string& row, const std::string& ref_a, const std::string& ref_b) {
    return row.find("  entry: " + ref_a + " →") != std::string::npos &&
           row.find("  entry: " + ref_b + " →") != std::string::npos;
}

// The override tables printed in a row, as printed (indented).
std::vector<std::string> pasteable(const std::string& row) {
    std::vector<std::string> snippets;
    std::istringstream lines(row.substr(row.find("  override to paste:")));
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) {
        if (!line.starts_with("      ")) break;
        if (line.find("[[") != std::string::npos) snippets.emplace_back();
        snippets.back() += line + "\n";
    }
    return snippets;
}

TEST(MergeReport, HtmlIsOneSelfContainedPageWithTheEvidence) {
    testing::TempDir dir;
    auto result = run_command(glossc() + " report --manifest " + manifest() + " --out " + shell_quote(dir.path().string()));
    ASSERT_EQ(result.status, 0) << result.output;
    std::string html = testing::read_bytes(dir / "merge-report.html");
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("</html>"), std::string::npos);
    // No external assets: no scripts, stylesheets or images fetched from anywhere.
    for (const char* external : {"<script", "<link", "<img", "src=", "@import", "url("})
        EXPECT_EQ(html.find(external), std::string::npos) << external;
    for (const char* section : {"Sources", "Homonym splits", "Near misses", "Concepts drawn from several sources"})
        EXPECT_NE(html.find(section), std::string::npos) << section;
    EXPECT_NE(html.find("RAFT"), std::string::npos);
    EXPECT_NE(html.find("kept apart: homonym"), std::string::npos);
    // Counts per source: every seed source has a row.
    for (const char* source : {"termbase", "ai-dictionary", "section-glossary", "topic-list", "acronym-list"})
        EXPECT_NE(html.find(std::string("<td>") + source + "</td>"), std::string::npos) << source;
}

TEST(MergeReport, MarkdownAndTextOnRequest) {
    testing::TempDir dir;
    for (const char* format : {"md", "text"}) {
        auto result = run_command(glossc() + " report --format " + format + " --manifest " + manifest() + " --out " +
                                  shell_quote(dir.path().string()));
        ASSERT_EQ(result.status, 0) << result.output;
    }
    EXPECT_NE(testing::read_bytes(dir / "merge-report.md").find("## Homonym splits"), std::string::npos);
    EXPECT_NE(testing::read_bytes(dir / "merge-report.txt").find("Homonym splits"), std::string::npos);
    EXPECT_EQ(run_command(glossc() + " report --format pdf --manifest " + manifest()).status, 2);
}

// What the report prints from sources is text in every format: a title or
// name holding HTML or a Markdown link is shown, never acted on.
TEST(MergeReport, MarkdownEscapesWhatItPrints) {
    testing::TempDir dir;
    testing::write_text(dir / "glossary.toml",
                        "title = \"<img src=x onerror=alert(1)>\"\nlanguage = \"en\"\ndate = \"2026-12-05\"\n\n"
                        "[[source]]\nid = \"s\"\nfile = \"a.md\"\nformat = \"markdown\"\npriority = 1\n");
    testing::write_text(dir / "a.md", "## [click](javascript:alert(1)) <script>x</script>\n\nA term.\n");
    auto result = run_command(glossc() + " report --format md --manifest " + shell_quote((dir / "glossary.toml").string()) +
                              " --out " + shell_quote((dir / "out").string()));
    ASSERT_EQ(result.status, 0) << result.output;
    std::string md = testing::read_bytes(dir / "out" / "merge-report.md");
    EXPECT_NE(md.find("\\<img src=x onerror=alert(1)\\>"), std::string::npos) << md;
    for (std::size_t at = md.find('<'); at != std::string::npos; at = md.find('<', at + 1))
        EXPECT_TRUE(at > 0 && md[at - 1] == '\\') << "an unescaped '<' at " << at << " in " << md;
    EXPECT_EQ(md.find("](javascript"), std::string::npos) << md;
}

TEST(MergeReport, ExplainNamesTheEntriesAndTheEvidence) {
    auto result = run_command(glossc() + " explain --manifest " + manifest() + " 'kv-cache'");
    ASSERT_EQ(result.status, 0) << result.output;
    EXPECT_NE(result.output.find("KV Cache [kv-cache]"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("topic-list: Key-Value (KV) Caching"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("merged because:"), std::string::npos);
    auto raft = run_command(glossc() + " explain --manifest " + manifest() + " RAFT");
    EXPECT_NE(raft.output.find("kept apart: homonym"), std::string::npos) << raft.output;
    auto unknown = run_command(glossc() + " explain --manifest " + manifest() + " 'no such term at all'");
    EXPECT_EQ(unknown.status, 1);
    EXPECT_NE(unknown.output.find("[explain-unknown-term]"), std::string::npos);
}

// ---- 1. definitions side by side -------------------------------------------

TEST(MergeReport, NearMissesShowBothEntriesDefinitions) {
    auto rows = near_miss_rows();
    ASSERT_FALSE(rows.empty());
    bool found = false;
    for (const auto& row : rows) {
        if (!row_pairs(row, "termbase:bf16", "topic-list:BF16 / FP8 / MXFP4 Number Formats")) continue;
        found = true;
        EXPECT_NE(row.find("      A 16-bit float with fp32's exponent range"), std::string::npos) << row;
        EXPECT_NE(row.find("      These are low-precision number formats"), std::string::npos) << row;
    }
    EXPECT_TRUE(found);
    // Every entry of a near miss that has a definition shows it on the line
    // below it.
    const auto& glossary = *seeds().glossary;
    const auto& trace = seeds().trace;
    auto defined = [&](std::size_t entry) {
        const std::string& ref = trace.entries[entry].ref;
        std::string source = ref.substr(0, ref.find(':')), key = ref.substr(ref.find(':') + 1);
        for (const auto& c : glossary.concepts) {
            if (c.id != trace.entries[entry].concept_id) continue;
            for (const auto& p : c.provenance)
                if (p.source == source && p.key == key)
                    for (const auto& d : c.definitions)
                        if (d.source == source && d.line == p.line && !d.summary.empty()) return true;
        }
        return false;
    };
    std::size_t shown = 0;
    for (const auto& p : trace.pairs) {
        if (!merge::is_near_miss(p)) continue;
        for (std::size_t entry : {p.a, p.b}) {
            if (!defined(entry)) continue;
            bool found = std::any_of(rows.begin(), rows.end(), [&](const std::string& row) {
                std::size_t at = row.find("  entry: " + trace.entries[entry].ref + " →");
                return at != std::string::npos && row.compare(row.find('\n', at) + 1, 6, "      ") == 0;
            });
            EXPECT_TRUE(found) << trace.entries[entry].ref;
            ++shown;
        }
    }
    EXPECT_GT(shown, 20u);
}

TEST(MergeReport, DefinitionsAreShortenedAtAWordBoundary) {
    const std::string& text = seeds_report(report::Format::Text);
    std::istringstream lines(text);
    std::string line;
    std::size_t cut = 0;
    while (std::getline(lines, line)) {
        bool definition = line.starts_with("  definition: ") || (line.starts_with("      ") && line[6] != ' ' &&
                                                                  line.find("[[") == std::string::npos &&
                                                                  line.find("entries = ") == std::string::npos);
        if (!definition) continue;
        std::string shown = line.starts_with("  definition: ") ? line.substr(14) : line.substr(6);
        EXPECT_LE(text::count_code_points(shown), 161u) << line;
        if (!shown.ends_with("…")) continue;
        ++cut;
        // Cut after a whole word: the character before "…" ends a word.
        std::string before = shown.substr(0, shown.size() - std::string("…").size());
        EXPECT_NE(before.back(), ' ') << line;
    }
    EXPECT_GT(cut, 10u);
}

TEST(MergeReport, MultiSourceConceptsShowEachEntrysDefinition) {
    const std::string& text = seeds_report(report::Format::Text);
    std::size_t kv = text.find("KV Cache [kv-cache]\n");
    ASSERT_NE(kv, std::string::npos);
    std::string section = text.substr(kv, text.find("\n\n\n", kv) - kv);
    std::size_t end = section.find("  entry: ");  // the evidence table follows the entries
    std::string entries = section.substr(0, end);
    EXPECT_NE(entries.find("  source: topic-list\n  entry as printed: Key-Value (KV) Caching"), std::string::npos)
        << entries;
    EXPECT_GE(occurrences(entries, "  source: "), 3u);
    EXPECT_EQ(occurrences(entries, "  definition: "), occurrences(entries, "  source: ")) << entries;
}

// ---- 2. a refused union names the pair that blocked it ----------------------

TEST(ConstrainedClusters, ARefusalNamesTheCannotLinkPairFromEachSide) {
    merge::ConstrainedClusters clusters(6);
    clusters.cannot_link(0, 4);
    clusters.force_union(0, 1);
    clusters.force_union(1, 2);  // {0, 1, 2}
    clusters.force_union(3, 4);  // {3, 4}
    merge::ConstrainedClusters::Refusal refusal;
    EXPECT_FALSE(clusters.try_union(2, 3, nullptr, &refusal));
    EXPECT_EQ(refusal.reason, merge::ConstrainedClusters::Refusal::Reason::CannotLink);
    EXPECT_EQ(refusal.a, 0u);  // on 2's side
    EXPECT_EQ(refusal.b, 4u);
    EXPECT_FALSE(clusters.try_union(3, 2, nullptr, &refusal));
    EXPECT_EQ(refusal.a, 4u);  // on 3's side
    EXPECT_EQ(refusal.b, 0u);
    EXPECT_TRUE(clusters.try_union(5, 2, nullptr, &refusal));
}

TEST(ConstrainedClusters, ARefusalNamesTheIncompatiblePair) {
    // Elements 1 and 3 come from one source: their clusters may not join.
    const std::vector<int> source{0, 1, 2, 1, 3};
    auto compatible = [&source](const std::vector<std::size_t>& x, const std::vector<std::size_t>& y) {
        for (std::size_t a : x)
            for (std::size_t b : y)
                if (source[a] == source[b]) return false;
        return true;
    };
    merge::ConstrainedClusters clusters(5);
    ASSERT_TRUE(clusters.try_union(0, 1, compatible));
    ASSERT_TRUE(clusters.try_union(2, 3, compatible));
    merge::ConstrainedClusters::Refusal refusal;
    EXPECT_FALSE(clusters.try_union(0, 2, compatible, &refusal));
    EXPECT_EQ(refusal.reason, merge::ConstrainedClusters::Refusal::Reason::Incompatible);
    EXPECT_EQ(refusal.a, 1u);
    EXPECT_EQ(refusal.b, 3u);
    EXPECT_TRUE(clusters.try_union(0, 4, compatible, &refusal));
}

TEST(MergeReport, ARefusedUnionNamesThePairThatBlockedIt) {
    const auto& trace = seeds().trace;
    std::size_t named = 0;
    for (const auto& p : trace.pairs) {
        if (p.decision != merge::Decision::Constrained || p.blocked_by == merge::PairRecord::Blocker::None) continue;
        ++named;
        // Each blocking entry is in the concept its side of the pair ended in.
        EXPECT_EQ(trace.entries[p.blocked_a].concept_id, trace.entries[p.a].concept_id);
        EXPECT_EQ(trace.entries[p.blocked_b].concept_id, trace.entries[p.b].concept_id);
        if (p.blocked_by == merge::PairRecord::Blocker::SameSource) {
            EXPECT_EQ(trace.entries[p.blocked_a].source, trace.entries[p.blocked_b].source);
        }
    }
    EXPECT_GE(named, 5u);
    const std::string& text = seeds_report(report::Format::Text);
    // The editor's not_same_as between 001's SDPA and 004's formula.
    EXPECT_NE(text.find("kept apart because “SDPA” (termbase:sdpa) and “scaled dot-product attention” "
                        "(section-glossary:scaled dot-product attention) must stay apart: "
                        "not_same_as in the overrides"),
              std::string::npos);
    EXPECT_NE(text.find("kept apart because “bf16” (termbase:bf16) and “fp8” (termbase:fp8) must stay apart: "
                        "two different entries of one source"),
              std::string::npos);
    // explain says the same.
    auto explained = run_command(glossc() + " explain --manifest " + manifest() + " bf16");
    EXPECT_NE(explained.output.find("kept apart because “bf16” (termbase:bf16) and “fp8” (termbase:fp8)"),
              std::string::npos)
        << explained.output;
}

// ---- 3. override tables ready to paste --------------------------------------

TEST(MergeReport, OverrideTablesParseBackWhateverTheKeyHolds) {
    std::string weird = "topic-list:Say \"hi\" \\ to é\tand [[x]] # not a comment";
    std::string overrides = report::override_table("same_as", "termbase:a", weird) +
                            report::override_table("not_same_as", "termbase:a", weird);
    DiagnosticSink sink;
    auto parsed = merge::parse_overrides(overrides, "overrides.toml", sink);
    ASSERT_TRUE(parsed) << overrides;
    EXPECT_TRUE(sink.all().empty()) << overrides;
    ASSERT_EQ(parsed->same_as.size(), 1u);
    ASSERT_EQ(parsed->not_same_as.size(), 1u);
    for (const auto* groups : {&parsed->same_as, &parsed->not_same_as}) {
        const auto& entries = groups->front().entries;
        ASSERT_EQ(entries.size(), 2u);
        EXPECT_EQ(entries[0].source, "termbase");
        EXPECT_EQ(entries[0].key, "a");
        EXPECT_EQ(entries[1].source, "topic-list");
        EXPECT_EQ(entries[1].key, "Say \"hi\" \\ to é\tand [[x]] # not a comment");
    }
}

TEST(MergeReport, EveryPrintedOverrideLoadsWithTheRealParser) {
    std::size_t checked = 0;
    for (const auto& rows : {near_miss_rows(), synonym_rows()}) {
        for (const auto& row : rows) {
            auto snippets = pasteable(row);
            ASSERT_EQ(snippets.size(), 2u) << row;
            // The two entries of the row, by ref.
            std::vector<std::string> refs;
            for (std::size_t at = row.find("  entry: "); at != std::string::npos; at = row.find("  entry: ", at + 1))
                refs.push_back(row.substr(at + 9, row.find(" →", at) - at - 9));
            ASSERT_EQ(refs.size(), 2u) << row;
            DiagnosticSink sink;
            auto parsed = merge::parse_overrides(snippets[0] + snippets[1], "overrides.toml", sink);
            ASSERT_TRUE(parsed) << row;
            EXPECT_TRUE(sink.all().empty()) << row;
            ASSERT_EQ(parsed->same_as.size(), 1u) << row;
            ASSERT_EQ(parsed->not_same_as.size(), 1u) << row;
            for (std::size_t i = 0; i < 2; ++i) {
                for (const auto* groups : {&parsed->same_as, &parsed->not_same_as}) {
                    const auto& entry = groups->front().entries[i];
                    EXPECT_EQ(entry.source + ":" + entry.key, refs[i]);
                }
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 20u);
}

TEST(MergeReport, PastingASameAsJoinsThePair) {
    std::string same_as;
    for (const auto& row : synonym_rows())
        if (row_pairs(row, "section-glossary:cosine decay", "topic-list:Cosine Annealing")) same_as = pasteable(row)[0];
    ASSERT_NE(same_as.find("[[same_as]]"), std::string::npos);
    testing::TempDir dir;
    std::filesystem::copy(testing::source_dir() / "sources", dir / "sources", std::filesystem::copy_options::recursive);
    std::string overrides = testing::read_bytes(dir / "sources/overrides.toml");
    testing::write_text(dir / "sources/overrides.toml", overrides + "\n" + same_as);
    auto result = run_command(glossc() + " explain --manifest " +
                              shell_quote((dir / "sources/glossary.toml").string()) + " 'cosine decay'");
    ASSERT_EQ(result.status, 0) << result.output;
    EXPECT_EQ(result.output.find("[override"), std::string::npos) << result.output;  // no override diagnostic
    EXPECT_NE(result.output.find("formed from 2 entries"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("topic-list: Cosine Annealing"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("merged by editor override"), std::string::npos) << result.output;
}

// ---- 4. HTML: contents, anchors, a filter by source ---------------------------

std::vector<std::string> ids_in(const std::string& html) {
    std::vector<std::string> ids;
    for (std::size_t at = html.find(" id=\""); at != std::string::npos; at = html.find(" id=\"", at + 1))
        ids.push_back(html.substr(at + 5, html.find('"', at + 5) - at - 5));
    return ids;
}

TEST(MergeReport, HtmlHasContentsAnchorsAndAFilterBySource) {
    const std::string& html = seeds_report(report::Format::Html);
    // Contents: a link to every section, each section anchored.
    for (const char* id : {"sec_sources", "sec_homonyms", "sec_near_misses", "sec_possible_synonyms", "sec_concepts"}) {
        EXPECT_NE(html.find(std::string("<a href=\"#") + id + "\">"), std::string::npos) << id;
        EXPECT_NE(html.find(std::string("<section id=\"") + id + "\">"), std::string::npos) << id;
    }
    // A concept is anchored by its id, and filtered by its sources.
    EXPECT_NE(html.find("<section id=\"kv-cache\" class=\"f s"), std::string::npos);
    auto ids = ids_in(html);
    std::set<std::string> unique(ids.begin(), ids.end());
    EXPECT_EQ(unique.size(), ids.size());
    std::size_t near = 0, synonyms = 0;
    for (const auto& id : ids) {
        near += id.starts_with("near_");
        synonyms += id.starts_with("synonym_");
    }
    EXPECT_EQ(near, near_miss_rows().size());
    EXPECT_EQ(synonyms, synonym_rows().size());
    // The filter: a radio button per source, and a rule hiding the others' rows.
    const auto& sources = seeds().glossary->sources;
    for (std::size_t s = 0; s < sources.size(); ++s) {
        std::string id = "only_" + std::to_string(s);
        EXPECT_NE(html.find("<input type=\"radio\" name=\"only\" id=\"" + id + "\""), std::string::npos) << id;
        EXPECT_NE(html.find("<label for=\"" + id + "\">" + sources[s].id + "</label>"), std::string::npos) << id;
        EXPECT_NE(html.find("#" + id + ":checked~main .f:not(.s" + std::to_string(s) + "){display:none}"),
                  std::string::npos);
    }
    EXPECT_LT(html.find("id=\"only_all\""), html.find("<main>"));
    // Every pair row is filtered by its entries' sources.
    const std::string row = "<tr id=\"near_";
    for (std::size_t at = html.find(row); at != std::string::npos; at = html.find(row, at + 1))
        EXPECT_EQ(html.compare(html.find('"', at + 8) + 1, 10, " class=\"f "), 0) << html.substr(at, 120);
    EXPECT_EQ(occurrences(html, "<section"), occurrences(html, "</section>"));
    // Names are escaped: 003's "Medusa & EAGLE Speculative-Decoding Heads".
    EXPECT_NE(html.find("Medusa &amp; EAGLE"), std::string::npos);
    EXPECT_EQ(html.find("Medusa & EAGLE"), std::string::npos);
}

TEST(MergeReport, HtmlEscapesNamesKeysAndDefinitions) {
    using testing::make_entry;
    using testing::make_source;
    // The same name with dissimilar definitions: a homonym split, with both
    // definitions and keys on the page.
    auto merged = testing::merge_all(
        {make_source("a<b", 10, {make_entry("<script>x</script>", "Tokens & <b>bold</b> \"quoted\" text, 'single'.")}),
         make_source("c&d", 5, {make_entry("<script>x</script>", "An unrelated optimiser of learning rates.")})});
    std::string html = report::merge_report(merged.glossary, merged.trace, report::Format::Html);
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("Tokens &amp; &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; text, &#39;single&#39;."),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<label for=\"only_0\">a&lt;b</label>"), std::string::npos);
    EXPECT_NE(html.find("<label for=\"only_1\">c&amp;d</label>"), std::string::npos);
}

// ---- 5. missed pairs appear among near misses or possible synonyms ----------

TEST(MergeReport, EveryMissedGoldPairIsANearMissOrAPossibleSynonym) {
    DiagnosticSink sink;
    auto gold = merge::load_gold_labels(testing::source_dir() / "tests/data/merge_gold.toml", sink);
    ASSERT_TRUE(gold);
    auto quality = merge::measure_quality(*seeds().glossary, *gold);
    auto rows = near_miss_rows();
    auto synonyms = synonym_rows();
    rows.insert(rows.end(), synonyms.begin(), synonyms.end());
    for (const auto& missed : quality.missed_merges) {
        std::size_t plus = missed.find(" + ");
        ASSERT_NE(plus, std::string::npos) << missed;
        std::string a = missed.substr(0, plus), b = missed.substr(plus + 3);
        bool listed = std::any_of(rows.begin(), rows.end(),
                                  [&](const std::string& row) { return row_pairs(row, a, b) || row_pairs(row, b, a); });
        EXPECT_TRUE(listed) << missed;
    }
    // Bounded: each entry proposes at most kSynonymsPerEntry.
    EXPECT_LE(synonyms.size(), seeds().trace.entries.size() * report::kSynonymsPerEntry);
}

TEST(PossibleSynonyms, PairsEntriesWhoseNamesShareARareWordAcrossSourcesAndConcepts) {
    std::vector<report::SynonymEntry> entries(4);
    entries[0] = {0, "c0", "cosine decay",
                  "A learning-rate schedule following a half-cosine curve from the peak down to a floor."};
    entries[1] = {1, "c1", "Cosine Annealing",
                  "Decays the learning rate following a cosine curve from a high to a low value."};
    entries[2] = {0, "c2", "cosine schedule", "A learning-rate schedule following a cosine curve, from peak to floor."};
    entries[3] = {2, "c3", "cosine similarity", "The angle between two embedding vectors, as a number."};
    auto none = [](std::size_t, std::size_t) { return false; };
    auto found = report::possible_synonyms(entries, none);
    auto has = [&found](std::size_t a, std::size_t b) {
        return std::any_of(found.begin(), found.end(), [&](const auto& s) { return s.a == a && s.b == b; });
    };
    EXPECT_TRUE(has(0, 1));
    EXPECT_TRUE(has(1, 2));
    EXPECT_FALSE(has(0, 2));  // one source
    EXPECT_FALSE(has(0, 3));  // dissimilar definitions
    for (const auto& s : found) {
        EXPECT_LT(s.a, s.b);
        if (s.a == 0 && s.b == 1) {
            EXPECT_EQ(s.shared_words, std::vector<std::string>{"cosine"});
        }
    }
    // A pair shown elsewhere is left out.
    auto listed = report::possible_synonyms(entries, [](std::size_t a, std::size_t b) { return a == 0 && b == 1; });
    EXPECT_TRUE(std::none_of(listed.begin(), listed.end(), [](const auto& s) { return s.a == 0 && s.b == 1; }));
    // A concept that holds an entry of the other source already is no
    // synonym of it: a source has one entry per concept.
    entries.push_back({1, "c0", "decay schedule", "Another entry of source 1."});
    auto held = report::possible_synonyms(entries, none);
    EXPECT_TRUE(std::none_of(held.begin(), held.end(), [](const auto& s) { return s.a == 0 && s.b == 1; }));
    // Entries without a definition are never proposed.
    entries[1].definition.clear();
    auto undefined = report::possible_synonyms(entries, none);
    EXPECT_TRUE(std::none_of(undefined.begin(), undefined.end(), [](const auto& s) { return s.a == 1 || s.b == 1; }));
}

}  // namespace
}  // namespace glossc
