// Peak memory stays a bounded multiple of the input, for every reader in the
// registry (docs/hardening.md, "Peak memory"). Each case generates an input
// that is hard on one reader, builds it with the real `glossc` binary in a
// child process and reads the child's peak resident set (wait4's ru_maxrss):
//
//   field    one field far over the 1 MiB limit: the entry is rejected, and
//            what it costs to find that out is a few copies of the input;
//   entries  many small entries, the most entries (and so IR, merge and
//            JSON) per input byte;
//   markup   dense inline markup in entries under the limits (emphasis,
//            code, links on every few bytes), the most nodes per input
//            byte, for the readers that read markup.
//
// Memory, not time, is asserted. Sizes keep the whole suite to well under a
// minute on two cores. A reader added to the registry without a generator
// here fails `EveryReaderHasAGenerator`.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "readers/reader.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

namespace fs = std::filesystem;

using Unit = std::function<std::string(std::size_t index)>;

// How inputs are made for one reader: a document is `head`, then numbered
// units up to the size wanted, then `tail`.
struct ReaderCases {
    std::string extension;
    std::string options;      // [source.options] lines, if the reader needs any
    std::string head, tail;   // around the entries
    Unit entry;               // one small entry
    Unit markup_entry;        // one entry of dense inline markup; empty: the reader reads no markup
    std::string field_head;   // before the one huge field ("word word …")
    std::string field_tail;   // after it
};

std::string n(std::size_t i) { return std::to_string(i); }

// `head`, units for i = 0, 1, ... until `bytes` are written, `tail`.
std::string fill(std::size_t bytes, const std::string& head, const Unit& unit, const std::string& tail) {
    std::string out = head;
    out.reserve(bytes + head.size() + tail.size() + 4096);
    for (std::size_t i = 0; out.size() < bytes; ++i) out += unit(i);
    return out + tail;
}

// Prose `bytes` long in one field: "word word …" (every "w" is a place
// cmark-gfm's autolinker stops at).
std::string huge_field(std::size_t bytes, const ReaderCases& cases) {
    std::string out = cases.field_head;
    out.reserve(bytes + out.size() + cases.field_tail.size() + 5);
    while (out.size() < bytes) out += "word ";
    return out + cases.field_tail;
}

std::string times(std::string_view s, int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += s;
    return out;
}

const std::map<std::string, ReaderCases, std::less<>>& generators() {
    static const std::map<std::string, ReaderCases, std::less<>> kCases = [] {
        std::map<std::string, ReaderCases, std::less<>> cases;
        // A node every two or three bytes: emphasis, code, a link, strong.
        const std::string markdown = times("*a* `b` [c](d) **e** ", 40);
        const std::string html = times("<b>a</b> <i>b</i> <code>c</code> ", 40);
        const std::string rst = times("*a* ``b`` **e** `c <d>`_ ", 40);
        cases["markdown"] = {
            "md", "", "", "",
            [](std::size_t i) { return "- **Term " + n(i) + "**: the term " + n(i) + ".\n"; },
            [markdown](std::size_t i) { return "## T" + n(i) + "\n\n" + markdown + "\n\n"; },
            "## Term\n\n", "\n"};
        cases["html"] = {
            "html", "", "<dl>", "</dl>",
            [](std::size_t i) { return "<dt>Term " + n(i) + "</dt><dd>The term " + n(i) + ".</dd>\n"; },
            [html](std::size_t i) { return "<dt>T" + n(i) + "</dt><dd>" + html + "</dd>\n"; },
            "<dl><dt>Term</dt><dd>", "</dd></dl>"};
        for (const auto& [format, sep] : {std::pair{"csv", ","}, std::pair{"tsv", "\t"}}) {
            std::string s = sep;
            cases[format] = {
                format, "", "term" + s + "definition\n", "",
                [s](std::size_t i) { return "Term " + n(i) + s + "The term " + n(i) + ".\n"; },
                [s, markdown](std::size_t i) { return "T" + n(i) + s + markdown + "\n"; },
                "term" + s + "definition\nTerm" + s, "\n"};
        }
        cases["json"] = {
            "json", "", "[", "]",
            [](std::size_t i) {
                return (i ? "," : "") + std::string("{\"term\":\"Term ") + n(i) + "\",\"definition\":\"The term " +
                       n(i) + ".\"}";
            },
            [markdown](std::size_t i) {
                return (i ? "," : "") + std::string("{\"term\":\"T") + n(i) + "\",\"definition\":\"" + markdown + "\"}";
            },
            "[{\"term\":\"Term\",\"definition\":\"", "\"}]"};
        cases["rst"] = {
            "rst", "", ".. glossary::\n\n", "",
            [](std::size_t i) { return "   Term " + n(i) + "\n      The term " + n(i) + ".\n\n"; },
            [rst](std::size_t i) { return "   T" + n(i) + "\n      " + rst + "\n\n"; },
            ".. glossary::\n\n   Term\n      ", "\n"};
        cases["termbase-json"] = {
            "json", "", "{\"categories\": [], \"entries\": {", "}}",
            [](std::size_t i) {
                return (i ? "," : "") + std::string("\"e") + n(i) + "\": {\"name\": \"Term " + n(i) +
                       "\", \"oneliner\": \"The term " + n(i) + ".\"}";
            },
            {},
            "{\"categories\": [], \"entries\": {\"e\": {\"name\": \"Term\", \"oneliner\": \"", "\"}}}"};
        cases["ai-dictionary"] = {
            "txt", "categories = [\"Fundamentals\"]\n", "", "",
            [](std::size_t i) {
                return "Term " + n(i) + "\n\nFundamentals\n\nThe term " + n(i) +
                       ".\n\nMore on it.\n\nExampleAn example.\n\n";
            },
            {},
            "Term\n\nFundamentals\n\n", "\n\nMore on it.\n\nExampleAn example.\n\n"};
        const std::string module = "\n\xF0\x9F\x94\xA4 Module ";  // "🔤 Module"
        const std::string arrow = "\xE2\x86\x92";                  // "→"
        cases["acronym-list"] = {
            "txt", "", "Glossary\nA\n", "",
            [=](std::size_t i) { return "TERM" + n(i) + module + n(i) + " " + arrow + "The term " + n(i) + ".\n"; },
            {},
            "Glossary\nA\nTERM" + module + arrow, "\n"};
        cases["topic-list"] = {
            "txt", "", "Tag: x\n1 topic(s)\n", "",
            [](std::size_t i) { return "- Topic Number " + n(i) + "Topic number " + n(i) + " is a thing.\n"; },
            {},
            "Tag: x\n1 topic(s)\n- Topic TTopic T is ", "\n"};
        const std::string introduced = " Introduced in \xC2\xA7" "01 \xC2\xB7 Basics\n";  // "§01 · Basics"
        cases["section-glossary"] = {
            "txt", "", "Glossary\n", "",
            [=](std::size_t i) { return "- term " + n(i) + introduced + "- The term " + n(i) + ".\n"; },
            {},
            "Glossary\n- term" + introduced + "- ", "\n"};
        return cases;
    }();
    return kCases;
}

// The bound, per kind of case: peak <= K x input + C. C is what a build
// costs before its input (about 40 MB: the binary, its libraries, the
// allocator's arenas; and the test process's own pages, which the forked
// child counts until it execs) with a margin. K is the measured factor
// (docs/hardening.md, "Peak memory") with a margin of about 1.3x:
//   field    ~7x: the input mapped, its repaired copy, the field, its IR;
//   entries  ~75x: about 3 KB of IR, merge and JSON per 40-byte entry;
//   markup   ~210x: a 96-byte IR node and ~250 bytes of pretty-printed
//            JSON (in batches of 4096 concepts) per node, a node every
//            two bytes.
struct Bound {
    double per_byte;    // K
    double megabytes;   // C
    std::size_t input;  // the input's size
};
constexpr double kConstantMB = 100;
const std::map<std::string, Bound, std::less<>> kBounds = {
    {"field", {10, kConstantMB, 16'000'000}},
    {"entries", {100, kConstantMB, 2'000'000}},
    {"markup", {280, kConstantMB, 1'500'000}},
};

struct ChildRun {
    int exit_status = -1;  // -1: killed by a signal
    double peak_mb = 0;
    std::string diagnostics;
};

// Runs glossc with `args` in a child process: its exit status, its peak
// resident set (this child's only, from wait4) and what it printed.
ChildRun run_glossc(const std::vector<std::string>& args, const fs::path& log) {
    std::vector<std::string> argv_strings{testing::glossc_binary().string()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    ChildRun run;
    pid_t child = ::fork();
    if (child == 0) {
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    if (child < 0) return run;
    int status = 0;
    rusage usage{};
    if (::wait4(child, &status, 0, &usage) != child) return run;
    if (WIFEXITED(status)) run.exit_status = WEXITSTATUS(status);
    run.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
    run.diagnostics = testing::read_bytes(log);
    return run;
}

std::vector<std::string> registry_formats() {
    std::vector<std::string> formats;
    for (const auto& reader : reader_registry()) formats.emplace_back(reader.format);
    return formats;
}

TEST(MemoryBounds, EveryReaderHasAGenerator) {
    for (const auto& format : registry_formats())
        EXPECT_TRUE(generators().count(format))
            << "reader '" << format << "' has no input generator in tests/memory_bounds_test.cpp: add its "
            << "field, entries (and markup) cases";
}

class MemoryBounds : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(MemoryBounds, PeakIsABoundedMultipleOfTheInput) {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer's shadow memory and quarantine distort the resident set; the bounds are "
                    "checked in the plain build";
#endif
    const auto& [format, kind] = GetParam();
    auto found = generators().find(format);
    ASSERT_NE(found, generators().end()) << "reader '" << format << "' has no input generator here";
    const ReaderCases& cases = found->second;
    const Bound& bound = kBounds.at(kind);

    testing::TempDir dir;
    std::string input = "input." + cases.extension;
    std::string text = kind == "field"     ? huge_field(bound.input, cases)
                       : kind == "entries" ? fill(bound.input, cases.head, cases.entry, cases.tail)
                                           : fill(bound.input, cases.head, cases.markup_entry, cases.tail);
    testing::write_text(dir / input, text);
    const double input_mb = static_cast<double>(text.size()) / (1024.0 * 1024.0);
    text = {};
    std::string manifest = "title = \"Memory bounds\"\ndate = \"2026-01-01\"\n\n[[source]]\nid = \"s\"\n";
    manifest += "file = \"" + input + "\"\nformat = \"" + format + "\"\n";
    if (!cases.options.empty()) manifest += "[source.options]\n" + cases.options;
    testing::write_text(dir / "glossary.toml", manifest);
    ChildRun run = run_glossc({"build", "--manifest", (dir / "glossary.toml").string(), "--formats", "json", "--out",
                          (dir / "out").string()},
                         dir / "log.txt");

    const double limit_mb = bound.per_byte * input_mb + bound.megabytes;
    std::printf("[ memory   ] %s %s: %.1f MB in, peak %.1f MB (%.1fx the input; bound %.0f MB)\n", format.c_str(),
                kind.c_str(), input_mb, run.peak_mb, run.peak_mb / input_mb, limit_mb);
    ASSERT_GE(run.exit_status, 0) << "glossc was killed by a signal\n" << run.diagnostics.substr(0, 2000);
    ASSERT_NE(run.exit_status, 127) << "glossc could not be run: " << testing::glossc_binary();
    if (kind == "field") {
        EXPECT_EQ(run.exit_status, 1) << run.diagnostics.substr(0, 2000);
        EXPECT_NE(run.diagnostics.find("[field-too-long]"), std::string::npos) << run.diagnostics.substr(0, 2000);
    } else {
        EXPECT_EQ(run.exit_status, 0) << run.diagnostics.substr(0, 2000);
        EXPECT_TRUE(fs::exists(dir / "out" / "glossary.json"));
    }
    EXPECT_LE(run.peak_mb, limit_mb) << format << " " << kind << ": peak " << run.peak_mb << " MB for " << input_mb
                                     << " MB in";
}

std::vector<std::tuple<std::string, std::string>> all_cases() {
    std::vector<std::tuple<std::string, std::string>> out;
    for (const auto& format : registry_formats()) {
        out.emplace_back(format, "field");
        out.emplace_back(format, "entries");
        auto found = generators().find(format);
        if (found != generators().end() && found->second.markup_entry) out.emplace_back(format, "markup");
    }
    return out;
}

INSTANTIATE_TEST_SUITE_P(Readers, MemoryBounds, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<std::tuple<std::string, std::string>>& info) {
                             std::string name = std::get<0>(info.param) + "_" + std::get<1>(info.param);
                             for (char& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

}  // namespace
}  // namespace glossc
