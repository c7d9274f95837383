// The bad-input corpus (tests/bad_input/<case>/): every case runs through
// the real `glossc` binary and must meet the outcome its case.toml states —
// exit status, named diagnostics in `file:line:col: severity: message [code]`
// form, no partial or temporary output file, earlier outputs untouched —
// and, through the driver API, the accounting invariant: entries in =
// entries in concepts' provenance + entries rejected with a diagnostic.
//
// case.toml (see docs/hardening.md, "The bad-input corpus"):
//   description = "..."
//   format = "csv"            # a glossary.toml with one source of this format is
//   input = "input.csv"       #   generated, unless the case has its own
//   options = { ... }         # that source's [source.options]
//   generate = "..."          # `input` is generated at run time (see generate())
//   setup = "..."             # unreadable-source | out-under-file | full-disk
//   command = "build"         # or "check"
//   args = ["--source", "x"]  # more arguments
//   exit = 1
//   codes = ["invalid-utf8"]  # diagnostic codes that must be reported
//   output = ["input.csv:3:5: warning"]   # text the diagnostics must contain
//   entries = 3               # entries the input holds
//   rejected = 1              # of which rejected with a diagnostic (default 0)
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include <unistd.h>

#include <toml++/toml.h>

#include "driver/driver.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

namespace fs = std::filesystem;

fs::path corpus_dir() { return testing::source_dir() / "tests" / "bad_input"; }

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(corpus_dir()))
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// Inputs too large to check in, made at run time. Returns the number of
// entries the input holds when the case leaves it to the generator.
std::optional<std::int64_t> generate(const std::string& kind, const fs::path& path) {
    constexpr std::size_t kFifty = 50'000'000;
    if (kind == "line-50mb-markdown") {
        testing::write_text(path, "## Term\n\n" + repeat("word ", kFifty / 5) + "\n");
    } else if (kind == "line-50mb-list") {
        testing::write_text(path, "- " + std::string(kFifty, 'x') + "\n");
    } else if (kind == "line-50mb-csv") {
        testing::write_text(path, "term,definition\nshort,A short one.\nlong," + std::string(kFifty, 'y') + "\n");
    } else if (kind == "line-50mb-json") {
        // One line, 50 MB, many entries: every entry's line is looked up.
        // Long definitions keep the entry count (and the merge's share of
        // the time) modest.
        std::string json = "[";
        std::int64_t count = 0;
        for (; json.size() < kFifty; ++count)
            json += (count ? "," : "") + std::string("{\"term\":\"term ") + std::to_string(count) +
                    "\",\"definition\":\"" + std::string(20000, 'd') + " " + std::to_string(count) + ".\"}";
        testing::write_text(path, json + "]");
        return count;
    } else if (kind == "json-deep-100k-arrays") {
        testing::write_text(path, std::string(100'000, '[') + std::string(100'000, ']'));
    } else if (kind == "json-deep-100k-objects") {
        testing::write_text(path, "{\"entries\": " + repeat("{\"a\": ", 100'000) + "1" + std::string(100'001, '}'));
    } else if (kind == "html-deep-100k") {
        testing::write_text(path, "<dl><dt>Term</dt><dd>" + repeat("<span>", 100'000) + "deep" +
                                      repeat("</span>", 100'000) + "</dd></dl>\n");
    } else if (kind == "markdown-deep-100k") {
        testing::write_text(path, "## Term\n\n" + repeat(">", 100'000) + " deep\n");
    } else if (kind == "csv-20k-entries") {
        std::string csv = "term,definition\n";
        for (int i = 0; i < 20'000; ++i)
            csv += "term " + std::to_string(i) + ",Definition number " + std::to_string(i) + ".\n";
        testing::write_text(path, csv);
    } else if (kind == "sparse-257mib") {
        testing::write_text(path, "term,definition\n");
        fs::resize_file(path, (std::uintmax_t{257} << 20));  // sparse: no disk used
    } else {
        ADD_FAILURE() << "unknown generator '" << kind << "'";
    }
    return std::nullopt;
}

// Every file under `dir` (relative path -> bytes).
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            files[fs::relative(entry.path(), dir).generic_string()] = testing::read_bytes(entry.path());
    return files;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : " ") + testing::shell_quote(item);
    return out;
}

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, MeetsItsExpectedOutcome) {
    const fs::path case_dir = corpus_dir() / GetParam();
    toml::table expected;
    try {
        expected = toml::parse_file((case_dir / "case.toml").string());
    } catch (const toml::parse_error& error) {
        FAIL() << "case.toml: " << error.description();
    }
    ASSERT_TRUE(expected["exit"].value<int>()) << "case.toml needs exit";
    std::string setup = expected["setup"].value_or(std::string());

    testing::TempDir work;
    for (const auto& entry : fs::directory_iterator(case_dir))
        if (entry.path().filename() != "case.toml") fs::copy(entry.path(), work / entry.path().filename().string());
    std::string input = expected["input"].value_or(std::string());
    std::optional<std::int64_t> entries = expected["entries"].value<std::int64_t>();
    if (auto kind = expected["generate"].value<std::string>()) {
        ASSERT_FALSE(input.empty()) << "a generated case names its input";
        auto generated = generate(*kind, work / input);
        if (!entries) entries = generated;
    }
    if (!fs::exists(work / "glossary.toml")) {
        auto format = expected["format"].value<std::string>();
        ASSERT_TRUE(format && !input.empty()) << "a case without glossary.toml needs format and input";
        std::ostringstream manifest;
        manifest << "title = \"Bad input\"\ndate = \"2026-01-01\"\n\n[[source]]\nid = \"case\"\nfile = \"" << input
                 << "\"\nformat = \"" << *format << "\"\n";
        if (const toml::table* options = expected["options"].as_table()) {
            manifest << "[source.options]\n";
            for (const auto& [key, value] : *options) {
                manifest << key.str() << " = ";
                value.visit([&](const auto& v) { manifest << toml::toml_formatter(v); });
                manifest << "\n";
            }
        }
        testing::write_text(work / "glossary.toml", manifest.str());
    }

    fs::path out = work / "out";
    std::map<std::string, std::string> before;  // outputs of an earlier build, which a failure must not touch
    std::string prefix;
    if (setup == "unreadable-source") {
        if (::geteuid() == 0)
            GTEST_SKIP() << "running as root, which reads any file: the unreadable-source case cannot be set up";
        fs::permissions(work / input, fs::perms::none);
    } else if (setup == "out-under-file") {
        testing::write_text(work / "blocker", "a file where the output folder's parent should be\n");
        out = work / "blocker" / "out";
    } else if (setup == "full-disk") {
        // A full disk, simulated: writes over 1 KiB fail with EFBIG (SIGXFSZ
        // ignored, as a shell trap passes on through exec).
        fs::create_directories(out);
        testing::write_text(out / "glossary.json", "{\"edition\": \"an earlier build\"}\n");
        prefix = "trap '' XFSZ; ulimit -f 2; exec ";
    } else if (!setup.empty()) {
        FAIL() << "unknown setup '" << setup << "'";
    }
    before = snapshot(out);

    std::string command = expected["command"].value_or(std::string("build"));
    std::vector<std::string> args{command, "--manifest", (work / "glossary.toml").string()};
    if (command == "build") {
        std::string formats = expected["formats"].value_or(std::string("json,text"));
        args.insert(args.end(), {"--out", out.string(), "--formats", formats});
    }
    if (const toml::array* more = expected["args"].as_array())
        for (const auto& a : *more) args.push_back(a.value_or(std::string()));
    std::string line = prefix + testing::shell_quote(testing::glossc_binary().string()) + " " + joined(args);
    auto result = testing::run_command("cd " + testing::shell_quote(work.path().string()) + " && sh -c " +
                                       testing::shell_quote(line));
    const std::string& output = result.output;

    // Exit status, named diagnostics, and their form.
    EXPECT_EQ(result.status, expected["exit"].value_or(-1)) << output.substr(0, 4000);
    if (const toml::array* codes = expected["codes"].as_array()) {
        for (const auto& code : *codes) {
            EXPECT_NE(output.find("[" + code.value_or(std::string()) + "]"), std::string::npos)
                << "no [" << code.value_or(std::string()) << "] in:\n" << output.substr(0, 4000);
        }
    }
    if (const toml::array* texts = expected["output"].as_array()) {
        for (const auto& text : *texts) {
            EXPECT_NE(output.find(text.value_or(std::string())), std::string::npos)
                << "no '" << text.value_or(std::string()) << "' in:\n" << output.substr(0, 4000);
        }
    }
    static const std::regex kDiagnostic(R"(^\S[^:]*(:\d+(:\d+)?)?: (error|warning|note): .+ \[[a-z0-9-]+\]$)");
    std::istringstream lines(output);
    for (std::string text; std::getline(lines, text);) {
        if (text.find(": error: ") == std::string::npos && text.find(": warning: ") == std::string::npos) continue;
        EXPECT_LE(text.size(), 2000u) << "a diagnostic line of " << text.size() << " bytes";
        if (text.size() <= 2000) {
            EXPECT_TRUE(std::regex_match(text, kDiagnostic)) << "not a diagnostic line: " << text;
        }
    }
    EXPECT_EQ(output.find("Sanitizer"), std::string::npos) << output.substr(0, 4000);
    EXPECT_EQ(output.find("runtime error"), std::string::npos) << output.substr(0, 4000);

    // No partial output: a failed build leaves what was there before, and no
    // temporary file is ever left behind.
    auto after = snapshot(out);
    for (const auto& [name, bytes] : after) {
        EXPECT_EQ(name.find(".tmp-"), std::string::npos) << "left behind: " << name;
    }
    if (result.status != 0 || command != "build") {
        EXPECT_EQ(after, before) << "a failed build or a check changed the output folder";
    } else {
        EXPECT_TRUE(after.count("glossary.json")) << "a successful build writes glossary.json";
    }

    // Accounting, through the driver API (the binary prints no counts).
    if (entries) {
        CompileRequest request{work / "glossary.toml", {}};
        for (std::size_t i = 0; i + 1 < args.size(); ++i)
            if (args[i] == "--source") request.extra_sources.push_back((work / args[i + 1]).string());
        std::ostringstream diagnostics;
        CompileResult compiled = compile(request, diagnostics);
        std::size_t in_concepts = 0;
        if (compiled.glossary)
            for (const auto& c : compiled.glossary->concepts) in_concepts += c.provenance.size();
        auto rejected = static_cast<std::size_t>(expected["rejected"].value_or(std::int64_t{0}));
        EXPECT_EQ(compiled.trace.entries.size(), in_concepts) << "the merge lost or duplicated entries";
        EXPECT_EQ(static_cast<std::size_t>(*entries), in_concepts + rejected)
            << "entries in != entries in concepts + entries rejected\n" << diagnostics.str().substr(0, 4000);
        if (rejected > 0) {
            EXPECT_TRUE(diagnostics.str().find(": error: ") != std::string::npos ||
                        diagnostics.str().find(": warning: ") != std::string::npos)
                << "entries rejected without a diagnostic";
        }
    } else {
        ADD_FAILURE() << "case.toml needs entries (the accounting invariant is checked on every case)";
    }
}

std::string case_test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(case_names()), case_test_name);

TEST(BadInputCorpus, HasCasesForEveryReaderAndTheManifest) {
    auto names = case_names();
    EXPECT_GE(names.size(), 40u);
    std::set<std::string> formats;
    for (const auto& name : names) {
        auto expected = toml::parse_file((corpus_dir() / name / "case.toml").string());
        if (auto format = expected["format"].value<std::string>()) formats.insert(*format);
    }
    for (const auto* format : {"ai-dictionary", "termbase-json", "acronym-list", "topic-list", "section-glossary", "html",
                               "markdown", "csv", "tsv", "json"})
        EXPECT_TRUE(formats.count(format)) << "no bad-input case for the " << format << " reader";
}

}  // namespace
}  // namespace glossc
