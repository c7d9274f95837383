// Diagnostics quote the input, and file names come from the command line and
// from folders: what a terminal would act on (escape sequences, C1 controls,
// bidirectional overrides) is printed as a visible escape, so a hostile name
// can neither move the cursor nor reorder the line it is printed on.
#include <gtest/gtest.h>

#include "diagnostics/diagnostics.hpp"
#include "support/paths.hpp"

namespace glossc {
namespace {

TEST(DiagnosticsEscape, ControlAndBidiCharactersBecomeVisibleEscapes) {
    EXPECT_EQ(escape_for_terminal("plain text, caf\xC3\xA9, \xE6\x97\xA5\xE6\x9C\xAC \\x1b"),
              "plain text, caf\xC3\xA9, \xE6\x97\xA5\xE6\x9C\xAC \\x1b")
        << "printable text (a backslash too) is kept";
    EXPECT_EQ(escape_for_terminal("a\x1b[2Jb"), "a\\x1b[2Jb");
    EXPECT_EQ(escape_for_terminal(std::string("nul\0x", 5)), "nul\\x00x");
    EXPECT_EQ(escape_for_terminal("del\x7f"), "del\\x7f");
    EXPECT_EQ(escape_for_terminal("tab\tnl\ncr\r"), "tab\\x09nl\\x0acr\\x0d");
    EXPECT_EQ(escape_for_terminal("csi\xC2\x9B" "31m"), "csi\\u009b31m") << "U+009B, a C1 CSI";
    EXPECT_EQ(escape_for_terminal("bad\xFF\x9B"), "bad\\xff\\x9b") << "bytes that are no UTF-8";
    // Right-to-left override, the isolates, the marks.
    EXPECT_EQ(escape_for_terminal("x\xE2\x80\xAEtxt.exe"), "x\\u202etxt.exe");
    EXPECT_EQ(escape_for_terminal("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD"),
              "\\u202a\\u202b\\u202c\\u202d");
    EXPECT_EQ(escape_for_terminal("\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9"),
              "\\u2066\\u2067\\u2068\\u2069");
    EXPECT_EQ(escape_for_terminal("\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C"), "\\u200e\\u200f\\u061c");
    // Escaping twice changes nothing.
    std::string once = escape_for_terminal("a\x1b\xE2\x80\xAE\xC2\x9B\xFF");
    EXPECT_EQ(escape_for_terminal(once), once);
}

TEST(DiagnosticsEscape, FormatDiagnosticEscapesTheFileAndTheMessage) {
    ir::Diagnostic d{ir::Severity::Error, "evil\x1b]0;title\x07\xE2\x80\xAEmd.txt", 3, 5, "json-syntax",
                     "bad '\x1b[31mred\x1b[0m' \xE2\x81\xA6x\xE2\x81\xA9"};
    EXPECT_EQ(format_diagnostic(d),
              "evil\\x1b]0;title\\x07\\u202emd.txt:3:5: error: bad '\\x1b[31mred\\x1b[0m' \\u2066x\\u2069 [json-syntax]");
}

TEST(DiagnosticsEscape, TheSinkKeepsMessagesEscaped) {
    DiagnosticSink sink;
    sink.error(Location{"f.md", 1, 1}, "json-syntax", "name '\x1b[2J\xE2\x80\xAE' here\tand\nthere");
    ASSERT_EQ(sink.all().size(), 1u);
    // Line breaks and tabs are spaces (one line); the rest visible escapes,
    // in every output that prints the message (glossary.json's too).
    EXPECT_EQ(sink.all()[0].message, "name '\\x1b[2J\\u202e' here and there");
}

// End to end: a source whose file name holds an escape sequence and a
// right-to-left override, named on the command line.
TEST(DiagnosticsEscape, AHostileFileNameReachesTheTerminalEscaped) {
    testing::TempDir dir;
    const std::string name = "notes\x1b[2J\xE2\x80\xAE" "dm.md";
    testing::write_text(dir / name, "Text before any entry.\n\n## Dropout\n\nRandomly zeroes activations.\n\n## \n\nNo term.\n");
    auto result = testing::run_command("cd " + testing::shell_quote(dir.path().string()) + " && " +
                                       testing::shell_quote(testing::glossc_binary().string()) + " check --source " +
                                       testing::shell_quote(name));
    EXPECT_NE(result.output.find("notes\\x1b[2J\\u202edm.md"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find('\x1b'), std::string::npos) << "a raw ESC reached the terminal";
    EXPECT_EQ(result.output.find("\xE2\x80\xAE"), std::string::npos) << "a raw U+202E reached the terminal";
}

}  // namespace
}  // namespace glossc
