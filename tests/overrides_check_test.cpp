// Overrides that contradict each other are reported (README, "Overrides"),
// with both lines: two [[headword]] or [[category]] for one entry, when the
// overrides are read; for two entries of one concept, when they are applied
// (tests/bad_input/overrides-headword-conflict runs that through the binary).
#include <gtest/gtest.h>

#include "merge/merge_data.hpp"

namespace glossc {
namespace {

std::vector<std::string> read(std::string_view toml) {
    DiagnosticSink sink;
    auto overrides = merge::parse_overrides(toml, "overrides.toml", sink);
    EXPECT_TRUE(overrides.has_value());
    std::vector<std::string> lines;
    for (const auto& d : sink.all()) lines.push_back(format_diagnostic(d));
    return lines;
}

TEST(OverridesCheck, TwoHeadwordsForOneEntryAreAContradiction) {
    auto lines = read("[[headword]]\nentry = \"notes:Dropout\"\nheadword = \"Dropout\"\n"
                      "[[headword]]\nentry = \"notes:Weight decay\"\nheadword = \"L2\"\n"
                      "[[headword]]\nentry = \"notes:Dropout\"\nheadword = \"Dropout regularization\"\n");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "overrides.toml:8:9: warning: [[headword]] gives 'notes:Dropout' the headword 'Dropout "
                        "regularization', and the one at line 2 the headword 'Dropout'; the last one is applied "
                        "[override-conflict]");
}

TEST(OverridesCheck, TheSameOverrideTwiceIsADuplicateNotAContradiction) {
    auto lines = read("[[headword]]\nentry = \"notes:Dropout\"\nheadword = \"Dropout\"\n"
                      "[[headword]]\nentry = \"notes:Dropout\"\nheadword = \"Dropout\"\n"
                      "[[category]]\nentry = \"notes:Dropout\"\ncategories = [\"training\", \"regularization\"]\n"
                      "[[category]]\nentry = \"notes:Dropout\"\ncategories = [\"training\", \"regularization\"]\n");
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "overrides.toml:5:9: warning: [[headword]] for 'notes:Dropout' says again what the one at "
                        "line 2 says [override-duplicate]");
    EXPECT_EQ(lines[1], "overrides.toml:11:9: warning: [[category]] for 'notes:Dropout' says again what the one at "
                        "line 8 says [override-duplicate]");
}

TEST(OverridesCheck, TwoCategoryListsForOneEntryAreAContradiction) {
    auto lines = read("[[category]]\nentry = \"notes:Dropout\"\ncategories = [\"training\"]\n"
                      "[[category]]\nentry = \"notes:Dropout\"\ncategories = [\"regularization\", \"training\"]\n");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "overrides.toml:5:9: warning: [[category]] gives 'notes:Dropout' the categories "
                        "['regularization', 'training'], and the one at line 2 the categories ['training']; the last "
                        "one is applied [override-conflict]");
}

TEST(OverridesCheck, OverridesOfDifferentEntriesSayNothing) {
    EXPECT_TRUE(read("[[headword]]\nentry = \"notes:Dropout\"\nheadword = \"Dropout\"\n"
                     "[[headword]]\nentry = \"other:Dropout\"\nheadword = \"Drop-out\"\n")
                    .empty());
}

}  // namespace
}  // namespace glossc
