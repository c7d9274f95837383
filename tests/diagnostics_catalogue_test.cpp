// The catalogue of diagnostics (compiler/diagnostics/catalogue.cpp) against
// the source that reports them and the page that documents them
// (docs/diagnostics.md): every code the source reports is catalogued, at a
// severity the catalogue lists; every catalogued code is reported somewhere;
// the page and the catalogue say the same.
//
// The source is read as text: comments are dropped, string literals set
// aside, and the code argument of each way of reporting is looked at:
//   sink.error/warning/note(where, CODE, message)   sink.report(severity, where, CODE, message)
//   diagnostic(severity, file, CODE, message), error(file, CODE, message)   (backends/latex/latex_pdf.cpp)
//   {ir::Severity::X, file, line, column, CODE, message}                    (an ir::Diagnostic built in place)
//   Violation{CODE, why}                                                    (compiler/readers/sanitize.cpp)
//   a line the driver writes itself, ending in " [CODE]\n"
// A code argument without a string literal passes on a code reported
// elsewhere (`d.code`, `why->code`). Codes made at run time are in
// kMadeAtRunTime below.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diagnostics/catalogue.hpp"
#include "diagnostics/diagnostics.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

namespace fs = std::filesystem;

// The codes made at run time: load_toml(path, PREFIX, sink) reports
// PREFIX-syntax and PREFIX-unreadable, parse_toml(text, file, PREFIX, sink)
// PREFIX-syntax (compiler/manifest/toml_file.cpp), read_data_file(path,
// WHAT, ...) WHAT-unreadable (compiler/text/input_file.hpp). The prefixes are read
// from the calls; a code put together anywhere else fails the test until it
// is listed here.
struct CodeMaker {
    std::string_view function;
    std::size_t prefix_argument;
    std::vector<std::string_view> suffixes;
};
const std::vector<CodeMaker> kMadeAtRunTime = {
    {"load_toml", 1, {"-syntax", "-unreadable"}},
    {"read_data_file", 1, {"-unreadable"}},
    {"parse_toml", 2, {"-syntax"}},
};

bool is_code(std::string_view s) {
    static const std::regex kCode("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    return std::regex_match(s.begin(), s.end(), kCode);
}

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A source file with its comments dropped and each string literal replaced
// by `"N"`, N its index in `literals`; line breaks are kept, so that a
// position still has its line.
struct Stripped {
    std::string path;
    std::string text;
    std::vector<std::string> literals;

    std::size_t line_at(std::size_t position) const {
        return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + position, '\n'));
    }
    std::string where(std::size_t position) const { return path + ":" + std::to_string(line_at(position)); }

    // The literals whose placeholders stand in text[from, to).
    std::vector<const std::string*> literals_in(std::size_t from, std::size_t to) const {
        std::vector<const std::string*> out;
        static const std::regex kPlaceholder("\"([0-9]+)\"");
        auto first = text.begin() + static_cast<std::ptrdiff_t>(from);
        auto last = text.begin() + static_cast<std::ptrdiff_t>(to);
        for (std::sregex_iterator it(first, last, kPlaceholder), end; it != end; ++it)
            out.push_back(&literals[std::stoul((*it)[1].str())]);
        return out;
    }
};

Stripped strip(const std::string& path, std::string_view src) {
    Stripped out{path, {}, {}};
    auto add_literal = [&out](std::string content, std::string_view spanned) {
        out.text += "\"" + std::to_string(out.literals.size()) + "\"";
        out.text.append(static_cast<std::size_t>(std::count(spanned.begin(), spanned.end(), '\n')), '\n');
        out.literals.push_back(std::move(content));
    };
    std::size_t i = 0;
    while (i < src.size()) {
        char c = src[i];
        if (src.compare(i, 2, "//") == 0) {
            i = std::min(src.find('\n', i), src.size());
        } else if (src.compare(i, 2, "/*") == 0) {
            std::size_t end = std::min(src.find("*/", i + 2), src.size() - 2) + 2;
            out.text.append(static_cast<std::size_t>(std::count(src.begin() + i, src.begin() + end, '\n')), '\n');
            i = end;
        } else if (c == 'R' && i + 1 < src.size() && src[i + 1] == '"') {
            std::size_t start = i;
            while (start > 0 && is_identifier_char(src[start - 1])) --start;
            std::string_view prefix = src.substr(start, i - start);
            if (prefix != "" && prefix != "u8" && prefix != "u" && prefix != "U" && prefix != "L") {
                out.text += c;
                ++i;
                continue;
            }
            std::size_t open = src.find('(', i);
            std::string close = ")" + std::string(src.substr(i + 2, open - i - 2)) + "\"";
            std::size_t end = src.find(close, open);
            add_literal(std::string(src.substr(open + 1, end - open - 1)), src.substr(i, end - i));
            i = end + close.size();
        } else if (c == '"') {
            std::string content;
            std::size_t j = i + 1;
            for (; j < src.size() && src[j] != '"'; ++j) {
                if (src[j] == '\\' && j + 1 < src.size()) {
                    char escaped = src[++j];
                    if (escaped == '"' || escaped == '\\') {
                        content += escaped;
                        continue;
                    }
                    content += '\\';
                    content += escaped;
                    continue;
                }
                content += src[j];
            }
            add_literal(std::move(content), src.substr(i, j - i));
            i = j + 1;
        } else if (c == '\'' && (i == 0 || !std::isalnum(static_cast<unsigned char>(src[i - 1])))) {
            std::size_t j = i + 1;
            while (j < src.size() && src[j] != '\'') j += src[j] == '\\' ? 2 : 1;
            out.text += "0";  // a character literal: '(' must not count as a parenthesis
            i = j + 1;
        } else {
            out.text += c;  // a digit separator (5'000) stays: it is no quote
            ++i;
        }
    }
    return out;
}

// The top-level arguments of the call or braced list opening at text[open]:
// [begin, end) of each.
std::vector<std::pair<std::size_t, std::size_t>> arguments(const std::string& text, std::size_t open) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    int depth = 0;
    std::size_t start = open + 1;
    for (std::size_t i = open; i < text.size(); ++i) {
        char c = text[i];
        if (c == '(' || c == '[' || c == '{') {
            ++depth;
        } else if (c == ')' || c == ']' || c == '}') {
            if (--depth == 0) {
                out.emplace_back(start, i);
                return out;
            }
        } else if (c == ',' && depth == 1) {
            out.emplace_back(start, i);
            start = i + 1;
        }
    }
    return out;  // unbalanced: the file would not compile
}

std::optional<ir::Severity> severity_named(std::string_view text) {
    static const std::regex kSeverity("Severity::(Error|Warning|Note)");
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_search(text.begin(), text.end(), m, kSeverity)) return std::nullopt;
    ir::Severity severity;
    std::string name = m[1].str();
    name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    if (!ir::parse_severity(name, severity)) return std::nullopt;
    return severity;
}

struct Use {
    std::string code;
    std::optional<ir::Severity> severity;  // none where the call passes one on
    std::string where;
};

struct SourceScan {
    std::vector<Use> uses;
    std::vector<std::string> problems;  // codes put together that no CodeMaker explains
};

void scan_file(const Stripped& file, SourceScan& scan) {
    const std::string& text = file.text;
    // What reports, the index of its code argument and the severity it reports at.
    struct Reporter {
        std::string_view name;
        std::size_t code_argument;
        std::optional<ir::Severity> severity;  // none: named in the first argument
        bool method;                           // called on a sink: `.name(` or `->name(`
    };
    static const Reporter kReporters[] = {
        {"error", 1, ir::Severity::Error, true},
        {"warning", 1, ir::Severity::Warning, true},
        {"note", 1, ir::Severity::Note, true},
        {"report", 2, std::nullopt, true},
        {"diagnostic", 2, std::nullopt, false},
        {"error", 1, ir::Severity::Error, false},
        {"Violation", 0, ir::Severity::Error, false},
    };
    std::set<std::string_view> makers_suffixes;
    for (const auto& maker : kMadeAtRunTime) makers_suffixes.insert(maker.suffixes.begin(), maker.suffixes.end());

    auto take_code = [&](std::size_t from, std::size_t to, std::optional<ir::Severity> severity) {
        for (const std::string* literal : file.literals_in(from, to)) {
            if (is_code(*literal)) {
                scan.uses.push_back({*literal, severity, file.where(from)});
            } else if (!makers_suffixes.count(*literal)) {
                scan.problems.push_back(file.where(from) + ": the code is put together with \"" + *literal +
                                        "\"; list how in kMadeAtRunTime");
            }
        }
    };

    static const std::regex kCall("([A-Za-z_][A-Za-z0-9_]*)\\s*([({])");
    for (std::sregex_iterator it(text.begin(), text.end(), kCall), end; it != end; ++it) {
        const auto& m = *it;
        std::size_t name_at = static_cast<std::size_t>(m.position(1));
        if (name_at > 0 && is_identifier_char(text[name_at - 1])) continue;
        std::string name = m[1].str();
        std::size_t open = static_cast<std::size_t>(m.position(2));
        bool method = (name_at >= 1 && text[name_at - 1] == '.') ||
                      (name_at >= 2 && text.compare(name_at - 2, 2, "->") == 0);
        bool qualified = name_at >= 1 && text[name_at - 1] == ':';
        bool braced = text[open] == '{';
        for (const auto& reporter : kReporters) {
            if (reporter.name != name || reporter.method != method || qualified) continue;
            if (braced != (name == "Violation")) continue;
            auto args = arguments(text, open);
            if (args.size() <= reporter.code_argument) continue;
            std::optional<ir::Severity> severity = reporter.severity;
            if (!severity) severity = severity_named(std::string_view(text).substr(args[0].first, args[0].second - args[0].first));
            take_code(args[reporter.code_argument].first, args[reporter.code_argument].second, severity);
        }
        for (const auto& maker : kMadeAtRunTime) {
            if (maker.function != name || method || braced) continue;
            auto args = arguments(text, open);
            if (args.size() <= maker.prefix_argument) continue;
            for (const std::string* prefix : file.literals_in(args[maker.prefix_argument].first, args[maker.prefix_argument].second))
                for (auto suffix : maker.suffixes)
                    scan.uses.push_back({*prefix + std::string(suffix), ir::Severity::Error, file.where(open)});
        }
    }

    // {ir::Severity::X, file, line, column, CODE, message}
    static const std::regex kBuilt("\\{\\s*(ir::)?Severity::(Error|Warning|Note)\\s*,");
    for (std::sregex_iterator it(text.begin(), text.end(), kBuilt), end; it != end; ++it) {
        std::size_t open = static_cast<std::size_t>(it->position(0));
        auto args = arguments(text, open);
        if (args.size() < 5) continue;
        take_code(args[4].first, args[4].second, severity_named(it->str()));
    }

    // A line the driver writes itself: "... [CODE]\n", its severity said earlier in the statement.
    static const std::regex kBracketed(" \\[([a-z][a-z0-9]*(-[a-z0-9]+)*)\\]\\\\n$");
    for (std::size_t i = 0; i < file.literals.size(); ++i) {
        std::smatch m;
        if (!std::regex_search(file.literals[i], m, kBracketed)) continue;
        std::size_t at = text.find("\"" + std::to_string(i) + "\"");
        std::size_t statement = text.find_last_of(";{}", at);
        statement = statement == std::string::npos ? 0 : statement + 1;
        std::optional<ir::Severity> severity;
        for (const std::string* literal : file.literals_in(statement, at + 1))
            for (auto s : {ir::Severity::Error, ir::Severity::Warning, ir::Severity::Note})
                if (literal->find(": " + std::string(ir::to_string(s)) + ": ") != std::string::npos) severity = s;
        scan.uses.push_back({m[1].str(), severity, file.where(at)});
    }
}

SourceScan read_sources() {
    SourceScan scan;
    for (const char* folder : {"compiler", "backends"}) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::recursive_directory_iterator(testing::source_dir() / folder)) {
            auto extension = entry.path().extension();
            if (entry.is_regular_file() && (extension == ".cpp" || extension == ".hpp")) files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& path : files) {
            std::ifstream in(path, std::ios::binary);
            std::stringstream bytes;
            bytes << in.rdbuf();
            scan_file(strip(path.lexically_relative(testing::source_dir()).generic_string(), bytes.str()), scan);
        }
    }
    return scan;
}

const SourceScan& scan_sources() {
    static const SourceScan scan = read_sources();
    return scan;
}

std::string expected_row(const DiagnosticKind& kind) {
    return "| `" + std::string(kind.code) + "` | " + severities_text(kind.severities) + " | " +
           std::string(kind.description) + " |";
}

TEST(DiagnosticsCatalogue, EveryCodeReportedIsCatalogued) {
    const SourceScan& scan = scan_sources();
    for (const auto& problem : scan.problems) ADD_FAILURE() << problem;
    ASSERT_GT(scan.uses.size(), 100u) << "the scan finds too few reports: has the way of reporting changed?";
    for (const auto& use : scan.uses) {
        const DiagnosticKind* kind = find_diagnostic_kind(use.code);
        if (!kind) {
            ADD_FAILURE() << use.where << ": code '" << use.code
                          << "' is not in compiler/diagnostics/catalogue.cpp (nor docs/diagnostics.md)";
            continue;
        }
        if (use.severity && !kind->allows(*use.severity))
            ADD_FAILURE() << use.where << ": '" << use.code << "' reported as " << ir::to_string(*use.severity)
                          << ", which the catalogue does not list (" << severities_text(kind->severities) << ")";
    }
}

TEST(DiagnosticsCatalogue, EveryCatalogedCodeIsReported) {
    const SourceScan& scan = scan_sources();
    std::set<std::string> used;
    for (const auto& use : scan.uses) used.insert(use.code);
    for (const auto& kind : diagnostic_catalogue())
        EXPECT_TRUE(used.count(std::string(kind.code)))
            << "'" << kind.code << "' is catalogued but nothing in compiler/ or backends/ reports it";
}

TEST(DiagnosticsCatalogue, DocumentationListsTheCatalogue) {
    std::ifstream in(testing::source_dir() / "docs" / "diagnostics.md");
    ASSERT_TRUE(in) << "docs/diagnostics.md is missing";
    std::vector<std::string> documented;
    for (std::string line; std::getline(in, line);)
        if (line.starts_with("| `")) documented.push_back(line);
    std::vector<std::string> expected;
    for (const auto& kind : diagnostic_catalogue()) expected.push_back(expected_row(kind));
    if (documented != expected) {
        std::string table;
        for (const auto& row : expected) table += row + "\n";
        FAIL() << "docs/diagnostics.md does not list the catalogue of compiler/diagnostics/catalogue.cpp; its rows "
                  "should be:\n"
               << table;
    }
}

TEST(DiagnosticsCatalogue, LooksCodesUp) {
    const DiagnosticKind* kind = find_diagnostic_kind("markup-too-deep");
    ASSERT_NE(kind, nullptr);
    EXPECT_TRUE(kind->allows(ir::Severity::Error));
    EXPECT_TRUE(kind->allows(ir::Severity::Warning));
    EXPECT_FALSE(kind->allows(ir::Severity::Note));
    EXPECT_EQ(severities_text(kind->severities), "error or warning");
    EXPECT_TRUE(is_catalogued("layout", ir::Severity::Note));
    EXPECT_FALSE(is_catalogued("layout", ir::Severity::Error));
    EXPECT_FALSE(is_catalogued("no-such-code", ir::Severity::Error));
    EXPECT_EQ(find_diagnostic_kind(""), nullptr);
    for (const auto& k : diagnostic_catalogue()) {
        EXPECT_TRUE(is_code(k.code)) << k.code;
        EXPECT_NE(k.severities, 0u) << k.code;
        EXPECT_FALSE(k.description.empty()) << k.code;
        EXPECT_EQ(k.description.find('\n'), std::string_view::npos) << k.code;
        EXPECT_EQ(find_diagnostic_kind(k.code), &k);
    }
}

// The scanner itself, on a made-up file: each way of reporting is found,
// and comments and messages are not taken for codes.
TEST(DiagnosticsCatalogue, ScannerFindsEachWayOfReporting) {
    std::string source = R"cpp(
        // sink.error(where, "in-a-comment", "x");
        sink.error(where, "first-code", "a message (with, commas)");
        sink_.warning(location(spec_, 0), big ? "second-code" : "third-code", "m");
        sink->note(where, "fourth", std::string(5'000, ')'));
        to.report(d.severity, where, d.code, std::move(d.message));
        out.push_back({ir::Severity::Warning, file, d.line, 0, "fifth-code", "m"});
        return Violation{"sixth-code", "why"};
        result.push_back(diagnostic(ir::Severity::Note, name, "seventh-code", line));
        auto root = load_toml(path, "prefix", sink);
        err << "glossc: error: no '" << term << "' [eighth-code]\n";
        sink.error(where, std::string(prefix) + "-unlisted", "m");
        helper.error("not-a-reporter");
    )cpp";
    SourceScan scan;
    scan_file(strip("made-up.cpp", source), scan);
    std::map<std::string, std::optional<ir::Severity>> found;
    for (const auto& use : scan.uses) found[use.code] = use.severity;
    std::map<std::string, std::optional<ir::Severity>> expected = {
        {"first-code", ir::Severity::Error},       {"second-code", ir::Severity::Warning},
        {"third-code", ir::Severity::Warning},     {"fourth", ir::Severity::Note},
        {"fifth-code", ir::Severity::Warning},     {"sixth-code", ir::Severity::Error},
        {"seventh-code", ir::Severity::Note},      {"prefix-syntax", ir::Severity::Error},
        {"prefix-unreadable", ir::Severity::Error}, {"eighth-code", ir::Severity::Error},
    };
    EXPECT_EQ(found, expected);
    ASSERT_EQ(scan.problems.size(), 1u);
    EXPECT_NE(scan.problems[0].find("-unlisted"), std::string::npos);
}

}  // namespace
}  // namespace glossc
