// compiler/text/wrap: display width and greedy wrapping.
#include <gtest/gtest.h>

#include "text/wrap.hpp"

namespace glossc::text {
namespace {

WrapWords words(std::initializer_list<std::string_view> list) {
    WrapWords out;
    for (auto w : list) out.add_word(w);
    return out;
}

TEST(TextWrap, CountsColumnsNotBytes) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("\xE6\xBC\xA2\xE5\xAD\x97"), 4u);  // two CJK characters
    EXPECT_EQ(display_width("e\xCC\x81"), 1u);                 // e + combining acute
    EXPECT_EQ(display_width("\xF0\x9F\x98\x80"), 2u);          // an emoji
}

TEST(TextWrap, KeepsCombiningMarksWithTheirCharacter) {
    WrapWords units = words({"ae\xCC\x81\xCC\xA7z"});
    EXPECT_EQ(units.units(0), (std::vector<std::string_view>{"a", "e\xCC\x81\xCC\xA7", "z"}));
}

TEST(TextWrap, AMarkExtendsOnlyItsOwnWordsUnit) {
    WrapWords units;
    units.add_unit("a");
    units.extend_unit("\xCC\x81");  // joins "a"
    units.start_word();
    units.extend_unit("\xCC\x81");  // a word of its own yet: its first unit
    units.add_unit("b");
    EXPECT_EQ(units.units(0), (std::vector<std::string_view>{"a\xCC\x81"}));
    EXPECT_EQ(units.units(1), (std::vector<std::string_view>{"\xCC\x81", "b"}));
}

TEST(TextWrap, FillsLinesAndIndents) {
    auto lines = wrap(words({"aaa", "bbb", "ccc", "ddd"}), {9, 2, 4, "\\"});
    EXPECT_EQ(lines, (std::vector<std::string>{"  aaa bbb", "    ccc", "    ddd"}));
}

TEST(TextWrap, BreaksOnlyAWordWiderThanALine) {
    auto lines = wrap(words({"ab", "cdefghijkl", "m"}), {6, 0, 2, "\\"});
    EXPECT_EQ(lines, (std::vector<std::string>{"ab", "  cde\\", "  fgh\\", "  ijk\\", "  l m"}));
    auto wide = wrap(words({"\xE6\xBC\xA2\xE6\xBC\xA2\xE6\xBC\xA2"}), {5, 0, 0, "\\"});
    EXPECT_EQ(wide, (std::vector<std::string>{"\xE6\xBC\xA2\xE6\xBC\xA2\\", "\xE6\xBC\xA2"}));
}

}  // namespace
}  // namespace glossc::text
